// The reviewer page: plain DOM, no framework. Text from the API is only ever set with textContent.
'use strict';

const API = '/api/v1/audit';
const state = { token: '', reason: '', searchNext: null, searchQuery: null, session: null, timelineNext: null };

const $ = (id) => document.getElementById(id);

function say(text) {
  $('message').textContent = text || '';
}

function requireAccess() {
  if (!state.token || !state.reason) {
    say('Enter a token and a reason for access first.');
    $(state.token ? 'reason' : 'token').focus();
    return false;
  }
  return true;
}

async function call(path, params) {
  const query = new URLSearchParams(params);
  query.set('reason', state.reason);
  const response = await fetch(`${API}${path}?${query}`, {
    headers: { Authorization: `Bearer ${state.token}`, Accept: 'application/json' },
  });
  if (!response.ok) {
    throw await problemOf(response);
  }
  return response;
}

async function problemOf(response) {
  let text = `The request failed (${response.status}).`;
  try {
    const problem = await response.json();
    text = `${problem.title || 'Error'}: ${problem.detail || ''}`;
    if (Array.isArray(problem.errors)) {
      text += ' ' + problem.errors.map((e) => `${e.parameter} ${e.message}`).join('; ');
    }
  } catch (ignored) {
    // not a problem document
  }
  const error = new Error(text);
  error.status = response.status;
  return error;
}

function utc(localValue) {
  // datetime-local has no zone; the form says UTC.
  return localValue ? `${localValue.length === 16 ? localValue + ':00' : localValue}Z` : '';
}

function searchParams() {
  const params = {};
  for (const [name, id] of [['sessionId', 'f-session'], ['subject', 'f-subject'], ['action', 'f-action'],
    ['severity', 'f-severity']]) {
    const value = $(id).value.trim();
    if (value) params[name] = value;
  }
  if ($('f-from').value) params.from = utc($('f-from').value);
  if ($('f-to').value) params.to = utc($('f-to').value);
  return params;
}

function cell(row, text) {
  const td = document.createElement('td');
  td.textContent = text == null ? '' : String(text);
  row.appendChild(td);
  return td;
}

function showRecords(records, append) {
  const body = $('results').querySelector('tbody');
  if (!append) body.replaceChildren();
  for (const r of records) {
    const row = document.createElement('tr');
    cell(row, r.eventTime);
    const sessionCell = cell(row, '');
    if (r.sessionId) {
      const open = document.createElement('button');
      open.type = 'button';
      open.className = 'open-session';
      open.textContent = r.sessionId;
      open.setAttribute('aria-label', `Open the timeline of session ${r.sessionId}`);
      open.addEventListener('click', () => openTimeline(r.sessionId));
      sessionCell.appendChild(open);
    }
    cell(row, r.action);
    cell(row, [r.subjectId, r.subjectRole].filter(Boolean).join(' / '));
    cell(row, r.outcome);
    cell(row, r.severity);
    body.appendChild(row);
  }
  $('results').hidden = false;
}

async function search(append) {
  if (!requireAccess()) return;
  say('');
  const params = append ? { ...state.searchQuery, cursor: state.searchNext } : searchParams();
  try {
    const page = await (await call('/records', params)).json();
    state.searchQuery = append ? state.searchQuery : params;
    state.searchNext = page.next;
    showRecords(page.records, append);
    $('results-more').hidden = !page.next;
    if (!append && page.records.length === 0) say('No records match.');
  } catch (error) {
    say(error.message);
  }
}

function timelineEntry(r) {
  const li = document.createElement('li');
  li.className = r.lane;
  li.dataset.lane = r.lane;
  li.dataset.id = r.id;
  const lane = document.createElement('span');
  lane.className = 'lane';
  lane.textContent = { verdict: 'Safety verdict', escalation: 'Escalation', access: 'Access', consent: 'Consent',
    message: 'Message', session: 'Session', security: 'Security' }[r.lane] || 'Event';
  li.appendChild(lane);
  const what = document.createElement('span');
  what.className = 'action';
  what.textContent = r.action + (r.severity ? ` (severity ${r.severity})` : '') + (r.category ? ` ${r.category}` : '');
  li.appendChild(what);
  const meta = document.createElement('div');
  meta.className = 'meta';
  meta.textContent = `${r.eventTime} · ${[r.subjectId, r.subjectRole].filter(Boolean).join(' / ') || 'system'}`
    + (r.outcome ? ` · ${r.outcome}` : '');
  li.appendChild(meta);
  if (r.contentState === 'shown') {
    const text = document.createElement('p');
    text.className = 'content';
    text.textContent = r.content;
    li.appendChild(text);
  } else if (r.contentState === 'withheld' || r.contentState === 'unreadable') {
    const text = document.createElement('p');
    text.className = 'content withheld';
    text.textContent = r.contentState === 'withheld' ? 'Message text withheld for your role.'
      : 'Message text could not be decrypted.';
    li.appendChild(text);
  }
  return li;
}

async function loadTimeline(append) {
  const params = append ? { cursor: state.timelineNext } : {};
  const page = await (await call(`/sessions/${encodeURIComponent(state.session)}/timeline`, params)).json();
  const list = $('timeline');
  if (!append) list.replaceChildren();
  for (const r of page.entries) list.appendChild(timelineEntry(r));
  state.timelineNext = page.next;
  $('timeline-more').hidden = !page.next;
}

async function verify() {
  const badge = $('verify-badge');
  badge.className = 'badge';
  badge.textContent = 'Checking the hash chain…';
  try {
    const result = await (await call(`/sessions/${encodeURIComponent(state.session)}/verify`, {})).json();
    const ok = [result.verified, result.intact, result.valid].find((v) => typeof v === 'boolean');
    const broken = result.firstBrokenLink;
    const count = result.records;
    if (ok === true) {
      badge.className = 'badge verified';
      badge.textContent = `Chain verified${count != null ? ` (${count} records)` : ''}`;
    } else {
      badge.className = 'badge broken';
      const where = broken ? ` at link ${broken.seq}${broken.problem ? ` (${broken.problem})` : ''}` : '';
      badge.textContent = `Chain BROKEN${where}`;
    }
  } catch (error) {
    badge.className = 'badge';
    badge.textContent = `Chain verification unavailable (${error.status || 'error'})`;
  }
}

async function openTimeline(sessionId) {
  if (!requireAccess()) return;
  say('');
  state.session = sessionId;
  $('timeline-session').textContent = sessionId;
  $('timeline-section').hidden = false;
  try {
    await loadTimeline(false);
    $('timeline-heading').setAttribute('tabindex', '-1');
    $('timeline-heading').focus();
  } catch (error) {
    say(error.message);
  }
  verify();
}

async function exportAs(format, params) {
  if (!requireAccess()) return;
  say('');
  try {
    const response = await call('/export', { ...params, format });
    const blob = await response.blob();
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `audit-export.${format}`;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  } catch (error) {
    say(error.message);
  }
}

document.addEventListener('DOMContentLoaded', () => {
  state.token = sessionStorage.getItem('tta.review.token') || '';
  state.reason = sessionStorage.getItem('tta.review.reason') || '';
  $('token').value = state.token;
  $('reason').value = state.reason;

  $('access-form').addEventListener('submit', (event) => {
    event.preventDefault();
    state.token = $('token').value.trim();
    state.reason = $('reason').value.trim();
    sessionStorage.setItem('tta.review.token', state.token);
    sessionStorage.setItem('tta.review.reason', state.reason);
    $('access-state').textContent = state.token && state.reason ? 'Ready.' : '';
  });
  $('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    search(false);
  });
  $('results-more').addEventListener('click', () => search(true));
  $('timeline-more').addEventListener('click', () => loadTimeline(true).catch((e) => say(e.message)));
  $('export-ndjson').addEventListener('click', () => exportAs('ndjson', searchParams()));
  $('export-csv').addEventListener('click', () => exportAs('csv', searchParams()));
  $('timeline-export-ndjson').addEventListener('click', () => exportAs('ndjson', { sessionId: state.session }));
  $('timeline-export-csv').addEventListener('click', () => exportAs('csv', { sessionId: state.session }));
});

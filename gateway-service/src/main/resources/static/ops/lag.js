// Reads GET /api/v1/ops/lag/stream with the operator's bearer token (EventSource cannot send one, so this parses
// the SSE stream from fetch) and redraws the tables on every report. Reconnects after a pause when the stream ends.
(function () {
  const tokenInput = document.getElementById('token');
  const state = document.getElementById('state');
  const groups = document.getElementById('groups');
  tokenInput.value = sessionStorage.getItem('tta-ops-token') || '';
  let controller = null;

  document.getElementById('connect').addEventListener('click', () => {
    sessionStorage.setItem('tta-ops-token', tokenInput.value);
    connect();
  });

  async function connect() {
    if (controller) controller.abort();
    controller = new AbortController();
    state.textContent = 'connecting';
    try {
      const response = await fetch('/api/v1/ops/lag/stream', {
        headers: { 'Authorization': 'Bearer ' + tokenInput.value, 'Accept': 'text/event-stream' },
        signal: controller.signal
      });
      if (!response.ok) {
        const problem = await response.json().catch(() => ({ title: response.statusText }));
        state.textContent = response.status + ' ' + (problem.title || '') + ' ' + (problem.detail || '');
        return;
      }
      state.textContent = 'live';
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').filter(l => l.startsWith('data:')).map(l => l.slice(5)).join('\n');
          if (data) render(JSON.parse(data));
        }
      }
      state.textContent = 'stream ended, reconnecting';
    } catch (e) {
      if (e.name === 'AbortError') return;
      state.textContent = 'disconnected (' + e.message + '), reconnecting';
    }
    setTimeout(connect, 5000);
  }

  function cell(row, text, cls) {
    const td = row.insertCell();
    td.textContent = text;
    if (cls) td.className = cls;
  }

  function render(report) {
    state.textContent = 'live, evaluated ' + report.evaluatedAt;
    groups.replaceChildren();
    for (const group of report.groups) {
      const title = document.createElement('h2');
      title.append(group.group + ' ');
      const status = document.createElement('span');
      status.className = group.status;
      status.textContent = group.status;
      title.append(status);
      title.append(` — ${group.state}, ${group.members} members, ${group.totalLagRecords} records, ` +
        `${group.maxLagSeconds.toFixed(1)} s` + (group.error ? ', error ' + group.error : ''));
      groups.append(title);
      const table = document.createElement('table');
      const head = table.createTHead().insertRow();
      for (const h of ['topic', 'partition', 'committed', 'end', 'lag (records)', 'lag (s)', 'status']) {
        const th = document.createElement('th');
        th.textContent = h;
        head.append(th);
      }
      const body = table.createTBody();
      for (const p of group.partitions) {
        const row = body.insertRow();
        cell(row, p.topic);
        cell(row, p.partition);
        cell(row, p.committedOffset);
        cell(row, p.endOffset);
        cell(row, p.lagRecords);
        cell(row, p.lagSeconds < 0 ? 'unknown' : p.lagSeconds.toFixed(1));
        cell(row, p.status, p.status);
      }
      groups.append(table);
    }
  }

  if (tokenInput.value) connect();
})();

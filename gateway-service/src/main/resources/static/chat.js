// Session chat over the gateway's WebSocket protocol (docs/realtime-protocol.md):
// POST /api/v1/ws-tickets -> GET /ws/v1/sessions/{id}?ticket=..&since=<last position>; reconnects and resumes.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const seen = new Set();      // event ids already shown (an event may come again after a resume)
  let socket = null;
  let lastPosition = null;
  let stopped = false;

  function status(text) { $('status').textContent = text; }

  function show(text, cls) {
    const line = document.createElement('p');
    line.textContent = text;   // never innerHTML: message text is untrusted
    if (cls) line.className = cls;
    $('log').appendChild(line);
    $('log').scrollTop = $('log').scrollHeight;
  }

  async function ticket(sessionId) {
    const response = await fetch('/api/v1/ws-tickets', {
      method: 'POST',
      headers: { 'Authorization': 'Bearer ' + $('token').value.trim(), 'Content-Type': 'application/json' },
      body: JSON.stringify({ sessionId })
    });
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      throw new Error(problem.detail || problem.title || response.status);
    }
    return (await response.json()).ticket;
  }

  async function connect() {
    const sessionId = $('session').value.trim();
    stopped = false;
    status('connecting');
    let t;
    try {
      t = await ticket(sessionId);
    } catch (e) {
      status('refused: ' + e.message);
      return;
    }
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    let url = scheme + '://' + location.host + '/ws/v1/sessions/' + encodeURIComponent(sessionId) + '?ticket=' + encodeURIComponent(t);
    if (lastPosition) url += '&since=' + encodeURIComponent(lastPosition);
    socket = new WebSocket(url);
    socket.onopen = () => status('connected');
    socket.onmessage = (m) => onFrame(JSON.parse(m.data));
    socket.onclose = (e) => {
      status('closed ' + e.code);
      if (e.code === 4410) { lastPosition = null; }          // resume unavailable: start afresh
      if (!stopped && e.code !== 4400 && e.code !== 4403) {
        setTimeout(connect, 1000);                             // reconnect and resume from lastPosition
      }
    };
  }

  function onFrame(frame) {
    switch (frame.type) {
      case 'event': {
        lastPosition = frame.position;
        if (seen.has(frame.event.id)) return;
        seen.add(frame.event.id);
        const data = frame.event.data || {};
        show((data.authorId || frame.event.source) + ': ' + (data.text || frame.event.type), 'message');
        break;
      }
      case 'presence':
        $('presence').textContent = frame.participants.map((p) => p.subject + ' (' + p.role + ')').join(', ') || 'nobody';
        break;
      case 'ack':
        break;                                                  // the event itself arrives as an event frame
      case 'error':
        show('error: ' + frame.problem.title + (frame.problem.detail ? ' - ' + frame.problem.detail : ''), 'meta');
        break;
      case 'resume-unavailable':
        show('history gap: reload the session', 'meta');
        break;
      default:
        break;
    }
  }

  $('connect').addEventListener('click', () => {
    if (socket) { stopped = true; socket.close(1000); }
    connect();
  });
  $('send-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const text = $('text').value;
    if (!text || !socket || socket.readyState !== WebSocket.OPEN) return;
    socket.send(JSON.stringify({ type: 'message', id: crypto.randomUUID(), data: { text } }));
    $('text').value = '';
  });
  setInterval(() => {
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: 'ping' }));
  }, 20000);
}());

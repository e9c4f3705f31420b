// Job state changes pushed by the server (GET /api/v1/jobs/stream, server-sent events). EventSource cannot send an
// Authorization header, so the stream is read with fetch() and parsed here. Views subscribe with onJobChange();
// after a reconnect they are told to reload, since changes made while the stream was down were not seen.

import { session } from './api.js';

const listeners = new Set();
let controller = null;
let retryDelay = 1000;

export function onJobChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function status(text, state) {
  const live = document.getElementById('live');
  live.textContent = text;
  live.dataset.state = state;
  document.body.dataset.live = state;
}

function dispatch(event) {
  for (const listener of [...listeners]) {
    try { listener(event); } catch (error) { console.error(error); }
  }
}

export function startLive() {
  stopLive();
  const current = new AbortController();
  controller = current;
  let reconnecting = false;
  (async () => {
    while (!current.signal.aborted) {
      try {
        status(reconnecting ? 'Reconnecting' : 'Connecting', 'connecting');
        const response = await fetch('/api/v1/jobs/stream', {
          headers: { Accept: 'text/event-stream', Authorization: `Bearer ${session.key}` },
          signal: current.signal, cache: 'no-store',
        });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        await read(response.body, current.signal, () => {
          status('Live', 'on');
          retryDelay = 1000;
          if (reconnecting) dispatch({ type: 'reconnected' });
        });
      } catch (error) {
        if (current.signal.aborted) return;
      }
      reconnecting = true;
      status('Reconnecting', 'off');
      await new Promise(resolve => setTimeout(resolve, retryDelay));
      retryDelay = Math.min(retryDelay * 2, 30000);
    }
  })();
}

export function stopLive() {
  if (controller) controller.abort();
  controller = null;
}

async function read(body, signal, onReady) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  while (!signal.aborted) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = 'message';
      const data = [];
      for (const line of frame.split('\n')) {
        if (line.startsWith('event:')) name = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (name === 'ready') onReady();
      else if (name === 'job' && data.length) dispatch({ type: 'job', job: JSON.parse(data.join('\n')) });
    }
  }
}

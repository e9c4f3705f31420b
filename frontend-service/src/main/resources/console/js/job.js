// A job: its state timeline (from its history), params, result (a table for query rows), error, progress, trace id and
// attempts, with Cancel and Retry where its state and the key's roles allow them.

import { api, session } from './api.js';
import { announce, badge, clear, confirmAction, throttle, h, json, problemText, RETRYABLE, shortId, TERMINAL, time }
  from './dom.js';
import { onJobChange } from './live.js';

export async function jobView(main, { id }) {
  const message = h('p', { class: 'message', role: 'status', id: 'job-message' });

  async function render() {
    const [job, events] = await Promise.all([api(`/api/v1/jobs/${id}`), api(`/api/v1/jobs/${id}/events`)]);
    const worker = [...events].reverse().find(event => event.worker)?.worker;
    const actions = h('div', { class: 'actions' });
    if (session.has('operate') && !TERMINAL.includes(job.state)) {
      actions.append(h('button', { type: 'button', class: 'danger', id: 'cancel-job', onclick: () => act('cancel',
        'Cancel this job?', job.state === 'RUNNING'
          ? 'Its worker is asked to stop it; it ends CANCELLED within moments.'
          : 'It will not run.', 'Cancel job') }, 'Cancel'));
    }
    if (session.has('operate') && RETRYABLE.includes(job.state)) {
      actions.append(h('button', { type: 'button', id: 'retry-job', onclick: () => act('retry', 'Retry this job?',
        'It starts over as a new attempt.', 'Retry job') }, 'Retry'));
    }
    const details = [
      ['Type', job.type],
      ['State', badge(job.state)],
      ['Attempt', h('span', { id: 'job-attempt' }, `${job.attempt} of ${job.maxAttempts}`)],
      ['Worker', worker || '—'],
      ['Created', time(job.createdAt)],
      ['Queued', time(job.queuedAt)],
      ['Started', time(job.startedAt)],
      ['Finished', time(job.finishedAt)],
      ['Run at', time(job.runAt)],
      ['Timeout', job.timeout],
      ['Manifest', job.manifestId && h('a', { href: `#/manifests/${job.manifestId}` }, shortId(job.manifestId))],
      ['Submitted by job', job.parentId && h('a', { href: `#/jobs/${job.parentId}` }, shortId(job.parentId))],
      ['Trace id', job.traceId && h('span', { class: 'mono', id: 'job-trace-id' }, job.traceId)],
      ['Labels', Object.entries(job.labels || {}).map(([k, v]) => h('span', { class: 'label' }, `${k}=${v}`))],
      ['Cancel requested', job.cancelRequested ? 'yes' : null],
    ].filter(([, value]) => value !== null && value !== undefined && value !== '' && !(Array.isArray(value)
      && value.length === 0));
    clear(main,
      h('h1', {}, 'Job ', h('span', { class: 'mono' }, job.id), ' ', h('span', { id: 'job-state' }, badge(job.state))),
      actions,
      message,
      h('div', { class: 'columns' },
        h('section', { 'aria-labelledby': 'details-title' },
          h('h2', { id: 'details-title' }, 'Details'),
          h('dl', { class: 'details' }, details.map(([name, value]) => [h('dt', {}, name), h('dd', {}, value)]))),
        h('section', { 'aria-labelledby': 'timeline-title' },
          h('h2', { id: 'timeline-title' }, 'Timeline'),
          h('ol', { class: 'timeline', id: 'timeline' }, events.map(event => h('li', {},
            time(event.at), ' ', event.from ? [badge(event.from), ' → '] : '', badge(event.to),
            ` attempt ${event.attempt}`, event.worker ? ` on ${event.worker}` : '',
            event.message ? h('div', { class: 'event-message' }, event.message) : ''))))),
      job.error && h('section', { 'aria-labelledby': 'error-title' },
        h('h2', { id: 'error-title' }, 'Error'), h('pre', { class: 'error-text', id: 'job-error' }, job.error)),
      job.progress && h('section', { 'aria-labelledby': 'progress-title' },
        h('h2', { id: 'progress-title' }, 'Progress'), json(job.progress)),
      job.result && h('section', { 'aria-labelledby': 'result-title', id: 'job-result' },
        h('h2', { id: 'result-title' }, 'Result'), result(job.result)),
      h('section', { 'aria-labelledby': 'params-title' },
        h('h2', { id: 'params-title' }, 'Params'), json(job.params)));
    main.dataset.state = job.state;
  }

  async function act(action, title, text, label) {
    if (!await confirmAction(title, text, label)) return;
    try {
      const job = await api(`/api/v1/jobs/${id}/${action}`, { method: 'POST' });
      const done = action === 'cancel'
        ? (job.state === 'CANCELLED' ? 'Cancelled.' : 'Its worker was asked to stop it.')
        : 'Retrying: a new attempt starts.';
      await render();
      message.textContent = done;
      announce(done);
    } catch (error) {
      message.textContent = `Could not ${action}: ${problemText(error)}`;
    }
  }

  const reload = throttle(() => render().catch(() => {}), 150);
  const stop = onJobChange(event => {
    if (event.type === 'reconnected' || event.job.id === id) reload();
  });
  await render();
  return () => {
    stop();
    reload.cancel();
  };
}

/** Query rows as a table; anything else as JSON. */
function result(value) {
  const rows = Array.isArray(value.rows) ? value.rows : null;
  if (!rows || rows.length === 0 || typeof rows[0] !== 'object') return json(value);
  const columns = Object.keys(rows[0]);
  const rest = Object.fromEntries(Object.entries(value).filter(([name]) => name !== 'rows'));
  return h('div', {},
    h('div', { class: 'table-scroll' }, h('table', { class: 'result' },
      h('caption', {}, `${value.rowCount ?? rows.length} row(s)${value.truncated ? ', truncated' : ''}`),
      h('thead', {}, h('tr', {}, columns.map(column => h('th', { scope: 'col' }, column)))),
      h('tbody', {}, rows.map(row => h('tr', {}, columns.map(column => h('td', {}, cell(row[column])))))))),
    Object.keys(rest).length > 2 ? json(rest) : null);
}

function cell(value) {
  if (value === null || value === undefined) return h('span', { class: 'null' }, 'null');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

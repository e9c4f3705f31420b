// Manifests: the list, and one manifest as a live DAG (colours follow its jobs' states as they change).

import { api, query, session } from './api.js';
import { announce, badge, clear, confirmAction, throttle, h, problemText, shortId, time } from './dom.js';
import { drawGraph, updateGraph } from './graph.js';
import { onJobChange } from './live.js';

const PAGE_SIZE = 25;

export async function manifestsView(main, { params }) {
  const state = params.get('state') || '';
  const cursors = [];
  let cursor = '';
  const tbody = h('tbody');
  const older = h('button', { type: 'button', class: 'secondary' }, 'Older →');
  const newer = h('button', { type: 'button', class: 'secondary', onclick: () => {
    cursor = cursors.pop() || '';
    load();
  } }, '← Newer');
  const select = h('select', { id: 'filter-manifest-state' }, h('option', { value: '' }, 'Any state'),
    ['RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'].map(s => h('option', { value: s, selected: s === state }, s)));
  clear(main,
    h('h1', {}, 'Manifests'),
    h('form', { class: 'filters', onsubmit: event => {
      event.preventDefault();
      location.hash = `#/manifests${query({ state: select.value })}`;
    } }, h('label', { for: 'filter-manifest-state' }, 'State'), select, h('button', { type: 'submit' }, 'Filter')),
    h('div', { class: 'table-scroll' }, h('table', { id: 'manifests' },
      h('caption', { class: 'visually-hidden' }, 'Manifests, newest first'),
      h('thead', {}, h('tr', {}, ['Manifest', 'Name', 'State', 'Created', 'Finished']
        .map(name => h('th', { scope: 'col' }, name)))),
      tbody)),
    h('div', { class: 'pager' }, newer, older));

  async function load() {
    const page = await api(`/api/v1/manifests${query({ state, limit: PAGE_SIZE, cursor })}`);
    clear(tbody, page.items.length ? page.items.map(manifest => h('tr', { 'data-manifest': manifest.id },
      h('td', {}, h('a', { href: `#/manifests/${manifest.id}`, class: 'mono' }, shortId(manifest.id))),
      h('td', {}, manifest.name),
      h('td', {}, badge(manifest.state)),
      h('td', {}, time(manifest.createdAt)),
      h('td', {}, time(manifest.finishedAt)))) : h('tr', {}, h('td', { colspan: 5 }, 'No manifests.')));
    newer.disabled = cursors.length === 0;
    older.disabled = !page.nextCursor;
    older.onclick = () => {
      cursors.push(cursor);
      cursor = page.nextCursor;
      load();
    };
  }

  const reload = throttle(() => load().catch(() => {}), 500);
  const stop = onJobChange(event => {
    if (event.type === 'reconnected' || event.job.manifestId) reload();
  });
  await load();
  return () => {
    stop();
    reload.cancel();
  };
}

export async function manifestView(main, { id }) {
  const message = h('p', { class: 'message', role: 'status' });
  const graphHolder = h('div', { class: 'graph-scroll', tabindex: '0', 'aria-label': 'Graph, scrollable' });
  const title = h('h1');
  const actions = h('div', { class: 'actions' });
  const tbody = h('tbody');
  clear(main, title, actions, message,
    h('section', { 'aria-labelledby': 'graph-title' }, h('h2', { id: 'graph-title' }, 'Graph'), graphHolder),
    h('section', { 'aria-labelledby': 'manifest-jobs-title' }, h('h2', { id: 'manifest-jobs-title' }, 'Jobs'),
      h('div', { class: 'table-scroll' }, h('table', { id: 'manifest-jobs' },
        h('thead', {}, h('tr', {}, ['Key', 'Type', 'State', 'Depends on', 'Attempt', 'Error']
          .map(name => h('th', { scope: 'col' }, name)))), tbody))));

  async function render() {
    const manifest = await api(`/api/v1/manifests/${id}`);
    clear(title, 'Manifest ', h('span', {}, manifest.name), ' ', badge(manifest.state));
    clear(actions);
    if (session.has('operate') && manifest.state === 'RUNNING') {
      actions.append(h('button', { type: 'button', class: 'danger', id: 'cancel-manifest', onclick: cancel },
        'Cancel manifest'));
    }
    if (!updateGraph(graphHolder.querySelector('svg'), manifest)) clear(graphHolder, drawGraph(manifest));
    clear(tbody, manifest.jobs.map(job => h('tr', { 'data-key': job.key },
      h('td', {}, h('a', { href: `#/jobs/${job.id}` }, job.key)),
      h('td', {}, job.type),
      h('td', {}, badge(job.state)),
      h('td', {}, (job.dependsOn || []).join(', ')),
      h('td', {}, `${job.attempt} / ${job.maxAttempts}`),
      h('td', {}, job.error || ''))));
    main.dataset.state = manifest.state;
  }

  async function cancel() {
    if (!await confirmAction('Cancel this manifest?', 'Every job not yet finished is cancelled; running ones are'
      + ' asked to stop.', 'Cancel manifest')) return;
    try {
      await api(`/api/v1/manifests/${id}/cancel`, { method: 'POST' });
      await render();
      message.textContent = 'Cancelled.';
      announce('Manifest cancelled.');
    } catch (error) {
      message.textContent = `Could not cancel: ${problemText(error)}`;
    }
  }

  const reload = throttle(() => render().catch(() => {}), 150);
  const stop = onJobChange(event => {
    if (event.type === 'reconnected' || event.job.manifestId === id) reload();
  });
  await render();
  return () => {
    stop();
    reload.cancel();
  };
}

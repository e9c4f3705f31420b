// The job list: counts by state, filters, newest first, one page at a time with the API's cursors, kept current by
// the live stream (a change to a shown job updates its row; a new job matching the filters reloads the first page).

import { api, query } from './api.js';
import { badge, clear, throttle, h, problemText, shortId, STATES, time } from './dom.js';
import { onJobChange } from './live.js';

const PAGE_SIZE = 25;

export async function jobsView(main, { params }) {
  const filters = {
    state: params.get('state') || '',
    type: params.get('type') || '',
    label: params.get('label') || '',
    since: params.get('since') || '',
    until: params.get('until') || '',
  };
  const cursors = [];
  let cursor = params.get('cursor') || '';
  const rows = new Map();

  const counts = h('ul', { class: 'counts', 'aria-label': 'Jobs by state' });
  const tbody = h('tbody');
  const status = h('p', { class: 'help', role: 'status' });
  const newer = h('button', { type: 'button', class: 'secondary', onclick: () => {
    cursor = cursors.pop() || '';
    load();
  } }, '← Newer');
  const older = h('button', { type: 'button', class: 'secondary', id: 'older-jobs' }, 'Older →');
  const newest = h('button', { type: 'button', class: 'secondary', onclick: () => {
    cursors.length = 0;
    cursor = '';
    load();
  } }, 'Newest');

  const stateSelect = h('select', { id: 'filter-state', name: 'state' },
    h('option', { value: '' }, 'Any state'),
    STATES.map(state => h('option', { value: state, selected: state === filters.state }, state)));
  const typeSelect = h('select', { id: 'filter-type', name: 'type' }, h('option', { value: '' }, 'Any type'));
  api('/api/v1/job-types').then(types => {
    for (const type of types) {
      typeSelect.append(h('option', { value: type.type, selected: type.type === filters.type }, type.type));
    }
  }).catch(() => {});
  const labelInput = h('input', { id: 'filter-label', name: 'label', value: filters.label, placeholder: 'team=finance',
    autocomplete: 'off', size: 14 });
  const sinceInput = h('input', { id: 'filter-since', name: 'since', type: 'datetime-local',
    value: localInput(filters.since) });
  const untilInput = h('input', { id: 'filter-until', name: 'until', type: 'datetime-local',
    value: localInput(filters.until) });
  const form = h('form', { class: 'filters', onsubmit: event => {
    event.preventDefault();
    location.hash = `#/jobs${query({ state: stateSelect.value, type: typeSelect.value, label: labelInput.value.trim(),
      since: isoInstant(sinceInput.value), until: isoInstant(untilInput.value) })}`;
  } },
  h('label', { for: 'filter-state' }, 'State'), stateSelect,
  h('label', { for: 'filter-type' }, 'Type'), typeSelect,
  h('label', { for: 'filter-label' }, 'Label'), labelInput,
  h('label', { for: 'filter-since' }, 'Created from'), sinceInput,
  h('label', { for: 'filter-until' }, 'to'), untilInput,
  h('button', { type: 'submit' }, 'Filter'));
  const error = h('p', { class: 'error', role: 'alert' });

  clear(main,
    h('h1', {}, 'Jobs'),
    counts,
    form,
    error,
    h('div', { class: 'table-scroll' },
      h('table', { id: 'jobs' },
        h('caption', { class: 'visually-hidden' }, 'Jobs, newest first'),
        h('thead', {}, h('tr', {},
          ['Job', 'Type', 'State', 'Attempt', 'Labels', 'Created', 'Finished']
            .map(name => h('th', { scope: 'col' }, name)))),
        tbody)),
    h('div', { class: 'pager' }, newest, newer, older, status));

  async function loadCounts() {
    const answer = await api('/api/v1/jobs/counts');
    clear(counts, h('li', {}, h('a', { href: '#/jobs' }, 'All ', h('strong', {}, answer.total.toLocaleString()))),
      Object.entries(answer.states).map(([state, count]) => h('li', {},
        h('a', { href: `#/jobs${query({ state })}`, class: `count state-${state}`, 'data-state': state,
          'aria-current': state === filters.state ? 'true' : null },
        `${state} `, h('strong', { 'data-count': state }, count.toLocaleString())))));
  }

  function row(job) {
    return h('tr', { 'data-job': job.id },
      h('td', {}, h('a', { href: `#/jobs/${job.id}`, class: 'mono', title: job.id }, shortId(job.id))),
      h('td', {}, job.type),
      h('td', { class: 'state' }, badge(job.state)),
      h('td', {}, `${job.attempt} / ${job.maxAttempts}`),
      h('td', {}, Object.entries(job.labels || {}).map(([name, value]) => h('a', { class: 'label',
        href: `#/jobs${query({ label: `${name}=${value}` })}`, title: 'Show jobs with this label' },
      `${name}=${value}`))),
      h('td', {}, time(job.createdAt)),
      h('td', { class: 'finished' }, time(job.finishedAt)));
  }

  async function load() {
    let page;
    try {
      page = await api(`/api/v1/jobs${query({ ...filters, limit: PAGE_SIZE, cursor })}`);
      error.textContent = '';
    } catch (problem) {
      error.textContent = problemText(problem);
      return;
    }
    rows.clear();
    clear(tbody, page.items.length ? page.items.map(job => {
      const tr = row(job);
      rows.set(job.id, tr);
      return tr;
    }) : h('tr', {}, h('td', { colspan: 7 }, 'No jobs match.')));
    newer.disabled = cursors.length === 0;
    newest.disabled = cursors.length === 0;
    older.disabled = !page.nextCursor;
    older.onclick = () => {
      cursors.push(cursor);
      cursor = page.nextCursor;
      load();
    };
    status.textContent = `${page.items.length} shown${cursors.length ? `, page ${cursors.length + 1}` : ''}`;
  }

  async function refreshRow(id) {
    const tr = rows.get(id);
    if (!tr) return;
    const job = await api(`/api/v1/jobs/${id}`);
    const fresh = row(job);
    tr.replaceWith(fresh);
    rows.set(id, fresh);
  }

  const reloadFirstPage = throttle(() => load().catch(() => {}), 300);
  const reloadCounts = throttle(() => loadCounts().catch(() => {}), 1000);
  const stop = onJobChange(event => {
    reloadCounts();
    if (event.type === 'reconnected') {
      reloadFirstPage();
      return;
    }
    const job = event.job;
    if (rows.has(job.id)) {
      const cell = rows.get(job.id).querySelector('td.state');
      clear(cell, badge(job.state));
      if (job.state !== 'SUBMITTED') refreshRow(job.id).catch(() => {});
    } else if (job.state === 'SUBMITTED' && !cursor && !filters.until && (!filters.type || filters.type === job.type)
        && (!filters.state || filters.state === 'SUBMITTED')) {
      reloadFirstPage();
    } else if (!cursor && filters.state && filters.state === job.state) {
      reloadFirstPage();
    }
  });

  await Promise.all([load(), loadCounts()]);
  return () => {
    stop();
    reloadFirstPage.cancel();
    reloadCounts.cancel();
  };
}

/** A datetime-local input's value (local time) as an instant, or '' when empty. */
function isoInstant(local) {
  return local ? new Date(local).toISOString() : '';
}

/** An instant as a datetime-local input's value, in local time. */
function localInput(instant) {
  if (!instant) return '';
  const date = new Date(instant);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}

// File-arrival triggers: the list with what each watches, and one trigger with the files it saw (each linking to
// the job or manifest it started, or saying why it started nothing) and, for keys with operate, Pause/Resume.

import { api, query, session } from './api.js';
import { clear, throttle, h, json, time } from './dom.js';
import { onJobChange } from './live.js';
import { pager } from './pager.js';
import { pausedBadge, pauser, startedLink, starts } from './starters.js';

const PAGE_SIZE = 25;

/** The watched directory and glob, as a path pattern. */
function watched(trigger) {
  return `${trigger.watch.path}/${trigger.watch.glob ?? '*'}`;
}

export async function triggersView(main) {
  const tbody = h('tbody');
  const paging = pager(() => load());
  clear(main,
    h('h1', {}, 'Triggers'),
    h('div', { class: 'table-scroll' }, h('table', { id: 'triggers' },
      h('caption', { class: 'visually-hidden' }, 'File-arrival triggers, newest first'),
      h('thead', {}, h('tr', {}, ['Name', 'Watches', 'Starts', 'State', 'Created']
        .map(name => h('th', { scope: 'col' }, name)))),
      tbody)),
    paging.element);

  async function load() {
    const page = await api(`/api/v1/triggers${query({ limit: PAGE_SIZE, cursor: paging.cursor })}`);
    clear(tbody, page.items.length ? page.items.map(trigger => h('tr', { 'data-trigger': trigger.id },
      h('td', {}, h('a', { href: `#/triggers/${trigger.id}` }, trigger.name)),
      h('td', { class: 'mono' }, watched(trigger)),
      h('td', {}, starts(trigger)),
      h('td', {}, pausedBadge(trigger)),
      h('td', {}, time(trigger.createdAt))))
      : h('tr', {}, h('td', { colspan: 5 }, 'No triggers.')));
    paging.update(page.nextCursor);
  }

  await load();
}

export async function triggerView(main, { id }) {
  const message = h('p', { class: 'message', role: 'status', id: 'trigger-message' });
  const title = h('h1');
  const actions = h('div', { class: 'actions' });
  const details = h('dl', { class: 'details' });
  const template = h('div');
  const files = h('tbody');
  const paging = pager(() => loadFiles());
  clear(main, title, actions, message,
    h('div', { class: 'columns' },
      h('section', { 'aria-labelledby': 'trigger-details-title' },
        h('h2', { id: 'trigger-details-title' }, 'Details'), details),
      h('section', { 'aria-labelledby': 'template-title' }, h('h2', { id: 'template-title' }, 'Starts'), template)),
    h('section', { 'aria-labelledby': 'files-title' }, h('h2', { id: 'files-title' }, 'Files'),
      h('div', { class: 'table-scroll' }, h('table', { id: 'trigger-files' },
        h('caption', { class: 'visually-hidden' }, 'Files the trigger saw, newest first'),
        h('thead', {}, h('tr', {}, ['File', 'Size', 'Modified', 'State', 'Started', 'Message']
          .map(name => h('th', { scope: 'col' }, name)))), files)),
      paging.element));

  async function render() {
    const trigger = await api(`/api/v1/triggers/${id}`);
    clear(title, 'Trigger ', h('span', {}, trigger.name), ' ', pausedBadge(trigger));
    clear(actions);
    if (session.has('operate')) {
      actions.append(trigger.paused
        ? h('button', { type: 'button', id: 'resume-trigger', onclick: () => setPaused(false) }, 'Resume')
        : h('button', { type: 'button', class: 'secondary', id: 'pause-trigger', onclick: () => setPaused(true) },
          'Pause'));
    }
    clear(details, [
      ['Watches', h('span', { class: 'mono' }, watched(trigger))],
      ['Starts', starts(trigger)],
      ['Created', time(trigger.createdAt)],
      ['Updated', time(trigger.updatedAt)],
    ].map(([name, value]) => [h('dt', {}, name), h('dd', {}, value)]));
    clear(template, json(trigger.job || trigger.manifest));
    main.dataset.state = trigger.paused ? 'PAUSED' : 'ACTIVE';
  }

  async function loadFiles() {
    const page = await api(`/api/v1/triggers/${id}/files${query({ limit: PAGE_SIZE, cursor: paging.cursor })}`);
    clear(files, page.items.length ? page.items.map(file => h('tr', { 'data-file-state': file.state },
      h('td', { class: 'mono' }, file.path),
      h('td', {}, `${file.size} B`),
      h('td', {}, time(file.modifiedAt)),
      h('td', {}, h('span', { class: `badge file-${file.state}` }, file.state)),
      h('td', {}, startedLink(file)),
      h('td', { class: 'error-cell' }, file.message || '')))
      : h('tr', {}, h('td', { colspan: 6 }, 'No files yet.')));
    paging.update(page.nextCursor);
  }

  const setPaused = pauser({
    path: `/api/v1/triggers/${id}`, message, render: () => render(),
    pause: ['Pause this trigger?', 'New files start nothing until it is resumed.', 'Pause trigger'],
    resume: ['Resume this trigger?', 'Files that arrived while it was paused start now.', 'Resume trigger'],
  });

  // a file's work starts jobs, whose changes come through the stream: its row has moved to STARTED by then
  const reload = throttle(() => loadFiles().catch(() => {}), 1000);
  const stop = onJobChange(() => reload());
  await Promise.all([render(), loadFiles()]);
  return () => {
    stop();
    reload.cancel();
  };
}

// Dead letters: jobs that failed for good, newest first, each with Replay (a retry) for keys with operate.

import { api, query, session } from './api.js';
import { announce, clear, confirmAction, h, problemText, shortId, time } from './dom.js';
import { pager } from './pager.js';

const PAGE_SIZE = 25;

export async function deadLettersView(main, { params }) {
  const type = params.get('type') || '';
  const tbody = h('tbody');
  const message = h('p', { class: 'message', role: 'status' });
  const paging = pager(() => load());
  const typeInput = h('input', { id: 'filter-dead-type', value: type, autocomplete: 'off' });
  clear(main,
    h('h1', {}, 'Dead letters'),
    h('form', { class: 'filters', onsubmit: event => {
      event.preventDefault();
      location.hash = `#/dead-letters${query({ type: typeInput.value.trim() })}`;
    } }, h('label', { for: 'filter-dead-type' }, 'Type'), typeInput, h('button', { type: 'submit' }, 'Filter')),
    message,
    h('div', { class: 'table-scroll' }, h('table', { id: 'dead-letters' },
      h('caption', { class: 'visually-hidden' }, 'Jobs that failed for good, newest first'),
      h('thead', {}, h('tr', {}, ['Job', 'Type', 'Attempts', 'Error', 'Failed', '']
        .map(name => h('th', { scope: 'col' }, name)))),
      tbody)),
    paging.element);

  async function replay(letter) {
    if (!await confirmAction('Replay this job?', `Job ${shortId(letter.jobId)} (${letter.type}) starts over as a`
      + ' new attempt.', 'Replay')) return;
    try {
      await api(`/api/v1/jobs/${letter.jobId}/retry`, { method: 'POST' });
      message.textContent = `Job ${shortId(letter.jobId)} replayed.`;
      announce(message.textContent);
      await load();
    } catch (error) {
      message.textContent = `Could not replay: ${problemText(error)}`;
    }
  }

  async function load() {
    const page = await api(`/api/v1/dead-letters${query({ type, limit: PAGE_SIZE, cursor: paging.cursor })}`);
    clear(tbody, page.items.length ? page.items.map(letter => h('tr', { 'data-job': letter.jobId },
      h('td', {}, h('a', { href: `#/jobs/${letter.jobId}`, class: 'mono' }, shortId(letter.jobId))),
      h('td', {}, letter.type),
      h('td', {}, letter.attempt),
      h('td', { class: 'error-cell' }, letter.error || ''),
      h('td', {}, time(letter.failedAt)),
      h('td', {}, session.has('operate') ? h('button', { type: 'button', class: 'replay',
        'aria-label': `Replay job ${shortId(letter.jobId)}`, onclick: () => replay(letter) }, 'Replay') : '')))
      : h('tr', {}, h('td', { colspan: 6 }, 'No dead letters.')));
    paging.update(page.nextCursor);
  }

  await load();
}

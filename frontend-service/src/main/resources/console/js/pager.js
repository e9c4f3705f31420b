// Keyset paging for the console's lists: Older follows the API's nextCursor, Newer goes back through the cursors
// already followed (the API pages one way only).

import { h } from './dom.js';

/**
 * A pager whose buttons call {@code load}, which reads {@code pager.cursor} and, with the page it got, calls
 * {@code pager.update(page.nextCursor)}.
 */
export function pager(load) {
  const cursors = [];
  const state = { cursor: '' };
  const older = h('button', { type: 'button', class: 'secondary' }, 'Older →');
  const newer = h('button', { type: 'button', class: 'secondary', onclick: () => {
    state.cursor = cursors.pop() || '';
    load();
  } }, '← Newer');
  state.element = h('div', { class: 'pager' }, newer, older);
  state.update = nextCursor => {
    newer.disabled = cursors.length === 0;
    older.disabled = !nextCursor;
    older.onclick = () => {
      cursors.push(state.cursor);
      state.cursor = nextCursor;
      load();
    };
  };
  return state;
}

// What schedules and triggers share: each starts a job or a manifest (its template), links to what it started, and
// can be paused and resumed by a key with operate.

import { api } from './api.js';
import { announce, confirmAction, h, problemText, shortId } from './dom.js';

/** Whether a schedule or a trigger runs: paused, or active. */
export function pausedBadge(starter) {
  return starter.paused
    ? h('span', { class: 'badge paused', 'data-paused': 'true' }, 'paused')
    : h('span', { class: 'badge active', 'data-paused': 'false' }, 'active');
}

/** What each firing or file starts: a job's type or a manifest's name. */
export function starts(starter) {
  return starter.job ? `job ${starter.job.type}` : `manifest ${starter.manifest?.name ?? ''}`;
}

/** A link to the job or manifest a firing or a file started, or nothing when it started none. */
export function startedLink(started) {
  if (started.jobId) return h('a', { href: `#/jobs/${started.jobId}`, class: 'mono' }, `job ${shortId(started.jobId)}`);
  if (started.manifestId) {
    return h('a', { href: `#/manifests/${started.manifestId}`, class: 'mono' },
      `manifest ${shortId(started.manifestId)}`);
  }
  return '';
}

/**
 * Pause or resume at {@code path} after a confirmation, then redraw and say what happened in {@code message}.
 * {@code pause} and {@code resume} are each [title, text, confirm label] of the confirmation.
 */
export function pauser({ path, pause, resume, message, render }) {
  return async paused => {
    if (!await confirmAction(...(paused ? pause : resume))) return;
    try {
      await api(path, { method: 'PATCH', body: { paused } });
      await render();
      message.textContent = paused ? 'Paused.' : 'Resumed.';
      announce(message.textContent);
    } catch (error) {
      message.textContent = `Could not ${paused ? 'pause' : 'resume'}: ${problemText(error)}`;
    }
  };
}

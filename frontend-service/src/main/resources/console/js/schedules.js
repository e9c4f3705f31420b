// Schedules: the list with each one's next fire time, and one schedule with its next fire times, its firings
// (each linking to the job or manifest it started) and, for keys with operate, Pause/Resume and Run now.

import { api, query, session } from './api.js';
import { announce, clear, confirmAction, throttle, h, json, problemText, shortId, time } from './dom.js';
import { onJobChange } from './live.js';
import { pager } from './pager.js';
import { pausedBadge, pauser, startedLink, starts } from './starters.js';

const PAGE_SIZE = 25;

/** An instant as the browser's local time, with the wall-clock time in the schedule's own zone beside it. */
function fireTime(instant, zone) {
  if (!instant) return '—';
  let inZone = '';
  try {
    inZone = new Date(instant).toLocaleString(undefined, { timeZone: zone, timeZoneName: 'short' });
  } catch {
    // a zone the browser does not know: the local time alone still says when
  }
  return [time(instant), inZone ? h('span', { class: 'help' }, ` (${inZone})`) : ''];
}

export async function schedulesView(main) {
  const tbody = h('tbody');
  const paging = pager(() => load());
  clear(main,
    h('h1', {}, 'Schedules'),
    h('div', { class: 'table-scroll' }, h('table', { id: 'schedules' },
      h('caption', { class: 'visually-hidden' }, 'Schedules, newest first'),
      h('thead', {}, h('tr', {}, ['Name', 'Cron', 'Time zone', 'Starts', 'State', 'Next fire time']
        .map(name => h('th', { scope: 'col' }, name)))),
      tbody)),
    paging.element);

  async function load() {
    const page = await api(`/api/v1/schedules${query({ limit: PAGE_SIZE, cursor: paging.cursor })}`);
    clear(tbody, page.items.length ? page.items.map(schedule => h('tr', { 'data-schedule': schedule.id },
      h('td', {}, h('a', { href: `#/schedules/${schedule.id}` }, schedule.name)),
      h('td', { class: 'mono' }, schedule.cron),
      h('td', {}, schedule.timeZone),
      h('td', {}, starts(schedule)),
      h('td', {}, pausedBadge(schedule)),
      h('td', { class: 'next-fire' }, fireTime(schedule.nextFireTimes?.[0], schedule.timeZone))))
      : h('tr', {}, h('td', { colspan: 6 }, 'No schedules.')));
    paging.update(page.nextCursor);
  }

  // a tick starts jobs: when their changes come through the stream, the next fire times have moved on
  const reload = throttle(() => load().catch(() => {}), 1000);
  const stop = onJobChange(() => reload());
  await load();
  return () => {
    stop();
    reload.cancel();
  };
}

export async function scheduleView(main, { id }) {
  const message = h('p', { class: 'message', role: 'status', id: 'schedule-message' });
  const title = h('h1');
  const actions = h('div', { class: 'actions' });
  const details = h('dl', { class: 'details' });
  const next = h('ol', { class: 'timeline', id: 'next-fire-times' });
  const template = h('div');
  const firings = h('tbody');
  const paging = pager(() => loadFirings());
  clear(main, title, actions, message,
    h('div', { class: 'columns' },
      h('section', { 'aria-labelledby': 'schedule-details-title' },
        h('h2', { id: 'schedule-details-title' }, 'Details'), details),
      h('section', { 'aria-labelledby': 'next-title' }, h('h2', { id: 'next-title' }, 'Next fire times'), next)),
    h('section', { 'aria-labelledby': 'firings-title' }, h('h2', { id: 'firings-title' }, 'Firings'),
      h('div', { class: 'table-scroll' }, h('table', { id: 'firings' },
        h('caption', { class: 'visually-hidden' }, 'Firings, newest first'),
        h('thead', {}, h('tr', {}, ['Fire time', 'By', 'Outcome', 'Started', 'Message']
          .map(name => h('th', { scope: 'col' }, name)))), firings)),
      paging.element),
    h('section', { 'aria-labelledby': 'template-title' }, h('h2', { id: 'template-title' }, 'Starts'), template));

  let schedule;

  async function render() {
    schedule = await api(`/api/v1/schedules/${id}`);
    clear(title, 'Schedule ', h('span', {}, schedule.name), ' ', pausedBadge(schedule));
    clear(actions);
    if (session.has('operate')) {
      actions.append(schedule.paused
        ? h('button', { type: 'button', id: 'resume-schedule', onclick: () => setPaused(false) }, 'Resume')
        : h('button', { type: 'button', class: 'secondary', id: 'pause-schedule', onclick: () => setPaused(true) },
          'Pause'),
      h('button', { type: 'button', id: 'run-schedule', onclick: runNow }, 'Run now'));
    }
    clear(details, [
      ['Cron', h('span', { class: 'mono' }, schedule.cron)],
      ['Time zone', schedule.timeZone],
      ['Starts', starts(schedule)],
      ['Overlap', schedule.overlap],
      ['Catch up', schedule.catchUp],
      ['Labels', Object.entries(schedule.labels || {}).map(([k, v]) => h('span', { class: 'label' }, `${k}=${v}`))],
      ['Created', time(schedule.createdAt)],
      ['Updated', time(schedule.updatedAt)],
    ].filter(([, value]) => !(Array.isArray(value) && value.length === 0))
      .map(([name, value]) => [h('dt', {}, name), h('dd', {}, value)]));
    clear(next, schedule.nextFireTimes.length
      ? schedule.nextFireTimes.map(instant => h('li', {}, fireTime(instant, schedule.timeZone)))
      : h('li', {}, schedule.paused ? 'None while paused.' : 'None.'));
    clear(template, json(schedule.job || schedule.manifest));
    main.dataset.state = schedule.paused ? 'PAUSED' : 'ACTIVE';
  }

  async function loadFirings() {
    const page = await api(`/api/v1/schedules/${id}/firings${query({ limit: PAGE_SIZE, cursor: paging.cursor })}`);
    clear(firings, page.items.length ? page.items.map(firing => h('tr', { 'data-outcome': firing.outcome },
      h('td', {}, time(firing.fireTime)),
      h('td', {}, firing.manual ? 'Run now' : 'Schedule'),
      h('td', {}, h('span', { class: `badge outcome-${firing.outcome}` }, firing.outcome)),
      h('td', {}, startedLink(firing)),
      h('td', { class: 'error-cell' }, firing.message || '')))
      : h('tr', {}, h('td', { colspan: 5 }, 'No firings yet.')));
    paging.update(page.nextCursor);
  }

  const setPaused = pauser({
    path: `/api/v1/schedules/${id}`, message, render: () => render(),
    pause: ['Pause this schedule?', 'It starts nothing until resumed; ticks passed meanwhile do not fire.',
      'Pause schedule'],
    resume: ['Resume this schedule?', 'It fires next at its first tick after now.', 'Resume schedule'],
  });

  async function runNow() {
    if (!await confirmAction('Run this schedule now?', `It starts its ${starts(schedule)} now, whatever its cron or`
      + ' pause; the next ticks stay as they are.', 'Run now')) return;
    try {
      const fired = await api(`/api/v1/schedules/${id}/trigger`, { method: 'POST' });
      await loadFirings();
      message.textContent = fired.jobId ? `Started job ${shortId(fired.jobId)}.`
        : `Started manifest ${shortId(fired.manifestId)}.`;
      announce(message.textContent);
    } catch (error) {
      message.textContent = `Could not run: ${problemText(error)}`;
    }
  }

  // a tick starts jobs, whose changes come through the stream: the firings and the next fire times move on then
  const reload = throttle(() => Promise.all([render(), loadFirings()]).catch(() => {}), 1000);
  const stop = onJobChange(() => reload());
  await Promise.all([render(), loadFirings()]);
  return () => {
    stop();
    reload.cancel();
  };
}

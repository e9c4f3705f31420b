// The console's shell: sign-in, navigation between views (hash routes, so the server serves one page) and the
// live stream every view listens to.

import { api, session, whenUnauthorized } from './api.js';
import { clear, h } from './dom.js';
import { startLive, stopLive } from './live.js';
import { jobsView } from './jobs.js';
import { jobView } from './job.js';
import { manifestsView, manifestView } from './manifests.js';
import { deadLettersView } from './dead-letters.js';
import { schedulesView, scheduleView } from './schedules.js';
import { submitView } from './submit.js';
import { triggersView, triggerView } from './triggers.js';

const main = document.getElementById('main');
const header = document.querySelector('header.top');
let cleanup = () => {};
let routing = 0;

const routes = [
  [/^\/jobs$/, jobsView, 'jobs'],
  [/^\/jobs\/([0-9a-f-]{36})$/, jobView, 'jobs'],
  [/^\/manifests$/, manifestsView, 'manifests'],
  [/^\/manifests\/([0-9a-f-]{36})$/, manifestView, 'manifests'],
  [/^\/schedules$/, schedulesView, 'schedules'],
  [/^\/schedules\/([0-9a-f-]{36})$/, scheduleView, 'schedules'],
  [/^\/triggers$/, triggersView, 'triggers'],
  [/^\/triggers\/([0-9a-f-]{36})$/, triggerView, 'triggers'],
  [/^\/dead-letters$/, deadLettersView, 'dead-letters'],
  [/^\/submit$/, submitView, 'submit'],
];

function parseHash() {
  const hash = location.hash.replace(/^#/, '') || '/jobs';
  const [path, search = ''] = hash.split('?');
  return { path, params: new URLSearchParams(search) };
}

async function route() {
  cleanup();
  cleanup = () => {};
  if (!session.info) {
    signInView();
    return;
  }
  const { path, params } = parseHash();
  const match = routes.find(([pattern]) => pattern.test(path));
  if (!match) {
    location.hash = '#/jobs';
    return;
  }
  const [pattern, view, section] = match;
  for (const link of header.querySelectorAll('nav a')) {
    if (link.dataset.section === section) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  clear(main);
  delete main.dataset.state;
  const current = ++routing;
  try {
    const stop = (await view(main, { id: pattern.exec(path)[1], params })) || (() => {});
    // another route started while this view loaded: it owns the page now
    if (current === routing) cleanup = stop; else stop();
  } catch (error) {
    if (current === routing) {
      clear(main, h('p', { class: 'error', role: 'alert' }, `Could not load this page: ${error.message}`));
    }
  }
}

function signInView() {
  header.hidden = true;
  stopLive();
  const error = h('p', { class: 'error', role: 'alert', id: 'sign-in-error' });
  const input = h('input', {
    id: 'api-key', name: 'api-key', type: 'password', autocomplete: 'off', required: true,
    'aria-describedby': 'api-key-help sign-in-error', spellcheck: 'false',
  });
  const form = h('form', { class: 'sign-in', onsubmit: async event => {
    event.preventDefault();
    error.textContent = '';
    const key = input.value.trim();
    try {
      const info = await api('/api/v1/console/session', { key });
      session.key = key;
      await signedIn(info);
    } catch (problem) {
      error.textContent = problem.status === 401 ? 'This key was refused: it is unknown, expired or revoked.'
        : problem.status === 403 ? 'This key may not read jobs (it needs the read role).'
          : `Sign-in failed: ${problem.message}`;
      input.focus();
    }
  } },
  h('h1', {}, 'Conveyor console'),
  h('label', { for: 'api-key' }, 'API key'),
  input,
  h('p', { id: 'api-key-help', class: 'help' },
    'The key is kept in this tab only (session storage) and sent with every request.'),
  h('button', { type: 'submit', id: 'sign-in' }, 'Sign in'),
  error);
  clear(main, form);
  input.focus();
}

async function signedIn(info) {
  session.info = info;
  document.getElementById('who').textContent = `${info.name} · ${info.tenant} · ${info.roles.join(', ')}`;
  for (const link of header.querySelectorAll('[data-section="submit"]')) link.hidden = !session.has('submit');
  header.hidden = false;
  startLive();
  if (!location.hash || location.hash === '#/' || location.hash === '#') {
    location.hash = '#/jobs';  // routes through hashchange
    return;
  }
  await route();
}

function signOut() {
  session.key = null;
  session.info = null;
  stopLive();
  cleanup();
  cleanup = () => {};
  signInView();
}

document.getElementById('sign-out').addEventListener('click', signOut);
whenUnauthorized(signOut);
window.addEventListener('hashchange', route);

(async () => {
  if (session.key) {
    try {
      await signedIn(await api('/api/v1/console/session'));
      return;
    } catch {
      session.key = null;
    }
  }
  signInView();
})();

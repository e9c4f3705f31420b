// Small DOM helpers: elements are built with h(), never with innerHTML, so job data cannot inject markup.

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, value);
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
}

export function clear(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

export const TERMINAL = ['SUCCEEDED', 'FAILED', 'CANCELLED', 'SKIPPED'];
export const RETRYABLE = ['FAILED', 'CANCELLED', 'SKIPPED'];
export const STATES = ['SUBMITTED', 'WAITING', 'SCHEDULED', 'QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED',
  'SKIPPED'];

export function badge(state) {
  return h('span', { class: `badge state-${state}`, 'data-state': state }, state);
}

export function time(instant) {
  if (!instant) return '';
  const date = new Date(instant);
  return h('time', { datetime: instant, title: instant }, date.toLocaleString());
}

/** The random tail of an id: ids are time-ordered, so their heads are alike for jobs made together. */
export function shortId(id) {
  return id ? `…${id.slice(-12)}` : '';
}

export function json(value) {
  return h('pre', { class: 'json' }, JSON.stringify(value, null, 2));
}

/** Says something to screen readers (and tests) without moving focus. */
export function announce(message) {
  const announcer = document.getElementById('announcer');
  announcer.textContent = '';
  requestAnimationFrame(() => { announcer.textContent = message; });
}

/**
 * Calls fn once, wait ms after the first of a burst of calls; calls meanwhile fold into that one. Unlike a
 * debounce that restarts its timer, a steady stream of events (a busy system) still reloads every wait ms.
 */
export function throttle(fn, wait) {
  let timer = null;
  const throttled = () => {
    if (timer !== null) return;
    timer = setTimeout(() => {
      timer = null;
      fn();
    }, wait);
  };
  throttled.cancel = () => {
    clearTimeout(timer);
    timer = null;
  };
  return throttled;
}

/** Asks for confirmation in an accessible modal dialog; resolves true when confirmed. */
export function confirmAction(title, text, confirmLabel) {
  const dialog = document.getElementById('confirm');
  document.getElementById('confirm-title').textContent = title;
  document.getElementById('confirm-text').textContent = text;
  document.getElementById('confirm-yes').textContent = confirmLabel;
  dialog.returnValue = '';
  dialog.showModal();
  document.getElementById('confirm-no').focus();
  return new Promise(resolve => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'yes'), { once: true });
  });
}

export function problemText(error) {
  const problem = error.problem;
  if (!problem) return error.message;
  const fields = (problem.errors || []).map(e => `${e.field}: ${e.message}`);
  return [problem.detail || problem.title || `HTTP ${error.status}`, ...fields].join('; ');
}

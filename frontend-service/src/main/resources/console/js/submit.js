// Submitting a job: the chosen type's params JSON Schema (from GET /api/v1/job-types) decides the fields. Plain
// properties get inputs of their type; objects and arrays get a JSON text area. Problems are shown by field.

import { api } from './api.js';
import { clear, h, problemText } from './dom.js';

export async function submitView(main) {
  const types = await api('/api/v1/job-types');
  const typeSelect = h('select', { id: 'job-type', name: 'type', required: true },
    types.map(type => h('option', { value: type.type }, type.type)));
  const description = h('p', { class: 'help', id: 'job-type-help' });
  const fields = h('fieldset', { class: 'params' });
  const errors = h('div', { class: 'error', role: 'alert', id: 'submit-errors' });
  const maxAttempts = h('input', { id: 'max-attempts', type: 'number', min: 1, max: 100, inputmode: 'numeric' });
  const runAt = h('input', { id: 'run-at', type: 'datetime-local' });
  const labels = h('textarea', { id: 'labels', rows: 2, placeholder: 'team=data\nowner=alice',
    'aria-describedby': 'labels-help' });
  let controls = [];

  function renderFields() {
    const type = types.find(t => t.type === typeSelect.value);
    description.textContent = type?.description || '';
    const schema = type?.paramsSchema || {};
    const required = new Set(schema.required || []);
    controls = Object.entries(schema.properties || {}).map(([name, property]) => control(name, property,
      required.has(name)));
    clear(fields, h('legend', {}, 'Params'),
      controls.length ? controls.map(c => c.element) : h('p', { class: 'help' }, 'This type takes no params.'));
  }
  typeSelect.addEventListener('change', renderFields);

  const form = h('form', { class: 'submit-form', novalidate: true, onsubmit: async event => {
    event.preventDefault();
    clear(errors);
    for (const c of controls) c.setError('');
    const body = { type: typeSelect.value, params: {} };
    try {
      for (const c of controls) {
        const value = c.value();
        if (value !== undefined) body.params[c.name] = value;
      }
    } catch (problem) {
      errors.textContent = problem.message;
      return;
    }
    if (maxAttempts.value) body.maxAttempts = Number(maxAttempts.value);
    if (runAt.value) body.runAt = new Date(runAt.value).toISOString();
    const labelLines = labels.value.split('\n').map(line => line.trim()).filter(Boolean);
    if (labelLines.length) {
      body.labels = Object.fromEntries(labelLines.map(line => {
        const at = line.indexOf('=');
        return at < 0 ? [line, ''] : [line.slice(0, at).trim(), line.slice(at + 1).trim()];
      }));
    }
    try {
      const job = await api('/api/v1/jobs', { method: 'POST', body });
      location.hash = `#/jobs/${job.id}`;
    } catch (error) {
      let shown = false;
      for (const problem of error.problem?.errors || []) {
        const name = String(problem.field || '').replace(/^params\./, '').split(/[.[]/)[0];
        const c = controls.find(candidate => candidate.name === name);
        if (c) {
          c.setError(problem.message);
          shown = true;
        }
      }
      errors.textContent = shown ? 'Some fields need attention.' : problemText(error);
    }
  } },
  h('h1', {}, 'Submit a job'),
  h('label', { for: 'job-type' }, 'Type'), typeSelect, description,
  fields,
  h('fieldset', {}, h('legend', {}, 'Options'),
    h('label', { for: 'max-attempts' }, 'Max attempts'), maxAttempts,
    h('label', { for: 'run-at' }, 'Run at (local time; empty for now)'), runAt,
    h('label', { for: 'labels' }, 'Labels'), labels,
    h('p', { class: 'help', id: 'labels-help' }, 'One name=value per line.')),
  errors,
  h('button', { type: 'submit', id: 'submit-job' }, 'Submit'));
  clear(main, form);
  renderFields();
}

/** One input for a schema property, with its label, description and error slot. */
function control(name, property, required) {
  const id = `param-${name}`;
  const help = h('p', { class: 'help', id: `${id}-help` }, property.description || '');
  const error = h('p', { class: 'field-error', id: `${id}-error` });
  const described = `${id}-help ${id}-error`;
  const kind = Array.isArray(property.type) ? property.type.find(t => t !== 'null') : property.type;
  let input;
  let read;
  if (property.enum) {
    input = h('select', { id, name, 'aria-describedby': described },
      required ? null : h('option', { value: '' }, '(default)'),
      property.enum.map(value => h('option', { value: JSON.stringify(value),
        selected: value === property.default }, String(value))));
    read = () => (input.value === '' ? undefined : JSON.parse(input.value));
  } else if (kind === 'boolean') {
    input = h('select', { id, name, 'aria-describedby': described },
      h('option', { value: '' }, property.default === undefined ? '(unset)' : `(default: ${property.default})`),
      h('option', { value: 'true' }, 'true'), h('option', { value: 'false' }, 'false'));
    read = () => (input.value === '' ? undefined : input.value === 'true');
  } else if (kind === 'integer' || kind === 'number') {
    input = h('input', { id, name, type: 'number', step: kind === 'integer' ? 1 : 'any', min: property.minimum,
      max: property.maximum, placeholder: property.default, 'aria-describedby': described, required });
    read = () => (input.value === '' ? undefined : Number(input.value));
  } else if (kind === 'string') {
    const long = /sql|query/i.test(name) || (property.maxLength ?? 1000) > 200;
    input = long
      ? h('textarea', { id, name, rows: /sql|query/i.test(name) ? 4 : 2, class: 'mono', 'aria-describedby': described,
        required, spellcheck: 'false' })
      : h('input', { id, name, placeholder: property.default, 'aria-describedby': described, required,
        autocomplete: 'off' });
    read = () => (input.value === '' ? undefined : input.value);
  } else {
    input = h('textarea', { id, name, rows: 3, class: 'mono', placeholder: kind === 'array' ? '[ ]' : '{ }',
      'aria-describedby': described, spellcheck: 'false' });
    read = () => {
      if (input.value.trim() === '') return undefined;
      try {
        return JSON.parse(input.value);
      } catch {
        throw new Error(`${name}: not valid JSON`);
      }
    };
  }
  return {
    name,
    element: h('div', { class: 'field' },
      h('label', { for: id }, name, required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : ''),
      input, help, error),
    value: read,
    setError(text) {
      error.textContent = text;
      if (text) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
    },
  };
}

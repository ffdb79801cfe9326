// Form pieces of the draft editor: label rows (key / value) and the owners picker.
import { h, uid, replace } from './dom.js';
import { button } from './ui.js';

/** Key/value rows for labels. Answers {el, value(), error(msg), focus()}. */
export function labelsEditor(labels = {}, { readOnly = false, onChange } = {}) {
  const rows = h('div', { class: 'kv-rows' });
  const errorEl = h('p', { class: 'field-error', hidden: true });
  const legendId = uid('labels');
  const addRow = (key = '', value = '', focus = false) => {
    const keyId = uid('label-key');
    const valueId = uid('label-value');
    const keyInput = h('input', { type: 'text', id: keyId, class: 'kv-key', value: key, readOnly, autocomplete: 'off', on: { input: () => onChange && onChange() } });
    const valueInput = h('input', { type: 'text', id: valueId, class: 'kv-value', value, readOnly, autocomplete: 'off', on: { input: () => onChange && onChange() } });
    const row = h('div', { class: 'kv-row' },
      h('label', { for: keyId, class: 'visually-hidden', text: 'Label key' }), keyInput,
      h('span', { class: 'kv-sep', 'aria-hidden': 'true', text: ':' }),
      h('label', { for: valueId, class: 'visually-hidden', text: 'Label value' }), valueInput,
      readOnly ? null : button('Remove', () => {
        const next = row.nextElementSibling || row.previousElementSibling;
        row.remove();
        if (onChange) onChange();
        (next ? next.querySelector('input') : addBtn).focus();
      }, { kind: 'link', 'aria-label': `Remove label ${key || ''}`.trim() }));
    rows.append(row);
    if (focus) keyInput.focus();
  };
  for (const [k, v] of Object.entries(labels)) addRow(k, v);
  const addBtn = button('Add label', () => addRow('', '', true), { kind: 'secondary', class: 'btn-small' });
  const el = h('fieldset', { class: 'fieldset', 'aria-describedby': `${legendId}-hint` },
    h('legend', { id: legendId, text: 'Labels' }),
    h('p', { class: 'hint', id: `${legendId}-hint`, text: 'Labels such as team:growth decide which roles and rules apply to this resource.' }),
    rows,
    readOnly ? null : addBtn,
    errorEl);
  return {
    el,
    value() {
      const out = {};
      for (const row of rows.querySelectorAll('.kv-row')) {
        const key = row.querySelector('.kv-key').value.trim();
        if (key) out[key] = row.querySelector('.kv-value').value;
      }
      return out;
    },
    error(message) {
      errorEl.hidden = !message;
      errorEl.textContent = message || '';
    },
    focus() {
      (rows.querySelector('input') || addBtn).focus();
    },
  };
}

/**
 * Owners: the chosen members as a list with Remove buttons, and a member picker to add one.
 * `members`: [{userId, email, name}]; `people`: the view's {id: {name, email}} for owners no longer members.
 */
export function ownersPicker(owners = [], members = [], { readOnly = false, people = {}, onChange } = {}) {
  let chosen = [...owners];
  const legendId = uid('owners');
  const list = h('ul', { class: 'owner-list' });
  const pickerId = uid('owner-pick');
  const picker = h('select', { id: pickerId });
  const errorEl = h('p', { class: 'field-error', hidden: true });
  const byId = new Map(members.map((m) => [m.userId, m]));
  const label = (id) => {
    const m = byId.get(id) || people[id];
    if (!m) return { name: id, email: '' };
    return { name: m.name || m.email, email: m.email };
  };
  const draw = () => {
    replace(list, chosen.length ? chosen.map((id) => {
      const p = label(id);
      return h('li', { class: 'owner' },
        h('span', { class: 'person', title: p.email, text: p.name }),
        p.email ? h('span', { class: 'muted', text: ` ${p.email}` }) : null,
        readOnly ? null : button('Remove', () => {
          chosen = chosen.filter((x) => x !== id);
          draw();
          if (onChange) onChange();
          picker.focus();
        }, { kind: 'link', 'aria-label': `Remove owner ${p.name}` }));
    }) : h('li', { class: 'muted', text: 'No owners' }));
    replace(picker, h('option', { value: '', text: 'Choose a member…' }),
      members.filter((m) => !chosen.includes(m.userId))
        .sort((a, b) => (a.name || a.email).localeCompare(b.name || b.email))
        .map((m) => h('option', { value: m.userId, text: `${m.name || m.email} (${m.email})` })));
  };
  const add = button('Add owner', () => {
    if (!picker.value) {
      picker.focus();
      return;
    }
    chosen.push(picker.value);
    draw();
    if (onChange) onChange();
    picker.focus();
  }, { class: 'btn-small' });
  draw();
  const el = h('fieldset', { class: 'fieldset' },
    h('legend', { id: legendId, text: 'Owners' }),
    h('p', { class: 'hint', text: 'Owners are asked to review changes when rules say so (owners()).' }),
    list,
    readOnly ? null : h('div', { class: 'inline-form' }, h('label', { for: pickerId, class: 'visually-hidden', text: 'Member to add as owner' }), picker, add),
    errorEl);
  return {
    el,
    value: () => [...chosen],
    error(message) {
      errorEl.hidden = !message;
      errorEl.textContent = message || '';
    },
    focus: () => picker.focus(),
  };
}

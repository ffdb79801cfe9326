// Small view helpers shared by the pages: badges, people, errors, dialogs, paging.
import { h, append, replace, uid } from './dom.js';
import { ApiError } from './api.js';
import { stateLabel } from './format.js';

/** A state badge: the text says the state, the colour only repeats it. */
// next to this module, so it comes from the same (versioned, cached) folder as the scripts
const LOGO = new URL('./logo.svg', import.meta.url).pathname;

/** The Countersign mark, decorative (the name always stands next to it). */
export function logo(size) {
  return h('img', { src: LOGO, alt: '', width: String(size), height: String(size) });
}

/** The logo and name at the top of the sign-in and invitation pages. */
export function authBrand() {
  return h('div', { class: 'auth-brand' }, logo(40), h('span', { text: 'Countersign' }));
}

export function badge(state, label = stateLabel(state)) {
  return h('span', { class: ['badge', `badge-${String(state).replace(/[^a-z0-9_-]/gi, '')}`], text: label });
}

/** A person by name, the email on hover; unknown ids shown shortened. */
export function person(id, people = {}) {
  const p = people && people[id];
  if (!p) {
    if (!id) return h('span', { class: 'muted', text: 'nobody' });
    return h('span', { class: 'person unknown', title: id, text: shortId(id) });
  }
  return h('span', { class: 'person', title: p.email || '', text: p.name || p.email || shortId(id) });
}

/** People as "Dana, Erin and Fred". */
export function personList(ids, people, empty = 'nobody') {
  if (!ids || !ids.length) return h('span', { class: 'muted', text: empty });
  const out = [];
  ids.forEach((id, i) => {
    if (i > 0) out.push(i === ids.length - 1 ? ' and ' : ', ');
    out.push(person(id, people));
  });
  return h('span', null, out);
}

export function nameOf(id, people = {}) {
  const p = people && people[id];
  return p ? p.name || p.email : shortId(id);
}

export function initials(id, people = {}) {
  const name = nameOf(id, people) || '?';
  const parts = name.split(/[\s@.]+/).filter(Boolean);
  return ((parts[0] || '?')[0] + (parts.length > 1 ? parts[parts.length - 1][0] : '')).toUpperCase();
}

export function avatar(id, people) {
  return h('span', { class: 'avatar', 'aria-hidden': 'true', text: initials(id, people) });
}

function shortId(id) {
  const s = String(id);
  return s.length > 14 ? `${s.slice(0, 8)}…${s.slice(-4)}` : s;
}

/** Labels as k:v chips. */
export function labelChips(labels) {
  const entries = Object.entries(labels || {});
  if (!entries.length) return h('span', { class: 'muted', text: 'none' });
  return h('ul', { class: 'chips' }, entries.map(([k, v]) => h('li', { class: 'chip' }, h('span', { class: 'chip-key', text: k }), h('span', { class: 'chip-value', text: v }))));
}

/** A callout box; `kind` is info, success, warning or danger. */
export function callout(kind, ...children) {
  return h('div', { class: ['callout', `callout-${kind}`] }, children);
}

/**
 * An error as people read it: the problem's detail and its field errors, never a stack trace.
 * 403 and 404 get wording of their own.
 */
export function problemView(error, { context } = {}) {
  const box = h('div', { class: 'callout callout-danger', role: 'alert' });
  if (!(error instanceof ApiError)) {
    append(box, [h('p', { text: 'Something went wrong in the console. Reload the page and try again.' })]);
    console.error(error);
    return box;
  }
  let heading = null;
  if (error.status === 403 && error.code === 'forbidden') heading = context ? `You don't have permission to ${context}.` : "You don't have permission to do this.";
  if (error.status === 404) heading = 'Not found, or you are not a member of this workspace.';
  if (heading) append(box, [h('p', { class: 'callout-title', text: heading })]);
  if (error.detail && error.detail !== heading) append(box, [h('p', { text: error.detail })]);
  if (error.errors.length) {
    append(box, [h('ul', { class: 'error-list' }, error.errors.map((e) => h('li', null,
      e.path ? h('code', { text: e.path }) : null,
      e.line ? h('code', { text: `line ${e.line}${e.column ? `, column ${e.column}` : ''}` }) : null,
      (e.path || e.line) ? ' ' : null,
      e.message || '')))]);
  }
  return box;
}

/**
 * A status line that screen readers announce: `show('Saved')`, `show(error)`, `clear()`.
 */
export function statusRegion() {
  const el = h('div', { class: 'status-region', role: 'status', 'aria-live': 'polite' });
  return {
    el,
    show(message, kind = 'success') {
      if (message instanceof Error) {
        replace(el, problemView(message));
      } else {
        replace(el, callout(kind, message));
      }
    },
    busy(message) {
      replace(el, h('p', { class: 'muted busy', text: message }));
    },
    clear() {
      replace(el);
    },
  };
}

/** A button; `kind` is primary, secondary, danger or link. */
export function button(label, onClick, { kind = 'secondary', type = 'button', ...attrs } = {}) {
  return h('button', { type, class: ['btn', `btn-${kind}`, attrs.class], on: onClick ? { click: onClick } : undefined, ...withoutClass(attrs) }, label);
}

function withoutClass(attrs) {
  const { class: _, ...rest } = attrs;
  return rest;
}

/**
 * Runs an action with its button disabled (and aria-busy) until it settles.
 */
export async function busy(buttonEl, action) {
  const wasDisabled = buttonEl.disabled;
  buttonEl.disabled = true;
  buttonEl.setAttribute('aria-busy', 'true');
  try {
    return await action();
  } finally {
    buttonEl.disabled = wasDisabled;
    buttonEl.removeAttribute('aria-busy');
  }
}

/** A labelled form field: label, control, optional hint and error slot. Answers {el, control, error(msg)}. */
export function field(labelText, control, { hint, id = uid('field') } = {}) {
  control.id = control.id || id;
  const hintEl = hint ? h('p', { class: 'hint', id: `${control.id}-hint`, text: hint }) : null;
  const errorEl = h('p', { class: 'field-error', id: `${control.id}-error`, hidden: true });
  const described = [hintEl && hintEl.id].filter(Boolean);
  if (described.length) control.setAttribute('aria-describedby', described.join(' '));
  const el = h('div', { class: 'field' }, h('label', { for: control.id, text: labelText }), hintEl, control, errorEl);
  return {
    el,
    control,
    error(message) {
      if (message) {
        errorEl.textContent = message;
        errorEl.hidden = false;
        control.setAttribute('aria-invalid', 'true');
        control.setAttribute('aria-describedby', [...described, errorEl.id].join(' '));
      } else {
        errorEl.textContent = '';
        errorEl.hidden = true;
        control.removeAttribute('aria-invalid');
        if (described.length) control.setAttribute('aria-describedby', described.join(' '));
        else control.removeAttribute('aria-describedby');
      }
    },
  };
}

/** A checkbox with its label after it. */
export function checkbox(labelText, { name, checked = false, hint, value } = {}) {
  const id = uid('check');
  const input = h('input', { type: 'checkbox', id, name, checked, value });
  const hintEl = hint ? h('p', { class: 'hint', id: `${id}-hint`, text: hint }) : null;
  if (hintEl) input.setAttribute('aria-describedby', hintEl.id);
  const el = h('div', { class: 'check' }, input, h('label', { for: id }, labelText), hintEl);
  return { el, control: input };
}

/** A <select> from [{value, label}] or strings. */
export function select(options, { value, name, includeEmpty } = {}) {
  const el = h('select', { name });
  if (includeEmpty !== undefined) el.append(h('option', { value: '', text: includeEmpty }));
  for (const option of options) {
    const o = typeof option === 'string' ? { value: option, label: option } : option;
    el.append(h('option', { value: o.value, text: o.label, selected: String(o.value) === String(value ?? '') }));
  }
  return el;
}

/**
 * A modal dialog (native <dialog>: focus stays inside, Escape closes, focus returns to the opener).
 * `onSubmit(form)` runs on submit; throwing an ApiError shows it inside the dialog and keeps it open;
 * answering anything closes it and resolves `open()`'s promise with that value (undefined when cancelled).
 */
export function dialog({ title, description, body = [], submitLabel = 'Confirm', submitKind = 'primary', cancelLabel = 'Cancel', onSubmit, wide = false }) {
  const titleId = uid('dialog-title');
  const descId = description ? uid('dialog-desc') : null;
  const errorBox = h('div', { class: 'dialog-error', 'aria-live': 'assertive' });
  const submit = h('button', { type: 'submit', class: ['btn', `btn-${submitKind}`], text: submitLabel });
  const cancel = h('button', { type: 'button', class: 'btn btn-secondary', text: cancelLabel });
  const form = h('form', { class: 'dialog-form', novalidate: true },
    h('h2', { id: titleId, class: 'dialog-title', text: title }),
    description ? h('p', { id: descId, class: 'dialog-description', text: description }) : null,
    h('div', { class: 'dialog-body' }, body),
    errorBox,
    h('div', { class: 'dialog-actions' }, cancel, submit));
  const el = h('dialog', { class: ['dialog', wide && 'dialog-wide'], 'aria-labelledby': titleId, 'aria-describedby': descId || undefined }, form);
  let resolve;
  let result;
  const opener = document.activeElement;
  cancel.addEventListener('click', () => el.close());
  el.addEventListener('close', () => {
    el.remove();
    if (opener && opener.isConnected && typeof opener.focus === 'function') opener.focus();
    resolve(result);
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!form.checkValidity()) {
      const invalid = form.querySelector(':invalid');
      replace(errorBox, callout('danger', invalid && invalid.validationMessage ? invalid.validationMessage : 'Check the highlighted fields.'));
      if (invalid) invalid.focus();
      return;
    }
    replace(errorBox);
    try {
      submit.disabled = true;
      submit.setAttribute('aria-busy', 'true');
      const value = onSubmit ? await onSubmit(form) : true;
      if (value === false) return;
      result = value === undefined ? true : value;
      el.close();
    } catch (error) {
      replace(errorBox, problemView(error));
    } finally {
      submit.disabled = false;
      submit.removeAttribute('aria-busy');
    }
  });
  return {
    el,
    form,
    submit,
    showError(error) {
      replace(errorBox, problemView(error));
    },
    open() {
      document.body.append(el);
      el.showModal();
      const first = form.querySelector('[autofocus], input:not([type=hidden]):not([disabled]), textarea, select');
      if (first) first.focus();
      return new Promise((r) => { resolve = r; });
    },
  };
}

/** Asks a yes/no question. Answers true when confirmed. */
export function confirm({ title, message, confirmLabel = 'Confirm', danger = false, onConfirm }) {
  return dialog({
    title,
    body: [h('p', { text: message })],
    submitLabel: confirmLabel,
    submitKind: danger ? 'danger' : 'primary',
    onSubmit: async () => (onConfirm ? (await onConfirm()) ?? true : true),
  }).open();
}

/**
 * Paging with opaque cursors: a "Next page" link when there is one, and "First page" when not on it.
 * `hrefFor(cursor)` builds the URL of a page (cursor null: the first).
 */
export function pager(next, currentCursor, hrefFor) {
  if (!next && !currentCursor) return null;
  return h('nav', { class: 'pager', 'aria-label': 'Pages' },
    currentCursor ? h('a', { href: hrefFor(null), class: 'btn btn-secondary', text: '« First page' }) : null,
    next ? h('a', { href: hrefFor(next), class: 'btn btn-secondary', rel: 'next', text: 'Next page »' }) : null);
}

/** An empty-state box. */
export function empty(message, ...extra) {
  return h('div', { class: 'empty' }, h('p', { text: message }), extra);
}

/** A page header: h1 (focus target after navigation), optional subtitle and actions. */
export function pageHeader(title, { subtitle, actions, badges } = {}) {
  return h('header', { class: 'page-header' },
    h('div', { class: 'page-heading' },
      h('h1', { tabindex: '-1', text: title }),
      badges ? h('div', { class: 'page-badges' }, badges) : null,
      subtitle ? h('p', { class: 'page-subtitle' }, subtitle) : null),
    actions && actions.length ? h('div', { class: 'page-actions' }, actions) : null);
}

/** A table with a caption (visually hidden unless `showCaption`) and <th scope="col"> headers. */
export function table({ caption, columns, rows, showCaption = false, className }) {
  return h('div', { class: 'table-wrap' }, h('table', { class: ['table', className] },
    caption ? h('caption', { class: showCaption ? '' : 'visually-hidden', text: caption }) : null,
    h('thead', null, h('tr', null, columns.map((c) => h('th', { scope: 'col', class: c.className, text: c.label ?? c })))),
    h('tbody', null, rows)));
}

/** Copies text to the clipboard, saying so in the status line. */
export function copyButton(value, label = 'Copy', status) {
  return button(label, async () => {
    try {
      await navigator.clipboard.writeText(value);
      if (status) status.show('Copied to the clipboard.');
    } catch {
      if (status) status.show('Copying is not available here: select the text and copy it.', 'warning');
    }
  });
}

/** A definition list from [term, description] pairs (descriptions may be nodes). */
export function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.filter(Boolean).map(([term, value]) => [h('dt', { text: term }), h('dd', null, value)]));
}

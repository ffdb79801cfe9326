// A plain <textarea> with a line-number gutter and marks on lines that have problems.
// Tab keeps moving the focus (the editor never traps the keyboard).
import { h, uid } from './dom.js';

/**
 * Answers {el, textarea, value(), setValue(text), mark(errors), goTo(line, column)}.
 * `errors` for mark(): [{line, column?, message}].
 */
export function codeEditor({ label, value = '', rows = 16, readOnly = false, name, describedBy, onInput, hideLabel = false }) {
  const id = uid('code');
  const gutter = h('div', { class: 'code-gutter', 'aria-hidden': 'true' });
  const textarea = h('textarea', {
    id, name, rows: String(rows), spellcheck: false, readOnly, class: 'code-input',
    autocapitalize: 'off', autocomplete: 'off', wrap: 'off', 'aria-describedby': describedBy,
  });
  textarea.value = value;
  let marks = new Map();
  const drawGutter = () => {
    const count = Math.max(1, textarea.value.split('\n').length);
    if (gutter.childElementCount !== count || marks.size || gutter.dataset.marked) {
      const lines = [];
      for (let i = 1; i <= count; i++) {
        const mark = marks.get(i);
        lines.push(h('div', { class: ['code-line-no', mark && 'has-error'], title: mark || undefined, text: String(i) }));
      }
      gutter.replaceChildren(...lines);
      gutter.dataset.marked = marks.size ? '1' : '';
    }
    gutter.scrollTop = textarea.scrollTop;
  };
  textarea.addEventListener('input', () => {
    drawGutter();
    if (onInput) onInput(textarea.value);
  });
  textarea.addEventListener('scroll', () => { gutter.scrollTop = textarea.scrollTop; });
  const el = h('div', { class: 'code-field' },
    h('label', { for: id, class: hideLabel ? 'visually-hidden' : 'code-label', text: label }),
    h('div', { class: ['code-editor', readOnly && 'readonly'] }, gutter, textarea));
  drawGutter();
  return {
    el,
    textarea,
    value: () => textarea.value,
    setValue(text) {
      textarea.value = text;
      drawGutter();
    },
    mark(errors = []) {
      marks = new Map();
      for (const e of errors) {
        if (!e.line) continue;
        marks.set(e.line, marks.has(e.line) ? `${marks.get(e.line)}; ${e.message}` : e.message);
      }
      gutter.dataset.marked = '1';
      drawGutter();
      if (marks.size) textarea.setAttribute('aria-invalid', 'true');
      else textarea.removeAttribute('aria-invalid');
    },
    /** Puts the caret at a line (and column) and scrolls it into view. */
    goTo(line, column = 1) {
      const lines = textarea.value.split('\n');
      let offset = 0;
      for (let i = 0; i < Math.min(line - 1, lines.length); i++) offset += lines[i].length + 1;
      const lineText = lines[line - 1] || '';
      const start = offset + Math.min(Math.max(column - 1, 0), lineText.length);
      textarea.focus();
      textarea.setSelectionRange(start, offset + lineText.length);
      const lineHeight = parseFloat(getComputedStyle(textarea).lineHeight) || 20;
      textarea.scrollTop = Math.max(0, (line - 3) * lineHeight);
      gutter.scrollTop = textarea.scrollTop;
    },
  };
}

/** A list of problems with line numbers; each is a button that jumps to its line. */
export function lineErrorList(errors, editor, { prefix } = {}) {
  return h('ul', { class: 'error-list line-errors' }, errors.map((e) => h('li', null,
    e.line ? h('button', {
      type: 'button',
      class: 'btn btn-link',
      text: `Line ${e.line}${e.column ? `, column ${e.column}` : ''}`,
      on: { click: () => editor.goTo(e.line, e.column || 1) },
    }) : null,
    e.path ? [' ', h('code', { text: prefix ? e.path.replace(prefix, '') || '/' : e.path })] : null,
    ' ',
    h('span', { text: e.message }))));
}

// Building DOM safely: every piece of data becomes a text node or a property, never markup.

/**
 * Creates an element. `attrs` keys:
 *  - `class`: a string or an array of class names (falsy entries skipped)
 *  - `text`: text content
 *  - `on`: {event: handler}
 *  - `dataset`: {key: value}
 *  - `for`, `aria-*`, `role` and any other attribute: set with setAttribute
 *  - properties that are booleans or values on inputs (`checked`, `disabled`, `value`, `hidden`, ...): set as properties
 * Children may be nodes, strings, numbers, arrays, or null/false (skipped).
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false && !PROPS.has(key)) continue;
      if (key === 'class') {
        const names = Array.isArray(value) ? value.filter(Boolean) : String(value).split(/\s+/).filter(Boolean);
        if (names.length) el.classList.add(...names);
      } else if (key === 'text') {
        el.textContent = String(value);
      } else if (key === 'on') {
        for (const [event, handler] of Object.entries(value)) el.addEventListener(event, handler);
      } else if (key === 'dataset') {
        for (const [k, v] of Object.entries(value)) el.dataset[k] = String(v);
      } else if (PROPS.has(key)) {
        el[key] = value;
      } else if (value === true) {
        el.setAttribute(key, '');
      } else {
        el.setAttribute(key, String(value));
      }
    }
  }
  append(el, children);
  return el;
}

const PROPS = new Set(['checked', 'disabled', 'value', 'hidden', 'selected', 'required', 'readOnly', 'multiple',
  'open', 'indeterminate', 'tabIndex', 'spellcheck', 'autofocus']);

/** Appends children (nodes, strings, arrays; null and false skipped) to a parent. */
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces all children of a node. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

/** A text node, for readability where a node is expected. */
export function text(value) {
  return document.createTextNode(value === null || value === undefined ? '' : String(value));
}

/** A short unique id for label/for and aria references. */
let counter = 0;
export function uid(prefix = 'cs') {
  counter += 1;
  return `${prefix}-${counter}`;
}

/** Visually hidden text that screen readers read. */
export function srOnly(value) {
  return h('span', { class: 'visually-hidden', text: value });
}

/** A link handled by the router (any same-origin href without a dot in its path works). */
export function link(href, children, attrs = {}) {
  return h('a', { href, ...attrs }, children);
}

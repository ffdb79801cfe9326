// A resource type's JSON Schema made readable (fields, types, required) and a starting config from it.
import { h } from './dom.js';

function typeOf(s) {
  if (!s || typeof s !== 'object') return '';
  if (s.enum) return `one of ${s.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (Array.isArray(s.type)) return s.type.join(' or ');
  if (s.type === 'array' && s.items) return `list of ${typeOf(s.items) || 'values'}`;
  if (s.type) return s.type;
  if (s.oneOf || s.anyOf) return (s.oneOf || s.anyOf).map(typeOf).filter(Boolean).join(' or ');
  if (s.$ref) return s.$ref.split('/').pop();
  return '';
}

function rowsOf(schema, prefix, required, depth, out) {
  const props = (schema && schema.properties) || {};
  for (const [name, s] of Object.entries(props)) {
    const path = `${prefix}/${name}`;
    out.push({ path, type: typeOf(s), required: required.includes(name), description: s.description || '', writeOnly: Boolean(s.writeOnly) });
    if (depth < 2 && s && s.type === 'object' && s.properties) rowsOf(s, path, s.required || [], depth + 1, out);
  }
  return out;
}

/** The schema's fields as a table inside a disclosure. */
export function schemaPanel(schema, typeName) {
  if (!schema) return null;
  const rows = rowsOf(schema, '', schema.required || [], 0, []);
  return h('details', { class: 'schema-panel' },
    h('summary', { text: `The ${typeName} config schema` }),
    schema.description ? h('p', { class: 'muted', text: schema.description }) : null,
    rows.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'table table-compact' },
      h('caption', { class: 'visually-hidden', text: `Fields of a ${typeName} config` }),
      h('thead', null, h('tr', null, ['Field', 'Type', 'Required', 'Description'].map((c) => h('th', { scope: 'col', text: c })))),
      h('tbody', null, rows.map((r) => h('tr', null,
        h('th', { scope: 'row' }, h('code', { text: r.path })),
        h('td', { text: r.type }),
        h('td', { text: r.required ? 'yes' : '' }),
        h('td', { text: r.writeOnly ? `${r.description} (write-only: never shown)`.trim() : r.description })))))) : null,
    h('details', { class: 'schema-raw' }, h('summary', { text: 'Raw JSON Schema' }), h('pre', { class: 'value', text: JSON.stringify(schema, null, 2) })));
}

/** A config holding every required field with an empty value of its type: where a new resource starts. */
export function template(schema) {
  const make = (s) => {
    if (!s || typeof s !== 'object') return null;
    if (s.default !== undefined) return s.default;
    if (s.const !== undefined) return s.const;
    if (s.enum) return s.enum[0];
    const type = Array.isArray(s.type) ? s.type[0] : s.type;
    if (type === 'object' || (!type && s.properties)) {
      const out = {};
      for (const name of s.required || []) out[name] = make((s.properties || {})[name]);
      return out;
    }
    if (type === 'array') return [];
    if (type === 'string') return '';
    if (type === 'integer' || type === 'number') return 0;
    if (type === 'boolean') return false;
    return null;
  };
  return make(schema) || {};
}

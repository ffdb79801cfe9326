// Pickers for config fields that name another resource (sourceId, modelId, destinationId, parentModelId):
// choose it by name instead of pasting its id into the JSON.
import { h, uid } from './dom.js';
import { api, ws } from './api.js';

const TARGET = { sourceId: 'source', modelId: 'model', parentModelId: 'model', destinationId: 'destination' };

/** Top-level string fields of the schema that reference a resource type that is installed. */
export function referenceFields(schema, typeNames) {
  const props = (schema && schema.properties) || {};
  return Object.keys(props)
    .filter((key) => props[key] && props[key].type === 'string')
    .map((key) => ({ key, type: TARGET[key] || (key.endsWith('Id') ? key.slice(0, -2) : null) }))
    .filter((f) => f.type && typeNames.includes(f.type));
}

/**
 * The pickers, kept in step with the JSON editor: choosing sets the field in the JSON text; editing the text
 * moves the choice. Answers {el, sync()} or null when the type references nothing.
 */
export function referencePickers(slug, fields, editor, { readOnly = false, onChange } = {}) {
  if (!fields.length || readOnly) return null;
  const rows = fields.map((f) => {
    const id = uid('ref');
    const sel = h('select', { id }, h('option', { value: '', text: 'Loading…' }));
    sel.disabled = true;
    sel.addEventListener('change', () => {
      let config;
      try {
        config = JSON.parse(editor.value());
      } catch {
        return;
      }
      if (!config || typeof config !== 'object' || Array.isArray(config)) return;
      config[f.key] = sel.value;
      editor.setValue(JSON.stringify(config, null, 2));
      if (onChange) onChange();
    });
    return { ...f, sel, el: h('div', { class: 'field' }, h('label', { for: id, text: `${f.type.charAt(0).toUpperCase()}${f.type.slice(1)} (${f.key})` }), sel) };
  });
  const current = () => {
    try {
      const config = JSON.parse(editor.value());
      return config && typeof config === 'object' ? config : {};
    } catch {
      return null;
    }
  };
  const sync = () => {
    const config = current();
    for (const r of rows) {
      if (!r.loaded) continue;
      r.sel.disabled = config === null;
      const value = config ? config[r.key] || '' : '';
      if (value && ![...r.sel.options].some((o) => o.value === value)) r.sel.append(h('option', { value, text: `${value} (not found)` }));
      r.sel.value = value;
    }
  };
  for (const r of rows) {
    api.get(ws(slug, 'resources'), { query: { type: r.type, limit: 500 } }).then((page) => {
      r.sel.replaceChildren(h('option', { value: '', text: `Choose a ${r.type}…` }),
        ...(page.items || []).map((res) => h('option', { value: res.id, text: `${(res.draft && res.draft.name) || res.name}${res.state === 'draft' ? ' (draft)' : ''}` })));
      r.loaded = true;
      sync();
    }).catch(() => {
      r.sel.replaceChildren(h('option', { value: '', text: `Cannot list ${r.type}s` }));
    });
  }
  editor.textarea.addEventListener('input', sync);
  return {
    el: h('div', { class: 'references' }, h('p', { class: 'hint', text: 'Resources this config uses: choose them here or edit the ids in the JSON.' }), rows.map((r) => r.el)),
    sync,
  };
}

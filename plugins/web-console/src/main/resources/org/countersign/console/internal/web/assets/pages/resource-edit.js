// The draft editor: name, labels, owners and the config as JSON checked against the type's schema.
// /w/{ws}/resources/new?type=model creates a resource; the resource page's Edit tab uses the same form.
// Its three actions are the seeds': Save as draft, Submit approval request, Publish now.
import { h, replace } from '../dom.js';
import { api, ws, isMissing, ApiError } from '../api.js';
import { setLeaveGuard, withQuery } from '../router.js';
import { resourceTypes, members as loadMembers, grants } from '../session.js';
import { pageHeader, field, button, statusRegion, callout, problemView, select } from '../ui.js';
import { codeEditor, lineErrorList } from '../code-editor.js';
import { pointerLines, lineOf, parseErrorPosition } from '../json-lines.js';
import { labelsEditor, ownersPicker } from '../fields.js';
import { schemaPanel, template } from '../schema.js';
import { submitRequest } from '../resource-actions.js';
import { referenceFields, referencePickers } from '../references.js';

let validateAvailable = true;

/** POST resources/validate; null when this server has no such endpoint. */
async function validateRemote(slug, body) {
  if (!validateAvailable) return null;
  try {
    const answer = await api.post(ws(slug, 'resources', 'validate'), body);
    return (answer && answer.errors) || [];
  } catch (error) {
    if (isMissing(error)) {
      validateAvailable = false;
      return null;
    }
    if (error instanceof ApiError && error.status === 400 && error.errors.length) return error.errors;
    throw error;
  }
}

export async function render(ctx) {
  const slug = ctx.params.ws;
  const base = `/w/${encodeURIComponent(slug)}`;
  const [types, memberList, mine] = await Promise.all([resourceTypes(), loadMembers(slug).catch(() => []), grants(slug).catch(() => null)]);
  const available = types.filter((t) => t.name !== 'rules');
  const typeName = ctx.query.get('type');
  const typeDef = available.find((t) => t.name === typeName);
  if (!typeDef) {
    ctx.title('New resource');
    const choice = select(available.map((t) => t.name), { name: 'type' });
    choice.id = 'choose-type';
    const form = h('form', { class: 'card stack narrow' },
      h('div', { class: 'field' }, h('label', { for: 'choose-type', text: 'Type' }), choice),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary', text: 'Continue' })));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      ctx.navigate(withQuery(`${base}/resources/new`, { type: choice.value }));
    });
    ctx.mount(pageHeader('New resource'), typeName ? callout('warning', `There is no resource type “${typeName}” installed.`) : null, form);
    return;
  }
  ctx.title(`New ${typeDef.name}`);
  const grant = mine && mine.types[typeDef.name] ? mine.types[typeDef.name].create : null;
  const form = editorForm(ctx, {
    slug,
    typeDef,
    typeNames: types.map((t) => t.name),
    members: memberList,
    resource: null,
    allowed: {
      edit: true,
      submit: typeDef.governed !== false,
      // Publish now only for those who may create outright (the server still has the last word).
      publish: !mine || grant === 'allowed',
    },
  });
  ctx.mount(
    pageHeader(`New ${typeDef.name}`, {
      subtitle: typeDef.governed ? 'Save it as a draft, submit it for approval, or publish it if your role allows.' : `A ${typeDef.name} is not governed: publishing makes it live at once.`,
    }),
    form);
}

/**
 * The form. `resource` null for a new one. `allowed`: {edit, submit, publish, deleteDraft}.
 * Answers the <form>.
 */
export function editorForm(ctx, { slug, typeDef, members, resource, allowed, typeNames }) {
  const base = `/w/${encodeURIComponent(slug)}`;
  const source = resource ? resource.draft || latest(resource) : { name: '', labels: {}, owners: [], config: template(typeDef.schema) };
  const readOnly = !allowed.edit;
  const status = statusRegion();
  const general = h('div', { class: 'form-errors', 'aria-live': 'polite' });

  const name = field('Name', h('input', { type: 'text', name: 'name', required: true, maxlength: '200', value: source.name || '', readOnly, autocomplete: 'off' }));
  const labels = labelsEditor(source.labels || {}, { readOnly, onChange: () => dirtyCheck() });
  const owners = ownersPicker(source.owners || [], members, { readOnly, people: (resource && resource.people) || {}, onChange: () => dirtyCheck() });
  const configErrors = h('div', { class: 'config-errors', id: 'config-errors', 'aria-live': 'polite' });
  const writeOnly = hasWriteOnly(typeDef.schema);
  // Long text (a model's SQL) gets an editor of its own instead of one escaped JSON line.
  const sourceConfig = source.config && typeof source.config === 'object' ? source.config : {};
  const texts = textFields(typeDef.schema, sourceConfig).map((key) => {
    const errorEl = h('div', { class: 'config-errors', 'aria-live': 'polite' });
    const ed = codeEditor({
      label: key === 'query' ? 'Query (SQL)' : `${key.charAt(0).toUpperCase()}${key.slice(1)} (config /${key})`,
      value: typeof sourceConfig[key] === 'string' ? sourceConfig[key] : '',
      rows: 10,
      readOnly,
      onInput: () => dirtyCheck(),
    });
    return { key, editor: ed, errorEl, present: key in sourceConfig };
  });
  const textKeys = new Set(texts.map((t) => t.key));
  const rest = Object.fromEntries(Object.entries(sourceConfig).filter(([k]) => !textKeys.has(k)));
  const editor = codeEditor({
    label: texts.length ? 'Other config (JSON)' : 'Config (JSON)',
    value: JSON.stringify(rest, null, 2),
    rows: Math.min(18, Math.max(texts.length ? 6 : 10, JSON.stringify(rest, null, 2).split('\n').length + 2)),
    readOnly,
    describedBy: 'config-hint config-errors',
    onInput: () => dirtyCheck(),
  });
  const pickers = referencePickers(slug, referenceFields(typeDef.schema, typeNames || []), editor, { readOnly, onChange: () => dirtyCheck() });
  const hint = h('p', { class: 'hint', id: 'config-hint' },
    `Checked against the ${typeDef.name} schema when you validate or save.`,
    writeOnly ? ' Write-only values (such as secrets) are never shown: leave them out to keep the stored ones, or enter new ones to replace them.' : '');

  const initial = () => JSON.stringify([name.control.value, labels.value(), owners.value(), editor.value(), texts.map((t) => t.editor.value())]);
  const snapshot = initial();
  let saved = false;
  const isDirty = () => !saved && initial() !== snapshot;
  const dirtyMark = h('span', { class: 'dirty-mark muted', 'aria-live': 'polite' });
  const dirtyCheck = () => {
    dirtyMark.textContent = isDirty() ? 'Unsaved changes' : '';
  };
  name.control.addEventListener('input', dirtyCheck);
  if (!readOnly) setLeaveGuard(isDirty);

  const clearErrors = () => {
    name.error(null);
    labels.error(null);
    owners.error(null);
    editor.mark([]);
    replace(configErrors);
    for (const t of texts) {
      t.editor.mark([]);
      replace(t.errorEl);
    }
    replace(general);
  };

  /** Shows errors at their paths: name, labels, owners, config lines; the rest above the buttons. */
  const showErrors = (errors, text) => {
    const lines = pointerLines(text);
    const config = [];
    const other = [];
    for (const e of errors) {
      const path = e.path || '';
      if (path === '/name') name.error(e.message);
      else if (path.startsWith('/labels')) labels.error(`${path.replace('/labels', '') || ''} ${e.message}`.trim());
      else if (path.startsWith('/owners')) owners.error(e.message);
      else if (texts.some((t) => path === `/config/${t.key}` || path.startsWith(`/config/${t.key}/`))) {
        const t = texts.find((x) => path === `/config/${x.key}` || path.startsWith(`/config/${x.key}/`));
        replace(t.errorEl, callout('danger', e.message));
        t.editor.textarea.setAttribute('aria-invalid', 'true');
      } else if (path.startsWith('/config')) {
        const pointer = path.slice('/config'.length);
        config.push({ ...e, path: pointer || '/', line: lineOf(lines, pointer) });
      } else other.push(e);
    }
    if (config.length) {
      editor.mark(config);
      replace(configErrors, callout('danger', h('p', { text: `The config has ${config.length} problem${config.length === 1 ? '' : 's'}:` }),
        h('ul', { class: 'error-list' }, config.map((e) => h('li', null,
          h('button', { type: 'button', class: 'btn btn-link', text: `Line ${e.line}`, on: { click: () => editor.goTo(e.line) } }), ' ',
          h('code', { text: e.path }), ' ', h('span', { text: e.message }))))));
    }
    if (other.length) replace(general, callout('danger', h('ul', { class: 'error-list' }, other.map((e) => h('li', null, h('code', { text: e.path }), ' ', e.message)))));
  };

  /** Reads the form; null (with the problem shown) when the config is not JSON. */
  const collect = () => {
    clearErrors();
    const text = editor.value();
    let config;
    try {
      config = JSON.parse(text);
    } catch (error) {
      const where = parseErrorPosition(text, error);
      editor.mark([{ line: where.line, message: 'Not valid JSON' }]);
      replace(configErrors, callout('danger', lineErrorList([{ line: where.line, column: where.column, message: `The config is not valid JSON: ${error.message}` }], editor)));
      editor.goTo(where.line, where.column);
      return null;
    }
    for (const t of texts) {
      const value = t.editor.value();
      if (value || t.present || (typeDef.schema && (typeDef.schema.required || []).includes(t.key))) config[t.key] = value;
    }
    if (!name.control.value.trim()) {
      name.error('A name is required.');
      name.control.focus();
      return null;
    }
    return { name: name.control.value.trim(), labels: labels.value(), owners: owners.value(), config, text };
  };

  /** Validates on the server first; false when there are errors (shown). */
  const validate = async (values) => {
    const errors = await validateRemote(slug, { type: typeDef.name, name: values.name, labels: values.labels, owners: values.owners, config: values.config });
    if (errors && errors.length) {
      showErrors(errors, values.text);
      status.show(`Not saved: ${errors.length} problem${errors.length === 1 ? '' : 's'} to fix.`, 'danger');
      return false;
    }
    return errors === null ? null : true;
  };

  /** Saves the draft; answers the resource view (for a new one, the created resource). */
  const save = async (values, mode = 'draft') => {
    try {
      if (!resource) {
        return await api.post(ws(slug, 'resources'), { type: typeDef.name, name: values.name, labels: values.labels, owners: values.owners, config: values.config, mode });
      }
      return await api.put(ws(slug, 'resources', resource.id, 'draft'),
        { name: values.name, labels: values.labels, owners: values.owners, config: values.config },
        { ifMatch: resource.draft ? resource.draft.version : undefined });
    } catch (error) {
      if (error instanceof ApiError && (error.code === 'invalid_config' || error.code === 'validation_failed') && error.errors.length) {
        showErrors(error.errors, values.text);
        status.show(error);
      } else if (error instanceof ApiError && error.code === 'stale_version') {
        replace(status.el, callout('warning',
          h('p', { text: 'Someone saved this draft after you opened it, so your changes were not saved. Reload to see the current draft, then make your changes again.' }),
          button('Reload the draft', () => { saved = true; ctx.reload(); })));
      } else {
        status.show(error);
      }
      return null;
    }
  };

  const resourcePage = (id, tab) => withQuery(`${base}/resources/${encodeURIComponent(id)}`, { tab });

  const run = (label, action) => async (event) => {
    const btn = event.currentTarget;
    btn.disabled = true;
    btn.setAttribute('aria-busy', 'true');
    status.busy(`${label}…`);
    try {
      await action();
    } catch (error) {
      status.show(error);
    } finally {
      btn.disabled = false;
      btn.removeAttribute('aria-busy');
    }
  };

  const validateOnly = run('Validating', async () => {
    const values = collect();
    if (!values) return status.show('The config is not valid JSON.', 'danger');
    const ok = await validate(values);
    if (ok === null) status.show('This server cannot validate without saving; saving checks the config against the schema.', 'info');
    else if (ok) status.show('No problems found.');
  });

  const saveDraft = run('Saving', async () => {
    const values = collect();
    if (!values || (await validate(values)) === false) return;
    const result = await save(values);
    if (!result) return;
    saved = true;
    ctx.flash(resource ? `Draft saved${result.draft ? ` (version ${result.draft.version})` : ''}.` : `Draft of “${result.name}” saved. Nobody is notified until you submit it.`);
    ctx.navigate(resourcePage(result.id, 'edit'), { replace: Boolean(resource) });
  });

  const submit = run('Saving', async () => {
    let target = resource;
    if (!resource || isDirty() || !resource.draft) {
      const values = collect();
      if (!values || (await validate(values)) === false) return;
      target = await save(values);
      if (!target) return;
      saved = true;
    }
    status.clear();
    const request = await submitRequest(ctx, slug, target);
    if (!request && target !== resource) {
      ctx.flash('Draft saved. Submit it for approval when it is ready.');
      ctx.navigate(resourcePage(target.id, 'edit'), { replace: Boolean(resource) });
    }
  });

  const publish = run('Publishing', async () => {
    const values = collect();
    if (!values || (await validate(values)) === false) return;
    if (!resource) {
      const created = await save(values, 'publish');
      if (!created) return;
      saved = true;
      ctx.flash(`“${created.name}” published.`);
      ctx.navigate(resourcePage(created.id));
      return;
    }
    let current = resource;
    if (isDirty() || !resource.draft) {
      current = await save(values);
      if (!current) return;
      saved = true;
    }
    try {
      await api.post(ws(slug, 'resources', current.id, 'publish'), {});
    } catch (error) {
      if (error instanceof ApiError && error.code === 'approval_required') {
        replace(status.el, problemView(error), callout('info', h('p', { text: 'Your draft is saved. Submit it for approval instead.' })));
        ctx.flash('Draft saved, but publishing it needs approval: submit an approval request.', 'warning');
        ctx.navigate(resourcePage(current.id, 'edit'), { replace: true });
        return;
      }
      throw error;
    }
    ctx.flash('Published.');
    ctx.navigate(resourcePage(current.id), { replace: true });
  });

  const actions = readOnly ? [] : [
    allowed.publish ? button('Publish now', publish, { kind: 'secondary' }) : null,
    allowed.submit ? button('Submit approval request', submit, { kind: resource && resource.openRequest ? 'secondary' : 'primary' }) : null,
    button('Save as draft', saveDraft, { kind: allowed.submit ? 'secondary' : 'primary' }),
    button('Validate', validateOnly, { kind: 'link' }),
  ];
  if (resource && resource.openRequest && allowed.submit) actions.splice(1, 1);

  const form = h('form', { class: 'editor', 'aria-label': resource ? 'Draft editor' : `New ${typeDef.name}`, novalidate: true },
    resource && resource.openRequest ? callout('warning',
      h('p', null, 'This draft is in an open approval request. Saving it creates a new version: approvals given so far stop counting and those reviewers are asked again. ',
        h('a', { href: `${base}/requests/${encodeURIComponent(resource.openRequest)}`, text: 'View request' }))) : null,
    readOnly ? callout('info', 'You can read this resource but not change it.') : null,
    h('div', { class: 'editor-grid' },
      h('div', { class: 'editor-meta' }, name.el, labels.el, owners.el),
      h('div', { class: 'editor-config' },
        texts.map((t) => [t.editor.el, t.errorEl]),
        pickers ? pickers.el : null,
        editor.el, hint, configErrors, schemaPanel(typeDef.schema, typeDef.name))),
    general,
    actions.length ? h('div', { class: 'form-actions sticky-actions' }, actions, dirtyMark) : null,
    status.el);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!readOnly) saveDraft({ currentTarget: form.querySelector('.form-actions .btn') || form });
  });
  return form;
}

/**
 * Top-level string fields edited as text: SQL and other long text (named query/sql/script, described as
 * SQL, declared with a text media type, or already holding several lines).
 */
function textFields(schema, config) {
  const props = (schema && schema.properties) || {};
  return Object.entries(props).filter(([key, s]) => {
    if (!s || s.type !== 'string' || s.writeOnly) return false;
    if (['query', 'sql', 'script', 'source'].includes(key)) return true;
    if (s.contentMediaType && /^(text\/|application\/sql)/.test(s.contentMediaType)) return true;
    if (/\bSQL\b/.test(s.description || '')) return true;
    return typeof config[key] === 'string' && config[key].includes('\n');
  }).map(([key]) => key);
}

function latest(resource) {
  const published = Object.values(resource.published || {});
  if (!published.length) return { name: resource.name, labels: resource.labels, owners: resource.owners, config: {} };
  return published.sort((a, b) => b.revision - a.revision)[0];
}

function hasWriteOnly(schema) {
  let found = false;
  const walk = (s) => {
    if (!s || typeof s !== 'object' || found) return;
    if (s.writeOnly) found = true;
    for (const v of Object.values(s.properties || {})) walk(v);
  };
  walk(schema);
  return found;
}

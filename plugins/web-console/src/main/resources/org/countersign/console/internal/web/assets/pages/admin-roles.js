// /w/{ws}/admin/roles: built-in roles (read-only) and custom roles edited as JSON, with the server's
// validation errors shown at their lines.
import { h, replace } from '../dom.js';
import { api, ws, ApiError } from '../api.js';
import { roles as loadRoles, invalidate } from '../session.js';
import { loadOrForbid } from '../admin.js';
import { pageHeader, field, button, statusRegion, callout, confirm, busy, badge } from '../ui.js';
import { codeEditor, lineErrorList } from '../code-editor.js';
import { pointerLines, lineOf, parseErrorPosition } from '../json-lines.js';

const TEMPLATE = {
  description: 'What this role is for',
  statements: [
    { effect: 'allow', actions: ['read'], resourceTypes: ['*'] },
    { effect: 'allow', actions: ['read', 'update', 'create'], resourceTypes: ['model'], draftOnly: true, where: { labels: { team: 'growth' } } },
  ],
};

export async function render(ctx) {
  const slug = ctx.params.ws;
  invalidate(`ws:${slug}:roles`);
  const list = await loadOrForbid(ctx, 'Roles', () => loadRoles(slug));
  if (!list) return;
  ctx.title('Roles');
  const builtIn = list.filter((r) => r.builtIn);
  const custom = list.filter((r) => !r.builtIn);
  ctx.mount(
    pageHeader('Roles', { subtitle: 'A role is a list of statements: actions on resource types, optionally only on resources with some labels, optionally only through approved drafts. Deny wins.' }),
    h('section', { 'aria-labelledby': 'custom-heading' },
      h('h2', { id: 'custom-heading', text: 'Custom roles' }),
      custom.length ? custom.map((r) => roleEditor(ctx, slug, r)) : h('p', { class: 'muted', text: 'No custom roles yet.' }),
      roleEditor(ctx, slug, null)),
    h('section', { 'aria-labelledby': 'builtin-heading' },
      h('h2', { id: 'builtin-heading', text: 'Built-in roles' }),
      h('p', { class: 'muted', text: 'Built-in roles follow the Hightouch permission table and cannot be changed.' }),
      builtIn.map((r) => h('details', { class: 'card role-card' },
        h('summary', null, h('strong', { text: r.name }), (r.aliases || []).length ? h('span', { class: 'muted', text: ` (also ${r.aliases.join(', ')})` }) : null, ' — ', h('span', { text: r.description || '' })),
        h('pre', { class: 'value', text: JSON.stringify(r.statements, null, 2) })))));
}

function roleEditor(ctx, slug, role) {
  const status = statusRegion();
  const errors = h('div', { 'aria-live': 'polite' });
  const name = role ? null : field('Role name', h('input', { type: 'text', required: true, pattern: '[a-z0-9][a-z0-9_\\-]{0,62}', autocomplete: 'off' }),
    { hint: 'Lower-case letters, digits, _ and -.' });
  const editor = codeEditor({
    label: role ? `Definition of ${role.name} (JSON)` : 'Definition (JSON)',
    value: JSON.stringify(role ? { description: role.description, statements: role.statements } : TEMPLATE, null, 2),
    rows: role ? 12 : 14,
  });
  const save = button(role ? 'Save role' : 'Create role', null, { kind: 'primary', type: 'submit' });
  const remove = role ? button('Delete role', async () => {
    const done = await confirm({
      title: `Delete ${role.name}?`,
      message: 'A role that a member holds, or that promotion reviewers are chosen by, cannot be deleted.',
      confirmLabel: 'Delete role',
      danger: true,
      onConfirm: () => api.del(ws(slug, 'roles', role.name)),
    });
    if (done) {
      invalidate(`ws:${slug}:`);
      ctx.flash(`Role ${role.name} deleted.`);
      ctx.reload();
    }
  }, { kind: 'danger-outline' }) : null;
  const form = h('form', { class: 'card role-card', novalidate: true },
    h('h3', null, role ? [h('span', { text: role.name }), badge('info', 'custom')] : 'New custom role'),
    name ? name.el : null,
    editor.el, errors,
    h('div', { class: 'form-actions' }, save, remove),
    status.el);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    replace(errors);
    editor.mark([]);
    if (name) name.error(null);
    const roleName = role ? role.name : name.control.value.trim();
    if (!roleName || (name && !name.control.checkValidity())) {
      name.error('Use lower-case letters, digits, _ and -, starting with a letter or digit.');
      name.control.focus();
      return;
    }
    const text = editor.value();
    let body;
    try {
      body = JSON.parse(text);
    } catch (error) {
      const where = parseErrorPosition(text, error);
      editor.mark([{ line: where.line, message: 'Not valid JSON' }]);
      replace(errors, callout('danger', lineErrorList([{ line: where.line, column: where.column, message: `Not valid JSON: ${error.message}` }], editor)));
      return;
    }
    await busy(save, async () => {
      try {
        await api.put(ws(slug, 'roles', roleName), body);
        invalidate(`ws:${slug}:`);
        ctx.flash(role ? `Role ${roleName} saved.` : `Role ${roleName} created.`);
        ctx.reload();
      } catch (error) {
        if (error instanceof ApiError && error.errors.length) {
          const lines = pointerLines(text);
          const located = error.errors.map((e) => ({ ...e, line: e.line || (e.path ? lineOf(lines, e.path) : undefined) }));
          editor.mark(located);
          replace(errors, callout('danger', h('p', { text: error.detail }), lineErrorList(located, editor)));
        } else {
          status.show(error);
        }
      }
    });
  });
  return form;
}

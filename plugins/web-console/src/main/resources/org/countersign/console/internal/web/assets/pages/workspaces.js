// / and /workspaces: the workspace picker. "/" goes straight to the workspace used last (or the only one).
import { h } from '../dom.js';
import { api } from '../api.js';
import { lastWorkspace, me, invalidate } from '../session.js';
import { pageHeader, empty, field, button, statusRegion, badge } from '../ui.js';
import { humanize } from '../format.js';

export async function render(ctx) {
  const [list, user] = await Promise.all([api.get('/workspaces', { signal: ctx.signal, query: { limit: 500 } }), me()]);
  const workspaces = list.items || [];
  const roles = Object.fromEntries((user.memberships || []).map((m) => [m.slug, m.role]));
  const last = lastWorkspace();
  if (ctx.route.home) {
    const target = workspaces.find((w) => w.slug === last) || (workspaces.length === 1 ? workspaces[0] : null);
    if (target) {
      ctx.navigate(`/w/${encodeURIComponent(target.slug)}`, { replace: true });
      return;
    }
  }
  ctx.title('Workspaces');
  workspaces.sort((a, b) => (a.slug === last ? -1 : b.slug === last ? 1 : a.name.localeCompare(b.name)));
  const cards = workspaces.map((w) => h('li', { class: 'card workspace-card' },
    h('h2', { class: 'card-title' }, h('a', { href: `/w/${encodeURIComponent(w.slug)}`, text: w.name })),
    h('p', { class: 'muted' }, h('code', { text: w.slug })),
    h('p', { class: 'card-meta' },
      roles[w.slug] ? h('span', { text: `Your role: ${humanize(roles[w.slug])}` }) : h('span', { class: 'muted', text: 'Not a member (instance admin)' }),
      w.slug === last ? badge('info', 'Last used') : null)));
  ctx.mount(
    pageHeader('Workspaces', { subtitle: 'Each workspace has its own resources, members, roles and approval rules.' }),
    cards.length ? h('ul', { class: 'card-grid' }, cards)
      : empty(user.instanceAdmin ? 'There are no workspaces yet. Create the first one below.' : 'You are not a member of any workspace yet. Ask a workspace admin to add you.'),
    user.instanceAdmin ? createForm(ctx) : null);
}

function createForm(ctx) {
  const status = statusRegion();
  const name = field('Name', h('input', { type: 'text', name: 'name', required: true, maxlength: '200' }));
  const slug = field('Slug', h('input', { type: 'text', name: 'slug', required: true, pattern: '[a-z0-9][a-z0-9\\-]{1,62}', autocomplete: 'off' }),
    { hint: 'Lower-case letters, digits and dashes; it appears in links, e.g. growth.' });
  name.control.addEventListener('input', () => {
    if (!slug.control.dataset.touched) slug.control.value = name.control.value.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63);
  });
  slug.control.addEventListener('input', () => { slug.control.dataset.touched = '1'; });
  const submit = button('Create workspace', null, { kind: 'primary', type: 'submit' });
  const form = h('form', { class: 'card stack narrow' }, h('h2', { text: 'New workspace' }), name.el, slug.el, h('div', { class: 'form-actions' }, submit), status.el);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    slug.error(null);
    name.error(null);
    if (!form.reportValidity()) return;
    submit.disabled = true;
    try {
      const created = await api.post('/workspaces', { slug: slug.control.value, name: name.control.value });
      invalidate();
      await me({ refresh: true });
      ctx.flash(`Workspace “${created.name}” created. You are its admin.`);
      ctx.navigate(`/w/${encodeURIComponent(created.slug)}`);
    } catch (error) {
      for (const e of error.errors || []) {
        if (e.path === '/slug') slug.error(e.message);
        if (e.path === '/name') name.error(e.message);
      }
      status.show(error);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

// /w/{ws}: the workspace's resources, filtered by type, label and state, paged with `next`.
import { h } from '../dom.js';
import { api, ws } from '../api.js';
import { withQuery } from '../router.js';
import { resourceTypes, settings, grants } from '../session.js';
import { pageHeader, table, pager, empty, select, labelChips, person } from '../ui.js';
import { timeAgo } from '../format.js';
import { resourceBadges } from '../badges.js';

export async function render(ctx) {
  const slug = ctx.params.ws;
  const base = `/w/${encodeURIComponent(slug)}`;
  const q = ctx.query;
  const filters = { type: q.get('type') || '', label: q.getAll('label'), state: q.get('state') || '' };
  const cursor = q.get('cursor');
  const [page, types, config, mine] = await Promise.all([
    api.get(ws(slug, 'resources'), { signal: ctx.signal, query: { ...filters, cursor, limit: 50 } }),
    resourceTypes(),
    settings(slug).catch(() => null),
    grants(slug).catch(() => null),
  ]);
  const environments = (config && config.environments) || [];
  ctx.title('Resources');

  const typeNames = types.map((t) => t.name).filter((n) => n !== 'rules');
  const creatable = typeNames.filter((t) => !mine || (mine.types[t] && mine.types[t].create && mine.types[t].create !== 'denied'));
  const newForm = creatable.length ? newResourceForm(ctx, base, creatable, filters.type) : null;

  const rows = (page.items || []).map((r) => h('tr', null,
    h('th', { scope: 'row' }, h('a', { href: `${base}/resources/${encodeURIComponent(r.id)}`, text: (r.draft && r.draft.name) || r.name })),
    h('td', null, h('span', { class: 'type-tag', text: r.type })),
    h('td', null, resourceBadges(r, { environments, slug })),
    h('td', null, labelChips(r.labels)),
    h('td', null, r.draft ? [timeAgo(r.draft.updatedAt), ' by ', person(r.draft.updatedBy, r.people)] : latestPublished(r))));

  ctx.mount(
    pageHeader('Resources', { subtitle: 'Models, syncs, sources and everything else this workspace governs.', actions: [newForm] }),
    filterForm(ctx, base, typeNames, filters),
    rows.length ? table({ caption: 'Resources', columns: ['Name', 'Type', 'State', 'Labels', 'Last change'], rows })
      : empty(filters.type || filters.label.length || filters.state ? 'No resources match these filters.' : 'No resources yet.',
        filters.type || filters.label.length || filters.state ? h('a', { href: base, text: 'Clear the filters' }) : null),
    pager(page.next, cursor, (c) => withQuery(base, { ...filters, cursor: c })));
}

function latestPublished(r) {
  const entries = Object.values(r.published || {}).sort((a, b) => String(b.publishedAt).localeCompare(String(a.publishedAt)));
  if (!entries.length) return h('span', { class: 'muted', text: '—' });
  return [timeAgo(entries[0].publishedAt), ' by ', person(entries[0].publishedBy, r.people)];
}

function filterForm(ctx, base, typeNames, filters) {
  const type = select(typeNames.map((t) => ({ value: t, label: t })), { name: 'type', value: filters.type, includeEmpty: 'All types' });
  type.id = 'filter-type';
  const state = select([
    { value: 'draft', label: 'Draft (never published)' },
    { value: 'published', label: 'Published, no draft' },
    { value: 'changed', label: 'Changed (draft over published)' },
  ], { name: 'state', value: filters.state, includeEmpty: 'Any state' });
  state.id = 'filter-state';
  const label = h('input', { type: 'text', id: 'filter-label', name: 'label', value: filters.label.join(', '), placeholder: 'team:growth', 'aria-describedby': 'filter-label-hint' });
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter resources' },
    h('div', { class: 'field' }, h('label', { for: 'filter-type', text: 'Type' }), type),
    h('div', { class: 'field' }, h('label', { for: 'filter-label', text: 'Labels' }), label,
      h('p', { class: 'hint', id: 'filter-label-hint', text: 'key:value, several separated by commas' })),
    h('div', { class: 'field' }, h('label', { for: 'filter-state', text: 'State' }), state),
    h('div', { class: 'field field-actions' }, h('button', { type: 'submit', class: 'btn btn-secondary', text: 'Filter' })));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const labels = label.value.split(',').map((s) => s.trim()).filter(Boolean);
    ctx.navigate(withQuery(base, { type: type.value, label: labels, state: state.value }));
  });
  return form;
}

function newResourceForm(ctx, base, typeNames, preferred) {
  const type = select(typeNames, { name: 'type', value: preferred || (typeNames.includes('model') ? 'model' : typeNames[0]) });
  type.id = 'new-type';
  const form = h('form', { class: 'inline-form new-resource' },
    h('label', { for: 'new-type', class: 'visually-hidden', text: 'Type of the new resource' }), type,
    h('button', { type: 'submit', class: 'btn btn-primary', text: 'New resource' }));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    ctx.navigate(withQuery(`${base}/resources/new`, { type: type.value }));
  });
  return form;
}

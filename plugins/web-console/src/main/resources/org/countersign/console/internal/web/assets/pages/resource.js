// /w/{ws}/resources/{id}: one resource. Tabs: Overview (unpublished changes, environments, details,
// dependencies), Edit (the draft editor) and History (revisions and a diff between any two).
import { h } from '../dom.js';
import { api, ws } from '../api.js';
import { withQuery } from '../router.js';
import { resourceTypes, settings, members as loadMembers, grants } from '../session.js';
import { pageHeader, button, callout, table, person, personList, labelChips, facts, empty, select, badge } from '../ui.js';
import { timeAgo, timeFull } from '../format.js';
import { diffView } from '../diff.js';
import { resourceBadges } from '../badges.js';
import { editorForm } from './resource-edit.js';
import * as actions from '../resource-actions.js';

/** The actions this person may take: the view's `allowedActions`, or (older servers) a guess from the state. */
export function allowedActions(resource, typeDef, environments, { grants, requireApprovals } = {}) {
  if (Array.isArray(resource.allowedActions)) return new Set(resource.allowedActions);
  // Older servers: guess from the state and the permissions report; the server still decides every action.
  const mine = (grants && grants.types && grants.types[resource.type]) || null;
  const allows = (action) => !mine || !mine[action] || mine[action] !== 'denied';
  const governed = !typeDef || typeDef.governed !== false;
  const draftOnly = mine && mine.update === 'draft_only' && requireApprovals && governed;
  const out = new Set();
  if (allows('update')) out.add('edit');
  const published = Object.keys(resource.published || {});
  if (resource.draft && allows('update')) {
    out.add('delete-draft');
    if (!resource.openRequest) {
      if (!draftOnly) out.add('publish');
      if (governed) out.add('submit');
    }
  }
  if (allows('update') && published.some((e) => environments.indexOf(e) >= 0 && environments.indexOf(e) < environments.length - 1)) out.add('promote');
  if (published.length && allows('delete')) out.add('delete');
  if (published.length && typeDef && (typeDef.actions || []).includes('start') && allows('start')) out.add('run');
  return out;
}

/**
 * What the editor offers. Without a draft yet, saving creates one, so submitting is possible whenever
 * editing is; publishing directly only when the server says so (or, on older servers, always: it answers
 * 403 approval_required when it needs approval).
 */
function editorActions(resource, typeDef, can, draftOnly) {
  const edit = can.has('edit') && resource.type !== 'rules';
  const known = Array.isArray(resource.allowedActions);
  const governed = typeDef.governed !== false;
  return {
    edit,
    submit: edit && governed && !resource.openRequest && (can.has('submit') || !resource.draft),
    publish: edit && !resource.openRequest && (can.has('publish') || (!known && !resource.draft && !draftOnly)),
  };
}

export async function render(ctx) {
  const slug = ctx.params.ws;
  const id = ctx.params.id;
  const base = `/w/${encodeURIComponent(slug)}`;
  const tab = ['edit', 'history'].includes(ctx.query.get('tab')) ? ctx.query.get('tab') : 'overview';
  const [resource, types, config, mine] = await Promise.all([
    api.get(ws(slug, 'resources', id), { signal: ctx.signal }),
    resourceTypes(),
    settings(slug).catch(() => ({ environments: [] })),
    grants(slug).catch(() => null),
  ]);
  const environments = config.environments || [];
  const typeDef = types.find((t) => t.name === resource.type);
  const can = allowedActions(resource, typeDef, environments, { grants: mine, requireApprovals: config.requireApprovals });
  const title = (resource.draft && resource.draft.name) || resource.name;
  ctx.title(title);
  const here = `${base}/resources/${encodeURIComponent(id)}`;

  const actionButtons = [];
  if (tab !== 'edit' && can.has('edit') && resource.type !== 'rules') actionButtons.push(h('a', { href: withQuery(here, { tab: 'edit' }), class: 'btn btn-secondary', text: resource.draft ? 'Edit draft' : 'Edit' }));
  if (tab !== 'edit' && resource.draft && can.has('submit') && !resource.openRequest) actionButtons.push(button('Submit approval request', () => actions.submitRequest(ctx, slug, resource), { kind: 'primary' }));
  if (tab !== 'edit' && resource.draft && can.has('publish')) actionButtons.push(button('Publish now', () => actions.publishNow(ctx, slug, resource)));
  if (can.has('promote')) actionButtons.push(button(config.promotion && config.promotion.enabled ? 'Request to promote' : 'Promote', () => actions.promote(ctx, slug, resource)));
  if (can.has('run')) actionButtons.push(button('Run', () => actions.run(ctx, slug, resource)));
  if (resource.draft && can.has('delete-draft')) actionButtons.push(button('Delete draft', () => actions.deleteDraft(ctx, slug, resource), { kind: 'danger-outline' }));
  if (can.has('delete') && Object.keys(resource.published || {}).length) actionButtons.push(button('Delete', () => actions.deleteResource(ctx, slug, resource), { kind: 'danger-outline' }));

  const tabLink = (value, label) => h('a', { href: withQuery(here, { tab: value === 'overview' ? null : value }), class: 'tab', 'aria-current': tab === value ? 'page' : undefined, text: label });
  const header = [
    h('p', { class: 'breadcrumbs' }, h('a', { href: base, text: 'Resources' }), ' / ', h('span', { text: resource.type })),
    pageHeader(title, {
      badges: resourceBadges(resource, { environments, slug }),
      subtitle: [h('span', { class: 'type-tag', text: resource.type }), ' · created ', timeAgo(resource.createdAt), ' by ', person(resource.createdBy, resource.people)],
      actions: [h('div', { class: 'button-row' }, actionButtons)],
    }),
    resource.openRequest ? callout('info', h('div', { class: 'banner' },
      h('p', null, h('strong', { text: 'Pending approval. ' }), 'The draft is waiting for review; it goes live when the request is approved.'),
      h('a', { href: `${base}/requests/${encodeURIComponent(resource.openRequest)}`, class: 'btn btn-primary', text: 'View request' }))) : null,
    h('nav', { class: 'tabs', 'aria-label': 'Resource sections' }, tabLink('overview', 'Overview'), tabLink('edit', resource.draft ? 'Edit draft' : 'Edit'), tabLink('history', 'History')),
  ];

  if (tab === 'edit') {
    const memberList = await loadMembers(slug).catch(() => []);
    if (!typeDef) {
      ctx.mount(header, callout('warning', `The ${resource.type} type is not installed right now, so this resource cannot be edited.`));
      return;
    }
    const rulesNote = resource.type === 'rules'
      ? callout('info', h('p', null, 'The rules script is changed on the ', h('a', { href: `${base}/admin/rules`, text: 'Rules page' }), '.')) : null;
    ctx.mount(header, rulesNote, editorForm(ctx, {
      slug,
      typeDef,
      typeNames: types.map((t) => t.name),
      members: memberList,
      resource,
      allowed: editorActions(resource, typeDef, can,
        Boolean(mine && mine.types[resource.type] && mine.types[resource.type].update === 'draft_only' && config.requireApprovals && typeDef.governed !== false)),
    }));
    return;
  }

  if (tab === 'history') {
    ctx.mount(header, await history(ctx, slug, resource, here));
    return;
  }

  const diff = resource.draft ? await api.get(ws(slug, 'resources', id, 'diff'), { signal: ctx.signal }).catch(() => null) : null;
  ctx.mount(header, overview(ctx, slug, resource, environments, diff, base));
}

function overview(ctx, slug, resource, environments, diff, base) {
  const people = resource.people || {};
  const draft = resource.draft;
  const envs = [...environments, ...Object.keys(resource.published || {}).filter((e) => !environments.includes(e))];
  const sections = [];
  if (draft) {
    const baseLabel = draft.baseRevision ? `Published (revision ${draft.baseRevision})` : 'Nothing published';
    sections.push(h('section', { class: 'card', 'aria-labelledby': 'changes-heading' },
      h('h2', { id: 'changes-heading', text: 'Unpublished changes' }),
      h('p', { class: 'muted' }, `Draft version ${draft.version}, last saved `, timeAgo(draft.updatedAt), ' by ', person(draft.updatedBy, people),
        draft.contributors && draft.contributors.length ? [' · contributors: ', personList(draft.contributors, people)] : null),
      diff ? diffView(diff, { beforeLabel: baseLabel, afterLabel: `Draft (version ${draft.version})` }) : h('p', { class: 'muted', text: 'The changes could not be loaded.' })));
  }
  sections.push(h('section', { class: 'card', 'aria-labelledby': 'env-heading' },
    h('h2', { id: 'env-heading', text: 'Environments' }),
    table({
      caption: 'Published revision per environment',
      columns: ['Environment', 'Revision', 'Published', 'By'],
      rows: envs.map((env) => {
        const p = (resource.published || {})[env];
        return h('tr', null,
          h('th', { scope: 'row', text: env }),
          h('td', null, p ? `Revision ${p.revision}` : h('span', { class: 'muted', text: 'Not published' })),
          h('td', null, p ? timeFull(p.publishedAt) : ''),
          h('td', null, p ? person(p.publishedBy, people) : ''));
      }),
    })));
  const current = draft || Object.values(resource.published || {})[0] || resource;
  sections.push(h('section', { class: 'card', 'aria-labelledby': 'details-heading' },
    h('h2', { id: 'details-heading', text: 'Details' }),
    facts([
      ['Type', resource.type],
      ['Labels', labelChips(current.labels || resource.labels)],
      ['Owners', personList(current.owners || resource.owners, people, 'none')],
      ['Id', h('code', { text: resource.id })],
    ]),
    h('details', { class: 'config-details' },
      h('summary', { text: draft ? 'Draft config (JSON)' : 'Config (JSON)' }),
      h('pre', { class: 'value', text: JSON.stringify(current.config ?? {}, null, 2) }))));
  const deps = resource.dependencies || [];
  sections.push(h('section', { class: 'card', 'aria-labelledby': 'deps-heading' },
    h('h2', { id: 'deps-heading', text: 'Dependencies' }),
    deps.length ? [
      h('p', { class: 'muted', text: 'What this resource uses. A dependency with an open draft is shown at its draft version; it must be published before this resource can run.' }),
      table({
        caption: 'Dependencies',
        columns: ['Uses', 'Type', 'Config path', 'State'],
        rows: deps.map((d) => h('tr', null,
          h('th', { scope: 'row' }, h('a', { href: `${base}/resources/${encodeURIComponent(d.resourceId)}`, text: d.name || d.resourceId })),
          h('td', { text: d.type || '' }),
          h('td', null, h('code', { text: d.path || '' })),
          h('td', null, d.state ? badge(d.state) : '', d.draftVersion ? h('span', { class: 'muted', text: ` draft version ${d.draftVersion}` }) : null))),
      }),
    ] : h('p', { class: 'muted', text: 'This resource uses no other resource.' })));
  return h('div', { class: 'stack' }, sections);
}

async function history(ctx, slug, resource, here) {
  const list = await api.get(ws(slug, 'resources', resource.id, 'revisions'), { signal: ctx.signal, query: { limit: 200 } });
  const revisions = list.items || [];
  const people = { ...(resource.people || {}), ...(list.people || {}) };
  if (!revisions.length) return h('section', { class: 'card' }, h('h2', { text: 'History' }), empty('Nothing has been published yet.'));
  const numbers = revisions.map((r) => r.number).sort((a, b) => a - b);
  const newest = numbers[numbers.length - 1];
  const from = Number(ctx.query.get('from')) || (numbers.length > 1 ? numbers[numbers.length - 2] : newest);
  const toParam = ctx.query.get('to');
  const to = toParam === 'draft' ? 'draft' : Number(toParam) || newest;
  const base = `/w/${encodeURIComponent(slug)}`;

  const rows = revisions.map((r) => h('tr', null,
    h('th', { scope: 'row', text: `Revision ${r.number}` }),
    h('td', null, person(r.author, people)),
    h('td', null, person(r.publishedBy, people)),
    h('td', null, timeFull(r.at)),
    h('td', null, r.comment ? h('span', { text: r.comment }) : h('span', { class: 'muted', text: '—' })),
    h('td', null,
      r.requestId ? h('a', { href: `${base}/requests/${encodeURIComponent(r.requestId)}`, text: 'Request' }) : null,
      r.number > 1 ? [r.requestId ? ' · ' : null, h('a', { href: withQuery(here, { tab: 'history', from: r.number - 1, to: r.number }), text: 'Changes', 'aria-label': `Changes in revision ${r.number}` })] : null)));

  const options = numbers.slice().reverse().map((n) => ({ value: n, label: `Revision ${n}` }));
  const fromSel = select(options, { name: 'from', value: from });
  fromSel.id = 'compare-from';
  const toSel = select([...(resource.draft ? [{ value: 'draft', label: 'Current draft' }] : []), ...options], { name: 'to', value: to });
  toSel.id = 'compare-to';
  const form = h('form', { class: 'inline-form compare-form', 'aria-label': 'Compare revisions' },
    h('label', { for: 'compare-from', text: 'Compare' }), fromSel,
    h('label', { for: 'compare-to', text: 'with' }), toSel,
    h('button', { type: 'submit', class: 'btn btn-secondary', text: 'Show diff' }));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    ctx.navigate(withQuery(here, { tab: 'history', from: fromSel.value, to: toSel.value }), { replace: true });
  });

  let diff = null;
  let diffError = null;
  try {
    diff = to === 'draft'
      ? await api.get(ws(slug, 'resources', resource.id, 'diff'), { signal: ctx.signal, query: { from } })
      : await api.get(ws(slug, 'resources', resource.id, 'diff'), { signal: ctx.signal, query: { from, to } });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    diffError = error;
  }
  return h('div', { class: 'stack' },
    h('section', { class: 'card', 'aria-labelledby': 'revisions-heading' },
      h('h2', { id: 'revisions-heading', text: 'Revisions' }),
      h('p', { class: 'muted', text: 'Every published revision is kept. The author wrote the draft; the publisher made it live.' }),
      table({ caption: 'Revisions, newest first', columns: ['Revision', 'Author', 'Published by', 'When', 'Comment', 'Links'], rows })),
    h('section', { class: 'card', 'aria-labelledby': 'compare-heading' },
      h('h2', { id: 'compare-heading', text: 'Compare' }),
      form,
      diffError ? callout('danger', diffError.detail) : diffView(diff, { beforeLabel: `Revision ${from}`, afterLabel: to === 'draft' ? 'Current draft' : `Revision ${to}` })));
}

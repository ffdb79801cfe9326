// /w/{ws}/admin/audit: the hash-chained audit log, its verification and the JSON Lines export.
import { h } from '../dom.js';
import { api, ws } from '../api.js';
import { withQuery } from '../router.js';
import { members as loadMembers } from '../session.js';
import { loadOrForbid } from '../admin.js';
import { pageHeader, callout, table, empty, person } from '../ui.js';
import { timeFull } from '../format.js';

export async function render(ctx) {
  const slug = ctx.params.ws;
  const here = `/w/${encodeURIComponent(slug)}/admin/audit`;
  const after = ctx.query.get('after');
  const data = await loadOrForbid(ctx, 'Audit log', () => Promise.all([
    api.get(ws(slug, 'audit'), { signal: ctx.signal, query: { after, limit: 50 } }),
    api.get(ws(slug, 'audit', 'verify'), { signal: ctx.signal }).catch((error) => ({ error })),
    loadMembers(slug).catch(() => []),
  ]));
  if (!data) return;
  const [page, verify, memberList] = data;
  ctx.title('Audit log');
  const people = Object.fromEntries(memberList.map((m) => [m.userId, { id: m.userId, name: m.name, email: m.email }]));
  let verdict;
  if (verify.error) verdict = callout('warning', `The chain could not be verified: ${verify.error.detail}`);
  else if (verify.ok) verdict = callout('success', h('p', null, h('strong', { text: 'The chain is intact. ' }), `${verify.count} events; head `, h('code', { class: 'hash', title: verify.head, text: String(verify.head || '').slice(0, 16) }), '…'));
  else verdict = callout('danger', h('p', null, h('strong', { text: 'The chain is broken ' }), `at event ${verify.brokenAt}. An event was changed or removed behind the server's back.`));

  const rows = (page.items || []).map((e) => h('tr', null,
    h('td', { class: 'num-col', text: String(e.seq) }),
    h('td', null, timeFull(e.at)),
    h('td', null, e.actor ? person(e.actor, people) : h('span', { class: 'muted', text: 'system' })),
    h('th', { scope: 'row' }, h('code', { text: e.action })),
    h('td', null, h('code', { class: 'hash', text: e.target || '' })),
    h('td', null, e.details && Object.keys(e.details).length
      ? h('details', { class: 'audit-details' }, h('summary', { text: 'Details' }), h('pre', { class: 'value', text: JSON.stringify(e.details, null, 2) }))
      : h('span', { class: 'muted', text: '—' })),
    h('td', null, h('span', { class: 'hash', title: `hash ${e.hash}\nprevious ${e.prevHash}`, text: String(e.hash).slice(0, 10) }))));

  const nav = (page.next || after) ? h('nav', { class: 'pager', 'aria-label': 'Pages' },
    after ? h('a', { href: here, class: 'btn btn-secondary', text: '« From the start' }) : null,
    page.next ? h('a', { href: withQuery(here, { after: page.next }), class: 'btn btn-secondary', rel: 'next', text: 'Later events »' }) : null) : null;

  ctx.mount(
    pageHeader('Audit log', {
      subtitle: 'Every change, in order, each event chained to the one before by its hash.',
      actions: [h('a', { href: `/api/v1${ws(slug, 'audit', 'export')}`, class: 'btn btn-secondary', download: `${slug}-audit.jsonl`, text: 'Export (JSON Lines)' })],
    }),
    verdict,
    rows.length ? table({ caption: 'Audit events, oldest first', columns: [{ label: 'Seq', className: 'num-col' }, 'When', 'Actor', 'Action', 'Target', 'Details', 'Hash'], rows }) : empty('No events.'),
    nav,
    h('p', { class: 'hint', text: 'Check an export anywhere with bin/countersign-verify-audit <file>, and compare its head with the one above.' }));
}

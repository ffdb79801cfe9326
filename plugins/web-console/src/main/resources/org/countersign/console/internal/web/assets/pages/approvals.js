// /w/{ws}/approvals?tab=pending|mine|all: the reviewer's pending tab (what I can act on now), my own
// requests, and every request (optionally by state). One API call per page.
import { h } from '../dom.js';
import { api, ws } from '../api.js';
import { withQuery } from '../router.js';
import { pageHeader, table, pager, empty, badge, person, select } from '../ui.js';
import { timeAgo, requestTitle, remainingText } from '../format.js';

const TABS = {
  pending: { label: 'Pending', query: { reviewer: 'me' }, empty: 'Nothing is waiting for your review.' },
  mine: { label: 'Mine', query: { author: 'me' }, empty: 'You have not submitted any requests.' },
  all: { label: 'All', query: {}, empty: 'No requests match.' },
};
const STATES = ['open', 'changes_requested', 'approved', 'applied', 'declined', 'withdrawn', 'discarded'];

export async function render(ctx) {
  const slug = ctx.params.ws;
  const base = `/w/${encodeURIComponent(slug)}`;
  const here = `${base}/approvals`;
  const tab = TABS[ctx.query.get('tab')] ? ctx.query.get('tab') : 'pending';
  const state = tab === 'all' ? ctx.query.get('state') || '' : '';
  const cursor = ctx.query.get('cursor');
  const page = await api.get(ws(slug, 'requests'), { signal: ctx.signal, query: { ...TABS[tab].query, state, cursor, limit: 50 } });
  ctx.title(`Approvals · ${TABS[tab].label}`);

  const rows = (page.items || []).map((r) => {
    const href = `${base}/requests/${encodeURIComponent(r.id)}`;
    const remaining = remainingText(r);
    return h('tr', null,
      h('td', { class: 'num-col', text: `#${r.number}` }),
      h('th', { scope: 'row' },
        h('a', { href, text: requestTitle(r) }),
        r.kind === 'promote' && r.sourceEnvironment ? h('span', { class: 'muted', text: ` ${r.sourceEnvironment} → ${r.targetEnvironment}` }) : null,
        r.kind !== 'promote' && r.targetEnvironment ? h('span', { class: 'muted', text: ` to ${r.targetEnvironment}` }) : null),
      h('td', null, person(r.author, r.people)),
      h('td', null, badge(r.state), (r.blockedBy || []).length ? [' ', badge('blocked', 'Blocked')] : null),
      h('td', null, remaining ? h('span', { class: remaining.startsWith('All') ? 'ok-text' : '', text: remaining }) : h('span', { class: 'muted', text: '—' })),
      h('td', null, timeAgo(r.createdAt)));
  });

  const tabLink = (key) => h('a', { href: withQuery(here, { tab: key === 'pending' ? null : key }), class: 'tab', 'aria-current': tab === key ? 'page' : undefined, text: TABS[key].label });
  let stateFilter = null;
  if (tab === 'all') {
    const sel = select(STATES.map((s) => ({ value: s, label: s.replace('_', ' ') })), { name: 'state', value: state, includeEmpty: 'Any state' });
    sel.id = 'state-filter';
    stateFilter = h('form', { class: 'inline-form', role: 'search', 'aria-label': 'Filter requests' },
      h('label', { for: 'state-filter', text: 'State' }), sel,
      h('button', { type: 'submit', class: 'btn btn-secondary', text: 'Filter' }));
    stateFilter.addEventListener('submit', (event) => {
      event.preventDefault();
      ctx.navigate(withQuery(here, { tab: 'all', state: sel.value }));
    });
  }
  ctx.mount(
    pageHeader('Approvals', { subtitle: tab === 'pending' ? 'Requests you can review now, newest first.' : null }),
    h('nav', { class: 'tabs', 'aria-label': 'Approval lists' }, Object.keys(TABS).map(tabLink)),
    stateFilter,
    rows.length
      ? table({ caption: `${TABS[tab].label} requests`, columns: [{ label: 'No.', className: 'num-col' }, 'Request', 'Author', 'State', 'Approvals', 'Opened'], rows })
      : empty(TABS[tab].empty),
    pager(page.next, cursor, (c) => withQuery(here, { tab: tab === 'pending' ? null : tab, state, cursor: c })));
}

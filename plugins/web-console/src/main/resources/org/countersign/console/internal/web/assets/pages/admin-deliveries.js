// /w/{ws}/admin/deliveries: every email, Slack message and webhook call with its state; retry dead ones.
import { h } from '../dom.js';
import { api, ws } from '../api.js';
import { withQuery } from '../router.js';
import { loadOrForbid } from '../admin.js';
import { pageHeader, table, empty, badge, button, pager, statusRegion, busy, confirm } from '../ui.js';
import { timeAgo } from '../format.js';

const STATE_LABELS = { pending: 'Pending', waiting: 'Waiting', delivered: 'Delivered', dead: 'Dead' };
const FILTERS = [[null, 'All'], ['pending', 'Pending'], ['delivered', 'Delivered'], ['dead', 'Dead']];

export async function render(ctx) {
  const slug = ctx.params.ws;
  const here = `/w/${encodeURIComponent(slug)}/admin/deliveries`;
  const state = ctx.query.get('state') || null;
  const cursor = ctx.query.get('cursor');
  const page = await loadOrForbid(ctx, 'Deliveries', () => api.get(ws(slug, 'notifications', 'deliveries'), { signal: ctx.signal, query: { state, cursor, limit: 50 } }));
  if (!page) return;
  ctx.title('Deliveries');
  const status = statusRegion();
  const rows = (page.items || []).map((d) => h('tr', null,
    h('th', { scope: 'row' }, h('code', { text: d.eventType })),
    h('td', null, d.channel, d.target ? h('div', { class: 'muted small', text: d.target }) : null),
    h('td', null, badge(d.state, STATE_LABELS[d.state] || d.state), d.waitingFor ? h('div', { class: 'muted small', text: `waiting for ${d.waitingFor}` }) : null),
    h('td', { class: 'num-col', text: String(d.attempts) }),
    h('td', null, d.lastError ? h('span', { class: 'small', text: d.lastError }) : h('span', { class: 'muted', text: '—' })),
    h('td', null, timeAgo(d.createdAt)),
    h('td', null, d.deliveredAt ? ['delivered ', timeAgo(d.deliveredAt)] : d.nextAttemptAt && d.state !== 'dead' ? ['next try ', timeAgo(d.nextAttemptAt)] : ''),
    h('td', { class: 'actions-col' }, d.state === 'dead' ? button('Retry', async (event) => {
      await busy(event.currentTarget, async () => {
        try {
          await api.post(ws(slug, 'notifications', 'deliveries', d.id, 'retry'), {});
          ctx.flash('Delivery queued again with a fresh set of attempts.');
          ctx.reload();
        } catch (error) {
          status.show(error);
        }
      });
    }, { class: 'btn-small', 'aria-label': `Retry ${d.eventType} on ${d.channel}` }) : null)));

  const retryAll = button('Retry all dead', async () => {
    const answer = await confirm({
      title: 'Retry every dead delivery?',
      message: 'Each one gets a fresh set of attempts. Fix the cause first (a URL, SMTP settings), or they will fail again.',
      confirmLabel: 'Retry all',
      onConfirm: () => api.post(ws(slug, 'notifications', 'deliveries', 'retry'), {}),
    });
    if (answer) {
      ctx.flash(`${answer.retried ?? 0} deliveries queued again.`);
      ctx.reload();
    }
  });

  ctx.mount(
    pageHeader('Deliveries', { subtitle: 'Notifications sent by email, Slack and webhooks. The in-app inbox is not listed.', actions: [retryAll] }),
    h('nav', { class: 'tabs', 'aria-label': 'Filter deliveries' }, FILTERS.map(([value, label]) => h('a', {
      href: withQuery(here, { state: value }), class: 'tab', 'aria-current': state === value ? 'page' : undefined, text: label,
    }))),
    status.el,
    rows.length ? table({ caption: 'Deliveries, newest first', columns: ['Event', 'Channel', 'State', { label: 'Tries', className: 'num-col' }, 'Last error', 'Created', 'Next', { label: 'Actions', className: 'actions-col' }], rows })
      : empty(state === 'dead' ? 'No dead deliveries.' : 'No deliveries.'),
    pager(page.next, cursor, (c) => withQuery(here, { state, cursor: c })));
}

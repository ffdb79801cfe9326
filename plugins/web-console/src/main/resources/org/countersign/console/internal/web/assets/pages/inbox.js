// /inbox: the signed-in person's notifications, unread first or all, with mark read.
import { h } from '../dom.js';
import { api } from '../api.js';
import { withQuery } from '../router.js';
import { setUnread } from '../layout.js';
import { pageHeader, button, pager, empty, statusRegion, busy } from '../ui.js';
import { timeAgo } from '../format.js';

/** The console page a notification is about: its own console link, else its request's page. */
export function consoleLink(n) {
  if (n.link) {
    try {
      const url = new URL(n.link, location.origin);
      const api = url.pathname.match(/^\/api\/v1\/workspaces\/([^/]+)\/requests\/([^/]+)$/);
      if (api) return `/w/${api[1]}/requests/${api[2]}`;
      if (url.origin === location.origin && !url.pathname.startsWith('/api/')) return url.pathname + url.search;
    } catch {
      // fall through to the request id
    }
  }
  if (n.workspace && n.requestId) return `/w/${encodeURIComponent(n.workspace)}/requests/${encodeURIComponent(n.requestId)}`;
  return null;
}

export async function render(ctx) {
  const unreadOnly = ctx.query.get('show') !== 'all';
  const cursor = ctx.query.get('cursor');
  const inbox = await api.get('/me/notifications', { signal: ctx.signal, query: { unread: unreadOnly ? true : undefined, cursor, limit: 50 } });
  if (typeof inbox.unread === 'number') setUnread(inbox.unread);
  ctx.title('Inbox');
  const status = statusRegion();
  const workspaces = Object.fromEntries((ctx.user.memberships || []).map((m) => [m.slug, m.name]));
  const markRead = async (n) => {
    await api.post(`/me/notifications/${encodeURIComponent(n.id)}/read`);
  };
  const items = (inbox.items || []).map((n) => {
    const href = consoleLink(n);
    const title = href ? h('a', { href, text: n.title }) : h('span', { text: n.title });
    if (href && !n.readAt) {
      title.addEventListener('click', () => { markRead(n).catch(() => {}); });
    }
    return h('li', { class: ['inbox-item', !n.readAt && 'unread'] },
      h('div', { class: 'inbox-main' },
        h('h2', { class: 'inbox-title' }, !n.readAt ? h('span', { class: 'visually-hidden', text: 'Unread: ' }) : null, title),
        h('p', { class: 'inbox-text', text: n.text }),
        h('p', { class: 'inbox-meta muted' }, h('span', { text: workspaces[n.workspace] || n.workspace }), ' · ', timeAgo(n.createdAt))),
      !n.readAt ? h('div', { class: 'inbox-actions' }, button('Mark read', async (event) => {
        await busy(event.currentTarget, async () => {
          try {
            await markRead(n);
            ctx.reload();
          } catch (error) {
            status.show(error);
          }
        });
      }, { 'aria-label': `Mark “${n.title}” read` })) : null);
  });
  const markAll = inbox.unread ? button('Mark all read', async (event) => {
    await busy(event.currentTarget, async () => {
      try {
        await api.post('/me/notifications/read');
        ctx.flash('All notifications marked read.');
        ctx.reload();
      } catch (error) {
        status.show(error);
      }
    });
  }) : null;
  const tab = (label, value) => h('a', { href: withQuery('/inbox', { show: value }), class: 'tab', 'aria-current': (value === 'all') === !unreadOnly ? 'page' : undefined, text: label });
  ctx.mount(
    pageHeader('Inbox', {
      subtitle: inbox.unread ? `${inbox.unread} unread` : 'Nothing unread',
      actions: [markAll],
    }),
    h('nav', { class: 'tabs', 'aria-label': 'Filter notifications' }, tab('Unread', null), tab('All', 'all')),
    status.el,
    items.length ? h('ul', { class: 'inbox-list' }, items) : empty(unreadOnly ? 'You are all caught up.' : 'No notifications yet.'),
    pager(inbox.next, cursor, (c) => withQuery('/inbox', { show: unreadOnly ? null : 'all', cursor: c })));
}

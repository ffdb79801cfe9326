// The frame around every page: the top bar (workspace, inbox with its unread count, account, sign out)
// and, inside a workspace, the side navigation.
import { h, replace } from './dom.js';
import { api, csrfToken } from './api.js';
import { canManage } from './session.js';
import { logo } from './ui.js';

const topbar = () => document.getElementById('topbar');
const sidenav = () => document.getElementById('sidenav');

let unread = null;
let unreadFetchedAt = 0;
let unreadTimer = null;
let drawSeq = 0;

/** 'bare' for the sign-in pages (a centred card), 'app' for everything else. */
export function setFrame(kind) {
  document.body.classList.toggle('frame-bare', kind === 'bare');
  document.body.classList.toggle('frame-app', kind !== 'bare');
  topbar().hidden = kind === 'bare';
  if (kind === 'bare') sidenav().hidden = true;
}

/** Draws the top bar and side navigation for the signed-in user on `path`, inside workspace `slug` (or none). */
export async function drawChrome(user, slug, workspaceName, path) {
  const seq = ++drawSeq;
  replace(topbar(),
    h('a', { href: '/', class: 'brand' },
      logo(24),
      h('span', { text: 'Countersign' })),
    slug ? h('div', { class: 'workspace-switch' },
      h('span', { class: 'visually-hidden', text: 'Workspace: ' }),
      h('span', { class: 'workspace-name', text: workspaceName || slug }),
      h('a', { href: '/workspaces', class: 'switch-link', text: 'Switch' })) : null,
    h('nav', { class: 'topnav', 'aria-label': 'Account' },
      h('a', { href: '/inbox', class: 'inbox-link', 'aria-current': path === '/inbox' ? 'page' : undefined },
        h('span', { text: 'Inbox' }),
        h('span', { class: 'count', id: 'unread-count', hidden: true })),
      h('a', { href: '/account', class: 'account-link', title: user.email, 'aria-current': path === '/account' ? 'page' : undefined, text: user.name || user.email }),
      signOutForm()));
  showUnread();
  refreshUnread(false);
  startUnreadPolling();

  const nav = sidenav();
  if (!slug) {
    nav.hidden = true;
    replace(nav);
    return;
  }
  nav.hidden = false;
  const base = `/w/${encodeURIComponent(slug)}`;
  const item = (href, label, active) => h('li', null, h('a', { href, 'aria-current': active ? 'page' : undefined, text: label }));
  const inResources = path === base || path.startsWith(`${base}/resources`);
  const inApprovals = path.startsWith(`${base}/approvals`) || path.startsWith(`${base}/requests`);
  replace(nav,
    h('ul', { class: 'sidenav-list' },
      item(base, 'Resources', inResources),
      item(`${base}/approvals`, 'Approvals', inApprovals)));
  let manage = false;
  try {
    manage = await canManage(slug);
  } catch {
    manage = false;
  }
  if (!manage || seq !== drawSeq) return;
  const admin = `${base}/admin`;
  nav.append(
    h('p', { class: 'sidenav-heading', id: 'sidenav-admin', text: 'Administration' }),
    h('ul', { class: 'sidenav-list', 'aria-labelledby': 'sidenav-admin' },
      ['settings', 'members', 'roles', 'rules', 'audit', 'deliveries'].map((page) => item(`${admin}/${page}`,
        { settings: 'Settings', members: 'Members', roles: 'Roles', rules: 'Rules', audit: 'Audit log', deliveries: 'Deliveries' }[page],
        path.startsWith(`${admin}/${page}`)))));
}

function signOutForm() {
  const csrf = h('input', { type: 'hidden', name: 'csrf', value: csrfToken() || '' });
  const form = h('form', { method: 'post', action: '/console/sign-out', class: 'signout-form' },
    csrf,
    h('button', { type: 'submit', class: 'btn btn-link', text: 'Sign out' }));
  form.addEventListener('submit', () => {
    csrf.value = csrfToken() || '';
  });
  return form;
}

/** Sets the unread count shown next to Inbox. */
export function setUnread(count) {
  unread = count;
  unreadFetchedAt = Date.now();
  showUnread();
}

function showUnread() {
  const el = document.getElementById('unread-count');
  if (!el) return;
  if (unread) {
    el.hidden = false;
    el.textContent = unread > 99 ? '99+' : String(unread);
    el.setAttribute('aria-label', `${unread} unread`);
    el.title = `${unread} unread`;
  } else {
    el.hidden = true;
    el.textContent = '';
  }
}

/** Asks the server for the unread count, at most every 30 seconds unless forced. */
export async function refreshUnread(force = true) {
  if (!force && Date.now() - unreadFetchedAt < 30000) return;
  unreadFetchedAt = Date.now();
  try {
    const inbox = await api.get('/me/notifications', { query: { unread: true, limit: 1 } });
    setUnread(inbox.unread ?? (inbox.items || []).length);
  } catch {
    // the count is a convenience: a failure leaves the last one shown
  }
}

function startUnreadPolling() {
  if (unreadTimer) return;
  unreadTimer = setInterval(() => {
    if (document.visibilityState === 'visible' && document.getElementById('unread-count')) refreshUnread(false);
  }, 60000);
}

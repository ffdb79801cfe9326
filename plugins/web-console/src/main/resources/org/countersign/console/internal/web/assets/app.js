// The console's entry point: the route table and the render cycle (sign-in check, frame, page, focus).
import { h, replace } from './dom.js';
import { route, match, start, navigate, reload, setLeaveGuard } from './router.js';
import { me, rememberWorkspace } from './session.js';
import { setFrame, drawChrome } from './layout.js';
import { problemView } from './ui.js';

const PUBLIC = { public: true, frame: 'bare' };

route('/sign-in', () => import('./pages/sign-in.js'), PUBLIC);
route('/invite/:token', () => import('./pages/invite.js'), PUBLIC);
route('/', () => import('./pages/workspaces.js'), { home: true });
route('/workspaces', () => import('./pages/workspaces.js'));
route('/account', () => import('./pages/account.js'));
route('/inbox', () => import('./pages/inbox.js'));
route('/w/:ws', () => import('./pages/resources.js'));
route('/w/:ws/resources', () => import('./pages/resources.js'));
route('/w/:ws/resources/new', () => import('./pages/resource-edit.js'), { creating: true });
route('/w/:ws/resources/:id', () => import('./pages/resource.js'));
route('/w/:ws/approvals', () => import('./pages/approvals.js'));
route('/w/:ws/requests/:rid', () => import('./pages/request.js'));
route('/w/:ws/admin', () => import('./pages/admin-settings.js'));
route('/w/:ws/admin/settings', () => import('./pages/admin-settings.js'));
route('/w/:ws/admin/members', () => import('./pages/admin-members.js'));
route('/w/:ws/admin/roles', () => import('./pages/admin-roles.js'));
route('/w/:ws/admin/rules', () => import('./pages/admin-rules.js'));
route('/w/:ws/admin/audit', () => import('./pages/admin-audit.js'));
route('/w/:ws/admin/deliveries', () => import('./pages/admin-deliveries.js'));

const NOT_FOUND = { load: () => import('./pages/not-found.js') };

let renderSeq = 0;
let controller = null;
let pendingFlash = null;

/** Shows a message at the top of the next page drawn (or of this one, when called after it is drawn). */
export function flash(message, kind = 'success') {
  pendingFlash = { message, kind };
}

function showFlash() {
  const el = document.getElementById('flash');
  if (!pendingFlash) {
    replace(el);
    return false;
  }
  const { message, kind } = pendingFlash;
  pendingFlash = null;
  replace(el, h('div', { class: ['callout', `callout-${kind}`, 'flash-message'] },
    h('p', null, message),
    h('button', { type: 'button', class: 'btn btn-link flash-dismiss', 'aria-label': 'Dismiss message', text: '×', on: { click: () => replace(el) } })));
  return true;
}

async function render({ navigation, keepScroll, initial }) {
  const seq = ++renderSeq;
  if (controller) controller.abort();
  controller = new AbortController();
  const { signal } = controller;
  setLeaveGuard(null);
  const url = new URL(location.href);
  const found = match(url.pathname) || { route: NOT_FOUND, params: {} };
  const page = document.getElementById('page');
  const stale = () => seq !== renderSeq;

  // the page's module loads while the signed-in user is fetched, not after
  const pageModule = found.route.load();
  pageModule.catch(() => {});
  let user = null;
  if (!found.route.public) {
    try {
      user = await me();
    } catch (error) {
      if (stale()) return;
      setFrame('app');
      replace(page, h('h1', { tabindex: '-1', text: 'Countersign is not reachable' }), problemView(error));
      return;
    }
    if (stale()) return;
  }

  const slug = found.params.ws;
  let target = { ...found, module: pageModule };
  // /account too: its usual content (API keys) is refused until the password is changed
  if (user && user.mustChangePassword) {
    target = { module: import('./pages/account.js'), params: {}, route: {}, forced: true };
  }
  setFrame(found.route.frame || 'app');
  if (user) {
    const membership = (user.memberships || []).find((m) => m.slug === slug);
    drawChrome(user, target.forced ? null : slug, membership ? membership.name : slug, url.pathname);
  }

  const loadingTimer = setTimeout(() => {
    if (!stale()) replace(page, h('p', { class: 'muted loading', role: 'status', text: 'Loading…' }));
  }, 250);
  const ctx = {
    params: target.params,
    query: url.searchParams,
    path: url.pathname,
    url,
    user,
    signal,
    route: found.route,
    forcedPasswordChange: Boolean(target.forced),
    stale,
    /** Puts the page's content in place (ignored when the user has moved on meanwhile). */
    mount(...nodes) {
      if (stale()) return;
      clearTimeout(loadingTimer);
      replace(page, ...nodes);
    },
    title(text) {
      if (!stale()) document.title = text ? `${text} · Countersign` : 'Countersign';
    },
    flash,
    navigate,
    reload,
  };
  try {
    const module = await target.module;
    await module.render(ctx);
    if (stale()) return;
    if (slug && user) rememberWorkspace(slug);
  } catch (error) {
    if (stale() || error.name === 'AbortError') return;
    clearTimeout(loadingTimer);
    ctx.title('Error');
    replace(page, h('h1', { tabindex: '-1', text: error.status === 404 ? 'Not found' : 'This page could not be shown' }), problemView(error));
  } finally {
    clearTimeout(loadingTimer);
  }
  if (stale()) return;
  // a mark per rendered page: the time from navigation to a page with its data, for anyone measuring (the
  // console's paint benchmark reads it)
  performance.mark('countersign:page-rendered', { detail: url.pathname });
  const flashed = showFlash();
  if (!keepScroll) window.scrollTo(0, 0);
  if (navigation && !initial) {
    const heading = page.querySelector('h1');
    if (heading) heading.focus({ preventScroll: keepScroll });
    const announcer = document.getElementById('announcer');
    announcer.textContent = document.title;
  } else if (flashed && keepScroll) {
    const message = document.querySelector('#flash .flash-message');
    if (message) message.setAttribute('tabindex', '-1');
    if (message) message.focus({ preventScroll: false });
  }
}

start(render);

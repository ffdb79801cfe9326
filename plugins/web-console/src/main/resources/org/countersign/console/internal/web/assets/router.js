// Client-side routing over the history API. The server answers the page shell for every path without
// a dot, so each of these URLs can be bookmarked, shared and reloaded.

const routes = [];
let onRender = null;
let leaveGuard = null;

/**
 * Declares a route. `pattern` like '/w/:ws/requests/:rid'; `load` imports the page module lazily;
 * options: `public` (no sign-in needed), `frame` ('app' | 'bare').
 */
export function route(pattern, load, options = {}) {
  const names = [];
  const regex = new RegExp('^' + pattern.replace(/:([a-zA-Z]+)/g, (_, name) => {
    names.push(name);
    return '([^/]+)';
  }) + '/?$');
  routes.push({ pattern, regex, names, load, ...options });
}

export function match(pathname) {
  for (const r of routes) {
    const m = r.regex.exec(pathname);
    if (m) {
      const params = {};
      r.names.forEach((name, i) => {
        try {
          params[name] = decodeURIComponent(m[i + 1]);
        } catch {
          params[name] = m[i + 1];
        }
      });
      return { route: r, params };
    }
  }
  return null;
}

/** Goes to a console URL without reloading the page. */
export function navigate(href, { replace = false, state } = {}) {
  const url = new URL(href, location.origin);
  if (url.origin !== location.origin) {
    location.assign(url.href);
    return;
  }
  if (!confirmLeave()) return;
  const target = url.pathname + url.search + url.hash;
  if (replace) history.replaceState(state ?? null, '', target);
  else history.pushState(state ?? null, '', target);
  onRender({ navigation: true });
}

/** Re-renders the current page (after an action), keeping the scroll position. */
export function reload() {
  onRender({ navigation: false, keepScroll: true });
}

/**
 * A page with unsaved work registers a guard: a function answering true while leaving would lose it.
 * The router asks before leaving, and the browser asks before unloading.
 */
export function setLeaveGuard(fn) {
  leaveGuard = fn;
}

function confirmLeave() {
  if (leaveGuard && leaveGuard()) {
    // eslint-disable-next-line no-alert
    if (!window.confirm('You have unsaved changes. Leave this page and lose them?')) return false;
  }
  leaveGuard = null;
  return true;
}

/** Paths the server answers itself (forms, downloads, the API): the browser goes there for real. */
function isServerPath(pathname) {
  return pathname.startsWith('/api/') || pathname.startsWith('/console/') || pathname.includes('.');
}

export function start(render) {
  onRender = render;
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const a = event.target.closest('a[href]');
    if (!a || a.target || a.hasAttribute('download') || a.dataset.native !== undefined) return;
    const url = new URL(a.href, location.href);
    if (url.origin !== location.origin || isServerPath(url.pathname)) return;
    if (url.pathname === location.pathname && url.search === location.search && url.hash) return;
    event.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  });
  window.addEventListener('popstate', () => {
    leaveGuard = null;
    onRender({ navigation: true, pop: true });
  });
  window.addEventListener('beforeunload', (event) => {
    if (leaveGuard && leaveGuard()) {
      event.preventDefault();
      event.returnValue = '';
    }
  });
  onRender({ navigation: true, initial: true });
}

/** The current URL's query as URLSearchParams. */
export function query() {
  return new URLSearchParams(location.search);
}

/** Builds a path with a query, leaving out empty values. */
export function withQuery(path, params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v !== undefined && v !== null && v !== '') search.append(key, String(v));
    }
  }
  const s = search.toString();
  return s ? `${path}?${s}` : path;
}

/** Only same-site paths are followed after sign-in, never another origin. */
export function safeNext(value, fallback = '/') {
  if (!value || typeof value !== 'string') return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  return value;
}

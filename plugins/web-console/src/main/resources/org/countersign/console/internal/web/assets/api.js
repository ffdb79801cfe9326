// The JSON API client: same-origin calls with the session cookie, the CSRF header on every change,
// problem+json turned into ApiError, and a 401 sending the browser to sign-in.

const BASE = '/api/v1';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** An answer that was not 2xx: the RFC 9457 problem's fields, ready to show. */
export class ApiError extends Error {
  constructor(status, problem = {}) {
    super(problem.detail || problem.title || `The server answered ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = problem.code || (status === 0 ? 'network' : `http_${status}`);
    this.title = problem.title || '';
    this.detail = problem.detail || this.message;
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
    this.problem = problem;
  }
}

/** The value of the readable `countersign_csrf` cookie, or null when there is none (e.g. a bearer-token client). */
export function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)countersign_csrf=([^;]*)/);
  return match ? decodeURIComponent(match[1]) : null;
}

/** Where a signed-out browser goes: sign-in, then back to the page it was on. */
export function signInUrl(next = location.pathname + location.search) {
  return `/sign-in?next=${encodeURIComponent(next)}`;
}

let redirecting = false;

function toSignIn() {
  if (!redirecting) {
    redirecting = true;
    location.assign(signInUrl());
  }
  // Never settles: the page is being replaced, nothing after the call should run.
  return new Promise(() => {});
}

/** Encodes path segments: ws('growth', 'requests', id) -> /workspaces/growth/requests/<id>. */
export function ws(slug, ...segments) {
  return ['/workspaces', slug, ...segments].map((s, i) => (i === 0 ? s : encodeURIComponent(s))).join('/');
}

function buildUrl(path, query) {
  const url = new URL(BASE + path, location.origin);
  if (query) {
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined || value === null || value === '') continue;
      for (const v of Array.isArray(value) ? value : [value]) {
        if (v !== undefined && v !== null && v !== '') url.searchParams.append(key, String(v));
      }
    }
  }
  return url.pathname + url.search;
}

/**
 * Calls the API and answers `{status, data, etag}`.
 * Options: `query` (object), `body` (sent as JSON), `ifMatch` (value quoted for If-Match), `signal`,
 * `allow401` (answer the 401 as an ApiError instead of leaving for sign-in).
 */
export async function call(method, path, options = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.ifMatch !== undefined && options.ifMatch !== null) headers['If-Match'] = `"${options.ifMatch}"`;
  if (UNSAFE.has(method)) {
    const token = csrfToken();
    if (token) headers['X-CSRF-Token'] = token;
  }
  let response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      cache: 'no-store',
      signal: options.signal,
    });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, { detail: 'Cannot reach Countersign. Check your connection and try again.' });
  }
  if (response.status === 401 && !options.allow401) return toSignIn();
  const data = await readBody(response);
  if (!response.ok) {
    const problem = data && typeof data === 'object' ? data : {};
    if (response.status === 429 && !problem.detail) {
      const wait = response.headers.get('Retry-After');
      problem.detail = `Too many attempts. Try again${wait ? ` in ${wait} seconds` : ' later'}.`;
    }
    if (!problem.detail && response.status >= 500) {
      problem.detail = 'Something went wrong on the server. Try again; if it keeps happening, tell your administrator.';
    }
    throw new ApiError(response.status, problem);
  }
  return { status: response.status, data, etag: unquote(response.headers.get('ETag')) };
}

async function readBody(response) {
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try {
      return await response.json();
    } catch {
      return null;
    }
  }
  return null;
}

function unquote(etag) {
  if (!etag) return null;
  return etag.replace(/^W\//, '').replace(/^"|"$/g, '');
}

export const api = {
  get: async (path, options) => (await call('GET', path, options)).data,
  post: async (path, body, options = {}) => (await call('POST', path, { ...options, body: body ?? {} })).data,
  put: async (path, body, options = {}) => (await call('PUT', path, { ...options, body })).data,
  patch: async (path, body, options = {}) => (await call('PATCH', path, { ...options, body })).data,
  del: async (path, options) => (await call('DELETE', path, options)).data,
  call,
};

/** True when the error says the endpoint is not there (yet): the console then does without it. */
export function isMissing(error) {
  return error instanceof ApiError && (error.status === 404 || error.status === 405);
}

/**
 * Calls the public endpoints under /console (outside /api/v1), e.g. the sign-in options.
 */
export async function consoleGet(path, signal) {
  const response = await fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin', signal });
  if (!response.ok) throw new ApiError(response.status, {});
  return response.json();
}

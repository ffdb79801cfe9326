// What the console knows about the signed-in person for the life of the page: who they are, the
// workspace they used last, and a few lists that rarely change (resource types, members, manage rights).
import { api, ws, isMissing } from './api.js';

let mePromise = null;
const cache = new Map();
const LAST_WORKSPACE = 'countersign.lastWorkspace';

/** GET /api/v1/me, once per page load unless refreshed. A 401 leaves for sign-in. */
export function me({ refresh = false } = {}) {
  if (!mePromise || refresh) {
    mePromise = api.get('/me').catch((error) => {
      mePromise = null;
      throw error;
    });
  }
  return mePromise;
}

/** Forgets cached lists (after an admin changed members, roles or settings). */
export function invalidate(prefix) {
  for (const key of [...cache.keys()]) {
    if (!prefix || key.startsWith(prefix)) cache.delete(key);
  }
}

function cached(key, load) {
  if (!cache.has(key)) {
    const promise = load().catch((error) => {
      cache.delete(key);
      throw error;
    });
    cache.set(key, promise);
  }
  return cache.get(key);
}

/** Resource types with their schemas: GET /api/v1/resource-types. */
export function resourceTypes() {
  return cached('types', async () => (await api.get('/resource-types')).items || []);
}

/** All members of a workspace (following `next`). */
export function members(slug) {
  return cached(`ws:${slug}:members`, async () => {
    const items = [];
    let cursor;
    do {
      const page = await api.get(ws(slug, 'members'), { query: { cursor, limit: 200 } });
      items.push(...(page.items || []));
      cursor = page.next;
    } while (cursor);
    return items;
  });
}

/** The workspace's settings. */
export function settings(slug) {
  return cached(`ws:${slug}:settings`, () => api.get(ws(slug, 'settings')));
}

/** The workspace's roles. */
export function roles(slug) {
  return cached(`ws:${slug}:roles`, async () => (await api.get(ws(slug, 'roles'))).items || []);
}

/**
 * What the signed-in person may do in a workspace, from one permissions report:
 * `{manage: bool, types: {model: {create: 'allowed'|'draft_only'|'denied', ...}}}`.
 * Null when the report is not available to them.
 */
export function grants(slug) {
  return cached(`ws:${slug}:grants`, async () => {
    const user = await me();
    let report;
    try {
      report = await api.get(ws(slug, 'permissions'), { query: { user: user.id } });
    } catch (error) {
      if (isMissing(error) || error.status === 403) return null;
      throw error;
    }
    const types = {};
    let manage = false;
    for (const p of report.permissions || []) {
      if (p.action === 'manage') manage = p.grant === 'allowed';
      else if (p.resourceType) (types[p.resourceType] ||= {})[p.action] = p.grant;
    }
    return { manage, types };
  });
}

/** Whether the signed-in person may manage the workspace (settings, members, roles, rules, audit). */
export async function canManage(slug) {
  const user = await me();
  if (user.instanceAdmin) return true;
  const g = await grants(slug);
  return Boolean(g && g.manage);
}

export function lastWorkspace() {
  try {
    return localStorage.getItem(LAST_WORKSPACE);
  } catch {
    return null;
  }
}

export function rememberWorkspace(slug) {
  try {
    localStorage.setItem(LAST_WORKSPACE, slug);
  } catch {
    // storage may be disabled: the console then simply does not remember
  }
}

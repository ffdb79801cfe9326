// What the admin pages share: a friendly page for those without `manage`.
import { h } from './dom.js';
import { ApiError } from './api.js';
import { pageHeader, callout } from './ui.js';

/**
 * Loads an admin page's data; a 403 becomes a page saying what is needed instead of an error.
 * Answers the data, or null when the page was drawn as forbidden.
 */
export async function loadOrForbid(ctx, title, load) {
  try {
    return await load();
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) {
      ctx.title(title);
      ctx.mount(pageHeader(title),
        callout('warning', h('p', { class: 'callout-title', text: 'You need the manage permission here.' }),
          h('p', { text: 'Workspace admins manage settings, members, roles, rules and the audit log. Ask one if you need a change.' })));
      return null;
    }
    throw error;
  }
}

/** A link to a request the server answered with (an id, or an object with id and number). */
export function pendingRequestLink(slug, pending) {
  if (!pending) return null;
  const id = typeof pending === 'string' ? pending : pending.id;
  const number = typeof pending === 'object' && pending.number ? ` #${pending.number}` : '';
  return h('a', { href: `/w/${encodeURIComponent(slug)}/requests/${encodeURIComponent(id)}`, text: `View request${number}` });
}

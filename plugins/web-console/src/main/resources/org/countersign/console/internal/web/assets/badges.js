// The state badges of resources and requests, the same on every page.
import { h } from './dom.js';
import { badge } from './ui.js';

/** Environments in the workspace's promotion order, then any others a resource is published in. */
export function orderedEnvironments(resource, environments = []) {
  const published = Object.keys(resource.published || {});
  return [...environments.filter((e) => published.includes(e)), ...published.filter((e) => !environments.includes(e))];
}

/**
 * A resource's badges: Draft (never published) / Published / Changed (a draft over a published revision),
 * one badge per environment it is published in with the revision, and Pending approval with a link.
 */
export function resourceBadges(resource, { environments = [], slug, withEnvironments = true } = {}) {
  const out = [badge(resource.state || (resource.draft ? 'draft' : 'published'))];
  if (withEnvironments) {
    for (const env of orderedEnvironments(resource, environments)) {
      const p = resource.published[env];
      out.push(h('span', { class: 'badge badge-env', title: `Revision ${p.revision} is live in ${env}` },
        h('span', { text: env }), ' ', h('span', { class: 'badge-rev', text: `r${p.revision}` })));
    }
  }
  if (resource.openRequest) {
    out.push(slug
      ? h('a', { href: `/w/${encodeURIComponent(slug)}/requests/${encodeURIComponent(resource.openRequest)}`, class: 'badge badge-pending', text: 'Pending approval' })
      : badge('pending'));
  }
  return h('span', { class: 'badges' }, out);
}

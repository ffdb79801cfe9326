// Formatting for people: times, states, request titles.
import { h } from './dom.js';

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'short' });
const absolute = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const precise = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

const STEPS = [
  ['year', 365 * 24 * 3600], ['month', 30 * 24 * 3600], ['week', 7 * 24 * 3600],
  ['day', 24 * 3600], ['hour', 3600], ['minute', 60],
];

/** "3 min ago", "yesterday", "just now". */
export function ago(iso, now = Date.now()) {
  if (!iso) return '';
  const seconds = (new Date(iso).getTime() - now) / 1000;
  for (const [unit, size] of STEPS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return 'just now';
}

export function dateTime(iso) {
  return iso ? absolute.format(new Date(iso)) : '';
}

/** A <time> showing the relative age, with the exact time on hover and for assistive technology. */
export function timeAgo(iso) {
  if (!iso) return h('span', { class: 'muted', text: '—' });
  return h('time', { datetime: iso, title: precise.format(new Date(iso)), text: ago(iso) });
}

/** A <time> with the full date. */
export function timeFull(iso) {
  if (!iso) return h('span', { class: 'muted', text: '—' });
  return h('time', { datetime: iso, title: ago(iso), text: dateTime(iso) });
}

const STATE_LABELS = {
  draft: 'Draft',
  published: 'Published',
  changed: 'Changed',
  pending: 'Pending approval',
  open: 'Open',
  changes_requested: 'Changes requested',
  approved: 'Approved',
  applied: 'Applied',
  declined: 'Declined',
  withdrawn: 'Withdrawn',
  discarded: 'Discarded',
  delivered: 'Delivered',
  waiting: 'Waiting',
  dead: 'Dead',
};

export function stateLabel(state) {
  return STATE_LABELS[state] || humanize(state);
}

/** "changes_requested" -> "Changes requested". */
export function humanize(value) {
  if (!value) return '';
  const s = String(value).replace(/[_.-]+/g, ' ').trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const KIND_VERBS = { publish: 'Publish', promote: 'Promote', delete: 'Delete' };

/** "Publish model “Users”", "Promote model “Users” and 2 more". */
export function requestTitle(request) {
  const verb = KIND_VERBS[request.kind] || humanize(request.kind);
  const items = request.items || [];
  if (!items.length) return verb;
  const first = `${items[0].type} “${items[0].name}”`;
  const more = items.length > 1 ? ` and ${items.length - 1} more` : '';
  return `${verb} ${first}${more}`;
}

/** "1 more approval required", "All approvals in". */
export function remainingText(request) {
  const n = request.remainingApprovals;
  if (n === undefined || n === null) return '';
  if (['applied', 'declined', 'withdrawn', 'discarded'].includes(request.state)) return '';
  if (n <= 0) return 'All approvals in';
  return `${n} more approval${n === 1 ? '' : 's'} required`;
}

/** Pretty JSON for values in diffs and details. Strings stay as they are. */
export function showValue(value) {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value, null, 2);
}

export function plural(n, word, many = `${word}s`) {
  return `${n} ${n === 1 ? word : many}`;
}

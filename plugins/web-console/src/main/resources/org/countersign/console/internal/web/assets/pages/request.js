// /w/{ws}/requests/{rid}: the review. Every item's diff, the requirements and who met them, who may
// still approve, block reasons, reviews (stale ones marked), the timeline with comments, and the
// actions the view allows. Approve and apply send If-Match with the digest of what is shown.
import { h } from '../dom.js';
import { api, ws, ApiError } from '../api.js';
import { me, members } from '../session.js';
import { pageHeader, button, callout, badge, person, personList, avatar, dialog, field, statusRegion, facts, busy } from '../ui.js';
import { timeAgo, requestTitle, remainingText, plural, humanize } from '../format.js';
import { diffView } from '../diff.js';

const LIVE = new Set(['open', 'changes_requested', 'approved']);

/** The actions offered: the view's `allowedActions`, or (older servers) those the state allows. */
export function allowedActions(request, userId) {
  const hasDrafts = request.kind === 'publish' || (request.items || []).some((i) => i.draftVersion);
  if (Array.isArray(request.allowedActions)) {
    const out = new Set(request.allowedActions);
    // "Delete draft" on a promotion or a deletion would delete drafts that are not part of the request
    if (!hasDrafts) out.delete('discard');
    return out;
  }
  const out = new Set(['comment']);
  const mine = request.author === userId;
  if (request.state === 'open') {
    if (!mine) ['approve', 'decline', 'request-changes'].forEach((a) => out.add(a));
    out.add('withdraw');
    if (hasDrafts) out.add('discard');
  } else if (request.state === 'changes_requested') {
    out.add('withdraw');
    if (hasDrafts) out.add('discard');
  } else if (request.state === 'approved') {
    out.add('apply');
    out.add('withdraw');
  }
  return out;
}

function approveLabel(request) {
  const last = (request.remainingApprovals ?? 1) <= 1 && !(request.blockedBy || []).length;
  if (request.kind === 'promote' || !last) return 'Approve';
  return request.kind === 'delete' ? 'Approve & delete' : 'Approve & publish';
}

function applyLabel(request) {
  return { promote: 'Promote', publish: 'Publish', delete: 'Delete' }[request.kind] || 'Apply';
}

const ACTION_TEXT = {
  submitted: 'submitted the request',
  approved: 'approved',
  declined: 'declined',
  changes_requested: 'requested changes',
  'request-changes': 'requested changes',
  withdrawn: 'withdrew the request',
  discarded: 'deleted the drafts',
  applied: 'applied the change',
  commented: 'commented',
  draft_updated: 'updated the draft',
  reopened: 'reopened the request',
  ready: 'marked it ready: every approval is in',
  blocked: 'was blocked',
};

function actionText(action, kind) {
  if (action === 'applied') return { publish: 'published the change', promote: 'promoted it', delete: 'deleted it' }[kind] || ACTION_TEXT.applied;
  return ACTION_TEXT[action] || humanize(action).toLowerCase();
}

export async function render(ctx) {
  const slug = ctx.params.ws;
  const rid = ctx.params.rid;
  const base = `/w/${encodeURIComponent(slug)}`;
  const [answer, user] = await Promise.all([api.call('GET', ws(slug, 'requests', rid), { signal: ctx.signal }), me()]);
  const request = answer.data;
  const digest = request.digest || answer.etag;
  const people = { ...(request.people || {}) };
  const mentioned = [request.author, ...(request.reviewers || []), ...(request.eligibleApprovers || []),
    ...(request.reviews || []).map((r) => r.userId), ...(request.timeline || []).map((t) => t.actor)];
  if (mentioned.some((id) => id && !people[id])) {
    // Someone the view does not name: the member list (cached) usually does.
    for (const m of await members(slug).catch(() => [])) {
      if (!people[m.userId]) people[m.userId] = { id: m.userId, name: m.name, email: m.email };
    }
  }
  // Re-opened since my review: my approval went stale, or I asked for changes and the author updated it.
  const reopened = request.state === 'open'
    && (request.reviews || []).some((r) => r.userId === user.id && (r.stale || r.verdict === 'changes_requested'));
  let since = null;
  if (reopened) {
    try {
      since = await api.get(ws(slug, 'requests', rid, 'since-my-review'), { signal: ctx.signal });
    } catch (error) {
      // 404: nothing changed since (or an older server); either way there is no panel
      if (error.name === 'AbortError') throw error;
    }
  }
  const can = allowedActions(request, user.id);
  const title = requestTitle(request);
  ctx.title(`#${request.number} ${title}`);

  const header = [
    h('p', { class: 'breadcrumbs' }, h('a', { href: `${base}/approvals`, text: 'Approvals' }), ' / ', h('span', { text: `#${request.number}` })),
    pageHeader(`#${request.number} ${title}`, {
      badges: [badge(request.state), (request.blockedBy || []).length ? badge('blocked', 'Blocked') : null, h('span', { class: 'badge badge-kind', text: humanize(request.kind) })],
      subtitle: [person(request.author, people), ' ', summary(request), ' · opened ', timeAgo(request.createdAt),
        request.updatedAt && request.updatedAt !== request.createdAt ? [' · updated ', timeAgo(request.updatedAt)] : null],
    }),
  ];

  const main = h('div', { class: 'request-main' },
    request.comment ? h('section', { class: 'card author-note', 'aria-label': 'Message from the author' },
      h('div', { class: 'comment-head' }, avatar(request.author, people), person(request.author, people), h('span', { class: 'muted', text: ' wrote' })),
      h('p', { class: 'comment-body', text: request.comment })) : null,
    request.kind === 'promote' ? promotionFacts(request, workspaceName(user, request.workspace || slug)) : null,
    since && (since.items || []).length ? sincePanel(since, people) : null,
    changes(request, base),
    conversation(ctx, slug, request, can, people));

  const aside = h('aside', { class: 'request-aside', 'aria-label': 'Review status and actions' },
    actionsCard(ctx, slug, request, can, digest),
    requirementsCard(request, people),
    reviewsCard(request, people));

  ctx.mount(header, statusNotes(request), h('div', { class: 'request-layout' }, main, aside));
}

function summary(request) {
  const n = (request.items || []).length;
  if (request.kind === 'promote') return `wants to promote ${plural(n, 'resource')} from ${request.sourceEnvironment || '?'} to ${request.targetEnvironment || '?'}`;
  if (request.kind === 'delete') return `wants to delete ${plural(n, 'resource')}${request.targetEnvironment ? ` from ${request.targetEnvironment}` : ''}`;
  return `wants to publish ${plural(n, 'change')}${request.targetEnvironment ? ` to ${request.targetEnvironment}` : ''}`;
}

function statusNotes(request) {
  const notes = [];
  if ((request.blockedBy || []).length) {
    notes.push(callout('danger', h('p', { class: 'callout-title', text: 'Blocked' }),
      h('ul', { class: 'plain-list' }, request.blockedBy.map((reason) => h('li', { text: reason }))),
      h('p', { class: 'muted', text: 'It cannot be applied while this holds, even with every approval in.' })));
  }
  if (request.state === 'changes_requested') notes.push(callout('warning', 'Changes were requested. Approving is frozen until the author updates the draft.'));
  if (request.state === 'approved' && !(request.blockedBy || []).length) {
    notes.push(callout('success', request.kind === 'promote'
      ? 'Approved. The requester can promote it now.'
      : 'Every approval is in. It is applied manually: use the button when ready.'));
  }
  return notes.length ? h('div', { class: 'stack' }, notes) : null;
}

function workspaceName(user, slug) {
  const m = (user.memberships || []).find((x) => x.slug === slug);
  return m ? m.name : slug;
}

function promotionFacts(request, workspace) {
  return h('section', { class: 'card', 'aria-labelledby': 'promotion-heading' },
    h('h2', { id: 'promotion-heading', text: 'Promotion' }),
    facts([
      ['Workspace', workspace],
      ['Resources', (request.items || []).map((i) => `${i.type} “${i.name}”`).join(', ')],
      ['From', request.sourceEnvironment || '—'],
      ['To', request.targetEnvironment || '—'],
      ['Revision', (request.items || []).map((i) => (i.revision ? `${i.name}: revision ${i.revision}` : null)).filter(Boolean).join(', ') || '—'],
    ]));
}

function sincePanel(since, people) {
  return h('section', { class: 'card since-panel', 'aria-labelledby': 'since-heading' },
    h('h2', { id: 'since-heading', text: 'Changes since your last review' }),
    h('p', { class: 'muted', text: 'The draft changed after you reviewed it. This is what is new.' }),
    since.items.map((item) => h('div', { class: 'item' },
      h('h3', { text: item.name || item.resourceId }),
      diffView(item.diff, { beforeLabel: 'When you reviewed', afterLabel: 'Now' }))));
}

function changes(request, base) {
  const items = request.items || [];
  return h('section', { class: 'card', 'aria-labelledby': 'changes-heading' },
    h('h2', { id: 'changes-heading', text: `Changes (${items.length})` }),
    items.map((item) => {
      const where = request.kind === 'promote'
        ? `revision ${item.revision ?? '?'} from ${request.sourceEnvironment} to ${request.targetEnvironment}`
        : item.draftVersion ? `draft version ${item.draftVersion}` : item.revision ? `revision ${item.revision}` : '';
      const labels = request.kind === 'promote'
        ? { beforeLabel: `In ${request.targetEnvironment}`, afterLabel: `From ${request.sourceEnvironment}` }
        : { beforeLabel: 'Published', afterLabel: item.draftVersion ? `Draft (version ${item.draftVersion})` : 'Proposed' };
      return h('article', { class: 'item', 'aria-labelledby': `item-${item.resourceId}` },
        h('h3', { id: `item-${item.resourceId}`, class: 'item-title' },
          h('span', { class: 'type-tag', text: item.type }), ' ',
          h('a', { href: `${base}/resources/${encodeURIComponent(item.resourceId)}`, text: item.name || item.resourceId }),
          where ? h('span', { class: 'muted item-where', text: ` · ${where}` }) : null),
        request.kind === 'delete' && !item.diff
          ? callout('warning', `Deletes this resource${request.targetEnvironment ? ` from ${request.targetEnvironment}` : ''}.`)
          : diffView(item.diff, labels));
    }));
}

function conversation(ctx, slug, request, can, people) {
  const entries = (request.timeline || []).map((t) => h('li', { class: ['timeline-entry', t.comment && 'has-comment', `action-${t.action}`] },
    avatar(t.actor, people),
    h('div', { class: 'timeline-body' },
      h('p', { class: 'timeline-head' }, person(t.actor, people), ' ', h('span', { text: actionText(t.action, request.kind) }), ' · ', timeAgo(t.at)),
      t.comment ? h('p', { class: 'comment-body', text: t.comment }) : null)));
  let form = null;
  if (can.has('comment')) {
    const status = statusRegion();
    const body = field('Add a comment', h('textarea', { name: 'body', rows: '3', required: true, maxlength: '4000' }));
    const submit = button('Comment', null, { kind: 'secondary', type: 'submit' });
    form = h('form', { class: 'comment-form' }, body.el, h('div', { class: 'form-actions' }, submit), status.el);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      body.error(null);
      if (!body.control.value.trim()) {
        body.error('Write something first.');
        body.control.focus();
        return;
      }
      await busy(submit, async () => {
        try {
          await api.post(ws(slug, 'requests', request.id, 'comments'), { body: body.control.value.trim() });
          ctx.flash('Comment added.');
          ctx.reload();
        } catch (error) {
          status.show(error);
        }
      });
    });
  }
  return h('section', { class: 'card', 'aria-labelledby': 'conversation-heading' },
    h('h2', { id: 'conversation-heading', text: 'Timeline' }),
    entries.length ? h('ol', { class: 'timeline' }, entries) : h('p', { class: 'muted', text: 'Nothing yet.' }),
    form);
}

function requirementsCard(request, people) {
  const reqs = request.requirements || [];
  const remaining = remainingText(request);
  const eligible = request.eligibleApprovers;
  return h('section', { class: 'card', 'aria-labelledby': 'requirements-heading' },
    h('h2', { id: 'requirements-heading', text: 'Requirements' }),
    remaining ? h('p', { class: ['remaining', request.remainingApprovals > 0 ? 'pending-text' : 'ok-text'], text: remaining }) : null,
    reqs.length ? h('ul', { class: 'checklist' }, reqs.map((r) => h('li', { class: r.satisfied ? 'met' : 'unmet' },
      h('span', { class: 'check-icon', 'aria-hidden': 'true', text: r.satisfied ? '✓' : '○' }),
      h('div', null,
        h('p', null, h('span', { class: 'visually-hidden', text: r.satisfied ? 'Met: ' : 'Not met yet: ' }), r.description),
        h('p', { class: 'muted small' }, `${(r.approvedBy || []).length} of ${r.needed}`,
          (r.approvedBy || []).length ? [': ', personList(r.approvedBy, people)] : null))))) : h('p', { class: 'muted', text: 'Nothing is required.' }),
    Array.isArray(eligible) && LIVE.has(request.state) && request.state !== 'approved' ? h('div', { class: 'eligible' },
      h('h3', { text: 'Who can still approve' }),
      eligible.length ? h('ul', { class: 'plain-list people-list' }, eligible.map((id) => h('li', null, avatar(id, people), person(id, people))))
        : callout('warning', 'Nobody who is allowed to approve is left. A workspace admin can change roles or rules.')) : null,
    (request.reviewers || []).length ? h('div', { class: 'requested' },
      h('h3', { text: 'Requested reviewers' }),
      h('ul', { class: 'plain-list people-list' }, request.reviewers.map((id) => {
        const review = (request.reviews || []).filter((r) => r.userId === id && !r.stale).pop();
        return h('li', null, avatar(id, people), person(id, people), review ? [' ', badge(review.verdict)] : h('span', { class: 'muted', text: ' no review yet' }));
      }))) : null);
}

function reviewsCard(request, people) {
  const reviews = request.reviews || [];
  if (!reviews.length) return null;
  return h('section', { class: 'card', 'aria-labelledby': 'reviews-heading' },
    h('h2', { id: 'reviews-heading', text: 'Reviews' }),
    h('ul', { class: 'plain-list reviews' }, reviews.map((r) => h('li', { class: ['review', r.stale && 'stale'] },
      h('p', null, avatar(r.userId, people), person(r.userId, people), ' ', badge(r.verdict), ' ', timeAgo(r.at)),
      r.stale ? h('p', { class: 'stale-note', text: 'Stale: given on an earlier version, it no longer counts.' }) : null,
      r.comment ? h('p', { class: 'comment-body', text: r.comment }) : null))));
}

function actionsCard(ctx, slug, request, can, digest) {
  const status = statusRegion();
  const path = (action) => ws(slug, 'requests', request.id, action);
  const buttons = [];
  const names = () => request.items.map((i) => `“${i.name}”`).join(', ');

  const perform = async ({ action, title, description, submitLabel, submitKind = 'primary', commentLabel, commentRequired = false, commentHint, sendDigest = false, done }) => {
    const comment = commentLabel ? field(commentLabel, h('textarea', { name: 'comment', rows: '3', required: commentRequired, maxlength: '4000' }), { hint: commentHint }) : null;
    const outcome = await dialog({
      title,
      description,
      body: comment ? [comment.el] : [],
      submitLabel,
      submitKind,
      onSubmit: async () => {
        if (comment && commentRequired && !comment.control.value.trim()) {
          comment.error('A reason is required.');
          comment.control.focus();
          return false;
        }
        try {
          const body = comment && comment.control.value.trim() ? { comment: comment.control.value.trim() } : {};
          return { request: await api.post(path(action), body, { ifMatch: sendDigest ? digest : undefined }) };
        } catch (error) {
          if (error instanceof ApiError && error.code === 'stale_version') return { stale: true };
          throw error;
        }
      },
    }).open();
    if (!outcome) return;
    if (outcome.stale) {
      ctx.flash('The change was edited while you were reviewing it, so nothing was done. This page now shows the latest version: review it again.', 'warning');
    } else {
      ctx.flash(done(outcome.request || request));
    }
    ctx.reload();
  };

  if (can.has('approve')) {
    buttons.push(button(approveLabel(request), () => perform({
      action: 'approve',
      title: approveLabel(request),
      description: `You approve exactly the version shown on this page${request.kind === 'publish' && approveLabel(request) !== 'Approve' ? '; it is published at once' : ''}.`,
      submitLabel: approveLabel(request),
      commentLabel: 'Comment (optional)',
      sendDigest: true,
      done: (r) => {
        if (r.state === 'applied') return request.kind === 'delete' ? 'Approved and deleted.' : 'Approved and published.';
        if (r.state === 'approved') return (r.blockedBy || []).length ? 'Approved, but it is blocked and cannot be applied yet.' : request.kind === 'promote' ? 'Approved. The requester can promote it now.' : 'Approved. It is ready to apply.';
        return `Approved. ${remainingText(r) || ''}`.trim();
      },
    }), { kind: 'primary' }));
  }
  if (can.has('apply')) {
    buttons.push(button(applyLabel(request), () => perform({
      action: 'apply',
      title: `${applyLabel(request)} now?`,
      description: request.kind === 'promote'
        ? `Promotes ${names()} from ${request.sourceEnvironment} to ${request.targetEnvironment}.`
        : `Applies the approved change to ${names()}.`,
      submitLabel: applyLabel(request),
      sendDigest: true,
      done: () => (request.kind === 'promote' ? `Promoted to ${request.targetEnvironment}.` : 'Applied.'),
    }), { kind: 'primary' }));
  }
  if (can.has('request-changes')) {
    buttons.push(button('Request changes', () => perform({
      action: 'request-changes',
      title: 'Request changes',
      description: 'Approving freezes until the author updates the draft; approvals given so far reset.',
      submitLabel: 'Request changes',
      commentLabel: 'What needs to change',
      commentRequired: true,
      commentHint: 'Required. The author and the other reviewers see it.',
      done: () => 'Changes requested. The author is notified.',
    })));
  }
  if (can.has('decline')) {
    buttons.push(button('Decline', () => perform({
      action: 'decline',
      title: 'Decline this request?',
      description: 'The request closes. The drafts are kept; the author can submit them again.',
      submitLabel: 'Decline',
      submitKind: 'danger',
      commentLabel: 'Reason (optional)',
      done: () => 'Declined. The author is notified.',
    }), { kind: 'danger-outline' }));
  }
  if (can.has('withdraw')) {
    buttons.push(button('Withdraw', () => perform({
      action: 'withdraw',
      title: 'Withdraw this request?',
      description: 'The request closes and nobody can approve it any more. The drafts are kept and can be submitted again.',
      submitLabel: 'Withdraw request',
      commentLabel: 'Comment (optional)',
      done: () => 'Request withdrawn. The drafts are kept.',
    })));
  }
  if (can.has('discard')) {
    buttons.push(button('Delete draft', () => perform({
      action: 'discard',
      title: 'Delete the drafts?',
      description: `The drafts of ${names()} are deleted and cannot be recovered. New resources in this request disappear.`,
      submitLabel: 'Delete draft',
      submitKind: 'danger',
      commentLabel: 'Comment (optional)',
      done: () => 'Drafts deleted.',
    }), { kind: 'danger-outline' }));
  }
  const digestNote = digest && (can.has('approve') || can.has('apply'))
    ? h('p', { class: 'hint digest', title: digest }, 'Reviewing version ', h('code', { text: digest.slice(0, 12) }), '. If the content changes before you act, nothing is done and you are told.') : null;
  return h('section', { class: 'card actions-card', 'aria-labelledby': 'actions-heading' },
    h('h2', { id: 'actions-heading', text: 'Review' }),
    h('p', null, badge(request.state), ' ', h('span', { text: remainingText(request) || '' })),
    buttons.length ? h('div', { class: 'action-buttons' }, buttons) : h('p', { class: 'muted', text: LIVE.has(request.state) ? 'There is nothing you can do on this request.' : `This request is ${request.state}. Nothing more can happen to it.` }),
    digestNote,
    status.el);
}


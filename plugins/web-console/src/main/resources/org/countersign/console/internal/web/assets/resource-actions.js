// The actions on a resource, each a dialog: submit an approval request, publish now, request to
// promote, delete the draft, delete the resource, run.
import { h, uid } from './dom.js';
import { api, ws, isMissing, ApiError } from './api.js';
import { members, settings, me } from './session.js';
import { dialog, callout, select, field } from './ui.js';
import { orderedEnvironments } from './badges.js';

/** Roles that never approve (the server decides; this is only the fallback picker's guess). */
const NON_APPROVER_ROLES = new Set(['workspace_viewer', 'workspace_draft_editor', 'workspace_draft_contributor']);

function requestPath(slug, id) {
  return `/w/${encodeURIComponent(slug)}/requests/${encodeURIComponent(id)}`;
}

/** The people who could approve this resource's change: the server's list, or the members who might. */
async function approversOf(slug, resourceId) {
  try {
    const answer = await api.get(ws(slug, 'resources', resourceId, 'approvers'));
    return { items: answer.items || [], exact: true };
  } catch (error) {
    if (!isMissing(error)) throw error;
    const [all, user] = await Promise.all([members(slug), me()]);
    return {
      items: all.filter((m) => m.userId !== user.id && !NON_APPROVER_ROLES.has(m.role)).map((m) => ({ id: m.userId, email: m.email, name: m.name })),
      exact: false,
    };
  }
}

function commentField(label, { required = false, hint } = {}) {
  return field(label, h('textarea', { name: 'comment', rows: '3', required, maxlength: '4000' }), { hint });
}

/** "Submit approval request": reviewers who can approve, plus a comment. Resolves to the request or undefined. */
export async function submitRequest(ctx, slug, resource) {
  const approvers = await approversOf(slug, resource.id);
  const legend = uid('reviewers');
  const boxes = approvers.items.map((p) => {
    const id = uid('reviewer');
    return h('li', { class: 'check' },
      h('input', { type: 'checkbox', id, name: 'reviewers', value: p.id }),
      h('label', { for: id }, h('span', { class: 'person', text: p.name || p.email }), ' ', h('span', { class: 'muted', text: p.email })));
  });
  const comment = commentField('Comment for the reviewers', { hint: 'What changes and why. Reviewers see it next to the diff.' });
  const request = await dialog({
    title: 'Submit approval request',
    description: `Ask for a review of the draft of “${(resource.draft && resource.draft.name) || resource.name}”. It goes live once approved.`,
    body: [
      h('fieldset', { class: 'fieldset', 'aria-describedby': `${legend}-hint` },
        h('legend', { id: legend, text: 'Reviewers to notify' }),
        h('p', { class: 'hint', id: `${legend}-hint`, text: approvers.exact
          ? 'Only people who can approve this change are listed. With none chosen, every eligible approver is notified.'
          : 'Members whose role usually approves. The server checks each one; with none chosen, every eligible approver is notified.' }),
        boxes.length ? h('ul', { class: 'check-list' }, boxes) : callout('warning', 'Nobody else can approve this change right now. You can still submit it.')),
      comment.el,
    ],
    submitLabel: 'Submit request',
    onSubmit: async (form) => {
      const reviewers = [...form.querySelectorAll('input[name=reviewers]:checked')].map((i) => i.value);
      return api.post(ws(slug, 'requests'), {
        kind: 'publish',
        resources: [resource.id],
        reviewers,
        comment: comment.control.value.trim() || undefined,
      });
    },
  }).open();
  if (request && request.id) {
    ctx.flash(`Approval request #${request.number} submitted. Reviewers are notified.`);
    ctx.navigate(requestPath(slug, request.id));
  }
  return request;
}

/** "Publish now": only offered when the view allows it. */
export async function publishNow(ctx, slug, resource) {
  const config = await settings(slug).catch(() => ({ environments: [] }));
  const target = (config.environments || [])[0] || 'the first environment';
  const comment = commentField('Comment (optional)', { hint: 'Recorded with the revision.' });
  const published = await dialog({
    title: 'Publish now',
    description: `Publish the draft of “${(resource.draft && resource.draft.name) || resource.name}” to ${target} without a review.`,
    body: [comment.el],
    submitLabel: 'Publish now',
    onSubmit: () => api.post(ws(slug, 'resources', resource.id, 'publish'), { comment: comment.control.value.trim() || undefined }),
  }).open();
  if (published) {
    ctx.flash(`Published to ${target}.`);
    ctx.navigate(`/w/${encodeURIComponent(slug)}/resources/${encodeURIComponent(resource.id)}`, { replace: true });
  }
}

/** "Request to promote" (or "Promote" without the promotion workflow). */
export async function promote(ctx, slug, resource) {
  const config = await settings(slug);
  const environments = config.environments || [];
  const sources = orderedEnvironments(resource, environments).filter((e) => environments.indexOf(e) >= 0 && environments.indexOf(e) < environments.length - 1);
  if (!sources.length) {
    await dialog({ title: 'Nothing to promote', body: [h('p', { text: 'This resource is not published in an environment that has a next one.' })], submitLabel: 'Close', cancelLabel: 'Cancel' }).open();
    return;
  }
  const sourceSelect = select(sources.map((e) => ({ value: e, label: `${e} (revision ${resource.published[e].revision})` })), { name: 'sourceEnvironment', value: sources[0] });
  const source = field('From', sourceSelect);
  const targetText = h('p', { class: 'promote-target', 'aria-live': 'polite' });
  const showTarget = () => {
    const next = environments[environments.indexOf(sourceSelect.value) + 1];
    const current = resource.published[next];
    targetText.replaceChildren('To ', h('strong', { text: next }),
      current ? ` (now revision ${current.revision})` : ' (not published there yet)');
  };
  sourceSelect.addEventListener('change', showTarget);
  showTarget();
  const workflow = config.promotion && config.promotion.enabled;
  const comment = commentField(workflow ? 'Message for the reviewer' : 'Message (optional)');
  const request = await dialog({
    title: workflow ? 'Request to promote' : 'Promote',
    description: workflow
      ? 'Promotions need an approved request: the reviewers are notified, and once approved you promote it from the request page.'
      : 'Moves the published revision to the next environment.',
    body: [source.el, targetText, comment.el],
    submitLabel: workflow ? 'Submit request' : 'Promote',
    onSubmit: () => api.post(ws(slug, 'requests'), {
      kind: 'promote',
      resources: [resource.id],
      sourceEnvironment: sourceSelect.value,
      comment: comment.control.value.trim() || undefined,
    }),
  }).open();
  if (request && request.id) {
    ctx.flash(request.state === 'applied' ? `Promoted to ${request.targetEnvironment}.` : `Promotion request #${request.number} submitted.`);
    ctx.navigate(requestPath(slug, request.id));
  }
}

/** "Delete draft": the draft is gone for good (a new resource disappears entirely). */
export async function deleteDraft(ctx, slug, resource) {
  const neverPublished = !Object.keys(resource.published || {}).length;
  const done = await dialog({
    title: 'Delete draft?',
    body: [h('p', { text: neverPublished
      ? `“${resource.name}” has never been published: deleting its draft deletes the resource. This cannot be undone.`
      : 'The unpublished changes are discarded and cannot be recovered. The published revisions stay as they are.' })],
    submitLabel: 'Delete draft',
    submitKind: 'danger',
    onSubmit: () => api.del(ws(slug, 'resources', resource.id, 'draft')).then(() => true),
  }).open();
  if (done) {
    ctx.flash('Draft deleted.');
    if (neverPublished) ctx.navigate(`/w/${encodeURIComponent(slug)}`, { replace: true });
    else ctx.navigate(`/w/${encodeURIComponent(slug)}/resources/${encodeURIComponent(resource.id)}`, { replace: true });
  }
}

/** "Delete": from one environment or all; when that needs approval, a deletion request is submitted instead. */
export async function deleteResource(ctx, slug, resource) {
  const config = await settings(slug).catch(() => ({ environments: [] }));
  const envs = orderedEnvironments(resource, config.environments || []);
  const envSelect = select([{ value: '', label: 'Every environment' }, ...envs.map((e) => ({ value: e, label: e }))], { name: 'environment' });
  const where = field('Delete from', envSelect);
  const comment = commentField('Reason (optional)', { hint: 'Kept in the audit log, and shown to reviewers if deleting needs approval.' });
  const outcome = await dialog({
    title: `Delete “${resource.name}”?`,
    description: 'If deleting needs approval for you, a deletion request is submitted instead and nothing is deleted until it is approved.',
    body: [where.el, comment.el],
    submitLabel: 'Delete',
    submitKind: 'danger',
    onSubmit: async () => {
      try {
        await api.del(ws(slug, 'resources', resource.id), { query: { environment: envSelect.value || undefined } });
        return { deleted: true };
      } catch (error) {
        if (!(error instanceof ApiError) || error.code !== 'approval_required') throw error;
        const request = await api.post(ws(slug, 'requests'), {
          kind: 'delete',
          resources: [resource.id],
          targetEnvironment: envSelect.value || undefined,
          comment: comment.control.value.trim() || undefined,
        });
        return { request };
      }
    },
  }).open();
  if (!outcome) return;
  if (outcome.request) {
    ctx.flash(`Deleting needs approval: request #${outcome.request.number} submitted.`, 'info');
    ctx.navigate(requestPath(slug, outcome.request.id));
  } else {
    ctx.flash(`“${resource.name}” deleted${envSelect.value ? ` from ${envSelect.value}` : ''}.`);
    ctx.navigate(`/w/${encodeURIComponent(slug)}`, { replace: true });
  }
}

/** "Run": records a run for the external executor. */
export async function run(ctx, slug, resource) {
  const config = await settings(slug).catch(() => ({ environments: [] }));
  const envs = orderedEnvironments(resource, config.environments || []);
  const envSelect = select(envs.length ? envs : [''], { name: 'environment' });
  const where = field('Environment', envSelect);
  const answer = await dialog({
    title: `Run “${resource.name}”`,
    description: 'Everything it uses must be published with no pending draft.',
    body: [envs.length ? where.el : h('p', { text: 'It is not published anywhere yet.' })],
    submitLabel: 'Run',
    onSubmit: () => api.post(ws(slug, 'resources', resource.id, 'runs'), { environment: envSelect.value || undefined }),
  }).open();
  if (answer) {
    ctx.flash(`Run requested${answer.environment ? ` in ${answer.environment}` : ''}.`);
    ctx.reload();
  }
}

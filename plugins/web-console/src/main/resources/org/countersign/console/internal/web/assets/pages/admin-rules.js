// /w/{ws}/admin/rules: the workspace's Groovy rules script with line numbers, compile errors at their
// lines, and an Evaluate panel that runs the script in the editor against a described change.
import { h, replace } from '../dom.js';
import { api, ws, ApiError } from '../api.js';
import { me, members } from '../session.js';
import { loadOrForbid, pendingRequestLink } from '../admin.js';
import { pageHeader, button, statusRegion, callout, busy, table, person, facts, checkbox } from '../ui.js';
import { timeAgo } from '../format.js';
import { codeEditor, lineErrorList } from '../code-editor.js';
import { parseErrorPosition } from '../json-lines.js';

const EXAMPLE = `rule 'production changes need two approvers', {
    when { change.targetEnvironment == 'production' && change.kind in ['publish', 'delete'] }
    requireApproval()
    approvals 2, from: role('admin', 'workspace_editor')
}
rule 'four eyes', {
    forbidSelfApproval()
    forbidContributorApproval()
}
`;

export async function render(ctx) {
  const slug = ctx.params.ws;
  const script = await loadOrForbid(ctx, 'Rules', () => api.get(ws(slug, 'rules'), { signal: ctx.signal }));
  if (!script) return;
  const user = await me();
  // who saved it, by name: the view may not name them, the member list (cached) usually does
  const people = { ...(script.people || {}) };
  if (script.updatedBy && !people[script.updatedBy]) {
    const saver = (await members(slug).catch(() => [])).find((m) => m.userId === script.updatedBy);
    if (saver) people[saver.userId] = { id: saver.userId, name: saver.name, email: saver.email };
  }
  ctx.title('Rules');
  const fromFile = script.managedBy === 'file';
  const status = statusRegion();
  const errorsBox = h('div', { 'aria-live': 'polite' });
  const editor = codeEditor({ label: 'Rules script (Groovy)', value: script.source || '', rows: 24, readOnly: fromFile, describedBy: 'rules-hint' });
  const showErrors = (errors, heading) => {
    editor.mark(errors);
    replace(errorsBox, errors.length ? callout('danger', h('p', { class: 'callout-title', text: heading }), lineErrorList(errors, editor)) : null);
  };
  if ((script.errors || []).length) showErrors(script.errors, fromFile ? 'The rules file does not compile: every change in this workspace is blocked until it is fixed.' : 'The saved script has problems:');

  const save = button('Save rules', null, { kind: 'primary', type: 'submit' });
  const form = h('form', { class: 'card', 'aria-labelledby': 'script-heading', novalidate: true },
    h('h2', { id: 'script-heading', text: 'Script' }),
    h('p', { class: 'hint', id: 'rules-hint', text: 'Rules only tighten what roles and settings allow. Saving compiles the script in the sandbox: if it does not compile, nothing is saved and the problems are shown at their lines.' }),
    editor.el,
    errorsBox,
    fromFile ? null : h('div', { class: 'form-actions' }, save, !script.source ? button('Insert an example', () => { editor.setValue(EXAMPLE); editor.textarea.focus(); }, { kind: 'link' }) : null),
    status.el);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (fromFile) return;
    showErrors([], '');
    await busy(save, async () => {
      try {
        const answer = await api.put(ws(slug, 'rules'), { source: editor.value() });
        if (answer && answer.pendingRequest) {
          ctx.flash(h('span', null, 'Rules changes need approval here: the script was submitted as a request. ', pendingRequestLink(slug, answer.pendingRequest)), 'info');
        } else {
          ctx.flash(`Rules saved as version ${answer && answer.version}. They apply to every change from now on.`);
        }
        ctx.reload();
      } catch (error) {
        if (error instanceof ApiError && error.code === 'invalid_rules') {
          showErrors(error.errors, 'Not saved: the script does not compile.');
          const first = error.errors.find((e) => e.line);
          if (first) editor.goTo(first.line, first.column || 1);
        } else {
          status.show(error);
        }
      }
    });
  });

  ctx.mount(
    pageHeader('Rules', {
      subtitle: [`Version ${script.version || 0}`, script.updatedAt ? [' · saved ', timeAgo(script.updatedAt)] : null, script.updatedBy ? [' by ', person(script.updatedBy, people)] : null],
    }),
    fromFile ? callout('info', h('p', null, 'These rules come from the file ', h('code', { text: `rules/${slug}.groovy` }), ' on the server and can only be changed there. Every change to the file takes effect within seconds.')) : null,
    script.pendingRequest ? callout('info', h('p', null, 'A change to the rules is waiting for approval. ', pendingRequestLink(slug, script.pendingRequest))) : null,
    h('div', { class: 'rules-layout' }, form, evaluatePanel(slug, editor, user)));
}

function jsonEditor(label, value, rows = 6) {
  return codeEditor({ label, value: JSON.stringify(value, null, 2), rows });
}

function evaluatePanel(slug, scriptEditor, user) {
  const change = jsonEditor('Change', { kind: 'publish', targetEnvironment: 'production', sourceEnvironment: null });
  const resource = jsonEditor('Resource', { type: 'model', name: 'Users', labels: { pii: 'true' }, owners: [], config: {} }, 8);
  const actor = jsonEditor('Actor', { email: user.email, role: 'workspace_draft_editor' }, 4);
  const useEditor = checkbox('Evaluate the script in the editor (unsaved changes included)', { checked: true, hint: 'Untick to evaluate the saved script.' });
  const result = h('div', { class: 'decision', 'aria-live': 'polite' });
  const run = button('Evaluate', null, { kind: 'primary', type: 'submit' });
  const form = h('form', { class: 'card', 'aria-labelledby': 'evaluate-heading', novalidate: true },
    h('h2', { id: 'evaluate-heading', text: 'Evaluate' }),
    h('p', { class: 'muted', text: 'Describe a change and see what the rules decide, before you save them.' }),
    change.el, resource.el, actor.el, useEditor.el,
    h('div', { class: 'form-actions' }, run),
    result);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {};
    for (const [key, ed] of [['change', change], ['resource', resource], ['actor', actor]]) {
      ed.mark([]);
      try {
        body[key] = JSON.parse(ed.value());
      } catch (error) {
        const where = parseErrorPosition(ed.value(), error);
        ed.mark([{ line: where.line, message: 'Not valid JSON' }]);
        replace(result, callout('danger', `${key[0].toUpperCase()}${key.slice(1)} is not valid JSON: ${error.message}`));
        ed.goTo(where.line, where.column);
        return;
      }
    }
    if (useEditor.control.checked) body.source = scriptEditor.value();
    await busy(run, async () => {
      try {
        const decision = await api.post(ws(slug, 'rules', 'evaluate'), body);
        replace(result, decisionView(decision));
      } catch (error) {
        if (error instanceof ApiError && error.code === 'invalid_rules') {
          scriptEditor.mark(error.errors);
          replace(result, callout('danger', h('p', { text: 'The script does not compile:' }), lineErrorList(error.errors, scriptEditor)));
        } else {
          replace(result, callout('danger', error.detail || 'The evaluation failed.',
            error.errors && error.errors.length ? h('ul', { class: 'error-list' }, error.errors.map((e) => h('li', null, h('code', { text: e.path || '' }), ' ', e.message))) : null));
        }
      }
    });
  });
  return form;
}

function yes(value) {
  return value ? 'Yes' : 'No';
}

function decisionView(d) {
  const matched = d.matchedRules || [];
  return h('div', null,
    h('h3', { text: 'Decision' }),
    callout(d.requireApproval || (d.requirements || []).length || (d.blocks || []).length ? 'warning' : 'success',
      matched.length ? h('p', null, 'Matched: ', matched.map((name, i) => [i ? ', ' : '', h('strong', { text: name })])) : h('p', { text: 'No rule matched: roles and settings decide alone.' })),
    facts([
      ['Requires approval', yes(d.requireApproval)],
      ['Forbids self-approval', yes(d.forbidSelfApproval)],
      ['Forbids contributor approval', yes(d.forbidContributorApproval)],
      ['Applied manually', yes(d.applyManually)],
      ['Blocked', (d.blocks || []).length ? h('ul', { class: 'plain-list' }, d.blocks.map((b) => h('li', { text: typeof b === 'string' ? b : b.reason || JSON.stringify(b) }))) : 'No'],
      ['Reviewers added', (d.reviewerEmails || []).join(', ') || 'none'],
    ]),
    (d.requirements || []).length ? table({
      caption: 'Approval requirements from the rules',
      showCaption: true,
      columns: ['Rule', 'Approvals', 'From', 'Members'],
      rows: d.requirements.map((r) => h('tr', null,
        h('th', { scope: 'row', text: r.rule || '' }),
        h('td', { text: String(r.approvals ?? '') }),
        h('td', { text: r.group || 'anyone' }),
        h('td', { text: (r.members || []).join(', ') || '—' }))),
    }) : null);
}

// /w/{ws}/admin/settings: approvals, environments, the promotion workflow, rules governance and
// notification channels (write-only URLs and secrets, re-entered whenever the channels are edited).
import { h, replace, uid } from '../dom.js';
import { api, ws } from '../api.js';
import { roles as loadRoles, members as loadMembers, invalidate } from '../session.js';
import { loadOrForbid, pendingRequestLink } from '../admin.js';
import { pageHeader, field, checkbox, button, statusRegion, callout, select, busy } from '../ui.js';

export async function render(ctx) {
  const slug = ctx.params.ws;
  const data = await loadOrForbid(ctx, 'Settings', () => Promise.all([
    api.get(ws(slug, 'settings'), { signal: ctx.signal }),
    loadRoles(slug).catch(() => []),
    loadMembers(slug).catch(() => []),
  ]));
  if (!data) return;
  const [current, roleList, memberList] = data;
  ctx.title('Settings');
  const status = statusRegion();
  const promotion = current.promotion || { enabled: false, reviewerRoles: [], assignees: [] };

  const requireApprovals = checkbox('Require approvals', { checked: current.requireApprovals, hint: 'Roles with draft-only permissions (such as the workspace draft editor) must get changes to models and syncs approved before they go live.' });
  const allowSelf = checkbox('Allow self-approval', { checked: current.allowSelfApproval, hint: 'When off, nobody approves a request they authored or a draft they edited.' });
  const envs = field('Environments', h('input', { type: 'text', value: (current.environments || []).join(', '), required: true, autocomplete: 'off' }),
    { hint: 'The promotion path in order, separated by commas. Publishing goes to the first.' });
  const timezone = field('Time zone', h('input', { type: 'text', value: current.timezone || 'UTC', autocomplete: 'off' }), { hint: 'For time-based rules, e.g. Europe/Berlin.' });
  const governRules = checkbox('Changes to the rules need approval', { checked: current.governRules, hint: 'When on, saving the rules script submits it as an approval request. Switching this off again also needs an approved request.' });

  const promoEnabled = checkbox('Promotions need an approved request (Environment Promotion workflow)', { checked: promotion.enabled });
  const roleBoxes = roleList.map((r) => checkbox(r.name, { checked: (promotion.reviewerRoles || []).includes(r.name), value: r.name }));
  const assigneeBoxes = memberList.map((m) => checkbox(`${m.name || m.email} (${m.email})`, { checked: (promotion.assignees || []).includes(m.userId), value: m.userId }));

  const channels = channelsSection(ctx, slug, current.notifications || [], status);

  const save = button('Save settings', null, { kind: 'primary', type: 'submit' });
  const form = h('form', { class: 'settings', novalidate: true },
    h('div', { class: 'settings-grid' },
      h('section', { class: 'card', 'aria-labelledby': 'approvals-heading' },
        h('h2', { id: 'approvals-heading', text: 'Approvals' }), requireApprovals.el, allowSelf.el, governRules.el),
      h('section', { class: 'card', 'aria-labelledby': 'env-heading' },
        h('h2', { id: 'env-heading', text: 'Environments and time' }), envs.el, timezone.el),
      h('section', { class: 'card', 'aria-labelledby': 'promotion-heading' },
        h('h2', { id: 'promotion-heading', text: 'Promotion' }),
        promoEnabled.el,
        h('fieldset', { class: 'fieldset' }, h('legend', { text: 'Reviewer roles' }),
          h('p', { class: 'hint', text: 'Members with these roles may review promotions. None chosen: anyone who may approve.' }),
          roleBoxes.map((b) => b.el)),
        h('fieldset', { class: 'fieldset' }, h('legend', { text: 'Assignees (optional)' }),
          h('p', { class: 'hint', text: 'When any are chosen, only they may respond; they must hold a reviewer role.' }),
          assigneeBoxes.length ? assigneeBoxes.map((b) => b.el) : h('p', { class: 'muted', text: 'No members.' }))),
      channels.el),
    h('div', { class: 'form-actions' }, save),
    status.el);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    envs.error(null);
    const patch = {};
    const environments = envs.control.value.split(',').map((s) => s.trim()).filter(Boolean);
    if (!environments.length) {
      envs.error('Name at least one environment.');
      envs.control.focus();
      return;
    }
    const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
    if (requireApprovals.control.checked !== current.requireApprovals) patch.requireApprovals = requireApprovals.control.checked;
    if (allowSelf.control.checked !== current.allowSelfApproval) patch.allowSelfApproval = allowSelf.control.checked;
    if (governRules.control.checked !== current.governRules) patch.governRules = governRules.control.checked;
    if (!same(environments, current.environments)) patch.environments = environments;
    if (timezone.control.value.trim() && timezone.control.value.trim() !== current.timezone) patch.timezone = timezone.control.value.trim();
    const nextPromotion = {
      enabled: promoEnabled.control.checked,
      reviewerRoles: roleBoxes.filter((b) => b.control.checked).map((b) => b.control.value),
      assignees: assigneeBoxes.filter((b) => b.control.checked).map((b) => b.control.value),
    };
    if (!same(nextPromotion, { enabled: promotion.enabled, reviewerRoles: promotion.reviewerRoles || [], assignees: promotion.assignees || [] })) patch.promotion = nextPromotion;
    if (channels.editing()) {
      const list = channels.value();
      if (!list) return;
      patch.notifications = list;
    }
    if (!Object.keys(patch).length) {
      status.show('Nothing changed.', 'info');
      return;
    }
    await busy(save, async () => {
      try {
        const answer = await api.patch(ws(slug, 'settings'), patch);
        invalidate(`ws:${slug}:`);
        if (answer && answer.pendingRequest) {
          ctx.flash(h('span', null, 'Saved. Switching rules governance off needs approval: a request was submitted. ', pendingRequestLink(slug, answer.pendingRequest)), 'info');
        } else {
          ctx.flash('Settings saved.');
        }
        ctx.reload();
      } catch (error) {
        for (const e of error.errors || []) {
          if (e.path && e.path.startsWith('/environments')) envs.error(e.message);
          if (e.path && e.path.startsWith('/timezone')) timezone.error(e.message);
        }
        status.show(error);
      }
    });
  });

  ctx.mount(pageHeader('Settings', { subtitle: 'Who must ask, who may approve, and where changes go.' }), form);
}

/** Channels as saved (type only) with Send test, or the editor that replaces them all. */
function channelsSection(ctx, slug, saved, pageStatus) {
  let editing = false;
  const body = h('div');
  const rows = [];
  const el = h('section', { class: 'card', 'aria-labelledby': 'channels-heading' },
    h('h2', { id: 'channels-heading', text: 'Notification channels' }),
    h('p', { class: 'muted', text: 'Everyone also gets notifications in their console inbox. URLs and secrets are write-only: they are stored encrypted and never shown again.' }),
    body);

  const testResult = h('div', { 'aria-live': 'polite' });
  const showSaved = () => {
    editing = false;
    replace(body,
      saved.length ? h('ul', { class: 'plain-list' }, saved.map((c, index) => h('li', { class: 'channel' },
        h('div', { class: 'channel-head' },
          h('strong', { text: { email: 'Email', slack: 'Slack', webhook: 'Webhook' }[c.type] || c.type }),
          button('Send test', async (event) => {
            await busy(event.currentTarget, async () => {
              try {
                const answer = await api.post(ws(slug, 'settings', 'notifications', 'test'), { index });
                replace(testResult, answer.ok ? callout('success', `Test sent on the ${c.type} channel.`) : callout('danger', `The ${c.type} channel failed: ${answer.error || 'no reason given'}`));
              } catch (error) {
                replace(testResult, callout('danger', error.status === 404 || error.status === 405 ? 'This server cannot send test notifications yet.' : error.detail));
              }
            });
          }, { class: 'btn-small', 'aria-label': `Send a test on channel ${index + 1} (${c.type})` })),
        c.type === 'email' ? h('p', { class: 'hint', text: 'Sent to each recipient through the server’s SMTP settings.' }) : h('p', { class: 'hint', text: 'URL set (hidden).' })))) : h('p', { class: 'muted', text: 'No channels besides the inbox.' }),
      testResult,
      button('Edit channels', () => showEditor(), {}));
  };

  const addRow = (type = 'email') => {
    const id = uid('channel');
    const typeSel = select([{ value: 'email', label: 'Email' }, { value: 'slack', label: 'Slack' }, { value: 'webhook', label: 'Webhook' }], { value: type });
    const url = field('URL', h('input', { type: 'url', autocomplete: 'off', placeholder: 'https://' }), { id: `${id}-url` });
    const secret = field('Signing secret', h('input', { type: 'password', autocomplete: 'new-password', minlength: '16' }), { id: `${id}-secret`, hint: 'At least 16 characters; whsec_<base64> works too.' });
    const typeField = field('Type', typeSel, { id: `${id}-type` });
    const row = { typeSel, url, secret, el: null };
    const sync = () => {
      url.el.hidden = typeSel.value === 'email';
      secret.el.hidden = typeSel.value !== 'webhook';
    };
    typeSel.addEventListener('change', sync);
    row.el = h('li', { class: 'channel' },
      h('div', { class: 'channel-head' }, h('strong', { text: `Channel ${rows.length + 1}` }),
        button('Remove', () => {
          rows.splice(rows.indexOf(row), 1);
          row.el.remove();
        }, { kind: 'link' })),
      typeField.el, url.el, secret.el);
    sync();
    rows.push(row);
    return row.el;
  };

  const showEditor = () => {
    editing = true;
    rows.length = 0;
    const list = h('ul', { class: 'plain-list' }, saved.map((c) => addRow(c.type)));
    replace(body,
      callout('warning', 'Saving replaces every channel. Enter the URL (and secret) of each Slack and webhook channel again: the stored ones cannot be shown.'),
      list,
      h('div', { class: 'form-actions' },
        button('Add channel', () => {
          list.append(addRow());
          const last = rows[rows.length - 1];
          last.typeSel.focus();
        }),
        button('Cancel editing channels', () => showSaved(), { kind: 'link' })));
    const first = body.querySelector('select');
    if (first) first.focus();
  };

  showSaved();
  return {
    el,
    editing: () => editing,
    /** The channels to send, or null (with the problem shown) when a URL or secret is missing. */
    value() {
      const out = [];
      for (const r of rows) {
        r.url.error(null);
        r.secret.error(null);
        const type = r.typeSel.value;
        if (type === 'email') {
          out.push({ type });
          continue;
        }
        if (!r.url.control.value.trim()) {
          r.url.error('Enter the URL again.');
          r.url.control.focus();
          pageStatus.show('Some channels need their URL or secret.', 'danger');
          return null;
        }
        if (type === 'webhook' && r.secret.control.value.length < 16) {
          r.secret.error('Enter the secret again (at least 16 characters).');
          r.secret.control.focus();
          pageStatus.show('Some channels need their URL or secret.', 'danger');
          return null;
        }
        out.push(type === 'webhook' ? { type, url: r.url.control.value.trim(), secret: r.secret.control.value } : { type, url: r.url.control.value.trim() });
      }
      return out;
    },
  };
}

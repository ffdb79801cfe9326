// /w/{ws}/admin/members: members and their one role; add people; instance admins also invite new ones.
import { h, replace } from '../dom.js';
import { api, ws, isMissing } from '../api.js';
import { me, roles as loadRoles, invalidate } from '../session.js';
import { loadOrForbid } from '../admin.js';
import { pageHeader, field, button, statusRegion, callout, select, table, confirm, copyButton, busy } from '../ui.js';
import { timeAgo, timeFull } from '../format.js';

export async function render(ctx) {
  const slug = ctx.params.ws;
  const user = await me();
  const data = await loadOrForbid(ctx, 'Members', () => Promise.all([
    api.get(ws(slug, 'members'), { signal: ctx.signal, query: { limit: 500 } }),
    loadRoles(slug),
    user.instanceAdmin ? api.get('/users', { signal: ctx.signal, query: { limit: 500 } }).catch(() => ({ items: [] })) : Promise.resolve({ items: [] }),
  ]));
  if (!data) return;
  const [memberPage, roleList, users] = data;
  const list = memberPage.items || [];
  ctx.title('Members');
  const status = statusRegion();
  const roleOptions = roleList.map((r) => ({ value: r.name, label: r.builtIn ? r.name : `${r.name} (custom)` }));
  const changed = () => invalidate(`ws:${slug}:`);

  const rows = list.map((m) => {
    const roleSel = select(roleOptions, { value: m.role });
    roleSel.id = `role-${m.userId}`;
    const saveBtn = button('Change role', async (event) => {
      await busy(event.currentTarget, async () => {
        try {
          await api.put(ws(slug, 'members', m.userId), { role: roleSel.value });
          changed();
          ctx.flash(`${m.name || m.email} is now ${roleSel.value}.`);
          ctx.reload();
        } catch (error) {
          status.show(error);
        }
      });
    }, { class: 'btn-small', 'aria-label': `Change role of ${m.name || m.email}` });
    const removeBtn = button('Remove', async () => {
      const done = await confirm({
        title: `Remove ${m.name || m.email}?`,
        message: m.userId === user.id ? 'You are removing yourself: you lose access to this workspace at once.' : 'They lose access to this workspace at once. Their past changes and reviews stay in the history.',
        confirmLabel: 'Remove member',
        danger: true,
        onConfirm: () => api.del(ws(slug, 'members', m.userId)),
      });
      if (done) {
        changed();
        ctx.flash(`${m.name || m.email} removed.`);
        ctx.reload();
      }
    }, { kind: 'danger-outline', class: 'btn-small', 'aria-label': `Remove ${m.name || m.email}` });
    return h('tr', null,
      h('th', { scope: 'row' }, h('span', { class: 'person', text: m.name || m.email }), m.userId === user.id ? h('span', { class: 'muted', text: ' (you)' }) : null),
      h('td', { text: m.email }),
      h('td', null, h('div', { class: 'inline-form' }, h('label', { for: roleSel.id, class: 'visually-hidden', text: `Role of ${m.name || m.email}` }), roleSel, saveBtn)),
      h('td', null, timeAgo(m.since)),
      h('td', { class: 'actions-col' },
        user.instanceAdmin ? inviteButton(m, status) : null, ' ',
        removeBtn));
  });

  const memberIds = new Set(list.map((m) => m.userId));
  ctx.mount(
    pageHeader('Members', { subtitle: 'Each member has exactly one role in this workspace.' }),
    table({ caption: 'Members', columns: ['Name', 'Email', 'Role', 'Member since', { label: 'Actions', className: 'actions-col' }], rows }),
    status.el,
    h('div', { class: 'settings-grid' },
      addForm(ctx, slug, roleOptions, (users.items || []).filter((u) => !memberIds.has(u.id)), user.instanceAdmin, changed),
      user.instanceAdmin ? inviteForm(ctx, slug, roleOptions, changed) : null));
}

function inviteButton(m, status) {
  return button('Invite link', async (event) => {
    await busy(event.currentTarget, async () => {
      try {
        const invite = await api.post(`/users/${encodeURIComponent(m.userId)}/invite`, {});
        status.show(inviteView(invite, m.email, status), 'success');
      } catch (error) {
        if (isMissing(error)) status.show('This server cannot create invitation links yet.', 'warning');
        else status.show(error);
      }
    });
  }, { class: 'btn-small', 'aria-label': `Create an invitation link for ${m.name || m.email}` });
}

function inviteView(invite, email, status) {
  return h('div', null,
    h('p', null, 'One-time sign-in link for ', h('strong', { text: email }),
      invite.expiresAt ? [' (valid until ', timeFull(invite.expiresAt), ')'] : null, ':'),
    h('p', null, h('code', { class: 'token', text: invite.url }), ' ', copyButton(invite.url, 'Copy link', status)));
}

function addForm(ctx, slug, roleOptions, candidates, instanceAdmin, changed) {
  const status = statusRegion();
  const who = instanceAdmin && candidates.length
    ? field('Person', select(candidates.map((u) => ({ value: u.id, label: `${u.name || u.email} (${u.email})` })), { includeEmpty: 'Choose a user…' }))
    : field('User id', h('input', { type: 'text', autocomplete: 'off', placeholder: 'usr_…' }), { hint: 'The id of an existing Countersign user (an instance admin can look it up).' });
  const role = field('Role', select(roleOptions, { value: 'workspace_viewer' }));
  const submit = button('Add member', null, { kind: 'primary', type: 'submit' });
  const form = h('form', { class: 'card' }, h('h2', { text: 'Add a member' }), who.el, role.el, h('div', { class: 'form-actions' }, submit), status.el);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    who.error(null);
    const id = who.control.value.trim();
    if (!id) {
      who.error('Choose who to add.');
      who.control.focus();
      return;
    }
    await busy(submit, async () => {
      try {
        await api.put(ws(slug, 'members', id), { role: role.control.value });
        changed();
        ctx.flash('Member added.');
        ctx.reload();
      } catch (error) {
        status.show(error);
      }
    });
  });
  return form;
}

function inviteForm(ctx, slug, roleOptions, changed) {
  const status = statusRegion();
  const name = field('Name', h('input', { type: 'text', required: true, autocomplete: 'off' }));
  const email = field('Email', h('input', { type: 'email', required: true, autocomplete: 'off' }));
  const role = field('Role', select(roleOptions, { value: 'workspace_draft_editor' }));
  const submit = button('Create and invite', null, { kind: 'primary', type: 'submit' });
  const result = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'card', novalidate: true },
    h('h2', { text: 'Invite someone new' }),
    h('p', { class: 'muted', text: 'Creates their Countersign user, adds them here and gives you a one-time link to set their password (also emailed when SMTP is set up).' }),
    name.el, email.el, role.el, h('div', { class: 'form-actions' }, submit), result, status.el);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    [name, email].forEach((f) => f.error(null));
    if (!form.reportValidity()) return;
    await busy(submit, async () => {
      try {
        const created = await api.post('/users', { email: email.control.value.trim(), name: name.control.value.trim() });
        await api.put(ws(slug, 'members', created.id), { role: role.control.value });
        changed();
        let invite = null;
        try {
          invite = await api.post(`/users/${encodeURIComponent(created.id)}/invite`, {});
        } catch (error) {
          if (!isMissing(error)) throw error;
        }
        form.reset();
        replace(result, invite
          ? callout('success', inviteView(invite, created.email, status))
          : callout('info', `${created.email} was added. This server cannot create invitation links yet: give them an API key instead.`));
      } catch (error) {
        for (const e of error.errors || []) {
          if (e.path === '/email') email.error(e.message);
          if (e.path === '/name') name.error(e.message);
        }
        status.show(error);
      }
    });
  });
  return form;
}

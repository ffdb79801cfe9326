// /account: change password, own API keys, sign out. Also shown in place of every page while the
// server says the person must set a new password first (`mustChangePassword`).
import { h, replace } from '../dom.js';
import { api, csrfToken } from '../api.js';
import { me } from '../session.js';
import { safeNext } from '../router.js';
import { pageHeader, field, button, statusRegion, table, confirm, callout, copyButton, facts, empty, busy } from '../ui.js';
import { timeAgo } from '../format.js';

export async function render(ctx) {
  const user = ctx.user;
  if (ctx.forcedPasswordChange) {
    ctx.title('Choose a new password');
    ctx.mount(
      pageHeader('Choose a new password'),
      callout('info', 'Your administrator gave you a temporary password. Choose your own password before you carry on.'),
      passwordForm(ctx, { forced: true }));
    return;
  }
  ctx.title('Account');
  const keys = await api.get('/me/api-keys', { signal: ctx.signal });
  // where signing in with an API token (the first admin's initial one) leads when there is no password yet
  const choosePassword = ctx.query.get('change') === 'required'
    ? callout('info', 'You signed in with an API token. Choose a password below to sign in with your email from now on.') : null;
  ctx.mount(
    pageHeader('Account', { subtitle: user.email }),
    choosePassword,
    h('section', { class: 'card', 'aria-labelledby': 'profile-heading' },
      h('h2', { id: 'profile-heading', text: 'Profile' }),
      facts([
        ['Name', user.name || '—'],
        ['Email', user.email],
        ['Instance admin', user.instanceAdmin ? 'Yes' : 'No'],
        ['Workspaces', (user.memberships || []).map((m) => m.name).join(', ') || 'none'],
      ])),
    passwordForm(ctx, { forced: false }),
    apiKeys(ctx, keys.items || []),
    h('section', { class: 'card', 'aria-labelledby': 'signout-heading' },
      h('h2', { id: 'signout-heading', text: 'Sign out' }),
      h('p', { class: 'muted', text: 'Ends your console session in this browser. API keys keep working.' }),
      signOut()));
}

function passwordForm(ctx, { forced }) {
  const status = statusRegion();
  const current = field('Current password', h('input', { type: 'password', name: 'current', autocomplete: 'current-password', required: forced }),
    { hint: forced ? 'The temporary password you signed in with.' : 'Leave empty if you have never had a password.' });
  const next = field('New password', h('input', { type: 'password', name: 'password', autocomplete: 'new-password', required: true }));
  const again = field('Repeat the new password', h('input', { type: 'password', autocomplete: 'new-password', required: true }));
  const submit = button(forced ? 'Set password and continue' : 'Change password', null, { kind: 'primary', type: 'submit' });
  const form = h('form', { class: 'card stack narrow', 'aria-labelledby': 'password-heading' },
    h('h2', { id: 'password-heading', text: 'Password' }),
    h('input', { type: 'text', name: 'username', autocomplete: 'username', value: ctx.user.email, hidden: true, readOnly: true }),
    current.el, next.el, again.el,
    h('div', { class: 'form-actions' }, submit),
    status.el);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    [current, next, again].forEach((f) => f.error(null));
    if (!form.reportValidity()) return;
    if (next.control.value !== again.control.value) {
      again.error('The two passwords are not the same.');
      again.control.focus();
      return;
    }
    await busy(submit, async () => {
      try {
        const body = { password: next.control.value };
        if (current.control.value) body.current = current.control.value;
        await api.put('/me/password', body);
        form.reset();
        if (forced) {
          await me({ refresh: true });
          ctx.flash('Your password is set.');
          ctx.navigate(safeNext(ctx.path === '/account' ? '/' : ctx.path + ctx.url.search), { replace: true });
        } else {
          status.show('Your password is changed.');
        }
      } catch (error) {
        for (const e of error.errors || []) {
          if (e.path === '/current') current.error(e.message);
          if (e.path === '/password') next.error(e.message);
        }
        status.show(error);
      }
    });
  });
  return form;
}

function apiKeys(ctx, keys) {
  const status = statusRegion();
  const created = h('div');
  const name = field('Key name', h('input', { type: 'text', name: 'name', required: true, maxlength: '100', placeholder: 'e.g. laptop CLI' }));
  const submit = button('Create key', null, { kind: 'primary', type: 'submit' });
  const form = h('form', { class: 'inline-form' }, name.el, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!form.reportValidity()) return;
    await busy(submit, async () => {
      try {
        const key = await api.post('/me/api-keys', { name: name.control.value });
        form.reset();
        const token = h('code', { class: 'token', text: key.token });
        replace(created, callout('success',
          h('p', null, h('strong', { text: `Key “${key.name}” created.` }), ' Copy the token now: it is shown only once.'),
          h('p', null, token, ' ', copyButton(key.token, 'Copy token', status))));
        const list = await api.get('/me/api-keys');
        replace(tableSlot, keyTable(list.items || []));
      } catch (error) {
        status.show(error);
      }
    });
  });
  const keyTable = (items) => (items.length ? table({
    caption: 'Your API keys',
    columns: ['Name', 'Created', 'State', { label: 'Actions', className: 'actions-col' }],
    rows: items.map((k) => h('tr', null,
      h('th', { scope: 'row', text: k.name }),
      h('td', null, timeAgo(k.createdAt)),
      h('td', null, k.active ? 'Active' : h('span', { class: 'muted' }, 'Revoked ', timeAgo(k.revokedAt))),
      h('td', { class: 'actions-col' }, k.active ? button('Revoke', async () => {
        const done = await confirm({
          title: `Revoke “${k.name}”?`,
          message: 'Programs using this key stop working at once. This cannot be undone.',
          confirmLabel: 'Revoke key',
          danger: true,
          onConfirm: () => api.del(`/me/api-keys/${encodeURIComponent(k.id)}`),
        });
        if (done) {
          ctx.flash(`Key “${k.name}” revoked.`);
          ctx.reload();
        }
      }, { kind: 'danger-outline', class: 'btn-small', 'aria-label': `Revoke ${k.name}` }) : null))),
  }) : empty('You have no API keys. Create one for the command-line client or scripts.'));
  const tableSlot = h('div', null, keyTable(keys));
  return h('section', { class: 'card', 'aria-labelledby': 'keys-heading' },
    h('h2', { id: 'keys-heading', text: 'API keys' }),
    h('p', { class: 'muted', text: 'Keys let programs call the API as you (Authorization: Bearer <token>).' }),
    tableSlot, form, created, status.el);
}

function signOut() {
  const csrf = h('input', { type: 'hidden', name: 'csrf', value: csrfToken() || '' });
  const form = h('form', { method: 'post', action: '/console/sign-out' }, csrf, h('button', { type: 'submit', class: 'btn btn-secondary', text: 'Sign out' }));
  form.addEventListener('submit', () => { csrf.value = csrfToken() || ''; });
  return form;
}

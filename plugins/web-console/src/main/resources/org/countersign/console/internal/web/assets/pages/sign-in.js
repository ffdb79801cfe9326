// /sign-in?next=/path: an ordinary HTML form posted to /console/sign-in (the server sets the session
// cookies and answers 303 to `next`), plus single sign-on when the server offers it.
import { h } from '../dom.js';
import { consoleGet } from '../api.js';
import { safeNext } from '../router.js';
import { authBrand, callout } from '../ui.js';

const ERRORS = {
  invalid: 'That email and password do not match an account. Check them and try again.',
  throttled: 'Too many failed sign-ins from here. Wait a minute, then try again.',
  sso: 'Single sign-on did not complete. Try again, or sign in with your password.',
  expired: 'Your session ended. Sign in again to carry on.',
  forbidden: 'The sign-in form must be sent from this server\'s own page. Open the sign-in page again.',
  unknown: 'Single sign-on worked, but no Countersign account uses that email. Ask an administrator to invite you.',
};

export async function render(ctx) {
  const next = safeNext(ctx.query.get('next'));
  const error = ctx.query.get('error');
  ctx.title('Sign in');
  let options = { password: true, oidc: false };
  try {
    options = { ...options, ...(await consoleGet('/console/sign-in-options', ctx.signal)) };
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    // older servers have no options endpoint: password sign-in only
  }
  const email = h('input', { type: 'email', id: 'email', name: 'email', autocomplete: 'username', required: true, autofocus: true, value: ctx.query.get('email') || '' });
  const password = h('input', { type: 'password', id: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const form = h('form', { method: 'post', action: '/console/sign-in', class: 'stack' },
    h('input', { type: 'hidden', name: 'next', value: next }),
    h('div', { class: 'field' }, h('label', { for: 'email', text: 'Email' }), email),
    h('div', { class: 'field' }, h('label', { for: 'password', text: 'Password' }), password),
    h('button', { type: 'submit', class: 'btn btn-primary btn-block', text: 'Sign in' }));
  form.addEventListener('submit', () => {
    form.querySelector('button[type=submit]').setAttribute('aria-busy', 'true');
  });
  if (error) {
    email.setAttribute('aria-describedby', 'sign-in-error');
  }
  ctx.mount(h('div', { class: 'card auth-card' },
    authBrand(),
    h('h1', { tabindex: '-1', text: 'Sign in' }),
    h('p', { class: 'muted', text: 'Review and approve changes to your data configuration.' }),
    error ? h('div', { id: 'sign-in-error', role: 'alert' }, callout('danger', ERRORS[error] || 'Signing in did not work. Try again.')) : null,
    options.password !== false ? form : null,
    options.oidc ? [
      options.password !== false ? h('p', { class: 'divider' }, h('span', { text: 'or' })) : null,
      h('a', { href: `/console/oidc/start?next=${encodeURIComponent(next)}`, class: 'btn btn-secondary btn-block', text: 'Sign in with single sign-on' }),
    ] : null,
    tokenForm(next),
    h('p', { class: 'hint auth-foot', text: 'No account yet? Ask a Countersign administrator for an invitation link.' })));
  if (error) email.focus();
}

// An API token signs its owner in too: how the first administrator, who has only the initial admin token
// (data/initial-admin-token), gets in and sets a password.
function tokenForm(next) {
  const token = h('input', { type: 'password', id: 'api-token', name: 'token', autocomplete: 'off', required: true });
  return h('details', { class: 'token-sign-in' },
    h('summary', { text: 'Sign in with an API token' }),
    h('form', { method: 'post', action: '/console/sign-in', class: 'stack' },
      h('input', { type: 'hidden', name: 'next', value: next }),
      h('div', { class: 'field' },
        h('label', { for: 'api-token', text: 'API token' }), token,
        h('p', { class: 'hint', text: 'On a new installation: the initial admin token from the data folder.' })),
      h('button', { type: 'submit', class: 'btn btn-secondary btn-block', text: 'Sign in with token' })));
}

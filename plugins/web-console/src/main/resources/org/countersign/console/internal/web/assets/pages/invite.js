// /invite/{token}: the one-time link an administrator sent; the person sets their password here.
// A plain HTML form posted to /console/invite; the server signs them in and answers 303 to /.
import { h } from '../dom.js';
import { authBrand, callout } from '../ui.js';

const ERRORS = {
  invalid: 'This invitation link is not valid any more: it was used already or it expired. Ask your administrator for a new one.',
  expired: 'This invitation link has expired. Ask your administrator for a new one.',
  weak: 'That password is too weak. Choose a longer one.',
  mismatch: 'The two passwords are not the same.',
};

export async function render(ctx) {
  ctx.title('Set your password');
  const error = ctx.query.get('error');
  const password = h('input', { type: 'password', id: 'password', name: 'password', autocomplete: 'new-password', required: true, autofocus: true, 'aria-describedby': 'password-hint' });
  const confirm = h('input', { type: 'password', id: 'confirm', autocomplete: 'new-password', required: true });
  const problem = h('div', { role: 'alert' }, error ? callout('danger', ERRORS[error] || 'Setting the password did not work. Try again.') : null);
  const form = h('form', { method: 'post', action: '/console/invite', class: 'stack' },
    h('input', { type: 'hidden', name: 'token', value: ctx.params.token }),
    h('div', { class: 'field' },
      h('label', { for: 'password', text: 'New password' }),
      h('p', { class: 'hint', id: 'password-hint', text: 'Make it long: a few unrelated words make a good password.' }),
      password),
    h('div', { class: 'field' }, h('label', { for: 'confirm', text: 'Repeat the password' }), confirm),
    h('button', { type: 'submit', class: 'btn btn-primary btn-block', text: 'Set password and sign in' }));
  form.addEventListener('submit', (event) => {
    if (password.value !== confirm.value) {
      event.preventDefault();
      problem.replaceChildren(callout('danger', ERRORS.mismatch));
      confirm.setAttribute('aria-invalid', 'true');
      confirm.focus();
    }
  });
  ctx.mount(h('div', { class: 'card auth-card' },
    authBrand(),
    h('h1', { tabindex: '-1', text: 'Welcome to Countersign' }),
    h('p', { class: 'muted', text: 'Choose the password you will sign in with.' }),
    problem,
    form));
}

// Any path the console does not know.
import { h } from '../dom.js';

export async function render(ctx) {
  ctx.title('Not found');
  ctx.mount(h('h1', { tabindex: '-1', text: 'Page not found' }),
    h('p', { text: 'There is no console page at this address.' }),
    h('p', null, h('a', { href: '/', text: 'Go to your workspaces' })));
}

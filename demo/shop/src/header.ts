/** The shop's header: search, who is signed in, and the cart count. */
import { cartTotals } from './cart';
import { byId, h } from './dom';
import { hrefFor } from './router';
import type { ViewContext } from './views/context';

export function bindSearch({ actions }: Pick<ViewContext, 'actions'>): void {
  const form = byId<HTMLFormElement>('search-form');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const term = String(new FormData(form).get('q')).trim();
    if (term !== '') actions.search(term);
  });
}

export function renderHeader({ state, actions }: ViewContext): void {
  const { totalQuantity } = cartTotals(state.cart);
  byId('cart-count').textContent = String(totalQuantity);

  const account = state.account
    ? [
        h('span', { class: 'who' }, `Hi, ${state.account.firstName}`),
        h('button', { class: 'link', type: 'button', onclick: () => actions.signOut() }, 'Log out'),
      ]
    : [h('a', { href: hrefFor({ page: 'account' }) }, 'Sign in')];
  byId('account-nav').replaceChildren(...account);
}

/** The cart, and the order summary that the checkout and confirmation reuse. */
import { productArt } from '../art';
import { cartItems, cartTotals, type Cart } from '../cart';
import { formatPrice, type Product } from '../catalog';
import { h } from '../dom';
import { hrefFor } from '../router';
import type { ViewContext } from './context';

export function cartView({ state, actions }: ViewContext): HTMLElement {
  if (state.cart.length === 0) {
    return h(
      'section',
      { class: 'page' },
      h('h1', {}, 'Your cart'),
      h(
        'p',
        { class: 'empty' },
        'The cart is empty. ',
        h('a', { href: hrefFor({ page: 'home' }) }, 'Find something good'),
      ),
    );
  }

  return h(
    'section',
    { class: 'page' },
    h('h1', {}, 'Your cart'),
    orderSummary(state.cart, (product) =>
      h(
        'button',
        { class: 'link', type: 'button', onclick: () => actions.removeFromCart(product) },
        'Remove',
      ),
    ),
    h(
      'div',
      { class: 'actions' },
      h('a', { href: hrefFor({ page: 'home' }) }, 'Keep shopping'),
      h(
        'button',
        { class: 'primary', type: 'button', onclick: () => actions.checkout() },
        'Checkout',
      ),
    ),
  );
}

/** The cart's lines and total; `extra` adds a control to each line. */
export function orderSummary(cart: Cart, extra?: (product: Product) => HTMLElement): HTMLElement {
  const { totalCents, totalQuantity } = cartTotals(cart);
  const lines = cartItems(cart).map(({ product, quantity }) =>
    h(
      'li',
      { class: 'line' },
      h('div', { class: 'art thumb' }, productArt(product)),
      h('span', { class: 'title' }, product.title),
      h('span', { class: 'quantity' }, `× ${quantity}`),
      h('span', { class: 'price' }, formatPrice(product.priceCents * quantity)),
      extra?.(product),
    ),
  );

  return h(
    'div',
    { class: 'summary' },
    h('ul', { class: 'lines' }, ...lines),
    h(
      'p',
      { class: 'total' },
      h('span', {}, `${totalQuantity} ${totalQuantity === 1 ? 'item' : 'items'}`),
      h('strong', {}, formatPrice(totalCents)),
    ),
  );
}

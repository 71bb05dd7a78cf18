/** Which view each route shows, and which routes are themselves a tracked step. */
import { findProduct } from './catalog';
import { h } from './dom';
import type { Journey } from './journey';
import type { Route } from './router';
import { accountView } from './views/account';
import { cartView } from './views/cart';
import { checkoutView, orderView } from './views/checkout';
import type { ViewContext } from './views/context';
import { homeView, productView, searchView } from './views/products';

export function viewFor(route: Route, context: ViewContext): HTMLElement {
  switch (route.page) {
    case 'home':
      return homeView();
    case 'search':
      return searchView(route.term);
    case 'product': {
      const product = findProduct(route.productId);
      return product ? productView(product, context) : notFound();
    }
    case 'cart':
      return cartView(context);
    case 'checkout':
      return checkoutView(context);
    case 'order':
      return orderView(route.purchaseId, context);
    case 'account':
      return accountView(context);
  }
}

/**
 * Opening a product page is a `view_item`, however the visitor got there
 * (a card, a link, a reload). Other steps are tracked by the action that
 * takes them, so going back to a page does not repeat a search or a purchase.
 */
export function trackArrival(route: Route, journey: Journey): void {
  if (route.page !== 'product') return;

  const product = findProduct(route.productId);
  if (product) journey.viewedProduct(product);
}

function notFound(): HTMLElement {
  return h(
    'section',
    { class: 'page' },
    h('h1', {}, 'Not found'),
    h('p', {}, h('a', { href: '#/' }, 'Back to the shop')),
  );
}

/** The shop window: every product, search results, and one product's page. */
import { productArt } from '../art';
import { quantityOf } from '../cart';
import { CATALOG, formatPrice, searchCatalog, type Product } from '../catalog';
import { h } from '../dom';
import { hrefFor } from '../router';
import type { ViewContext } from './context';

/** Enough for a household; a larger order goes through the cart twice. */
const MAX_QUANTITY = 9;

export function homeView(): HTMLElement {
  return h(
    'section',
    { class: 'page' },
    h(
      'div',
      { class: 'hero' },
      h('h1', {}, 'Good coffee, carefully tracked'),
      h(
        'p',
        {},
        'Every step of your visit is an event. Go offline and watch the events ',
        'wait in the queue, then drain when you are back.',
      ),
    ),
    productGrid(CATALOG),
  );
}

export function searchView(term: string): HTMLElement {
  const results = searchCatalog(term);
  const count = `${results.length} ${results.length === 1 ? 'result' : 'results'}`;

  return h(
    'section',
    { class: 'page' },
    h('h1', {}, `${count} for “${term}”`),
    results.length > 0
      ? productGrid(results)
      : h('p', { class: 'empty' }, 'Nothing matches. Try “coffee” or “kettle”.'),
  );
}

export function productView(product: Product, { state, actions }: ViewContext): HTMLElement {
  const quantity = h(
    'select',
    { name: 'quantity', 'aria-label': 'Quantity' },
    ...Array.from({ length: MAX_QUANTITY }, (_, index) =>
      h('option', { value: index + 1 }, index + 1),
    ),
  );
  const add = () => actions.addToCart(product, Number(quantity.value));
  const inCart = quantityOf(state.cart, product.id);

  return h(
    'section',
    { class: 'page product-page' },
    h('a', { class: 'back', href: hrefFor({ page: 'home' }) }, '← All products'),
    h(
      'div',
      { class: 'product-detail' },
      h('div', { class: 'art large' }, productArt(product)),
      h(
        'div',
        { class: 'product-info' },
        h('p', { class: 'category' }, product.category),
        h('h1', {}, product.title),
        h('p', { class: 'price' }, formatPrice(product.priceCents)),
        h('p', {}, product.description),
        h(
          'div',
          { class: 'buy' },
          quantity,
          h('button', { class: 'primary', type: 'button', onclick: add }, 'Add to cart'),
        ),
        inCart > 0 &&
          h(
            'p',
            { class: 'in-cart' },
            `${inCart} in your cart · `,
            h('a', { href: hrefFor({ page: 'cart' }) }, 'View cart'),
          ),
      ),
    ),
  );
}

function productGrid(products: readonly Product[]): HTMLElement {
  const cards = products.map((product) => h('li', {}, productCard(product)));
  return h('ul', { class: 'grid' }, ...cards);
}

function productCard(product: Product): HTMLElement {
  return h(
    'a',
    { class: 'card', href: hrefFor({ page: 'product', productId: product.id }) },
    h('div', { class: 'art' }, productArt(product)),
    h('span', { class: 'category' }, product.category),
    h('span', { class: 'title' }, product.title),
    h('span', { class: 'price' }, formatPrice(product.priceCents)),
  );
}

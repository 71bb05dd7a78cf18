/**
 * The shop's pages as hash routes (`#/product/kenya-nyeri`). The hash keeps
 * every page on one URL for the static server, and leaves the query string
 * (`?project=…`) alone.
 */

export type Route =
  | { page: 'home' }
  | { page: 'search'; term: string }
  | { page: 'product'; productId: string }
  | { page: 'cart' }
  | { page: 'checkout' }
  | { page: 'order'; purchaseId: string }
  | { page: 'account' };

export function currentRoute(): Route {
  const [page = '', ...rest] = location.hash.replace(/^#\/?/, '').split('/');
  const argument = decodeURIComponent(rest.join('/'));

  switch (page) {
    case 'search':
      return { page, term: argument };
    case 'product':
      return { page, productId: argument };
    case 'order':
      return { page, purchaseId: argument };
    case 'cart':
    case 'checkout':
    case 'account':
      return { page };
    default:
      return { page: 'home' };
  }
}

export function hrefFor(route: Route): string {
  switch (route.page) {
    case 'home':
      return '#/';
    case 'search':
      return `#/search/${encodeURIComponent(route.term)}`;
    case 'product':
      return `#/product/${encodeURIComponent(route.productId)}`;
    case 'order':
      return `#/order/${encodeURIComponent(route.purchaseId)}`;
    default:
      return `#/${route.page}`;
  }
}

export function go(route: Route): void {
  location.hash = hrefFor(route);
}

export function onRouteChange(listener: (route: Route) => void): void {
  addEventListener('hashchange', () => listener(currentRoute()));
}

/** Puts the shop on the page: header, the current page, and re-rendering on change. */
import { createActions } from './actions';
import { byId } from './dom';
import { bindSearch, renderHeader } from './header';
import type { Journey } from './journey';
import { trackArrival, viewFor } from './pages';
import { currentRoute, onRouteChange } from './router';
import { ShopStore } from './store';

export function mountShop(journey: Journey): void {
  const store = new ShopStore();
  const actions = createActions(store, journey);
  const outlet = byId('view');

  const render = () => {
    const context = { state: store.state, actions };
    renderHeader(context);
    outlet.replaceChildren(viewFor(currentRoute(), context));
  };

  bindSearch({ actions });
  store.subscribe(render);
  onRouteChange((route) => {
    trackArrival(route, journey);
    render();
    scrollTo({ top: 0 });
  });

  trackArrival(currentRoute(), journey);
  render();
}

/**
 * What the shop does when the visitor acts: change its own state, tell the
 * journey what happened, and move to the next page.
 */
import { addToCart, EMPTY_CART, quantityOf, removeFromCart } from './cart';
import { searchCatalog } from './catalog';
import type { Journey, Order } from './journey';
import { go } from './router';
import type { ShopStore } from './store';
import type { ShopActions } from './views/context';

export function createActions(store: ShopStore, journey: Journey): ShopActions {
  return {
    search(term) {
      journey.searched(term, searchCatalog(term));
      go({ page: 'search', term });
    },

    addToCart(product, quantity) {
      const cart = addToCart(store.state.cart, product.id, quantity);
      store.update({ cart });
      journey.changedCart('add', product, quantity, cart);
    },

    removeFromCart(product) {
      const quantity = quantityOf(store.state.cart, product.id);
      const cart = removeFromCart(store.state.cart, product.id);
      store.update({ cart });
      journey.changedCart('remove', product, quantity, cart);
    },

    checkout() {
      journey.checkedOut(store.state.cart);
      go({ page: 'checkout' });
    },

    placeOrder(paymentType) {
      const order: Order = { purchaseId: newPurchaseId(), cart: store.state.cart, paymentType };
      journey.purchased(order);
      // Navigate first, so the re-render below already shows the confirmation.
      go({ page: 'order', purchaseId: order.purchaseId });
      store.update({ cart: EMPTY_CART, lastOrder: order });
    },

    signIn(account) {
      journey.signedIn(account);
      store.update({ account });
    },

    signOut() {
      journey.signedOut();
      // The next visitor on this device starts with nothing of the last one's.
      store.update({ account: null, cart: EMPTY_CART, lastOrder: null });
    },
  };
}

/** Short enough to read out on the phone: `ORD-` and eight hex digits. */
function newPurchaseId(): string {
  return `ORD-${crypto.randomUUID().slice(0, 8).toUpperCase()}`;
}

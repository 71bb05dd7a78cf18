/**
 * What the shop tracks at each step of the customer journey, all in one
 * place: read this file to learn what the demo sends. The visit itself needs
 * no call, since the SDK tracks `installation` and `session_start` on its own.
 *
 * Tracking never holds up the shop: a call resolves once the event is stored
 * in the worker's queue, and the shop does not wait even for that.
 */
import type { Exponea, Properties } from '../../../src/index';
import { cartItems, cartTotals, type Cart } from './cart';
import { CURRENCY, toEuros, type Product } from './catalog';

export type PaymentType = 'card' | 'paypal' | 'bank_transfer';

export interface Account {
  email: string;
  firstName: string;
}

export interface Order {
  purchaseId: string;
  cart: Cart;
  paymentType: PaymentType;
}

export class Journey {
  readonly #exponea: Exponea;

  constructor(exponea: Exponea) {
    this.#exponea = exponea;
  }

  searched(term: string, results: readonly Product[]): void {
    this.#track('search', { search_term: term, results_count: results.length });
  }

  viewedProduct(product: Product): void {
    this.#track('view_item', productProperties(product));
  }

  /** `cart` is the cart after the change. */
  changedCart(action: 'add' | 'remove', product: Product, quantity: number, cart: Cart): void {
    this.#track('cart_update', {
      action,
      ...productProperties(product),
      quantity,
      ...cartProperties(cart),
    });
  }

  checkedOut(cart: Cart): void {
    this.#track('checkout', cartProperties(cart));
  }

  purchased({ purchaseId, cart, paymentType }: Order): void {
    const items = cartItems(cart).map(({ product, quantity }) => ({
      product_id: product.id,
      title: product.title,
      price: toEuros(product.priceCents),
      quantity,
    }));

    this.#track('purchase', {
      purchase_id: purchaseId,
      purchase_status: 'success',
      payment_type: paymentType,
      ...cartProperties(cart),
      items,
    });
  }

  /** From here on, events belong to the registered customer as well as the cookie. */
  signedIn({ email, firstName }: Account): void {
    const customer = { ids: { registered: email }, properties: { email, first_name: firstName } };
    this.#report('identifyCustomer', this.#exponea.identifyCustomer(customer));
  }

  /** A new cookie and no ids: the next visitor on this device is a stranger. */
  signedOut(): void {
    this.#report('anonymize', this.#exponea.anonymize());
  }

  #track(name: string, properties: Properties): void {
    this.#report(name, this.#exponea.trackEvent({ name, properties }));
  }

  /** The shop carries on either way; a failure is worth a line in the console. */
  #report(what: string, call: Promise<void>): void {
    call.catch((error: Error & { code?: string }) => {
      console.warn(`demo shop: ${what} was not stored (${error.code ?? error.name})`);
    });
  }
}

function productProperties(product: Product): Properties {
  return {
    product_id: product.id,
    title: product.title,
    price: toEuros(product.priceCents),
    category: product.category,
    currency: CURRENCY,
  };
}

function cartProperties(cart: Cart): Properties {
  const { totalCents, totalQuantity } = cartTotals(cart);
  return {
    total_price: toEuros(totalCents),
    total_quantity: totalQuantity,
    product_ids: cartItems(cart).map(({ product }) => product.id),
    currency: CURRENCY,
  };
}

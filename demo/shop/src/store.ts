/**
 * The shop's own state: the cart, who is signed in, the last order. Cart and
 * account survive a reload (localStorage), as they would in a real shop;
 * the SDK keeps its own customer in the worker and is not read from here.
 */
import { EMPTY_CART, type Cart } from './cart';
import type { Account, Order } from './journey';

export interface ShopState {
  cart: Cart;
  account: Account | null;
  /** The order just placed, for the confirmation page. */
  lastOrder: Order | null;
}

const STORAGE_KEY = 'exponea-demo-shop';

export class ShopStore {
  #state: ShopState = { ...restore(), lastOrder: null };
  readonly #listeners = new Set<(state: ShopState) => void>();

  get state(): ShopState {
    return this.#state;
  }

  update(change: Partial<ShopState>): void {
    this.#state = { ...this.#state, ...change };
    save(this.#state);
    for (const listener of this.#listeners) listener(this.#state);
  }

  subscribe(listener: (state: ShopState) => void): void {
    this.#listeners.add(listener);
  }
}

function restore(): Pick<ShopState, 'cart' | 'account'> {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<ShopState>;
    return { cart: saved?.cart ?? EMPTY_CART, account: saved?.account ?? null };
  } catch {
    // Unreadable (hand-edited, or from an older demo): start with an empty cart.
    return { cart: EMPTY_CART, account: null };
  }
}

function save({ cart, account }: ShopState): void {
  localStorage.setItem(STORAGE_KEY, JSON.stringify({ cart, account }));
}

/** What every view gets: the state to show and the shop's actions to call. */
import type { Product } from '../catalog';
import type { Account, PaymentType } from '../journey';
import type { ShopState } from '../store';

export interface ShopActions {
  search(term: string): void;
  addToCart(product: Product, quantity: number): void;
  removeFromCart(product: Product): void;
  checkout(): void;
  placeOrder(paymentType: PaymentType): void;
  signIn(account: Account): void;
  signOut(): void;
}

export interface ViewContext {
  state: ShopState;
  actions: ShopActions;
}

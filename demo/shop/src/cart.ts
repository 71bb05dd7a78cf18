/**
 * The cart as plain data: what the shop shows and what the cart events
 * report. Every change returns a new cart, so a view never sees one half
 * updated.
 */
import { findProduct, type Product } from './catalog';

export interface CartLine {
  productId: string;
  quantity: number;
}

export type Cart = readonly CartLine[];

export interface CartTotals {
  totalCents: number;
  /** Items in the cart, counting each unit: two mugs are 2. */
  totalQuantity: number;
}

export const EMPTY_CART: Cart = [];

/** Adds `quantity` units, merging with a line for the same product. */
export function addToCart(cart: Cart, productId: string, quantity: number): Cart {
  const existing = cart.find((line) => line.productId === productId);
  if (!existing) return [...cart, { productId, quantity }];

  return cart.map((line) =>
    line === existing ? { productId, quantity: line.quantity + quantity } : line,
  );
}

export function removeFromCart(cart: Cart, productId: string): Cart {
  return cart.filter((line) => line.productId !== productId);
}

export function quantityOf(cart: Cart, productId: string): number {
  return cart.find((line) => line.productId === productId)?.quantity ?? 0;
}

/** The cart's lines with their products; a product no longer sold is left out. */
export function cartItems(cart: Cart): { product: Product; quantity: number }[] {
  return cart.flatMap((line) => {
    const product = findProduct(line.productId);
    return product ? [{ product, quantity: line.quantity }] : [];
  });
}

export function cartTotals(cart: Cart): CartTotals {
  let totalCents = 0;
  let totalQuantity = 0;
  for (const { product, quantity } of cartItems(cart)) {
    totalCents += product.priceCents * quantity;
    totalQuantity += quantity;
  }
  return { totalCents, totalQuantity };
}

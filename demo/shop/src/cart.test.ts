import { describe, expect, it } from 'vitest';

import { addToCart, cartItems, cartTotals, EMPTY_CART, removeFromCart } from './cart';

describe('the demo cart', () => {
  it('merges a second add of the same product into one line', () => {
    const cart = addToCart(addToCart(EMPTY_CART, 'stoneware-mug', 1), 'stoneware-mug', 2);

    expect(cart).toEqual([{ productId: 'stoneware-mug', quantity: 3 }]);
  });

  it('totals whole cents, so 3 × 16.50 is exactly 49.50', () => {
    const cart = addToCart(EMPTY_CART, 'kenya-nyeri', 3);

    expect(cartTotals(cart)).toEqual({ totalCents: 4950, totalQuantity: 3 });
  });

  it('leaves out a product that is no longer in the catalog', () => {
    const cart = addToCart(addToCart(EMPTY_CART, 'gone', 1), 'paper-filters', 2);

    expect(cartItems(cart).map((item) => item.product.id)).toEqual(['paper-filters']);
    expect(cartTotals(cart).totalQuantity).toBe(2);
  });

  it('removes a whole line and leaves the original cart unchanged', () => {
    const cart = addToCart(EMPTY_CART, 'hand-grinder', 1);
    const emptied = removeFromCart(cart, 'hand-grinder');

    expect(emptied).toEqual([]);
    expect(cart).toHaveLength(1);
  });
});

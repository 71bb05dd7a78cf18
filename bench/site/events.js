// The event every benchmark tracks: a typical product view, about 150 bytes
// of properties. The SDK and every baseline queue the same one.

export const EVENT_TYPE = 'bench';

export function benchEvent(seq) {
  return {
    name: EVENT_TYPE,
    properties: {
      seq,
      path: '/products/4711-blue-running-shoe',
      product_id: 'SKU-4711',
      price: 89.9,
      currency: 'EUR',
      in_stock: true,
      tags: ['running', 'sale'],
    },
  };
}

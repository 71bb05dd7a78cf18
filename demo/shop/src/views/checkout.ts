/** Paying for the cart, and the confirmation that follows. */
import { h } from '../dom';
import type { PaymentType } from '../journey';
import { hrefFor } from '../router';
import { orderSummary } from './cart';
import type { ViewContext } from './context';

const PAYMENT_TYPES: { value: PaymentType; label: string }[] = [
  { value: 'card', label: 'Card' },
  { value: 'paypal', label: 'PayPal' },
  { value: 'bank_transfer', label: 'Bank transfer' },
];

export function checkoutView({ state, actions }: ViewContext): HTMLElement {
  if (state.cart.length === 0) {
    return h(
      'section',
      { class: 'page' },
      h('h1', {}, 'Checkout'),
      h(
        'p',
        { class: 'empty' },
        'Nothing to pay for. ',
        h('a', { href: hrefFor({ page: 'home' }) }, 'Back to the shop'),
      ),
    );
  }

  const choices = PAYMENT_TYPES.map(({ value, label }, index) =>
    h(
      'label',
      { class: 'choice' },
      h('input', { type: 'radio', name: 'payment', value, checked: index === 0 }),
      label,
    ),
  );
  const pay = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    actions.placeOrder(form.get('payment') as PaymentType);
  };

  return h(
    'section',
    { class: 'page' },
    h('h1', {}, 'Checkout'),
    orderSummary(state.cart),
    h(
      'form',
      { class: 'checkout', onsubmit: pay },
      h('fieldset', {}, h('legend', {}, 'Payment method'), ...choices),
      h('button', { class: 'primary', type: 'submit' }, 'Place order'),
    ),
  );
}

export function orderView(purchaseId: string, { state }: ViewContext): HTMLElement {
  const order = state.lastOrder?.purchaseId === purchaseId ? state.lastOrder : null;

  return h(
    'section',
    { class: 'page confirmation' },
    h('h1', {}, 'Thank you!'),
    h(
      'p',
      {},
      'Order ',
      h('code', { 'data-testid': 'purchase-id' }, purchaseId),
      ' is on its way.',
    ),
    order && orderSummary(order.cart),
    h('a', { href: hrefFor({ page: 'home' }) }, 'Back to the shop'),
  );
}

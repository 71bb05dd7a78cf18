/** Signing in (which identifies the customer) and logging out (which anonymizes). */
import { h } from '../dom';
import type { ViewContext } from './context';

export function accountView({ state, actions }: ViewContext): HTMLElement {
  const { account } = state;
  if (account) {
    return h(
      'section',
      { class: 'page account' },
      h('h1', {}, `Hello, ${account.firstName}`),
      h('p', {}, 'Signed in as ', h('strong', {}, account.email), '.'),
      h('button', { type: 'button', onclick: () => actions.signOut() }, 'Log out'),
    );
  }

  const signIn = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const email = String(form.get('email')).trim();
    const firstName = String(form.get('firstName')).trim();
    actions.signIn({ email, firstName });
  };

  return h(
    'section',
    { class: 'page account' },
    h('h1', {}, 'Sign in'),
    h('p', {}, 'Any address works: nothing leaves this machine but the local API.'),
    h(
      'form',
      { class: 'sign-in', onsubmit: signIn },
      h(
        'label',
        {},
        'Email',
        h('input', { type: 'email', name: 'email', required: true, autocomplete: 'email' }),
      ),
      h(
        'label',
        {},
        'First name',
        h('input', {
          type: 'text',
          name: 'firstName',
          required: true,
          autocomplete: 'given-name',
        }),
      ),
      h('button', { class: 'primary', type: 'submit' }, 'Sign in'),
    ),
  );
}

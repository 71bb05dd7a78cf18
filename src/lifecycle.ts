/**
 * Reports this page's visibility and lifecycle to the engine, which sees
 * every page of the site and decides sessions and appClose flushes from that.
 */
import type { PageSignal } from './protocol/messages';

export function reportLifecycle(signal: (signal: PageSignal, now?: boolean) => void): void {
  const visibility = () => signal(document.visibilityState === 'visible' ? 'visible' : 'hidden');

  document.addEventListener('visibilitychange', visibility);
  addEventListener('pageshow', (event) => event.persisted && visibility());
  // Posted at once: after `pagehide` the page may not run another task.
  addEventListener('pagehide', () => signal('closed', true));
  addEventListener('online', () => signal('online'));
  visibility();
}

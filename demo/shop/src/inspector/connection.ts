/**
 * Online or offline as the page sees it (`navigator.onLine` and its events).
 * The whole page changes colour with it, through `data-online` on <html>.
 */
import { byId } from '../dom';

export function watchConnection(): void {
  const show = () => {
    const online = navigator.onLine;
    document.documentElement.dataset['online'] = String(online);
    byId('connection').textContent = online ? 'Online' : 'Offline';
  };

  addEventListener('online', show);
  addEventListener('offline', show);
  show();
}

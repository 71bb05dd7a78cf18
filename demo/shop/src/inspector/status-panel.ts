/**
 * The SDK's side of the inspector, filled from `exponea.getStatus()` alone:
 * the queue, the flush mode and last flush, the customer's cookie.
 */
import type { Exponea, Status } from '../../../../src/index';
import { byId } from '../dom';
import { FlushControls } from './flush-controls';
import { describeFlush, timeAgo, timeUntil } from './format';
import { QueueMeter } from './queue-meter';

export class StatusPanel {
  readonly #exponea: Exponea;
  readonly #meter = new QueueMeter(byId('queue-dots'), byId('queue-history'));
  readonly #controls: FlushControls;

  constructor(exponea: Exponea) {
    this.#exponea = exponea;
    this.#controls = new FlushControls(exponea, () => void this.refresh());
  }

  async refresh(): Promise<void> {
    let status: Status;
    try {
      status = await this.#exponea.getStatus();
    } catch (error) {
      const { code, name } = error as { code?: string; name?: string };
      byId('engine').textContent = `unavailable (${code ?? name})`;
      return;
    }
    this.#show(status);
  }

  #show(status: Status): void {
    this.#showQueue(status.queued);
    this.#controls.show(status.flushMode, status.flushPeriodMs);

    byId('cookie').textContent = status.cookie ?? 'none yet';
    // The worker's own navigator.onLine, which may lag behind the page's.
    const workerSees = status.online ? 'online' : 'offline';
    byId('engine').textContent = `${status.runtime} · ${status.storage} · ${workerSees}`;
    byId('last-flush').textContent = status.lastFlush
      ? `${describeFlush(status.lastFlush)} · ${timeAgo(status.lastFlush.atMs)}`
      : 'none yet';
    byId('retry-at').textContent = status.retryAtMs === null ? '–' : timeUntil(status.retryAtMs);
  }

  #showQueue(queued: number): void {
    byId('queued').textContent = String(queued);
    byId('queued-label').textContent = `${queued === 1 ? 'item' : 'items'} waiting in the worker`;
    // Coloured by the page's view: the worker's navigator.onLine can lag behind it.
    this.#meter.show(queued, navigator.onLine);
  }
}

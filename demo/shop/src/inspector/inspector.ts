/**
 * The panel beside the shop: what the SDK is doing, read only through
 * `exponea.getStatus()` (never the worker's database), and what the local
 * Tracking API has received.
 */
import type { Exponea } from '../../../../src/index';
import { byId } from '../dom';
import { poll } from '../poll';
import type { DemoSettings } from '../settings';
import { ApiFeed } from './api-feed';
import { watchConnection } from './connection';
import { StatusPanel } from './status-panel';

/** Often enough that the queue visibly fills and drains; a status is a cheap message. */
const STATUS_POLL_INTERVAL_MS = 500;

/** The feed is an HTTP request to the API; once a second is plenty to watch it arrive. */
const FEED_POLL_INTERVAL_MS = 1_000;

export function mountInspector(exponea: Exponea, settings: DemoSettings): void {
  byId('project-token').textContent = settings.projectToken;
  watchConnection();

  const status = new StatusPanel(exponea);
  const feed = new ApiFeed(settings);
  poll(() => status.refresh(), STATUS_POLL_INTERVAL_MS);
  poll(() => feed.refresh(), FEED_POLL_INTERVAL_MS);
}

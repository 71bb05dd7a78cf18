/**
 * For sites that already have a service worker (for example Workbox's
 * `injectManifest`): import this and call `installExponea()` at top level.
 */
export { installExponea, SYNC_QUEUE_NAME, type InstallOptions } from './service-worker';

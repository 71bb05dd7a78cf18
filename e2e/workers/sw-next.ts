/**
 * The next release of the tracking worker, as far as storage goes: the same
 * worker with one more schema upgrade, appended the way a real release would
 * append it. Built by the e2e global setup to `dist-e2e/sw-next.js`.
 */
import { installExponea } from '../../sw/service-worker';
import { UPGRADES } from '../../sw/storage/database';

UPGRADES.push((db) => {
  // A store the next release might use; nothing in the queue moves.
  (db as unknown as IDBDatabase).createObjectStore('next-release');
});

installExponea({ takeControl: true });

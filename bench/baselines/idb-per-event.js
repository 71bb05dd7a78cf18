// Baseline for durable throughput: every event in its own IndexedDB
// transaction, the straightforward way to make each one durable on its own.
import { toCommand } from './command.js';

export function openPerEventQueue(name) {
  return new Promise((resolve, reject) => {
    const opening = indexedDB.open(name, 1);
    opening.onupgradeneeded = () => {
      opening.result.createObjectStore('queue', { autoIncrement: true });
    };
    opening.onsuccess = () => resolve(opening.result);
    opening.onerror = () => reject(opening.error);
  });
}

/** Resolves once the event's own transaction has committed. */
export function storeInOwnTransaction(db, event) {
  return new Promise((resolve, reject) => {
    const transaction = db.transaction('queue', 'readwrite');
    transaction.objectStore('queue').add(toCommand(event));
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error);
  });
}

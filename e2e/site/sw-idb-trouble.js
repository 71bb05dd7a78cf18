// The tracking worker with IndexedDB trouble switched on from the test page:
// `{ idbTrouble: 'quota' }` makes every write fail as if storage were full,
// `{ idbTrouble: 'lost', times: n }` makes the next n transactions fail as if
// the connection were lost, and `{ idbTrouble: null }` ends it.
let trouble = null;
let timesLeft = 0;

self.addEventListener('message', (event) => {
  if (!event.data || !('idbTrouble' in event.data)) return;
  trouble = event.data.idbTrouble;
  timesLeft = event.data.times ?? Infinity;
  event.source?.postMessage({ idbTroubleSet: trouble });
});

const transaction = IDBDatabase.prototype.transaction;
IDBDatabase.prototype.transaction = function patchedTransaction(stores, mode, ...rest) {
  if (trouble === 'lost' && timesLeft > 0) {
    timesLeft--;
    throw new DOMException('Connection to Indexed Database server lost.', 'InvalidStateError');
  }
  return transaction.call(this, stores, mode, ...rest);
};

const add = IDBObjectStore.prototype.add;
IDBObjectStore.prototype.add = function patchedAdd(...args) {
  if (trouble === 'quota')
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  return add.apply(this, args);
};

importScripts('/sw.js');

// The tracking worker where IndexedDB cannot be opened at all (some private
// modes, a broken profile).
IDBFactory.prototype.open = function open() {
  throw new DOMException('The user denied permission to access the database.', 'UnknownError');
};
importScripts('/sw.js');

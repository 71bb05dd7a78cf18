// The tracking worker as Firefox and Safari run it: no Background Sync at all.
delete ServiceWorkerRegistration.prototype.sync;
importScripts('/sw.js');

// The tracking worker where Background Sync exists but `register()` throws,
// as in some WebViews and where the user disabled it.
SyncManager.prototype.register = function register() {
  return Promise.reject(new DOMException('Background Sync is disabled', 'NotAllowedError'));
};
importScripts('/sw.js');

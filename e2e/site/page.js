// The test page's script: exposes the SDK to Playwright. A module file, not
// inline code, so the page also runs under a strict Content-Security-Policy.
import { Exponea, ExponeaError, FlushMode } from '/exponea.js';

window.exponea = new Exponea();
window.FlushMode = FlushMode;
window.ExponeaError = ExponeaError;
window.sdkLoaded = true;

/** The prebuilt, self-contained worker that a site serves at its root as `/sw.js`. */
import { installExponea } from './service-worker';

installExponea({ takeControl: true });

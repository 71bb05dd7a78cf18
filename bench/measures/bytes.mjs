// 1. Bytes: the built files, min + gzip at level 9, from the snapshot of dist/
// that the rest of the run serves.
import { measureBundles } from '../lib/bundle-sizes.mjs';

/** Published page-side budgets of peer trackers, min + gzip, in bytes of 1,000 per KB. */
export const PEER_BYTES = [
  { name: 'Segment analytics-next (budget)', bytes: 29_800 },
  { name: 'Amplitude browser SDK (budget)', bytes: 65_000 },
  { name: 'Snowplow browser tracker', bytes: 20_000, upToBytes: 30_000 },
];

export function measureBytes(distDir) {
  return measureBundles(distDir);
}

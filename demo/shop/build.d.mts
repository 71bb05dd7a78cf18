/** Types for `build.mjs`, so the e2e spec can build the shop with types. */

/** Where the shop is built: `dist-demo/` at the repository's root. */
export const SHOP_OUT_DIR: string;

/** Builds the shop with `vite.config.ts`; needs `dist/sw.js` (`npm run build`). */
export function buildShop(): Promise<void>;

/** True when `dist-demo/` is missing or older than something it is built from. */
export function shopBuildIsStale(): boolean;

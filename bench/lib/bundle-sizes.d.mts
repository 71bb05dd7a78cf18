/** Types for `bundle-sizes.mjs`, for e2e/bundle-size.spec.ts. */

export interface SizedFiles {
  files: { file: string; gzipBytes: number }[];
  /** The sum over `files`, gzip level 9. */
  gzipBytes: number;
}

export interface BundleSizes {
  /** `exponea.js` and every chunk it imports statically. */
  entry: SizedFiles;
  /** Each dynamically imported chunk, with the files it adds beyond the entry. */
  lazy: (SizedFiles & { chunk: string })[];
  worker: SizedFiles;
}

export const BUDGET_BYTES: { pageClient: number; worker: number };

export function gzipBytes(path: string): number;
export function staticClosure(dir: string, file: string): string[];
export function dynamicImports(dir: string, files: string[]): string[];
export function measureBundles(dir?: string): BundleSizes;
export function budgetOverruns(sizes: BundleSizes): string[];

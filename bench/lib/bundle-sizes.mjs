// Sizes of the built files, min + gzip, and the page client's chunk graph:
// what every page downloads (the entry and its static imports) versus what
// loads only when needed (the dynamic imports). Shared by `npm run bench`
// and e2e/bundle-size.spec.ts, so the budget has one definition.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants, gzipSync } from 'node:zlib';

/**
 * Budgets in bytes of gzip at level 9. 1 KB is read as 1,024 bytes, as file
 * sizes are usually shown; the report prints exact bytes beside them.
 */
export const BUDGET_BYTES = {
  /** `dist/exponea.js` and every chunk it imports statically: 2.5 KB. */
  pageClient: 2.5 * 1024,
  /** `dist/sw.js`, the self-contained worker: 12 KB. */
  worker: 12 * 1024,
};

// Minified ES output: `import{a as b}from"./x.js"`, `import"./x.js"`, `export*from"./x.js"`.
const BINDINGS = String.raw`(?:\{[^}]*\}|\*(?:\s*as\s+[\w$]+)?|[\w$]+(?:\s*,\s*\{[^}]*\})?)?`;
const SPECIFIER = String.raw`(["'\`])(\.\/[^"'\`]+)\1`;
const STATIC_IMPORT = new RegExp(
  String.raw`\b(?:import|export)\s*${BINDINGS}\s*(?:from\s*)?${SPECIFIER}`,
  'g',
);
const DYNAMIC_IMPORT = /\bimport\(\s*(["'`])(\.\/[^"'`]+)\1\s*\)/g;

export function gzipBytes(path) {
  return gzipSync(readFileSync(path), { level: constants.Z_BEST_COMPRESSION }).length;
}

const relativeImports = (code, pattern) =>
  [...code.matchAll(pattern)].map((match) => match[2].slice('./'.length));

/** `file` and everything it imports statically, transitively, in load order. */
export function staticClosure(dir, file, seen = new Set()) {
  if (seen.has(file)) return [];
  seen.add(file);

  const code = readFileSync(join(dir, file), 'utf8');
  const imported = relativeImports(code, STATIC_IMPORT);
  return [file, ...imported.flatMap((child) => staticClosure(dir, child, seen))];
}

/** Chunks loaded with `import()` from any file of `files`. */
export function dynamicImports(dir, files) {
  const found = files.flatMap((file) =>
    relativeImports(readFileSync(join(dir, file), 'utf8'), DYNAMIC_IMPORT),
  );
  return [...new Set(found)];
}

const sized = (dir, files) => {
  const parts = files.map((file) => ({ file, gzipBytes: gzipBytes(join(dir, file)) }));
  return { files: parts, gzipBytes: parts.reduce((sum, part) => sum + part.gzipBytes, 0) };
};

/**
 * Measures a built dist/: the page client's entry with its static imports,
 * each lazy chunk with what it adds beyond the entry, and the worker.
 */
export function measureBundles(dir = 'dist') {
  const entryFiles = staticClosure(dir, 'exponea.js');
  const loaded = new Set(entryFiles);

  const lazy = dynamicImports(dir, entryFiles).map((chunk) => {
    const added = staticClosure(dir, chunk).filter((file) => !loaded.has(file));
    return { chunk, ...sized(dir, added) };
  });

  return { entry: sized(dir, entryFiles), lazy, worker: sized(dir, ['sw.js']) };
}

/** Budget overruns as sentences; empty when every budget holds. */
export function budgetOverruns(sizes) {
  const checks = [
    ['page client (entry + static imports)', sizes.entry.gzipBytes, BUDGET_BYTES.pageClient],
    ['worker (sw.js)', sizes.worker.gzipBytes, BUDGET_BYTES.worker],
  ];
  return checks
    .filter(([, bytes, budget]) => bytes > budget)
    .map(([name, bytes, budget]) => `${name}: ${bytes} B gzip, ${bytes - budget} B over ${budget}`);
}

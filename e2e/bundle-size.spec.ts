/**
 * Size budgets of the built files, min + gzip at level 9, as a test: sizes
 * are deterministic, unlike the timings of `npm run bench`, so this is the
 * one benchmark figure allowed to fail a build. No browser page is needed.
 */
import { test, expect } from '@playwright/test';

import { BUDGET_BYTES, measureBundles } from '../bench/lib/bundle-sizes.mjs';

test('every page downloads at most 2.5 KB gzip of the page client', () => {
  const { entry, lazy } = measureBundles('dist');
  const parts = entry.files.map((part) => `${part.file} ${part.gzipBytes} B`);
  const chunks = lazy.map((chunk) => `${chunk.chunk} ${chunk.gzipBytes} B`);
  console.log(`entry + static imports: ${parts.join(', ')} = ${entry.gzipBytes} B`);
  console.log(`lazy chunks (not counted): ${chunks.join(', ')}`);

  expect(entry.gzipBytes).toBeLessThanOrEqual(BUDGET_BYTES.pageClient);
});

test('the worker script is at most 12 KB gzip', () => {
  const { worker } = measureBundles('dist');
  console.log(`sw.js ${worker.gzipBytes} B`);

  expect(worker.gzipBytes).toBeLessThanOrEqual(BUDGET_BYTES.worker);
});

test('the page client loads its registration and fallback chunks lazily', () => {
  const sizes = measureBundles('dist');
  const lazy = sizes.lazy.map((chunk) => chunk.chunk);

  // Both must stay out of what every page downloads, or the budget above means little.
  expect(lazy.some((file) => file.startsWith('register-'))).toBe(true);
  expect(lazy.some((file) => file.startsWith('page-engine-'))).toBe(true);
  const entryFiles = sizes.entry.files.map((part) => part.file);
  expect(entryFiles.filter((file) => lazy.includes(file))).toEqual([]);
});

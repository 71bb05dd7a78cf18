// Number formatting shared by the printed table and docs/BENCHMARKS.md.

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export const count = (value) => grouped.format(value);

export function fixed(value, digits = 1) {
  if (!Number.isFinite(value)) return 'n/a';
  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** Bytes as KB of 1,024 bytes, as the budgets read them. */
export const kilobytes = (bytes) => `${fixed(bytes / 1_024, 2)} KB (${count(bytes)} B)`;

export const micros = (us) => `${fixed(us, 1)} µs`;

export const millis = (ms) => (ms >= 10_000 ? `${fixed(ms / 1_000, 1)} s` : `${count(ms)} ms`);

/** A ratio with its direction spelled out, for example "62× faster". */
export function times(ratio, better) {
  if (!Number.isFinite(ratio)) return 'n/a';
  const digits = ratio >= 10 ? 0 : 1;
  return `${fixed(ratio, digits)}× ${better}`;
}

/** A Markdown table: a header row and rows of cells, padded so it also reads as plain text. */
export function table(header, rows) {
  const all = [header, ...rows].map((row) => row.map(String));
  const widths = header.map((_, column) => Math.max(...all.map((row) => row[column].length)));
  const line = (row) => `| ${row.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  const rule = `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`;

  return [line(all[0]), rule, ...all.slice(1).map(line)].join('\n');
}

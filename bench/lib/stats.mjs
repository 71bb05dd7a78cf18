// Small statistics for benchmark samples. Percentiles use the nearest rank,
// so every reported figure is a value that was actually measured.

/** The value below which `fraction` of the samples lie (nearest rank). */
export function percentile(samples, fraction) {
  if (samples.length === 0) return Number.NaN;

  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil(fraction * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export const median = (samples) => percentile(samples, 0.5);

/** Spread of repeated runs as (max − min) / median, to say how stable a figure is. */
export function spread(samples) {
  if (samples.length < 2) return 0;
  return (Math.max(...samples) - Math.min(...samples)) / median(samples);
}

/** The median of one field over several runs' results. */
export function medianOf(runs, read) {
  return median(runs.map(read));
}

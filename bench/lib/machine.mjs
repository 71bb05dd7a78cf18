// The machine a run measured on, for the report. The load average matters
// here: other engineers run tests on the same two cores.
import { cpus, loadavg, release, totalmem } from 'node:os';

export function describeMachine(browserVersion) {
  return {
    cpuModel: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: totalmem() / 2 ** 30,
    os: `${process.platform} ${release()}`,
    chromium: browserVersion,
    node: process.version,
    date: new Date().toISOString(),
  };
}

/** The 1-minute load average, rounded: how busy the cores were meanwhile. */
export const loadAverage = () => Math.round(loadavg()[0] * 10) / 10;

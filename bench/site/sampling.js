// Times single calls on the main thread, one call per task, as a site calls
// a tracker from its own handlers.

const channel = new MessageChannel();

/** A new task, without the clamping Chromium applies to nested `setTimeout(0)`. */
function nextTask() {
  return new Promise((resolve) => {
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

/**
 * Calls `call(i)` `warmup + samples` times and returns, per measured call,
 * the synchronous cost (`syncUs`) and the cost up to the end of the
 * microtasks it queued (`withMicrotasksUs`), where the SDK posts its message.
 */
export async function sampleCallCosts(call, { samples, warmup }) {
  const syncUs = [];
  const withMicrotasksUs = [];

  for (let i = 0; i < warmup + samples; i++) {
    const startMs = performance.now();
    call(i);
    const returnedMs = performance.now();
    // Runs after the microtasks the call queued, so the end-of-task post is in.
    await undefined;
    const settledMs = performance.now();

    if (i >= warmup) {
      syncUs.push((returnedMs - startMs) * 1_000);
      withMicrotasksUs.push((settledMs - startMs) * 1_000);
    }
    await nextTask();
  }
  return { syncUs, withMicrotasksUs };
}

/** The smallest step `performance.now()` shows here, in microseconds. */
export function timerResolutionUs() {
  let smallestMs = Infinity;
  for (let i = 0; i < 1_000; i++) {
    const startMs = performance.now();
    let nowMs = startMs;
    while (nowMs === startMs) nowMs = performance.now();
    smallestMs = Math.min(smallestMs, nowMs - startMs);
  }
  return smallestMs * 1_000;
}

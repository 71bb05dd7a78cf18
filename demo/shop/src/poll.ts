/**
 * Runs a task now and again `intervalMs` after each run ends. Unlike
 * `setInterval`, a slow answer never piles up overlapping requests.
 */
export function poll(task: () => Promise<void>, intervalMs: number): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const run = async () => {
    try {
      await task();
    } catch (error) {
      // A task shows its own failures; this only keeps the loop alive.
      console.warn('demo shop: a poll failed', error);
    } finally {
      if (!stopped) timer = setTimeout(run, intervalMs);
    }
  };
  void run();

  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

// A DevTools session on a service worker. Playwright opens CDP sessions on
// pages and frames only, so this attaches from the browser's own session to
// the worker's target and relays commands through `Target.sendMessageToTarget`
// (the non-flattened mode, which needs no session routing from Playwright).

export class WorkerCdp {
  #browserSession;
  #sessionId;
  #nextId = 1;
  #waiting = new Map();

  static async attach(browser, scriptUrl) {
    const session = await browser.newBrowserCDPSession();
    const target = await findWorkerTarget(session, scriptUrl);
    const { sessionId } = await session.send('Target.attachToTarget', {
      targetId: target.targetId,
      flatten: false,
    });
    return new WorkerCdp(session, sessionId);
  }

  constructor(browserSession, sessionId) {
    this.#browserSession = browserSession;
    this.#sessionId = sessionId;
    browserSession.on('Target.receivedMessageFromTarget', (event) => this.#receive(event));
  }

  send(method, params = {}) {
    const id = this.#nextId++;
    const answered = new Promise((resolve, reject) => this.#waiting.set(id, { resolve, reject }));
    const message = JSON.stringify({ id, method, params });
    void this.#browserSession.send('Target.sendMessageToTarget', {
      sessionId: this.#sessionId,
      message,
    });
    return answered;
  }

  /** The worker's JS heap in use, in bytes. */
  async heapUsedBytes() {
    const { usedSize } = await this.send('Runtime.getHeapUsage');
    return usedSize;
  }

  collectGarbage() {
    return this.send('HeapProfiler.collectGarbage');
  }

  async detach() {
    await this.#browserSession.detach().catch(() => undefined);
  }

  #receive({ sessionId, message }) {
    if (sessionId !== this.#sessionId) return;
    const { id, result, error } = JSON.parse(message);
    const waiting = this.#waiting.get(id);
    if (!waiting) return;

    this.#waiting.delete(id);
    if (error) waiting.reject(new Error(`${error.message} (CDP ${error.code})`));
    else waiting.resolve(result);
  }
}

async function findWorkerTarget(session, scriptUrl) {
  const { targetInfos } = await session.send('Target.getTargets');
  const target = targetInfos.find(
    (info) => info.type === 'service_worker' && info.url === scriptUrl,
  );
  if (!target) throw new Error(`no service worker target for ${scriptUrl}`);
  return target;
}

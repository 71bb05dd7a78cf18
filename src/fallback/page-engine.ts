/**
 * Where no service worker can run, the worker's own engine runs in the page:
 * the same queue (the same IndexedDB database, so the customer keeps one
 * identity and a worker that appears later takes over the queue), the same
 * flush policy and the same API client. Loaded with a dynamic `import()`, so
 * pages that have a worker never download it.
 */
import { Engine } from '../../sw/engine';
import { ExitFlush } from '../../sw/exit-flush';
import { platform, type Host } from '../../sw/host';
import type { Connection } from '../connection';
import type { RepliesMessage } from '../protocol/messages';
import { randomUuid } from '../random-id';
import { VisiblePages } from './visible-pages';

export function startPageEngine(connection: Connection): void {
  const visiblePages = new VisiblePages(connection.pageId);
  const exitFlush = new ExitFlush();
  const engine = new Engine(pageHost(connection, visiblePages, exitFlush));

  connection.attach({
    post: (message) => {
      const { reply } = engine.receive(message, { clientId: connection.pageId });
      void reply.then((answer) => connection.receive(answer));
    },
  });

  const visibility = () => visiblePages.update(document.visibilityState === 'visible');
  document.addEventListener('visibilitychange', visibility);
  addEventListener('pagehide', () => {
    visiblePages.update(false);
    exitFlush.send(visiblePages.othersLastCounted);
  });
  visibility();
}

function pageHost(connection: Connection, visiblePages: VisiblePages, exitFlush: ExitFlush): Host {
  return {
    ...platform(),
    runtime: 'page',
    randomUUID: randomUuid,
    countVisiblePages: (exceptPage) => visiblePages.count(exceptPage),
    hasOpenPages: async () => true,
    // A page cannot be woken with no page open: the next visit, `online` and
    // the next track are the triggers instead.
    requestSync: async () => undefined,
    announce: (message: RepliesMessage) => connection.receive(message),
    exitFlush,
  };
}

/**
 * What the local Tracking API has received for the demo's project, read
 * from its control route (`GET /__control/projects/{token}`), newest first.
 * This is the API's side of the story; the SDK's side is the queue above.
 */
import { byId, h } from '../dom';
import type { DemoSettings } from '../settings';
import { summarize, type ReceivedCommand } from './feed-summary';
import { clockTime } from './format';

/** The newest commands shown; the count above the list still counts all of them. */
const MAX_LINES = 40;

interface Received {
  commands: ReceivedCommand[];
  requests: unknown[];
}

export class ApiFeed {
  readonly #url: string;
  /** Commands already in the list; the API's list only ever grows. */
  #shownCount = 0;

  constructor({ apiUrl, projectToken }: DemoSettings) {
    this.#url = `${apiUrl}/__control/projects/${encodeURIComponent(projectToken)}`;
  }

  async refresh(): Promise<void> {
    let received: Received;
    try {
      const response = await fetch(this.#url, { cache: 'no-store' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      received = (await response.json()) as Received;
    } catch {
      this.#showState(
        'The API cannot be reached from this page right now; ' +
          'the list shows what arrived before.',
      );
      return;
    }

    this.#showState('');
    this.#show(received);
  }

  /** Adds only what is new, on top, so only new lines light up as they arrive. */
  #show({ commands, requests }: Received): void {
    const requestWord = requests.length === 1 ? 'request' : 'requests';
    byId('received-count').textContent = `${commands.length} in ${requests.length} ${requestWord}`;

    const feed = byId('feed');
    if (commands.length < this.#shownCount) {
      // The API was restarted and forgot: start the list over.
      feed.replaceChildren();
      this.#shownCount = 0;
    }
    const arrived = commands.slice(this.#shownCount).slice(-MAX_LINES);
    feed.prepend(...arrived.reverse().map(feedItem));
    this.#shownCount = commands.length;
    while (feed.childElementCount > MAX_LINES) feed.lastElementChild!.remove();
  }

  #showState(text: string): void {
    const state = byId('feed-state');
    state.textContent = text;
    state.hidden = text === '';
  }
}

function feedItem(command: ReceivedCommand): HTMLElement {
  const { kind, detail, cookiePrefix } = summarize(command);
  return h(
    'li',
    { 'data-kind': kind },
    h('time', {}, clockTime(command.receivedAtMs)),
    h('span', { class: 'kind' }, kind),
    h('span', { class: 'detail', title: detail }, detail),
    h('code', { class: 'who', title: 'cookie' }, cookiePrefix),
  );
}

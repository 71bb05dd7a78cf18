// Every HTTP request that reaches the local Tracking API's socket, CORS
// preflights included: the API itself records only tracking calls. Read from
// Node's `http.server.request.start` diagnostics channel, so nothing sits
// between the browser and the API to slow it down.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';

const CHANNEL = 'http.server.request.start';

export class WireLog {
  #port;
  #requests = [];
  #listener = ({ request, server }) => this.#record(request, server);

  constructor(port) {
    this.#port = port;
    subscribe(CHANNEL, this.#listener);
  }

  /** Requests for `token`'s tracking routes since `sinceMs`, counted by method. */
  countSince(token, sinceMs) {
    const path = `/track/v2/projects/${encodeURIComponent(token)}/`;
    const counts = {};
    for (const request of this.#requests) {
      if (request.atMs < sinceMs || !request.url.startsWith(path)) continue;
      counts[request.method] = (counts[request.method] ?? 0) + 1;
    }
    return counts;
  }

  forget(token) {
    const path = `/track/v2/projects/${encodeURIComponent(token)}/`;
    this.#requests = this.#requests.filter((request) => !request.url.startsWith(path));
  }

  close() {
    unsubscribe(CHANNEL, this.#listener);
  }

  #record(request, server) {
    if (server.address()?.port !== this.#port) return;
    this.#requests.push({ method: request.method, url: request.url, atMs: Date.now() });
  }
}

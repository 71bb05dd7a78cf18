// The benchmark's view of the local Tracking API: one fresh project per
// measurement, read back through the control routes and forgotten after,
// so a long run does not keep hundreds of thousands of commands in memory.
import { randomUUID } from 'node:crypto';

export const AUTHORIZATION = 'Token bench-public-key';

export class BenchProject {
  constructor(apiUrl, label) {
    this.apiUrl = apiUrl;
    this.token = `bench-${label}-${randomUUID().slice(0, 8)}`;
  }

  get #controlUrl() {
    return `${this.apiUrl}/__control/projects/${encodeURIComponent(this.token)}`;
  }

  /** The SDK configuration for this project; `overrides` win. */
  config(overrides = {}) {
    return {
      projectToken: this.token,
      authorization: AUTHORIZATION,
      baseUrl: this.apiUrl,
      ...overrides,
    };
  }

  /** Where a single `customers/events` call goes, for the Workbox baseline. */
  get singleEventUrl() {
    return `${this.apiUrl}/track/v2/projects/${encodeURIComponent(this.token)}/customers/events`;
  }

  async activity() {
    const response = await fetch(this.#controlUrl);
    return response.json();
  }

  async forget() {
    await fetch(this.#controlUrl, { method: 'DELETE' });
  }

  /** Polls until `count` events of `type` arrived; resolves to the project's activity. */
  async waitForEvents(type, count, { timeoutMs, pollMs = 500 }) {
    const deadlineMs = Date.now() + timeoutMs;
    for (;;) {
      const activity = await this.activity();
      const arrived = eventsOf(activity, type).length;
      if (arrived >= count) return activity;
      if (Date.now() > deadlineMs) {
        throw new Error(`${this.token}: ${arrived} of ${count} ${type} events in ${timeoutMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }
}

export function eventsOf(activity, type) {
  return activity.commands.filter(
    (command) => command.name === 'customers/events' && command.data.event_type === type,
  );
}

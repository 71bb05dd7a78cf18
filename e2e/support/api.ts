/** The e2e tests' view of the local Tracking API, scoped to one project token. */
export interface ReceivedCommand {
  name: 'customers/events' | 'customers';
  data: {
    customer_ids: Record<string, string>;
    event_type?: string;
    timestamp?: number;
    update_timestamp?: number;
    properties?: Record<string, unknown>;
  };
  command_id?: string;
  requestIndex: number;
  receivedAtMs: number;
}

export interface ReceivedRequest {
  index: number;
  path: string;
  commandCount: number;
  sentCookies: boolean;
  status: number | null;
  fault: string | null;
  startedAtMs: number;
  answeredAtMs: number | null;
}

export type FaultRule =
  | { status: number; retryAfterSeconds?: number; times?: number | 'always' }
  | { delayMs: number; times?: number | 'always' }
  | { hang: true; times?: number | 'always' }
  | { drop: true; accept?: boolean; times?: number | 'always' };

export class ApiProject {
  constructor(
    readonly baseUrl: string,
    readonly token: string,
  ) {}

  get #controlUrl() {
    return `${this.baseUrl}/__control/projects/${encodeURIComponent(this.token)}`;
  }

  async received(): Promise<{ commands: ReceivedCommand[]; requests: ReceivedRequest[] }> {
    const response = await fetch(this.#controlUrl);
    return (await response.json()) as { commands: ReceivedCommand[]; requests: ReceivedRequest[] };
  }

  async commands(): Promise<ReceivedCommand[]> {
    return (await this.received()).commands;
  }

  /** Accepted events, optionally of one type, in arrival order. */
  async events(type?: string): Promise<ReceivedCommand[]> {
    const commands = await this.commands();
    return commands.filter(
      (command) =>
        command.name === 'customers/events' &&
        (type === undefined || command.data.event_type === type),
    );
  }

  /** Requests that reached a tracking route, failed ones included. */
  async requests(): Promise<ReceivedRequest[]> {
    return (await this.received()).requests;
  }

  async fault(...faults: FaultRule[]): Promise<void> {
    await this.#post('faults', { faults });
  }

  async clearFaults(): Promise<void> {
    await this.#post('faults', { clear: true });
  }

  async refuse(eventTypes: string[]): Promise<void> {
    await this.#post('refuse', { eventTypes });
  }

  async #post(path: string, body: unknown): Promise<void> {
    const response = await fetch(`${this.#controlUrl}/${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`control ${path}: HTTP ${response.status}`);
  }
}

/** Events by a numeric `seq` property: how many of each arrived. */
export function countBySeq(events: ReceivedCommand[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const event of events) {
    const seq = event.data.properties?.['seq'];
    if (typeof seq === 'number') counts.set(seq, (counts.get(seq) ?? 0) + 1);
  }
  return counts;
}

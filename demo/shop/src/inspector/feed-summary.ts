/**
 * One line per command the Tracking API accepted: what kind it is, and the
 * property a person would look for first (the search term, the product,
 * the total).
 */

/** A command as the local API's control route reports it; only what is shown. */
export interface ReceivedCommand {
  name: 'customers/events' | 'customers';
  data: {
    customer_ids: Record<string, string>;
    event_type?: string;
    properties?: Record<string, unknown>;
  };
  receivedAtMs: number;
}

export interface FeedLine {
  kind: string;
  detail: string;
  /** The first characters of the customer's cookie, to see `anonymize()` take effect. */
  cookiePrefix: string;
}

type Detail = (properties: Record<string, unknown>) => string;

const euros = (value: unknown) => (typeof value === 'number' ? `€${value.toFixed(2)}` : '');
const items = (count: unknown) => `${String(count)} ${count === 1 ? 'item' : 'items'}`;

const DETAILS: Record<string, Detail> = {
  search: (p) => `“${String(p['search_term'])}” · ${String(p['results_count'])} found`,
  view_item: (p) => String(p['title']),
  cart_update: (p) => `${String(p['action'])} ${String(p['quantity'])} × ${String(p['title'])}`,
  checkout: (p) => `${items(p['total_quantity'])} · ${euros(p['total_price'])}`,
  purchase: (p) =>
    `${String(p['purchase_id'])} · ${euros(p['total_price'])} by ${String(p['payment_type'])}`,
  session_end: (p) => `after ${String(p['duration'])} s`,
};

export function summarize(command: ReceivedCommand): FeedLine {
  const { customer_ids: ids, event_type: eventType, properties = {} } = command.data;
  const cookiePrefix = (ids['cookie'] ?? '').slice(0, 8);

  if (command.name === 'customers') {
    const registered = ids['registered'];
    return { kind: 'identify', detail: registered ? `registered ${registered}` : '', cookiePrefix };
  }

  const kind = eventType ?? 'event';
  return { kind, detail: DETAILS[kind]?.(properties) ?? '', cookiePrefix };
}

/** Turns calls into Tracking API commands, snapshotting who and where at track time. */
import type { JsonValue } from '../src/types';
import type { Command, CustomerState, NewEntry, Settings } from './storage/types';

type Properties = Record<string, JsonValue>;

export interface Stamp {
  uid: string;
  nowMs: number;
}

const toSeconds = (ms: number) => ms / 1_000;

function customerIds(customer: CustomerState) {
  return { ...customer.ids, cookie: customer.cookie };
}

function entry(settings: Settings, command: Command, stamp: Stamp): NewEntry {
  return { uid: stamp.uid, target: settings.target, command, tries: 0, queuedAtMs: stamp.nowMs };
}

/** An event; default properties first, so the event's own win on a clash. */
export function eventEntry(
  settings: Settings,
  customer: CustomerState,
  event: { name: string; properties?: Properties; timestampMs: number },
  stamp: Stamp,
): NewEntry {
  const command: Command = {
    name: 'customers/events',
    data: {
      customer_ids: customerIds(customer),
      event_type: event.name,
      timestamp: toSeconds(event.timestampMs),
      properties: { ...settings.defaultProperties, ...event.properties },
    },
  };
  return entry(settings, command, stamp);
}

export function customerEntry(
  settings: Settings,
  customer: CustomerState,
  update: { properties?: Properties; timestampMs: number },
  stamp: Stamp,
): NewEntry {
  const command: Command = {
    name: 'customers',
    data: {
      customer_ids: customerIds(customer),
      properties: { ...update.properties },
      update_timestamp: toSeconds(update.timestampMs),
    },
  };
  return entry(settings, command, stamp);
}

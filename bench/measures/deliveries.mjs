// What the local Tracking API saw after a reconnect: how many requests,
// and when the first and the last of the expected events arrived. Times come
// from the server's own stamps, so they do not depend on how often we poll.
import { eventsOf } from '../lib/api.mjs';

export function deliveriesSince(activity, type, reconnectedAtMs) {
  const events = eventsOf(activity, type);
  const arrivalsMs = events.map((event) => event.receivedAtMs);
  const seqs = new Set(events.map((event) => event.data.properties?.seq));
  const requests = activity.requests.filter((request) => request.startedAtMs >= reconnectedAtMs);

  return {
    delivered: events.length,
    duplicates: events.length - seqs.size,
    requests: requests.length,
    firstDeliveryMs: Math.min(...arrivalsMs) - reconnectedAtMs,
    allDeliveredMs: Math.max(...arrivalsMs) - reconnectedAtMs,
  };
}

/** All HTTP requests the API's socket saw, and how many of them were CORS preflights. */
export function onWireTotals(countsByMethod) {
  const counts = Object.values(countsByMethod);
  return {
    httpRequests: counts.reduce((sum, value) => sum + value, 0),
    preflights: countsByMethod.OPTIONS ?? 0,
  };
}

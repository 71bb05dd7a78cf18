// What the baselines store per event: the Tracking API command the SDK would
// send for it, so every queue holds the same bytes.

const cookie = crypto.randomUUID();

export function toCommand(event) {
  return {
    name: 'customers/events',
    command_id: crypto.randomUUID(),
    data: {
      customer_ids: { cookie },
      event_type: event.name,
      timestamp: Date.now() / 1_000,
      properties: event.properties,
    },
  };
}

/**
 * The route table: which method and path reach which handler. Tracking
 * routes mirror Bloomreach's; control routes live under `/__control`, where
 * the real API has nothing.
 */

/**
 * @typedef {'batch' | 'customers/events' | 'customers'} TrackingEndpoint
 * @typedef {{ area: 'tracking', endpoint: TrackingEndpoint, token: string }}
 *   TrackingRoute
 * @typedef {(
 *   | { area: 'control', action: 'health' }
 *   | {
 *       area: 'control',
 *       action: 'read' | 'forget' | 'faults' | 'refuse',
 *       token: string,
 *     }
 * )} ControlRoute
 * @typedef {TrackingRoute | ControlRoute} Route
 */

/**
 * @typedef {object} RouteEntry
 * @property {string} method
 * @property {RegExp} pattern
 * @property {(captures: string[]) => Route} toRoute
 *   gets the pattern's captures, already percent-decoded
 */

const PROJECT = String.raw`/track/v2/projects/([^/]+)`;
const CONTROL_PROJECT = String.raw`/__control/projects/([^/]+)`;

/** @type {RouteEntry[]} */
const ROUTES = [
  {
    method: 'POST',
    pattern: new RegExp(`^${PROJECT}/(batch|customers/events|customers)$`),
    toRoute: ([token, endpoint]) => ({
      area: 'tracking',
      token,
      endpoint: /** @type {TrackingEndpoint} */ (endpoint),
    }),
  },
  {
    method: 'GET',
    pattern: /^\/__control\/health$/,
    toRoute: () => ({ area: 'control', action: 'health' }),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${CONTROL_PROJECT}$`),
    toRoute: ([token]) => ({ area: 'control', action: 'read', token }),
  },
  {
    method: 'DELETE',
    pattern: new RegExp(`^${CONTROL_PROJECT}$`),
    toRoute: ([token]) => ({ area: 'control', action: 'forget', token }),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^${CONTROL_PROJECT}/faults$`),
    toRoute: ([token]) => ({ area: 'control', action: 'faults', token }),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^${CONTROL_PROJECT}/refuse$`),
    toRoute: ([token]) => ({ area: 'control', action: 'refuse', token }),
  },
];

/**
 * The route for `method` and `pathname`, or null when none matches
 * (including a path segment with broken percent-encoding).
 *
 * @param {string} method
 * @param {string} pathname
 * @returns {Route | null}
 */
export function matchRoute(method, pathname) {
  for (const entry of ROUTES) {
    const match = entry.method === method ? entry.pattern.exec(pathname) : null;
    if (!match) continue;

    const captures = match.slice(1).map(decodeSegment);
    if (captures.includes(null)) return null;

    return entry.toRoute(/** @type {string[]} */ (captures));
  }

  return null;
}

/**
 * @param {string} segment
 * @returns {string | null}
 */
function decodeSegment(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

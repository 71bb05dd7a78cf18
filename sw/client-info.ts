/**
 * The properties that describe this client in `installation` and session
 * events, read from the user agent string that both a worker and a page see.
 * Deliberately a short list of the browsers and systems that run PWAs; the
 * rest report "Other".
 */
import type { JsonValue } from '../src/types';

declare const __SDK_VERSION__: string;

export const SDK_NAME = 'exponea-sw';
export const SDK_VERSION = typeof __SDK_VERSION__ === 'string' ? __SDK_VERSION__ : '0.0.0';

type Rule = [name: string, pattern: RegExp];

// Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari".
const BROWSERS: Rule[] = [
  ['Edge', /Edg(?:e|A|iOS)?\/([\d.]+)/],
  ['Opera', /OPR\/([\d.]+)/],
  ['Samsung Internet', /SamsungBrowser\/([\d.]+)/],
  ['Firefox', /(?:Firefox|FxiOS)\/([\d.]+)/],
  ['Chrome', /(?:Chrome|CriOS)\/([\d.]+)/],
  ['Safari', /Version\/([\d.]+).*Safari/],
];

const SYSTEMS: Rule[] = [
  ['Android', /Android ([\d.]+)/],
  ['iOS', /(?:iPhone|iPad|iPod).*? OS ([\d_]+)/],
  ['Windows', /Windows NT ([\d.]+)/],
  ['ChromeOS', /CrOS \S+ ([\d.]+)/],
  ['macOS', /Mac OS X ([\d_.]+)/],
  ['Linux', /Linux()/],
];

function match(rules: Rule[], userAgent: string): [string, string] {
  for (const [name, pattern] of rules) {
    const found = pattern.exec(userAgent);
    if (found) return [name, (found[1] ?? '').replace(/_/g, '.')];
  }
  return ['Other', ''];
}

function deviceType(userAgent: string): string {
  if (/iPad|Tablet|Android(?!.*Mobile)/.test(userAgent)) return 'tablet';
  if (/Mobi|iPhone|iPod/.test(userAgent)) return 'mobile';
  return 'desktop';
}

export function clientProperties(
  userAgent: string,
  appVersion: string | null,
): Record<string, JsonValue> {
  const [browser, browserVersion] = match(BROWSERS, userAgent);
  const [osName, osVersion] = match(SYSTEMS, userAgent);

  return {
    os_name: osName,
    os_version: osVersion,
    browser,
    browser_version: browserVersion,
    device_type: deviceType(userAgent),
    sdk: SDK_NAME,
    sdk_version: SDK_VERSION,
    app_version: appVersion,
  };
}

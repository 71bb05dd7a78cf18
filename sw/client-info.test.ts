import { describe, expect, it } from 'vitest';

import { SDK_NAME, clientProperties } from './client-info';

const USER_AGENTS = {
  chromeAndroid:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) ' +
    'Chrome/131.0.0.0 Mobile Safari/537.36',
  edgeWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) ' +
    'Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.70',
  safariIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5_1 like Mac OS X) AppleWebKit/605.1.15 ' +
    '(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  firefoxLinux: 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  samsungTablet:
    'Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) ' +
    'SamsungBrowser/26.0 Chrome/122.0.0.0 Safari/537.36',
};

describe('clientProperties', () => {
  it.each([
    ['chromeAndroid', 'Chrome', '131.0.0.0', 'Android', '14', 'mobile'],
    ['edgeWindows', 'Edge', '131.0.2903.70', 'Windows', '10.0', 'desktop'],
    ['safariIphone', 'Safari', '17.5', 'iOS', '17.5.1', 'mobile'],
    ['firefoxLinux', 'Firefox', '133.0', 'Linux', '', 'desktop'],
    ['samsungTablet', 'Samsung Internet', '26.0', 'Android', '13', 'tablet'],
  ] as const)('reads %s as %s %s on %s %s, %s', (agent, browser, version, os, osVersion, type) => {
    const properties = clientProperties(USER_AGENTS[agent], null);

    expect(properties).toMatchObject({
      browser,
      browser_version: version,
      os_name: os,
      os_version: osVersion,
      device_type: type,
    });
  });

  it('reports Other for a client it does not know', () => {
    const properties = clientProperties('curl/8.5.0', null);

    expect(properties).toMatchObject({ browser: 'Other', os_name: 'Other' });
    expect(properties['device_type']).toBe('desktop');
  });

  it('names this SDK and the app version', () => {
    const properties = clientProperties(USER_AGENTS.firefoxLinux, '3.1.0');

    expect(properties).toMatchObject({ sdk: SDK_NAME, app_version: '3.1.0' });
    expect(properties['sdk_version']).toEqual(expect.any(String));
  });
});

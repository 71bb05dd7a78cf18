/** Three tabs track at once while a sync event and a page's flush race. */
import { expect, sessionStarted, test, trackBurst } from '../support/fixtures';
import { dispatchSync, settle } from './support';

test('6. three tabs track concurrently while a sync event and flushData race', async ({
  api,
  openTracker,
}, testInfo) => {
  const tabs = [await openTracker(), await openTracker(), await openTracker()];
  await sessionStarted(api);
  const sinceMs = Date.now();

  await Promise.all([
    ...tabs.map((tab, index) =>
      trackBurst(tab.page, 100, { name: 'three-tabs', firstSeq: index * 100 }),
    ),
    dispatchSync(tabs[0]!.page),
    tabs[1]!.call('flushData'),
    dispatchSync(tabs[2]!.page),
    tabs[0]!.call('flushData'),
  ]);

  const row = await settle(api, testInfo, {
    scenario: '6. three tabs, sync event and flushData racing',
    name: 'three-tabs',
    tracked: 300,
    sinceMs,
    timeoutMs: 20_000,
  });

  expect(row.lost).toBe(0);
  expect(row.duplicated).toBe(0);
});

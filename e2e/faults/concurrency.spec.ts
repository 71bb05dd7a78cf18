/** Three tabs track at once while a sync event and a page's flush race. */
import { recordRow, tally } from '../support/fault-rows';
import { eventually, expect, test, trackBurst } from '../support/fixtures';
import { dispatchSync, sleep } from './support';

test('6. three tabs track concurrently while a sync event and flushData race', async ({
  api,
  openTracker,
}, testInfo) => {
  const tabs = [await openTracker(), await openTracker(), await openTracker()];
  await eventually(
    () => api.events('session_start'),
    (events) => events.length === 1,
  );
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

  await eventually(
    () => api.events('three-tabs'),
    (events) => events.length >= 300,
    20_000,
  );
  await sleep(1_000);
  const row = await tally(api, {
    scenario: '6. three tabs, sync event and flushData racing',
    name: 'three-tabs',
    tracked: 300,
    sinceMs,
  });
  recordRow(testInfo, row);

  expect(row.lost).toBe(0);
  expect(row.duplicated).toBe(0);
});

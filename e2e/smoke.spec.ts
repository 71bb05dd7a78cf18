import { countBySeq, } from './support/api';
import { eventually, expect, test, trackBurst } from './support/fixtures';

test('smoke: a first visit tracks and delivers', async ({ api, openTracker }) => {
  const tracker = await openTracker();
  await trackBurst(tracker.page, 5);
  const events = await eventually(() => api.events('e2e'), (e) => e.length >= 5);
  expect(countBySeq(events).size).toBe(5);
});

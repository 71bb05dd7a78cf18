/**
 * The demo shop, walked as a visitor walks it: by clicking. The journey's
 * events reach the local Tracking API in order and for the right customer;
 * offline, the inspector shows the queue fill, and back online it drains.
 * The last test leaves a screenshot in docs/images/demo.png.
 *
 * The shop is built into dist-demo/ (when missing or stale) and served by a
 * server of this file's own, with a `config.json` that points the page at
 * the shared Tracking API. Each test's `?project=` is its own token.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import type { Page } from '@playwright/test';

import { buildShop, SHOP_OUT_DIR, shopBuildIsStale } from '../demo/shop/build.mjs';
import type { ApiProject, ReceivedCommand } from './support/api';
import { eventually, expect, test } from './support/fixtures';
import { startSiteServer } from './support/site-server.mjs';

const SCREENSHOT_PATH = 'docs/images/demo.png';

/** A real screenshot of the shop is tens of KB; a blank one is a few hundred bytes. */
const MIN_SCREENSHOT_BYTES = 20_000;

/** A blank or single-colour page has a handful; text, art and the panel give hundreds. */
const MIN_SCREENSHOT_COLOURS = 100;

const EMAIL = 'jana.novak@example.com';

let shop: { url: string; close(): Promise<void> };
let configDir: string;

// One worker runs this file's tests in order, so the shop is built and served once.
test.describe.configure({ mode: 'default' });
test.use({ viewport: { width: 1280, height: 800 } });

test.beforeAll(async () => {
  if (shopBuildIsStale()) await buildShop();

  configDir = mkdtempSync(join(tmpdir(), 'exponea-demo-config-'));
  const config = { apiUrl: process.env.E2E_API_URL };
  writeFileSync(join(configDir, 'config.json'), JSON.stringify(config));
  shop = await startSiteServer({ roots: [configDir, SHOP_OUT_DIR] });
});

test.afterAll(async () => {
  await shop?.close();
  if (configDir) rmSync(configDir, { recursive: true, force: true });
});

test('the journey reaches the API in order, for the customer who took it', async ({
  api,
  page,
}) => {
  await openShop(page, api);

  await search(page, 'kenya');
  await expect(page.getByRole('heading', { name: '1 result for “kenya”' })).toBeVisible();
  await page.getByRole('link', { name: /Kenya Nyeri AA/ }).click();
  await page.getByLabel('Quantity').selectOption('2');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await page.getByRole('link', { name: /^Cart/ }).click();
  await page.getByRole('button', { name: 'Checkout' }).click();
  await page.getByLabel('PayPal').check();
  await page.getByRole('button', { name: 'Place order' }).click();
  const purchaseId = await page.getByTestId('purchase-id').textContent();

  await page.getByRole('link', { name: 'Sign in' }).click();
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('First name').fill('Jana');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Hello, Jana' })).toBeVisible();
  await page.getByRole('button', { name: 'Log out' }).first().click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

  const commands = await eventually(
    () => api.commands(),
    (all) => all.length >= 11,
  );
  expect(commands.map(kindOf)).toEqual([
    'installation',
    'session_start',
    'search',
    'view_item',
    'cart_update',
    'checkout',
    'purchase',
    'identify',
    'session_end',
    'installation',
    'session_start',
  ]);

  const [searched, viewed, added, checkedOut, purchased, identified] = commands
    .slice(2, 8)
    .map(propertiesOf);
  expect(searched).toMatchObject({ search_term: 'kenya', results_count: 1 });
  expect(viewed).toMatchObject({ product_id: 'kenya-nyeri', price: 16.5, category: 'Coffee' });
  expect(added).toMatchObject({ action: 'add', product_id: 'kenya-nyeri', quantity: 2 });
  expect(added).toMatchObject({ total_price: 33, total_quantity: 2 });
  expect(checkedOut).toMatchObject({ total_price: 33, total_quantity: 2 });
  expect(purchased).toMatchObject({ purchase_id: purchaseId, payment_type: 'paypal' });
  expect(purchased).toMatchObject({ items: [{ product_id: 'kenya-nyeri', quantity: 2 }] });
  expect(identified).toMatchObject({ email: EMAIL, first_name: 'Jana' });
  expect(commands[7]!.data.customer_ids['registered']).toBe(EMAIL);

  // One customer until the log out; a new cookie after it.
  const cookies = commands.map((command) => command.data.customer_ids['cookie']);
  expect(new Set(cookies.slice(0, 9)).size).toBe(1);
  expect(cookies[9]).not.toBe(cookies[0]);
  expect(cookies[10]).toBe(cookies[9]);
  await expect(page.getByTestId('cookie')).toHaveText(cookies[10]!);
  await expect(page.getByTestId('feed')).toContainText('purchase');
});

test('offline, the inspector shows the queue fill; back online it drains', async ({
  api,
  context,
  page,
}) => {
  await openShop(page, api);
  await expect(page.getByTestId('feed')).toContainText('session_start');
  await expect(page.getByTestId('queued')).toHaveText('0');

  await context.setOffline(true);
  await expect(page.getByTestId('connection')).toHaveText('Offline');
  await search(page, 'kettle');
  await page.getByRole('link', { name: /Gooseneck kettle/ }).click();
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await page.getByRole('link', { name: /^Cart/ }).click();
  await page.getByRole('button', { name: 'Checkout' }).click();

  await expect.poll(() => queuedCount(page)).toBeGreaterThanOrEqual(4);
  await expect(page.locator('.queue-dots .dot')).toHaveCount(await queuedCount(page));
  expect(await api.events('search')).toHaveLength(0);
  // Let the chart show a few offline samples before the queue drains.
  await page.waitForTimeout(2_000);

  await context.setOffline(false);
  await expect(page.getByTestId('connection')).toHaveText('Online');
  await expect.poll(() => queuedCount(page)).toBe(0);

  const events = await eventually(
    () => api.events(),
    (all) => all.length >= 6,
  );
  expect(events.slice(2).map(kindOf)).toEqual(['search', 'view_item', 'cart_update', 'checkout']);
  await expect(page.getByTestId('feed')).toContainText('checkout');

  await page.getByRole('link', { name: 'Morning Pour' }).click();
  await saveScreenshot(page);
});

async function openShop(page: Page, api: ApiProject): Promise<void> {
  await page.goto(`${shop.url}/?project=${encodeURIComponent(api.token)}`);
  // The cookie shows once the worker has answered a status: the SDK is up.
  await expect(page.getByTestId('cookie')).toHaveText(/^[0-9a-f-]{36}$/);
}

async function search(page: Page, term: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search the shop' }).fill(term);
  await page.getByRole('button', { name: 'Search' }).click();
}

async function queuedCount(page: Page): Promise<number> {
  return Number(await page.getByTestId('queued').textContent());
}

function kindOf(command: ReceivedCommand): string {
  return command.name === 'customers' ? 'identify' : (command.data.event_type ?? '?');
}

function propertiesOf(command: ReceivedCommand): Record<string, unknown> {
  return command.data.properties ?? {};
}

/** Saves the screenshot, then checks it is a picture of something. */
async function saveScreenshot(page: Page): Promise<void> {
  mkdirSync(dirname(SCREENSHOT_PATH), { recursive: true });
  const png = await page.screenshot({ path: SCREENSHOT_PATH });

  expect(statSync(SCREENSHOT_PATH).size).toBeGreaterThan(MIN_SCREENSHOT_BYTES);
  expect(await countColours(page, png)).toBeGreaterThan(MIN_SCREENSHOT_COLOURS);
}

/** Distinct colours in a PNG, decoded by the browser (sampling every 7th pixel). */
async function countColours(page: Page, png: Buffer): Promise<number> {
  const blank = await page.context().newPage();
  try {
    return await blank.evaluate(async (base64) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();

      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);

      const { data } = context.getImageData(0, 0, image.width, image.height);
      const colours = new Set<number>();
      for (let index = 0; index < data.length; index += 4 * 7) {
        colours.add((data[index]! << 16) | (data[index + 1]! << 8) | data[index + 2]!);
      }
      return colours.size;
    }, png.toString('base64'));
  } finally {
    await blank.close();
  }
}

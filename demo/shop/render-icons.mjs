// Draws the PNG icons from the SVG ones, for platforms that want bitmaps
// (Android's install prompt, iOS's home screen). The PNGs are committed;
// run this again only after changing an SVG:
//
//   node demo/shop/render-icons.mjs
import { readFile } from 'node:fs/promises';

import { chromium } from '@playwright/test';

// The e2e tests' Chromium (see e2e/support/browser.ts), which Node cannot import as TypeScript.
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ICONS_DIR = new URL('./public/icons/', import.meta.url);

const RENDERS = [
  { from: 'icon.svg', to: 'icon-192.png', sizePx: 192 },
  { from: 'icon.svg', to: 'icon-512.png', sizePx: 512 },
  { from: 'icon-maskable.svg', to: 'icon-maskable-512.png', sizePx: 512 },
];

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox'] });
try {
  for (const { from, to, sizePx } of RENDERS) {
    await render(from, to, sizePx);
    console.log(`${to}: ${sizePx} × ${sizePx}`);
  }
} finally {
  await browser.close();
}

async function render(from, to, sizePx) {
  const svgText = await readFile(new URL(from, ICONS_DIR), 'utf8');
  const page = await browser.newPage({ viewport: { width: sizePx, height: sizePx } });

  const source = `data:image/svg+xml;base64,${Buffer.from(svgText).toString('base64')}`;
  await page.setContent(`<style>body{margin:0}</style><img src="${source}" width="${sizePx}">`);
  await page.locator('img').evaluate((image) => image.decode());

  // Transparent outside the rounded corners, not white.
  await page.screenshot({ path: new URL(to, ICONS_DIR).pathname, omitBackground: true });
  await page.close();
}

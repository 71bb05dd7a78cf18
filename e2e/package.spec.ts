/**
 * The package as a site gets it: `npm pack`, installed into a fresh Vite app,
 * built, served, and tracking in Chromium through the prebuilt worker. The
 * same app type-checks an import of each entry point.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { configFor, eventually, expect, test, trackerFor } from './support/fixtures';
import { startSiteServer } from './support/site-server.mjs';

const run = promisify(execFile);

const REPO_DIR = fileURLToPath(new URL('..', import.meta.url));
const fromRepo = createRequire(join(REPO_DIR, 'package.json'));

/** What a user needs besides `dist/`; npm adds `package.json` itself. */
const TOP_LEVEL_FILES = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'];

const CONSUMER_FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'consumer-app', private: true, type: 'module' }),
  'index.html': `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>consumer app</title>
    <script type="module" src="/main.js"></script>
  </head>
  <body><p>consumer app</p></body>
</html>
`,
  'main.js': `import { Exponea, ExponeaError } from 'exponea-sw';

window.exponea = new Exponea();
window.ExponeaError = ExponeaError;
window.sdkLoaded = true;
`,
  // Compiled, never run: it proves both entry points carry real types.
  'check.ts': `import { Exponea, ExponeaError, FlushMode } from 'exponea-sw';
import type { Configuration, Status } from 'exponea-sw';
import { installExponea, type InstallOptions } from 'exponea-sw/worker';

const config: Configuration = {
  projectToken: 'token',
  authorization: 'Token public-key',
  flushMode: FlushMode.period,
};
const exponea = new Exponea();
export const configured: Promise<void> = exponea.configure(config);
export const queued: Promise<number> = exponea.getStatus().then((status: Status) => status.queued);
export const isUnconfigured = (error: unknown) =>
  error instanceof ExponeaError && error.code === 'not-configured';

const options: InstallOptions = { takeControl: true };
installExponea(options);

// @ts-expect-error: an event needs a name
void exponea.trackEvent({ properties: {} });
`,
  'tsconfig.json': JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2022', 'DOM'],
      module: 'ESNext',
      moduleResolution: 'bundler',
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      types: [],
    },
    files: ['check.ts'],
  }),
};

interface PackedFile {
  path: string;
}

let packDir = '';
let appDir = '';
let packedFiles: string[] = [];
let site: { url: string; close(): Promise<unknown> } | null = null;

// One app for the whole file: the tests run in order, in one worker.
test.describe.configure({ mode: 'default' });

test.beforeAll(async () => {
  test.setTimeout(90_000);
  const startedAtMs = Date.now();
  packDir = await mkdtemp(join(tmpdir(), 'exponea-sw-pack-'));
  appDir = await mkdtemp(join(tmpdir(), 'exponea-sw-app-'));

  const packed = await run('npm', ['pack', '--json', '--pack-destination', packDir], {
    cwd: REPO_DIR,
    env: cleanEnv(),
  });
  const [tarball] = JSON.parse(packed.stdout) as { filename: string; files: PackedFile[] }[];
  packedFiles = tarball!.files.map((file) => file.path);

  for (const [name, text] of Object.entries(CONSUMER_FILES)) {
    await writeFile(join(appDir, name), text);
  }
  // The dependencies come from the npm cache that the repo's install filled.
  await run(
    'npm',
    [
      'install',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      join(packDir, tarball!.filename),
    ],
    { cwd: appDir, env: cleanEnv() },
  );

  // The worker is served from the site root, so its scope covers every page.
  const fromApp = createRequire(join(appDir, 'package.json'));
  await mkdir(join(appDir, 'public'));
  await copyFile(fromApp.resolve('exponea-sw/sw.js'), join(appDir, 'public', 'sw.js'));

  await run(process.execPath, [binOf('vite'), 'build', '--logLevel', 'warn'], { cwd: appDir });
  site = await startSiteServer({ roots: [join(appDir, 'dist')] });
  console.log(`package: packed, installed and built a Vite app in ${Date.now() - startedAtMs} ms`);
});

test.afterAll(async () => {
  await site?.close();
  await Promise.all(
    [packDir, appDir].filter(Boolean).map((dir) => rm(dir, { recursive: true, force: true })),
  );
});

test('the tarball holds the built files and the docs, and no sources or tests', () => {
  expect(packedFiles).toEqual(
    expect.arrayContaining([
      ...TOP_LEVEL_FILES,
      'dist/exponea.js',
      'dist/worker.js',
      'dist/sw.js',
      'dist/types/src/index.d.ts',
      'dist/types/sw/index.d.ts',
    ]),
  );
  const unexpected = packedFiles.filter(
    (path) => !TOP_LEVEL_FILES.includes(path) && !path.startsWith('dist/'),
  );
  expect(unexpected).toEqual([]);
  expect(packedFiles.filter((path) => /\.test\.|test-support|e2e\//.test(path))).toEqual([]);
});

test('a fresh Vite app that installs the tarball tracks through the prebuilt worker', async ({
  api,
  context,
}) => {
  const page = await context.newPage();
  await page.goto(site!.url);
  await page.waitForFunction(() => (window as { sdkLoaded?: boolean }).sdkLoaded === true);
  const tracker = trackerFor(page);

  await tracker.call('configure', configFor(api));
  await tracker.call('trackEvent', {
    name: 'purchase',
    properties: { price: 123.45, onSale: false },
  });
  await tracker.call('identifyCustomer', {
    ids: { registered: 'jane@example.com' },
    properties: { payingCustomer: true },
  });

  const [purchase] = await eventually(
    () => api.events('purchase'),
    (events) => events.length === 1,
  );
  expect(purchase!.data.properties).toEqual({ price: 123.45, onSale: false });
  const cookie = await tracker.call<string>('getCustomerCookie');
  expect(purchase!.data.customer_ids).toEqual({ cookie });

  const customers = await eventually(
    async () => (await api.commands()).filter((command) => command.name === 'customers'),
    (commands) => commands.length === 1,
  );
  expect(customers[0]!.data.customer_ids).toEqual({ cookie, registered: 'jane@example.com' });

  const { version } = createRequire(join(appDir, 'package.json'))('exponea-sw/package.json') as {
    version: string;
  };
  const [installation] = await api.events('installation');
  expect(installation!.data.properties).toMatchObject({ sdk: 'exponea-sw', sdk_version: version });
  const status = await tracker.call<{ runtime: string; storage: string }>('getStatus');
  expect(status).toMatchObject({ runtime: 'service-worker', storage: 'indexeddb' });
});

test('the type declarations of both entry points resolve in the consumer app', async () => {
  const compiled = await run(process.execPath, [binOf('typescript', 'tsc'), '-p', appDir], {
    cwd: appDir,
  }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? String(error) }));

  expect(compiled.stdout).toBe('');
});

/** The path of a bin script of one of the repo's own dev dependencies. */
function binOf(pkg: string, bin = pkg): string {
  const manifestPath = fromRepo.resolve(`${pkg}/package.json`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    bin: string | Record<string, string>;
  };
  const relative = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin[bin]!;
  return join(dirname(manifestPath), relative);
}

/**
 * The environment for a nested npm, without what `npm test` sets for the
 * repo itself (its prefix, its package), so the install lands in the app.
 */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_(package_|lifecycle_|command$|config_local_prefix$|config_call$)/i.test(key)) {
      delete env[key];
    }
  }
  return env;
}

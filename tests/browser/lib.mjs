// What the browser tests share (docs/design/web.md): Debian's Chromium launched for a test,
// a keyboard user's way to an element, and the audit of a screen: axe-core (no serious or
// critical violation), no sideways scrolling at 320 px and 640 px, screenshots.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const shots = join(root, 'target', 'screenshots');
export const bin = process.env.MYNUMBER_BIN ?? join(root, 'target', 'debug', 'mynumber');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Debian's Chromium, headless, with a profile of its own. */
export async function launch() {
  const dir = mkdtempSync(join(tmpdir(), 'mynumber-chromium-'));
  return chromium.launchPersistentContext(dir, {
    executablePath: process.env.MYNUMBER_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 900 },
    // The pages forbid scripts from elsewhere (CSP); axe is the test's, not the page's.
    bypassCSP: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** Presses Tab until `selector` has the focus (a keyboard user's way there). */
export async function tabTo(page, selector, max = 40) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  assert.fail(`${selector} cannot be reached with Tab on ${page.url()}`);
}

/** axe-core on the page: no serious or critical violation; and no sideways scrolling at
 * 320 px (a phone) and 640 px (a 1280 px window at 200 % zoom); a screenshot of each. The
 * screen's name is added to `checked`. */
export async function auditPage(page, name, checked) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  }));
  const bad = result.violations.filter((v) => ['serious', 'critical'].includes(v.impact));
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [],
    `axe on ${name} (${page.url()})`);
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  const size = page.viewportSize();
  for (const width of [640, 320]) {
    await page.setViewportSize({ width, height: 800 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${name} scrolls sideways by ${overflow} px at ${width} px`);
  }
  await page.screenshot({ path: join(shots, `${name}-320.png`), fullPage: true });
  await page.setViewportSize(size);
  checked.push(name);
}

/** Starts the server with a demo municipality on loopback, at `port` with that address as its
 * public URL, or on a free port (0). Resolves with the process, its base URL and the
 * administrator's token the demo prints. */
export async function startServer(dataDir, port = 0) {
  const args = ['--data-dir', join(dataDir, 'data')];
  if (port) args.push('--public-url', `http://127.0.0.1:${port}`);
  args.push('serve', '--listen', `127.0.0.1:${port}`, '--demo', '--checkpoint-minutes', '0');
  const server = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${out}`)), 120_000);
    const read = (chunk) => {
      out += chunk;
      const token = out.match(/mn_[0-9a-f]{64}/);
      const at = out.match(/serving on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (token && at) {
        clearTimeout(timer);
        resolve({ server, base: at[1], admin: token[0] });
      }
    };
    server.stdout.on('data', read);
    server.stderr.on('data', read);
    server.on('exit', (code) => reject(new Error(`the server exited (${code}):\n${out}`)));
  });
}

/** A free port of loopback. */
export async function freePort() {
  const s = createServer();
  await new Promise((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address();
  await new Promise((resolve) => s.close(resolve));
  return port;
}

/** A JSON call to the server's API with a bearer token; fails the test unless it succeeds. */
export async function callApi(base, token, method, path, body) {
  const r = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body && JSON.stringify(body),
  });
  const text = await r.text();
  assert.ok(r.ok, `${method} ${path}: ${text}`);
  return JSON.parse(text);
}

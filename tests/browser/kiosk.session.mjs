// A whole session at a convenience-store kiosk (issue 13, docs/design/kiosk.md), in Debian's
// Chromium: the kiosk program's screens (mynumber-kiosk) with a demo card in a private pcscd's
// virtual reader (vsmartcard-vpcd), the centre (mynumber serve --demo), a terminal registered
// by the administrator. Insert the card, a wrong PIN then the right one, a copy of the resident
// record with the householder and the number in two copies, pay, print to the spool; then the
// print's back, scanned by pdftoppm, uploaded to the centre's inquiry page, which shows the
// front. Every screen audited by axe; the welcome screen in all eight languages; a forgotten
// session times out.
//
// Run by crates/kiosk/tests/browser.rs (cargo test), which passes MYNUMBER_BIN and
// MYNUMBER_KIOSK_BIN; not a *.test.mjs, so the staff screens' runner leaves it alone.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditPage, bin, callApi, freePort, launch, startServer, tabTo } from './lib.mjs';

const kioskBin = process.env.MYNUMBER_KIOSK_BIN;
const checked = [];
const audit = (page, name) => auditPage(page, name, checked);
let dir, server, base, admin, pcscd, card, agent, kioskBase, browser;
const VPCD_DRIVER = '/usr/lib/pcsc/drivers/serial/libifdvpcd.so';


/** Two adjacent free ports: vpcd's two slots. */
async function freePair() {
  for (;;) {
    const port = await freePort();
    const next = createServer();
    const ok = await new Promise((resolve) => {
      next.once('error', () => resolve(false));
      next.listen(port + 1, '127.0.0.1', () => resolve(true));
    });
    if (ok) {
      await new Promise((resolve) => next.close(resolve));
      return port;
    }
  }
}

async function waitFor(what, done, ms = 30_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await done()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`${what} did not happen in ${ms} ms`);
}

const api = (method, path, body) => callApi(base, admin, method, path, body);

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mynumber-kiosk-'));
  ({ server, base, admin } = await startServer(dir));

  // A private pcscd whose vpcd reader listens on a free port pair (interop.md §1.1).
  const port = await freePair();
  const conf = join(dir, 'reader.conf.d');
  mkdirSync(conf);
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  writeFileSync(join(conf, 'vpcd'),
    `FRIENDLYNAME "Virtual PCD"\nDEVICENAME /dev/null:0x${hex}\nLIBPATH ${VPCD_DRIVER}\nCHANNELID 0x${hex}\n`);
  let log = '';
  pcscd = spawn('pcscd', ['--foreground', '--debug', '--config', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
  pcscd.stdout.on('data', (c) => { log += c; });
  pcscd.stderr.on('data', (c) => { log += c; });
  await waitFor('pcscd ready', () => log.includes('daemon ready'));

  // The first demo card (PIN 1234) in the reader.
  const cards = join(dir, 'data', 'demo-cards');
  const file = join(cards, readdirSync(cards).sort()[0]);
  card = spawn(bin, ['card', 'attach', file, '--data-dir', join(dir, 'data'), '--reader', `127.0.0.1:${port}`],
    { stdio: 'ignore', env: { ...process.env, RUST_LOG: 'warn' } });
  await waitFor('the card in the reader', () => log.includes('Card ATR: 3B E0 00 FF 81 31 FE 45 14'));

  // The demo municipality's rule table: open day and night every day, so that the session
  // runs whenever the test does (the standard table closes at 23:00 JST and over the new year).
  await api('PUT', '/api/v1/municipalities/131041/kiosk-rules', {
    opens: '00:00', closes: '24:00', closed_days: [], max_copies: 10,
    documents: [
      { document: 'resident-record-copy', who: 'household', fee_yen: 200 },
      { document: 'resident-record-items', who: 'household', fee_yen: 200 },
      { document: 'seal-certificate', who: 'oneself', fee_yen: 200 },
    ],
  });
  const published = await (await fetch(`${base}/api/v1/municipalities/131041/kiosk-rules`)).json();
  assert.equal(published.closes, '24:00');
  // A chain and its terminal, registered by the administrator with the key the kiosk made.
  const chain = await api('POST', '/api/v1/organisations',
    { corporate_number: '5835678256246', name: '株式会社サンプルストア', roles: ['kiosk-operator'] });
  const key = join(dir, 'terminal.key');
  const made = spawnSync(kioskBin, ['keygen', '--out', key], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  const jwk = JSON.parse(made.stdout);
  const terminal = await api('POST', `/api/v1/organisations/${chain.organisation_id}/terminals`,
    { shop_code: '12-345', shop_name: '新宿西口店', jwk });

  const listen = await freePort();
  kioskBase = `http://127.0.0.1:${listen}`;
  let agentLog = '';
  agent = spawn(kioskBin, ['run', '--centre', base, '--terminal', terminal.terminal_id, '--shop', '12-345',
    '--key', key, '--listen', `127.0.0.1:${listen}`, '--print-dir', join(dir, 'spool'), '--idle-seconds', '30'],
  { stdio: ['ignore', 'pipe', 'pipe'] });
  agent.stdout.on('data', (c) => { agentLog += c; });
  agent.stderr.on('data', (c) => { agentLog += c; });
  await waitFor('the kiosk serving', () => agentLog.includes('screens are served'));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  for (const p of [agent, card, pcscd, server]) p?.kill('SIGTERM');
  if (dir) rmSync(dir, { recursive: true, force: true });
  for (const name of ['kiosk-welcome-ja', 'kiosk-welcome-en', 'kiosk-welcome-zh-Hans', 'kiosk-welcome-ko',
    'kiosk-welcome-pt-BR', 'kiosk-welcome-es', 'kiosk-welcome-vi', 'kiosk-welcome-ja-x-easy',
    'kiosk-card-en', 'kiosk-pin-en', 'kiosk-pin-wrong-en', 'kiosk-document-en', 'kiosk-options-en',
    'kiosk-confirm-en', 'kiosk-pay-en', 'kiosk-done-en', 'kiosk-timeout-en', 'verify-back-en']) {
    assert.ok(checked.includes(name), `${name} was not audited`);
  }
});

test('a resident prints a copy of the resident record at the kiosk and checks its back', async () => {
  const page = await browser.newPage();
  await page.goto(`${kioskBase}/`);
  // The welcome screen in every language the kiosk offers, each button named in its language.
  const tags = ['ja', 'en', 'es', 'ja-x-easy', 'ko', 'pt-BR', 'vi', 'zh-Hans'];
  for (const tag of tags) {
    await page.click(`button[name="lang"][value="${tag}"]`);
    assert.equal(await page.getAttribute('html', 'lang'), tag);
    await audit(page, `kiosk-welcome-${tag}`);
  }
  await page.click('button[name="lang"][value="en"]');
  // Large targets: every button at least 72 px high.
  const small = await page.$$eval('button', (bs) => bs.filter((b) => b.getBoundingClientRect().height < 72).length);
  assert.equal(small, 0, 'every button is at least 72 px high');
  // No free text anywhere: no text input on any screen of the kiosk.
  assert.equal(await page.$$eval('input:not([type=hidden])', (i) => i.length), 0);

  await tabTo(page, 'form[action="/start"] button');
  await page.keyboard.press('Enter');
  await page.waitForURL(`${kioskBase}/card`);
  await audit(page, 'kiosk-card-en');
  await page.click('form[action="/card"] button');
  await page.waitForURL(`${kioskBase}/pin`);
  await audit(page, 'kiosk-pin-en');

  // A wrong PIN: the card counts it, the screen says how many tries are left.
  for (const d of ['9', '9', '9', '9']) await page.click(`button[name="key"][value="${d}"]`);
  assert.match(await page.textContent('.visually-hidden'), /4 of 4/);
  await page.click('button[name="key"][value="ok"]');
  await page.waitForURL(`${kioskBase}/pin`);
  assert.match(await page.textContent('.kiosk-message'), /Wrong PIN\. 2 more wrong tries will lock the card\./);
  await audit(page, 'kiosk-pin-wrong-en');
  // The right one, by keyboard: each digit a button.
  for (const d of ['1', '2', '3', '4']) {
    await page.focus(`button[name="key"][value="${d}"]`);
    await page.keyboard.press('Enter');
    await page.waitForLoadState();
  }
  await page.click('button[name="key"][value="ok"]');
  await page.waitForURL(`${kioskBase}/document`);
  await audit(page, 'kiosk-document-en');

  await page.click('button[value="resident-record-copy"]');
  await page.waitForURL(`${kioskBase}/options`);
  await page.click('button[value="toggle-householder"]');
  await page.click('button[value="toggle-number"]');
  await page.click('button[value="more"]');
  assert.equal((await page.textContent('.kiosk-copies__count')).trim(), '2');
  assert.equal(await page.getAttribute('button[value="toggle-number"]', 'aria-pressed'), 'true');
  await audit(page, 'kiosk-options-en');
  await page.click('button[value="next"]');
  await page.waitForURL(`${kioskBase}/confirm`);
  assert.match(await page.textContent('.kiosk-fee'), /¥400/);
  assert.match(await page.textContent('main'), /only because you ask for it/);
  await audit(page, 'kiosk-confirm-en');
  // Back to the choice and a copy more: the quote is dropped, and payment waits for a new one.
  await page.goto(`${kioskBase}/options`);
  await page.click('button[value="more"]');
  await page.goto(`${kioskBase}/pay`);
  await page.waitForURL(`${kioskBase}/options`);
  await page.click('button[value="fewer"]');
  await page.click('button[value="next"]');
  await page.waitForURL(`${kioskBase}/confirm`);
  assert.match(await page.textContent('.kiosk-fee'), /¥400/);
  await page.click('a[href="/pay"]');
  await page.waitForURL(`${kioskBase}/pay`);
  await audit(page, 'kiosk-pay-en');
  await page.click('form[action="/pay"] button');
  await page.waitForURL(`${kioskBase}/done`);
  const code = (await page.textContent('.kiosk-code')).trim();
  assert.match(code, /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  assert.match(await page.textContent('.notice[role=status]'), /Do not forget your card/);
  await audit(page, 'kiosk-done-en');

  // The print in the spool: two copies of one signed document, its back after the front.
  const pdf = join(dir, 'spool', `${code}-x2.pdf`);
  assert.ok(existsSync(pdf), `${pdf} printed`);
  const scan = join(dir, 'back');
  const r = spawnSync('pdftoppm', ['-r', '300', '-gray', '-png', '-singlefile', '-f', '2', '-l', '2', pdf, scan]);
  assert.equal(r.status, 0, String(r.stderr));
  // The centre's inquiry page: the scan of the back shows the front as issued.
  await page.goto(`${base}/verify?lang=en`);
  await page.setInputFiles('#scan', `${scan}.png`);
  await page.click('form[action^="/verify/back"] button');
  await page.waitForURL(`${base}/verify/back?lang=en`);
  const shown = await page.textContent('main');
  assert.match(shown, /This back was issued by this system/);
  assert.ok(shown.includes(code), 'the front\'s verification code');
  assert.match(shown, /Individual Number/);
  assert.match(shown, /Printed \(not shown on this page\)/);
  await audit(page, 'verify-back-en');

  // A session left alone: after the idle time the screen starts over.
  await page.goto(`${kioskBase}/`);
  await page.click('form[action="/start"] button');
  await page.waitForURL(`${kioskBase}/card`);
  // Twenty seconds before the end, a warning that a touch dismisses; then the end.
  await page.waitForSelector('#idle-warning:not([hidden])', { timeout: 20_000 });
  await page.waitForURL(`${kioskBase}/timeout`, { timeout: 30_000 });
  assert.match(await page.textContent('h1'), /session ended because nothing was touched/);
  await audit(page, 'kiosk-timeout-en');
  // The ledger at the centre: the print confirmed, settled once.
  const day = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
  const settled = await api('GET', `/api/v1/kiosk-settlements/${day}`);
  assert.equal(JSON.stringify(settled).includes('"copies":2'), true, JSON.stringify(settled));
  await page.close();
});

// The resident's portal in Debian's Chromium (issue 14, docs/design/portal.md): the log-in with
// the card (the demo card answering through `mynumber card login`, the page following by
// itself), the resident's information, the exchanges about them after two agencies exchanged
// through the network (one answer not to be disclosed: counted, not shown), who handled their
// record, a receipt downloaded and checked back, and the log-out; by keyboard, every screen
// audited by axe in ja and en.
//
// Run by crates/cli/tests/browser.rs (cargo test), which passes the binary in MYNUMBER_BIN.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditPage, bin, callApi, freePort, launch, startServer, tabTo } from './lib.mjs';

const checked = [];
const audit = (page, name) => auditPage(page, name, checked);

let server, base, admin, browser, dataDir;

before(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  dataDir = mkdtempSync(join(tmpdir(), 'mynumber-portal-'));
  ({ server, admin } = await startServer(dataDir, port));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  for (const name of ['portal-landing-ja', 'portal-landing-en', 'portal-login-ja', 'portal-login-en',
    'portal-info-ja', 'portal-info-en', 'portal-letters-en', 'portal-data-ja', 'portal-data-en', 'portal-exchanges-ja', 'portal-exchanges-en',
    'portal-access-ja', 'portal-access-en', 'portal-check-en', 'portal-check-bad-ja',
    'portal-notices-en', 'portal-notices-ja', 'portal-notice-ja', 'portal-consents-en',
    'portal-consents-ja', 'portal-suspended-ja',
    'portal-logged-out-en']) {
    assert.ok(checked.includes(name), `${name} was not audited`);
  }
});

const api = (method, path, body, token = admin) => callApi(base, token, method, path, body);
const b64u = (bytes) => Buffer.from(bytes).toString('base64url');

/** A compact JWS (ES256) by WebCrypto: its ECDSA signature is already R‖S. */
async function jws(key, header, payload) {
  const input = `${b64u(JSON.stringify(header))}.${b64u(payload)}`;
  const sig = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, Buffer.from(input));
  return `${input}.${b64u(sig)}`;
}

/** An agency: registered with its signing key and one unit, and its token. */
async function agency(corporate, name, unit, kind) {
  const sig = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const enc = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
  const sigJwk = await crypto.subtle.exportKey('jwk', sig.publicKey);
  const encJwk = await crypto.subtle.exportKey('jwk', enc.publicKey);
  const org = await api('POST', '/api/v1/organisations', { corporate_number: corporate, name, roles: ['number-using'] });
  const id = org.organisation_id;
  await api('POST', `/api/v1/organisations/${id}/keys`, { kid: 'k1', jwk: { kty: 'EC', crv: 'P-256', x: sigJwk.x, y: sigJwk.y } });
  await api('POST', `/api/v1/organisations/${id}/units`, {
    unit, kind, display_name: name, encryption_key: { kty: 'EC', crv: 'P-256', x: encJwk.x, y: encJwk.y },
  });
  const now = Math.floor(Date.now() / 1000);
  const assertion = await jws(sig.privateKey, { alg: 'ES256', kid: 'k1' }, JSON.stringify({
    iss: id, sub: id, aud: `${base}/api/v1/oauth/token`, iat: now, exp: now + 120, jti: crypto.randomUUID(),
  }));
  const r = await fetch(`${base}/api/v1/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials', client_id: id, client_assertion: assertion,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    }),
  });
  const body = await r.json();
  assert.ok(r.ok, JSON.stringify(body));
  return { key: sig.privateKey, unit, token: body.access_token };
}

/** Logs in to the portal by keyboard; the demo card answers through the authentication app.
 * With `audited`, the log-in's page is audited in ja and en on the way. */
async function logIn(page, audited = false) {
  // The log-in, by keyboard: its page with the confirmation number and the app's command.
  await page.goto(`${base}/portal?lang=ja`);
  await tabTo(page, 'form[action^="/portal/login"] button');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/portal\/login\/[0-9a-f]{32}/);
  const loginUrl = page.url().split('?')[0];
  const confirmation = (await page.textContent('.confirmation strong')).trim();
  assert.match(confirmation, /^\d{3} \d{3}$/);
  assert.match(await page.textContent('main'), new RegExp(`--url ${loginUrl}`));
  if (audited) await audit(page, 'portal-login-ja');
  await page.goto(`${loginUrl}?lang=en`);
  if (audited) await audit(page, 'portal-login-en');

  // The authentication app with a demo card (PIN 1234) shows the same number and signs.
  const cards = join(dataDir, 'data', 'demo-cards');
  const card = join(cards, readdirSync(cards)[0]);
  const app = spawnSync(bin, ['--data-dir', join(dataDir, 'data'), 'card', 'login', card, '--url', loginUrl],
    { encoding: 'utf8', env: { ...process.env, MYNUMBER_CARD_PIN: '1234' } });
  assert.equal(app.status, 0, app.stdout + app.stderr);
  assert.ok(app.stdout.includes(confirmation), app.stdout);
  // The page follows by itself; Continue, by keyboard, begins the session.
  await page.waitForSelector(`form[method="post"][action="${new URL(loginUrl).pathname}"] button`, { timeout: 15000 });
  await tabTo(page, `form[method="post"][action="${new URL(loginUrl).pathname}"] button`);
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.pathname === '/portal');
}

test('a resident logs in to the portal with the card and sees their information, exchanges and access records, in ja and en', async () => {
  const page = await browser.newPage();
  await page.setExtraHTTPHeaders({ 'accept-language': 'ja' });
  await page.goto(`${base}/portal`);
  assert.equal(await page.getAttribute('html', 'lang'), 'ja');
  await audit(page, 'portal-landing-ja');
  await page.goto(`${base}/portal?lang=en`);
  assert.match(await page.textContent('h1'), /Your information/);
  await audit(page, 'portal-landing-en');
  // A page behind the log-in without it: back to the first page.
  await page.goto(`${base}/portal/access`);
  assert.equal(new URL(page.url()).pathname, '/portal');

  await logIn(page, true);
  await page.goto(`${base}/portal?lang=ja`);
  const [name, birth] = (await page.locator('dl.summary-list').first().locator('dd').allTextContents())
    .map((t) => t.trim());
  assert.ok(name.length > 1 && /^\d{4}-\d{2}-\d{2}$/.test(birth), `${name} ${birth}`);
  assert.match(await page.textContent('main'), /マイナンバーカード/);
  await audit(page, 'portal-info-ja');
  await page.goto(`${base}/portal?lang=en`);
  assert.match(await page.textContent('main'), /Resident record/);
  await audit(page, 'portal-info-en');
  // The language of the letters, chosen by keyboard: Tiếng Việt, then saved and shown so.
  await tabTo(page, '#letters-language');
  await page.selectOption('#letters-language', 'vi');
  await tabTo(page, 'form[action^="/portal/letters"] button');
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.search.includes('letters=1'));
  assert.match(await page.textContent('main'), /The language of your letters is saved/);
  assert.equal(await page.inputValue('#letters-language'), 'vi');
  await audit(page, 'portal-letters-en');

  // Two agencies exchange about this resident: the board of education asks the mayor's
  // offices for 就学援助; one of the two copies is not to be disclosed to the resident.
  const found = await api('POST', '/api/v1/residents/search', { name: name.split(/\s+/)[0], birth_date: birth });
  const holder = found.results.find((r) => r.current.resident.birth_date === birth);
  assert.ok(holder, JSON.stringify(found));
  const { individual_number: number } = await api('POST', `/api/v1/residents/${holder.resident_code}/individual-number`, { purpose: 'tax' });
  const mayor = await agency('7000020131041', '新宿区長', '131041/mayor', 'municipality-mayor');
  const board = await agency('5000030131041', '新宿区教育委員会', '131041/board-of-education', 'board-of-education');
  const code = async (a) => (await api('POST', '/api/v1/exchange/codes',
    { unit: a.unit, persons: [{ acquisition: 'p1', individual_number: number }] }, a.token))[0].code;
  const mayorCode = await code(mayor);
  const boardCode = await code(board);
  await api('PUT', '/api/v1/exchange/copies', { unit: mayor.unit, item: 'local-tax', copies: [{ code: mayorCode, fields: {
    'fiscal-year': '2026', 'total-income': '4200000', 'taxable-income': '2800000', 'income-levy': '168000',
    'per-capita-levy': '5000', dependants: '1', 'non-taxable': 'no' } }] }, mayor.token);
  await api('PUT', '/api/v1/exchange/copies', { unit: mayor.unit, item: 'resident-household', copies: [{ code: mayorCode,
    non_disclosure: true, fields: { relationship: '世帯主', 'head-name': name, 'household-size': '1', 'resident-since': '2020-04-01' } }] }, mayor.token);
  for (const [i, item] of ['local-tax', 'resident-household'].entries()) {
    const text = `mynumber-exchange-request-v1\nid: ${String(i + 1).padStart(32, '0')}\nrequester: ${board.unit}\n`
      + `provider: ${mayor.unit}\nprocedure: school-expense-aid\nitem: ${item}\ncode: ${boardCode}\n`
      + `requested-at: ${Math.floor(Date.now() / 1000)}\n`;
    const sent = await jws(board.key, { alg: 'ES256', kid: 'k1', typ: 'mynumber-exchange-request+jwt' }, text);
    const r = await fetch(`${base}/api/v1/exchange/requests`, {
      method: 'POST', headers: { authorization: `Bearer ${board.token}`, 'content-type': 'application/jose' }, body: sent,
    });
    assert.equal(r.status, 200, await r.text());
  }

  // 自己情報: what the mayor's offices hold, fetched through the network under the portal's
  // own code; the copy not to be disclosed is not shown.
  await page.goto(`${base}/portal/data?lang=ja`);
  const held = await page.textContent('main');
  assert.match(held, /地方税関係情報/);
  assert.match(held, /168000/);
  assert.doesNotMatch(held, /住民票関係情報/);
  await audit(page, 'portal-data-ja');
  await page.goto(`${base}/portal/data?lang=en`);
  assert.match(await page.textContent('main'), /Income-based levy/);
  await audit(page, 'portal-data-en');

  // やりとり履歴, at once: the board's exchanges (one shown, the other counted) and the
  // portal's own fetches.
  await page.goto(`${base}/portal/exchanges?lang=en`);
  const exchanges = await page.textContent('main');
  assert.match(exchanges, /School expense aid/);
  assert.match(exchanges, /新宿区教育委員会/);
  assert.match(exchanges, /Local tax information/);
  // The board's one shown and one counted; the data page, opened twice (ja, en), fetched three
  // items each time: the local tax and the child allowance (none held) shown, the household
  // (not to be disclosed) counted.
  assert.match(exchanges, /also 3 records that/);
  assert.equal(await page.locator('tbody tr').count(), 5);
  assert.match(exchanges, /Information given to you/);
  await audit(page, 'portal-exchanges-en');
  await page.goto(`${base}/portal/exchanges?lang=ja`);
  assert.match(await page.textContent('main'), /就学援助/);
  await audit(page, 'portal-exchanges-ja');

  // お知らせ: the mayor's offices write; the notice is listed unread, opened, then read.
  await api('POST', '/api/v1/exchange/notices', { unit: mayor.unit, code: mayorCode,
    title: '就学援助の申請について', body: '申請を受け付けました。\n結果は後日お知らせします。' }, mayor.token);
  await page.goto(`${base}/portal/notices?lang=en`);
  assert.match(await page.textContent('main'), /You have 1 unread notice/);
  await audit(page, 'portal-notices-en');
  await page.goto(`${base}/portal/notices?lang=ja`);
  assert.match(await page.textContent('main'), /未読/);
  await audit(page, 'portal-notices-ja');
  await tabTo(page, '.notice-list a');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/portal\/notices\/[0-9a-f]{32}/);
  const opened = await page.textContent('main');
  assert.match(opened, /就学援助の申請について/);
  assert.match(opened, /新宿区長/);
  await audit(page, 'portal-notice-ja');
  await page.goto(`${base}/portal/notices?lang=ja`);
  assert.equal(await page.locator('.notice-list .badge').count(), 0);

  // 同意: no business has the resident's consent to the latest four items here.
  await page.goto(`${base}/portal/consents?lang=en`);
  assert.match(await page.textContent('main'), /You have not agreed/);
  await audit(page, 'portal-consents-en');
  await page.goto(`${base}/portal/consents?lang=ja`);
  await audit(page, 'portal-consents-ja');

  // アクセス記録: the number read for the exchange's codes, the log-in, …
  await page.goto(`${base}/portal/access?lang=ja`);
  const access = await page.textContent('main');
  assert.match(access, /個人番号を見ました/);
  assert.match(access, /行政機関に符号を発行しました/);
  await audit(page, 'portal-access-ja');
  await page.goto(`${base}/portal/access?lang=en`);
  await audit(page, 'portal-access-en');

  // The receipt, downloaded with the page's own session, then checked back through the form.
  const receipt = await page.request.get(`${base}/portal/access/receipt`);
  assert.equal(receipt.status(), 200);
  const text = await receipt.text();
  assert.match(text, /^mynumber access history v1\n/);
  await page.setInputFiles('#receipt', { name: 'receipt.txt', mimeType: 'text/plain', buffer: Buffer.from(text) });
  await tabTo(page, 'form[action^="/portal/access/check"] button');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.notice[role="status"]');
  assert.match(await page.textContent('main'), /This receipt is genuine, and all \d+ records in it are still the same/);
  await audit(page, 'portal-check-en');
  // One byte changed: not this system's receipt.
  await page.goto(`${base}/portal/access?lang=ja`);
  await page.setInputFiles('#receipt', { name: 'receipt.txt', mimeType: 'text/plain',
    buffer: Buffer.from(text.replace('number-read', 'number-reaD')) });
  await tabTo(page, 'form[action^="/portal/access/check"] button');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.notice[role="alert"]');
  assert.match(await page.textContent('main'), /確かめられません/);
  await audit(page, 'portal-check-bad-ja');

  // Log out, by keyboard: the portal's first page says so, and the pages are closed again.
  await page.goto(`${base}/portal?lang=en`);
  await tabTo(page, 'form[action="/portal/logout"] button');
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.pathname === '/portal');
  assert.match(await page.textContent('main'), /You are logged out/);
  await audit(page, 'portal-logged-out-en');
  await page.goto(`${base}/portal/exchanges`);
  assert.equal(new URL(page.url()).pathname, '/portal');
  // The card lost: logged in again, and suspended from the portal at once, by keyboard. The
  // suspension ends the portal's sessions too: the first page says so, and the pages close.
  await logIn(page);
  await page.goto(`${base}/portal?lang=en`);
  assert.match(await page.textContent('table'), /In use/);
  await tabTo(page, 'form[action="/portal/card/suspend"] button');
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.search.includes('suspended=1'));
  assert.match(await page.textContent('main'), /Your card is suspended/);
  await page.goto(`${base}/portal?suspended=1&lang=ja`);
  await audit(page, 'portal-suspended-ja');
  await page.goto(`${base}/portal/access`);
  assert.equal(new URL(page.url()).pathname, '/portal');
});

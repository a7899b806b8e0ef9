// Log-in with the card in Debian's Chromium (issue 12, docs/design/oidc.md), with openid-client
// (npm, OpenID-certified) as the relying party: discovery, the authorization request with PKCE,
// state and nonce; the resident's pages by keyboard, audited by axe in ja and en; the demo card
// answering through `mynumber card login`; the consent; the code for tokens with
// private_key_jwt; the ID token verified by openid-client itself; userinfo; logout.
//
// Run by crates/cli/tests/browser.rs (cargo test), which passes the binary in MYNUMBER_BIN.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createServer as createHttpServer } from 'node:http';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as client from 'openid-client';
import { auditPage, bin, callApi, freePort, launch, shots, startServer, tabTo } from './lib.mjs';
const checked = [];
const audit = (page, name) => auditPage(page, name, checked);

let server, base, admin, browser, dataDir, rp, rpBase;
/** The URLs the relying party's own server was sent to, in order. */
const arrived = [];


before(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  dataDir = mkdtempSync(join(tmpdir(), 'mynumber-login-'));
  ({ server, admin } = await startServer(dataDir, port));
  // The relying party's own pages: where the browser comes back to.
  rp = createHttpServer((req, res) => {
    if (req.url !== '/favicon.ico') arrived.push(`${rpBase}${req.url}`);
    res.writeHead(200, { 'content-type': 'text/plain' }).end('back at the relying party');
  });
  await new Promise((resolve) => rp.listen(0, '127.0.0.1', resolve));
  rpBase = `http://127.0.0.1:${rp.address().port}`;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
  rp?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  // Every screen of the log-in, in both languages.
  for (const name of ['login-waiting-ja', 'login-waiting-en', 'login-consent-en', 'login-consent-ja',
    'login-finished-en', 'login-bad-client-ja', 'login-logged-out-en', 'login-other-browser-en',
    'login-expired-en', 'login-expired-ja', 'login-self-consent-en', 'login-self-consent-ja',
    'login-not-found-ja', 'developers-en', 'developers-ja']) {
    assert.ok(checked.includes(name), `${name} was not audited`);
  }
});

const api = (method, path, body) => callApi(base, admin, method, path, body);

test('a resident logs in with the card at an openid-client relying party, by keyboard, in ja and en', async () => {
  // The relying party: registered by the administrator, with its own P-256 key and its URIs.
  const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const jwk = await crypto.subtle.exportKey('jwk', keys.publicKey);
  const org = await api('POST', '/api/v1/organisations', {
    corporate_number: '5835678256246', name: '株式会社サンプル認証', roles: ['authentication-verifier'],
  });
  const id = org.organisation_id;
  await api('POST', `/api/v1/organisations/${id}/keys`, {
    kid: 'rp1', jwk: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y },
  });
  const callback = `${rpBase}/callback`;
  const goodbye = `${rpBase}/goodbye`;
  const registered = await api('PUT', `/api/v1/organisations/${id}/client`, {
    redirect_uris: [callback], post_logout_redirect_uris: [goodbye],
  });
  assert.equal(registered.issuer, `${base}/api/realms/main`);

  const config = await client.discovery(new URL(registered.issuer), id,
    { id_token_signed_response_alg: 'ES256' },
    client.PrivateKeyJwt({ key: keys.privateKey, kid: 'rp1' }),
    { execute: [client.allowInsecureRequests] });
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: callback,
    scope: 'openid name address birthdate gender',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ui_locales: 'ja',
  });

  const page = await browser.newPage();
  await page.setExtraHTTPHeaders({ 'accept-language': 'en' });
  // The relying party's ui_locales wins over the browser's language.
  await page.goto(url.href);
  await page.waitForURL(/\/protocol\/openid-connect\/login\/[0-9a-f]{32}$/);
  const loginUrl = page.url();
  assert.equal(await page.getAttribute('html', 'lang'), 'ja');
  assert.match(await page.textContent('main'), /株式会社サンプル認証/);
  const confirmation = (await page.textContent('.confirmation strong')).trim();
  assert.match(confirmation, /^\d{3} \d{3}$/);
  await audit(page, 'login-waiting-ja');
  // The QR code for an app on another device is the page's own URL (zbar reads it).
  const qr = spawnSync('zbarimg', ['--raw', '-q', join(shots, 'login-waiting-ja.png')], { encoding: 'utf8' });
  assert.equal(qr.stdout.trim(), loginUrl, qr.stderr);
  await page.goto(`${loginUrl}?lang=en`);
  assert.match(await page.textContent('h1'), /Log in with your My Number Card/);
  await audit(page, 'login-waiting-en');

  // The authentication app with a demo card (PIN 1234): it shows the same confirmation number.
  const card = join(dataDir, 'data', 'demo-cards', readdirSync(join(dataDir, 'data', 'demo-cards'))[0]);
  const app = spawnSync(bin, ['--data-dir', join(dataDir, 'data'), 'card', 'login', card, '--url', loginUrl],
    { encoding: 'utf8', env: { ...process.env, MYNUMBER_CARD_PIN: '1234' } });
  assert.equal(app.status, 0, app.stdout + app.stderr);
  assert.ok(app.stdout.includes(confirmation), app.stdout);

  // The page follows the app by itself (its script asks where the log-in stands): the consent
  // appears without choosing Continue. Then agreement, by keyboard.
  await page.waitForSelector('button[value="agree"]', { timeout: 15000 });
  await audit(page, 'login-consent-en');
  await page.goto(`${loginUrl}?lang=ja`);
  await page.waitForSelector('button[value="agree"]');
  await audit(page, 'login-consent-ja');
  await tabTo(page, 'button[value="agree"]');
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.href.startsWith(callback));
  const returned = arrived.at(-1);
  assert.ok(returned.startsWith(`${callback}?code=`), returned);

  // openid-client trades the code and verifies the ID token (signature with the JWKS, iss,
  // aud, nonce, exp), then reads userinfo.
  const tokens = await client.authorizationCodeGrant(config, new URL(returned), {
    pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce, idTokenExpected: true,
  });
  const claims = tokens.claims();
  assert.match(claims.sub, /^[0-9a-f]{64}$/);
  assert.equal(claims.acr, 'aal3');
  const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
  assert.ok(info.name && info.address.formatted && /^\d{4}-\d{2}-\d{2}$/.test(info.birthdate), JSON.stringify(info));
  assert.ok(['male', 'female'].includes(info.gender));

  // The page afterwards says the log-in is finished.
  await page.goto(`${loginUrl}?lang=en`);
  assert.match(await page.textContent('main'), /finished/);
  await audit(page, 'login-finished-en');

  // A client the provider does not know is told to the resident, never redirected.
  await page.goto(`${registered.issuer}/protocol/openid-connect/auth?client_id=${'0'.repeat(32)}&redirect_uri=${encodeURIComponent(callback)}&ui_locales=ja`);
  assert.equal(await page.getAttribute('html', 'lang'), 'ja');
  await audit(page, 'login-bad-client-ja');

  // Logout back to the registered URI, with the state; without one, the page says so.
  const logout = client.buildEndSessionUrl(config, {
    id_token_hint: tokens.id_token, post_logout_redirect_uri: goodbye, state: 'bye-1',
  });
  await page.goto(logout.href);
  await page.waitForURL((u) => u.href.startsWith(goodbye));
  assert.equal(arrived.at(-1), `${goodbye}?state=bye-1`);
  await page.goto(`${registered.issuer}/protocol/openid-connect/logout?lang=en`);
  assert.match(await page.textContent('main'), /logged out/);
  await audit(page, 'login-logged-out-en');

  // 自己情報取得API: an app asks for two of the agencies' data sets; the consent lists each
  // with a box, and the resident unticks one by keyboard before agreeing. openid-client then
  // reads the granted one, is refused the other (insufficient_scope), and refreshes.
  const selfVerifier = client.randomPKCECodeVerifier();
  const selfState = client.randomState();
  const selfNonce = client.randomNonce();
  const selfUrl = client.buildAuthorizationUrl(config, {
    redirect_uri: callback, scope: 'openid self:local-tax self:child-allowance', state: selfState,
    nonce: selfNonce, code_challenge: await client.calculatePKCECodeChallenge(selfVerifier),
    code_challenge_method: 'S256', ui_locales: 'en',
  });
  await page.goto(selfUrl.href);
  await page.waitForURL(/\/protocol\/openid-connect\/login\/[0-9a-f]{32}$/);
  const selfLogin = page.url();
  const selfApp = spawnSync(bin, ['--data-dir', join(dataDir, 'data'), 'card', 'login', card, '--url', selfLogin],
    { encoding: 'utf8', env: { ...process.env, MYNUMBER_CARD_PIN: '1234' } });
  assert.equal(selfApp.status, 0, selfApp.stdout + selfApp.stderr);
  await page.waitForSelector('input[name="item"]', { timeout: 15000 });
  assert.equal(await page.locator('input[name="item"]:checked').count(), 2);
  await audit(page, 'login-self-consent-en');
  await page.goto(`${selfLogin}?lang=ja`);
  await page.waitForSelector('input[name="item"]');
  await audit(page, 'login-self-consent-ja');
  await tabTo(page, 'input[value="self:child-allowance"]');
  await page.keyboard.press('Space');
  assert.equal(await page.isChecked('input[value="self:child-allowance"]'), false);
  await tabTo(page, 'button[value="agree"]');
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.href.startsWith(callback));
  const selfTokens = await client.authorizationCodeGrant(config, new URL(arrived.at(-1)), {
    pkceCodeVerifier: selfVerifier, expectedState: selfState, expectedNonce: selfNonce,
    idTokenExpected: true,
  });
  assert.equal(selfTokens.scope, 'openid self:local-tax');
  assert.match(selfTokens.refresh_token, /^mnr_[0-9a-f]{64}$/);
  const selfRead = async (token, item) => client.fetchProtectedResource(config, token,
    new URL(`${base}/api/v1/self-information/${item}`), 'GET');
  const tax = await selfRead(selfTokens.access_token, 'local-tax');
  assert.equal(tax.status, 200);
  assert.equal((await tax.json()).item, 'local-tax');
  await assert.rejects(selfRead(selfTokens.access_token, 'child-allowance'),
    (e) => e.status === 403 || /insufficient_scope/.test(String(e.cause?.error ?? e.message)));
  const renewed = await client.refreshTokenGrant(config, selfTokens.refresh_token);
  assert.notEqual(renewed.refresh_token, selfTokens.refresh_token);
  assert.equal((await selfRead(renewed.access_token, 'local-tax')).status, 200);

  // A log-in opened in another browser (without the cookie that binds it) says where to go on;
  // without its script it still offers Continue on the page that began it.
  const second = client.buildAuthorizationUrl(config, {
    redirect_uri: callback, scope: 'openid', state: client.randomState(), nonce: client.randomNonce(),
    code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
  });
  await page.goto(second.href);
  await page.waitForURL(/\/protocol\/openid-connect\/login\/[0-9a-f]{32}$/);
  const elsewhere = page.url();
  await browser.clearCookies();
  await page.goto(`${elsewhere}?lang=en`);
  assert.match(await page.textContent('main'), /another browser/);
  await audit(page, 'login-other-browser-en');
  // The same log-in once its time has run out (its expiry moved back in the database, as the
  // server's clock is the real one): the page says so.
  const expire = spawnSync('python3', ['-c', `import sqlite3, sys
db = sqlite3.connect(sys.argv[1], timeout=10)
n = db.execute("UPDATE oidc_logins SET expires_at_us = 0 WHERE id = ?", (sys.argv[2],)).rowcount
db.commit()
sys.exit(0 if n == 1 else 1)`, join(dataDir, 'data', 'registry.db'), elsewhere.split('/').at(-1)], { encoding: 'utf8' });
  assert.equal(expire.status, 0, expire.stderr);
  await page.goto(`${elsewhere}?lang=en`);
  assert.match(await page.textContent('main'), /timed out/);
  await audit(page, 'login-expired-en');
  await page.goto(`${elsewhere}?lang=ja`);
  assert.match(await page.textContent('main'), /時間切れ/);
  await audit(page, 'login-expired-ja');
  // A log-in that does not exist.
  await page.goto(`${registered.issuer}/protocol/openid-connect/login/${'0'.repeat(32)}?lang=ja`);
  assert.equal(await page.getAttribute('html', 'lang'), 'ja');
  await audit(page, 'login-not-found-ja');

  // The relying parties' page: this deployment's issuer and endpoints, and the example.
  for (const lang of ['en', 'ja']) {
    await page.goto(`${base}/developers?lang=${lang}`);
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    const main = await page.textContent('main');
    assert.ok(main.includes(`ISSUER = "${registered.issuer}"`), main);
    assert.ok(main.includes(`${registered.issuer}/protocol/openid-connect/token`), main);
    await audit(page, `developers-${lang}`);
  }
  await page.close();
});

// The clerk's desk in Debian's Chromium (issue 11, docs/design/web.md): enrolment, sign-in,
// search, a record, the language switch and sign-out, each done with the keyboard alone; axe-core
// on every screen in Japanese and English (no serious or critical violation); no sideways
// scrolling at 320 px or at 200 % zoom; a PNG of each screen in target/screenshots/.
//
// Run by crates/cli/tests/browser.rs (cargo test), which passes the binary in MYNUMBER_BIN.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { auditPage, bin, launch, shots, startServer, tabTo } from './lib.mjs';

let server, base, admin, browser, dataDir;

/** CRC-32 of PNG's chunks (ISO 3309), bit by bit: Debian's Node 18 has no zlib.crc32. */
function crc32(bytes) {
  let crc = 0xffffffff;
  for (const b of bytes) {
    crc ^= b;
    for (let i = 0; i < 8; i++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * A seal's impression as a scanner saves it, made here apart from the server's own demo seal:
 * a red ring and a stroke, `sideMm` across at 600 dpi, an RGB PNG compressed by Node's zlib
 * with its resolution in pHYs.
 */
function sealPng(sideMm) {
  const perMetre = 23622;
  const side = Math.floor((sideMm * perMetre) / 1000);
  const row = side * 3 + 1;
  const raw = Buffer.alloc(side * row, 255);
  for (let y = 0; y < side; y++) {
    raw[y * row] = 0;
    for (let x = 0; x < side; x++) {
      const dx = x + 0.5 - side / 2;
      const dy = y + 0.5 - side / 2;
      const d = Math.hypot(dx, dy);
      if ((d <= side / 2 && d >= side * 0.44) || (Math.abs(dx) < side * 0.04 && d < side * 0.4)) {
        raw.set([200, 30, 40], y * row + 1 + x * 3);
      }
    }
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([len, typed, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const phys = Buffer.alloc(9);
  phys.writeUInt32BE(perMetre, 0);
  phys.writeUInt32BE(perMetre, 4);
  phys[8] = 1;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('pHYs', phys),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Starts the server on a free port of loopback with a demo municipality. */
async function start() {
  dataDir = mkdtempSync(join(tmpdir(), 'mynumber-browser-'));
  ({ server, base, admin } = await startServer(dataDir));
}

/** A staff member made by the administrator over the API; returns their first token. */
async function addStaff(name, role, municipality) {
  const r = await fetch(`${base}/api/v1/staff`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name, role, municipality_code: municipality }),
  });
  const body = await r.text();
  assert.ok(r.ok, body);
  return JSON.parse(body).token;
}

/** RFC 4648 base32 and RFC 6238 TOTP, computed here apart from the server's code. */
function totp(key, offset = 0) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of key) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000) + offset));
  const mac = createHmac('sha1', Buffer.from(bytes)).update(counter).digest();
  const o = mac[19] & 0x0f;
  const n = ((mac[o] & 0x7f) << 24) | (mac[o + 1] << 16) | (mac[o + 2] << 8) | mac[o + 3];
  return String(n % 1_000_000).padStart(6, '0');
}

/** Enrols a staff member's token as `login` and signs in, in Japanese, quickly (the keyboard
 * flow of enrolment and sign-in is the first test's). */
async function enrolAndSignIn(page, token, login, origin = base) {
  await page.goto(`${origin}/desk/language?to=ja&back=/desk/enrol`);
  await page.fill('#token', token);
  await page.fill('#login', login);
  await page.fill('#password', 'correct horse battery');
  await page.press('#password', 'Enter');
  const key = (await page.locator('#totp-key').textContent()).trim();
  await page.fill('#code', totp(key));
  await page.press('#code', 'Enter');
  await page.waitForURL(/enrolled=1$/);
  await page.fill('#login', login);
  await page.fill('#password', 'correct horse battery');
  await page.fill('#code', totp(key, 1));
  await page.press('#code', 'Enter');
  await page.waitForURL(`${origin}/desk`);
}


/** Chooses a radio button as a keyboard user does: Tab into the group, then the arrow keys. */
async function chooseRadio(page, name, value) {
  await tabTo(page, `input[name="${name}"]`);
  await page.keyboard.press('Space');
  for (let i = 0; i < 12 && !(await page.isChecked(`#${name}-${value}`)); i++) {
    await page.keyboard.press('ArrowDown');
  }
  assert.ok(await page.isChecked(`#${name}-${value}`), `${name}=${value} cannot be chosen by keyboard`);
}

/** Types into a field reached with the keyboard. */
async function typeInto(page, selector, text) {
  await tabTo(page, selector);
  await page.keyboard.type(text);
}

/** Types over what a field holds, reached with the keyboard (Ctrl+A selects its text). */
async function typeOver(page, selector, text) {
  await tabTo(page, selector, 120);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

/** Chooses an option of a select reached with the keyboard, with the arrow keys. */
async function chooseOption(page, selector, value) {
  await tabTo(page, selector, 120);
  // Down to the last option, then up: the option may be above the one chosen now.
  for (const key of ['ArrowDown', 'ArrowUp']) {
    for (let i = 0; i < 60 && (await page.inputValue(selector)) !== value; i++) {
      await page.keyboard.press(key);
    }
  }
  assert.equal(await page.inputValue(selector), value, `${selector}=${value} cannot be chosen by keyboard`);
}

/** A date field, focused by keyboard and given its value (a date control's segments follow the
 * browser's locale, which a test should not guess). */
async function dateInto(page, selector, iso) {
  await tabTo(page, selector, 120);
  await page.fill(selector, iso);
}

const checked = [];

/** axe-core, sideways scrolling and screenshots (`lib.mjs`), the page counted as checked. */
const audit = (page, name) => auditPage(page, name, checked);

before(async () => {
  await start();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('a clerk enrols, signs in, finds a resident, reads the record and signs out, by keyboard, in ja and en', async () => {
  const token = await addStaff('田中 花子', 'registry-clerk', '131041');
  const page = await browser.newPage();
  await page.setExtraHTTPHeaders({ 'accept-language': 'ja,en;q=0.5' });

  // Enrolment, with a mistake first: the error summary takes the focus and links the field.
  await page.goto(`${base}/desk/enrol`);
  assert.equal(await page.getAttribute('html', 'lang'), 'ja');
  await audit(page, 'desk-enrol-ja');
  await typeInto(page, '#token', token);
  await typeInto(page, '#login', 'Tanaka H');
  await typeInto(page, '#password', 'correct horse battery');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#error-summary');
  assert.match(await page.textContent('#error-summary'), /ログイン名/);
  assert.equal(await page.getAttribute('#login', 'aria-invalid'), 'true');
  await audit(page, 'desk-enrol-error-ja');
  await typeInto(page, '#token', token);
  await page.fill('#login', '');
  await typeInto(page, '#login', 'tanaka.h');
  await typeInto(page, '#password', 'correct horse battery');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#totp-key');
  await audit(page, 'desk-enrol-app-ja');
  const key = (await page.textContent('#totp-key')).trim();
  // The QR code, read back from the screen by zbar: the app gets the same key.
  const qr = spawnSync('zbarimg', ['--raw', '-q', join(shots, 'desk-enrol-app-ja.png')], { encoding: 'utf8' });
  assert.equal(qr.status, 0, qr.stderr);
  assert.match(qr.stdout.trim(), new RegExp(`^otpauth://totp/mynumber:tanaka\\.h\\?secret=${key}&issuer=mynumber&algorithm=SHA1&digits=6&period=30$`));
  await typeInto(page, '#code', totp(key));
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/desk\/sign-in\?enrolled=1$/);
  await audit(page, 'desk-sign-in-ja');

  // Sign-in with the next code (a code is taken once).
  await typeInto(page, '#login', 'tanaka.h');
  await typeInto(page, '#password', 'correct horse battery');
  await typeInto(page, '#code', totp(key, 1));
  await page.keyboard.press('Enter');
  await page.waitForURL(`${base}/desk`);
  assert.ok((await page.textContent('header')).includes('田中 花子(住民記録担当)'));
  await audit(page, 'desk-home-ja');
  // The Japanese text is set in the Noto Sans JP the server sends (its slices, as the page's
  // characters need them), whatever fonts this machine has.
  const served = await page.evaluate(async () => {
    await document.fonts.ready;
    return [...document.fonts].filter((f) => f.family.replace(/['"]/g, '') === 'Noto Sans JP' && f.status === 'loaded').length;
  });
  assert.ok(served > 0, 'no slice of Noto Sans JP was loaded');
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).fontFamily.split(',')[0].replace(/['"]/g, '').trim()), 'Noto Sans JP');

  // The registration form, from the navigation: sent empty, every problem is in the summary,
  // which is announced and links to each field.
  await tabTo(page, 'nav a[href="/desk/residents/new"]');
  await page.keyboard.press('Enter');
  await page.waitForURL(`${base}/desk/residents/new`);
  await audit(page, 'desk-register-ja');
  await tabTo(page, 'main form button[type="submit"]', 120);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#error-summary');
  assert.ok(await page.locator('#error-summary a[href="#family_name"]').count() === 1);
  await audit(page, 'desk-register-error-ja');
  await page.goto(`${base}/desk`);

  // The search, from the navigation.
  await tabTo(page, 'nav a[href="/desk/residents"]');
  await page.keyboard.press('Enter');
  await page.waitForURL(`${base}/desk/residents`);
  await audit(page, 'desk-search-ja');
  // Sent with neither a name nor a date: the summary asks for one, linked to the name.
  await tabTo(page, 'main form button[type="submit"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#error-summary');
  assert.ok(await page.locator('#error-summary a[href="#name"]').count() === 1);
  await audit(page, 'desk-search-error-ja');
  await page.goto(`${base}/desk/residents`);
  await typeInto(page, '#name', 'やま');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#results-title');
  const first = page.locator('tbody a').first();
  assert.ok(await first.count() > 0, 'the demo municipality has a resident whose reading begins with ヤマ');
  await audit(page, 'desk-search-results-ja');
  const href = await first.getAttribute('href');
  await tabTo(page, `tbody a[href="${href}"]`, 80);
  await page.keyboard.press('Enter');
  await page.waitForURL(`${base}${href}`);
  assert.match(await page.textContent('main'), /異動の履歴/);
  assert.doesNotMatch(await page.textContent('main'), /\d{4}-\d{2}-\d{2}T/, 'no raw ISO timestamp');
  await audit(page, 'desk-resident-ja');

  // The household, from the record.
  await tabTo(page, `a[href="${href}/household"]`, 80);
  await page.keyboard.press('Enter');
  await page.waitForURL(`${base}${href}/household`);
  assert.ok(await page.locator('tbody tr').count() >= 1);
  await audit(page, 'desk-household-ja');
  await page.goBack();

  // A change's form, from the record's list of changes.
  await tabTo(page, 'a[href$="/procedure?kind=address-change"]', 80);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/procedure\?kind=address-change$/);
  await audit(page, 'desk-procedure-ja');
  const procedureUrl = page.url();
  await page.goBack();

  // A copy of the resident record, by keyboard: an item ticked, the PDF downloaded, and its
  // text read back by pdftotext (poppler), apart from our renderer.
  const family = (await page.textContent('h1')).split(':').pop().trim().split(/\s+/)[0];
  await tabTo(page, '#item-householder', 120);
  await page.keyboard.press('Space');
  assert.ok(await page.isChecked('#item-householder'));
  await tabTo(page, '#document-title ~ form button[type="submit"]');
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  const pdf = join(shots, 'resident-record.pdf');
  await download.saveAs(pdf);
  const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  assert.equal(text.status, 0, text.stderr);
  assert.ok(text.stdout.includes(family), `the copy names ${family}: ${text.stdout.slice(0, 400)}`);

  // The number: a purpose chosen by keyboard, then shown masked until opened.
  await chooseRadio(page, 'purpose', 'tax');
  await tabTo(page, '#number-title ~ form button[type="submit"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('details.reveal');
  assert.equal(await page.isVisible('#individual-number'), false, 'masked until opened');
  await audit(page, 'desk-number-ja');
  await tabTo(page, 'details.reveal summary');
  await page.keyboard.press('Enter');
  assert.equal(await page.isVisible('#individual-number'), true);
  assert.match((await page.textContent('#individual-number')).trim(), /^\d{4} \d{4} \d{4}$/);
  await page.goBack();

  // English, from the switch; the choice is remembered.
  await tabTo(page, 'a[hreflang="en"]');
  await page.keyboard.press('Enter');
  await page.waitForURL(`${base}${href}`);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.match(await page.textContent('main'), /History of changes/);
  await audit(page, 'desk-resident-en');
  await chooseRadio(page, 'purpose', 'social-security');
  await tabTo(page, '#number-title ~ form button[type="submit"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('details.reveal');
  assert.match(await page.textContent('main'), /Shown for Social security/);
  await audit(page, 'desk-number-en');
  await page.goto(`${base}/desk/residents`);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await audit(page, 'desk-search-en');
  await typeInto(page, '#name', 'やま');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#results-title');
  assert.ok(await page.locator('tbody a').count() > 0);
  await audit(page, 'desk-search-results-en');
  await page.goto(`${base}/desk/residents`);
  // A search with a bad date: the summary is announced (role=alert) and links to the field.
  await typeInto(page, '#birth', '02301990');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#error-summary');
  assert.equal(await page.getAttribute('#error-summary', 'role'), 'alert');
  await audit(page, 'desk-search-error-en');
  await page.goto(`${base}/desk/residents/new`);
  await audit(page, 'desk-register-en');
  await tabTo(page, 'main form button[type="submit"]', 120);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#error-summary');
  assert.ok(await page.locator('#error-summary a[href="#family_name"]').count() === 1);
  await audit(page, 'desk-register-error-en');
  await page.goto(procedureUrl.replace('address-change', 'move-out'));
  await audit(page, 'desk-procedure-en');
  await page.goto(`${base}${href}/household`);
  await audit(page, 'desk-household-en');
  await page.goto(`${base}/desk`);
  await audit(page, 'desk-home-en');

  // Sign-out: back to sign-in, and the desk is closed.
  await tabTo(page, 'header button[type="submit"]');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/desk\/sign-in\?signed_out=1$/);
  await audit(page, 'desk-sign-in-en');
  await page.goto(`${base}/desk/enrol`);
  await audit(page, 'desk-enrol-en');
  // A colleague's enrolment in English, up to the authenticator app's page.
  const colleague = await addStaff('田中 次郎', 'registry-clerk', '131041');
  await typeInto(page, '#token', colleague);
  await typeInto(page, '#login', 'Tanaka J');
  await typeInto(page, '#password', 'correct horse battery');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#error-summary');
  assert.equal(await page.getAttribute('#login', 'aria-invalid'), 'true');
  await audit(page, 'desk-enrol-error-en');
  await typeInto(page, '#token', colleague);
  await page.fill('#login', '');
  await typeInto(page, '#login', 'tanaka.j');
  await typeInto(page, '#password', 'correct horse battery');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#totp-key');
  await audit(page, 'desk-enrol-app-en');
  await page.goto(`${base}/desk`);
  assert.match(page.url(), /\/desk\/sign-in$/);
  await page.close();
});

test('a call-center operator is refused the search by the policy, on a page that says so', async () => {
  const token = await addStaff('佐藤 一郎', 'call-center-operator', null);
  const page = await browser.newPage();
  await page.setExtraHTTPHeaders({ 'accept-language': 'ja' });
  await enrolAndSignIn(page, token, 'sato.i');
  const refused = await page.goto(`${base}/desk/residents`);
  assert.equal(refused.status(), 403);
  assert.match(await page.textContent('main'), /役割/);
  await audit(page, 'desk-refused-ja');
  await page.goto(`${base}/desk/language?to=en&back=/desk/residents`);
  assert.match(await page.textContent('main'), /role/);
  await audit(page, 'desk-refused-en');
  await page.close();
});

test('an auditor reads the ledger back and verifies it, by keyboard', async () => {
  const token = await addStaff('監査 次郎', 'auditor', '131041');
  const page = await browser.newPage();
  await page.setExtraHTTPHeaders({ 'accept-language': 'ja' });
  await enrolAndSignIn(page, token, 'kansa.j');
  await tabTo(page, 'nav a[href="/desk/ledger"]');
  await page.keyboard.press('Enter');
  await page.waitForURL(`${base}/desk/ledger`);
  await audit(page, 'desk-ledger-ja');
  await tabTo(page, '#verify-title ~ form button[type="submit"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#verify-title ~ p[role="status"]');
  assert.match(await page.textContent('#verify-title ~ p[role="status"]'), /検証しました/);
  await audit(page, 'desk-ledger-verified-ja');
  await page.goto(`${base}/desk/language?to=en&back=/desk/ledger`);
  await audit(page, 'desk-ledger-en');
  await tabTo(page, '#verify-title ~ form button[type="submit"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#verify-title ~ p[role="status"]');
  await audit(page, 'desk-ledger-verified-en');
  await page.close();
});

test('a call-center operator finds a caller\'s card and suspends it, by keyboard, with the script and next steps in the call\'s language', async () => {
  // A demo card's holder, as the caller: their reading, birth date and address (from the API,
  // as the caller knows them; the operator's screen never shows them).
  const code = readdirSync(join(dataDir, 'data', 'demo-cards'))[0].replace(/\.mnc$/, '');
  const r = await fetch(`${base}/api/v1/residents/${code}`, { headers: { authorization: `Bearer ${admin}` } });
  assert.ok(r.ok);
  const holder = (await r.json()).current.resident;
  const kana = `${holder.family_name_kana ?? ''} ${holder.given_name_kana ?? ''}`.trim() || holder.latin_name;
  const [y, m, d] = holder.birth_date.split('-');

  const token = await addStaff('受付 花子', 'call-center-operator', null);
  const page = await browser.newPage();
  await page.setExtraHTTPHeaders({ 'accept-language': 'ja' });
  await enrolAndSignIn(page, token, 'uketsuke.h');
  await tabTo(page, 'nav a[href="/desk/calls"]');
  await page.keyboard.press('Enter');
  await page.waitForURL(`${base}/desk/calls`);
  await audit(page, 'desk-calls-ja');
  // The call is in English: the script follows.
  await chooseOption(page, '#script-language', 'en');
  await tabTo(page, 'main form[method="get"] button[type="submit"]');
  await page.keyboard.press('Enter');
  await page.waitForURL(/language=en$/);
  assert.equal(await page.getAttribute('aside.script', 'lang'), 'en');
  // Nothing typed: every problem in the summary, linked to its field.
  await tabTo(page, 'main form[method="post"] button[type="submit"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#error-summary');
  assert.equal(await page.getAttribute('#error-summary', 'role'), 'alert');
  await audit(page, 'desk-calls-error-ja');
  // What the caller says, typed as they say it.
  await chooseRadio(page, 'caller', 'holder');
  await typeInto(page, '#name', kana);
  await typeInto(page, '#birth', `${m}${d}${y}`);
  await chooseOption(page, '#prefecture', holder.prefecture);
  await typeInto(page, '#address', holder.address);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#call-result-title');
  assert.match(await page.textContent('main'), /一致する記録が1件あります/);
  assert.ok(!(await page.textContent('main')).includes(code), 'no resident code on the screen');
  await audit(page, 'desk-calls-found-ja');
  // Suspend, once the caller agreed: with the keyboard.
  await typeInto(page, '#police_report', '1234-56');
  await tabTo(page, '#confirmed');
  await page.keyboard.press('Space');
  await tabTo(page, 'button.button--danger');
  await page.keyboard.press('Enter');
  // Post, then redirect: the outcome is the call's own page.
  await page.waitForURL(/\/desk\/calls\/[0-9a-f]+$/);
  await page.waitForSelector('a[href$="/next-steps"]');
  assert.match(await page.textContent('main'), /カードを一時停止しました/);
  assert.match(await page.textContent('aside.script'), /The card is now suspended/);
  await audit(page, 'desk-calls-suspended-ja');
  const callUrl = page.url().slice(base.length);
  await page.goto(`${base}/desk/language?to=en&back=${encodeURIComponent(callUrl)}`);
  assert.match(await page.textContent('main'), /suspended/);
  assert.equal(await page.locator('button.button--danger').count(), 0, 'no second suspension');
  await audit(page, 'desk-calls-suspended-en');
  await page.goto(`${base}/desk/language?to=ja&back=${encodeURIComponent(callUrl)}`);
  await tabTo(page, 'a[href$="/next-steps"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('article.sheet');
  const sheetUrl = page.url().slice(base.length);
  assert.equal(await page.getAttribute('article.sheet', 'lang'), 'en');
  assert.match(await page.textContent('article.sheet'), /If you find the card/);
  await audit(page, 'desk-call-sheet-ja');
  // The sheet prints on its own.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('header.site-header'), false);
  await page.emulateMedia({ media: 'screen' });
  // In English, the desk's words change; the call's language stays.
  await page.goto(`${base}/desk/language?to=en&back=/desk/calls`);
  await audit(page, 'desk-calls-en');
  await tabTo(page, 'main form[method="post"] button[type="submit"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#error-summary');
  await audit(page, 'desk-calls-error-en');
  // The same caller again, on the English desk: the record is found, its card already
  // suspended; and the caller's sheet in the desk's English frame.
  await chooseRadio(page, 'caller', 'holder');
  await typeInto(page, '#name', kana);
  await typeInto(page, '#birth', `${m}${d}${y}`);
  await chooseOption(page, '#prefecture', holder.prefecture);
  await typeInto(page, '#address', holder.address);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#call-result-title');
  await audit(page, 'desk-calls-found-en');
  await page.goto(`${base}/desk/language?to=en&back=${encodeURIComponent(sheetUrl)}`);
  await page.waitForSelector('article.sheet');
  await audit(page, 'desk-call-sheet-en');
  const r2 = await fetch(`${base}/api/v1/residents/${code}/cards`, { headers: { authorization: `Bearer ${admin}` } });
  assert.equal((await r2.json()).cards[0].status, 'suspended');
  await page.close();
});

test('two clerks change a leaked number: one requests, the other approves, by keyboard, in ja and en', async () => {
  const first = await browser.newPage();
  await first.setExtraHTTPHeaders({ 'accept-language': 'ja' });
  await enrolAndSignIn(first, await addStaff('番号 一郎', 'registry-clerk', '131041'), 'bango.i');
  // A resident of the demo, found by the search.
  await first.goto(`${base}/desk/residents`);
  await typeInto(first, '#name', 'や');
  await first.keyboard.press('Enter');
  await first.waitForSelector('#results-title');
  const href = await first.getAttribute('table a[href^="/desk/residents/"]', 'href');
  await first.goto(`${base}${href}`);
  await tabTo(first, `a[href="${href}/number-change"]`);
  await first.keyboard.press('Enter');
  await first.waitForURL(`${base}${href}/number-change`);
  await audit(first, 'desk-number-change-request-ja');
  await chooseRadio(first, 'ground', 'ex-officio');
  await typeInto(first, '#reason', '通知書の誤送付により第三者に知られた');
  await tabTo(first, 'main form button[type="submit"]');
  await first.keyboard.press('Enter');
  await first.waitForSelector('.notice[role="status"]');
  assert.match(await first.textContent('main'), /依頼を記録しました/);
  await first.goto(`${base}/desk/language?to=en&back=${href}/number-change`);
  await audit(first, 'desk-number-change-request-en');
  await first.close();

  const second = await browser.newPage();
  await second.setExtraHTTPHeaders({ 'accept-language': 'ja' });
  await enrolAndSignIn(second, await addStaff('番号 二郎', 'registry-clerk', '131041'), 'bango.j');
  await tabTo(second, 'nav a[href="/desk/number-changes"]');
  await second.keyboard.press('Enter');
  await second.waitForURL(`${base}/desk/number-changes`);
  await audit(second, 'desk-number-changes-ja');
  await tabTo(second, 'main table a[href^="/desk/number-changes/"]');
  await second.keyboard.press('Enter');
  await second.waitForSelector('#decision');
  await audit(second, 'desk-number-change-decide-ja');
  const decideUrl = second.url().slice(base.length);
  await second.goto(`${base}/desk/language?to=en&back=${encodeURIComponent(decideUrl)}`);
  await audit(second, 'desk-number-change-decide-en');
  await second.goto(`${base}/desk/language?to=ja&back=${encodeURIComponent(decideUrl)}`);
  await chooseRadio(second, 'decision', 'approve');
  await tabTo(second, 'main form button[type="submit"]');
  await second.keyboard.press('Enter');
  await second.waitForSelector('.notice[role="status"]');
  assert.match(await second.textContent('main'), /新しい個人番号を付番し/);
  await audit(second, 'desk-number-change-decided-ja');
  await second.goto(`${base}/desk/language?to=en&back=/desk/number-changes`);
  await audit(second, 'desk-number-changes-en');
  await second.close();
});

test('a clerk takes a card from application to hand-over, by keyboard, with the PIN pad, in ja and en', async () => {
  // A resident of our own, moved in today (the demo's may be in other tests' hands).
  const r = await fetch(`${base}/api/v1/residents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      procedure: 'move-in',
      resident: {
        family_name: '河野', given_name: '一', family_name_kana: 'コウノ', given_name_kana: 'ハジメ',
        birth_date: '1988-04-01', sex: '1', prefecture: '東京都', municipality_code: '131041',
        address: '西新宿3丁目1番1号', relationship: 'head', preferred_language: 'ja',
      },
    }),
  });
  const body = await r.text();
  assert.ok(r.ok, body);
  const code = JSON.parse(body).resident_code;
  // The applicant's photo: the demo's drawn silhouette, as a JPEG file.
  const photo = join(dataDir, 'photo.jpg');
  assert.equal(spawnSync(bin, ['card', 'demo-photo', '--out', photo]).status, 0);

  const page = await browser.newPage();
  await page.setExtraHTTPHeaders({ 'accept-language': 'ja' });
  await enrolAndSignIn(page, await addStaff('窓口 四郎', 'registry-clerk', '131041'), 'madoguchi.s');
  await page.goto(`${base}/desk/residents/${code}`);
  await tabTo(page, `a[href="/desk/residents/${code}/cards"]`);
  await page.keyboard.press('Enter');
  await page.waitForURL(`${base}/desk/residents/${code}/cards`);
  await audit(page, 'desk-cards-ja');
  await tabTo(page, `a[href="/desk/residents/${code}/cards/apply"]`);
  await page.keyboard.press('Enter');
  await page.waitForURL(`${base}/desk/residents/${code}/cards/apply`);
  await audit(page, 'desk-card-apply-ja');
  // A file is chosen through the browser's file chooser, which no keyboard reaches headless.
  await page.setInputFiles('#photo', photo);
  await tabTo(page, 'main form button[type="submit"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.notice[role="status"]');
  assert.match(await page.textContent('main'), /交付申請を受け付けました/);
  // Production: the card file is saved from the page.
  await tabTo(page, 'form[action^="/desk/card-applications/"] button');
  await page.keyboard.press('Enter');
  await page.waitForSelector('a[download]');
  await audit(page, 'desk-card-produced-ja');
  const download = page.waitForEvent('download');
  await tabTo(page, 'a[download]');
  await page.keyboard.press('Enter');
  const cardFile = join(dataDir, 'card.mnc');
  await (await download).saveAs(cardFile);
  await page.goto(`${base}/desk/residents/${code}/cards`);
  await tabTo(page, 'a[href*="/hand-over"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#pins');
  await audit(page, 'desk-card-hand-over-ja');
  await tabTo(page, '#document-passport');
  await page.keyboard.press('Space');
  await page.setInputFiles('#card_file', cardFile);
  await typeInto(page, '#pin-signature', 'ABC123');
  await typeInto(page, '#pin-authentication', '1234');
  await typeInto(page, '#pin-resident-registry', '1234');
  await typeInto(page, '#pin-text-input', '1234');
  await page.keyboard.press('Enter');
  await page.waitForSelector('a[download]');
  assert.match(await page.textContent('main'), /カードを交付しました/);
  const handed = page.waitForEvent('download');
  await tabTo(page, 'a[download]');
  await page.keyboard.press('Enter');
  await (await handed).saveAs(cardFile);
  // A PIN reset on the card in use, by keyboard: the PIN chosen from a list, typed at the pad.
  await page.goto(`${base}/desk/residents/${code}/cards`);
  await tabTo(page, 'a[href*="/pin-reset"]', 80);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#pins');
  await audit(page, 'desk-card-step-ja');
  await tabTo(page, '#document-passport');
  await page.keyboard.press('Space');
  await page.setInputFiles('#card_file', cardFile);
  await chooseOption(page, '#pin_kind', 'authentication');
  await typeInto(page, '#pin', '5678');
  await page.keyboard.press('Enter');
  await page.waitForSelector('a[download]');
  assert.match(await page.textContent('main'), /暗証番号を再設定しました/);
  await audit(page, 'desk-card-step-done-ja');
  const reset = page.waitForEvent('download');
  await tabTo(page, 'a[download]');
  await page.keyboard.press('Enter');
  await (await reset).saveAs(cardFile);
  // After a 転居, the amendment with a wrong 住基 PIN: the card counts it, and the form comes
  // back keeping the card file with the count (the copy handed in no longer opens). The next
  // try needs no file chosen; sent twice by a double click, it reaches the server once.
  const moved = await fetch(`${base}/api/v1/residents/${code}/procedures`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      procedure: 'address-change', prefecture: '東京都', municipality_code: '131041',
      address: '高田馬場1丁目1番1号', relationship: 'head',
    }),
  });
  assert.equal(moved.status, 201, await moved.text());
  await page.goto(`${base}/desk/residents/${code}/cards`);
  await tabTo(page, 'a[href*="/amendment"]', 80);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#pins');
  await tabTo(page, '#document-passport');
  await page.keyboard.press('Space');
  await page.setInputFiles('#card_file', cardFile);
  await typeInto(page, '#pin', '9999');
  await page.keyboard.press('Enter');
  await page.waitForSelector('input[name="card_file_kept"]', { state: 'attached' });
  assert.match(await page.textContent('main'), /あと2回間違えると/);
  await audit(page, 'desk-card-step-wrong-pin-ja');
  assert.ok(await page.isChecked('#document-passport'), 'the documents seen are kept');
  // Each POST held back a moment on its way, as on a slow line, so that a second Enter comes
  // while the first is still out.
  const posts = [];
  let onFirst;
  const first = new Promise((resolve) => { onFirst = resolve; });
  await page.route('**/amendment', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    posts.push(route.request().url());
    onFirst();
    await new Promise((resolve) => setTimeout(resolve, 800));
    await route.continue().catch(() => {});
  });
  await typeInto(page, '#pin', '9998');
  await page.keyboard.press('Enter');
  await first;
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('main').textContent.includes('あと1回'));
  assert.equal(posts.length, 1, `sent ${posts.length} times`);
  await page.unroute('**/amendment');
  // The third wrong PIN, with the desk switched to English meanwhile (the switch fetched aside,
  // so that the form keeps the card file it carries): the PIN locks, and the form says to save
  // the file first, then to reset the PIN.
  await page.evaluate(() => fetch('/desk/language?to=en&back=/desk', { credentials: 'same-origin' }));
  await typeInto(page, '#pin', '9997');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.match(await page.textContent('main'), /it is now locked\. Save the card file below/);
  await page.waitForSelector('input[name="card_file_kept"]', { state: 'attached' });
  await audit(page, 'desk-card-step-locked-en');
  await page.goto(`${base}/desk/language?to=en&back=/desk/residents/${code}/cards`);
  assert.match(await page.textContent('main'), /In use/);
  await audit(page, 'desk-cards-en');
  await page.goto(`${base}/desk/residents/${code}/cards/apply`);
  await audit(page, 'desk-card-apply-en');
  await page.goto(`${base}/desk/residents/${code}/cards`);
  const amendment = await page.getAttribute('a[href*="/amendment"]', 'href');
  await page.goto(`${base}${amendment}`);
  await audit(page, 'desk-card-step-en');
  // 印鑑登録: the seal's page from the record, its form sent without a file (the problem
  // beside its field), a seal registered from a PNG Node's zlib made, and the seal's page
  // showing it; then the pages in Japanese.
  await page.goto(`${base}/desk/residents/${code}`);
  await tabTo(page, `a[href="/desk/residents/${code}/seal"]`, 80);
  await page.keyboard.press('Enter');
  await page.waitForURL(`${base}/desk/residents/${code}/seal`);
  assert.match(await page.textContent('main'), /No seal is registered/);
  await audit(page, 'desk-seal-none-en');
  await tabTo(page, `a[href="/desk/residents/${code}/seal/register"]`);
  await page.keyboard.press('Enter');
  await page.waitForURL(`${base}/desk/residents/${code}/seal/register`);
  await audit(page, 'desk-seal-register-en');
  await tabTo(page, '#document-passport');
  await page.keyboard.press('Space');
  await tabTo(page, 'main form button[type="submit"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#error-summary');
  assert.match(await page.textContent('#impression-error'), /PNG file/);
  await audit(page, 'desk-seal-register-error-en');
  assert.ok(await page.isChecked('#document-passport'), 'the documents ticked are kept');
  const seal = join(dataDir, 'seal.png');
  writeFileSync(seal, sealPng(15));
  await page.setInputFiles('#impression', seal);
  await tabTo(page, 'main form button[type="submit"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.notice[role="status"]');
  assert.match(await page.textContent('main'), /registration card number is \d{10}/);
  await page.goto(`${base}/desk/residents/${code}/seal`);
  assert.match(await page.textContent('main'), /14\.9 mm wide/);
  assert.ok(await page.evaluate(() => document.querySelector('main img').naturalWidth === 354), 'the impression shows');
  await audit(page, 'desk-seal-en');
  await page.goto(`${base}/desk/language?to=ja&back=/desk/residents/${code}/seal`);
  assert.match(await page.textContent('main'), /印鑑登録証の番号/);
  await audit(page, 'desk-seal-ja');
  await page.goto(`${base}/desk/residents/${code}/seal/end?reason=lost`);
  await audit(page, 'desk-seal-end-ja');
  await page.goto(`${base}/desk/residents/${code}/seal/register?change=1`);
  await audit(page, 'desk-seal-change-ja');
  await page.goto(`${base}/desk/language?to=en&back=/desk/residents/${code}/cards`);
  // The notification letters, by status, with the outcome form.
  await page.goto(`${base}/desk/letters?status=queued`);
  assert.match(await page.textContent('main'), /waiting to be printed/);
  await audit(page, 'desk-letters-en');
  await tabTo(page, '#size');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('0');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#error-summary');
  assert.match(await page.textContent('#size-error'), /1 to 500/);
  await audit(page, 'desk-letters-print-error-en');
  await page.goto(`${base}/desk/language?to=ja&back=/desk/letters`);
  await tabTo(page, '#application_id');
  await page.keyboard.type('1234');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#error-summary');
  await audit(page, 'desk-letters-ja');
  // A print run, by keyboard: a size out of range is named beside the field; then five letters
  // come down as one PDF, and their batch is listed, to be printed again as it was.
  await page.goto(`${base}/desk/letters?status=queued`);
  await tabTo(page, '#size');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('501');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#error-summary');
  assert.match(await page.textContent('#size-error'), /1から500/);
  // The error summary takes the focus as the page opens, so a screen reader reads it first;
  // its link takes the keyboard to the field.
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'error-summary');
  await audit(page, 'desk-letters-print-error-ja');
  await page.focus('#error-summary');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('href')), '#size');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'size');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('5');
  const [printed] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  assert.match(printed.suggestedFilename(), /^notices-131041-\d{8}-[0-9a-f]+\.pdf$/);
  assert.equal(readFileSync(await printed.path()).subarray(0, 5).toString(), '%PDF-');
  await page.goto(`${base}/desk/letters?status=sent`);
  const row = await page.textContent('#batches tbody tr');
  assert.ok(row.includes(printed.suggestedFilename().slice(8, -4)), row);
  await tabTo(page, '#batches button');
  const [again] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  assert.equal(again.suggestedFilename(), printed.suggestedFilename());
  await audit(page, 'desk-letters-batches-ja');
  await page.goto(`${base}/desk/language?to=en&back=/desk/letters`);
  assert.match(await page.textContent('#batches'), /Still out/);
  await audit(page, 'desk-letters-batches-en');
  await page.close();
});

test('a clerk registers a move-in, a birth into that household and a foreign resident, then records a move, by keyboard, in ja and en', async () => {
  const page = await browser.newPage();
  await page.setExtraHTTPHeaders({ 'accept-language': 'ja' });
  await enrolAndSignIn(page, await addStaff('窓口 七子', 'registry-clerk', '131041'), 'madoguchi.n');
  // A move-in (転入) from another municipality, as the head of a new household.
  await page.goto(`${base}/desk/residents/new`);
  await chooseRadio(page, 'procedure', 'move-in');
  await typeInto(page, '#family_name', '森');
  await typeInto(page, '#given_name', '結衣');
  await typeInto(page, '#family_name_kana', 'モリ');
  await typeInto(page, '#given_name_kana', 'ユイ');
  await dateInto(page, '#birth_date', '1990-02-28');
  await chooseRadio(page, 'sex', '2');
  await typeOver(page, '#prefecture', '東京都');
  await typeOver(page, '#municipality_code', '131041');
  await typeOver(page, '#address', '西新宿6丁目6番6号');
  await chooseOption(page, '#relationship', 'head');
  await tabTo(page, 'main form button[type="submit"]', 120);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/desk\/residents\/\d{11}\?registered=1$/);
  const head = page.url().match(/residents\/(\d{11})/)[1];
  assert.match(await page.textContent('.notice'), /記載しました/);
  assert.match(await page.textContent('main'), /1990年2月28日（平成2年）/);
  await audit(page, 'desk-registered-ja');
  // A birth (出生) into that household: the head named by their code, the child's relationship.
  await page.goto(`${base}/desk/residents/new`);
  await chooseRadio(page, 'procedure', 'birth');
  await typeInto(page, '#family_name', '森');
  await typeInto(page, '#given_name', '湊');
  await typeInto(page, '#family_name_kana', 'モリ');
  await typeInto(page, '#given_name_kana', 'ミナト');
  await dateInto(page, '#birth_date', '2026-11-20');
  await chooseRadio(page, 'sex', '1');
  await typeOver(page, '#prefecture', '東京都');
  await typeOver(page, '#municipality_code', '131041');
  await typeOver(page, '#address', '西新宿6丁目6番6号');
  await typeInto(page, '#household_member', head);
  await chooseOption(page, '#relationship', 'child');
  await tabTo(page, 'main form button[type="submit"]', 120);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\?registered=1$/);
  assert.match(await page.textContent('main'), /出生/);
  assert.match(await page.textContent('main'), /2026年11月20日（令和8年）/);
  await page.goto(`${base}/desk/residents/${head}/household`);
  assert.equal(await page.locator('tbody tr').count(), 2, 'the head and the child');
  // In English: a foreign resident's first registration, with the items of a foreign resident.
  await page.goto(`${base}/desk/language?to=en&back=/desk/residents/new`);
  await chooseRadio(page, 'procedure', 'foreign-first-registration');
  await typeInto(page, '#family_name', 'SILVA');
  await typeInto(page, '#given_name', 'ANA');
  await typeInto(page, '#latin_name', 'SILVA ANA');
  await dateInto(page, '#birth_date', '1993-07-07');
  await chooseRadio(page, 'sex', '2');
  await typeOver(page, '#prefecture', '東京都');
  await typeOver(page, '#municipality_code', '131041');
  await typeOver(page, '#address', '百人町1丁目1番1号');
  await chooseOption(page, '#relationship', 'head');
  await chooseOption(page, '#preferred_language', 'pt-BR');
  await typeInto(page, '#nationality', 'BR');
  await typeInto(page, '#residence_card_number', 'AB12345678CD');
  await chooseOption(page, '#status_of_residence', 'student');
  await dateInto(page, '#period_of_stay_until', '2028-03-31');
  await tabTo(page, 'main form button[type="submit"]', 120);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\?registered=1$/);
  assert.match(await page.textContent('.notice'), /Registered/);
  assert.match(await page.textContent('main'), /7 Jul 1993/);
  assert.match(await page.textContent('main'), /Student/, 'the status of residence in words');
  assert.doesNotMatch(await page.textContent('main'), /7 Jul 1993 \(/, 'a foreign resident\'s date has no era');
  await audit(page, 'desk-registered-en');
  // A move within the municipality (転居), from the head's record, submitted.
  await page.goto(`${base}/desk/residents/${head}`);
  await tabTo(page, 'a[href$="/procedure?kind=address-change"]', 120);
  await page.keyboard.press('Enter');
  await page.waitForURL(/kind=address-change$/);
  await typeOver(page, '#address', '北新宿2丁目2番2号');
  await tabTo(page, 'main form button[type="submit"]', 120);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\?recorded=1$/);
  assert.match(await page.textContent('.notice'), /The change was recorded/);
  assert.match(await page.textContent('main'), /北新宿2丁目2番2号/);
  await audit(page, 'desk-procedure-recorded-en');
  await page.goto(`${base}/desk/language?to=ja&back=/desk/residents/${head}?recorded=1`);
  await audit(page, 'desk-procedure-recorded-ja');
  await page.close();
});

test('a clerk suspends a card at the counter, resumes it, takes its return and a re-issue, by keyboard, in ja and en', async () => {
  // The second demo card (the first is the call center's): its holder's code names the file.
  const cardName = readdirSync(join(dataDir, 'data', 'demo-cards'))[1];
  const code = cardName.replace(/\.mnc$/, '');
  const photo = join(dataDir, 'photo-reissue.jpg');
  assert.equal(spawnSync(bin, ['card', 'demo-photo', '--out', photo]).status, 0);
  const page = await browser.newPage();
  await page.setExtraHTTPHeaders({ 'accept-language': 'ja' });
  await enrolAndSignIn(page, await addStaff('窓口 六郎', 'registry-clerk', '131041'), 'madoguchi.r');
  const cards = `${base}/desk/residents/${code}/cards`;
  // Suspension at the counter (the holder reports the card lost in person).
  await page.goto(cards);
  await tabTo(page, 'form[action$="/suspend"] button', 80);
  await page.keyboard.press('Enter');
  await page.waitForSelector('.notice[role="status"]');
  assert.match(await page.textContent('main'), /一時停止しました/);
  await audit(page, 'desk-card-suspended-ja');
  // Found again: the resumption, with an identity document and the card in the reader.
  await page.goto(cards);
  await tabTo(page, 'a[href*="/resume"]', 80);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#card_file');
  const resumeUrl = page.url();
  await page.goto(`${base}/desk/language?to=en&back=${encodeURIComponent(resumeUrl.slice(base.length))}`);
  assert.equal(page.url(), resumeUrl);
  await audit(page, 'desk-card-resume-en');
  await page.goto(`${base}/desk/language?to=ja&back=${encodeURIComponent(resumeUrl.slice(base.length))}`);
  // Sent with nothing: the documents and the card file are named, and the summary has the focus.
  await tabTo(page, 'main form button[type="submit"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#error-summary');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'error-summary');
  assert.ok(await page.locator('#error-summary a[href="#card_file"]').count() === 1);
  await audit(page, 'desk-card-resume-ja');
  await tabTo(page, '#document-passport');
  await page.keyboard.press('Space');
  await page.setInputFiles('#card_file', join(dataDir, 'data', 'demo-cards', cardName));
  await tabTo(page, 'main form button[type="submit"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('a[download]');
  assert.match(await page.textContent('main'), /一時停止を解除しました/);
  await audit(page, 'desk-card-resumed-ja');
  // The holder gives the card back (返納): never one click. The confirmation says it cannot be
  // undone; sent without the box ticked, it is refused and nothing ends.
  await page.goto(cards);
  await tabTo(page, 'a[href*="/end?"][href$="reason=returned"]', 80);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#confirmed');
  assert.match(await page.textContent('main'), /取り消せません/);
  await audit(page, 'desk-card-end-ja');
  await tabTo(page, 'main form button[type="submit"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#error-summary');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'error-summary');
  await audit(page, 'desk-card-end-error-ja');
  await tabTo(page, '#confirmed');
  await page.keyboard.press('Space');
  await tabTo(page, 'main form button[type="submit"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.notice[role="status"]');
  assert.match(await page.textContent('main'), /カードの返納を受けました/);
  await audit(page, 'desk-card-ended-ja');
  // A new card for a damaged one (再交付): the cause chosen from the list, its fee shown.
  await page.goto(cards);
  await tabTo(page, `a[href="/desk/residents/${code}/cards/apply"]`, 80);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#reason');
  await chooseOption(page, '#reason', 'damaged');
  await page.setInputFiles('#photo', photo);
  await tabTo(page, 'main form button[type="submit"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.notice[role="status"]');
  assert.match(await page.textContent('.notice'), /手数料1,000円/);
  await page.goto(`${base}/desk/language?to=en&back=${encodeURIComponent(`/desk/residents/${code}/cards`)}`);
  assert.match(await page.textContent('main'), /Cancelled or returned/);
  await audit(page, 'desk-cards-after-en');
  await page.goto(`${base}/desk/language?to=ja&back=${encodeURIComponent(`/desk/residents/${code}/cards`)}`);
  await audit(page, 'desk-cards-after-ja');
  await page.goto(`${base}/desk/language?to=en&back=${encodeURIComponent(`/desk/residents/${code}/cards`)}`);
  // In English, the new card produced and handed over at the PIN pad.
  await tabTo(page, 'form[action^="/desk/card-applications/"] button', 80);
  await page.keyboard.press('Enter');
  await page.waitForSelector('a[download]');
  await audit(page, 'desk-card-produced-en');
  const produced = page.waitForEvent('download');
  await tabTo(page, 'a[download]');
  await page.keyboard.press('Enter');
  const newCard = join(dataDir, 'card-reissued.mnc');
  await (await produced).saveAs(newCard);
  await page.goto(cards);
  await tabTo(page, 'a[href*="/hand-over"]', 80);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#pins');
  await audit(page, 'desk-card-hand-over-en');
  await tabTo(page, '#document-passport');
  await page.keyboard.press('Space');
  await page.setInputFiles('#card_file', newCard);
  await typeInto(page, '#pin-signature', 'ABC123');
  await typeInto(page, '#pin-authentication', '1234');
  await typeInto(page, '#pin-resident-registry', '1234');
  await typeInto(page, '#pin-text-input', '1234');
  await page.keyboard.press('Enter');
  await page.waitForSelector('a[download]');
  await audit(page, 'desk-card-hand-over-done-en');
  // The new card's cancellation form, in English (looked at, not sent).
  await page.goto(cards);
  await tabTo(page, 'a[href*="/end?"][href$="reason=abolished"]', 80);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#confirmed');
  assert.match(await page.textContent('main'), /cannot be undone/);
  await audit(page, 'desk-card-end-en');
  await tabTo(page, 'main form button[type="submit"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#error-summary');
  await audit(page, 'desk-card-end-error-en');
  await page.close();
});

test('a clerk of the municipality moved to takes in a removed record, by keyboard, in ja and en', async () => {
  // A resident of Shinjuku who moved out to Osaka (the API's move-out).
  const api = (path, body) => fetch(`${base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const r = await api('/api/v1/residents', {
    procedure: 'move-in',
    resident: {
      family_name: '北村', given_name: '涼', family_name_kana: 'キタムラ', given_name_kana: 'リョウ',
      birth_date: '1979-09-09', sex: '2', prefecture: '東京都', municipality_code: '131041',
      address: '西新宿4丁目2番1号', relationship: 'head', preferred_language: 'ja',
    },
  });
  const body = await r.text();
  assert.ok(r.ok, body);
  const code = JSON.parse(body).resident_code;
  const out = await api(`/api/v1/residents/${code}/procedures`, {
    procedure: 'move-out', destination_municipality_code: '271004',
  });
  assert.ok(out.ok, await out.text());

  const page = await browser.newPage();
  await page.setExtraHTTPHeaders({ 'accept-language': 'ja' });
  await enrolAndSignIn(page, await addStaff('大阪 三郎', 'registry-clerk', '271004'), 'osaka.s');
  await page.goto(`${base}/desk/residents/new`);
  await tabTo(page, 'main a[href="/desk/transfer-in"]', 80);
  await page.keyboard.press('Enter');
  await page.waitForURL(`${base}/desk/transfer-in`);
  assert.equal(await page.inputValue('#municipality_code'), '271004');
  await audit(page, 'desk-transfer-in-ja');
  // A code that names nothing awaiting Osaka: the summary links to the field.
  await typeInto(page, '#resident_code', '12345678901');
  await typeInto(page, '#prefecture', '大阪府');
  await typeInto(page, '#address', '中央区大手前3丁目1番1号');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#error-summary');
  assert.ok(await page.locator('#error-summary a[href="#resident_code"]').count() === 1);
  assert.equal(await page.getAttribute('#resident_code', 'aria-invalid'), 'true');
  await audit(page, 'desk-transfer-in-error-ja');
  // The same mistake in English.
  await page.goto(`${base}/desk/language?to=en&back=/desk/transfer-in`);
  await typeInto(page, '#resident_code', '12345678901');
  await typeInto(page, '#prefecture', '大阪府');
  await typeInto(page, '#address', '中央区大手前3丁目1番1号');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#error-summary');
  await audit(page, 'desk-transfer-in-error-en');
  await page.goto(`${base}/desk/language?to=ja&back=/desk/transfer-in`);
  await typeInto(page, '#prefecture', '大阪府');
  await typeInto(page, '#address', '中央区大手前3丁目1番1号');
  await page.fill('#resident_code', '');
  await typeInto(page, '#resident_code', code);
  await page.keyboard.press('Enter');
  await page.waitForURL(`${base}/desk/residents/${code}?recorded=1`);
  assert.match(await page.textContent('main'), /中央区大手前3丁目1番1号/);
  assert.match(await page.textContent('main'), /転入\(消除された記録への記載\)/);
  await page.goto(`${base}/desk/language?to=en&back=/desk/transfer-in`);
  await audit(page, 'desk-transfer-in-en');
  await page.close();
});

test('a clerk registers a passkey and signs in with it instead of a code, by keyboard, in ja and en', async () => {
  // WebAuthn takes no IP address as the relying party: the desk is opened as localhost, and
  // Chromium's virtual authenticator (CTAP2, user verification) stands in for a device.
  const origin = base.replace('127.0.0.1', 'localhost');
  const page = await browser.newPage();
  await page.setExtraHTTPHeaders({ 'accept-language': 'ja' });
  const cdp = await browser.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', { options: {
    protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true,
    isUserVerified: true, automaticPresenceSimulation: true,
  } });
  await enrolAndSignIn(page, await addStaff('鍵田 五郎', 'registry-clerk', '131041'), 'kagita', origin);
  await tabTo(page, 'main a[href="/desk/passkeys"]', 80);
  await page.keyboard.press('Enter');
  await page.waitForURL(`${origin}/desk/passkeys`);
  assert.match(await page.textContent('main'), /まだパスキーはありません/);
  await audit(page, 'desk-passkeys-ja');
  await typeInto(page, '#name', '窓口の端末');
  await typeInto(page, '#password', 'correct horse battery');
  await tabTo(page, '#passkey-register button[type="submit"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#error-summary, tbody');
  assert.equal(page.url(), `${origin}/desk/passkeys?added=1`, await page.textContent('main'));
  assert.match(await page.textContent('tbody'), /窓口の端末/);
  // Signed out, then in again with the password and the passkey, no code typed.
  await tabTo(page, 'header button[type="submit"]');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/desk\/sign-in\?signed_out=1$/);
  await typeInto(page, '#login', 'kagita');
  await typeInto(page, '#password', 'correct horse battery');
  await tabTo(page, '#passkey-sign-in');
  await page.keyboard.press('Enter');
  await page.waitForURL(`${origin}/desk`);
  assert.ok((await page.textContent('header')).includes('鍵田 五郎'));
  await page.goto(`${origin}/desk/passkeys`);
  assert.doesNotMatch(await page.textContent('tbody'), /まだ使っていません/, 'the last use is shown');
  await page.goto(`${origin}/desk/language?to=en&back=/desk/passkeys`);
  await audit(page, 'desk-passkeys-en');
  await page.close();
});

test('a national auditor signs a checkpoint, by keyboard, in ja and en', async () => {
  const page = await browser.newPage();
  await page.setExtraHTTPHeaders({ 'accept-language': 'ja' });
  await enrolAndSignIn(page, await addStaff('監査 全国', 'auditor', null), 'kansa.zenkoku');
  await tabTo(page, 'nav a[href="/desk/checkpoints"]');
  await page.keyboard.press('Enter');
  await page.waitForURL(`${base}/desk/checkpoints`);
  await tabTo(page, 'main form button[type="submit"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.checkpoint-text');
  assert.match(await page.textContent('main'), /署名しました/);
  await audit(page, 'desk-checkpoints-ja');
  await page.goto(`${base}/desk/language?to=en&back=/desk/checkpoints`);
  await audit(page, 'desk-checkpoints-en');
  await page.close();
});

const residentLanguages = ['ja', 'ja-x-easy', 'en', 'zh-Hans', 'ko', 'vi', 'fil', 'ne', 'pt-BR', 'id'];

test('the public pages pass axe in all ten languages, and a document is checked by keyboard', async () => {
  const page = await browser.newPage();
  for (const lang of residentLanguages) {
    await page.goto(`${base}/?lang=${lang}`);
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    await audit(page, `public-home-${lang}`);
    await page.goto(`${base}/verify?lang=${lang}`);
    await audit(page, `public-verify-${lang}`);
  }
  // Easy Japanese has its readings above the kanji.
  await page.goto(`${base}/?lang=ja-x-easy`);
  assert.ok(await page.locator('ruby rt').count() > 10);
  // The choice is remembered; a code that names nothing is said so, in that language.
  await page.goto(`${base}/?lang=vi`);
  await tabTo(page, 'main a[href^="/verify"]');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/verify/);
  await typeInto(page, '#code', 'AAAA-AAAA-AAAA-AAAA');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.notice[role="status"]');
  assert.equal(await page.getAttribute('html', 'lang'), 'vi');
  await audit(page, 'public-verify-unknown-vi');
  // A real document: a copy of the resident record issued over the API, its printed code typed
  // on the page. What it certifies is shown, its moments in the reader's form.
  const holder = readdirSync(join(dataDir, 'data', 'demo-cards'))[2].replace(/\.mnc$/, '');
  const issued = await fetch(`${base}/api/v1/residents/${holder}/resident-record`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'copy', items: [] }),
  });
  assert.equal(issued.status, 201, await issued.text());
  const printed = issued.headers.get('x-verification-code');
  for (const lang of ['en', 'ja']) {
    await page.goto(`${base}/verify?lang=${lang}`);
    await typeInto(page, '#code', printed);
    await page.keyboard.press('Enter');
    await page.waitForURL(/code=/);
    const text = await page.textContent('main');
    assert.match(text, lang === 'en' ? /This certificate was issued by the system/ : /この証明書は発行されたものです/);
    assert.doesNotMatch(text, /\d{4}-\d{2}-\d{2}T/, 'no raw ISO timestamp');
    await audit(page, `public-verify-genuine-${lang}`);
  }
  await page.close();
});

after(() => {
  // Every public page was audited in every resident's language.
  for (const lang of residentLanguages) {
    for (const name of ['public-home', 'public-verify']) {
      assert.ok(checked.includes(`${name}-${lang}`), `${name}-${lang} was not audited`);
    }
  }
  // Every screen was audited in both languages.
  for (const name of ['desk-sign-in', 'desk-enrol', 'desk-home', 'desk-search', 'desk-resident', 'desk-number', 'desk-register', 'desk-transfer-in', 'desk-procedure', 'desk-ledger', 'desk-household', 'desk-calls', 'desk-number-change-request', 'desk-number-changes', 'desk-cards', 'desk-card-apply', 'desk-card-step', 'desk-passkeys', 'desk-letters', 'desk-letters-batches', 'desk-checkpoints',
    'desk-enrol-app', 'desk-refused', 'desk-ledger-verified', 'desk-number-change-decide', 'desk-transfer-in-error',
    'desk-calls-found', 'desk-call-sheet', 'desk-card-resume', 'desk-registered', 'desk-procedure-recorded',
    'desk-card-produced', 'desk-card-hand-over', 'desk-card-end', 'public-verify-genuine',
    'desk-enrol-error', 'desk-register-error', 'desk-search-results', 'desk-search-error', 'desk-calls-error',
    'desk-calls-suspended', 'desk-letters-print-error', 'desk-cards-after', 'desk-card-end-error']) {
    for (const lang of ['ja', 'en']) {
      assert.ok(checked.includes(`${name}-${lang}`), `${name}-${lang} was not audited`);
    }
  }
});

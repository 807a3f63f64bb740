// Browser test of the admin page and the window page, driving Debian's chromium through
// playwright-core. Run by run.sh, which starts `gongshi serve` on the demo data with these users:
//   admin / editor / clerk4 (window 4), passwords from the environment.
// A second server over an empty data directory (GONGSHI_NEW_INSTALL_BASE) shows the first-run page.
// Usage: GONGSHI_BASE=http://127.0.0.1:PORT [GONGSHI_NEW_INSTALL_BASE=...] [GONGSHI_CASE=part-of-a-name] node admin.test.mjs
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const base = process.env.GONGSHI_BASE;
if (!base) { console.error('set GONGSHI_BASE to the server, e.g. http://127.0.0.1:8080'); process.exit(1); }
const artifacts = process.env.GONGSHI_ARTIFACTS || '/tmp/gongshi-browser';
mkdirSync(artifacts, { recursive: true });
const users = {
  admin: ['admin', process.env.GONGSHI_ADMIN_PASSWORD || 'admin-Passw0rd'],
  editor: ['editor', process.env.GONGSHI_EDITOR_PASSWORD || 'editor-Passw0rd'],
  clerk: ['clerk4', process.env.GONGSHI_WINDOW_PASSWORD || 'clerk4-Passw0rd'],
};
const windowId = Number(process.env.GONGSHI_WINDOW_ID || 4);

const browser = await chromium.launch({
  executablePath: process.env.GONGSHI_CHROMIUM || '/usr/lib/chromium/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});

// A context per user; any uncaught error or dialog in a page fails the case that caused it.
const pageErrors = [];
async function open(viewport = { width: 1280, height: 900 }, extra = {}) {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', ...extra });
  context.setDefaultTimeout(15000);
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') console.log(`  [console] ${m.text()}`); });
  page.on('dialog', (d) => d.dismiss());
  return { context, page };
}

async function logIn(page, [username, password], path = '/') {
  await page.goto(base + path);
  await page.fill('#login-username', username);
  await page.fill('#login-password', password);
  await page.click('form button[type=submit]');
}

// The preview as the browser shows it, read back through a canvas: a hash (FNV-1a) of its pixels
// and the count of lit ones. (The page's CSP forbids fetching the blob: URL again.)
async function previewSample(page) {
  return page.evaluate(() => {
    const img = document.getElementById('led-preview');
    const c = document.createElement('canvas');
    c.width = img.naturalWidth; c.height = img.naturalHeight;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    let hash = 0x811c9dc5, lit = 0;
    for (let i = 0; i < d.length; i += 4) {
      hash = Math.imul(hash ^ d[i] ^ (d[i + 1] << 8) ^ (d[i + 2] << 16), 0x01000193) >>> 0;
      if (d[i] + d[i + 1] + d[i + 2] > 200) lit++;
    }
    return { src: img.src, hash, width: img.naturalWidth, height: img.naturalHeight, lit };
  });
}

// Runs `action`, then waits until the preview shows a picture drawn after it.
async function previewAfter(page, action) {
  const before = await page.getAttribute('#led-preview', 'src');
  await action();
  await page.waitForFunction((old) => {
    const img = document.getElementById('led-preview');
    return img && img.src && img.src !== old && img.complete && img.naturalWidth > 0;
  }, before);
  // Several keystrokes may each bring a picture; wait until the last one has settled.
  await page.waitForTimeout(400);
  await page.waitForFunction(() => {
    const img = document.getElementById('led-preview');
    return img.complete && img.naturalWidth > 0;
  });
  return previewSample(page);
}

// Pixels of a canvas brighter than an unlit LED (the player draws those dark grey), counted in
// the page; 0 while the canvas has nothing drawn.
const litCanvas = (selector) => {
  const c = document.querySelector(selector);
  if (!c || !c.width || !c.height) return 0;
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let lit = 0;
  for (let i = 0; i < d.length; i += 4) if (d[i] + d[i + 1] + d[i + 2] > 150) lit++;
  return lit;
};
const enoughLit = 500; // a few characters of text at any LED size

// Waits (polling; the page's CSP forbids eval, so no waitForFunction with a passed helper) until
// the canvas has lit pixels; returns their count.
async function waitLit(page, selector, timeout = 10000) {
  const end = Date.now() + timeout;
  let lit = 0;
  while ((lit = await page.evaluate(litCanvas, selector)) <= enoughLit && Date.now() < end) await page.waitForTimeout(200);
  assert.ok(lit > enoughLit, `${selector} shows lit pixels within ${timeout / 1000} s (${lit})`);
  return lit;
}

// A screen's health as the server sees it, read with the session of `page`.
async function screenHealth(page, id) {
  const res = await page.request.get(`${base}/api/screens/${id}/health`);
  assert.equal(res.status(), 200);
  return res.json();
}

// Waits until `n` viewers watch the screen (the server sees a closed WebSocket within a second).
async function waitWatchers(page, id, n, timeout = 5000) {
  const end = Date.now() + timeout;
  let watchers;
  while ((watchers = (await screenHealth(page, id)).watchers) !== n && Date.now() < end) await page.waitForTimeout(200);
  return watchers;
}

const webScreen = { id: 5, name: '大厅电视', width: 1920, height: 1080 }; // the demo's protocol "web" screen: a television

const today = new Date();
const iso = (d) => d.toISOString().slice(0, 10);
const inAWeek = iso(new Date(today.getTime() + 7 * 86400000));

const cases = {
  // ---- cases: import and export (add new ones right below this line) ----
  async 'import and export at 1024x768: a GBK CSV with a bad row lists every error and stores nothing, fixed it imports, again it updates, an exported .xlsx reads back unchanged'() {
    const { context, page } = await open({ width: 1024, height: 768 }, { acceptDownloads: true });
    await logIn(page, users.editor, '/#/imports');
    await page.waitForSelector('#import-file');
    const gbk = (text) => execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: text });
    const count = () => page.evaluate(async () => (await (await fetch('/api/matters?q=浏览器导入&limit=100')).json()).total);
    const rowsShown = () => page.$$eval('#import-rows tbody tr', (trs) => trs.map((tr) => [tr.dataset.row, tr.dataset.action]));
    const choose = async (name, mimeType, buffer) => {
      await page.setInputFiles('#import-file', { name, mimeType, buffer });
      await page.waitForSelector('#import-rows');
    };
    const header = '事项名称,法定办结时限,承诺办结时限,收费标准\n';

    // One bad row with two bad cells: both listed with row and column, the import button stays off.
    await choose('matters-gbk.csv', 'text/csv', gbk(header + '浏览器导入事项甲,20,10,不收费\n浏览器导入事项乙,abc,5,10块\n'));
    assert.deepEqual(await rowsShown(), [['2', 'new'], ['3', 'error']]);
    const errors = await page.$$eval('#import-rows tr[data-action=error] .import-errors li', (lis) => lis.map((li) => li.textContent));
    assert.deepEqual(errors, ['第 3 行“法定办结时限”：“abc”不是工作日数（如“20个工作日”“即办”）',
      '第 3 行“收费标准”：“10块”不是有效的收费：金额须以“元”计（如“10元”或“12.50元/件”）']);
    assert.match(await page.textContent('#import-status'), /新增 1 条，更新 0 条，未变 0 条，错误 1 行/);
    assert.equal(await page.isDisabled('#import-commit'), true);
    assert.equal(await count(), 0, 'nothing stored');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 1024, `no sideways scrolling at 1024 px (${width})`);
    await page.screenshot({ path: join(artifacts, 'imports-1024.png') });

    // Fixed: two new rows, imported.
    await choose('matters-gbk.csv', 'text/csv', gbk(header + '浏览器导入事项甲,20,10,不收费\n浏览器导入事项乙,15,5,工本费10元\n'));
    assert.deepEqual(await rowsShown(), [['2', 'new'], ['3', 'new']]);
    assert.equal(await page.isDisabled('#import-commit'), false);
    await page.click('#import-commit');
    await page.waitForFunction(() => /已导入/.test(document.getElementById('import-status').textContent));
    assert.match(await page.textContent('#import-status'), /新增 2 条，更新 0 条，未变 0 条，错误 0 行/);
    assert.equal(await count(), 2);

    // The same matters again with one change: an update and an unchanged row, no duplicates.
    await choose('matters.csv', 'text/csv', Buffer.from('\ufeff' + header + '浏览器导入事项甲,20,8,不收费\n浏览器导入事项乙,15,5,工本费10元\n'));
    assert.deepEqual(await rowsShown(), [['2', 'update'], ['3', 'unchanged']]);
    await page.click('#import-commit');
    await page.waitForFunction(() => /已导入/.test(document.getElementById('import-status').textContent));
    assert.equal(await count(), 2);

    // Export as .xlsx and read it back: every row unchanged, nothing to import.
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click('#export-xlsx')]);
    assert.equal(xlsx.suggestedFilename(), 'matters-1.xlsx');
    const bytes = readFileSync(await xlsx.path());
    assert.equal(bytes.subarray(0, 2).toString(), 'PK');
    await choose('matters-1.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes);
    const back = await rowsShown();
    assert.ok(back.length >= 31, `every matter read back (${back.length})`);
    assert.ok(back.every(([, action]) => action === 'unchanged'), 'the export imports back unchanged');
    assert.equal(await page.isDisabled('#import-commit'), true);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    const text = readFileSync(await csv.path(), 'utf8');
    assert.ok(text.startsWith('\ufeff事项编码,事项名称,'), 'the CSV export has the headers the import reads');
    assert.match(text, /浏览器导入事项甲/);

    // Leave the demo centre as it was for the other cases.
    await page.evaluate(async () => {
      const { csrf } = await (await fetch('/api/session')).json();
      const { items } = await (await fetch('/api/matters?q=浏览器导入&limit=100')).json();
      for (const m of items) await fetch(`/api/matters/${m.id}?version=${m.version}`, { method: 'DELETE', headers: { 'X-CSRF-Token': csrf } });
    });
    assert.equal(await count(), 0);
    await context.close();
  },
  async 'a new install: the first-run page makes the standard-named centre and its admin, who is then logged in'() {
    const newBase = process.env.GONGSHI_NEW_INSTALL_BASE;
    assert.ok(newBase, 'run.sh starts a server over an empty data directory');
    const { context, page } = await open({ width: 1024, height: 768 });
    await page.goto(newBase + '/');
    await page.waitForSelector('#setup');
    assert.equal(await page.isVisible('#login-username'), false, 'no login form before anyone exists');
    // A township centre needs only the township; a street centre the county and the street.
    assert.equal(await page.isVisible('#setup-township'), true);
    assert.equal(await page.isVisible('#setup-county'), false);
    await page.selectOption('#setup-kind', 'street-centre');
    assert.equal(await page.isVisible('#setup-county'), true);
    assert.equal(await page.isVisible('#setup-street'), true);
    assert.equal(await page.isVisible('#setup-township'), false);
    await page.selectOption('#setup-kind', 'township-centre');
    // A place name without its ending is refused beside the field, in Chinese.
    await page.fill('#setup-township', '柳树');
    await page.fill('#setup-admin', 'chief');
    await page.fill('#setup-password', 'chief-Passw0rd');
    await page.fill('#setup-password-again', 'chief-Passw0rd');
    await page.click('#setup-submit');
    await page.waitForSelector('#setup-township.invalid');
    assert.match(await page.textContent('#setup .banner'), /请修改标红的项/);
    // Two different passwords never reach the server.
    await page.fill('#setup-township', '柳树镇');
    await page.fill('#setup-password-again', 'other-Passw0rd');
    await page.click('#setup-submit');
    await page.waitForSelector('#setup-password-again.invalid');
    await page.fill('#setup-password-again', 'chief-Passw0rd');
    await page.click('#setup-submit');
    // Made, logged in, on the new centre's page with its standard name.
    await page.waitForSelector('#current-user');
    assert.match(await page.textContent('#current-user'), /chief（管理员）/);
    await page.waitForFunction(() => document.getElementById('centre-name')?.textContent === '柳树镇人民政府便民服务中心');
    await page.waitForSelector('#view-centres input[data-field="name"]');
    assert.equal(await page.inputValue('#view-centres input[data-field="name"]'), '柳树镇人民政府便民服务中心');
    // Done once: a new visitor gets the login form.
    const other = await open();
    await other.page.goto(newBase + '/');
    await other.page.waitForSelector('#login-username');
    assert.equal(await other.page.isVisible('#setup'), false);
    await other.context.close();
    await context.close();
  },
  // ---- cases: calendar and checks (add new ones right below this line) ----
  async 'admin marks a holiday in the calendar page and the working-days-only program does not play that day'() {
    const { context, page } = await open();
    await logIn(page, users.admin, '/#/calendar?year=2027');
    await page.waitForSelector('#calendar-grid button[data-date="2027-03-03"]');
    // Wednesday 2027-03-03: screen 1 (大厅横幅屏) plays 欢迎语与公告, working days 08:30-17:30.
    const before = await (await page.request.get(`${base}/api/plays?date=2027-03-03&time=10:00`)).json();
    const banner = (r) => r.screens.find((s) => s.screen_id === 1);
    assert.equal(banner(before).program, '欢迎语与公告');
    // The State Council's days of 2026 come with the product.
    await page.goto(`${base}/#/calendar?year=2026`);
    await page.waitForSelector('#calendar-grid button[data-date="2026-10-01"].holiday');
    assert.match(await page.getAttribute('#calendar-grid button[data-date="2026-10-10"]', 'class'), /workday/);
    assert.match(await page.textContent('#calendar-source'), /国务院办公厅/);
    await page.click('#calendar-next');
    await page.waitForSelector('#calendar-grid button[data-date="2027-03-03"]');

    // A Saturday marked 放假 is refused, in Chinese, naming the date.
    await page.click('#calendar-grid button[data-date="2027-03-06"]');
    await page.click('#calendar-save');
    await page.waitForSelector('#calendar-message.error');
    assert.equal(await page.textContent('#calendar-message'), '2027-03-06是星期六，本来就休息，不能标为放假');
    await page.check('input[name="calendar-mark"][value="ordinary"]');
    await page.click('#calendar-grid button[data-date="2027-03-06"]');

    await page.check('input[name="calendar-mark"][value="holiday"]');
    await page.fill('#calendar-name', '县庆');
    await page.click('#calendar-grid button[data-date="2027-03-03"]');
    assert.match(await page.getAttribute('#calendar-grid button[data-date="2027-03-03"]', 'class'), /holiday/);
    const [saved] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/calendar/2027') && r.request().method() === 'PUT'),
      page.click('#calendar-save'),
    ]);
    assert.equal(saved.status(), 200);
    await page.waitForSelector('#calendar-message.ok');
    assert.match(await page.textContent('#calendar-message'), /已保存 2027 年/);
    await page.waitForSelector('#calendar-grid button[data-date="2027-03-03"].holiday.entered');
    assert.match(await page.textContent('#calendar-grid button[data-date="2027-03-03"]'), /县庆/);
    // What each screen plays that day, as the page shows it after the save.
    await page.waitForSelector('#calendar-plays li[data-screen="1"]');
    assert.match(await page.textContent('#calendar-plays h3'), /休息日，县庆/);
    assert.match(await page.textContent('#calendar-plays li[data-screen="1"]'), /默认节目/);
    assert.doesNotMatch(await page.textContent('#calendar-plays li[data-screen="1"]'), /欢迎语与公告/);
    await page.screenshot({ path: join(artifacts, 'calendar.png'), fullPage: true });

    // Back to the demo's calendar for the other cases.
    const { csrf } = await (await page.request.get(`${base}/api/session`)).json();
    const reset = await page.request.put(`${base}/api/calendar/2027`, { data: { days: [] }, headers: { 'X-CSRF-Token': csrf } });
    assert.equal(reset.status(), 200);
    await context.close();
  },

  async 'the checks page lists errors first and each finding opens its record with the field marked'() {
    const { context, page } = await open();
    await logIn(page, users.editor, '/#/checks');
    await page.waitForSelector('#view-checks li.finding');
    const severities = await page.$$eval('#view-checks li.finding', (els) => els.map((e) => e.dataset.severity));
    assert.ok(severities.length > 0);
    assert.equal(severities[0], 'error');
    const firstWarning = severities.indexOf('warning');
    assert.ok(firstWarning > 0, 'the demo has warnings too');
    assert.ok(severities.slice(firstWarning).every((s) => s !== 'error'), `no error after a warning: ${severities.join(' ')}`);
    assert.doesNotMatch(await page.textContent('#view-checks'), /仍在/);

    const link = page.locator('#view-checks li.finding[data-severity="error"] a.kind').first();
    const field = await link.evaluate((a) => a.closest('li').dataset.field);
    const href = await link.getAttribute('href');
    assert.match(href, /\?field=/);
    await link.click();
    await page.waitForSelector('.marked');
    const focused = await page.evaluate(() => document.activeElement?.dataset?.field || '');
    assert.ok(focused && field.startsWith(focused), `the cursor is in ${focused}, the finding names ${field}`);
    await context.close();
  },

  async 'editor creates a notice, the LED preview follows the typing, the admin sees it in the audit log'() {
    const { context, page } = await open();
    await logIn(page, users.editor, '/#/notices');
    await page.waitForSelector('#current-user');
    assert.match(await page.textContent('#current-user'), /editor/);
    await page.waitForSelector('#view-notices table.list');
    await page.click('a[href="#/notices/new"]');
    await page.waitForSelector('#notice-title');
    await page.selectOption('#notice-category', 'social-insurance');

    const first = await previewAfter(page, () => page.fill('#notice-title', '社保卡集中办理'));
    assert.ok(first.width > 0 && first.height > 0, 'the preview has a picture');
    assert.ok(first.lit > 0, 'the title lights some LEDs');

    const typed = await previewAfter(page, () => page.type('#notice-body', '本周六上午在便民服务中心集中发放社会保障卡', { delay: 20 }));
    assert.notEqual(typed.src, first.src, 'a new picture after typing');
    assert.notEqual(typed.hash, first.hash, 'the picture bytes changed');
    assert.notEqual(typed.lit, first.lit, 'the lit pixels changed');
    assert.equal(await page.isVisible('#led-missing'), false, 'no missing characters yet');

    await previewAfter(page, async () => {
      await page.focus('#notice-body');
      await page.keyboard.press('End');
      await page.keyboard.insertText('𪛗');
    });
    await page.waitForFunction(() => document.getElementById('led-missing')?.textContent.includes('U+2A6D7'));
    assert.equal(await page.isVisible('#led-missing'), true);
    assert.match(await page.textContent('#led-missing'), /𪛗/);
    assert.equal(await page.textContent('.led-mirror mark'), '𪛗', 'the missing character is marked in the text');

    await page.fill('#notice-until', inAWeek);
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/notices') && r.request().method() === 'POST'),
      page.click('#save'),
    ]);
    assert.equal(created.status(), 201);
    const notice = await created.json();
    const noticeId = notice.id;
    assert.ok(noticeId > 0);
    assert.equal(notice.title, '社保卡集中办理');
    assert.equal(notice.publish_until, inAWeek);
    assert.ok(notice.body.endsWith('𪛗'));
    await page.waitForSelector('.banner.ok');
    assert.match(await page.textContent('.banner.ok'), /已新建并保存/);
    assert.equal(new URL(page.url()).hash, `#/notices/${noticeId}`);
    // The findings for this record, read after the save, name the character no screen font has.
    await page.waitForFunction(() => /U\+2A6D7/.test(document.getElementById('findings').textContent));
    await page.screenshot({ path: join(artifacts, 'notice-edit.png'), fullPage: true });
    await context.close();

    const admin = await open();
    await logIn(admin.page, users.admin, '/#/audit');
    const row = admin.page.locator(`#view-audit tr[data-record="notice"][data-id="${noticeId}"]`).first();
    await row.waitFor();
    assert.equal((await row.locator('td.user').textContent()).trim(), 'editor');
    assert.match(await row.textContent(), /新建/);
    assert.match(await row.textContent(), /社保卡集中办理/);
    // Its fields are named by the notice's labels (GET /api/fields), the key kept as the title.
    assert.equal(await row.locator('td.key[title="publish_until"]').textContent(), '公示结束');
    await admin.page.screenshot({ path: join(artifacts, 'audit.png'), fullPage: true });
    await admin.context.close();
  },

  async 'a title that is markup shows as text, in the list and the edit page'() {
    const title = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">';
    const { context, page } = await open();
    await logIn(page, users.editor, '/#/notices/new');
    await page.waitForSelector('#notice-title');
    await page.fill('#notice-title', title);
    await page.fill('#notice-body', '<b>正文</b>');
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/notices') && r.request().method() === 'POST'),
      page.click('#save'),
    ]);
    assert.equal(created.status(), 201);
    const { id } = await created.json();

    await page.goto(`${base}/#/notices?q=${encodeURIComponent('window.__xss')}`);
    const link = page.locator(`#view-notices tr[data-id="${id}"] a`);
    await link.waitFor();
    assert.equal(await link.textContent(), title, 'the list shows the title literally');
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    assert.equal(await page.locator('#view-notices img[src="x"], #view-notices script').count(), 0);

    await link.click();
    await page.waitForSelector('#notice-title');
    assert.equal(await page.inputValue('#notice-title'), title);
    assert.equal(await page.textContent('.page-head h2'), `公告：${title}`);
    await page.waitForFunction(() => document.querySelector('.led-mirror')?.textContent.length > 0);
    assert.match((await page.textContent('.led-mirror')).replace(/\n/g, ''), /<script>window\.__xss=1<\/script>/, 'the mirror shows the screen\'s lines');
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    await context.close();

    const admin = await open();
    await logIn(admin.page, users.admin, '/#/audit');
    const row = admin.page.locator(`#view-audit tr[data-record="notice"][data-id="${id}"]`).first();
    await row.waitFor();
    assert.match(await row.textContent(), /<script>window\.__xss=1<\/script>/);
    assert.equal(await admin.page.evaluate(() => window.__xss), undefined);
    await admin.context.close();
  },

  async 'a save based on an older version is refused and said so'() {
    const noticeId = 1; // a demo notice: this case needs nothing an earlier case made
    const a = await open();
    await logIn(a.page, users.editor, `/#/notices/${noticeId}`);
    await a.page.waitForSelector('#notice-title');
    const b = await a.context.newPage();
    b.on('pageerror', (e) => pageErrors.push(`${b.url()}: ${e.message}`));
    await b.goto(`${base}/#/notices/${noticeId}`);
    await b.waitForSelector('#notice-title');
    await b.fill('#notice-title', '社保卡集中办理（时间调整）');
    const [first] = await Promise.all([
      b.waitForResponse((r) => r.url().endsWith(`/api/notices/${noticeId}`) && r.request().method() === 'PUT'),
      b.click('#save'),
    ]);
    assert.equal(first.status(), 200);
    await a.page.fill('#notice-title', '社保卡集中办理（另一处修改）');
    const [second] = await Promise.all([
      a.page.waitForResponse((r) => r.url().endsWith(`/api/notices/${noticeId}`) && r.request().method() === 'PUT'),
      a.page.click('#save'),
    ]);
    assert.equal(second.status(), 409);
    await a.page.waitForSelector('.banner.conflict');
    assert.match(await a.page.textContent('.banner.conflict'), /该记录已被他人修改，请刷新后再改/);
    await a.context.close();
  },

  // ---- cases: program editor and schedules (add new ones right below this line) ----
  // A holiday entered in the 节假日 page shows in a screen's week view, named, and the screen's
  // working-days-only program does not play that day while it plays the day before.
  async 'a holiday entered in the calendar shows in the week view and stops the working-days-only program'() {
    const { context, page } = await open({ width: 1366, height: 768 });
    await logIn(page, users.admin, '/#/calendar?year=2027');
    await page.waitForSelector('#calendar-grid button[data-date="2027-03-17"]');
    const { csrf } = await (await page.request.get(`${base}/api/session`)).json();
    const entered = (await (await page.request.get(`${base}/api/calendar/2027`)).json()).days
      .filter((d) => d.source === 'centre').map((d) => ({ date: d.date, kind: d.kind, name: d.name }));
    // Screen 1's working-days-only program (the demo's 欢迎语与公告), or one made for the case.
    const programs = (await (await page.request.get(`${base}/api/programs?limit=1000`)).json()).items;
    let program = programs.find((p) => p.screen_id === 1 && p.schedule?.working_days_only);
    let madeHere = false;
    try {
      if (!program) {
        const made = await page.request.post(`${base}/api/programs`, { headers: { 'X-CSRF-Token': csrf }, data: {
          screen_id: 1, name: '工作日节目', schedule: { working_days_only: true, times: [{ start: '08:30', end: '17:30' }] },
          areas: [{ x: 0, y: 0, width: 256, height: 32, items: [{ kind: 'centre' }] }] } });
        assert.equal(made.status(), 201, await made.text());
        program = await made.json();
        madeHere = true;
      }
      // Wednesday 2027-03-17 marked 放假 by clicking it, named, saved.
      await page.check('input[name="calendar-mark"][value="holiday"]');
      await page.fill('#calendar-name', '镇庆');
      await page.click('#calendar-grid button[data-date="2027-03-17"]');
      const [saved] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/calendar/2027') && r.request().method() === 'PUT'),
        page.click('#calendar-save'),
      ]);
      assert.equal(saved.status(), 200, await saved.text());
      await page.waitForSelector('#calendar-grid button[data-date="2027-03-17"].holiday');

      // The week of 2027-03-15 in the program's editor.
      await page.evaluate((id) => { location.hash = `#/programs/${id}`; }, program.id);
      await page.waitForSelector('#week-from');
      await page.fill('#week-from', '2027-03-15');
      const day = (date) => `#week .week-day[data-date="${date}"]`;
      const span = (date) => `${day(date)} .week-span[data-program="${program.id}"]`;
      await page.waitForSelector(span('2027-03-16'));
      assert.equal(await page.getAttribute(day('2027-03-17'), 'data-listed'), 'holiday');
      assert.match(await page.textContent(`${day('2027-03-17')} .week-head`), /镇庆/);
      assert.match(await page.getAttribute(day('2027-03-17'), 'class'), /rest/);
      assert.equal(await page.locator(span('2027-03-17')).count(), 0, 'the program does not play on the holiday');
      assert.equal(await page.locator(span('2027-03-16')).count(), 1, 'it plays the day before');
      assert.equal(await page.getAttribute(span('2027-03-16'), 'data-start'), program.schedule.times[0]?.start || '00:00');
      assert.doesNotMatch(await page.getAttribute(day('2027-03-16'), 'class'), /rest/);
      await page.screenshot({ path: join(artifacts, 'week-holiday.png'), fullPage: true });
    } finally {
      // The year back as it was, and what the case made removed.
      const reset = await page.request.put(`${base}/api/calendar/2027`, { data: { year: 2027, days: entered }, headers: { 'X-CSRF-Token': csrf } });
      assert.equal(reset.status(), 200, await reset.text());
      if (madeHere) {
        const current = await (await page.request.get(`${base}/api/programs/${program.id}`)).json();
        const res = await page.request.delete(`${base}/api/programs/${program.id}?version=${current.version}`, { headers: { 'X-CSRF-Token': csrf } });
        assert.equal(res.status(), 204);
      }
    }
    await context.close();
  },

  // A program made by mouse reaches an emulated controller card (run.sh starts a BX-K card, 128x32,
  // and names its address and output directory): a screen made for that card, two areas drawn, a
  // text in one and a notice in the other, saved; the card's own picture (screen.png, read here)
  // lights both areas' rectangles and leaves the rest of the screen dark.
  async 'a program made by mouse at 1366x768 reaches the emulated controller card in both areas'() {
    const cardAddress = process.env.GONGSHI_CARD_ADDRESS, cardDir = process.env.GONGSHI_CARD_DIR;
    assert.ok(cardAddress && cardDir, 'run.sh names the emulated card (GONGSHI_CARD_ADDRESS, GONGSHI_CARD_DIR)');
    const { inflateSync } = await import('node:zlib');
    // The emulator's PNGs: 8-bit RGB or 1-bit grey, not interlaced. Returns (x, y) => lit.
    const readPng = (bytes) => {
      assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG');
      let at = 8, width = 0, height = 0, depth = 0, colour = 0;
      const data = [];
      while (at < bytes.length) {
        const length = bytes.readUInt32BE(at), type = bytes.subarray(at + 4, at + 8).toString('latin1');
        const body = bytes.subarray(at + 8, at + 8 + length);
        if (type === 'IHDR') { width = body.readUInt32BE(0); height = body.readUInt32BE(4); depth = body[8]; colour = body[9]; }
        if (type === 'IDAT') data.push(body);
        at += 12 + length;
      }
      assert.ok((depth === 8 && colour === 2) || (depth === 1 && colour === 0), `a PNG the emulator writes (depth ${depth}, colour ${colour})`);
      const raw = inflateSync(Buffer.concat(data));
      const bpp = colour === 2 ? 3 : 1, stride = colour === 2 ? width * 3 : Math.ceil(width / 8);
      const rows = [];
      let prev = Buffer.alloc(stride);
      for (let y = 0; y < height; y++) {
        const filter = raw[y * (stride + 1)];
        const row = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
        for (let i = 0; i < stride; i++) {
          const a = i >= bpp ? row[i - bpp] : 0, b = prev[i], c = i >= bpp ? prev[i - bpp] : 0;
          const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
          const add = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][filter];
          row[i] = (row[i] + add) & 0xff;
        }
        rows.push(row);
        prev = row;
      }
      const lit = colour === 2 ? (x, y) => rows[y][x * 3] + rows[y][x * 3 + 1] + rows[y][x * 3 + 2] > 150
        : (x, y) => (rows[y][x >> 3] >> (7 - (x & 7))) & 1;
      return { width, height, lit };
    };
    // Lit pixels of the picture in [x, y, width, height].
    const litIn = (png, [x0, y0, w, h]) => {
      let n = 0;
      for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) if (png.lit(x, y)) n++;
      return n;
    };

    const viewport = { width: 1366, height: 768 };
    const { context, page } = await open(viewport);
    await logIn(page, users.editor, '/#/programs');
    await page.waitForSelector('#view-programs table, #view-programs p');
    const { csrf } = await (await page.request.get(`${base}/api/session`)).json();
    const made = await page.request.post(`${base}/api/screens`, { headers: { 'X-CSRF-Token': csrf }, data: {
      centre_id: 1, name: '控制卡测试屏', location: '二楼', width: 128, height: 32, color: 'red-green',
      font_profile: 'led16', protocol: 'bx-k', address: cardAddress } });
    assert.equal(made.status(), 201, await made.text());
    const screen = await made.json();
    // A notice in its publication period whatever day the test runs (the demo's end in 2026).
    const posted = await page.request.post(`${base}/api/notices`, { headers: { 'X-CSRF-Token': csrf }, data: {
      centre_id: 1, category: 'other', title: '控制卡测试公告', body: '本周六上午照常办公',
      publish_from: '2026-01-01', publish_until: '2099-12-31', urgent: false } });
    assert.equal(posted.status(), 201, await posted.text());
    const notice = await posted.json();
    let program = null;
    try {
      await page.evaluate(() => { location.hash = '#/programs/new'; });
      await page.waitForSelector('#program-stage');
      await page.selectOption('#program-screen', String(screen.id));
      await page.fill('#program-name', '控制卡两区');
      await page.waitForFunction(() => {
        const s = document.getElementById('program-stage');
        return s && Number(s.dataset.scale) >= 1 && Math.abs(s.getBoundingClientRect().width - 128 * Number(s.dataset.scale)) < 1;
      });
      const scale = Number(await page.getAttribute('#program-stage', 'data-scale'));
      const at = async ([x, y]) => {
        const box = await page.locator('#program-stage').boundingBox();
        return [box.x + x * scale, box.y + y * scale];
      };
      const drag = async (from, to) => {
        await page.locator('#program-stage').scrollIntoViewIfNeeded();
        await page.mouse.move(...await at(from));
        await page.mouse.down();
        await page.mouse.move(...await at(to), { steps: 6 });
        await page.mouse.up();
      };
      const place = async (i) => {
        const d = await page.locator(`#area-${i}`).evaluate((e) => ({ ...e.dataset }));
        return [d.x, d.y, d.width, d.height].map(Number);
      };
      // Two areas on a diagonal (upper left, lower right): the other two quarters stay dark.
      const upper = [0, 0, 64, 16], lower = [64, 16, 64, 16];
      await drag([1, 1], [62, 14]);
      assert.deepEqual(await place(0), upper);
      await page.click('#add-item');
      await page.selectOption('#item-kind-0', { label: '文字' });
      await page.fill('#item-text-0', '欢迎办事');
      await page.selectOption('#area-effect', { label: '静止' });
      await drag([66, 18], [126, 30]);
      assert.deepEqual(await place(1), lower);
      await page.click('#add-item');
      await page.selectOption('#item-kind-0', { label: '公告' });
      await page.selectOption('#item-record-0', { label: notice.title });
      await page.selectOption('#area-effect', { label: '静止' });
      const [created] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/programs') && r.request().method() === 'POST'),
        page.click('#save'),
      ]);
      assert.equal(created.status(), 201, await created.text());
      program = await created.json();
      assert.deepEqual(program.areas.map((a) => [a.x, a.y, a.width, a.height, a.items.map((i) => i.kind).join()]),
        [[...upper, 'text'], [...lower, 'notice']]);
      assert.equal(program.areas[1].items[0].record_id, notice.id);

      // The server drives the card with this program, and the card shows it: both rectangles lit,
      // the two quarters outside them dark (the default program before it fills the whole screen).
      const outside = [[64, 0, 64, 16], [0, 16, 64, 16]];
      let seen = null, showing = '';
      for (const end = Date.now() + 30000; Date.now() < end; await page.waitForTimeout(250)) {
        showing = (await screenHealth(page, screen.id)).showing;
        if (showing !== `program ${program.id}`) continue;
        let png;
        try {
          png = readPng(readFileSync(join(cardDir, 'screen.png')));
        } catch (e) {
          if (e.code === 'ENOENT') continue;
          throw e;
        }
        seen = { upper: litIn(png, upper), lower: litIn(png, lower), outside: outside.map((r) => litIn(png, r)), size: [png.width, png.height] };
        if (seen.upper > 20 && seen.lower > 20 && seen.outside.every((n) => n === 0)) break;
      }
      assert.equal(showing, `program ${program.id}`, 'the server says the card shows the new program');
      assert.ok(seen, 'the card wrote its picture');
      assert.deepEqual(seen.size, [128, 32]);
      assert.ok(seen.upper > 20 && seen.lower > 20, `the card lights both areas (${JSON.stringify(seen)})`);
      assert.deepEqual(seen.outside, [0, 0], 'nothing lit outside the two areas');
      await page.screenshot({ path: join(artifacts, 'program-to-card.png'), fullPage: true });
    } finally {
      const removeOne = async (collection, id) => {
        const current = await (await page.request.get(`${base}/api/${collection}/${id}`)).json();
        const res = await page.request.delete(`${base}/api/${collection}/${id}?version=${current.version}`, { headers: { 'X-CSRF-Token': csrf } });
        assert.equal(res.status(), 204, `${collection} ${id} deleted`);
      };
      if (program) await removeOne('programs', program.id);
      await removeOne('screens', screen.id);
      await removeOne('notices', notice.id);
    }
    await context.close();
  },

  // A program for a new screen made with the mouse at two window sizes: two areas drawn, moved and
  // resized, content picked by Chinese names, saved, played (both areas lit), shown on the screen's
  // own web player, then a schedule picked in the form and shown in the week view.
  ...(() => {
    // Deletes what a case made, each at its current version.
    const removeRecords = async (page, csrf, records) => {
      for (const [collection, id] of records) {
        if (!id) continue;
        const current = await (await page.request.get(`${base}/api/${collection}/${id}`)).json();
        const res = await page.request.delete(`${base}/api/${collection}/${id}?version=${current.version}`, { headers: { 'X-CSRF-Token': csrf } });
        assert.equal(res.status(), 204, `${collection} ${id} deleted`);
      }
    };
    const flow = async (viewport) => {
      const { context, page } = await open(viewport);
      await logIn(page, users.editor, '/#/programs');
      await page.waitForSelector('#view-programs table, #view-programs p');
      const { csrf } = await (await page.request.get(`${base}/api/session`)).json();
      const made = await page.request.post(`${base}/api/screens`, { headers: { 'X-CSRF-Token': csrf }, data: {
        centre_id: 1, name: `节目编辑测试屏${viewport.width}`, location: '二楼', width: 128, height: 32, color: 'red-green',
        font_profile: 'led16', protocol: 'web', address: 'web:' } });
      assert.equal(made.status(), 201);
      const screen = await made.json();
      let program = null;
      try {
        const windowOne = await (await page.request.get(`${base}/api/windows/1`)).json();
        const matter = (await (await page.request.get(`${base}/api/matters?limit=1`)).json()).items[0];

        await page.evaluate(() => { location.hash = '#/programs/new'; });
        await page.waitForSelector('#program-stage');
        await page.selectOption('#program-screen', String(screen.id));
        await page.fill('#program-name', '窗口与事项');
        // The stage is the screen at a whole number of pixels per LED, fitted to its column.
        await page.waitForFunction(() => {
          const s = document.getElementById('program-stage');
          return s && Number(s.dataset.scale) >= 1 && Math.abs(s.getBoundingClientRect().width - 128 * Number(s.dataset.scale)) < 1;
        });
        const scale = Number(await page.getAttribute('#program-stage', 'data-scale'));
        assert.ok(Number.isInteger(scale), `crisp: whole pixels per LED (${scale})`);
        assert.equal(await page.getAttribute('#program-stage', 'data-module'), '16');
        // LEDs to the viewport's pixels, where the stage is now (choosing from a list may scroll).
        const at = ([x, y]) => async () => {
          const box = await page.locator('#program-stage').boundingBox();
          return [box.x + x * scale, box.y + y * scale];
        };
        const drag = async (fromAt, toAt) => {
          await page.locator('#program-stage').scrollIntoViewIfNeeded();
          const from = await fromAt(), to = await toAt();
          await page.mouse.move(...from);
          await page.mouse.down();
          await page.mouse.move(...to, { steps: 6 });
          await page.mouse.up();
        };
        const place = async (i) => {
          const d = await page.locator(`#area-${i}`).evaluate((e) => ({ ...e.dataset }));
          return [d.x, d.y, d.width, d.height].map(Number);
        };

        // Area 1: dragged over the top row, snapped to the 16-LED modules.
        await drag(at([1, 1]), at([126, 14]));
        assert.deepEqual(await place(0), [0, 0, 128, 16]);
        await page.click('#add-item');
        await page.selectOption('#item-kind-0', { label: '窗口状态' });
        await page.selectOption('#item-record-0', { label: `${windowOne.number}号窗口 ${windowOne.business}`.trim() });
        await page.selectOption('#area-effect', { label: '静止' });

        // Area 2: drawn in the middle of the lower row, moved to the left edge, widened by its corner.
        await drag(at([34, 18]), at([94, 30]));
        assert.deepEqual(await place(1), [32, 16, 64, 16]);
        await drag(at([60, 24]), at([28, 24]));
        assert.deepEqual(await place(1), [0, 16, 64, 16]);
        await drag(async () => {
          const handle = await page.locator('#area-1 .prog-handle').boundingBox();
          return [handle.x + handle.width / 2, handle.y + handle.height / 2];
        }, at([127, 31]));
        assert.deepEqual(await place(1), [0, 16, 128, 16]);
        await page.click('#add-item');
        await page.selectOption('#item-kind-0', { label: '事项' });
        await page.selectOption('#item-record-0', { label: matter.name });
        await page.selectOption('#area-effect', { label: '左移' });
        await page.selectOption('#area-speed', { label: '快' });
        await page.selectOption('#area-dwell', { label: '8 秒' });
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= viewport.width, `no horizontal scrolling (scrollWidth ${width})`);

        const [created] = await Promise.all([
          page.waitForResponse((r) => r.url().endsWith('/api/programs') && r.request().method() === 'POST'),
          page.click('#save'),
        ]);
        assert.equal(created.status(), 201, await created.text());
        program = await created.json();
        assert.deepEqual(program.areas.map((a) => [a.x, a.y, a.width, a.height, a.effect, a.items.map((i) => `${i.kind}:${i.record_id}`).join()]),
          [[0, 0, 128, 16, 'static', 'window:1'], [0, 16, 128, 16, 'left', `matter:${matter.id}`]]);
        assert.equal(program.areas[1].speed, 2);
        assert.equal(program.areas[1].dwell_seconds, 8);

        // It plays in the preview as the card plays it: both areas light up (the lower one moves in).
        const halves = () => {
          const c = document.getElementById('program-play');
          if (!c || !c.width) return [0, 0];
          const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          const out = [0, 0];
          for (let i = 0; i < d.length; i += 4) if (d[i] + d[i + 1] + d[i + 2] > 150) out[(i / 4 / c.width) < c.height / 2 ? 0 : 1]++;
          return out;
        };
        let lit = [0, 0];
        for (const end = Date.now() + 10000; Date.now() < end && !(lit[0] > 100 && lit[1] > 100); await page.waitForTimeout(200))
          lit = await page.evaluate(halves);
        assert.ok(lit[0] > 100 && lit[1] > 100, `both areas lit in the preview (${lit})`);
        await page.screenshot({ path: join(artifacts, `program-editor-${viewport.width}.png`), fullPage: true });

        // The screen itself (a web player) shows it.
        const tv = await context.newPage();
        tv.on('pageerror', (e) => pageErrors.push(`${tv.url()}: ${e.message}`));
        await tv.goto(`${base}/player/${screen.id}`);
        await waitLit(tv, '#screen');
        await tv.close();

        // The schedule: a typo is named where it is typed; what is picked is saved and shown in the week.
        await page.check('#sched-wd-1');
        await page.check('#sched-wd-2');
        await page.check('#sched-wd-3');
        await page.click('#add-time');
        await page.fill('#sched-start-0', '8:3');
        assert.match(await page.textContent('.prog-time .field-error'), /请按 HH:MM 填写/);
        await page.fill('#sched-start-0', '08:00');
        await page.fill('#sched-end-0', '07:00');
        assert.match(await page.textContent('.prog-time .field-error'), /结束时间应晚于开始时间 08:00/);
        await page.fill('#sched-end-0', '12:00');
        assert.equal(await page.textContent('.prog-time .field-error'), '');
        await page.check('#sched-working');
        const [saved] = await Promise.all([
          page.waitForResponse((r) => r.url().endsWith(`/api/programs/${program.id}`) && r.request().method() === 'PUT'),
          page.click('#save'),
        ]);
        assert.equal(saved.status(), 200, await saved.text());
        const schedule = (await saved.json()).schedule;
        assert.deepEqual([...schedule.weekdays], [1, 2, 3]);
        assert.deepEqual(schedule.times.map((t) => `${t.start}-${t.end}`), ['08:00-12:00']);
        assert.equal(schedule.working_days_only, true);

        await page.fill('#week-from', '2026-11-23');
        const span = `#week .week-day[data-date="2026-11-23"] .week-span[data-program="${program.id}"]`;
        await page.waitForSelector(span);
        assert.equal(await page.getAttribute(span, 'data-start'), '08:00');
        assert.equal(await page.getAttribute(span, 'data-end'), '12:00');
        await page.waitForSelector('#week .week-day[data-date="2026-11-26"]');
        assert.equal(await page.locator(`#week .week-day[data-date="2026-11-26"] .week-span[data-program="${program.id}"]`).count(), 0,
          'not on Thursday');
        assert.equal(await page.locator(`#week .week-day[data-date="2026-11-28"] .week-span[data-program="${program.id}"]`).count(), 0,
          'not on Saturday');
      } finally {
        // The other cases see the demo's five screens only.
        await removeRecords(page, csrf, [['programs', program?.id], ['screens', screen.id]]);
      }
      await context.close();
    };
    return {
      async 'a program for a new screen made by mouse at 1024x768: areas, content, play, the screen, schedule and week'() {
        await flow({ width: 1024, height: 768 });
      },
      async 'a program for a new screen made by mouse at 1366x768: areas, content, play, the screen, schedule and week'() {
        await flow({ width: 1366, height: 768 });
      },
      async 'on a card screen the program editor keeps areas apart and shows a refusal beside the area it names'() {
        const { context, page } = await open({ width: 1366, height: 768 });
        await logIn(page, users.editor, '/#/programs');
        await page.waitForSelector('#view-programs table, #view-programs p');
        const { csrf } = await (await page.request.get(`${base}/api/session`)).json();
        // A program of its own on the hall banner (a bx-k card, 256x32), for days that never come.
        const made = await page.request.post(`${base}/api/programs`, { headers: { 'X-CSRF-Token': csrf }, data: {
          screen_id: 1, name: '分区测试节目', schedule: { from: '2030-01-01', until: '2030-01-02' },
          areas: [{ x: 0, y: 0, width: 256, height: 16, items: [{ kind: 'centre' }] },
            { x: 0, y: 16, width: 256, height: 16, effect: 'left', items: [{ kind: 'notice-list' }] }] } });
        assert.equal(made.status(), 201, await made.text());
        const program = await made.json();
        try {
          const matter = (await (await page.request.get(`${base}/api/matters?limit=1`)).json()).items[0];
          await page.evaluate((id) => { location.hash = `#/programs/${id}`; }, program.id);
          await page.waitForSelector('#area-1');
          await page.waitForFunction(() => Number(document.getElementById('program-stage')?.dataset.scale) >= 1);
          const scale = Number(await page.getAttribute('#program-stage', 'data-scale'));
          const at = async ([x, y]) => {
            const box = await page.locator('#program-stage').boundingBox();
            return [box.x + x * scale, box.y + y * scale];
          };
          const drag = async (from, to) => {
            await page.locator('#program-stage').scrollIntoViewIfNeeded();
            await page.mouse.move(...await from());
            await page.mouse.down();
            await page.mouse.move(...await to(), { steps: 6 });
            await page.mouse.up();
          };
          const place = async (i) => {
            const d = await page.locator(`#area-${i}`).evaluate((e) => ({ ...e.dataset }));
            return [d.x, d.y, d.width, d.height].map(Number);
          };
          // The lower area made half as wide by its corner, a third area drawn in the room it left.
          await drag(async () => {
            const handle = await page.locator('#area-1 .prog-handle').boundingBox();
            return [handle.x + handle.width / 2, handle.y + handle.height / 2];
          }, () => at([126, 31]));
          assert.deepEqual(await place(1), [0, 16, 128, 16]);
          await drag(() => at([131, 18]), () => at([250, 30]));
          assert.deepEqual(await place(2), [128, 16, 128, 16]);
          // Moved onto the second area, it goes back: the card cannot lay areas over each other.
          await drag(() => at([190, 24]), () => at([60, 24]));
          assert.deepEqual(await place(2), [128, 16, 128, 16]);
          assert.match(await page.textContent('#stage-note'), /区域3会与区域2重叠，已放回原处/);

          // Saved while the first area is chosen: the server's refusal of the third shows that area and
          // the message beside its contents.
          await page.locator('#area-0').click({ position: { x: 30, y: 5 } });
          assert.match(await page.textContent('#area-form h3'), /区域1/);
          const save = async () => {
            const [res] = await Promise.all([
              page.waitForResponse((r) => r.url().endsWith(`/api/programs/${program.id}`) && r.request().method() === 'PUT'),
              page.click('#save'),
            ]);
            return res;
          };
          let res = await save();
          assert.equal(res.status(), 400);
          assert.equal((await res.json()).field, 'areas[2].items');
          await page.waitForSelector('#area-2.selected');
          assert.match(await page.textContent('#area-form'), /区域\[2\]没有内容：请至少选择一项要显示的内容/);

          await page.click('#add-item');
          await page.selectOption('#item-kind-0', { label: '事项' });
          res = await save();
          assert.equal(res.status(), 400);
          assert.equal((await res.json()).field, 'areas[2].items[0].record_id');
          assert.match(await page.textContent('#area-form'), /区域\[2\]\.内容\[0\]的类型是“事项”，请选择要显示的事项/);
          assert.equal(await page.getAttribute('#item-record-0', 'class'), 'invalid');

          await page.selectOption('#item-record-0', { label: matter.name });
          res = await save();
          assert.equal(res.status(), 200, await res.text());
          const stored = await res.json();
          assert.deepEqual(stored.areas.map((a) => [a.x, a.y, a.width, a.height]), [[0, 0, 256, 16], [0, 16, 128, 16], [128, 16, 128, 16]]);
          assert.deepEqual(stored.areas[2].items.map((i) => [i.kind, i.record_id]), [['matter', matter.id]]);

          // The same areas as JSON for those who type them; a typo there changes nothing.
          await page.click('.prog-json summary');
          await page.waitForFunction(() => document.getElementById('areas-json').value.length > 0);
          assert.equal(JSON.parse(await page.inputValue('#areas-json')).length, 3);
          await page.fill('#areas-json', '[{"x": 0,');
          await page.click('#areas-json-apply');
          assert.match(await page.textContent('.prog-json .field-error'), /JSON 格式错误/);
          assert.equal(await page.locator('#program-stage .prog-area').count(), 3);
          await page.fill('#areas-json', '[{"x": 0, "y": 0, "width": 256, "height": 32, "items": [{"kind": "centre"}]}]');
          await page.click('#areas-json-apply');
          assert.equal(await page.locator('#program-stage .prog-area').count(), 1);
          assert.deepEqual(await place(0), [0, 0, 256, 32]);
        } finally {
          await removeRecords(page, csrf, [['programs', program.id]]);
        }
        await context.close();
      },
    };
  })(),

  async 'a matter shows its check findings beside the form, and a refused field is marked'() {
    const { context, page } = await open();
    const name = '农村土地承包经营权证补发'; // the demo's matter with a fee but no fee basis
    await logIn(page, users.editor, `/#/matters?q=${encodeURIComponent(name)}`);
    // The list words the time limit and fee as the screens do (POST /api/wording).
    const row = page.locator('#view-matters tbody tr').first();
    await row.waitFor();
    assert.match(await row.textContent(), /个工作日|即办/);
    assert.match(await row.textContent(), /元/);
    await page.locator(`#view-matters a:text-is("${name}")`).click();
    await page.waitForSelector('#matter-promised');
    await page.waitForFunction(() => /收费无依据/.test(document.getElementById('findings').textContent));
    assert.match(await page.textContent('#findings'), /收费依据/);
    // The preview is the server's composition of the unsaved form: the fee table row says 未载明.
    await page.waitForFunction(() => /依据：未载明/.test(document.querySelector('.led-mirror')?.textContent.replace(/\n/g, '')));

    const statutory = Number(await page.inputValue('#matter-statutory'));
    assert.ok(statutory > 0);
    await page.fill('#matter-promised', String(statutory + 5));
    const [refused] = await Promise.all([
      page.waitForResponse((r) => /\/api\/matters\/\d+$/.test(r.url()) && r.request().method() === 'PUT'),
      page.click('#save'),
    ]);
    assert.equal(refused.status(), 400);
    assert.equal((await refused.json()).field, 'promised_days');
    const slot = page.locator('.field:has(#matter-promised) .field-error');
    await slot.waitFor();
    assert.match(await slot.textContent(), /超过法定时限/);
    assert.equal(await page.getAttribute('#matter-promised', 'class'), 'invalid');

    await page.fill('#matter-promised', String(statutory));
    await page.fill('.field:has-text("收费依据") textarea', '《四川省农村土地承包经营权证工本费标准》');
    // The basis whole, or where the entry would not keep to one page its shortened form on the screen.
    await page.waitForFunction(() => /依据：《四川省农村土地承包经营权证工本费标准》|依据详见办事指南/.test(
      document.querySelector('.led-mirror')?.textContent.replace(/\n/g, '')));
    const [saved] = await Promise.all([
      page.waitForResponse((r) => /\/api\/matters\/\d+$/.test(r.url()) && r.request().method() === 'PUT'),
      page.click('#save'),
    ]);
    assert.equal(saved.status(), 200);
    await page.waitForSelector('.banner.ok');
    await page.waitForFunction(() => !/收费无依据|检查中/.test(document.getElementById('findings').textContent));
    await context.close();
  },

  async 'window staff set "away" on a phone'() {
    const { context, page } = await open({ width: 375, height: 667 }, { isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    await logIn(page, users.clerk, '/window');
    await page.waitForSelector('#status-away');
    assert.match(await page.textContent('h1'), /4号窗口/);
    await page.tap('#status-away');
    await page.waitForSelector('#away-where');
    await page.fill('#away-where', '石板村五组');
    await page.fill('#away-why', '低保入户核查');
    await page.fill('#away-back', '14:30');
    await page.fill('#away-phone', '0833-6201104');
    const [put] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/windows/${windowId}/status`) && r.request().method() === 'PUT'),
      page.tap('#away-save'),
    ]);
    assert.equal(put.status(), 200);
    const answer = await put.json();
    assert.equal(answer.status, 'away');
    assert.deepEqual({ ...answer.away }, { where: '石板村五组', why: '低保入户核查', back_at: '14:30', phone: '0833-6201104' });

    const stored = await (await page.request.get(`${base}/api/windows/${windowId}`)).json();
    assert.equal(stored.status, 'away');
    assert.equal(stored.away.where, '石板村五组');
    assert.equal(stored.away.back_at, '14:30');
    assert.equal(stored.away.why, '低保入户核查');
    assert.equal(stored.away.phone, '0833-6201104');
    await page.waitForSelector('#save-note.ok');
    assert.match(await page.textContent('#window-status'), /暂离.*14:30.*石板村五组/);
    assert.equal(await page.getAttribute('#status-away', 'aria-pressed'), 'true');

    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375, `no horizontal scrolling (scrollWidth ${width})`);
    const button = await page.locator('#status-serving').boundingBox();
    assert.ok(button.height >= 44 && button.width >= 300, `big touch targets (${button.width}x${button.height})`);
    await page.screenshot({ path: join(artifacts, 'window-phone.png'), fullPage: true });

    // Another window is not this user's to read.
    const other = await page.request.get(`${base}/api/windows/${windowId === 1 ? 2 : 1}`);
    assert.equal(other.status(), 403);
    await context.close();
  },

  async 'a TV at /player/5 shows the screen and reconnects by itself'() {
    const { context, page } = await open({ width: 1280, height: 720 });
    await page.goto(`${base}/player/${webScreen.id}`);
    await waitLit(page, '#screen');
    assert.equal(await page.title(), `${webScreen.name} · 显示屏`);
    const look = await page.evaluate(() => {
      const c = document.getElementById('screen');
      const box = c.getBoundingClientRect();
      const style = getComputedStyle(c);
      return { width: c.width, height: c.height, box: [box.width, box.height], fit: style.objectFit,
        cursor: getComputedStyle(document.body).cursor, background: getComputedStyle(document.body).backgroundColor,
        scroll: [document.documentElement.scrollWidth, document.documentElement.scrollHeight],
        status: document.getElementById('status').hidden };
    });
    // The television's own pixels, fitted to the window keeping the aspect ratio.
    assert.equal(look.width, webScreen.width);
    assert.equal(look.height, webScreen.height);
    assert.deepEqual(look.box, [1280, 720]);
    assert.equal(look.fit, 'contain');
    assert.equal(look.cursor, 'none');
    assert.equal(look.background, 'rgb(0, 0, 0)');
    assert.deepEqual(look.scroll, [1280, 720], 'no scrollbars');
    assert.equal(look.status, true, 'no "连接中…" while connected');
    await page.screenshot({ path: join(artifacts, 'player.png') });

    // The connection drops (the test closes it): "连接中…" shows, a new one opens within a few
    // seconds and pictures keep coming.
    const before = await page.evaluate(() => {
      window.__oldSocket = window.__player.socket;
      window.__oldSocket.close();
      return window.__player.frames;
    });
    await page.waitForSelector('#status', { state: 'visible', timeout: 3000 });
    assert.equal(await page.textContent('#status'), '连接中…');
    await page.waitForFunction((n) => {
      const s = window.__player.socket;
      return s && s !== window.__oldSocket && s.readyState === WebSocket.OPEN && window.__player.frames > n;
    }, before, { timeout: 10000 });
    await page.waitForSelector('#status', { state: 'hidden' });
    assert.ok(await page.evaluate(litCanvas, '#screen') > enoughLit, 'still lit after reconnecting');

    // A screen that is not a web player says so.
    const other = await context.newPage();
    other.on('pageerror', (e) => pageErrors.push(`${other.url()}: ${e.message}`));
    await other.goto(`${base}/player/1`);
    await other.waitForSelector('#message', { state: 'visible' });
    assert.match(await other.textContent('#message'), /找不到编号为 1 的网页播放屏/);
    assert.match(await other.textContent('#message'), /web（网页播放器）/);
    await context.close();
  },

  // ---- cases: broadcast, typed input and small screens (add new ones right below this line) ----
  async 'a screen\'s options are rows of named options, not JSON: a bad value is refused beside them in Chinese, a good one saved'() {
    const { context, page } = await open({ width: 1024, height: 768 });
    await logIn(page, users.admin, '/#/screens/3');
    await page.waitForSelector('#option-add');
    assert.equal(await page.locator('textarea[data-field="options"]').count(), 0, 'no JSON box');
    await page.click('#option-add');
    const row = page.locator('.option-row').last();
    await row.locator('select.option-key').selectOption('brightness');
    assert.equal(await row.locator('input.option-value').getAttribute('placeholder'), '0到15，如 10');
    await row.locator('input.option-value').fill('99');
    const [refused] = await Promise.all([
      page.waitForResponse((r) => /\/api\/screens\/3$/.test(r.url()) && r.request().method() === 'PUT'),
      page.click('#save'),
    ]);
    assert.equal(refused.status(), 400);
    assert.match((await refused.json()).field, /^options/);
    const said = await page.locator('.options-editor').locator('xpath=ancestor::div[contains(@class,"field")][1]').locator('.field-error').textContent();
    assert.match(said, /[\u4e00-\u9fff]/, `the refusal beside the options is Chinese: ${said}`);
    assert.doesNotMatch(said, /[A-Za-z]{3,} [A-Za-z]{3,} [A-Za-z]{3,}/);
    await row.locator('input.option-value').fill('8');
    const [saved] = await Promise.all([
      page.waitForResponse((r) => /\/api\/screens\/3$/.test(r.url()) && r.request().method() === 'PUT'),
      page.click('#save'),
    ]);
    assert.equal(saved.status(), 200);
    assert.deepEqual((await saved.json()).options, { brightness: '8' });
    // Taken out again, so the other cases find the demo's screen as it was.
    await page.waitForSelector('.option-row');
    await page.locator('.option-row').last().locator('button.danger').click();
    const [cleared] = await Promise.all([
      page.waitForResponse((r) => /\/api\/screens\/3$/.test(r.url()) && r.request().method() === 'PUT'),
      page.click('#save'),
    ]);
    assert.equal(cleared.status(), 200);
    assert.deepEqual((await cleared.json()).options, {});
    await context.close();
  },
  async 'an emergency broadcast reaches the web player screen, only it, and stops on the button'() {
    // What the TV (a web player, the emulated screen here) draws, read back from its canvas.
    const canvasLook = () => {
      const c = document.getElementById('screen');
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let hash = 0x811c9dc5, lit = 0, red = 0;
      for (let i = 0; i < d.length; i += 4) {
        hash = Math.imul(hash ^ d[i] ^ (d[i + 1] << 8) ^ (d[i + 2] << 16), 0x01000193) >>> 0;
        if (d[i] + d[i + 1] + d[i + 2] > 150) { lit++; if (d[i] > 2 * d[i + 1] + 20 && d[i] > 2 * d[i + 2] + 20) red++; }
      }
      return { hash, lit, red };
    };
    const player = await open({ width: 1280, height: 720 });
    await player.page.goto(`${base}/player/${webScreen.id}`);
    await player.page.waitForFunction(() => window.__player?.frames > 0);
    await waitLit(player.page, '#screen');
    const { context, page } = await open({ width: 1280, height: 900 });
    await logIn(page, users.admin, '/#/broadcast');
    await page.waitForSelector('#broadcast-text');
    const showingBefore = (await screenHealth(page, webScreen.id)).showing;
    const otherBefore = (await screenHealth(page, 1)).showing;
    assert.doesNotMatch(showingBefore, /^broadcast/);

    // A character no screen font has is reported before anything starts, and blocks the start.
    // (An LED screen's font lacks it; the TV's print fonts have it.)
    await page.check('#broadcast-chosen');
    await page.check(`#broadcast-screen-${webScreen.id}`);
    await page.check('#broadcast-screen-2');
    await page.fill('#broadcast-text', '请王\u{2A6D7}到窗口');
    await page.waitForSelector('#broadcast-previews .led-missing');
    assert.match(await page.textContent('#broadcast-previews .led-missing'), /U\+2A6D7/);
    assert.ok(await page.isDisabled('#broadcast-start'), 'no start while a character would show as a box');
    await page.uncheck('#broadcast-screen-2');

    await page.fill('#broadcast-text', '因停电，今日下午暂停办理业务');
    await page.waitForFunction(() => !document.querySelector('#broadcast-previews .led-missing')
      && [...document.querySelectorAll('#broadcast-previews img')].some((i) => i.complete && i.naturalWidth > 0));
    // The TV's takeover (1920x1080, its own pixels) fits its column, scaled, not cut off.
    const fit = await page.evaluate(() => {
      const img = document.querySelector('#broadcast-previews img');
      return { shown: img.getBoundingClientRect().width, natural: img.naturalWidth, room: img.closest('.led-frame').clientWidth };
    });
    assert.ok(fit.shown <= fit.room, `the preview fits its column (${fit.shown} <= ${fit.room})`);
    assert.ok(!(await page.isDisabled('#broadcast-start')));
    await page.click('#broadcast-for-minutes');
    await page.fill('#broadcast-minutes', '10');
    const [post] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/broadcasts') && r.request().method() === 'POST'),
      page.click('#broadcast-start'),
    ]);
    assert.equal(post.status(), 201);
    const { id } = await post.json();
    await page.waitForSelector('.banner.ok');
    assert.match(await page.textContent('.banner.ok'), new RegExp(`插播 ${id} 已开始：大厅电视`));

    // The screen shows it: the server says so, and the player draws a new, red picture.
    const end = Date.now() + 10000;
    let look;
    while (Date.now() < end) {
      look = await player.page.evaluate(canvasLook);
      if ((await screenHealth(page, webScreen.id)).showing === `broadcast ${id}` && look.lit > enoughLit && look.red > look.lit * 0.9) break;
      await page.waitForTimeout(200);
    }
    assert.equal((await screenHealth(page, webScreen.id)).showing, `broadcast ${id}`);
    assert.ok(look.red > look.lit * 0.9, `the player shows the broadcast in red (${look.red} of ${look.lit} lit pixels)`);
    assert.equal((await screenHealth(page, 1)).showing, otherBefore, 'a screen not chosen keeps its program');
    await player.page.screenshot({ path: join(artifacts, 'broadcast-player.png') });
    await page.screenshot({ path: join(artifacts, 'broadcast-page.png'), fullPage: true });

    // Stopped on the button: the screen goes back to its program at once.
    await page.click(`#broadcast-active tr[data-id="${id}"] .broadcast-stop`);
    await page.waitForSelector('#broadcast-none');
    const back = Date.now() + 10000;
    while ((await screenHealth(page, webScreen.id)).showing !== showingBefore && Date.now() < back) await page.waitForTimeout(200);
    assert.equal((await screenHealth(page, webScreen.id)).showing, showingBefore);
    const during = look.hash;
    const after = Date.now() + 10000;
    while ((look = await player.page.evaluate(canvasLook)).hash === during && Date.now() < after) await page.waitForTimeout(200);
    assert.notEqual(look.hash, during, 'the player no longer shows the broadcast');
    assert.ok(look.lit > enoughLit, 'the player shows its program again');
    const audit = await (await page.request.get(`${base}/api/audit?record=broadcast&id=${id}`)).json();
    assert.deepEqual(audit.items.map((e) => e.action), ['broadcast-stop', 'broadcast-start']);
    await player.context.close();
    await context.close();
  },

  async 'a screen address or phone number typed wrong is refused at once in Chinese beside the field'() {
    const { context, page } = await open({ width: 1280, height: 900 });
    await logIn(page, users.editor, '/#/screens/1');
    await page.waitForSelector('#address-transport');
    assert.equal(await page.inputValue('#address-transport'), 'tcp');
    assert.equal(await page.textContent('#address-shown'), 'tcp:127.0.0.1:5005');
    const addressError = page.locator('.address-picker .field-error');
    await page.fill('#address-port', '99999');
    assert.equal(await addressError.textContent(), '端口“99999”应为1到65535之间的整数');
    assert.ok(await page.locator('#address-port.invalid').count() === 1, 'the port is marked');
    await page.fill('#address-host', '10.0.0.5 ');
    await page.fill('#address-host', 'led card');
    assert.match(await addressError.textContent(), /主机“led card”应为 IP 地址或主机名/);
    await page.selectOption('#address-transport', 'serial');
    await page.fill('#address-device', 'ttyUSB0');
    assert.match(await addressError.textContent(), /串口“ttyUSB0”应为设备路径/);
    await page.fill('#address-device', '/dev/ttyUSB0');
    await page.selectOption('#address-baud', '19200');
    assert.equal(await addressError.textContent(), '');
    assert.equal(await page.textContent('#address-shown'), 'serial:/dev/ttyUSB0@19200');
    // Saving with an address still wrong: refused beside the field, nothing sent.
    await page.selectOption('#address-transport', 'tcp');
    await page.fill('#address-host', '127.0.0.1');
    await page.fill('#address-port', '');
    let sent = 0;
    page.on('request', (r) => { if (r.method() === 'PUT') sent++; });
    await page.click('#save');
    await page.waitForSelector('.banner.error');
    assert.match(await addressError.textContent(), /端口“”应为1到65535之间的整数/);
    assert.equal(sent, 0);

    // 测试连接: nothing listens on TCP port 1; the answer comes in Chinese within a bounded time.
    await page.fill('#address-port', '1');
    const started = Date.now();
    await page.click('#link-test');
    await page.waitForFunction(() => /连接不上|没有应答/.test(document.getElementById('link-test-result').textContent));
    assert.match(await page.textContent('#link-test-result'), /^连接不上tcp:127\.0\.0\.1:1：/);
    assert.ok(Date.now() - started < 5000, 'answered within the bound');

    // The server refuses the same when the form is bypassed, naming `address` in Chinese.
    const session = await (await page.request.get(`${base}/api/session`)).json();
    const screen = await (await page.request.get(`${base}/api/screens/1`)).json();
    const put = await page.request.put(`${base}/api/screens/1`, {
      headers: { 'X-CSRF-Token': session.csrf, 'Content-Type': 'application/json' },
      data: JSON.stringify({ ...screen, address: '10.0.0.5:5005' }) });
    assert.equal(put.status(), 400);
    const refusal = await put.json();
    assert.equal(refusal.field, 'address');
    assert.match(refusal.error, /^地址“10\.0\.0\.5:5005”没有写明连接方式/);

    // A staff member's phone: "abc" is refused as it is typed.
    await page.goto(`${base}/#/staff/1`);
    await page.waitForSelector('#staff-phone');
    await page.fill('#staff-phone', 'abc');
    const phoneError = page.locator('.field:has(#staff-phone) .field-error');
    assert.match(await phoneError.textContent(), /^电话应为手机号（11位，如13812345678）或带区号的固定电话（如028-12345678），而不是“abc”$/);
    await page.fill('#staff-phone', '028-12345678');
    assert.equal(await phoneError.textContent(), '');
    await context.close();
  },

  async 'a new notice starts on the server\'s today, not on the day of the browser\'s clock or zone'() {
    // A PC set to UTC whose clock says 23:30 on some other day (07:30 the next morning in Beijing).
    const { context, page } = await open({ width: 1280, height: 900 }, { timezoneId: 'UTC' });
    await page.clock.install({ time: new Date('2026-01-01T23:30:00Z') });
    await logIn(page, users.editor, '/#/notices/new');
    await page.waitForSelector('#notice-from');
    const session = await (await page.request.get(`${base}/api/session`)).json();
    assert.match(session.now, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    assert.equal(await page.inputValue('#notice-from'), session.today, 'the hall\'s today by the server\'s clock');
    await context.close();
  },

  async 'at 1024x768 the matter editor shows material names whole and the TV preview fits its column'() {
    const { context, page } = await open({ width: 1024, height: 768 });
    await logIn(page, users.editor, '/#/matters/1');
    await page.waitForSelector('textarea.material-name');
    const names = await page.evaluate(() => [...document.querySelectorAll('textarea.material-name')].map((t) => ({
      value: t.value, width: t.clientWidth, scrollWidth: t.scrollWidth, height: t.clientHeight, scrollHeight: t.scrollHeight })));
    assert.ok(names.length > 0);
    for (const n of names) {
      assert.ok(n.scrollWidth <= n.width && n.scrollHeight <= n.height + 1, `“${n.value}” is shown whole (${n.width}x${n.height}, text ${n.scrollWidth}x${n.scrollHeight})`);
      assert.ok(n.width >= 160, `the name column is wide enough to read (${n.width} px)`);
    }
    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(pageWidth <= 1024, `no horizontal scrolling (${pageWidth})`);
    // The TV's preview (its own 1920 pixels, whatever scale the page asks) scales down to its column.
    await page.selectOption('#led-screen', String(webScreen.id));
    await page.waitForFunction((w) => {
      const img = document.getElementById('led-preview');
      return img.complete && img.naturalWidth === w;
    }, webScreen.width);
    const tv = await page.evaluate(() => {
      const img = document.getElementById('led-preview');
      const frame = img.closest('.led-frame');
      return { shown: img.getBoundingClientRect().width, room: frame.clientWidth, scroll: frame.scrollWidth };
    });
    assert.ok(tv.shown <= tv.room && tv.scroll <= tv.room, `the TV preview fits its column (${tv.shown}, room ${tv.room}, scroll ${tv.scroll})`);
    console.log(`  1024x768: ${names.length} material names, narrowest field ${Math.min(...names.map((n) => n.width))} px; TV preview ${Math.round(tv.shown)} px in a ${tv.room} px column`);
    await page.screenshot({ path: join(artifacts, 'matter-1024.png'), fullPage: true });
    await context.close();

    // At 1366 the screen's own page shows the TV's picture whole, beside the form.
    const wide = await open({ width: 1366, height: 768 });
    await logIn(wide.page, users.editor, `/#/screens/${webScreen.id}`);
    await wide.page.waitForFunction(() => {
      const img = document.querySelector('#view-screens img.led');
      return img && img.complete && img.naturalWidth > 0;
    });
    const shown = await wide.page.evaluate(() => {
      const img = document.querySelector('#view-screens img.led');
      const frame = img.closest('.led-frame');
      return { shown: img.getBoundingClientRect().width, room: frame.clientWidth, scroll: frame.scrollWidth };
    });
    assert.ok(shown.shown <= shown.room && shown.scroll <= shown.room, `fits at 1366 (${JSON.stringify(shown)})`);
    await wide.context.close();

    // The window page on a phone: nothing wider than the screen.
    const phone = await open({ width: 375, height: 667 }, { isMobile: true, hasTouch: true });
    await logIn(phone.page, users.clerk, '/window');
    await phone.page.waitForSelector('#status-away');
    await phone.page.tap('#status-away');
    await phone.page.fill('#away-phone', 'abc');
    assert.match(await phone.page.textContent('#away-phone-error'), /联系电话应为手机号/);
    const width = await phone.page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375, `no horizontal scrolling on the phone (${width})`);
    await phone.context.close();
  },
  async 'the screens list shows each screen\'s health, refreshed while shown'() {
    const { context, page } = await open({ width: 1400, height: 900 });
    await logIn(page, users.editor, '/#/screens');
    const row = (name) => page.locator(`#view-screens tr:has(a:text-is("${name}"))`);
    await page.waitForFunction(() => document.querySelectorAll('#view-screens .health-badge.online, #view-screens .health-badge.offline').length === 5);
    const { items } = await (await page.request.get(`${base}/api/health`)).json();
    assert.equal(items.length, 5);
    for (const r of await page.locator('#view-screens tbody tr').all())
      assert.match(await r.locator('.health-badge').textContent(), /^(在线|离线)$/);
    // The demo's devices do not run here: the serial screen cannot be reached and says why.
    const serial = row('4号窗口屏');
    assert.equal(await serial.locator('.health-badge').textContent(), '离线');
    assert.equal(await serial.locator('.health-error').textContent(), '无法连接显示屏（serial:/dev/ttyUSB0@9600），稍后自动重试');
    assert.match(await serial.locator('.health-error').getAttribute('title'), /cannot reach serial:\/dev\/ttyUSB0@9600: .*ttyUSB0/);
    assert.equal(await serial.locator('.health-seen').textContent(), '从未');
    assert.match(await serial.locator('.health-showing').textContent(), /节目 #\d+|默认节目|紧急公告/);
    assert.match(await serial.locator('.health-sent').textContent(), /^0 B/);
    // Every screen the server finds offline with an error shows both.
    for (const item of items.filter((i) => !i.online && i.last_error)) {
      const r = page.locator(`#view-screens tr[data-id="${item.screen_id}"]`);
      assert.equal(await r.locator('.health-badge').textContent(), '离线');
      assert.ok((await r.locator('.health-error').textContent()).length > 0, `screen ${item.screen_id} shows its error`);
    }
    // The web screen is online only while a player shows it; the list sees that within 5 s.
    const tv = row(webScreen.name);
    assert.equal(await tv.locator('.health-badge').textContent(), '离线');
    assert.equal(await tv.locator('.health-error').textContent(), '没有打开的播放器');
    const player = await open({ width: 640, height: 360 });
    await player.page.goto(`${base}/player/${webScreen.id}`);
    await player.page.waitForFunction(() => window.__player?.frames > 0);
    await tv.locator('.health-badge:text-is("在线")').waitFor({ timeout: 8000 });
    assert.match(await tv.locator('.health-sent').textContent(), /\d+ 帧/);
    await page.screenshot({ path: join(artifacts, 'screens-health.png'), fullPage: true });
    await player.context.close();
    await context.close();
  },

  async 'the live views draw what screen 5 shows, and free their connection when left'() {
    const player = await open({ width: 1280, height: 720 });
    await player.page.goto(`${base}/player/${webScreen.id}`);
    await player.page.waitForFunction(() => window.__player?.frames > 0);
    const { context, page } = await open({ width: 1400, height: 900 });
    await logIn(page, users.editor, '/#/live');
    await page.waitForSelector('#view-live .live-tile');
    assert.equal(await page.locator('#view-live .live-tile').count(), 5, 'a tile for each screen');
    await waitLit(page, '#live-5');
    // A television: the canvas at the screen's own pixels, shown shrunk to its tile, its shape kept.
    const size = await page.evaluate(() => {
      const c = document.getElementById('live-5');
      return { width: c.width, height: c.height, css: [c.getBoundingClientRect().width, c.getBoundingClientRect().height] };
    });
    assert.equal(size.width, webScreen.width);
    assert.equal(size.height, webScreen.height);
    assert.ok(size.css[0] <= webScreen.width, `shown within its tile (${size.css})`);
    assert.ok(Math.abs(size.css[1] - size.css[0] * webScreen.height / webScreen.width) < 1, `its shape kept (${size.css})`);
    assert.match(await page.textContent('#view-live .live-tile[data-id="5"] .health-badge'), /在线/);
    await page.screenshot({ path: join(artifacts, 'live-wall.png'), fullPage: true });
    assert.equal(await waitWatchers(page, webScreen.id, 2), 2, 'the player and the wall watch screen 5');

    // The screen's own page shows it too; leaving the pages closes their WebSockets.
    await page.click('#view-live .live-tile[data-id="5"] h3 a');
    await page.waitForSelector('#view-screens #live-5');
    await waitLit(page, '#live-5');
    // Beside the form the column is narrower than the TV at 2 pixels an LED: shown shrunk, whole.
    const beside = await page.evaluate(() => {
      const c = document.getElementById('live-5');
      return { shown: c.getBoundingClientRect().width, room: c.closest('.panel, section, aside, div.live').getBoundingClientRect().width };
    });
    assert.ok(beside.shown <= beside.room + 0.5, `the live picture fits its column (${beside.shown} <= ${beside.room})`);
    assert.equal(await waitWatchers(page, webScreen.id, 2), 2, 'the wall\'s sockets were closed, the page\'s opened');
    await page.click('nav#nav a[href="#/matters"]');
    await page.waitForSelector('#view-matters table.list');
    assert.equal(await waitWatchers(page, webScreen.id, 1), 1, 'only the player watches once the live views are left');
    await player.context.close();
    await context.close();
  },

  async 'editor previews the printed sheets page by page, sees what to fix, and downloads the PDF'() {
    const { context, page } = await open();
    await logIn(page, users.editor, '/#/print');
    await page.waitForSelector('#print-pages img.print-page[src]');
    assert.match(await page.textContent('#print-status'), /服务事项公示栏：共 4 页，纸张 A4（210×297 毫米）/);
    await page.waitForFunction(() => [...document.querySelectorAll('#print-pages img')].every((i) => i.complete && i.naturalWidth > 0));
    assert.equal(await page.locator('#print-pages img.print-page').count(), 4);
    assert.equal(await page.getAttribute('#print-pdf', 'href'), '/api/print/poster.pdf?paper=A4');

    // Post cards: the demo's staff have no photos, which is said, linked to each person.
    await page.selectOption('#print-sheet', 'postcards');
    await page.waitForFunction(() => /岗位牌：共 2 页/.test(document.getElementById('print-status').textContent));
    assert.match(await page.textContent('#print-warnings'), /没有照片（王秀英）/);
    assert.match(await page.getAttribute('#print-warnings a', 'href'), /^#\/staff\/\d+$/);

    await page.selectOption('#print-sheet', 'guide');
    await page.selectOption('#print-matter', '13');
    await page.selectOption('#print-orientation', '1');
    await page.waitForFunction(() => /办事指南/.test(document.getElementById('print-status').textContent));
    assert.equal(await page.getAttribute('#print-pdf', 'href'), '/api/print/guide.pdf?matter=13&paper=A4&landscape=1');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#print-pdf')]);
    assert.equal(download.suggestedFilename(), 'gongshi-guide.pdf');
    const file = join(artifacts, 'guide.pdf');
    await download.saveAs(file);
    assert.equal((await import('node:fs')).readFileSync(file).subarray(0, 5).toString(), '%PDF-');
    await page.waitForSelector('#print-pages img.print-page[src]');
    await page.screenshot({ path: join(artifacts, 'print-guide.png'), fullPage: true });
    await context.close();
  },
  async 'an admin downloads the latest nightly backup from the users page'() {
    const { context, page } = await open({ width: 1280, height: 900 }, { acceptDownloads: true });
    await logIn(page, users.admin, '/#/users');
    // The server is started with its backup time at 00:00, so the day's backup is made at start.
    const link = await page.waitForSelector('#backup-latest');
    assert.match(await link.textContent(), /^下载最新备份 gongshi-\d{4}-\d{2}-\d{2}\.zip（\d+ KB）$/);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    assert.match(download.suggestedFilename(), /^gongshi-\d{4}-\d{2}-\d{2}\.zip$/);
    const saved = join(artifacts, 'latest-backup.zip');
    await download.saveAs(saved);
    const { statSync, readFileSync } = await import('node:fs');
    assert.ok(statSync(saved).size > 1000, 'the archive has the database in it');
    assert.equal(readFileSync(saved).subarray(0, 2).toString('latin1'), 'PK', 'a zip archive');
    await context.close();
  },
  // ---- cases: tv ----
  async 'the TV\'s web player shows a 1920x1080 television picture in colour, anti-aliased, no LED dots'() {
    const { context, page } = await open({ width: 1280, height: 720 });
    await page.goto(`${base}/player/${webScreen.id}`);
    await page.waitForFunction(() => window.__player?.frames > 0);
    await waitLit(page, '#screen');
    const look = await page.evaluate(() => {
      const c = document.getElementById('screen');
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      const colours = new Set(), greys = new Set();
      let coloured = 0, dotted = 0, flat = 0;
      for (let y = 0; y < c.height; y += 3) for (let x = 0; x < c.width; x += 3) {
        const i = (y * c.width + x) * 4;
        const [r, g, b] = [d[i], d[i + 1], d[i + 2]];
        colours.add((r << 16) | (g << 8) | b);
        greys.add(Math.round(0.299 * r + 0.587 * g + 0.114 * b));
        if (Math.max(r, g, b) - Math.min(r, g, b) > 40) coloured++;
      }
      // An LED look has dark gaps between lit neighbours; a television's flat colour has none.
      for (let y = 200; y < c.height - 2; y += 37) for (let x = 0; x < c.width - 2; x += 41) {
        const i = (y * c.width + x) * 4, j = i + 4, k = i + c.width * 4;
        const sum = (n) => d[n] + d[n + 1] + d[n + 2];
        if (Math.abs(sum(i) - sum(j)) < 3 && Math.abs(sum(i) - sum(k)) < 3) flat++; else dotted++;
      }
      return { width: c.width, height: c.height, colours: colours.size, greys: greys.size, coloured, flat, dotted };
    });
    assert.equal(look.width, 1920);
    assert.equal(look.height, 1080);
    assert.ok(look.colours > 64, `many colours (${look.colours})`);
    assert.ok(look.greys > 32, `anti-aliased: many grey levels (${look.greys})`);
    assert.ok(look.coloured > 10000, `coloured pixels (${look.coloured})`);
    assert.ok(look.flat > look.dotted * 3, `flat areas, not LED dots (${look.flat} flat, ${look.dotted} not)`);
    await page.screenshot({ path: join(artifacts, 'tv-player.png') });
    await context.close();
  },

  // ---- cases: approvals, passwords and messages (add new ones right below this line) ----
  async 'a county admin picks a centre in the header: the matter list shows only that centre\'s matters, and the pick is kept'() {
    const { context, page } = await open();
    await logIn(page, users.admin, '/#/matters');
    await page.waitForSelector('#centre-picker');
    // A second centre with one matter, made through the page's own API module, removed at the end.
    const made = await page.evaluate(async () => {
      const { api } = await import('/api.js');
      const c = await api('POST', '/api/centres', { kind: 'township-centre', county: '测试县', township: '外镇', name: '外镇便民服务中心' });
      const m = await api('POST', '/api/matters', { centre_id: c.id, name: '外镇浏览器事项', fee: 'free' });
      return { centre: c.id, matter: m.id };
    });
    const rows = () => page.$$eval('#view-matters table.list tbody tr td:first-child a', (as) => as.map((a) => a.textContent.trim()));
    try {
      await page.reload(); // the picker lists the new centre
      await page.waitForSelector(`#centre-picker option[value="${made.centre}"]`, { state: 'attached' });
      assert.equal(await page.inputValue('#centre-picker'), '', 'the county (全县) until a centre is picked');
      await page.selectOption('#centre-picker', String(made.centre));
      await page.waitForFunction(() => document.querySelectorAll('#view-matters table.list tbody tr').length === 1);
      assert.deepEqual(await rows(), ['外镇浏览器事项']);
      assert.equal(await page.textContent('#centre-name'), '外镇便民服务中心');

      // Kept across a reload (localStorage).
      await page.reload();
      await page.waitForSelector('#view-matters table.list tbody tr');
      assert.equal(await page.inputValue('#centre-picker'), String(made.centre));
      assert.deepEqual(await rows(), ['外镇浏览器事项']);

      // The demo centre: its own matters only.
      await page.selectOption('#centre-picker', '1');
      await page.waitForFunction(() => document.querySelectorAll('#view-matters table.list tbody tr').length > 1);
      assert.ok(!(await rows()).includes('外镇浏览器事项'));
      // Back to the whole county.
      await page.selectOption('#centre-picker', '');
      await page.waitForFunction(() => document.getElementById('centre-name').textContent === '全县');
    } finally {
      await page.evaluate(async ({ centre, matter }) => {
        const { api } = await import('/api.js');
        await api('DELETE', `/api/matters/${matter}?version=1`);
        await api('DELETE', `/api/centres/${centre}?version=1`);
        localStorage.removeItem('gongshi.centre');
      }, made);
      await context.close();
    }
  },

  async 'an editor\'s save waits for approval, the admin sees the difference and sends it back, the editor sees why'() {
    // Approval on for the demo centre (by the admin, through the page's own API module), and a
    // notice the admin makes, so approved as it is made.
    const admin = await open();
    await logIn(admin.page, users.admin, '/#/approvals');
    await admin.page.waitForSelector('#view-approvals h2');
    const id = await admin.page.evaluate(async () => {
      const { api, get } = await import('/api.js');
      const centre = await get('/api/centres/1');
      await api('PUT', '/api/centres/1', { ...centre, publishing_needs_approval: true });
      const n = await api('POST', '/api/notices', { centre_id: 1, category: 'other', title: '审批测试：停电通知',
        body: '周六上午停电', publish_from: '2026-01-01', publish_until: '2099-12-31' });
      return n.id;
    });
    try {
      // The editor changes its title: the save says it waits, the page and the list say 待审批.
      const editor = await open();
      await logIn(editor.page, users.editor, `/#/notices/${id}`);
      await editor.page.waitForSelector('#notice-title');
      await editor.page.fill('#notice-title', '审批测试：停电通知（改期）');
      await editor.page.click('#save');
      await editor.page.waitForFunction(() => /已保存，等待审批/.test(document.querySelector('.banner.ok')?.textContent || ''));
      assert.match(await editor.page.textContent('#approval-state'), /待审批.*屏幕上现在显示：审批测试：停电通知$/);
      await editor.page.goto(`${base}/#/notices?q=${encodeURIComponent('审批测试')}`);
      const row = await editor.page.waitForSelector(`tr[data-id="${id}"]`);
      assert.match(await row.textContent(), /审批测试：停电通知（改期）\s*待审批/);

      // The admin sees the title's difference and sends it back with a comment.
      await admin.page.reload(); // still on #/approvals: read the list again
      const item = await admin.page.waitForSelector(`section.approval-item[data-record="notice"][data-id="${id}"]`);
      const change = await item.waitForSelector('tr[data-field="title"]');
      assert.deepEqual(await change.$$eval('td', (tds) => tds.map((t) => t.textContent)),
        ['标题', '审批测试：停电通知', '审批测试：停电通知（改期）']);
      await admin.page.screenshot({ path: join(artifacts, 'approval-changes.png'), fullPage: true });
      await item.$eval('button.reject', (b) => b.click()); // no comment yet: refused
      await admin.page.waitForFunction(() => /退回须填写意见/.test(document.querySelector('.banner.error')?.textContent || ''));
      await (await item.$('input.reject-comment')).fill('改期要写明新的日期');
      await (await item.$('button.reject')).click();
      await admin.page.waitForFunction(() => /已退回/.test(document.querySelector('.banner.ok')?.textContent || ''));
      await admin.page.waitForFunction((nid) => !document.querySelector(`section.approval-item[data-record="notice"][data-id="${nid}"]`), id);

      // The editor sees 已退回 and the comment, in the list and on the edit page.
      await editor.page.reload();
      const sentBack = await editor.page.waitForSelector(`tr[data-id="${id}"]`);
      assert.match(await sentBack.textContent(), /已退回\s*退回意见：改期要写明新的日期/);
      await editor.page.goto(`${base}/#/notices/${id}`);
      await editor.page.waitForFunction(() => /已退回/.test(document.getElementById('approval-state')?.textContent || ''));
      assert.match(await editor.page.textContent('#approval-state'), /已退回退回意见（admin .*）：改期要写明新的日期/);
      await editor.page.screenshot({ path: join(artifacts, 'approval-sent-back.png'), fullPage: true });
      await editor.context.close();
    } finally {
      // Other cases expect saves to publish at once.
      await admin.page.evaluate(async () => {
        const { api, get } = await import('/api.js');
        const centre = await get('/api/centres/1');
        await api('PUT', '/api/centres/1', { ...centre, publishing_needs_approval: false });
      });
      await admin.context.close();
    }
  },
  async 'a user changes their own password by their name and an admin resets another\'s'() {
    const { context, page } = await open();
    await logIn(page, users.editor, '/#/matters');
    await page.click('#change-password');
    await page.waitForSelector('#password-form');
    await page.fill('#password-old', 'not-my-password');
    await page.fill('#password-new', 'editor-Passw0rd-2');
    await page.fill('#password-again', 'editor-Passw0rd-2');
    await page.click('#password-form button[type=submit]');
    await page.waitForFunction(() => /原密码不正确/.test(document.getElementById('password-form').textContent));
    await page.fill('#password-old', users.editor[1]);
    await page.click('#password-form button[type=submit]');
    await page.waitForFunction(() => /密码已修改/.test(document.querySelector('#password-form .banner.ok')?.textContent || ''));
    // The admin sets it back from the users page (a prompt asks for it).
    const admin = await open();
    admin.page.removeAllListeners('dialog');
    admin.page.on('dialog', (d) => d.accept(users.editor[1]));
    await logIn(admin.page, users.admin, '/#/users');
    const row = await admin.page.waitForSelector('tr:has(td:text-is("editor"))');
    await (await row.$('button.reset-password')).click();
    await admin.page.waitForFunction(() => /已重置用户“editor”的密码/.test(document.querySelector('.banner.ok')?.textContent || ''));
    await admin.context.close();
    // The editor's session ended with the reset; the old password works again.
    await page.reload();
    await page.waitForSelector('#login-username');
    await logIn(page, users.editor, '/#/matters');
    await page.waitForSelector('#current-user');
    await context.close();
    // Window staff find it on their phone page too.
    const clerk = await open({ width: 390, height: 844 });
    await logIn(clerk.page, users.clerk, '/window');
    await clerk.page.click('#change-password');
    await clerk.page.fill('#password-old', 'wrong-password');
    await clerk.page.fill('#password-new', 'clerk4-Passw0rd-2');
    await clerk.page.fill('#password-again', 'clerk4-Passw0rd-2');
    await clerk.page.click('#password-form button[type=submit]');
    await clerk.page.waitForFunction(() => /原密码不正确/.test(document.getElementById('password-form').textContent));
    await clerk.context.close();
  },

  // ---- cases: proof of display ----
  async 'a notice\'s page shows its 公示记录 table per screen and links the PDF'() {
    const { context, page } = await open();
    await logIn(page, users.editor, '/#/notices/4');
    await page.waitForSelector('#notice-proof');
    await page.click('#notice-proof');
    await page.waitForSelector('#notice-proof-screens tbody tr');
    const rows = await page.$$eval('#notice-proof-screens tbody tr', (trs) => trs.map((tr) => tr.textContent));
    assert.ok(rows.length >= 1, 'one row per screen of the centre');
    assert.ok(rows.some((r) => /大厅/.test(r)), `the hall screen is listed: ${rows.join(' | ')}`);
    const href = await page.getAttribute('#notice-proof-pdf', 'href');
    assert.equal(href, '/api/notices/4/proof.pdf');
    const pdf = await page.evaluate(async (u) => {
      const r = await fetch(u);
      const b = new Uint8Array(await r.arrayBuffer());
      return { status: r.status, type: r.headers.get('content-type'), head: String.fromCharCode(...b.slice(0, 5)) };
    }, href);
    assert.deepEqual(pdf, { status: 200, type: 'application/pdf', head: '%PDF-' });
    await context.close();
  },

  // ---- cases: image ----
  async 'a picture is uploaded in the program editor, shown as a thumbnail and picked for an image item'() {
    const { context, page } = await open({ width: 1366, height: 900 });
    await logIn(page, users.editor, '/#/programs');
    await page.waitForSelector('#view-programs table, #view-programs p');
    const { csrf } = await (await page.request.get(`${base}/api/session`)).json();
    // Two pictures drawn here in the page: one uploaded beforehand, one through the editor.
    const draw = (fill) => page.evaluate((f) => {
      const c = document.createElement('canvas');
      c.width = 64; c.height = 32;
      const g = c.getContext('2d');
      g.fillStyle = f; g.fillRect(0, 0, 64, 32);
      g.fillStyle = '#ff0'; g.fillRect(16, 8, 32, 16);
      return c.toDataURL('image/png').split(',')[1];
    }, fill);
    const before = await page.request.post(`${base}/api/pictures?name=${encodeURIComponent('标志.png')}`, {
      headers: { 'X-CSRF-Token': csrf, 'Content-Type': 'image/png' }, data: Buffer.from(await draw('#0a0'), 'base64') });
    assert.equal(before.status(), 201, await before.text());
    const logo = await before.json();
    let program = null, emblem = null;
    try {
      await page.evaluate(() => { location.hash = '#/programs/new'; });
      await page.waitForSelector('#program-stage');
      await page.selectOption('#program-screen', { index: 0 });
      await page.fill('#program-name', '图片节目');
      await page.waitForFunction(() => Number(document.getElementById('program-stage')?.dataset.scale) > 0);
      const scale = Number(await page.getAttribute('#program-stage', 'data-scale'));
      const box = await page.locator('#program-stage').boundingBox();
      await page.mouse.move(box.x + 1 * scale, box.y + 1 * scale);
      await page.mouse.down();
      await page.mouse.move(box.x + 62 * scale, box.y + 14 * scale, { steps: 6 });
      await page.mouse.up();
      await page.waitForSelector('#add-item');
      await page.click('#add-item');
      await page.selectOption('#item-kind-0', { label: '图片' });
      // The uploaded pictures as thumbnails: pick the one there already.
      const thumb = `#item-picture-0-${logo.id}`;
      await page.waitForSelector(`${thumb} img`);
      await page.waitForFunction((t) => document.querySelector(`${t} img`)?.naturalWidth === 64, thumb);
      await page.click(thumb);
      await page.waitForSelector(`${thumb}.selected`);
      assert.match(await page.textContent('#item-pictures-0'), /已选：标志\.png（64×32）/);
      // Upload another: a file named .png is sent, and it becomes the item's picture.
      await page.setInputFiles('#item-picture-file-0', { name: '党徽.png', mimeType: 'image/png', buffer: Buffer.from(await draw('#c00'), 'base64') });
      const [uploaded] = await Promise.all([
        page.waitForResponse((r) => r.url().includes('/api/pictures?name=') && r.request().method() === 'POST'),
        page.click('#item-picture-upload-0'),
      ]);
      assert.equal(uploaded.status(), 201, await uploaded.text());
      emblem = await uploaded.json();
      assert.equal(emblem.name, '党徽.png');
      await page.waitForSelector(`#item-picture-0-${emblem.id}.selected img`);
      assert.equal(await page.getAttribute(`#item-picture-0-${logo.id}`, 'aria-pressed'), 'false');
      // A file that is no picture is refused with the server's words.
      await page.setInputFiles('#item-picture-file-0', { name: '说明.png', mimeType: 'image/png', buffer: Buffer.from('not a picture') });
      await page.click('#item-picture-upload-0');
      await page.waitForFunction(() => /上传的内容不是图片/.test(document.getElementById('item-picture-note-0')?.textContent || ''));
      const [created] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/programs') && r.request().method() === 'POST'),
        page.click('#save'),
      ]);
      assert.equal(created.status(), 201, await created.text());
      program = await created.json();
      assert.deepEqual(program.areas[0].items.map((i) => [i.kind, i.record_id]), [['image', emblem.id]]);
      // While the program shows it, the picture cannot be deleted; the refusal names the program.
      const refused = await page.request.delete(`${base}/api/pictures/${emblem.id}`, { headers: { 'X-CSRF-Token': csrf } });
      assert.equal(refused.status(), 409);
      assert.match((await refused.json()).error, /正在节目“图片节目”/);
      await page.screenshot({ path: join(artifacts, 'program-picture.png'), fullPage: true });
    } finally {
      if (program) await page.request.delete(`${base}/api/programs/${program.id}?version=${program.version}`, { headers: { 'X-CSRF-Token': csrf } });
      for (const p of [logo, emblem].filter(Boolean)) await page.request.delete(`${base}/api/pictures/${p.id}`, { headers: { 'X-CSRF-Token': csrf } });
      await context.close();
    }
  },

  // ---- cases: calls ----
  async 'the 叫号 view makes a queue token shown once, a test call and the token\'s call land in the log, the token is removed'() {
    const { context, page } = await open();
    await logIn(page, users.admin, '/#/calls');
    await page.waitForSelector('#call-test-form');
    await page.waitForSelector('#token-list table, #token-none');
    const { csrf } = await (await page.request.get(`${base}/api/session`)).json();
    const name = `browser-${Date.now()}`;
    try {
      // A new token, shown once with the hint to copy it now.
      await page.fill('#token-name', name);
      await page.click('#token-add');
      await page.waitForSelector('#token-value');
      const token = await page.inputValue('#token-value');
      assert.match(token, /^gst_[0-9a-f]{48}$/);
      assert.match(await page.textContent('#token-made'), /只显示这一次/);
      await page.waitForSelector(`#token-table tr[data-name="${name}"]`);
      assert.match(await page.textContent(`#token-table tr[data-name="${name}"]`), /排队叫号.*从未使用/);
      // A name taken is refused beside the name field, in Chinese.
      await page.fill('#token-name', name);
      await page.click('#token-add');
      await page.waitForFunction(() => /已存在/.test(document.querySelector('#token-form .field-error')?.textContent || ''));
      assert.equal(await page.$('#token-value'), null, 'no token shown for a refusal');

      // The queue system calls with the token (no session), staff with the test button.
      const byToken = await fetch(`${base}/api/windows/${windowId}/call`, { method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ ticket: 'T007', seconds: 5 }) });
      assert.equal(byToken.status, 200, await byToken.clone().text());
      const number = (await byToken.json()).window_number;
      await page.selectOption('#call-test-window', String(windowId));
      await page.fill('#call-test-ticket', 'b123');
      await page.fill('#call-test-seconds', '5');
      await page.click('#call-test');
      await page.waitForFunction((n) => document.querySelector('#call-test-form .banner')?.textContent.includes(`请 B123 号到 ${n} 号窗口`), number);
      // Both in the log, newest first, with their sources.
      await page.waitForFunction(() => document.querySelectorAll('#calls-table tbody tr').length >= 2);
      const rows = await page.$$eval('#calls-table tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent)));
      assert.deepEqual(rows[0].slice(1), [`${number} 号窗口`, 'B123', '5', '用户：admin']);
      assert.deepEqual(rows[1].slice(1), [`${number} 号窗口`, 'T007', '5', `令牌：${name}`]);
      assert.match(rows[0][0], /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      // The token's use is noted.
      await page.reload();
      await page.waitForSelector(`#token-table tr[data-name="${name}"]`);
      assert.doesNotMatch(await page.textContent(`#token-table tr[data-name="${name}"]`), /从未使用/);
      // Filtered by another window: not there.
      const other = windowId === 1 ? 2 : 1;
      await page.selectOption('#calls-window', String(other));
      await page.waitForFunction(() => /window=/.test(location.hash));
      await page.waitForSelector('#calls-table, #calls-none');
      assert.ok(!(await page.textContent('#calls-log')).includes('B123'));
      await page.screenshot({ path: join(artifacts, 'calls.png'), fullPage: true });

      // Removing asks first: dismissed, the token stays; confirmed, it goes and stops working.
      await page.click(`#token-table tr[data-name="${name}"] .token-remove`);
      await page.waitForTimeout(300);
      assert.ok(await page.$(`#token-table tr[data-name="${name}"]`), 'kept when the question is dismissed');
      page.removeAllListeners('dialog');
      page.on('dialog', (d) => d.accept());
      await page.click(`#token-table tr[data-name="${name}"] .token-remove`);
      await page.waitForFunction((n) => !document.querySelector(`#token-table tr[data-name="${n}"]`) &&
        /已删除令牌/.test(document.querySelector('#tokens .banner')?.textContent || ''), name);
      const after = await fetch(`${base}/api/windows/${windowId}/call`, { method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: '{"ticket": "T008"}' });
      assert.equal(after.status, 401);

      // Editors see the log and the test call, not the tokens.
      const { context: edContext, page: ed } = await open();
      try {
        await logIn(ed, users.editor, '/#/calls');
        await ed.waitForSelector('#calls-table');
        assert.equal(await ed.$('#tokens'), null);
      } finally {
        await edContext.close();
      }
    } finally {
      await page.request.delete(`${base}/api/tokens/${name}`, { headers: { 'X-CSRF-Token': csrf } });
      await context.close();
    }
  },

};

// GONGSHI_CASE=<part of a name> runs only the matching cases: each case stands on the demo data
// alone, never on what an earlier case made.
const only = process.env.GONGSHI_CASE || '';
let passed = 0, failed = 0;
for (const [name, run] of Object.entries(cases).filter(([n]) => n.includes(only))) {
  const errorsBefore = pageErrors.length;
  try {
    await run();
    assert.deepEqual(pageErrors.slice(errorsBefore), [], 'no uncaught errors in the page');
    passed++;
    console.log(`ok - ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL - ${name}\n  ${String(e.stack || e).split('\n').slice(0, 6).join('\n  ')}`);
    for (const ctx of browser.contexts()) {
      for (const [i, p] of ctx.pages().entries()) {
        await p.screenshot({ path: join(artifacts, `failed-${passed + failed}-${i}.png`), fullPage: true }).catch(() => {});
      }
      await ctx.close().catch(() => {});
    }
  }
}
await browser.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

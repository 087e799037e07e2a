import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Chat, User } from 'grammy/types';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { signInitData } from '#root/desk/init-data.js';
import { startHarness, type Harness } from '#test/support/harness.js';
import { freePort } from '#test/support/redis.js';
import { addMember, draftNotice, linkedGroup } from '#test/support/seed.js';
import { launch, screenshotPath } from './browser.js';

/**
 * The desk in a real browser (chromium through playwright-core) against the real bot, its
 * HTTP server and the Bot API emulator: signing in with a one-time link and as a Mini App,
 * filtering, answering three comments at once (their authors told in Telegram, the report
 * changed), and every refusal: forged or stale init data, a delegate, another unit's
 * comments, a write without the CSRF token, a link used twice, a removed member.
 */
const ADMIN = 9001;
const DAY = 86_400_000;
let h: Harness;
let browser: Browser;
let base: string;
let council: User;
let bdClerk: User;
let bdDelegates: User[];
let hkDelegate: User;
let groupBV: Chat;
let bdGroup: Chat;

function inAWeek(): string {
  const d = new Date(Date.now() + 7 * DAY);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()} 14:00`;
}

/** `/banlamviec` in the private chat: the one-time link the bot answers with. */
async function linkFor(u: User): Promise<string> {
  const answer = await h.ask(u, 'private', '/banlamviec');
  const link = /(http:\/\/\S+\/desk\/login\?t=[\w-]+)/.exec(answer.text ?? '')?.[1];
  if (!link) throw new Error(`no desk link in: ${answer.text}`);
  return link;
}

async function signedIn(u: User, opts: { width?: number } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: opts.width ?? 1280, height: 900 }, locale: 'vi-VN' });
  context.setDefaultTimeout(5000);
  const page = await context.newPage();
  await page.goto(await linkFor(u));
  await page.waitForURL(`${base}/desk/proposals`);
  return { context, page };
}

function initData(u: User, authDate = Math.floor(Date.now() / 1000)): string {
  const user = JSON.stringify({ id: u.id, first_name: u.first_name, language_code: u.language_code ?? 'vi' });
  return signInitData({ query_id: 'AAH1', user, auth_date: String(authDate) }, h.emu.token);
}

function miniAppUrl(data: string, theme: Record<string, string>): string {
  return `${base}/desk/#tgWebAppData=${encodeURIComponent(data)}&tgWebAppVersion=8.0&tgWebAppPlatform=android&tgWebAppThemeParams=${encodeURIComponent(JSON.stringify(theme))}`;
}

const DARK = { bg_color: '#17212b', text_color: '#f5f5f5', hint_color: '#708499', link_color: '#6ab3f3', button_color: '#5288c1', button_text_color: '#ffffff', secondary_bg_color: '#232e3c' };

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  h = await startHarness({ env: { ADMIN_IDS: String(ADMIN), FLOOD_LIMIT: '100000', HTTP_PORT: String(port), DESK_URL: base, DESK_COOKIE_SECURE: 'false', DESK_LOGIN_PER_ADDRESS: '1000' } });
  const s = h.app.svc.store;
  for (const [c, n] of [['TP', 'HĐND Thành phố'], ['BD', 'Phường Ba Đình'], ['HK', 'Phường Hoàn Kiếm'], ['BV', 'Xã Ba Vì']] as const) await s.units.upsert(c, n);
  council = h.emu.user({ first_name: 'Trần Thị', last_name: 'Hoa', language_code: 'vi', privateOpen: true });
  bdClerk = h.emu.user({ first_name: 'Lê Văn', last_name: 'Bình', language_code: 'vi', privateOpen: true });
  bdDelegates = ['Lan', 'Hùng', 'Minh'].map((n) => h.emu.user({ first_name: 'Nguyễn Thị', last_name: n, language_code: 'vi', privateOpen: true }));
  hkDelegate = h.emu.user({ first_name: 'Hoàng Văn', last_name: 'Kiếm', language_code: 'en', privateOpen: true });
  await addMember(h, council, 'secretary', 'TP');
  await addMember(h, bdClerk, 'secretary', 'BD');
  for (const d of bdDelegates) await addMember(h, d, 'delegate', 'BD');
  await addMember(h, hkDelegate, 'delegate', 'HK');
  groupBV = await linkedGroup(h, 'Thường trực HĐND xã Ba Vì', 'BV', council);
  bdGroup = await linkedGroup(h, 'Thường trực HĐND phường Ba Đình', 'BD', bdClerk);
  await h.ask(council, 'private', `/taodean\nmã: DA-01\ntiêu đề: Nâng cao hiệu quả hoạt động của HĐND các cấp\ncác mục: 1, 2, 3.1\nhạn: ${inAWeek()}`);
  await h.ask(bdDelegates[0]!, 'private', '/gopy DA-01 #1 Đề nghị bổ sung cơ chế giám sát chuyên đề.');
  await h.ask(bdDelegates[1]!, 'private', '/gopy DA-01 #2 Đề nghị làm rõ lộ trình thực hiện ở cấp phường.');
  await h.ask(bdDelegates[2]!, 'private', '/gopy DA-01 #2 Cần bố trí kinh phí cho đại biểu chuyên trách.');
  await h.ask(hkDelegate, 'private', '/gopy DA-01 #3.1 Propose more full-time delegates in the committees.');
  h.emu.sendDocument(bdDelegates[0]!, 'private', { fileName: 'phu-luc.pdf', caption: '/gopy DA-01 #3.1 Xem phụ lục kèm theo.', data: 'PDF bytes of the annex' });
  await h.settle();
  browser = await launch();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

describe('the desk', () => {
  it('opens with a one-time link, which works only once', async () => {
    const link = await linkFor(council);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(link);
    await page.waitForURL(`${base}/desk/proposals`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Đề án lấy ý kiến');
    const row = page.locator('tr', { has: page.locator('a', { hasText: 'DA-01' }) });
    await expect(row.textContent()).resolves.toContain('Nâng cao hiệu quả');
    const cookie = (await context.cookies()).find((c) => c.name === 'gb_desk')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');

    // The same link again, from another browser: refused, no session.
    const other = await browser.newContext();
    const again = await other.newPage();
    const answer = again.waitForResponse((r) => r.url().endsWith('/desk/login') && r.request().method() === 'POST');
    await again.goto(link);
    expect((await answer).status()).toBe(400);
    await expect(again.locator('h1').textContent()).resolves.toBe('Đường dẫn không còn hiệu lực');
    expect((await other.cookies()).some((c) => c.name === 'gb_desk')).toBe(false);
    await other.close();
    await context.close();
  });

  it('shows a proposal by section, handling and unit, and reminds the silent units', async () => {
    const { context, page } = await signedIn(council);
    await page.click('a:text("DA-01")');
    await expect(page.locator('h1').textContent()).resolves.toBe('Đề án DA-01');
    const bySection = page.locator('section', { has: page.locator('h2#by-section') });
    const rows = await bySection.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => (tr as unknown as { innerText: string }).innerText.replace(/\s+/g, ' ').trim()));
    expect(rows).toEqual(['1 1', '2 2', '3.1 2']);
    const byUnit = page.locator('section', { has: page.locator('h2#by-unit') });
    await expect(byUnit.locator('tr', { hasText: 'BD' }).textContent()).resolves.toContain('đã góp ý');
    await expect(byUnit.locator('tr', { hasText: 'BV' }).textContent()).resolves.toContain('chưa có ý kiến');
    // The council's own unit issues the report; it is not one of the units consulted.
    expect(await byUnit.locator('tbody tr', { hasText: 'TP' }).count()).toBe(0);
    await page.screenshot({ path: screenshotPath('desk-proposal.png'), fullPage: true });
    const since = h.emu.botMessages(groupBV.id).length;
    await page.click('button:has-text("Nhắc")');
    await expect(page.locator('.notice').textContent()).resolves.toContain('Đã gửi lời nhắc tới 1 nhóm');
    const nudge = await h.nextBotMessage(groupBV.id, since);
    expect(nudge.text).toContain('DA-01');
    await context.close();
  });

  it('filters the comments by unit, section, state and text', async () => {
    const { context, page } = await signedIn(council);
    await page.goto(`${base}/desk/p/DA-01/comments`);
    await expect(page.locator('table.comments tbody tr').count()).resolves.toBe(5);
    await page.selectOption('select[name=unit]', 'BD');
    await page.selectOption('select[name=section]', '2');
    await page.click('form.filters button');
    await page.waitForURL(/unit=BD/);
    const ids = await page.locator('table.comments tbody tr td:nth-child(2)').allTextContents();
    expect(ids.sort()).toEqual(['C2', 'C3']);
    // Search ignores diacritics: «kinh phi» finds «kinh phí».
    await page.fill('input[name=q]', 'kinh phi');
    await page.click('form.filters button');
    await page.waitForURL(/q=kinh/);
    await expect(page.locator('table.comments tbody tr td:nth-child(2)').allTextContents()).resolves.toEqual(['C3']);
    await context.close();
  });

  it('answers three comments at once: each author is told, the counts and the report follow', async () => {
    const { context, page } = await signedIn(council);
    await page.goto(`${base}/desk/p/DA-01/comments?unit=BD`);
    for (const id of ['C1', 'C2', 'C3']) await page.check(`#pick-${id}`);
    await page.check('input[name=kind][value=explain]');
    await page.fill('textarea[name=text]', 'Nội dung này đã được quy định tại kế hoạch triển khai của Ủy ban nhân dân.');
    await page.check('input[name=save]');
    await page.screenshot({ path: screenshotPath('desk-comments.png'), fullPage: true });
    const since = bdDelegates.map((d) => h.emu.botMessages(d.id).length);
    await page.click('button:has-text("Ghi nhận cho các ý kiến đã chọn")');
    await expect(page.locator('.message').textContent()).resolves.toContain('Đã ghi nhận «Giải trình» cho 3 ý kiến: C1, C2, C3.');
    for (const [i, d] of bdDelegates.entries()) {
      const told = await h.nextBotMessage(d.id, since[i]!);
      expect(told.text).toContain('kế hoạch triển khai');
    }
    const counts = await h.app.svc.store.proposals.counts('DA-01');
    expect(counts['r:explain']).toBe(3);
    const csv = await (await context.request.get(`${base}/desk/p/DA-01/report.csv`)).text();
    expect(csv.match(/kế hoạch triển khai/g)?.length).toBe(3);
    // The wording was saved for the next time.
    await page.goto(`${base}/desk/p/DA-01/comments?status=pending`);
    await expect(page.locator('select[name=wording] option').count()).resolves.toBe(2);
    await context.close();
  });

  it('shows the history of a comment and the activity log with its export, to the council only', async () => {
    const { context, page } = await signedIn(council);
    await page.goto(`${base}/desk/c/C1`);
    const trail = await page.locator('ol.audit').textContent();
    expect(trail).toContain('Trần Thị Hoa');
    expect(trail).toContain('trên bàn làm việc');
    expect(trail).toContain('kế hoạch triển khai');
    await page.click('nav a:text("Nhật ký")');
    await expect(page.locator('h1').textContent()).resolves.toBe('Nhật ký thay đổi');
    expect(await page.locator('ol.audit li').count()).toBeGreaterThanOrEqual(3);
    const csv = await context.request.get(`${base}/desk/history.csv`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-disposition']).toContain('.csv');
    expect(await csv.text()).toContain('C1');
    await context.close();

    const clerk = await signedIn(bdClerk);
    expect(await clerk.page.locator('nav a:text("Nhật ký")').count()).toBe(0);
    expect((await clerk.context.request.get(`${base}/desk/history`)).status()).toBe(403);
    await clerk.context.close();
  });

  it('shows a comment in full with its attachment, downloaded through the bot', async () => {
    const { context, page } = await signedIn(council);
    await page.goto(`${base}/desk/c/C5`);
    await expect(page.locator('.fulltext').first().textContent()).resolves.toBe('Xem phụ lục kèm theo.');
    await expect(page.locator('dl.facts').textContent()).resolves.toContain('Phường Ba Đình');
    const download = page.waitForEvent('download');
    await page.click('a[download]');
    const file = await download;
    expect(file.suggestedFilename()).toBe('phu-luc.pdf');
    const { readFile } = await import('node:fs/promises');
    expect(await readFile(await file.path(), 'utf8')).toBe('PDF bytes of the annex');
    await context.close();
  });

  it('opens as a Mini App with Telegram-signed init data, in the theme Telegram passes', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(miniAppUrl(initData(council), DARK));
    await page.waitForURL(`${base}/desk/proposals`);
    await page.click('a:text("DA-01")');
    await page.waitForURL(`${base}/desk/p/DA-01`);
    const bg = await page.evaluate('getComputedStyle(document.body).backgroundColor');
    expect(bg).toBe('rgb(23, 33, 43)');
    // Nothing wider than the screen but the tables, which scroll on their own.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await page.screenshot({ path: screenshotPath('desk-miniapp.png'), fullPage: false });
    await page.goto(`${base}/desk/p/DA-01/comments`);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await page.screenshot({ path: screenshotPath('desk-miniapp-comments.png'), fullPage: true });
    await context.close();
  });

  it('signs in as whoever Telegram says opened the Mini App, even over an earlier session', async () => {
    const { context, page } = await signedIn(bdClerk);
    await page.goto(`${base}/desk/`);
    await page.waitForURL(`${base}/desk/proposals`);
    await expect(page.locator('.who').textContent()).resolves.toContain('Lê Văn Bình');
    await page.goto(miniAppUrl(initData(council), {}));
    await page.waitForURL(`${base}/desk/proposals`);
    await expect(page.locator('.who').textContent()).resolves.toContain('Trần Thị Hoa');
    await context.close();
  });

  it('refuses forged and stale init data', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const forged = initData(council).replace(encodeURIComponent(`"id":${council.id}`), encodeURIComponent(`"id":${ADMIN}`));
    await page.goto(miniAppUrl(forged, DARK));
    await expect(page.locator('#webapp-status[role=alert]').textContent()).resolves.toContain('không hợp lệ');
    const stale = initData(council, Math.floor((Date.now() - 2 * DAY) / 1000));
    await page.goto(miniAppUrl(stale, DARK));
    await page.reload();
    await expect(page.locator('#webapp-status[role=alert]').textContent()).resolves.toContain('quá hạn');
    expect((await context.cookies()).some((c) => c.name === 'gb_desk')).toBe(false);
    expect(new URL(page.url()).pathname).toBe('/desk/');
    await context.close();
  });

  it('tells a delegate the desk is for secretaries', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(miniAppUrl(initData(bdDelegates[0]!), {}));
    await page.waitForURL(`${base}/desk/proposals`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Bàn làm việc dành cho thư ký');
    expect((await context.request.get(`${base}/desk/p/DA-01/comments`)).status()).toBe(403);
    // In the chat, /desk is refused to a delegate before any link is made.
    const answer = await h.ask(bdDelegates[0]!, 'private', '/banlamviec');
    expect(answer.text).not.toContain('/desk/login');
    await context.close();
  });

  it("shows a unit's secretary only their unit's comments, and no answering or report", async () => {
    const { context, page } = await signedIn(bdClerk);
    await page.goto(`${base}/desk/p/DA-01/comments`);
    const units = await page.locator('table.comments tbody tr td:nth-child(3)').allTextContents();
    expect(units.length).toBe(4);
    expect(new Set(units)).toEqual(new Set(['BD']));
    expect(await page.locator('form#bulk').count()).toBe(0);
    expect((await context.request.get(`${base}/desk/c/C4`)).status()).toBe(404);
    expect((await context.request.get(`${base}/desk/p/DA-01/report.docx`)).status()).toBe(403);
    expect((await context.request.get(`${base}/desk/p/DA-01/comments?unit=HK`)).status()).toBe(403);
    await context.close();
  });

  it('refuses a write without the CSRF token, changing nothing', async () => {
    const { context, page } = await signedIn(council);
    const before = await h.app.svc.store.proposals.comment('C4');
    const res = await context.request.post(`${base}/desk/p/DA-01/respond`, { form: { id: 'C4', kind: 'accept', text: 'Tiếp thu.' } });
    expect(res.status()).toBe(403);
    const wrong = await context.request.post(`${base}/desk/p/DA-01/respond`, { form: { _csrf: 'x'.repeat(43), id: 'C4', kind: 'accept', text: 'Tiếp thu.' } });
    expect(wrong.status()).toBe(403);
    expect(await h.app.svc.store.proposals.comment('C4')).toEqual(before);
    // With the page's own token it goes through.
    await page.goto(`${base}/desk/c/C4`);
    await page.fill('textarea[name=text]', 'Tiếp thu, bổ sung vào mục 3.1.');
    await page.click('button:has-text("Ghi nhận")');
    expect((await h.app.svc.store.proposals.comment('C4'))?.response?.kind).toBe('accept');
    await context.close();
  });

  it("shows a meeting's answers and a notice's acknowledgements by unit, with who has not answered", async () => {
    await h.ask(council, 'private', `/taohop\ntiêu đề: Giao ban quý\nthời gian: ${inAWeek()}\nđơn vị: BD`);
    await h.settle();
    const announcement = h.emu.botMessages(bdGroup.id).find((m) => m.text?.includes('Giao ban quý'))!;
    await h.emu.pressButton(bdDelegates[0]!, announcement.raw, 'rsvp:M1:yes');
    const { id, control } = await draftNotice(h, council, 'Thông báo lịch tiếp xúc cử tri.', 'BD');
    await h.emu.pressButton(council, control.raw, `bc:send:${id}`);
    await h.settle();
    const copy = h.emu.botMessages(bdDelegates[1]!.id).at(-1)!;
    await h.emu.pressButton(bdDelegates[1]!, copy.raw, `ack:${id}`);
    await h.settle();

    const { context, page } = await signedIn(bdClerk);
    await page.click('nav a:text("Cuộc họp")');
    await page.click('a:text("M1")');
    const bd = page.locator('tr', { has: page.locator('th', { hasText: 'BD' }) });
    const cells = await bd.locator('td').allTextContents();
    expect(cells[0]).toContain('Nguyễn Thị Lan');
    expect(cells[3]).toContain('Nguyễn Thị Hùng');
    expect(cells[3]).toContain('Lê Văn Bình');
    await context.close();
    // The council's notice is the council's to follow (as /acks in the chat).
    const council_ = await signedIn(council);
    await council_.page.click('nav a:text("Thông báo")');
    await council_.page.click(`a:text("${id}")`);
    const acks = await council_.page.locator('tr', { has: council_.page.locator('th', { hasText: 'BD' }) }).locator('td').allTextContents();
    expect(acks[0]).toBe('Nguyễn Thị Hùng');
    expect(acks[1]).toContain('Nguyễn Thị Lan');
    await council_.context.close();
  });

  it('limits sign-in attempts per link token', async () => {
    const context = await browser.newContext();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await context.request.post(`${base}/desk/login`, { form: { t: 'a-made-up-token-of-forty-three-characters-x' } })).status());
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    await context.close();
  });

  it("ends a removed member's session on their next request", async () => {
    const { context, page } = await signedIn(bdClerk);
    const admin = h.emu.user({ id: ADMIN, first_name: 'Quản trị', language_code: 'vi', privateOpen: true });
    await h.ask(admin, 'private', `/xoathanhvien ${bdClerk.id}`);
    const res = await page.goto(`${base}/desk/p/DA-01`);
    expect(res?.status()).toBe(403);
    await expect(page.locator('h1').textContent()).resolves.toBe('Phiên làm việc đã kết thúc');
    expect((await context.request.get(`${base}/desk/proposals`, { maxRedirects: 0 })).status()).toBe(303);
    await context.close();
  });
});

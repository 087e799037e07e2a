import { TZDate } from '@date-fns/tz';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Chat, User } from 'grammy/types';
import { addMember, linkedGroup } from '#test/support/seed.js';
import { startHarness, type Harness } from '#test/support/harness.js';

/**
 * /history (/lichsu) end to end: what a council secretary reads about a comment in
 * Vietnamese and an admin in English (who, when, what, before → after, long texts
 * shortened), the latest changes council-wide, an unknown reference, the answer sent
 * privately when asked in a group, and everyone else refused before anything is read.
 */
let h: Harness;
let clerk: User; // secretary of TP (council-wide), Vietnamese
let admin: User; // admin, English
let bdClerk: User; // secretary of BD
let lan: User; // delegate of BD
let groupBD: Chat;

const ADMIN = 7301;
const DAY = 86_400_000;
const TZ = 'Asia/Ho_Chi_Minh';
const pad = (n: number) => String(n).padStart(2, '0');
const FIRST = 'Đề nghị bổ sung quy định về trách nhiệm giải trình của Thường trực HĐND tại khoản 2 Điều 5 của dự thảo';
const SECOND = 'Đề nghị bổ sung quy định về trách nhiệm giải trình của Thường trực HĐND và các Ban tại khoản 2 Điều 5';

function deadlineIn(days: number): string {
  const d = new TZDate(Date.now() + days * DAY, TZ);
  return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()} 17:00`;
}

beforeAll(async () => {
  h = await startHarness({ env: { ADMIN_IDS: String(ADMIN), FLOOD_LIMIT: '100000' } });
  for (const [c, n] of [['TP', 'HĐND Thành phố'], ['BD', 'Phường Ba Đình']] as const) await h.app.svc.store.units.upsert(c, n);
  clerk = h.emu.user({ first_name: 'Trần Thị', last_name: 'Hoa', language_code: 'vi', privateOpen: true });
  admin = h.emu.user({ id: ADMIN, first_name: 'Alex', last_name: 'Admin', language_code: 'en', privateOpen: true });
  bdClerk = h.emu.user({ first_name: 'Thư ký BD', language_code: 'vi', privateOpen: true });
  lan = h.emu.user({ first_name: 'Nguyễn Thị', last_name: 'Lan', language_code: 'vi', privateOpen: true });
  await addMember(h, clerk, 'secretary', 'TP');
  await addMember(h, bdClerk, 'secretary', 'BD');
  await addMember(h, lan, 'delegate', 'BD');
  groupBD = await linkedGroup(h, 'Thường trực HĐND phường Ba Đình', 'BD', bdClerk);

  const created = await h.ask(clerk, 'private', ['/taodean', 'mã: DA-01', 'tiêu đề: Dự thảo quy chế', `hạn: ${deadlineIn(10)}`, 'đơn vị: BD'].join('\n'));
  expect(created.text).toMatch(/^✅ Đã tạo đề án DA-01/);
  expect((await h.ask(lan, 'private', `/gopy DA-01 ${FIRST}`)).text).toMatch(/^✅ Đã ghi nhận ý kiến C1/);
  expect((await h.ask(lan, 'private', `/suagopy C1 ${SECOND}`)).text).toMatch(/C1/);
  expect((await h.ask(clerk, 'private', '/tiepthu C1 tiepthu Đã bổ sung vào khoản 2 Điều 5')).text).toMatch(/^✅ Đã ghi nhận hình thức «Tiếp thu» cho ý kiến C1/);
  // The admin writes to the bot once (their name in the records comes from Telegram).
  await h.ask(admin, 'private', '/whoami');
  await h.settle();
});
afterAll(() => h?.stop());

describe('/history', () => {
  it('a comment’s history in Vietnamese: who, when, what, before → after, long texts shortened', async () => {
    const text = (await h.ask(clerk, 'private', '/lichsu c1')).text ?? '';
    const lines = text.split('\n');
    expect(lines[0]).toBe('🕘 Lịch sử thay đổi của ý kiến C1 (3 thay đổi):');
    expect(text).toContain('Nguyễn Thị Lan (đại biểu, BD)\nGửi ý kiến góp ý');
    expect(text).toContain('Nguyễn Thị Lan (đại biểu, BD)\nSửa ý kiến góp ý');
    expect(text).toContain('Trần Thị Hoa (thư ký, TP)\nTiếp thu, giải trình');
    // Texts over 80 characters are cut with an ellipsis; the full ones are in the export.
    const cut = (s: string) => `${s.slice(0, 79)}…`;
    expect(text).toContain(`• Nội dung: ${cut(FIRST)} → ${cut(SECOND)}`);
    expect(text).toContain('• Tiếp thu, giải trình: — → Tiếp thu: Đã bổ sung vào khoản 2 Điều 5');
    expect(text).toContain('• Đề án: DA-01');
    // Oldest first, each with its date and time as the office writes them.
    expect(text.indexOf('Gửi ý kiến')).toBeLessThan(text.indexOf('Sửa ý kiến'));
    expect(text.indexOf('Sửa ý kiến')).toBeLessThan(text.indexOf('\nTiếp thu, giải trình\n'));
    expect(text).toMatch(/\d{1,2}[h:]\d{2}/);
  });

  it('in English for an admin, and the latest changes council-wide without a reference', async () => {
    const one = (await h.ask(admin, 'private', '/history C1')).text ?? '';
    expect(one.split('\n')[0]).toBe('🕘 History of comment C1 (3 changes):');
    expect(one).toContain('Nguyễn Thị Lan (delegate, BD)\nComment edited');
    expect(one).toContain('• Acceptance or explanation: — → Accepted: Đã bổ sung vào khoản 2 Điều 5');

    const latest = (await h.ask(admin, 'private', '/history')).text ?? '';
    const total = await h.app.svc.store.history.count();
    expect(latest.split('\n')[0]).toBe(`🕘 Latest changes (${total} of ${total} changes):`);
    expect(latest).toContain('Proposal opened for comments: proposal DA-01');
    expect(latest).toContain('Accepted or explained: comment C1');
  });

  it('a proposal’s history names the proposal and who opened it', async () => {
    const text = (await h.ask(clerk, 'private', '/lichsu DA-01')).text ?? '';
    expect(text.split('\n')[0]).toBe('🕘 Lịch sử thay đổi của đề án DA-01 (1 thay đổi):');
    expect(text).toContain('Trần Thị Hoa (thư ký, TP)\nTạo đề án lấy ý kiến');
    expect(text).toContain('• Tiêu đề: Dự thảo quy chế');
  });

  it('an unknown reference is named, with examples', async () => {
    expect((await h.ask(clerk, 'private', '/lichsu KHONGCO')).text).toMatch(/^Không tìm thấy «KHONGCO»\. .*\n\/lichsu C12 · \/lichsu M3/);
    expect((await h.ask(admin, 'private', '/history M99')).text).toMatch(/^Nothing found for “M99”/);
  });

  it('asked in a group, the answer goes privately', async () => {
    const since = h.emu.botMessages(clerk.id).length;
    const pointer = await h.ask(clerk, groupBD, '/lichsu C1');
    expect(pointer.text).not.toContain('Nguyễn Thị Lan');
    const mine = await h.nextBotMessage(clerk.id, since);
    expect(mine.text).toMatch(/^🕘 Lịch sử thay đổi của ý kiến C1/);
  });

  it('a unit’s secretary and a delegate are refused, and nothing is read for them', async () => {
    const bd = (await h.ask(bdClerk, 'private', '/lichsu C1')).text ?? '';
    expect(bd).toMatch(/^ℹ️ Việc này thuộc thẩm quyền của thư ký/);
    expect(bd).not.toContain('Lan');
    const del = (await h.ask(lan, 'private', '/lichsu')).text ?? '';
    expect(del).toMatch(/Lệnh này chỉ dành cho thư ký/);
  });
});

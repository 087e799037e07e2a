import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Chat, User } from 'grammy/types';
import { addMember } from '#test/support/seed.js';
import { dayOffNote } from '#test/support/dates.js';
import { startHarness, type Harness } from '#test/support/harness.js';
import type { EmuMessage } from '#test/support/emulator.js';

/**
 * Summaries end to end: /summary (/tomtat) for a unit in its linked group and the
 * council-wide one in private (Vietnamese and English), "new since the last summary",
 * /digest (/lichtomtat) show, set and refusals, and a summary too long for one message.
 * The state is built through the real commands (forms, buttons, comments, responses, a
 * notice); only the very long summary is seeded through the store. Timing (schedules
 * firing, restarts, several workers) is in summary-schedules.test.ts; a repeated /summary
 * pointing to the one just posted is in summary-cooldown.test.ts, so here the cooldown is off
 * (SUMMARY_COOLDOWN_SEC=0) and every /summary posts.
 */
let h: Harness;
let clerk: User; // secretary of TP: council-wide
let engClerk: User; // secretary of TP, /lang en
let bdClerk: User; // secretary of BD
let lan: User;
let hung: User;
let hkClerk: User; // secretary of HK
let hkDel: User;
let bvDel: User;
let stDel: User;
let ssDel: User;
let stranger: User;
let groupBD: Chat;
let groupHK: Chat;
let groupBV: Chat;
let groupST: Chat;
let groupSS: Chat;
let loose: Chat; // the bot is in it, but it is linked to no unit

const DAY = 86_400_000;
const OFFSET = 7 * 3_600_000; // Asia/Ho_Chi_Minh, no daylight saving
const VI_DAYS = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'];
const EN_DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const TITLE = 'Nâng cao hiệu quả giám sát <chuyên đề> & tái giám sát';
const MEETING = 'Giao ban quý IV <trực tuyến>';

const pad = (n: number) => String(n).padStart(2, '0');
/** The wall clock in the council's zone. */
function wall(ms: number): { y: number; mo: number; d: number; h: number; mi: number; wd: number } {
  const d = new Date(ms + OFFSET);
  return { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes(), wd: d.getUTCDay() };
}
const viDate = (ms: number) => { const w = wall(ms); return `${pad(w.d)}/${pad(w.mo)}/${w.y}`; };
const enDate = (ms: number) => { const w = wall(ms); return `${w.d} ${EN_MONTHS[w.mo - 1]} ${w.y}`; };
const viDateTime = (ms: number) => { const w = wall(ms); return `${pad(w.h)}h${pad(w.mi)}, ${VI_DAYS[w.wd]}, ngày ${viDate(ms)}`; };
const enDateTime = (ms: number) => { const w = wall(ms); return `${EN_DAYS[w.wd]} ${enDate(ms)}, ${pad(w.h)}:${pad(w.mi)}`; };
/** Calendar days from today to `ms` in the council's zone, as the countdown counts them. */
const daysUntil = (ms: number) => Math.round((Math.floor((ms + OFFSET) / DAY) * DAY - Math.floor((Date.now() + OFFSET) / DAY) * DAY) / DAY);
/** The next moment after now at hh:mm council time, on `weekday` if given. */
function nextAt(hh: number, mm: number, weekday?: number): number {
  const today = Math.floor((Date.now() + OFFSET) / DAY) * DAY - OFFSET;
  for (let i = 0; i <= 8; i++) {
    const at = today + i * DAY + hh * 3_600_000 + mm * 60_000;
    if (at > Date.now() && (weekday === undefined || wall(at).wd === weekday)) return at;
  }
  throw new Error('unreachable');
}

/** hh:mm council time, `days` days from today. */
function daysAhead(days: number, hh: number, mm = 0): number {
  const today = Math.floor((Date.now() + OFFSET) / DAY) * DAY - OFFSET;
  return today + days * DAY + hh * 3_600_000 + mm * 60_000;
}
/** A time as a secretary types it in a form: dd/mm/yyyy HH:MM. */
const typed = (ms: number) => { const w = wall(ms); return `${viDate(ms)} ${pad(w.h)}:${pad(w.mi)}`; };
/** Written as the rendered text shows it, safe inside a RegExp. */
const literally = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

// Dates relative to today, so the test never goes stale: the meeting in a month, the deadline a
// week later; the long summary's meetings and drafts after both, so M1 and DA-01 stay first.
const MEETING_AT = daysAhead(30, 14);
const DEADLINE = daysAhead(37, 17);

const member = (user: User, role: 'delegate' | 'secretary', unit: string) => addMember(h, user, role, unit);

/** A group with the bot in it, linked with /lienketnhom (which also sets the default schedule). */
async function linked(title: string, unit: string): Promise<Chat> {
  const g = h.emu.group({ title });
  h.emu.addBotToGroup(g, clerk);
  await h.settle();
  const done = await h.ask(clerk, g, `/lienketnhom ${unit}`);
  expect(done.text).toMatch(new RegExp(`^✅ Đã liên kết nhóm này là nhóm Thường trực HĐND của đơn vị ${unit} — `));
  return g;
}

/** Asks in a chat and waits until `parts` bot messages arrived there; returns them. */
async function askParts(from: User, chat: Chat | 'private', text: string, parts = 1): Promise<EmuMessage[]> {
  const chatId = chat === 'private' ? from.id : chat.id;
  const since = h.emu.botMessages(chatId).length;
  h.emu.sendText(from, chat, text);
  await h.emu.waitFor(() => h.emu.botMessages(chatId).length >= since + parts, { what: `${parts} bot message(s) in ${chatId}` });
  await h.settle();
  return h.emu.botMessages(chatId).slice(since);
}

/** The one summary a command posts (and nothing else). */
async function summaryOf(from: User, chat: Chat | 'private', text = '/tomtat'): Promise<string> {
  const msgs = await askParts(from, chat, text);
  expect(msgs).toHaveLength(1);
  return msgs[0]!.text!;
}

beforeAll(async () => {
  h = await startHarness({ env: { FLOOD_LIMIT: '1000', SUMMARY_COOLDOWN_SEC: '0' } });
  const { units } = h.app.svc.store;
  for (const [code, name] of [
    ['TP', 'HĐND Thành phố Hà Nội'], ['BD', 'Quận Ba Đình'], ['HK', 'Quận Hoàn Kiếm'], ['BV', 'Huyện Ba Vì'], ['ST', 'Thị xã Sơn Tây'], ['SS', 'Huyện Sóc Sơn'],
  ] as const) {
    await units.upsert(code, name);
  }
  clerk = h.emu.user({ first_name: 'Trần Thị', last_name: 'Hoa', language_code: 'vi', privateOpen: true });
  engClerk = h.emu.user({ first_name: 'Mary', last_name: 'Tran', language_code: 'en', privateOpen: true });
  bdClerk = h.emu.user({ first_name: 'Lê Văn', last_name: 'Bình', privateOpen: true });
  lan = h.emu.user({ first_name: 'Nguyễn Thị', last_name: 'Lan', privateOpen: true });
  hung = h.emu.user({ first_name: 'Phạm Quốc', last_name: 'Hùng', privateOpen: true });
  hkClerk = h.emu.user({ first_name: 'Đặng Thu', last_name: 'Hà', privateOpen: true });
  hkDel = h.emu.user({ first_name: 'Hoàng', last_name: 'Minh', privateOpen: true });
  bvDel = h.emu.user({ first_name: 'Đinh Công', last_name: 'Ba', privateOpen: true });
  stDel = h.emu.user({ first_name: 'Kiều Thị', last_name: 'Sơn', privateOpen: true });
  ssDel = h.emu.user({ first_name: 'Ngô Văn', last_name: 'Sóc', privateOpen: true });
  stranger = h.emu.user({ first_name: 'Người lạ', privateOpen: true });
  await member(clerk, 'secretary', 'TP');
  await member(engClerk, 'secretary', 'TP');
  await member(bdClerk, 'secretary', 'BD');
  await member(lan, 'delegate', 'BD');
  await member(hung, 'delegate', 'BD');
  await member(hkClerk, 'secretary', 'HK');
  await member(hkDel, 'delegate', 'HK');
  await member(bvDel, 'delegate', 'BV');
  await member(stDel, 'delegate', 'ST');
  await member(ssDel, 'delegate', 'SS');
  groupBD = await linked('Thường trực HĐND quận Ba Đình', 'BD');
  groupHK = await linked('Thường trực HĐND quận Hoàn Kiếm', 'HK');
  groupBV = await linked('Thường trực HĐND huyện Ba Vì', 'BV');
  groupST = await linked('Thường trực HĐND thị xã Sơn Tây', 'ST');
  groupSS = await linked('Thường trực HĐND huyện Sóc Sơn', 'SS');
  loose = h.emu.group({ title: 'Nhóm chưa liên kết' });
  h.emu.addBotToGroup(loose, clerk);
  expect((await h.ask(engClerk, 'private', '/lang en')).text).toBe('✅ Language set to English.');
  await h.settle();
});
afterAll(() => h.stop());

describe('the known state, built through the commands', () => {
  it('a proposal for BD HK BV, a meeting for BD HK BV, comments, an agreement, a response and a notice to BD HK', async () => {
    const created = await h.ask(clerk, 'private', ['/taodean', 'mã: DA-01', `tiêu đề: ${TITLE}`, `hạn: ${typed(DEADLINE)}`, 'đơn vị: BD HK BV'].join('\n'));
    expect(created.text).toBe(`✅ Đã tạo đề án DA-01, hạn góp ý ${viDateTime(DEADLINE)}. Lời đề nghị góp ý được gửi tới 3 nhóm.${dayOffNote(DEADLINE)}`);
    const meeting = await h.ask(clerk, 'private', ['/taohop', `tiêu đề: ${MEETING}`, `thời gian: ${typed(MEETING_AT)}`, 'đơn vị: BD HK BV', 'nhắc: không'].join('\n'));
    expect(meeting.text).toMatch(new RegExp(`^✅ Đã tạo cuộc họp M1\\b.* ${literally(viDateTime(MEETING_AT))}\\.`));
    const annOf = (g: Chat) => h.emu.waitFor(() => h.emu.botMessages(g.id).find((m) => m.text?.startsWith('📅 THÔNG BÁO CUỘC HỌP M1\n')), { what: `announcement in ${g.title}` });
    const [annBD, annHK] = await Promise.all([annOf(groupBD), annOf(groupHK)]);
    expect(await h.emu.pressButton(lan, annBD, 'rsvp:M1:yes')).toEqual({ text: '✅ Đã ghi nhận: đồng chí tham dự cuộc họp M1.' });
    expect(await h.emu.pressButton(hkDel, annHK, 'rsvp:M1:no')).toEqual({ text: '✅ Đã ghi nhận: đồng chí vắng mặt tại cuộc họp M1.' });

    expect((await h.ask(lan, 'private', '/gopy DA-01 Đề nghị bổ sung tiêu chí đánh giá.')).text).toMatch(/^✅ Đã ghi nhận ý kiến C1 về Đề án DA-01\./);
    expect((await h.ask(hung, 'private', '/gopy DA-01 Cần làm rõ nguồn kinh phí.')).text).toMatch(/^✅ Đã ghi nhận ý kiến C2 về Đề án DA-01\./);
    expect((await h.ask(bvDel, groupBV, '/nhattri DA-01')).text).toBe('✅ Đã ghi nhận: đơn vị BV nhất trí, không có ý kiến đối với Đề án DA-01.');
    expect((await h.ask(clerk, 'private', '/tiepthu C1 tiepthu Đã bổ sung vào dự thảo <lần 3>.')).text).toBe(
      '✅ Đã ghi nhận hình thức «Tiếp thu» cho ý kiến C1; người góp ý được thông báo riêng.',
    );

    h.emu.sendText(clerk, 'private', 'THÔNG BÁO: Lịch tiếp xúc cử tri tháng 10.');
    const notice = h.emu.messages(clerk.id).at(-1)!;
    const control = await h.ask(clerk, 'private', '/thongbao BD HK', { replyTo: notice.message_id });
    expect(control.text).toBe('Thông báo ở trên (mã B1) sẽ được gửi tới 2 nhóm và 3 đại biểu. Gửi ngay?');
    await h.emu.pressButton(clerk, control.raw, 'bc:send:B1');
    await h.emu.waitForBotMessage(clerk.id, (m) => m.message_id === control.message_id && !!m.text?.startsWith('✅ Đã gửi thông báo B1'), { timeout: 10_000 });
    const copy = h.emu.botMessages(lan.id).findLast((m) => m.buttons[0]?.[0]?.data === 'ack:B1')!;
    expect(await h.emu.pressButton(lan, copy.raw, 'ack:B1')).toEqual({ text: '✅ Đã ghi nhận: đồng chí đã nhận thông báo B1.' });
    await h.settle();
  });
});

describe("a unit's summary in its group", () => {
  const head = (unit: string) => `📊 TÓM TẮT NGÀY ${viDate(Date.now())} · ${unit}`;
  const meetingLine = (answers: string) => `• M1 · ${viDateTime(MEETING_AT)} · «${MEETING}»: ${answers}`;
  const proposalLine = (comments: number, fresh: number) =>
    `• DA-01 «${TITLE}» — hạn ${viDateTime(DEADLINE)} (còn ${daysUntil(DEADLINE).toLocaleString('vi-VN')} ngày) · đơn vị đã gửi ${comments} ý kiến, ${fresh} ý kiến mới từ lần tóm tắt trước`;

  it("BD: its members' answers and who has not answered, its comments, the response, the notice not acknowledged", async () => {
    expect(await summaryOf(lan, groupBD)).toBe([
      head('Quận Ba Đình'),
      '',
      '📅 Cuộc họp sắp tới',
      meetingLine('1 tham dự · 0 vắng · 0 cử người dự thay'),
      '  ⏳ Chưa trả lời: Phạm Quốc Hùng, Lê Văn Bình',
      '',
      '📝 Dự thảo đang lấy ý kiến',
      proposalLine(2, 2),
      '  Đơn vị đã có ý kiến.',
      '',
      '📬 Tiếp thu, giải trình ý kiến',
      '• C1 (Nguyễn Thị Lan, Đề án DA-01): Tiếp thu — «Đã bổ sung vào dự thảo <lần 3>.»',
      '',
      '📣 Thông báo chưa xác nhận',
      `• B1 (${viDate(Date.now())}): 2/3 chưa xác nhận — Phạm Quốc Hùng, Lê Văn Bình`,
    ].join('\n'));
    const html = h.emu.lastBotMessage(groupBD.id)!.html!;
    expect(html).toContain('📅 <b>Cuộc họp sắp tới</b>');
    expect(html).toContain(`«${TITLE.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')}»`);
  });

  it('HK: an absence, a unit that has not commented (with the commands to do so), the notice nobody acknowledged', async () => {
    expect(await summaryOf(hkDel, groupHK)).toBe([
      head('Quận Hoàn Kiếm'),
      '',
      '📅 Cuộc họp sắp tới',
      meetingLine('0 tham dự · 1 vắng · 0 cử người dự thay'),
      '  ⏳ Chưa trả lời: Đặng Thu Hà',
      '',
      '📝 Dự thảo đang lấy ý kiến',
      proposalLine(0, 0),
      '  ⚠️ Đơn vị chưa có ý kiến: gửi /gopy DA-01 nội dung, hoặc /nhattri DA-01.',
      '',
      '📣 Thông báo chưa xác nhận',
      `• B1 (${viDate(Date.now())}): 2/2 chưa xác nhận — Hoàng Minh, Đặng Thu Hà`,
    ].join('\n'));
  });

  it('BV: a unit that agreed, and no empty headings for what it has nothing of', async () => {
    const text = await summaryOf(bvDel, groupBV);
    expect(text).toBe([
      head('Huyện Ba Vì'),
      '',
      '📅 Cuộc họp sắp tới',
      meetingLine('0 tham dự · 0 vắng · 0 cử người dự thay'),
      '  ⏳ Chưa trả lời: Đinh Công Ba',
      '',
      '📝 Dự thảo đang lấy ý kiến',
      proposalLine(0, 0),
      '  ✅ Đơn vị đã báo nhất trí, không có ý kiến.',
    ].join('\n'));
  });

  it('ST: nothing to report is one line, not empty headings', async () => {
    expect(await summaryOf(stDel, groupST, '/summary')).toBe(`${head('Thị xã Sơn Tây')}\nHiện không có việc cần chú ý.`);
  });

  it('a council secretary may ask in any unit group; a unit secretary in private gets it posted in the group', async () => {
    expect((await summaryOf(clerk, groupST)).split('\n')[0]).toBe(head('Thị xã Sơn Tây'));
    const posted = h.emu.botMessages(groupST.id).length;
    const hkSince = h.emu.botMessages(groupHK.id).length;
    expect((await h.ask(hkClerk, 'private', '/tomtat')).text).toBe('📊 Đã gửi tóm tắt của đơn vị HK vào nhóm của đơn vị.');
    const inGroup = await h.nextBotMessage(groupHK.id, hkSince);
    expect(inGroup.text!.split('\n')[0]).toBe(head('Quận Hoàn Kiếm'));
    expect(h.emu.botMessages(groupST.id)).toHaveLength(posted);
  });

  it('refuses people outside the unit, unlinked groups and delegates in private', async () => {
    // Someone with no role at all is refused by the guard, before the unit is even looked at.
    expect((await h.ask(stranger, groupBD, '/tomtat')).text).toBe('ℹ️ Lệnh này chỉ dành cho thành viên đã đăng ký. Đồng chí cần đường dẫn mời từ thư ký đơn vị.');
    expect((await h.ask(hkDel, groupBD, '/tomtat')).text).toBe('ℹ️ Chỉ thành viên của đơn vị mới xem được tóm tắt của đơn vị.');
    expect((await h.ask(lan, loose, '/tomtat')).text).toBe('ℹ️ Nhóm này chưa được liên kết với đơn vị nào. Thư ký gửi /lienketnhom MÃ_ĐƠN_VỊ để liên kết.');
    expect((await h.ask(lan, 'private', '/tomtat')).text).toBe('ℹ️ Lệnh này chỉ dành cho thư ký. Đồng chí có thể dùng /huongdan để xem các lệnh của mình.');
    await h.settle();
    expect(h.emu.botMessages(groupBD.id).at(-1)!.text).toBe('ℹ️ Chỉ thành viên của đơn vị mới xem được tóm tắt của đơn vị.');
  });
});

describe('the council-wide summary in private', () => {
  it('counts per status on each open proposal, meeting and notice, naming only the units that need a nudge', async () => {
    const today = Date.now();
    expect(await summaryOf(clerk, 'private')).toBe([
      `📊 TÓM TẮT TOÀN THÀNH PHỐ · ${viDate(today)}`,
      '',
      '📅 Cuộc họp sắp tới',
      `• M1 · ${viDateTime(MEETING_AT)} · «${MEETING}»: 2/6 đã trả lời (1 tham dự · 1 vắng · 0 cử người dự thay)`,
      '  ⚠️ Chưa ai trả lời (1): BV',
      '',
      '📝 Dự thảo đang lấy ý kiến',
      `• DA-01 «${TITLE}» — hạn ${viDateTime(DEADLINE)} (còn ${daysUntil(DEADLINE).toLocaleString('vi-VN')} ngày) · 2 ý kiến`,
      '  1/3 đơn vị đã góp ý · 1 đơn vị nhất trí, không có ý kiến',
      '  ⚠️ Chưa có ý kiến (1): HK',
      '',
      '📣 Thông báo',
      `• B1 (${viDate(today)}): 1/5 đã xác nhận`,
      '  ⚠️ Chưa ai xác nhận (1): HK',
    ].join('\n'));
  });

  it('in English for a secretary who chose English', async () => {
    const today = Date.now();
    const days = daysUntil(DEADLINE);
    expect(await summaryOf(engClerk, 'private', '/summary')).toBe([
      `📊 CITY-WIDE SUMMARY · ${enDate(today)}`,
      '',
      '📅 Upcoming meetings',
      `• M1 · ${enDateTime(MEETING_AT)} · “${MEETING}”: 2/6 answered (1 attending · 1 absent · 0 substitute)`,
      '  ⚠️ Nobody answered yet (1): BV',
      '',
      '📝 Drafts open for comments',
      `• DA-01 “${TITLE}” — until ${enDateTime(DEADLINE)} (${days === 1 ? '1 day left' : `${days.toLocaleString('en-US')} days left`}) · 2 comments`,
      '  1/3 units commented · 1 unit agrees, no comments',
      '  ⚠️ Not heard from (1): HK',
      '',
      '📣 Notices',
      `• B1 (${enDate(today)}): 1/5 acknowledged`,
      '  ⚠️ Nobody acknowledged yet (1): HK',
    ].join('\n'));
  });
});

describe('"new since the last summary"', () => {
  const proposalOf = (text: string) => text.split('\n').find((l) => l.startsWith('• DA-01 '))!;
  const responsesOf = (text: string) => {
    const lines = text.split('\n');
    const at = lines.indexOf('📬 Tiếp thu, giải trình ý kiến');
    if (at < 0) return [];
    const end = lines.indexOf('', at);
    return lines.slice(at + 1, end < 0 ? undefined : end);
  };

  it('counts only comments made after the previous summary, and lists only responses given since', async () => {
    // BD's previous summary (above) counted C1 and C2 and listed the response to C1.
    expect((await h.ask(hung, 'private', '/gopy DA-01 Bổ sung lộ trình thực hiện.')).text).toMatch(/^✅ Đã ghi nhận ý kiến C3 về Đề án DA-01\./);
    expect((await h.ask(clerk, 'private', '/tiepthu C2 giaitrinh Kinh phí theo kế hoạch năm.')).text).toContain('«Giải trình» cho ý kiến C2');
    const second = await summaryOf(bdClerk, groupBD);
    expect(proposalOf(second)).toMatch(/· đơn vị đã gửi 3 ý kiến, 1 ý kiến mới từ lần tóm tắt trước$/);
    expect(responsesOf(second)).toEqual(['• C2 (Phạm Quốc Hùng, Đề án DA-01): Giải trình — «Kinh phí theo kế hoạch năm.»']);

    // Nothing new: 0 new and no responses section at all.
    const third = await summaryOf(lan, groupBD);
    expect(proposalOf(third)).toMatch(/· đơn vị đã gửi 3 ý kiến, 0 ý kiến mới từ lần tóm tắt trước$/);
    expect(third).not.toContain('📬');
    expect(third.split('\n\n').map((s) => s.split('\n')[0])).toEqual([
      `📊 TÓM TẮT NGÀY ${viDate(Date.now())} · Quận Ba Đình`, '📅 Cuộc họp sắp tới', '📝 Dự thảo đang lấy ý kiến', '📣 Thông báo chưa xác nhận',
    ]);
  });

  it('a comment written and withdrawn between two summaries is not counted as new', async () => {
    expect((await h.ask(lan, 'private', '/gopy DA-01 Ý kiến sẽ rút lại.')).text).toMatch(/^✅ Đã ghi nhận ý kiến C4 /);
    expect((await h.ask(lan, 'private', '/rutgopy C4')).text).toContain('✅ Đã rút ý kiến C4.');
    const text = await summaryOf(lan, groupBD);
    expect(proposalOf(text)).toMatch(/· đơn vị đã gửi 3 ý kiến, 0 ý kiến mới từ lần tóm tắt trước$/);
  });

  it("a summary posted from a secretary's private chat also counts as the last summary", async () => {
    expect((await h.ask(hung, 'private', '/gopy DA-01 Thêm một ý kiến.')).text).toMatch(/^✅ Đã ghi nhận ý kiến C5 /);
    const since = h.emu.botMessages(groupBD.id).length;
    expect((await h.ask(bdClerk, 'private', '/tomtat')).text).toBe('📊 Đã gửi tóm tắt của đơn vị BD vào nhóm của đơn vị.');
    expect(proposalOf((await h.nextBotMessage(groupBD.id, since)).text!)).toMatch(/đơn vị đã gửi 4 ý kiến, 1 ý kiến mới từ lần tóm tắt trước$/);
    await h.settle();
    expect(proposalOf(await summaryOf(lan, groupBD))).toMatch(/đơn vị đã gửi 4 ý kiến, 0 ý kiến mới từ lần tóm tắt trước$/);
  });
});

describe('/digest (/lichtomtat)', () => {
  const usage = 'Thư ký đổi lịch bằng: /lichtomtat tat | hangngay 08:00 | hangtuan thu6 16:00';
  const usageLine = 'Cách dùng: /lichtomtat tat | hangngay 08:00 | hangtuan thu6 16:00';
  const scheduler = () => h.app.queues.tasks.getJobScheduler('digest-BD');

  it('shows the default schedule set by /lienketnhom, in words, with the next run, to anyone in the group', async () => {
    expect((await h.ask(lan, groupBD, '/lichtomtat')).text).toBe([
      '🗓 Lịch gửi tóm tắt của đơn vị BD: hằng tuần vào 16:00 thứ Sáu.',
      `Lần gửi tiếp theo: ${viDateTime(nextAt(16, 0, 5))}.`,
      usage,
    ].join('\n'));
    expect(await scheduler()).toMatchObject({ pattern: '0 16 * * 5', tz: 'Asia/Ho_Chi_Minh', next: nextAt(16, 0, 5) });
  });

  it("sets daily, weekly (Vietnamese words) and cron schedules for the secretary's own unit", async () => {
    expect((await h.ask(bdClerk, groupBD, '/lichtomtat hangngay 08:00')).text).toBe(
      `✅ Lịch gửi tóm tắt của đơn vị BD: hằng ngày lúc 08:00.\nLần gửi tiếp theo: ${viDateTime(nextAt(8, 0))}.`,
    );
    expect(await scheduler()).toMatchObject({ pattern: '0 8 * * *', tz: 'Asia/Ho_Chi_Minh', next: nextAt(8, 0) });
    expect((await h.ask(bdClerk, groupBD, '/lichtomtat hàng tuần thứ hai 7h30')).text).toBe(
      `✅ Lịch gửi tóm tắt của đơn vị BD: hằng tuần vào 07:30 thứ Hai.\nLần gửi tiếp theo: ${viDateTime(nextAt(7, 30, 1))}.`,
    );
    expect((await h.ask(bdClerk, groupBD, '/digest 0 16 * * 5')).text).toBe(
      `✅ Lịch gửi tóm tắt của đơn vị BD: theo lịch đặt riêng (0 16 * * 5).\nLần gửi tiếp theo: ${viDateTime(nextAt(16, 0, 5))}.`,
    );
    expect((await h.app.svc.store.digests.get('BD')).spec).toBe('0 16 * * 5');
  });

  it("answers in the person's language: an English council secretary in BD's group", async () => {
    expect((await h.ask(engClerk, groupBD, '/digest weekly fri 16:00')).text).toBe(
      `✅ Summary schedule of unit BD: weekly on Friday at 16:00.\nNext summary: ${enDateTime(nextAt(16, 0, 5))}.`,
    );
    expect((await h.ask(engClerk, groupBD, '/digest')).text).toBe([
      '🗓 Summary schedule of unit BD: weekly on Friday at 16:00.',
      `Next summary: ${enDateTime(nextAt(16, 0, 5))}.`,
      'A secretary changes it with: /digest off | daily 08:00 | weekly fri 16:00',
    ].join('\n'));
  });

  it('refuses private chats, unlinked groups, delegates and the secretary of another unit, changing nothing', async () => {
    const before = await scheduler();
    expect((await h.ask(bdClerk, 'private', '/lichtomtat hangngay 08:00')).text).toBe(
      'ℹ️ Lệnh này dùng trong nhóm Thường trực HĐND của đơn vị, không dùng trong tin nhắn riêng.',
    );
    expect((await h.ask(clerk, loose, '/lichtomtat hangngay 08:00')).text).toBe('ℹ️ Nhóm này chưa được liên kết với đơn vị nào. Thư ký gửi /lienketnhom MÃ_ĐƠN_VỊ để liên kết.');
    expect((await h.ask(lan, groupBD, '/lichtomtat tat')).text).toBe('ℹ️ Lệnh này chỉ dành cho thư ký. Đồng chí có thể dùng /huongdan để xem các lệnh của mình.');
    expect((await h.ask(stranger, groupBD, '/lichtomtat tat')).text).toBe('ℹ️ Lệnh này chỉ dành cho thư ký. Đồng chí có thể dùng /huongdan để xem các lệnh của mình.');
    expect((await h.ask(hkClerk, groupBD, '/lichtomtat hangngay 06:00')).text).toBe('ℹ️ Đồng chí không phụ trách đơn vị BD. Thư ký chỉ thao tác với đơn vị của mình.');
    expect((await h.app.svc.store.digests.get('BD')).spec).toBe('weekly fri 16:00');
    expect(await scheduler()).toMatchObject({ pattern: before!.pattern, next: before!.next });
    expect(await h.app.queues.tasks.getJobScheduler('digest-HK')).toMatchObject({ pattern: '0 16 * * 5' });
  });

  it('refuses a bad schedule, saying what is wrong and what would be right', async () => {
    const bad = async (spec: string) => (await h.ask(bdClerk, groupBD, `/lichtomtat ${spec}`)).text;
    expect(await bad('hangngay 25:00')).toBe(`ℹ️ Lịch chưa đúng: giờ viết dạng HH:MM, ví dụ 16:00\n${usageLine}`);
    expect(await bad('hangtuan thu9 16:00')).toBe(`ℹ️ Lịch chưa đúng: thứ trong tuần chưa đúng; ví dụ thu2, thu6, cn\n${usageLine}`);
    expect(await bad('hàng tháng 08:00')).toBe(`ℹ️ Lịch chưa đúng: cần «tat», «hangngay» hoặc «hangtuan»\n${usageLine}`);
    expect(await bad('0 25 * * *')).toMatch(/^ℹ️ Lịch chưa đúng: biểu thức cron sai ở trường «.+»\n/);
    expect((await h.app.svc.store.digests.get('BD')).spec).toBe('weekly fri 16:00');
  });

  it('names the bad cron field in Vietnamese', async () => {
    // The field names come from the parser in English ("hour", "minute", "fields").
    expect((await h.ask(bdClerk, groupBD, '/lichtomtat 0 25 * * *')).text).toBe(`ℹ️ Lịch chưa đúng: biểu thức cron sai ở trường «giờ»\n${usageLine}`);
    expect((await h.ask(bdClerk, groupBD, '/lichtomtat 61 * * * *')).text).toBe(`ℹ️ Lịch chưa đúng: biểu thức cron sai ở trường «phút»\n${usageLine}`);
  });

  it('refuses a cron with seconds and one that would run more than once an hour, saying why; nothing stored', async () => {
    const before = await scheduler();
    const bad = async (spec: string) => (await h.ask(bdClerk, groupBD, `/lichtomtat ${spec}`)).text;
    const seconds = `ℹ️ Lịch chưa đúng: biểu thức cron không có trường giây; cần đúng 5 trường: phút giờ ngày tháng thứ\n${usageLine}`;
    const often = `ℹ️ Lịch chưa đúng: tóm tắt được gửi không quá một lần mỗi giờ, nên trường phút phải là một phút cụ thể (ví dụ 0 8 * * 1-5: 08:00 từ thứ Hai đến thứ Sáu)\n${usageLine}`;
    // Six fields: seconds first; this one would post a summary every second.
    expect(await bad('* * * * * *')).toBe(seconds);
    expect(await bad('0 0 8 * * *')).toBe(seconds);
    expect(await bad('*/5 * * * *')).toBe(often);
    expect(await bad('0,30 * * * *')).toBe(often);
    expect(await bad('* 8 * * *')).toBe(often);
    expect((await h.ask(engClerk, groupBD, '/digest */2 * * * * *')).text).toBe(
      'ℹ️ Not a schedule: a cron pattern has no seconds field; write exactly 5 fields: minute hour day month weekday\n' +
        'Usage: /digest off | daily 08:00 | weekly fri 16:00',
    );
    expect((await h.ask(engClerk, groupBD, '/digest */15 8-17 * * *')).text).toBe(
      'ℹ️ Not a schedule: summaries go at most once an hour, so the minute field must name one minute (e.g. 0 8 * * 1-5: 08:00 Monday to Friday)\n' +
        'Usage: /digest off | daily 08:00 | weekly fri 16:00',
    );
    expect((await h.app.svc.store.digests.get('BD')).spec).toBe('weekly fri 16:00');
    expect(await scheduler()).toMatchObject({ pattern: before!.pattern, next: before!.next });
  });

  it('accepts a 5-field cron with one minute: 0 8 * * 1-5, at 08:00 Monday to Friday', async () => {
    const next = Math.min(...[1, 2, 3, 4, 5].map((wd) => nextAt(8, 0, wd)));
    expect((await h.ask(bdClerk, groupBD, '/lichtomtat 0 8 * * 1-5')).text).toBe(
      `✅ Lịch gửi tóm tắt của đơn vị BD: theo lịch đặt riêng (0 8 * * 1-5).\nLần gửi tiếp theo: ${viDateTime(next)}.`,
    );
    expect((await h.app.svc.store.digests.get('BD')).spec).toBe('0 8 * * 1-5');
    expect(await scheduler()).toMatchObject({ pattern: '0 8 * * 1-5', tz: 'Asia/Ho_Chi_Minh', next });
  });

  it('turns the schedule off: no job scheduler, and the schedule shown as off without a next run', async () => {
    expect((await h.ask(bdClerk, groupBD, '/lichtomtat tat')).text).toBe('✅ Lịch gửi tóm tắt của đơn vị BD: tắt.');
    expect(await scheduler()).toBeUndefined();
    expect((await h.ask(hung, groupBD, '/lichtomtat')).text).toBe(`🗓 Lịch gửi tóm tắt của đơn vị BD: tắt.\n${usage}`);
    expect((await h.app.queues.tasks.getJobSchedulers()).map((s) => s.key).sort()).toEqual(['digest-BV', 'digest-HK', 'digest-SS', 'digest-ST']);
  });
});

describe('a summary longer than one message', () => {
  const ssMeetings: string[] = [];
  const LONG = 'Về việc thông qua kế hoạch tổ chức kỳ họp chuyên đề và điều chỉnh dự toán ngân sách của các đơn vị trực thuộc trên địa bàn huyện Sóc Sơn';

  let unitParts: string[] = [];

  it('arrives as several messages of at most 4096 characters, in order, split between sections', async () => {
    const { store } = h.app.svc;
    const now = Date.now();
    for (let i = 1; i <= 10; i++) {
      const m = await store.meetings.create({
        title: `Họp ${i}: ${LONG}`, startsAt: daysAhead(47, 9) + i * DAY, durationMin: 60,
        units: ['SS'], agenda: [], remindersMs: [], createdBy: clerk.id,
      });
      ssMeetings.push(m.id);
    }
    for (let i = 1; i <= 30; i++) {
      expect(await store.proposals.create({
        v: 1, code: `SS-${pad(i)}`, title: `Đề án ${i}: ${LONG}`, sections: [], deadline: daysAhead(77, 17) + i * DAY,
        units: ['SS'], version: 1, createdBy: clerk.id, createdAt: now + i,
      })).toBe(true);
    }
    const since = h.emu.botMessages(groupSS.id).length;
    h.emu.sendText(ssDel, groupSS, '/tomtat');
    await h.emu.waitFor(() => h.emu.botMessages(groupSS.id).length >= since + 2, { what: 'a split summary' });
    await h.settle();
    const parts = h.emu.botMessages(groupSS.id).slice(since);
    const texts = parts.map((m) => m.text!);

    expect(parts.length).toBeGreaterThanOrEqual(4); // ~3,500 characters of meetings, ~9,000 of proposals
    for (const m of parts) {
      expect(m.text!.length).toBeLessThanOrEqual(4096);
      expect(m.html!.length).toBeLessThanOrEqual(4096);
    }
    expect(h.emu.calls.filter((c) => c.chatId === groupSS.id && !c.ok)).toEqual([]);
    // In order: the heading first, the meetings whole in the first message, the drafts from the second on.
    expect(texts[0]!.startsWith(`📊 TÓM TẮT NGÀY ${viDate(Date.now())} · Huyện Sóc Sơn\n\n📅 Cuộc họp sắp tới\n`)).toBe(true);
    expect(texts[0]).not.toContain('📝');
    expect(texts[1]!.startsWith('📝 Dự thảo đang lấy ý kiến\n• SS-01 ')).toBe(true);
    // No header left at the end of a message without its first line.
    for (const t of texts) expect(t.split('\n').at(-1)).not.toMatch(/^(📊|📅|📝|📬|📣)/);
    // Nothing lost or repeated, and in order.
    const joined = texts.join('\n');
    expect([...joined.matchAll(/^• (M\d+) · /gm)].map((m) => m[1])).toEqual(ssMeetings);
    expect([...joined.matchAll(/^• (SS-\d+) «/gm)].map((m) => m[1])).toEqual(Array.from({ length: 30 }, (_, i) => `SS-${pad(i + 1)}`));
    unitParts = texts;
  });

  it("a section longer than a message is split between its items, never between an item and its second line", () => {
    expect(unitParts.length).toBeGreaterThan(0);
    // e.g. a message must not start with "  ⚠️ Đơn vị chưa có ý kiến: gửi /gopy SS-12 …", away from SS-12's line.
    expect(unitParts.map((t) => t.split('\n')[0] ?? '').filter((l) => l.startsWith('  '))).toEqual([]);
  });

  it('the council-wide summary splits the same way: heading with its first section, items whole', async () => {
    const since = h.emu.botMessages(clerk.id).length;
    h.emu.sendText(clerk, 'private', '/tomtat');
    await h.emu.waitFor(() => h.emu.botMessages(clerk.id).length >= since + 2, { what: 'a split council summary' });
    await h.settle();
    const texts = h.emu.botMessages(clerk.id).slice(since).map((m) => m.text!);
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(4096);
    const joined = texts.join('\n');
    expect([...joined.matchAll(/^• (DA-01|SS-\d+) «/gm)].map((m) => m[1])).toEqual(['DA-01', ...Array.from({ length: 30 }, (_, i) => `SS-${pad(i + 1)}`)]);
    expect([...joined.matchAll(/^• (M\d+) · /gm)].map((m) => m[1])).toEqual(['M1', ...ssMeetings]);
    // Meetings first, as in a unit's summary; drafts start a message of their own.
    expect(texts.some((t) => t.startsWith('📝 Dự thảo đang lấy ý kiến\n'))).toBe(true);
    // The heading is not a message of its own.
    expect(texts[0]).toMatch(new RegExp(`^📊 TÓM TẮT TOÀN THÀNH PHỐ · ${viDate(Date.now())}\n\n📅 Cuộc họp sắp tới\n• M1 · `));
    // A proposal's participation lines stay with it.
    expect(texts.map((t) => t.split('\n')[0] ?? '').filter((l) => l.startsWith('  '))).toEqual([]);
  });
});

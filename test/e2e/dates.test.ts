import { TZDate } from '@date-fns/tz';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Chat, User } from 'grammy/types';
import { periodOf, sendUnitSummary } from '#jobs/summaries.js';
import { dayOffNote } from '#test/support/dates.js';
import { addMember, linkedGroup } from '#test/support/seed.js';
import { startHarness, type Harness } from '#test/support/harness.js';

/**
 * Dates as people write them, end to end: the new forms reach the stored meeting, the bot
 * writes times as offices do, a day off is pointed out to the secretary only, a wrong weekday
 * is refused with the right one, and a weekly summary covers its Monday-to-Sunday week.
 * Every date is relative to now; the expected texts are written here, not by the code.
 */
const TZ = 'Asia/Ho_Chi_Minh';
const DAY = 86_400_000;
const HOUR = 3_600_000;
const VI_DAYS = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'];
const EN_DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

let h: Harness;
let clerk: User; // council secretary
let engClerk: User; // council secretary who reads English
let lan: User; // delegate of BD
let groupBD: Chat;

/** A council-zone wall-clock moment. */
const wall = (y: number, m: number, d: number, hh = 0, mi = 0) => new TZDate(y, m - 1, d, hh, mi, 0, TZ);
/** Today at 00:00 in the council's zone, plus `days`. */
function today(days = 0): TZDate {
  const now = new TZDate(Date.now(), TZ);
  return wall(now.getFullYear(), now.getMonth() + 1, now.getDate() + days);
}
const dmy = (d: Date) => `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}`;
/** `14h00, thứ Sáu, ngày 15/10/2026` */
const viWhen = (d: Date) => `${pad(d.getHours())}h${pad(d.getMinutes())}, ${VI_DAYS[d.getDay()]}, ngày ${dmy(d)}`;
/** `thứ Bảy, ngày 17/10/2026` */
const viDay = (d: Date) => `${VI_DAYS[d.getDay()]}, ngày ${dmy(d)}`;
/** `Sun 7 Feb 2027` */
const enDay = (d: Date) => `${EN_DAYS[d.getDay()]} ${d.getDate()} ${EN_MONTHS[d.getMonth()]} ${d.getFullYear()}`;
/** Fixed public holidays (the lunar ones fall in January–April). */
const isFixedHoliday = (d: Date) => ['1/1', '30/4', '1/5', '1/9', '2/9', '3/9'].includes(`${d.getDate()}/${d.getMonth() + 1}`);

async function meetingSeq(): Promise<number> {
  const { store } = h.app.svc;
  return Number((await store.redis.get(store.keys.seq('meeting'))) ?? 0);
}

beforeAll(async () => {
  h = await startHarness({ env: { FLOOD_LIMIT: '100000' } });
  const { units } = h.app.svc.store;
  for (const [code, name] of [['TP', 'HĐND Thành phố Hà Nội'], ['BD', 'Quận Ba Đình'], ['ST', 'Thị xã Sơn Tây']] as const) await units.upsert(code, name);
  clerk = h.emu.user({ first_name: 'Trần Thị', last_name: 'Hoa', privateOpen: true });
  engClerk = h.emu.user({ first_name: 'Mary', last_name: 'Tran', language_code: 'en', privateOpen: true });
  lan = h.emu.user({ first_name: 'Nguyễn Thị', last_name: 'Lan', privateOpen: true });
  await addMember(h, clerk, 'secretary', 'TP');
  await addMember(h, engClerk, 'secretary', 'TP');
  await h.app.svc.store.members.setLang(engClerk.id, 'en');
  await addMember(h, lan, 'delegate', 'BD');
  groupBD = await linkedGroup(h, 'Thường trực HĐND quận Ba Đình', 'BD', clerk);
});
afterAll(() => h.stop());

describe('a meeting time as a secretary says it', () => {
  it('«2 giờ chiều thứ Sáu tuần sau» is 14:00 on the Friday of next week, shown as offices write it', async () => {
    const t = today();
    const monday = today(-((t.getDay() + 6) % 7));
    const friday = wall(monday.getFullYear(), monday.getMonth() + 1, monday.getDate() + 7 + 4, 14);
    const n = h.emu.botMessages(groupBD.id).length;
    const reply = await h.ask(clerk, 'private', '/taohop\ntiêu đề: Giao ban tuần\nthời gian: 2 giờ chiều thứ Sáu tuần sau\nđơn vị: BD');
    const id = `M${await meetingSeq()}`;
    expect(reply.text).toBe(`✅ Đã tạo cuộc họp ${id}, họp lúc ${viWhen(friday)}. Thông báo được gửi tới 1 nhóm. Sửa: /suahop ${id} · Hủy: /huyhop ${id}${dayOffNote(friday.getTime())}`);
    expect((await h.app.svc.store.meetings.get(id))?.startsAt).toBe(friday.getTime());
    const ann = await h.nextBotMessage(groupBD.id, n);
    expect(ann.text!.split('\n')).toContain(`🕑 ${viWhen(friday)} (120 phút)`);
  });

  it('a weekday that is not the date’s is refused, naming the right one, and nothing is saved', async () => {
    const thursday = today(14 - ((today().getDay() + 3) % 7)); // a Thursday 8 to 14 days ahead
    expect(thursday.getDay()).toBe(4);
    const before = await meetingSeq();
    const reply = await h.ask(clerk, 'private', `/taohop\ntiêu đề: Họp sai thứ\nthời gian: 14h ngày ${dmy(thursday)} (thứ Sáu)`);
    expect(reply.text!.split('\n').slice(0, 2)).toEqual([
      'ℹ️ Biểu mẫu chưa hợp lệ, chưa có gì được lưu:',
      `• Thời gian: ngày ${dmy(thursday)} là thứ Năm, không phải thứ Sáu; đề nghị kiểm tra lại ngày hoặc thứ`,
    ]);
    expect(await meetingSeq()).toBe(before);
  });
});

describe('a day off is pointed out to the secretary, not to the groups', () => {
  /** A Saturday at least 10 days ahead that is no holiday (none from January to May: Tết, Giỗ Tổ). */
  const saturday = (() => {
    let d = today(10 + ((6 - today(10).getDay() + 7) % 7));
    while (isFixedHoliday(d) || d.getMonth() <= 4) d = wall(d.getFullYear(), d.getMonth() + 1, d.getDate() + 7);
    return d;
  })();
  const at9 = wall(saturday.getFullYear(), saturday.getMonth() + 1, saturday.getDate(), 9);
  const sunday = wall(saturday.getFullYear(), saturday.getMonth() + 1, saturday.getDate() + 1, 9);
  let id = '';

  it('a meeting on a Saturday: one more line in the confirmation; the announcement is as ever', async () => {
    expect(saturday.getDay()).toBe(6);
    const n = h.emu.botMessages(groupBD.id).length;
    const when = `9h sáng ngày ${saturday.getDate()} tháng ${saturday.getMonth() + 1} năm ${saturday.getFullYear()}`;
    const reply = await h.ask(clerk, 'private', `/taohop\ntiêu đề: Họp cuối tuần\nthời gian: ${when}\nđơn vị: BD`);
    id = `M${await meetingSeq()}`;
    const lines = reply.text!.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(`✅ Đã tạo cuộc họp ${id}, họp lúc ${viWhen(at9)}.`);
    expect(lines[1]).toBe(`⚠️ Lưu ý: ${viDay(saturday)} là ngày nghỉ cuối tuần.`);
    expect((await h.app.svc.store.meetings.get(id))?.startsAt).toBe(at9.getTime());
    const ann = await h.nextBotMessage(groupBD.id, n);
    expect(ann.text).toMatch(new RegExp(`^📅 THÔNG BÁO CUỘC HỌP ${id}\\n`));
    expect(ann.text).not.toContain('⚠️');
    expect(ann.text).not.toContain('Lưu ý');
  });

  it('an edit moving it to Sunday says so; an edit of anything else does not', async () => {
    const n = h.emu.botMessages(groupBD.id).length;
    const moved = await h.ask(clerk, 'private', `/suahop ${id}\nthời gian: 9h ${dmy(sunday)} (Chủ nhật)`);
    const lines = moved.text!.split('\n');
    expect(lines[0]).toBe(`🔁 Cuộc họp ${id} thay đổi thời gian: ${viWhen(at9)} → ${viWhen(sunday)}.`);
    expect(lines.at(-1)).toBe(`⚠️ Lưu ý: ${viDay(sunday)} là ngày nghỉ cuối tuần.`);
    const notice = await h.nextBotMessage(groupBD.id, n);
    expect(notice.text).toBe(`🔁 Cuộc họp ${id} thay đổi thời gian: ${viWhen(at9)} → ${viWhen(sunday)}.`);

    const retitled = await h.ask(clerk, 'private', `/suahop ${id}\ntiêu đề: Họp cuối tuần (dời)`);
    expect(retitled.text).not.toContain('⚠️');
  });

  it('a deadline on 30/4, written with its weekday in brackets: a public holiday', async () => {
    const now = today();
    const year = now.getMonth() < 3 || (now.getMonth() === 3 && now.getDate() < 28) ? now.getFullYear() : now.getFullYear() + 1;
    const victory = wall(year, 4, 30, 17);
    const n = h.emu.botMessages(groupBD.id).length;
    const reply = await h.ask(clerk, 'private', `/taodean\nmã: DA-30\ntiêu đề: Dự thảo hạn ngày lễ\nhạn góp ý: 17h00 ngày 30/4/${year} (${VI_DAYS[victory.getDay()]})\nđơn vị: BD`);
    const lines = reply.text!.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(`✅ Đã tạo đề án DA-30, hạn góp ý ${viWhen(victory)}.`);
    expect(lines[1]).toBe(`⚠️ Lưu ý: ${viDay(victory)} là ngày nghỉ lễ Ngày Chiến thắng (30/4).`);
    const call = await h.nextBotMessage(groupBD.id, n);
    expect(call.text).toContain(`⏳ Hạn góp ý: ${viWhen(victory)}`);
    expect(call.text).not.toContain('Lưu ý');
  });

  it('in English, a deadline in Tết: usually a day off, as the government decides', async () => {
    // Mùng 1 Tết as published; mùng 2 is the day after.
    const tet = [[2027, 2, 6], [2028, 1, 26], [2029, 2, 13], [2030, 2, 2], [2031, 1, 23], [2032, 2, 11]] as const;
    const [y, m, d] = tet.find(([ty, tm, td]) => wall(ty, tm, td + 1).getTime() > Date.now() + 2 * DAY)!;
    const second = wall(y, m, d + 1, 10);
    const reply = await h.ask(engClerk, 'private', `/newproposal\ncode: DA-31\ntitle: Draft due at Tết\ndeadline: ${dmy(second)} 10:00\nunits: ST`);
    const lines = reply.text!.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(`until ${enDay(second)}, 10:00.`);
    expect(lines[1]).toBe(`⚠️ Note: ${enDay(second)} may be a day off for the Lunar New Year (Tết), day 2; the official days off are set by the government each year.`);
  });
});

describe('a weekly summary covers Monday to Sunday', () => {
  it('lists the responses given in its week, also after a summary in between, and none of the week before', async () => {
    const { store } = h.app.svc;
    // The Friday 16:00 of the week after next, and its week's Monday 00:00 (council time).
    const t = today();
    const monday = today(14 - ((t.getDay() + 6) % 7));
    const sunday = wall(monday.getFullYear(), monday.getMonth() + 1, monday.getDate() + 6);
    const friday16 = wall(monday.getFullYear(), monday.getMonth() + 1, monday.getDate() + 4, 16).getTime();
    const start = monday.getTime();
    await store.proposals.create({ v: 1, code: 'DA-40', title: 'Dự thảo tuần', sections: [], deadline: friday16 + 30 * DAY, units: ['BD'], version: 1, createdBy: clerk.id, createdAt: Date.now() });
    const ids: string[] = [];
    for (const text of ['Ý kiến một', 'Ý kiến hai', 'Ý kiến ba']) {
      const ack = await h.ask(lan, 'private', `/gopy DA-40 ${text}`);
      ids.push(/ý kiến (C\d+)/.exec(ack.text ?? '')![1]!);
    }
    const respond = async (id: string, at: number) => store.proposals.respond((await store.proposals.comment(id))!, 'accept', `Tiếp thu ${id}`, { id: clerk.id, name: 'Trần Thị Hoa' }, at);
    await respond(ids[0]!, start - HOUR); // Sunday 23:00 of the week before
    await respond(ids[1]!, start + HOUR); // Monday 01:00
    // A summary asked for on Tuesday: a weekly one still lists the whole week.
    await sendUnitSummary(h.app.svc, 'BD', 'dates-day', 'day', start + DAY);
    await respond(ids[2]!, start + 2 * DAY); // Wednesday
    await h.settle();

    const n = h.emu.botMessages(groupBD.id).length;
    await sendUnitSummary(h.app.svc, 'BD', 'dates-week', 'week', friday16);
    const summary = await h.nextBotMessage(groupBD.id, n);
    const range = monday.getMonth() === sunday.getMonth()
      ? `${pad(monday.getDate())}–${dmy(sunday)}`
      : monday.getFullYear() === sunday.getFullYear()
        ? `${pad(monday.getDate())}/${pad(monday.getMonth() + 1)}–${dmy(sunday)}`
        : `${dmy(monday)}–${dmy(sunday)}`;
    expect(summary.text!.split('\n')[0]).toBe(`📊 TÓM TẮT TUẦN ${range} · Quận Ba Đình`);
    const listed = summary.text!.split('\n').filter((l) => /^• C\d+ /.test(l)).map((l) => /^• (C\d+)/.exec(l)![1]);
    expect(listed).toEqual([ids[1], ids[2]]);
  });

  it('a weekly schedule, or a cron naming one weekday, is weekly; any other is daily', () => {
    expect(periodOf({ kind: 'cron', pattern: '0 16 * * 5', source: 'weekly' })).toBe('week');
    expect(periodOf({ kind: 'cron', pattern: '0 16 * * 5', source: 'cron' })).toBe('week');
    expect(periodOf({ kind: 'cron', pattern: '30 7 * * 1', source: 'cron' })).toBe('week');
    expect(periodOf({ kind: 'cron', pattern: '0 8 * * 1-5', source: 'cron' })).toBe('day');
    expect(periodOf({ kind: 'cron', pattern: '0 8 1 * 5', source: 'cron' })).toBe('day');
    expect(periodOf({ kind: 'cron', pattern: '0 8 * * *', source: 'daily' })).toBe('day');
    expect(periodOf({ kind: 'off' })).toBe('day');
  });
});

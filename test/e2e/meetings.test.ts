import { TZDate } from '@date-fns/tz';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Chat, User } from 'grammy/types';
import { formatDateTime } from '#root/domain/time.js';
import { dayOffNote } from '#test/support/dates.js';
import { addMember, linkedGroup } from '#test/support/seed.js';
import { startHarness, type Harness } from '#test/support/harness.js';
import { TELEGRAM_LIMITS, type EmuMessage } from '#test/support/emulator.js';

/**
 * Meetings end to end: /newmeeting (form and guided conversation), the announcement and its
 * buttons, /rsvp, /meetings, /meeting, /ics, /editmeeting, /cancelmeeting, in Vietnamese and
 * English. The timing of reminders and restarts is in meeting-reminders.test.ts.
 */
let h: Harness;
let clerk: User; // secretary of TP: council-wide
let engClerk: User; // secretary of TP, Telegram in English
let bdClerk: User; // secretary of BD: not council-wide
let lan: User;
let hung: User;
let john: User; // /lang en
let quiet: User; // never opened a private chat with the bot
let hkDel: User;
let stranger: User;
let groupBD: Chat;
let groupHK: Chat;
let annBD: EmuMessage;
let annHK: EmuMessage;

const DAY = 86_400_000;
const HOUR = 3_600_000;
const TZ = 'Asia/Ho_Chi_Minh';
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A wall-clock moment `days` from today in the council's zone: as a secretary types it
 * (`form`, `iso`), as the bot shows it (`vi`, `en`) and as a calendar file writes it (`ics`).
 */
function at(days: number, hour: number, minute = 0) {
  const d = new TZDate(Date.now() + days * DAY, TZ);
  d.setHours(hour, minute, 0, 0);
  const [dd, mm, yyyy] = [pad(d.getDate()), pad(d.getMonth() + 1), String(d.getFullYear())];
  const hm = `${pad(hour)}:${pad(minute)}`;
  return {
    ms: d.getTime(),
    date: `${dd}/${mm}/${yyyy}`,
    form: `${dd}/${mm}/${yyyy} ${hm}`,
    iso: `${yyyy}-${mm}-${dd}T${hm}`,
    vi: formatDateTime(new Date(d.getTime()), 'vi', TZ),
    en: formatDateTime(new Date(d.getTime()), 'en', TZ),
    ics: `${yyyy}${mm}${dd}T${pad(hour)}${pad(minute)}00`,
  };
}

// The meetings of this file, in order of time (/meetings lists them so).
const T1 = at(20, 14); // M1
const T1_END = at(20, 16);
const T3 = at(21, 0, 30); // M3: just after midnight, the day after M1
const T3_END = at(21, 2, 30);
const T1_MOVED = at(23, 8, 30); // M1 after /editmeeting
const T2 = at(35, 9); // M2
const T4 = at(50, 8, 30); // the guided meeting, M4
const T_ST = at(60, 8); // the burst of answers
const PAST = at(-1, 14);
/** A date that does not exist, in a year ahead. */
const FEB_31 = `31/02/${new Date().getFullYear() + 1} 10:00`;

const member = (user: User, role: 'delegate' | 'secretary', unit: string) => addMember(h, user, role, unit);

const linked = (title: string, unit: string): Promise<Chat> => linkedGroup(h, title, unit, clerk);

/** How many meetings exist: the id sequence, so a refused form provably saved nothing. */
async function meetingSeq(): Promise<number> {
  const { store } = h.app.svc;
  return Number((await store.redis.get(store.keys.seq('meeting'))) ?? 0);
}

function announcementIn(chat: Chat, id: string): EmuMessage | undefined {
  return h.emu.botMessages(chat.id).find((m) => m.text?.startsWith(`📅 THÔNG BÁO CUỘC HỌP ${id}\n`) || m.history[0]?.startsWith(`📅 THÔNG BÁO CUỘC HỌP ${id}\n`));
}

function current(m: EmuMessage): EmuMessage {
  return h.emu.botMessages(m.chatId).find((x) => x.message_id === m.message_id)!;
}

async function jobState(id: string): Promise<string | undefined> {
  const job = await h.app.queues.tasks.getJob(id);
  return job ? await job.getState() : undefined;
}

beforeAll(async () => {
  h = await startHarness({ env: { FLOOD_LIMIT: '1000' } });
  const { units } = h.app.svc.store;
  for (const [code, name] of [['TP', 'HĐND Thành phố Hà Nội'], ['BD', 'Quận Ba Đình'], ['HK', 'Quận Hoàn Kiếm'], ['BV', 'Huyện Ba Vì']] as const) {
    await units.upsert(code, name);
  }
  clerk = h.emu.user({ first_name: 'Trần Thị', last_name: 'Hoa', language_code: 'vi', privateOpen: true });
  engClerk = h.emu.user({ first_name: 'Mary', last_name: 'Tran', language_code: 'en', privateOpen: true });
  bdClerk = h.emu.user({ first_name: 'Lê Văn', last_name: 'Bình', privateOpen: true });
  lan = h.emu.user({ first_name: 'Nguyễn Thị', last_name: 'Lan', privateOpen: true });
  hung = h.emu.user({ first_name: 'Phạm Quốc', last_name: 'Hùng', privateOpen: true });
  john = h.emu.user({ first_name: 'John', last_name: 'Nguyen', language_code: 'en', privateOpen: true });
  quiet = h.emu.user({ first_name: 'Vũ Thị', last_name: 'Chưa' });
  hkDel = h.emu.user({ first_name: 'Hoàng', last_name: 'Minh', privateOpen: true });
  stranger = h.emu.user({ first_name: 'Người lạ', privateOpen: true });
  await member(clerk, 'secretary', 'TP');
  await member(engClerk, 'secretary', 'TP');
  await member(bdClerk, 'secretary', 'BD');
  for (const d of [lan, hung, john, quiet]) await member(d, 'delegate', 'BD');
  await member(hkDel, 'delegate', 'HK');
  await h.app.svc.store.members.setLang(john.id, 'en');
  // The draft the meeting discusses (a meeting may only name an existing proposal).
  await h.app.svc.store.proposals.create({
    v: 1, code: 'DA-01', title: 'Nâng cao năng lực, hiệu lực, hiệu quả hoạt động của HĐND các cấp', sections: ['1', '2'],
    deadline: at(90, 17).ms, units: 'all', version: 1, createdBy: clerk.id, createdAt: Date.now(),
  });
  groupBD = await linked('Thường trực HĐND quận Ba Đình', 'BD');
  groupHK = await linked('Thường trực HĐND quận Hoàn Kiếm', 'HK');
  // BV has no linked group: it is targeted but nothing can be posted to it.
});
afterAll(() => h.stop());

const FORM_M1 = [
  '/taohop',
  'tiêu đề: Giao ban trực tuyến quý III <Hà Nội>',
  `thời gian: ${T1.form}`,
  'thời lượng: 120',
  'địa điểm: Trụ sở HĐND Thành phố',
  'đường dẫn: https://meet.example.vn/giaoban',
  'đơn vị: BD HK',
  'đề án: DA-01',
  'nội dung: Báo cáo tổng kết; Thảo luận dự thảo Đề án',
  'nhắc: 1d, 1h',
].join('\n');

const ANN_M1 = [
  '📅 THÔNG BÁO CUỘC HỌP M1',
  'Giao ban trực tuyến quý III <Hà Nội>',
  `🕑 ${T1.vi} (120 phút)`,
  '📍 Trụ sở HĐND Thành phố · Trực tuyến: https://meet.example.vn/giaoban',
  '📄 Thảo luận dự thảo Đề án DA-01',
  '📋 Nội dung:',
  '1. Báo cáo tổng kết',
  '2. Thảo luận dự thảo Đề án',
  'Đề nghị các đồng chí xác nhận tham dự.',
];
const BUTTONS_M1 = [[
  { text: '✅ Tham dự', data: 'rsvp:M1:yes' },
  { text: '❌ Vắng', data: 'rsvp:M1:no' },
  { text: '👤 Cử người dự thay', data: 'rsvp:M1:sub' },
]];

describe('/newmeeting with a form', () => {
  it('creates the meeting, posts the announcement to every target group and schedules the reminders', async () => {
    const reply = await h.ask(clerk, 'private', FORM_M1);
    expect(reply.text).toBe(`✅ Đã tạo cuộc họp M1, họp lúc ${T1.vi}. Thông báo được gửi tới 2 nhóm. Sửa: /suahop M1 · Hủy: /huyhop M1${dayOffNote(T1.ms)}`);
    const m = await h.app.svc.store.meetings.get('M1');
    expect(m).toMatchObject({
      id: 'M1',
      title: 'Giao ban trực tuyến quý III <Hà Nội>',
      startsAt: T1.ms,
      durationMin: 120,
      place: 'Trụ sở HĐND Thành phố',
      link: 'https://meet.example.vn/giaoban',
      units: ['BD', 'HK'],
      proposal: 'DA-01',
      agenda: ['Báo cáo tổng kết', 'Thảo luận dự thảo Đề án'],
      remindersMs: [DAY, HOUR],
      status: 'scheduled',
      version: 1,
      createdBy: clerk.id,
    });

    annBD = await h.emu.waitFor(() => announcementIn(groupBD, 'M1'), { what: 'announcement in BD' });
    annHK = await h.emu.waitFor(() => announcementIn(groupHK, 'M1'), { what: 'announcement in HK' });
    // BD: 1 secretary + 4 delegates; HK: 1 delegate.
    expect(annBD.text).toBe([...ANN_M1, 'Đã trả lời: 0 tham dự · 0 vắng · 0 cử người dự thay · 6 chưa trả lời'].join('\n'));
    expect(annBD.html).toContain('<b>Giao ban trực tuyến quý III &lt;Hà Nội&gt;</b>');
    expect(annBD.buttons).toEqual(BUTTONS_M1);
    expect(annHK.text).toBe(annBD.text);
    await h.settle();
    expect(await h.app.svc.store.meetings.announcements('M1')).toEqual(new Map([[groupBD.id, annBD.message_id], [groupHK.id, annHK.message_id]]));

    // One delayed job per offset, with ids derived from the meeting, its version and the offset.
    const remind1d = await h.app.queues.tasks.getJob(`remind-M1-v1-${DAY}`);
    const remind1h = await h.app.queues.tasks.getJob(`remind-M1-v1-${HOUR}`);
    expect(await remind1d?.getState()).toBe('delayed');
    expect(await remind1h?.getState()).toBe('delayed');
    expect(remind1d!.timestamp + remind1d!.opts.delay!).toBeCloseTo(m!.startsAt - DAY, -3);
    expect(remind1h!.timestamp + remind1h!.opts.delay!).toBeCloseTo(m!.startsAt - HOUR, -3);
  });

  it('answers an English secretary in English, with English keys', async () => {
    const reply = await h.ask(engClerk, 'private', [
      '/newmeeting',
      'title: Budget hearing',
      `when: ${T2.iso}`,
      'duration: 1h30',
      'units: all',
      'reminders: none',
    ].join('\n'));
    expect(reply.text).toBe(`✅ Meeting M2 created for ${T2.en}. The announcement goes to 2 groups. Edit: /editmeeting M2 · Cancel: /cancelmeeting M2${dayOffNote(T2.ms, 'en')}`);
    expect(await h.app.svc.store.meetings.get('M2')).toMatchObject({ units: 'all', durationMin: 90, remindersMs: [], startsAt: T2.ms });
    // Groups read the council's language whoever created the meeting.
    const ann = await h.emu.waitFor(() => announcementIn(groupHK, 'M2'), { what: 'announcement of M2' });
    expect(ann.text).toBe([
      '📅 THÔNG BÁO CUỘC HỌP M2',
      'Budget hearing',
      `🕑 ${T2.vi} (90 phút)`,
      'Đề nghị các đồng chí xác nhận tham dự.',
      // all units: TP 2 + BD 5 + HK 1 (BV has nobody)
      'Đã trả lời: 0 tham dự · 0 vắng · 0 cử người dự thay · 8 chưa trả lời',
    ].join('\n'));
    await h.settle();
    expect((await h.app.queues.tasks.getDelayed()).filter((j) => j.id?.startsWith('remind-M2-'))).toEqual([]);
  });

  it('stores a meeting just after midnight on the right day, in the council time zone', async () => {
    const reply = await h.ask(clerk, 'private', `/taohop\ntiêu đề: Họp đầu ngày\nthời gian: 00:30 ${T3.date}\nđơn vị: HK\nnhắc: không`);
    expect(reply.text).toBe(`✅ Đã tạo cuộc họp M3, họp lúc ${T3.vi}. Thông báo được gửi tới 1 nhóm. Sửa: /suahop M3 · Hủy: /huyhop M3${dayOffNote(T3.ms)}`);
    expect(T3.vi.startsWith('00h30, ')).toBe(true);
    // 00:30 in Hà Nội is 17:30 UTC the day before.
    expect(new Date((await h.app.svc.store.meetings.get('M3'))!.startsAt).toISOString().slice(11, 16)).toBe('17:30');
    expect((await h.app.svc.store.meetings.get('M3'))?.startsAt).toBe(T3.ms);
    const ann = await h.emu.waitFor(() => announcementIn(groupHK, 'M3'), { what: 'announcement of M3' });
    expect(ann.text).toContain(`\n🕑 ${T3.vi} (120 phút)\n`);
    expect(announcementIn(groupBD, 'M3')).toBeUndefined();
    expect((await h.ask(engClerk, 'private', '/meeting M3')).text).toContain(`\n🕑 ${T3.en} (120 minutes)\n`);
    await h.settle(); // the roster follows the details
  });
});

describe('/newmeeting refusals', () => {
  it('names every bad field in one refusal and saves nothing', async () => {
    const before = await meetingSeq();
    const reply = await h.ask(clerk, 'private', [
      '/taohop',
      'tiêu đề: Họp sai',
      `thời gian: ${PAST.form}`,
      'đơn vị: BD XX YY',
      'đề án: DA-99',
      'nhắc: 1d, abc, 0m',
    ].join('\n'));
    expect(reply.text!.split('\n').slice(0, 5)).toEqual([
      'ℹ️ Biểu mẫu chưa hợp lệ, chưa có gì được lưu:',
      '• Thời gian: thời gian đã qua',
      '• Đơn vị: không có đơn vị XX, YY; gửi /donvi để xem mã đơn vị',
      '• Đề án: không có đề án DA-99',
      '• Nhắc lịch: «abc, 0m» chưa đúng cách ghi; ví dụ 1 ngày, 1 giờ hoặc 30 phút, hoặc «không» nếu không cần nhắc',
    ]);
    expect(reply.text).toContain('Cách tạo cuộc họp: gửi /taohop kèm các dòng «tên thông tin: nội dung» trong cùng tin nhắn');
    expect(await meetingSeq()).toBe(before);
    await h.settle();
    expect(h.emu.botMessages(groupBD.id).filter((m) => m.text?.includes('Họp sai'))).toEqual([]);
  });

  it('refuses a missing title, an unreadable time, a bad link, an unknown key and a stray line', async () => {
    const before = await meetingSeq();
    const reply = await h.ask(clerk, 'private', [
      '/taohop',
      'thời gian: đầu tuần sau',
      'đường dẫn: ftp://example.vn',
      'thời lượng: 0',
      'màu sắc: đỏ',
      'một dòng lạc',
    ].join('\n'));
    expect(reply.text!.split('\n').slice(0, 3)).toEqual([
      'ℹ️ Biểu mẫu chưa hợp lệ, chưa có gì được lưu:',
      '• biểu mẫu không có thông tin «màu sắc»',
      '• dòng «một dòng lạc» không thuộc thông tin nào; mỗi dòng ghi dạng «tên thông tin: nội dung», ví dụ «địa điểm: Hội trường A»',
    ]);
    expect(await meetingSeq()).toBe(before);
    const second = await h.ask(clerk, 'private', ['/taohop', 'thời gian: đầu tuần sau', 'đường dẫn: ftp://example.vn', 'thời lượng: 0'].join('\n'));
    expect(second.text!.split('\n').slice(0, 5)).toEqual([
      'ℹ️ Biểu mẫu chưa hợp lệ, chưa có gì được lưu:',
      '• Tiêu đề: chưa có (bắt buộc)',
      '• Thời gian: thời gian chưa đúng dạng; viết ví dụ 14h00 ngày 15/10, 2 giờ chiều thứ Sáu tuần sau hoặc 8h30 ngày mai',
      '• Thời lượng: cần số phút từ 1 đến 1440 (ví dụ 120 hoặc 1 giờ 30 phút)',
      '• Đường dẫn họp trực tuyến: cần một đường dẫn bắt đầu bằng https://',
    ]);
    expect(await meetingSeq()).toBe(before);
  });

  it('refuses in English for an English secretary', async () => {
    const before = await meetingSeq();
    const reply = await h.ask(engClerk, 'private', `/newmeeting\ntitle: X\nwhen: ${FEB_31}\nunits: ZZ\nreminders: 1 week`);
    expect(reply.text!.split('\n').slice(0, 4)).toEqual([
      'ℹ️ The form is not valid; nothing was saved:',
      '• Time: that date or time does not exist',
      '• Units: no unit ZZ; send /units for the codes',
      '• Reminders: “1 week” is not a reminder time; write e.g. 1 day, 1 hour or 30 minutes, or “none” for no reminders',
    ]);
    expect(reply.text).toContain('To create a meeting, send /newmeeting with “field: value” lines');
    expect(await meetingSeq()).toBe(before);
  });

  it('is for council secretaries only', async () => {
    const before = await meetingSeq();
    expect((await h.ask(lan, 'private', `/taohop\ntiêu đề: X\nthời gian: ${T1.form}`)).text).toBe(
      'ℹ️ Lệnh này chỉ dành cho thư ký. Đồng chí có thể dùng /huongdan để xem các lệnh của mình.',
    );
    expect((await h.ask(stranger, 'private', '/newmeeting')).text).toBe('ℹ️ Lệnh này chỉ dành cho thư ký. Đồng chí có thể dùng /huongdan để xem các lệnh của mình.');
    expect((await h.ask(john, 'private', '/newmeeting')).text).toBe('ℹ️ This command is for secretaries only. Use /help to see your commands.');
    expect((await h.ask(bdClerk, 'private', `/taohop\ntiêu đề: X\nthời gian: ${T1.form}`)).text).toBe('ℹ️ Việc này thuộc thẩm quyền của thư ký HĐND thành phố Hà Nội (đơn vị TP).');
    expect((await h.ask(lan, 'private', '/suahop M1\nđịa điểm: Nhà tôi')).text).toContain('ℹ️ Lệnh này chỉ dành cho thư ký.');
    expect((await h.ask(bdClerk, 'private', '/huyhop M1')).text).toBe('ℹ️ Việc này thuộc thẩm quyền của thư ký HĐND thành phố Hà Nội (đơn vị TP).');
    expect(await meetingSeq()).toBe(before);
    expect((await h.app.svc.store.meetings.get('M1'))?.status).toBe('scheduled');
  });

  it('explains the form when /newmeeting is sent alone in a group', async () => {
    const reply = await h.ask(clerk, groupBD, '/taohop');
    expect(reply.text).toMatch(/^Cách tạo cuộc họp: gửi \/taohop kèm các dòng «tên thông tin: nội dung»/);
    expect(reply.replyTo).toBeDefined();
    expect(await h.app.svc.store.redis.get(h.app.svc.store.keys.pending(clerk.id))).toBeNull();
  });
});

describe('the guided conversation', () => {
  it('asks for each field, re-asks after a bad answer, lets optional fields be skipped, and creates the meeting', async () => {
    const before = await meetingSeq();
    const since = h.emu.botMessages(clerk.id).length;
    h.emu.sendText(clerk, 'private', '/taohop');
    const intro = await h.nextBotMessage(clerk.id, since);
    expect(intro.text).toBe('📅 Tạo cuộc họp mới: đồng chí nhập lần lượt từng thông tin; bấm «Hủy» để dừng bất cứ lúc nào.');
    let q = await h.nextBotMessage(clerk.id, since + 1);
    expect(q.text).toBe('Bước 1/9.\nTiêu đề cuộc họp?');
    expect(q.buttons).toEqual([[{ text: '✖️ Hủy', data: 'wiz:cancel' }]]);

    q = await h.ask(clerk, 'private', 'Giao ban công tác quý IV');
    expect(q.text).toBe('Bước 2/9.\nThời gian bắt đầu? (ví dụ 15/10 14:00)');

    let n = h.emu.botMessages(clerk.id).length;
    h.emu.sendText(clerk, 'private', PAST.form);
    expect((await h.nextBotMessage(clerk.id, n)).text).toBe('ℹ️ Biểu mẫu chưa hợp lệ, chưa có gì được lưu:\n• Thời gian: thời gian đã qua');
    expect((await h.nextBotMessage(clerk.id, n + 1)).text).toBe('Bước 2/9.\nThời gian bắt đầu? (ví dụ 15/10 14:00)');

    q = await h.ask(clerk, 'private', `8h30 ngày ${T4.date}`);
    expect(q.text).toBe('Bước 3/9.\nThời lượng, tính bằng phút? (mặc định 120)');
    expect(q.buttons).toEqual([[{ text: '⏭ Bỏ qua', data: 'wiz:skip' }, { text: '✖️ Hủy', data: 'wiz:cancel' }]]);

    // Skip the duration with the button.
    n = h.emu.botMessages(clerk.id).length;
    await h.emu.pressButton(clerk, q, 'wiz:skip');
    q = await h.nextBotMessage(clerk.id, n);
    expect(q.text).toBe('Bước 4/9.\nĐịa điểm?');
    expect(current(h.emu.botMessages(clerk.id)[n - 1]!).buttons).toEqual([]); // the skipped question lost its buttons

    q = await h.ask(clerk, 'private', 'Hội trường tầng 3');
    expect(q.text).toBe('Bước 5/9.\nĐường dẫn họp trực tuyến?');
    n = h.emu.botMessages(clerk.id).length;
    await h.emu.pressButton(clerk, q, 'wiz:skip');
    q = await h.nextBotMessage(clerk.id, n);
    expect(q.text).toBe('Bước 6/9.\nĐơn vị dự họp? («tất cả» hoặc mã đơn vị, ví dụ BD HK; mặc định tất cả)');

    n = h.emu.botMessages(clerk.id).length;
    h.emu.sendText(clerk, 'private', 'BD QQ');
    expect((await h.nextBotMessage(clerk.id, n)).text).toBe('ℹ️ Biểu mẫu chưa hợp lệ, chưa có gì được lưu:\n• Đơn vị: không có đơn vị QQ; gửi /donvi để xem mã đơn vị');
    await h.nextBotMessage(clerk.id, n + 1);
    q = await h.ask(clerk, 'private', 'bd');
    expect(q.text).toBe('Bước 7/9.\nMã đề án được thảo luận (nếu có)?');
    n = h.emu.botMessages(clerk.id).length;
    await h.emu.pressButton(clerk, q, 'wiz:skip');
    q = await h.nextBotMessage(clerk.id, n);
    expect(q.text).toBe('Bước 8/9.\nNội dung cuộc họp? (mỗi ý một dòng hoặc cách nhau bằng dấu ;)');
    q = await h.ask(clerk, 'private', '1. Kiểm điểm công tác\n2. Kế hoạch quý I');
    expect(q.text).toBe('Bước 9/9.\nNhắc lịch trước bao lâu? (mặc định 1 ngày, 1 giờ trước giờ họp)');

    n = h.emu.botMessages(clerk.id).length;
    h.emu.sendText(clerk, 'private', '2 tuần');
    expect((await h.nextBotMessage(clerk.id, n)).text).toContain('• Nhắc lịch: «2 tuần» chưa đúng cách ghi');
    await h.nextBotMessage(clerk.id, n + 1);
    expect(await meetingSeq()).toBe(before);

    const done = await h.ask(clerk, 'private', '2 ngày, 3h');
    const id = `M${before + 1}`;
    expect(done.text).toBe(`✅ Đã tạo cuộc họp ${id}, họp lúc ${T4.vi}. Thông báo được gửi tới 1 nhóm. Sửa: /suahop ${id} · Hủy: /huyhop ${id}${dayOffNote(T4.ms)}`);
    expect(await h.app.svc.store.meetings.get(id)).toMatchObject({
      title: 'Giao ban công tác quý IV',
      startsAt: T4.ms,
      durationMin: 120,
      place: 'Hội trường tầng 3',
      units: ['BD'],
      agenda: ['Kiểm điểm công tác', 'Kế hoạch quý I'],
      remindersMs: [2 * DAY, 3 * HOUR],
    });
    expect((await h.app.svc.store.meetings.get(id))?.link).toBeUndefined();
    await h.emu.waitFor(() => announcementIn(groupBD, id), { what: 'announcement of the guided meeting' });
    expect(await h.app.svc.store.redis.get(h.app.svc.store.keys.pending(clerk.id))).toBeNull();
    // The conversation is over: ordinary text is no longer taken as an answer.
    const after = h.emu.botMessages(clerk.id).length;
    h.emu.sendText(clerk, 'private', 'cảm ơn');
    await h.settle();
    expect(h.emu.botMessages(clerk.id).slice(after).some((m) => m.text?.startsWith('Bước'))).toBe(false);
    expect(await meetingSeq()).toBe(before + 1);
  });

  it('is cancelled with the Cancel button, saving nothing, in English too', async () => {
    const before = await meetingSeq();
    const since = h.emu.botMessages(engClerk.id).length;
    h.emu.sendText(engClerk, 'private', '/newmeeting');
    expect((await h.nextBotMessage(engClerk.id, since)).text).toBe('📅 New meeting: please give each field in turn; press Cancel at any time.');
    expect((await h.nextBotMessage(engClerk.id, since + 1)).text).toBe("Step 1/9.\nThe meeting's title?");
    const q = await h.ask(engClerk, 'private', 'Never held');
    expect(q.text).toBe('Step 2/9.\nWhen does it start? (e.g. 15/10 14:00)');
    expect(q.buttons).toEqual([[{ text: '✖️ Cancel', data: 'wiz:cancel' }]]);
    const n = h.emu.botMessages(engClerk.id).length;
    expect(await h.emu.pressButton(engClerk, q, 'wiz:cancel')).toEqual({});
    expect((await h.nextBotMessage(engClerk.id, n)).text).toBe('✖️ Cancelled; nothing was saved.');
    expect(current(q).buttons).toEqual([]);
    h.emu.sendText(engClerk, 'private', T1.form);
    await h.settle();
    expect(h.emu.botMessages(engClerk.id).slice(n).map((m) => m.text)).not.toContain('Step 3/9.\nDuration in minutes? (default 120)');
    expect(await meetingSeq()).toBe(before);
  });
});

describe('answering the announcement', () => {
  it('records attend and absent from group buttons, and lets a member change the answer', async () => {
    expect(await h.emu.pressButton(lan, annBD, 'rsvp:M1:yes')).toEqual({ text: '✅ Đã ghi nhận: đồng chí tham dự cuộc họp M1.' });
    expect(await h.emu.pressButton(hung, annBD, 'rsvp:M1:no')).toEqual({ text: '✅ Đã ghi nhận: đồng chí vắng mặt tại cuộc họp M1.' });
    expect(await h.emu.pressButton(john, annBD, 'rsvp:M1:yes')).toEqual({ text: '✅ Noted: you will attend meeting M1.' });
    expect(await h.emu.pressButton(hkDel, annHK, 'rsvp:M1:no')).toEqual({ text: '✅ Đã ghi nhận: đồng chí vắng mặt tại cuộc họp M1.' });
    // Hùng changes his mind.
    expect(await h.emu.pressButton(hung, annBD, 'rsvp:M1:yes')).toEqual({ text: '✅ Đã ghi nhận: đồng chí tham dự cuộc họp M1.' });
    const rsvps = await h.app.svc.store.meetings.rsvps('M1');
    expect(Object.fromEntries([...rsvps].map(([id, r]) => [id, [r.answer, r.unit, r.name]]))).toEqual({
      [lan.id]: ['yes', 'BD', 'Nguyễn Thị Lan'],
      [hung.id]: ['yes', 'BD', 'Phạm Quốc Hùng'],
      [john.id]: ['yes', 'BD', 'John Nguyen'],
      [hkDel.id]: ['no', 'HK', 'Hoàng Minh'],
    });
    expect(await h.app.svc.store.meetings.counts('M1')).toEqual({ yes: 3, no: 1, sub: 0 });
  });

  it('edits the counts into every announcement, coalescing a burst of answers', async () => {
    const counts = 'Đã trả lời: 3 tham dự · 1 vắng · 0 cử người dự thay · 2 chưa trả lời';
    const bd = await h.emu.waitFor(() => current(annBD).text?.endsWith(counts) && current(annBD), { what: 'counts in BD', timeout: 8000 });
    const hk = await h.emu.waitFor(() => current(annHK).text?.endsWith(counts) && current(annHK), { what: 'counts in HK', timeout: 8000 });
    expect(bd.text).toBe([...ANN_M1, counts].join('\n'));
    expect(bd.buttons).toEqual(BUTTONS_M1);
    expect(hk.text).toBe(bd.text);
    await h.settle();
    // Five presses within a second or two: one edit per group, two at most.
    expect(current(annBD).edits).toBeGreaterThanOrEqual(1);
    expect(current(annBD).edits).toBeLessThanOrEqual(2);
    expect(current(annHK).edits).toBeLessThanOrEqual(2);
  });

  it("refuses an outsider's press with an alert and changes nothing", async () => {
    const editsBefore = current(annBD).edits;
    expect(await h.emu.pressButton(stranger, annBD, 'rsvp:M1:yes')).toEqual({
      text: 'ℹ️ Cuộc họp này dành cho thành viên các đơn vị được mời; đồng chí không thuộc các đơn vị đó. Nếu là đại biểu của đơn vị được mời, đồng chí liên hệ thư ký đơn vị để nhận đường dẫn mời.',
      show_alert: true,
    });
    // A council secretary is not a member of BD or HK either.
    expect(await h.emu.pressButton(engClerk, annBD, 'rsvp:M1:no')).toEqual({
      text: 'ℹ️ This meeting is for members of the invited units; you are not a member of those units. If you are a delegate of one of them, ask its secretary for an invite link.',
      show_alert: true,
    });
    // A forged payload for a meeting that does not exist.
    expect(await h.emu.pressButton(lan, annBD, 'rsvp:M99:yes')).toEqual({ text: 'ℹ️ Không có cuộc họp «M99». Gửi /lichhop để xem các cuộc họp sắp tới.', show_alert: true });
    await h.settle();
    expect((await h.app.svc.store.meetings.rsvps('M1')).has(stranger.id)).toBe(false);
    expect((await h.app.svc.store.meetings.rsvps('M1')).has(engClerk.id)).toBe(false);
    expect(await h.app.svc.store.meetings.counts('M1')).toEqual({ yes: 3, no: 1, sub: 0 });
    expect(current(annBD).edits).toBe(editsBefore);
  });

  it('asks privately for the name of a substitute and records it', async () => {
    const n = h.emu.botMessages(lan.id).length;
    expect(await h.emu.pressButton(lan, annBD, 'rsvp:M1:sub')).toEqual({ text: '✅ Đã ghi nhận. Đồng chí vui lòng gửi họ tên người dự thay trong tin nhắn riêng với hệ thống.' });
    expect((await h.nextBotMessage(lan.id, n)).text).toBe('👤 Đồng chí vui lòng gửi họ tên, chức vụ người dự thay cuộc họp M1 trong tin nhắn tiếp theo.');
    expect((await h.ask(lan, 'private', 'Trần Văn Nam, Phó Chủ tịch <HĐND> phường')).text).toBe(
      '✅ Đã ghi nhận: Trần Văn Nam, Phó Chủ tịch <HĐND> phường dự thay đồng chí tại cuộc họp M1.',
    );
    expect(await h.app.svc.store.meetings.rsvpOf('M1', lan.id)).toMatchObject({ answer: 'sub', sub: 'Trần Văn Nam, Phó Chủ tịch <HĐND> phường', unit: 'BD' });
    // The name was taken once: the next private text is not a substitute's name.
    const after = h.emu.botMessages(lan.id).length;
    h.emu.sendText(lan, 'private', 'Xin cảm ơn');
    await h.settle();
    expect(h.emu.botMessages(lan.id).slice(after).some((m) => m.text?.includes('dự thay'))).toBe(false);
    expect((await h.app.svc.store.meetings.rsvpOf('M1', lan.id))?.sub).toBe('Trần Văn Nam, Phó Chủ tịch <HĐND> phường');
    await h.emu.waitFor(() => current(annBD).text?.endsWith('Đã trả lời: 2 tham dự · 1 vắng · 1 cử người dự thay · 2 chưa trả lời'), { what: 'sub counted', timeout: 8000 });
  });

  it('tells someone with no private chat to use the command for the name', async () => {
    expect(await h.emu.pressButton(quiet, annBD, 'rsvp:M1:sub')).toEqual({
      text: 'Đã ghi nhận đồng chí cử người dự thay. Để ghi họ tên người dự thay, gửi: /dangky M1 duthay Họ tên',
      show_alert: true,
    });
    expect((await h.app.svc.store.meetings.rsvpOf('M1', quiet.id))?.answer).toBe('sub');
  });
});

describe('/rsvp', () => {
  it('answers in text, in private and in a group, with Vietnamese words', async () => {
    expect((await h.ask(quiet, groupBD, '/dangky M1 duthay Lê Thị Mai')).text).toBe('✅ Đã ghi nhận: Lê Thị Mai dự thay đồng chí tại cuộc họp M1.');
    expect(await h.app.svc.store.meetings.rsvpOf('M1', quiet.id)).toMatchObject({ answer: 'sub', sub: 'Lê Thị Mai' });
    const inGroup = await h.ask(hung, groupBD, '/dangky m1 vang');
    expect(inGroup.text).toBe('✅ Đã ghi nhận: đồng chí vắng mặt tại cuộc họp M1.');
    expect(inGroup.replyTo).toBeDefined();
    expect((await h.ask(hkDel, 'private', '/dangky M1 co')).text).toBe('✅ Đã ghi nhận: đồng chí tham dự cuộc họp M1.');
    expect((await h.app.svc.store.meetings.rsvpOf('M1', hung.id))?.answer).toBe('no');
    expect((await h.app.svc.store.meetings.rsvpOf('M1', hkDel.id))?.answer).toBe('yes');
  });

  it('answers in English, and asks for the name when it is missing', async () => {
    expect((await h.ask(john, 'private', '/rsvp M1 no')).text).toBe('✅ Noted: you will be absent from meeting M1.');
    expect((await h.ask(john, 'private', '/rsvp M1 sub')).text).toBe(
      '✅ Noted: you are sending a substitute to meeting M1.\n👤 Please send the name and position of the person attending meeting M1 in your place, in your next message.',
    );
    expect((await h.ask(john, 'private', 'Jane Doe, deputy head')).text).toBe('✅ Noted: Jane Doe, deputy head will attend meeting M1 in your place.');
    expect(await h.app.svc.store.meetings.rsvpOf('M1', john.id)).toMatchObject({ answer: 'sub', sub: 'Jane Doe, deputy head' });
  });

  it('refuses a bad form, an unknown meeting and an outsider', async () => {
    const usage = 'ℹ️ Lệnh chưa đúng mẫu. Cách dùng: /dangky M‹số› co|vang|duthay [họ tên người dự thay]\nVí dụ: /dangky M3 duthay Nguyễn Văn A, Phó Chủ tịch HĐND';
    expect((await h.ask(lan, 'private', '/dangky')).text).toBe(usage);
    expect((await h.ask(lan, 'private', '/dangky M1')).text).toBe(usage);
    expect((await h.ask(lan, 'private', '/dangky M1 maybe')).text).toBe(usage);
    expect((await h.ask(john, 'private', '/rsvp M1')).text).toBe("ℹ️ Wrong form. Usage: /rsvp M‹n› yes|no|sub [substitute's name]\nExample: /rsvp M3 sub Nguyen Van A, Vice Chair");
    expect((await h.ask(lan, 'private', '/dangky M42 co')).text).toBe('ℹ️ Không có cuộc họp «M42». Gửi /lichhop để xem các cuộc họp sắp tới.');
    expect((await h.ask(lan, 'private', '/dangky <b>x</b> co')).text).toBe('ℹ️ Không có cuộc họp «<b>x</b>». Gửi /lichhop để xem các cuộc họp sắp tới.');
    // Someone who is no member at all is refused before the meeting is looked at.
    expect((await h.ask(stranger, 'private', '/dangky M1 co')).text).toBe('ℹ️ Lệnh này chỉ dành cho thành viên đã đăng ký. Đồng chí cần đường dẫn mời từ thư ký đơn vị.');
    expect((await h.ask(hkDel, 'private', '/dangky M4 co')).text).toBe('ℹ️ Cuộc họp này dành cho thành viên các đơn vị được mời; đồng chí không thuộc các đơn vị đó. Nếu là đại biểu của đơn vị được mời, đồng chí liên hệ thư ký đơn vị để nhận đường dẫn mời.'); // M4 is BD only
    expect((await h.app.svc.store.meetings.rsvps('M1')).has(stranger.id)).toBe(false);
    expect((await h.app.svc.store.meetings.rsvpOf('M1', lan.id))?.answer).toBe('sub');
  });
});

describe('/meetings and /meeting', () => {
  it('lists upcoming meetings the caller is concerned by, with the caller’s answer', async () => {
    const list = await h.ask(lan, 'private', '/lichhop');
    expect(list.text).toBe([
      '📅 Các cuộc họp sắp tới:',
      `• M1 · ${T1.vi} · Giao ban trực tuyến quý III <Hà Nội> · cử người dự thay: Trần Văn Nam, Phó Chủ tịch <HĐND> phường`,
      `• M2 · ${T2.vi} · Budget hearing · chưa trả lời`,
      `• M4 · ${T4.vi} · Giao ban công tác quý IV · chưa trả lời`,
    ].join('\n'));
    const en = await h.ask(john, 'private', '/meetings');
    expect(en.text!.split('\n').slice(0, 2)).toEqual([
      '📅 Upcoming meetings:',
      `• M1 · ${T1.en} · Giao ban trực tuyến quý III <Hà Nội> · sending a substitute: Jane Doe, deputy head`,
    ]);
    // HK sees M1, M2 (all units) and M3 (HK), not M4 (BD only).
    expect((await h.ask(hkDel, 'private', '/lichhop')).text!.split('\n').map((l) => l.split(' · ')[0])).toEqual(['📅 Các cuộc họp sắp tới:', '• M1', '• M3', '• M2']);
    expect((await h.ask(stranger, 'private', '/lichhop')).text).toBe('ℹ️ Lệnh này chỉ dành cho thành viên đã đăng ký. Đồng chí cần đường dẫn mời từ thư ký đơn vị.');
  });

  it('shows a delegate the details and their own answer', async () => {
    const d = await h.ask(hung, 'private', '/cuochop m1');
    expect(d.text).toBe([
      '📅 CUỘC HỌP M1',
      ...ANN_M1.slice(1, -1),
      'Đã trả lời: 1 tham dự · 1 vắng · 3 cử người dự thay · 1 chưa trả lời',
      'Trả lời của đồng chí: vắng. Trả lời: /dangky M1 co|vang|duthay',
    ].join('\n'));
    await h.settle();
    expect(h.emu.lastBotMessage(hung.id)?.message_id).toBe(d.message_id); // no roster for a delegate
    const en = await h.ask(john, 'private', '/meeting M1');
    expect(en.text!.split('\n')[0]).toBe('📅 MEETING M1');
    expect(en.text).toContain(`\n🕑 ${T1.en} (120 minutes)\n`);
    expect(en.text).toContain('\nAnswers: 1 attending · 1 absent · 3 substitute · 1 not answered\n');
    expect(en.text).toContain('\nYour answer: sending a substitute: Jane Doe, deputy head. Answer with: /rsvp M1 yes|no|sub');
  });

  it('shows a council secretary who answered what and who has not, by unit; privately when asked in a group', async () => {
    const n = h.emu.botMessages(clerk.id).length;
    const d = await h.ask(clerk, groupBD, '/cuochop M1');
    expect(d.text).toMatch(/^📅 CUỘC HỌP M1\n/);
    expect(d.text).toContain('Trả lời của đồng chí: chưa trả lời.');
    const roster = await h.nextBotMessage(clerk.id, n);
    expect(roster.text).toBe([
      '👥 Trả lời cuộc họp M1 theo đơn vị:',
      'BD: 4/5 đã trả lời',
      '  • John Nguyen: cử người dự thay: Jane Doe, deputy head',
      '  • Nguyễn Thị Lan: cử người dự thay: Trần Văn Nam, Phó Chủ tịch <HĐND> phường',
      '  • Phạm Quốc Hùng: vắng',
      '  • Vũ Thị Chưa: cử người dự thay: Lê Thị Mai',
      '  ⏳ Chưa trả lời: Lê Văn Bình',
      'HK: 1/1 đã trả lời',
      '  • Hoàng Minh: tham dự',
    ].join('\n'));
    await h.emu.waitForBotMessage(groupBD.id, '📩 Nội dung đã được gửi vào tin nhắn riêng của đồng chí.');
    // A unit secretary sees only their own unit's roster.
    const m = h.emu.botMessages(bdClerk.id).length;
    await h.ask(bdClerk, 'private', '/cuochop M1');
    const bdRoster = await h.nextBotMessage(bdClerk.id, m + 1);
    expect(bdRoster.text).toContain('BD: 4/5 đã trả lời');
    expect(bdRoster.text).not.toContain('HK:');
    // In English for an English secretary.
    const k = h.emu.botMessages(engClerk.id).length;
    await h.ask(engClerk, 'private', '/meeting M1');
    const enRoster = await h.nextBotMessage(engClerk.id, k + 1);
    expect(enRoster.text!.split('\n').slice(0, 3)).toEqual(['👥 Answers to meeting M1 by unit:', 'BD: 4/5 answered', '  • John Nguyen: sending a substitute: Jane Doe, deputy head']);
    expect(enRoster.text).toContain('  ⏳ Not answered: Lê Văn Bình');
  });

  it('refuses unknown, missing and unconcerned meetings', async () => {
    expect((await h.ask(lan, 'private', '/cuochop')).text).toBe('ℹ️ Thiếu mã cuộc họp (ví dụ M3). Gửi /lichhop để xem các cuộc họp sắp tới.');
    expect((await h.ask(lan, 'private', '/cuochop M77')).text).toBe('ℹ️ Không có cuộc họp «M77». Gửi /lichhop để xem các cuộc họp sắp tới.');
    expect((await h.ask(lan, 'private', '/cuochop M3')).text).toBe('ℹ️ Không có cuộc họp «M3». Gửi /lichhop để xem các cuộc họp sắp tới.'); // HK only
    expect((await h.ask(john, 'private', '/meeting M77')).text).toBe('ℹ️ There is no meeting “M77”. Send /meetings for upcoming meetings.');
    expect((await h.ask(stranger, 'private', '/cuochop M1')).text).toContain('ℹ️ Lệnh này chỉ dành cho thành viên đã đăng ký.');
  });
});

/** The .ics the bot sent as a document, unfolded into lines. */
async function icsOf(user: User, command: string): Promise<{ msg: EmuMessage; lines: string[]; raw: string }> {
  const msg = await h.ask(user, 'private', command);
  expect(msg.document).toBeDefined();
  const raw = h.emu.file(msg.document!.file_id)!.data.toString('utf8');
  return { msg, raw, lines: raw.replace(/\r\n /g, '').split('\r\n') };
}

describe('/ics', () => {
  it('sends a valid calendar file with the right instant and time zone', async () => {
    const { msg, lines, raw } = await icsOf(lan, '/lich M1');
    expect(msg.document!.file_name).toBe('M1.ics');
    expect(msg.caption).toBe('📅 Lịch cuộc họp M1: mở tệp để thêm vào lịch của đồng chí.');
    expect(raw.endsWith('\r\n')).toBe(true);
    for (const l of raw.split('\r\n')) expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines).toContain('TZID:Asia/Ho_Chi_Minh');
    expect(lines).toContain('TZOFFSETTO:+0700');
    expect(lines).toContain(`DTSTART;TZID=Asia/Ho_Chi_Minh:${T1.ics}`);
    expect(lines).toContain(`DTEND;TZID=Asia/Ho_Chi_Minh:${T1_END.ics}`);
    expect(lines).toContain('SUMMARY:M1 · Giao ban trực tuyến quý III <Hà Nội>');
    expect(lines).toContain('LOCATION:Trụ sở HĐND Thành phố');
    expect(lines).toContain('URL:https://meet.example.vn/giaoban');
    expect(lines).toContain('STATUS:CONFIRMED');
    expect(lines).toContain('SEQUENCE:0');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
    expect(lines.at(-2)).toBe('END:VCALENDAR');
    expect(lines.find((l) => l.startsWith('UID:'))).toMatch(/^UID:M1-\d+@giaoban_test_bot$/);
  });

  it('writes a meeting just after midnight on its own day', async () => {
    const { lines } = await icsOf(hkDel, '/lich M3');
    expect(lines).toContain(`DTSTART;TZID=Asia/Ho_Chi_Minh:${T3.ics}`);
    expect(lines).toContain(`DTEND;TZID=Asia/Ho_Chi_Minh:${T3_END.ics}`);
  });

  it('captions in English and refuses what the caller may not see', async () => {
    const { msg } = await icsOf(john, '/ics M1');
    expect(msg.caption).toBe('📅 Meeting M1 as a calendar file: open it to add it to your calendar.');
    expect((await h.ask(lan, 'private', '/lich M3')).text).toBe('ℹ️ Không có cuộc họp «M3». Gửi /lichhop để xem các cuộc họp sắp tới.');
    expect((await h.ask(lan, 'private', '/lich')).text).toBe('ℹ️ Thiếu mã cuộc họp (ví dụ M3). Gửi /lichhop để xem các cuộc họp sắp tới.');
    expect((await h.ask(stranger, 'private', '/lich M1')).text).toContain('ℹ️ Lệnh này chỉ dành cho thành viên đã đăng ký.');
  });
});

describe('/editmeeting', () => {
  it('edits the announcements in place, tells the groups what changed and moves the reminders', async () => {
    const nBD = h.emu.botMessages(groupBD.id).length;
    const nHK = h.emu.botMessages(groupHK.id).length;
    const reply = await h.ask(clerk, 'private', `/suahop M1\nthời gian: ${T1_MOVED.form}\nđịa điểm: Hội trường <B>\nnhắc: 2h`);
    const notice = [
      `🔁 Cuộc họp M1 thay đổi thời gian: ${T1.vi} → ${T1_MOVED.vi}.`,
      '🔁 Cuộc họp M1 thay đổi địa điểm: Trụ sở HĐND Thành phố → Hội trường <B>.',
      '🔁 Cuộc họp M1 thay đổi nhắc lịch: 1 ngày, 1 giờ → 2 giờ.',
    ].join('\n');
    expect(reply.text).toBe(`${notice}\n✅ Đã cập nhật cuộc họp M1: thông báo trong các nhóm được sửa, các nhóm nhận tin về thay đổi, lịch nhắc được điều chỉnh.${dayOffNote(T1_MOVED.ms)}`);
    expect((await h.nextBotMessage(groupBD.id, nBD)).text).toBe(notice);
    expect((await h.nextBotMessage(groupHK.id, nHK)).text).toBe(notice);
    const m = await h.app.svc.store.meetings.get('M1');
    expect(m).toMatchObject({ startsAt: T1_MOVED.ms, place: 'Hội trường <B>', remindersMs: [2 * HOUR], version: 2, status: 'scheduled' });

    const edited = await h.emu.waitFor(() => current(annBD).text?.includes(T1_MOVED.vi) && current(annBD), { what: 'announcement edited', timeout: 8000 });
    expect(edited.message_id).toBe(annBD.message_id);
    expect(edited.text!.split('\n').slice(2, 4)).toEqual([`🕑 ${T1_MOVED.vi} (120 phút)`, '📍 Hội trường <B> · Trực tuyến: https://meet.example.vn/giaoban']);
    expect(edited.buttons).toEqual(BUTTONS_M1);
    await h.emu.waitFor(() => current(annHK).text?.includes(T1_MOVED.vi), { what: 'HK announcement edited', timeout: 8000 });
    // No second announcement was posted.
    await h.settle();
    expect(h.emu.botMessages(groupBD.id).filter((x) => x.text?.startsWith('📅 THÔNG BÁO CUỘC HỌP M1'))).toHaveLength(1);

    expect(await jobState(`remind-M1-v1-${DAY}`)).toBeUndefined();
    expect(await jobState(`remind-M1-v1-${HOUR}`)).toBeUndefined();
    const moved = await h.app.queues.tasks.getJob(`remind-M1-v2-${2 * HOUR}`);
    expect(await moved?.getState()).toBe('delayed');
    expect(moved!.timestamp + moved!.opts.delay!).toBeCloseTo(m!.startsAt - 2 * HOUR, -3);
    // Answers survive an edit.
    expect((await h.app.svc.store.meetings.rsvpOf('M1', hung.id))?.answer).toBe('no');
  });

  it('tells an English secretary what changed in English; the groups read Vietnamese', async () => {
    const n = h.emu.botMessages(groupHK.id).length;
    const reply = await h.ask(engClerk, 'private', '/editmeeting M2\nduration: 60\ntitle: Budget hearing, second reading');
    expect(reply.text).toBe([
      '🔁 Meeting M2: duration changed: 90 minutes → 60 minutes.',
      '🔁 Meeting M2: title changed: Budget hearing → Budget hearing, second reading.',
      '✅ Meeting M2 updated: the announcements were edited, the groups were told what changed, and the reminders were moved.',
    ].join('\n'));
    expect((await h.nextBotMessage(groupHK.id, n)).text).toBe('🔁 Cuộc họp M2 thay đổi thời lượng: 90 phút → 60 phút.\n🔁 Cuộc họp M2 thay đổi tiêu đề: Budget hearing → Budget hearing, second reading.');
  });

  it('posts the announcement to a unit added by an edit', async () => {
    const m3before = h.emu.botMessages(groupBD.id).length;
    await h.ask(clerk, 'private', '/suahop M3\nđơn vị: HK, BD');
    const ann = await h.emu.waitFor(() => announcementIn(groupBD, 'M3'), { what: 'M3 announced to BD' });
    expect(ann.text).toContain('Đã trả lời: 0 tham dự · 0 vắng · 0 cử người dự thay · 6 chưa trả lời');
    expect(h.emu.botMessages(groupBD.id).slice(m3before).map((x) => x.text?.split('\n')[0])).toContain('🔁 Cuộc họp M3 thay đổi đơn vị: HK → HK, BD.');
  });

  it('refuses bad edits, changing nothing', async () => {
    const before = await h.app.svc.store.meetings.get('M1');
    expect((await h.ask(clerk, 'private', '/suahop M1\nđịa điểm: Hội trường <B>')).text).toBe('ℹ️ Biểu mẫu không thay đổi gì ở cuộc họp M1: các giá trị trùng với hiện tại. Đồng chí ghi giá trị mới cho thông tin cần đổi.');
    const bad = await h.ask(clerk, 'private', `/suahop M1\nthời gian: ${PAST.form}\nnhắc: 1x\nđơn vị: ZZ`);
    expect(bad.text!.split('\n').slice(0, 4)).toEqual([
      'ℹ️ Biểu mẫu chưa hợp lệ, chưa có gì được lưu:',
      '• Thời gian: thời gian đã qua',
      '• Đơn vị: không có đơn vị ZZ; gửi /donvi để xem mã đơn vị',
      '• Nhắc lịch: «1x» chưa đúng cách ghi; ví dụ 1 ngày, 1 giờ hoặc 30 phút, hoặc «không» nếu không cần nhắc',
    ]);
    expect(bad.text).toContain('Cách sửa: /suahop M1 kèm các dòng «tên thông tin: nội dung» cần đổi');
    expect((await h.ask(clerk, 'private', '/suahop M1')).text).toMatch(/^Cách sửa: \/suahop M1 kèm/);
    expect((await h.ask(clerk, 'private', '/suahop')).text).toBe('ℹ️ Thiếu mã cuộc họp (ví dụ M3). Gửi /lichhop để xem các cuộc họp sắp tới.');
    expect((await h.ask(clerk, 'private', '/suahop M404\nđịa điểm: X')).text).toBe('ℹ️ Không có cuộc họp «M404». Gửi /lichhop để xem các cuộc họp sắp tới.');
    expect(await h.app.svc.store.meetings.get('M1')).toEqual(before);
    expect(await jobState(`remind-M1-v2-${2 * HOUR}`)).toBe('delayed');
  });
});

describe('/cancelmeeting', () => {
  it('marks the announcements cancelled, posts a notice and removes the reminders', async () => {
    const nBD = h.emu.botMessages(groupBD.id).length;
    const reply = await h.ask(clerk, 'private', '/huyhop M1 Trùng lịch tiếp xúc cử tri');
    expect(reply.text).toBe('✅ Đã hủy cuộc họp M1; các nhóm đã được báo, lịch nhắc đã được gỡ.');
    const notice = '🚫 Cuộc họp M1 «Giao ban trực tuyến quý III <Hà Nội>» đã bị hủy.\nLý do: Trùng lịch tiếp xúc cử tri';
    expect((await h.nextBotMessage(groupBD.id, nBD)).text).toBe(notice);
    await h.emu.waitForBotMessage(groupHK.id, notice);
    expect(await h.app.svc.store.meetings.get('M1')).toMatchObject({ status: 'cancelled', cancelReason: 'Trùng lịch tiếp xúc cử tri', version: 3 });
    expect(await jobState(`remind-M1-v2-${2 * HOUR}`)).toBeUndefined();

    const ann = await h.emu.waitFor(() => current(annBD).text?.startsWith('🚫') && current(annBD), { what: 'announcement cancelled', timeout: 8000 });
    expect(ann.text).toBe([
      '🚫 CUỘC HỌP M1 ĐÃ BỊ HỦY',
      'Giao ban trực tuyến quý III <Hà Nội>',
      `🕑 ${T1_MOVED.vi} (120 phút)`,
      '📍 Hội trường <B> · Trực tuyến: https://meet.example.vn/giaoban',
      '📄 Thảo luận dự thảo Đề án DA-01',
      '📋 Nội dung:',
      '1. Báo cáo tổng kết',
      '2. Thảo luận dự thảo Đề án',
      'Lý do: Trùng lịch tiếp xúc cử tri',
    ].join('\n'));
    expect(ann.buttons).toEqual([]);
    await h.emu.waitFor(() => current(annHK).text?.startsWith('🚫 CUỘC HỌP M1 ĐÃ BỊ HỦY'), { what: 'HK announcement cancelled', timeout: 8000 });
  });

  it('closes answers and further edits, hides it from /meetings and marks the .ics cancelled', async () => {
    // A press on a stale keyboard (as a client might still show it).
    expect(await h.emu.pressButton(hung, annBD, 'rsvp:M1:yes')).toEqual({ text: 'ℹ️ Cuộc họp M1 đã bị hủy nên không cần trả lời.', show_alert: true });
    expect((await h.ask(john, 'private', '/rsvp M1 yes')).text).toBe('ℹ️ Meeting M1 was cancelled; no answer is needed.');
    expect((await h.app.svc.store.meetings.rsvpOf('M1', hung.id))?.answer).toBe('no');
    expect((await h.ask(clerk, 'private', '/huyhop M1')).text).toBe('ℹ️ Cuộc họp M1 đã bị hủy.');
    expect((await h.ask(clerk, 'private', '/suahop M1\nđịa điểm: X')).text).toBe('ℹ️ Cuộc họp M1 đã bị hủy.');
    expect((await h.ask(lan, 'private', '/lichhop')).text).not.toContain('M1');
    expect((await h.ask(lan, 'private', '/cuochop M1')).text).toMatch(/^🚫 CUỘC HỌP M1 ĐÃ BỊ HỦY\n/);
    const { lines } = await icsOf(lan, '/lich M1');
    expect(lines).toContain('STATUS:CANCELLED');
    expect(lines).toContain('SEQUENCE:2');
  });

  it('cancels without a reason, in English, and refuses a missing or unknown id', async () => {
    const n = h.emu.botMessages(groupHK.id).length;
    expect((await h.ask(engClerk, 'private', '/cancelmeeting M2')).text).toBe('✅ Meeting M2 cancelled; the groups were told and its reminders removed.');
    expect((await h.nextBotMessage(groupHK.id, n)).text).toBe('🚫 Cuộc họp M2 «Budget hearing, second reading» đã bị hủy.');
    expect((await h.ask(engClerk, 'private', '/cancelmeeting')).text).toBe("ℹ️ The meeting's code is missing (e.g. M3). Send /meetings for upcoming meetings.");
    expect((await h.ask(engClerk, 'private', '/cancelmeeting M9')).text).toBe('ℹ️ There is no meeting “M9”. Send /meetings for upcoming meetings.');
  });
});

describe('a burst of answers under Telegram limits', () => {
  it('is coalesced into a few edits of the announcement, with no 429', async () => {
    h.emu.setLimits(TELEGRAM_LIMITS);
    await h.app.svc.store.units.upsert('ST', 'Thị xã Sơn Tây');
    const group = await linked('Thường trực HĐND thị xã Sơn Tây', 'ST');
    const people: User[] = [];
    for (let i = 0; i < 30; i++) {
      const u = h.emu.user({ first_name: `Đại biểu Sơn Tây ${i + 1}` });
      await member(u, 'delegate', 'ST');
      people.push(u);
    }
    const reply = await h.ask(clerk, 'private', `/taohop\ntiêu đề: Họp Sơn Tây\nthời gian: ${T_ST.form}\nđơn vị: ST\nnhắc: không`);
    const id = /cuộc họp (M\d+)/.exec(reply.text!)![1]!;
    const ann = await h.emu.waitFor(() => announcementIn(group, id), { what: 'announcement in ST' });
    await h.settle();
    const answers = ['yes', 'no', 'sub'] as const;
    const alerts = await Promise.all(people.map((p, i) => h.emu.pressButton(p, ann, `rsvp:${id}:${answers[i % 3]}`)));
    expect(alerts.every((a) => a?.text?.startsWith('✅') || a?.text?.startsWith('Đã ghi nhận'))).toBe(true);
    await h.emu.waitFor(() => current(ann).text?.endsWith('Đã trả lời: 10 tham dự · 10 vắng · 10 cử người dự thay · 0 chưa trả lời'), { what: 'final counts', timeout: 10_000 });
    await h.settle();
    expect(current(ann).edits).toBeLessThanOrEqual(3);
    expect(h.emu.stats().errors429).toBe(0);
    expect(await h.app.svc.store.meetings.counts(id)).toEqual({ yes: 10, no: 10, sub: 10 });
  });
});

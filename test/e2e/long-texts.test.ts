import { TZDate } from '@date-fns/tz';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bot, GrammyError, InputFile } from 'grammy';
import type { Chat, User } from 'grammy/types';
import { formatDateTime } from '#root/domain/time.js';
import { addMember, linkedGroup } from '#test/support/seed.js';
import { dayOffNote } from '#test/support/dates.js';
import { startHarness, type Harness } from '#test/support/harness.js';
import type { EmuMessage } from '#test/support/emulator.js';

/**
 * Nothing Telegram would refuse is sent (issue 10): every text the bot writes fits 4,096
 * characters as Telegram counts them (after HTML parsing), with every form field at its
 * maximum. Long texts go in parts, in order, split on line boundaries (or at a space inside a
 * line longer than a message), buttons on the last part only, nothing lost; fields that have
 * no business being long are refused at the form, naming the field and its maximum. Every
 * piece of user input is shown literally, never as markup.
 */
let h: Harness;
let clerk: User; // secretary of TP: council-wide
let engClerk: User; // secretary of TP, in English
let lan: User; // delegate of BD
let hung: User; // delegate of HK
let groupBD: Chat;
let groupHK: Chat;

const LIMIT = 4096;

beforeAll(async () => {
  h = await startHarness({ env: { FLOOD_LIMIT: '1000' } });
  const { units } = h.app.svc.store;
  for (const [code, name] of [['TP', 'HĐND Thành phố Hà Nội'], ['BD', 'Quận Ba Đình'], ['HK', 'Quận Hoàn Kiếm']] as const) await units.upsert(code, name);
  clerk = h.emu.user({ first_name: 'Trần Thị', last_name: 'Hoa', language_code: 'vi', privateOpen: true });
  engClerk = h.emu.user({ first_name: 'Mary', last_name: 'Tran', language_code: 'en', privateOpen: true });
  lan = h.emu.user({ first_name: 'Nguyễn Thị', last_name: 'Lan', privateOpen: true });
  hung = h.emu.user({ first_name: 'Phạm Quốc', last_name: 'Hùng', privateOpen: true });
  await addMember(h, clerk, 'secretary', 'TP');
  await addMember(h, engClerk, 'secretary', 'TP');
  await addMember(h, lan, 'delegate', 'BD');
  await addMember(h, hung, 'delegate', 'HK');
  await h.app.svc.store.proposals.create({
    v: 1, code: 'DA-01', title: 'Nâng cao năng lực, hiệu lực, hiệu quả hoạt động của HĐND các cấp', sections: [],
    deadline: Date.now() + 60 * 86_400_000, units: 'all', version: 1, createdBy: clerk.id, createdAt: Date.now(),
  });
  groupBD = await linkedGroup(h, 'Thường trực HĐND quận Ba Đình', 'BD', clerk);
  groupHK = await linkedGroup(h, 'Thường trực HĐND quận Hoàn Kiếm', 'HK', clerk);
});
afterAll(() => h.stop());

/** `seed` repeated between spaces up to exactly `n` characters, ending on a letter. */
function fill(seed: string, n: number): string {
  let s = seed;
  while (s.length < n) s += ` ${seed}`;
  s = s.slice(0, n);
  return /\s$/.test(s) ? `${s.slice(0, -1)}x` : s;
}

/** What Telegram sent back: no send or edit of the bot was refused since `from`. */
function refusedSince(from: number): string[] {
  return h.emu.calls.slice(from).filter((c) => !c.ok && /^(send|edit|copy)/.test(c.method)).map((c) => `${c.method} ${c.error_code}`);
}

function current(m: EmuMessage): EmuMessage {
  return h.emu.botMessages(m.chatId).find((x) => x.message_id === m.message_id)!;
}

/** Every part within Telegram's limit, the buttons (if any) on the last one only. */
function expectParts(parts: EmuMessage[], buttons: unknown[] = []): void {
  for (const p of parts) expect(p.text!.length).toBeLessThanOrEqual(LIMIT);
  expect(parts.slice(0, -1).map((p) => p.buttons)).toEqual(parts.slice(0, -1).map(() => []));
  expect(parts.at(-1)!.buttons).toEqual(buttons);
}

/** Whitespace-insensitive: a split at a space may leave the space at the end of a part. */
const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

describe("Telegram's limits, as the emulator enforces them", () => {
  it('counts the text after HTML parsing: 4,096 characters of text pass whatever the markup, 4,097 do not; captions 1,024', async () => {
    const bot = new Bot(h.emu.token, { client: { apiRoot: h.emu.apiRoot }, botInfo: h.emu.botInfo });
    const refusal = (p: Promise<unknown>) => p.then(() => 'sent', (e: unknown) => (e instanceof GrammyError ? e.description : String(e)));
    // 4,096 visible characters in 4,096 + 7 + 4 × 512 raw ones.
    const html = `<b>x</b>${'&amp;'.repeat(512)}${'y'.repeat(LIMIT - 1 - 512)}`;
    expect(await refusal(bot.api.sendMessage(clerk.id, html, { parse_mode: 'HTML' }))).toBe('sent');
    expect(await refusal(bot.api.sendMessage(clerk.id, `${html}z`, { parse_mode: 'HTML' }))).toBe('Bad Request: message is too long');
    const file = () => new InputFile(Buffer.from('x'), 'a.txt');
    const caption = `<i>${'&lt;'.repeat(24)}</i>${'c'.repeat(1000)}`;
    expect(await refusal(bot.api.sendDocument(clerk.id, file(), { caption, parse_mode: 'HTML' }))).toBe('sent');
    expect(await refusal(bot.api.sendDocument(clerk.id, file(), { caption: `${caption}c`, parse_mode: 'HTML' }))).toBe('Bad Request: message caption is too long');
  });
});

// --- meetings -----------------------------------------------------------------------------

const M_TITLE = fill('Giao ban <trực tuyến> & tổng kết quý IV', 200);
const M_TITLE2 = fill('Giao ban <mở rộng> & sơ kết năm', 200);
const M_PLACE = fill('Hội trường <A> & phòng họp số 2', 200);
const M_LINK = `https://hop.example.vn/giao-ban?phong=1&ma=${'k'.repeat(1000 - 'https://hop.example.vn/giao-ban?phong=1&ma='.length)}`;
const agenda = (tag: string) => Array.from({ length: 30 }, (_, i) => fill(`${tag} <số ${i + 1}> & phụ lục kèm theo`, 300));
const AGENDA = agenda('Báo cáo');
const AGENDA2 = agenda('Thảo luận');
const WHEN_LINE = '🕑 14h00, thứ Ba, ngày 15/10/2030 (120 phút)';
const RSVP_BUTTONS = (id: string) => [[
  { text: '✅ Tham dự', data: `rsvp:${id}:yes` },
  { text: '❌ Vắng', data: `rsvp:${id}:no` },
  { text: '👤 Cử người dự thay', data: `rsvp:${id}:sub` },
]];

let longMeeting: string;
let annParts: EmuMessage[];

describe('a meeting with every field at its maximum', () => {
  it('announces it in parts: details on line boundaries, then a short last part with the answers and buttons', async () => {
    expect(M_LINK.length).toBe(1000);
    const calls = h.emu.calls.length;
    const before = h.emu.botMessages(groupBD.id).length;
    const beforeHK = h.emu.botMessages(groupHK.id).length;
    const form = ['/taohop', `tiêu đề: ${M_TITLE}`, 'thời gian: 15/10/2030 14:00', `địa điểm: ${M_PLACE}`, `đường dẫn: ${M_LINK}`, 'đơn vị: BD HK', 'đề án: DA-01', 'nội dung:', ...AGENDA].join('\n');
    const reply = await h.ask(clerk, 'private', form);
    longMeeting = /cuộc họp (M\d+)/.exec(reply.text!)![1]!;
    expect(reply.text).toBe(`✅ Đã tạo cuộc họp ${longMeeting}, họp lúc 14h00, thứ Ba, ngày 15/10/2030. Thông báo được gửi tới 2 nhóm. Sửa: /suahop ${longMeeting} · Hủy: /huyhop ${longMeeting}`);
    const done = (g: Chat, since: number) => h.emu.botMessages(g.id).slice(since).some((m) => m.buttons.length > 0);
    await h.emu.waitFor(() => done(groupBD, before) && done(groupHK, beforeHK), { what: 'both announcements' });
    await h.settle();

    annParts = h.emu.botMessages(groupBD.id).slice(before);
    expect(annParts.length).toBeGreaterThanOrEqual(4); // 30 × 300 characters of agenda alone are 3 messages
    expectParts(annParts, RSVP_BUTTONS(longMeeting));
    const details = [
      `📅 THÔNG BÁO CUỘC HỌP ${longMeeting}`,
      M_TITLE,
      WHEN_LINE,
      `📍 ${M_PLACE} · Trực tuyến: ${M_LINK}`,
      '📄 Thảo luận dự thảo Đề án DA-01',
      '📋 Nội dung:',
      ...AGENDA.map((item, i) => `${i + 1}. ${item}`),
    ];
    // In order and whole: the details split between lines, nothing dropped or repeated.
    expect(annParts.slice(0, -1).map((p) => p.text).join('\n')).toBe(details.join('\n'));
    expect(annParts.at(-1)!.text).toBe([
      `📅 Cuộc họp ${longMeeting} «${M_TITLE}»`,
      WHEN_LINE,
      'Đề nghị các đồng chí xác nhận tham dự.',
      'Đã trả lời: 0 tham dự · 0 vắng · 0 cử người dự thay · 2 chưa trả lời',
    ].join('\n'));
    // User input is shown literally: the markup characters are escaped in what was sent.
    expect(annParts[0]!.html).toContain('<b>Giao ban &lt;trực tuyến&gt; &amp; tổng kết quý IV');
    expect(annParts[0]!.text).toContain('1. Báo cáo <số 1> & phụ lục kèm theo');
    // The other group got the same parts; the last part of each is the one remembered.
    const hkParts = h.emu.botMessages(groupHK.id).slice(beforeHK);
    expect(hkParts.map((p) => p.text)).toEqual(annParts.map((p) => p.text));
    const anns = await h.app.svc.store.meetings.announcements(longMeeting);
    expect(anns.get(groupBD.id)).toBe(annParts.at(-1)!.message_id);
    expect(anns.get(groupHK.id)).toBe(hkParts.at(-1)!.message_id);
    expect(refusedSince(calls)).toEqual([]);
  });

  it('edits only the last part as answers come in', async () => {
    const card = annParts.at(-1)!;
    await h.emu.pressButton(lan, card, `rsvp:${longMeeting}:yes`);
    const edited = await h.emu.waitFor(() => {
      const now = current(card);
      return now.text!.includes('Đã trả lời: 1 tham dự') ? now : undefined;
    }, { what: 'the counts edited into the last part' });
    await h.settle();
    expect(edited.text!.length).toBeLessThanOrEqual(LIMIT);
    expect(edited.buttons).toEqual(RSVP_BUTTONS(longMeeting));
    expect(annParts.slice(0, -1).map((p) => current(p).edits)).toEqual(annParts.slice(0, -1).map(() => 0));
  });

  it('tells the groups of an edit with both agendas in full, in parts, and edits the last part of the announcement', async () => {
    const calls = h.emu.calls.length;
    const before = h.emu.botMessages(groupBD.id).length;
    const mine = h.emu.botMessages(clerk.id).length;
    h.emu.sendText(clerk, 'private', [`/suahop ${longMeeting}`, `tiêu đề: ${M_TITLE2}`, 'nội dung:', ...AGENDA2].join('\n'));
    await h.emu.waitForBotMessage(clerk.id, `Đã cập nhật cuộc họp ${longMeeting}`);
    await h.emu.waitFor(() => h.emu.botMessages(groupBD.id).slice(before).some((m) => m.text?.endsWith(`${AGENDA2.at(-1)!.slice(-20)}.`)), { what: 'the whole change notice' });
    await h.settle();

    const notice = [
      `🔁 Cuộc họp ${longMeeting} thay đổi tiêu đề: ${M_TITLE} → ${M_TITLE2}.`,
      `🔁 Cuộc họp ${longMeeting} thay đổi nội dung: ${AGENDA.join('; ')} → ${AGENDA2.join('; ')}.`,
    ].join('\n');
    const parts = h.emu.botMessages(groupBD.id).slice(before);
    expect(parts.length).toBeGreaterThanOrEqual(5);
    expectParts(parts);
    expect(parts[0]!.text).toMatch(new RegExp(`^🔁 Cuộc họp ${longMeeting} thay đổi tiêu đề: `));
    // Whole, in order, and never cut inside a word (a cut word would read "wo rd" here).
    expect(flat(parts.map((p) => p.text).join(' '))).toBe(flat(notice));
    // The agenda's markup characters arrive as written.
    expect(parts.some((p) => p.text!.includes('thay đổi nội dung: Báo cáo <số 1> & phụ lục kèm theo Báo cáo <số 1>'))).toBe(true);
    expect(parts.some((p) => p.text!.includes('; Báo cáo <số 2> & phụ lục kèm theo'))).toBe(true);
    // The secretary is told the same, in parts too, with the confirmation last.
    const told = h.emu.botMessages(clerk.id).slice(mine);
    expectParts(told);
    expect(told.at(-1)!.text).toMatch(new RegExp(`✅ Đã cập nhật cuộc họp ${longMeeting}: `));
    expect(flat(told.map((p) => p.text).join(' '))).toContain(flat(notice));
    // Only the last part of the announcement is edited, to the new title; it stays short.
    const card = current(annParts.at(-1)!);
    expect(card.text!.split('\n')[0]).toBe(`📅 Cuộc họp ${longMeeting} «${M_TITLE2}»`);
    expect(card.text!.length).toBeLessThanOrEqual(LIMIT);
    expect(annParts.slice(0, -1).map((p) => current(p).edits)).toEqual(annParts.slice(0, -1).map(() => 0));
    expect(refusedSince(calls)).toEqual([]);
  });

  it('marks the last part cancelled, without buttons, when the meeting is cancelled', async () => {
    const calls = h.emu.calls.length;
    await h.ask(clerk, 'private', `/huyhop ${longMeeting} Lùi sang quý sau`);
    const card = await h.emu.waitFor(() => {
      const now = current(annParts.at(-1)!);
      return now.text!.startsWith(`🚫 CUỘC HỌP ${longMeeting} ĐÃ BỊ HỦY`) ? now : undefined;
    }, { what: 'the last part marked cancelled' });
    await h.settle();
    expect(card.text).toBe([`🚫 CUỘC HỌP ${longMeeting} ĐÃ BỊ HỦY`, M_TITLE2, WHEN_LINE, 'Lý do: Lùi sang quý sau'].join('\n'));
    expect(card.buttons).toEqual([]);
    expect(refusedSince(calls)).toEqual([]);
  });
});

describe('an agenda with < and &', () => {
  it('is shown literally in the announcement and in the change notice', async () => {
    const calls = h.emu.calls.length;
    const before = h.emu.botMessages(groupBD.id).length;
    const reply = await h.ask(clerk, 'private', ['/taohop', 'tiêu đề: Giao ban tháng', 'thời gian: 15/10/2030 14:00', 'đơn vị: BD', 'nội dung: Báo cáo <quý III> & kiến nghị; Tổng hợp ý kiến cử tri'].join('\n'));
    const id = /cuộc họp (M\d+)/.exec(reply.text!)![1]!;
    const ann = await h.emu.waitForBotMessage(groupBD.id, `THÔNG BÁO CUỘC HỌP ${id}`);
    expect(ann.text!.split('\n').slice(3, 6)).toEqual(['📋 Nội dung:', '1. Báo cáo <quý III> & kiến nghị', '2. Tổng hợp ý kiến cử tri']);
    const edit = await h.ask(clerk, 'private', `/suahop ${id}\nnội dung: Tổng kết <năm> & phương hướng`);
    const notice = `🔁 Cuộc họp ${id} thay đổi nội dung: Báo cáo <quý III> & kiến nghị; Tổng hợp ý kiến cử tri → Tổng kết <năm> & phương hướng.`;
    expect(edit.text!.split('\n')[0]).toBe(notice);
    expect((await h.emu.waitForBotMessage(groupBD.id, `🔁 Cuộc họp ${id}`)).text).toBe(notice);
    await h.settle();
    expect(h.emu.botMessages(groupBD.id).slice(before).map((m) => m.text!.split('\n')[0])).toEqual([`📅 THÔNG BÁO CUỘC HỌP ${id}`, notice]);
    expect(current(ann).text).toContain('1. Tổng kết <năm> & phương hướng');
    expect(refusedSince(calls)).toEqual([]);
  });
});

// --- proposals ----------------------------------------------------------------------------

const P_CODE = 'DA-NQ-HDND-TP-000001';
/** A Tuesday at 17:00 about a month ahead in the council's zone: the call's deadline line keeps its length. */
const P_DEADLINE = (() => {
  const d = new TZDate(Date.now() + 30 * 86_400_000, 'Asia/Ho_Chi_Minh');
  d.setDate(d.getDate() + ((2 - d.getDay() + 7) % 7));
  d.setHours(17, 0, 0, 0);
  return d;
})();
const P_TYPED = `17:00 ${String(P_DEADLINE.getDate()).padStart(2, '0')}/${String(P_DEADLINE.getMonth() + 1).padStart(2, '0')}/${P_DEADLINE.getFullYear()}`;
/** `17h00, thứ Ba, ngày dd/mm/yyyy`, as the bot writes it. */
const P_WHEN = formatDateTime(P_DEADLINE, 'vi', 'Asia/Ho_Chi_Minh');
const P_TITLE = fill('Đề án <nâng cao> năng lực & hiệu quả hoạt động của HĐND các cấp', 300);
const P_SUMMARY = Array.from({ length: 10 }, (_, i) => fill(`Phần ${i + 1} <dự thảo> & thuyết minh kèm theo`, i === 9 ? 200 : 199));
const P_LINK = `https://hdnd.example.vn/du-thao?ban=2&tep=${'d'.repeat(1000 - 'https://hdnd.example.vn/du-thao?ban=2&tep='.length)}`;
const P_SECTIONS = Array.from({ length: 100 }, (_, i) => `M${String(i + 1).padStart(3, '0')}.1.2.3.4`);
const CALL_TEXT = [
  `📝 LẤY Ý KIẾN GÓP Ý DỰ THẢO ĐỀ ÁN ${P_CODE}`,
  `«${P_TITLE}»`,
  ...P_SUMMARY,
  `📎 Dự thảo: ${P_LINK}`,
  `📑 Các mục: ${P_SECTIONS.join(', ')}`,
  `⏳ Hạn góp ý: ${P_WHEN}`,
  `Cách góp ý: trả lời (reply) tin nhắn này, hoặc gửi /gopy ${P_CODE} #mục nội dung.`,
  `Đơn vị nhất trí, không có ý kiến: /nhattri ${P_CODE}`,
].join('\n');

let callParts: EmuMessage[];

async function commentId(text: string | undefined): Promise<string> {
  const id = /ý kiến (C\d+)/.exec(text ?? '')?.[1];
  if (!id) throw new Error(`no comment recorded: ${text}`);
  return id;
}

describe('a proposal with every field at its maximum', () => {
  it('posts the call for comments in parts, in order, and takes a reply to any part as a comment', async () => {
    expect([P_CODE.length, P_TITLE.length, P_SUMMARY.join('\n').length, P_LINK.length, P_SECTIONS.length, P_SECTIONS[99]!.length]).toEqual([20, 300, 2000, 1000, 100, 12]);
    const calls = h.emu.calls.length;
    const before = h.emu.botMessages(groupBD.id).length;
    const form = ['/taodean', `mã: ${P_CODE}`, `tiêu đề: ${P_TITLE}`, 'tóm tắt:', ...P_SUMMARY, `đường dẫn: ${P_LINK}`, `các mục: ${P_SECTIONS.join(', ')}`, `hạn góp ý: ${P_TYPED}`, 'đơn vị: BD HK'].join('\n');
    expect((await h.ask(clerk, 'private', form)).text).toBe(`✅ Đã tạo đề án ${P_CODE}, hạn góp ý ${P_WHEN}. Lời đề nghị góp ý được gửi tới 2 nhóm.${dayOffNote(P_DEADLINE.getTime())}`);
    await h.emu.waitFor(() => [groupBD, groupHK].every((g) => h.emu.botMessages(g.id).some((m) => m.text?.endsWith(`/nhattri ${P_CODE}`))), { what: 'both calls' });
    await h.settle();
    callParts = h.emu.botMessages(groupBD.id).slice(before);
    expect(callParts.length).toBeGreaterThanOrEqual(2);
    expectParts(callParts);
    expect(callParts.map((p) => p.text).join('\n')).toBe(CALL_TEXT);
    expect(callParts[0]!.html).toContain('«Đề án &lt;nâng cao&gt; năng lực &amp; hiệu quả');
    expect(h.emu.botMessages(groupHK.id).slice(-callParts.length).map((p) => p.text).join('\n')).toBe(CALL_TEXT);

    for (const part of callParts) expect(await h.app.svc.store.proposals.proposalOfMessage(groupBD.id, part.message_id)).toBe(P_CODE);
    const first = await h.ask(lan, groupBD, '#M001.1.2.3.4 Đề nghị làm rõ phần 1.', { replyTo: callParts[0]!.message_id });
    expect(first.text).toMatch(new RegExp(`^✅ Đã ghi nhận ý kiến C\\d+ về Đề án ${P_CODE}, mục M001.1.2.3.4\\.`));
    const last = await h.ask(lan, groupBD, 'Nhất trí với phần cuối.', { replyTo: callParts.at(-1)!.message_id });
    expect(last.text).toMatch(new RegExp(`^✅ Đã ghi nhận ý kiến C\\d+ về Đề án ${P_CODE}\\.`));
    expect(refusedSince(calls)).toEqual([]);
  });

  it('answers /proposal CODE in parts; replying privately to any of them comments', async () => {
    const calls = h.emu.calls.length;
    const before = h.emu.botMessages(lan.id).length;
    h.emu.sendText(lan, 'private', `/xemdean ${P_CODE}`);
    await h.emu.waitForBotMessage(lan.id, /^Tiếp thu, giải trình: /m);
    await h.settle();
    const parts = h.emu.botMessages(lan.id).slice(before);
    expect(parts.length).toBeGreaterThanOrEqual(2);
    expectParts(parts);
    const text = parts.map((p) => p.text).join('\n');
    expect(text.startsWith(`${CALL_TEXT}\n\nTình trạng: còn `)).toBe(true);
    expect(text).toContain(`\nTheo mục: M001.1.2.3.4: 1 · M002.1.2.3.4: 0 · `);
    expect(text).toContain(`· M100.1.2.3.4: 0 · ý kiến chung: 1\n`);
    expect(text.endsWith('\nTiếp thu, giải trình: 2 chưa xử lý · 0 tiếp thu · 0 tiếp thu một phần · 0 giải trình')).toBe(true);
    const reply = await h.ask(lan, 'private', '#M100.1.2.3.4 Góp ý mục cuối.', { replyTo: parts.at(-1)!.message_id });
    expect(reply.text).toMatch(new RegExp(`^✅ Đã ghi nhận ý kiến C\\d+ về Đề án ${P_CODE}, mục M100.1.2.3.4\\.`));
    expect(refusedSince(calls)).toEqual([]);
  });

  it('sends the author a response of 4,000 characters to a comment of 4,000, in parts, whole', async () => {
    const calls = h.emu.calls.length;
    const comment = fill('Đề nghị làm rõ <điều 5> & bổ sung số liệu', 4000);
    const response = fill('Tiếp thu, đã sửa <điều 5> & bổ sung phụ lục', 4000);
    const id = await commentId((await h.ask(lan, 'private', `/gopy ${P_CODE} ${comment}`)).text);
    const before = h.emu.botMessages(lan.id).length;
    expect((await h.ask(clerk, 'private', `/tiepthu ${id} tiepthu ${response}`)).text).toBe(`✅ Đã ghi nhận hình thức «Tiếp thu» cho ý kiến ${id}; người góp ý được thông báo riêng.`);
    await h.emu.waitFor(() => h.emu.botMessages(lan.id).slice(before).some((m) => m.text?.endsWith(`${comment.slice(-20)}»`)), { what: 'the whole notice' });
    await h.settle();
    const parts = h.emu.botMessages(lan.id).slice(before);
    expect(parts.length).toBeGreaterThanOrEqual(2);
    expectParts(parts);
    expect(parts[0]!.text!.startsWith(`📬 Ý kiến ${id} của đồng chí về Đề án ${P_CODE} đã được cơ quan soạn thảo tiếp thu: «Tiếp thu, đã sửa <điều 5> & bổ sung`)).toBe(true);
    expect(flat(parts.map((p) => p.text).join(' '))).toBe(
      flat(`📬 Ý kiến ${id} của đồng chí về Đề án ${P_CODE} đã được cơ quan soạn thảo tiếp thu: «${response}»\nNội dung ý kiến: «${comment}»`),
    );
    expect(refusedSince(calls)).toEqual([]);
  });
});

// --- refusals at the form -----------------------------------------------------------------

describe('fields over their maximum', () => {
  it('are refused at the form, naming the field, its length and the maximum, and nothing is stored', async () => {
    const before = h.emu.botMessages(groupBD.id).length;
    const form = ['/taodean', 'mã: DA-99', `tiêu đề: ${fill('Đề án quá dài', 301)}`, `đường dẫn: https://hdnd.example.vn/${'x'.repeat(1001 - 'https://hdnd.example.vn/'.length)}`, `hạn góp ý: ${P_TYPED}`].join('\n');
    const reply = await h.ask(clerk, 'private', form);
    expect(reply.text!.split('\n\n')[0]).toBe([
      'ℹ️ Biểu mẫu chưa hợp lệ, chưa có gì được lưu:',
      '• Tiêu đề: dài 301 ký tự, quá giới hạn 300 ký tự',
      '• Đường dẫn dự thảo: dài 1.001 ký tự, quá giới hạn 1.000 ký tự',
    ].join('\n'));
    expect(await h.app.svc.store.proposals.get('DA-99')).toBeUndefined();

    const seq = () => h.app.svc.store.redis.get(h.app.svc.store.keys.seq('meeting'));
    const meetingsBefore = await seq();
    const meeting = ['/taohop', 'tiêu đề: Giao ban', 'thời gian: 15/10/2030 14:00', 'nội dung:', 'Khai mạc', fill('Thảo luận', 301), 'Bế mạc'].join('\n');
    expect((await h.ask(clerk, 'private', meeting)).text!.split('\n\n')[0]).toBe('ℹ️ Biểu mẫu chưa hợp lệ, chưa có gì được lưu:\n• Nội dung: ý thứ 2 dài 301 ký tự, quá giới hạn 300 ký tự');
    const en = await h.ask(engClerk, 'private', ['/newmeeting', `title: ${fill('Budget hearing', 201)}`, 'when: 15/10/2030 14:00'].join('\n'));
    expect(en.text!.split('\n\n')[0]).toBe('ℹ️ The form is not valid; nothing was saved:\n• Title: 201 characters, over the limit of 200');
    expect(await seq()).toBe(meetingsBefore);
    await h.settle();
    expect(h.emu.botMessages(groupBD.id).length).toBe(before);
  });
});

describe('values echoed back in form errors', () => {
  it('are shown literally, markup included, and shortened when long', async () => {
    const calls = h.emu.calls.length;
    const reply = await h.ask(clerk, 'private', ['/taohop', '<b>: đậm', '<b>đậm</b> & nghiêng', fill('Dòng lạc rất dài', 200)].join('\n'));
    expect(reply.text!.split('\n').slice(0, 4)).toEqual([
      'ℹ️ Biểu mẫu chưa hợp lệ, chưa có gì được lưu:',
      '• biểu mẫu không có thông tin «<b>»',
      '• dòng «<b>đậm</b> & nghiêng» không thuộc thông tin nào; mỗi dòng ghi dạng «tên thông tin: nội dung», ví dụ «địa điểm: Hội trường A»',
      `• dòng «${fill('Dòng lạc rất dài', 80).split(' ').slice(0, -1).join(' ')}…» không thuộc thông tin nào; mỗi dòng ghi dạng «tên thông tin: nội dung», ví dụ «địa điểm: Hội trường A»`,
    ]);
    expect(reply.html).toContain('«&lt;b&gt;đậm&lt;/b&gt; &amp; nghiêng»');
    expect(refusedSince(calls)).toEqual([]);
  });

  it('are shown literally in the guided conversation too', async () => {
    const calls = h.emu.calls.length;
    const start = h.emu.botMessages(clerk.id).length;
    h.emu.sendText(clerk, 'private', '/taohop');
    expect((await h.nextBotMessage(clerk.id, start + 1)).text).toBe('Bước 1/9.\nTiêu đề cuộc họp?');
    await h.ask(clerk, 'private', 'Giao ban tháng');
    let q = await h.ask(clerk, 'private', '15/10/2030 14:00'); // duration
    for (let i = 0; i < 3; i++) {
      // duration, place, link skipped
      const n = h.emu.botMessages(clerk.id).length;
      await h.emu.pressButton(clerk, q, 'wiz:skip');
      q = await h.nextBotMessage(clerk.id, n);
    }
    expect(q.text).toBe('Bước 6/9.\nĐơn vị dự họp? («tất cả» hoặc mã đơn vị, ví dụ BD HK; mặc định tất cả)');
    const n = h.emu.botMessages(clerk.id).length;
    h.emu.sendText(clerk, 'private', '<b>BD</b> & HK');
    expect((await h.nextBotMessage(clerk.id, n)).text).toBe('ℹ️ Biểu mẫu chưa hợp lệ, chưa có gì được lưu:\n• Đơn vị: không có đơn vị <B>BD</B>, &; gửi /donvi để xem mã đơn vị');
    const again = await h.nextBotMessage(clerk.id, n + 1);
    await h.emu.pressButton(clerk, again, 'wiz:cancel');
    await h.settle();
    expect(refusedSince(calls)).toEqual([]);
  });
});

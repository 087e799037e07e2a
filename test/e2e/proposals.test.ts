import { TZDate } from '@date-fns/tz';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Chat, Message, User } from 'grammy/types';
import { formatDateTime } from '#root/domain/time.js';
import { dayOffNote } from '#test/support/dates.js';
import { addMember, linkedGroup } from '#test/support/seed.js';
import { startHarness, type Harness } from '#test/support/harness.js';
import type { EmuMessage } from '#test/support/emulator.js';

/**
 * Proposals and comments end to end: /newproposal (form and guided conversation), the call
 * for comments, /comment (with and without code, #section, captions), replies to the call in
 * a group and in private, attachments, /agree, every refusal, repeated deliveries,
 * /mycomments, /editcomment, /withdraw, /comments, /respond and the author's notice,
 * /proposal and /proposals. The report, the closed window and the nudges are in
 * proposal-report.test.ts.
 */
let h: Harness;
let clerk: User; // secretary of TP: council-wide
let engClerk: User; // secretary of TP, in English
let bdClerk: User; // secretary of BD
let lan: User;
let hung: User;
let john: User; // BD, /lang en
let hkDel: User;
let bvDel: User;
let stDel: User;
let stranger: User;
let groupBD: Chat;
let groupHK: Chat;
let groupBV: Chat;
let groupSS: Chat;
let callBD: EmuMessage;
let callHK: EmuMessage;

const DAY = 86_400_000;
const TZ = 'Asia/Ho_Chi_Minh';
const TITLE = 'Nâng cao năng lực, hiệu lực, hiệu quả hoạt động của HĐND các cấp <Thành phố>';
const pad = (n: number) => String(n).padStart(2, '0');

/** A moment `days` from today at `hh:mm` in the council's zone, and how a secretary types it. */
function ahead(days: number, hh: number, mm = 0): { ms: number; typed: string; iso: string; date: string } {
  const d = new TZDate(Date.now() + days * DAY, TZ);
  d.setHours(hh, mm, 0, 0);
  const date = `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}`;
  return { ms: d.getTime(), typed: `${date} ${pad(hh)}:${pad(mm)}`, iso: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(hh)}:${pad(mm)}`, date };
}

/** The deadlines of DA-01, DA-02 and DA-03: weeks ahead, so their nudges are all still to come. */
const D1 = ahead(40, 17);
const D2 = ahead(60, 17);
const D3 = ahead(70, 9, 30);
/** How the bot writes a moment: `17:00 thứ Ba, 22/10/2030`, `Tue 22 Oct 2030, 17:00`. */
const viWhen = (ms: number) => formatDateTime(new Date(ms), 'vi', TZ);
const enWhen = (ms: number) => formatDateTime(new Date(ms), 'en', TZ);
const DEADLINE = viWhen(D1.ms);
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

const member = (user: User, role: 'delegate' | 'secretary', unit: string) => addMember(h, user, role, unit);

const linked = (title: string, unit: string): Promise<Chat> => linkedGroup(h, title, unit, clerk);

/** How many comments were ever recorded (the id sequence): a refusal provably stored nothing. */
async function commentSeq(): Promise<number> {
  const { store } = h.app.svc;
  return Number((await store.redis.get(store.keys.seq('comment'))) ?? 0);
}

async function stored(): Promise<{ seq: number; counts: Record<string, number>; agreed: string[] }> {
  const { proposals } = h.app.svc.store;
  return { seq: await commentSeq(), counts: await proposals.counts('DA-01'), agreed: [...(await proposals.agreed('DA-01')).keys()].sort() };
}

/** Sends as a person and returns the bot's answer in that chat (the message is returned too). */
async function post(send: () => Message, chatId: number): Promise<{ sent: Message; answer: EmuMessage }> {
  const since = h.emu.botMessages(chatId).length;
  const sent = send();
  return { sent, answer: await h.nextBotMessage(chatId, since) };
}

/** `27/11/2026` in the council's zone: comment lines show the day they were written. */
function viDate(ms: number): string {
  const d = new TZDate(ms, TZ);
  return `${String(d.getDate()).padStart(2, '0')}/${String(d.getMonth() + 1).padStart(2, '0')}/${d.getFullYear()}`;
}

/** Numbers as Fluent writes them in Vietnamese: `1.425`. */
function viNumber(n: number): string {
  return new Intl.NumberFormat('vi').format(n);
}

/** Whole calendar days in the council's zone, as the countdown counts them. */
function daysUntil(ms: number): number {
  const a = new TZDate(Date.now(), TZ);
  const b = new TZDate(ms, TZ);
  return Math.round((Date.UTC(b.getFullYear(), b.getMonth(), b.getDate()) - Date.UTC(a.getFullYear(), a.getMonth(), a.getDate())) / DAY);
}

beforeAll(async () => {
  h = await startHarness({ env: { FLOOD_LIMIT: '1000' } });
  const { units } = h.app.svc.store;
  for (const [code, name] of [
    ['TP', 'HĐND Thành phố Hà Nội'], ['BD', 'Quận Ba Đình'], ['HK', 'Quận Hoàn Kiếm'], ['BV', 'Huyện Ba Vì'], ['SS', 'Huyện Sóc Sơn'], ['ST', 'Thị xã Sơn Tây'],
  ] as const) {
    await units.upsert(code, name);
  }
  clerk = h.emu.user({ first_name: 'Trần Thị', last_name: 'Hoa', language_code: 'vi', privateOpen: true });
  engClerk = h.emu.user({ first_name: 'Mary', last_name: 'Tran', language_code: 'en', privateOpen: true });
  bdClerk = h.emu.user({ first_name: 'Lê Văn', last_name: 'Bình', privateOpen: true });
  lan = h.emu.user({ first_name: 'Nguyễn Thị', last_name: 'Lan', privateOpen: true });
  hung = h.emu.user({ first_name: 'Phạm Quốc', last_name: 'Hùng', privateOpen: true });
  john = h.emu.user({ first_name: 'John', last_name: 'Nguyen', language_code: 'en', privateOpen: true });
  hkDel = h.emu.user({ first_name: 'Hoàng', last_name: 'Minh', privateOpen: true });
  bvDel = h.emu.user({ first_name: 'Đinh Công', last_name: 'Ba', privateOpen: true });
  stDel = h.emu.user({ first_name: 'Kiều Thị', last_name: 'Sơn', privateOpen: true });
  stranger = h.emu.user({ first_name: 'Người lạ', privateOpen: true });
  await member(clerk, 'secretary', 'TP');
  await member(engClerk, 'secretary', 'TP');
  await member(bdClerk, 'secretary', 'BD');
  for (const d of [lan, hung, john]) await member(d, 'delegate', 'BD');
  await member(hkDel, 'delegate', 'HK');
  await member(bvDel, 'delegate', 'BV');
  await member(stDel, 'delegate', 'ST');
  await h.app.svc.store.members.setLang(john.id, 'en');
  groupBD = await linked('Thường trực HĐND quận Ba Đình', 'BD');
  groupHK = await linked('Thường trực HĐND quận Hoàn Kiếm', 'HK');
  groupBV = await linked('Thường trực HĐND huyện Ba Vì', 'BV');
  groupSS = await linked('Thường trực HĐND huyện Sóc Sơn', 'SS');
  // ST has no linked group.
});
afterAll(() => h.stop());

const FORM_DA01 = [
  '/taodean',
  'mã: DA-01',
  `tiêu đề: ${TITLE}`,
  'tóm tắt: Dự thảo lần 2, gồm 3 phần',
  'đường dẫn: https://hdnd.example.vn/du-thao-da-01.pdf',
  'các mục: 1, 2, 3.1, 3.2',
  `hạn: ${D1.typed}`,
  'đơn vị: BD HK BV SS',
].join('\n');

const CALL_DA01 = [
  '📝 LẤY Ý KIẾN GÓP Ý DỰ THẢO ĐỀ ÁN DA-01',
  `«${TITLE}»`,
  'Dự thảo lần 2, gồm 3 phần',
  '📎 Dự thảo: https://hdnd.example.vn/du-thao-da-01.pdf',
  '📑 Các mục: 1, 2, 3.1, 3.2',
  `⏳ Hạn góp ý: ${DEADLINE}`,
  'Cách góp ý: trả lời (reply) tin nhắn này, hoặc gửi /gopy DA-01 #mục nội dung.',
  'Đơn vị nhất trí, không có ý kiến: /nhattri DA-01',
].join('\n');

function callIn(chat: Chat, code: string): EmuMessage | undefined {
  return h.emu.botMessages(chat.id).find((m) => m.text?.startsWith(`📝 LẤY Ý KIẾN GÓP Ý DỰ THẢO ĐỀ ÁN ${code}\n`));
}

describe('creating a proposal', () => {
  it('creates DA-01 from the form and posts the call for comments to the target groups only', async () => {
    const callsBefore = h.emu.calls.length;
    const reply = await h.ask(clerk, 'private', FORM_DA01);
    expect(reply.text).toBe(`✅ Đã tạo đề án DA-01, hạn góp ý ${DEADLINE}. Lời đề nghị góp ý được gửi tới 4 nhóm.${dayOffNote(D1.ms)}`);
    expect(await h.app.svc.store.proposals.get('DA-01')).toMatchObject({
      code: 'DA-01',
      title: TITLE,
      summary: 'Dự thảo lần 2, gồm 3 phần',
      link: 'https://hdnd.example.vn/du-thao-da-01.pdf',
      sections: ['1', '2', '3.1', '3.2'],
      deadline: D1.ms,
      units: ['BD', 'HK', 'BV', 'SS'],
      createdBy: clerk.id,
    });
    callBD = await h.emu.waitFor(() => callIn(groupBD, 'DA-01'), { what: 'call for comments in BD' });
    callHK = await h.emu.waitFor(() => callIn(groupHK, 'DA-01'), { what: 'call for comments in HK' });
    await h.emu.waitFor(() => callIn(groupBV, 'DA-01') && callIn(groupSS, 'DA-01'), { what: 'calls in BV and SS' });
    expect(callBD.text).toBe(CALL_DA01);
    expect(callHK.text).toBe(CALL_DA01);
    expect(callBD.html).toContain('«Nâng cao năng lực, hiệu lực, hiệu quả hoạt động của HĐND các cấp &lt;Thành phố&gt;»');
    await h.settle();
    // The call is remembered, so replies to it are comments; nudges wait 3 days and 1 day before.
    expect(await h.app.svc.store.proposals.proposalOfMessage(groupBD.id, callBD.message_id)).toBe('DA-01');
    const jobs = await Promise.all([3 * DAY, DAY].map((o) => h.app.queues.tasks.getJob(`pnudge-DA-01-v1-${o}`)));
    expect(await Promise.all(jobs.map((j) => j?.getState() ?? Promise.resolve(undefined)))).toEqual(['delayed', 'delayed']);
    // Nothing went to the council's own chat or a unit that is not targeted.
    expect(h.emu.calls.slice(callsBefore).filter((c) => c.method === 'sendMessage' && c.ok && c.chatId !== clerk.id).map((c) => c.chatId).sort())
      .toEqual([groupBD.id, groupHK.id, groupBV.id, groupSS.id].sort());
  });

  it('refuses delegates, unit secretaries, bad forms and a taken code, storing nothing', async () => {
    expect((await h.ask(lan, 'private', FORM_DA01.replace('DA-01', 'DA-09'))).text).toBe('ℹ️ Lệnh này chỉ dành cho thư ký. Đồng chí có thể dùng /huongdan để xem các lệnh của mình.');
    expect((await h.ask(bdClerk, 'private', FORM_DA01.replace('DA-01', 'DA-09'))).text).toBe('ℹ️ Việc này thuộc thẩm quyền của thư ký HĐND thành phố Hà Nội (đơn vị TP).');
    expect((await h.ask(stranger, 'private', `/newproposal\ncode: X-1\ntitle: X\ndeadline: ${D1.typed}`)).text).toContain('ℹ️ Lệnh này chỉ dành cho thư ký.');
    const bad = await h.ask(clerk, 'private', ['/taodean', 'mã: DA 01', 'tiêu đề: X', 'các mục: 1, 2 bis', `hạn: ${ahead(-10, 17).typed}`, 'đơn vị: BD QQ'].join('\n'));
    expect(bad.text!.split('\n\n')[0]).toBe([
      'ℹ️ Biểu mẫu chưa hợp lệ, chưa có gì được lưu:',
      '• Mã đề án: mã chỉ gồm chữ không dấu, chữ số và dấu - . _ (ví dụ DA-01)',
      '• Các mục: ký hiệu mục «2 bis» chưa đúng; ghi các mục như 1, 2, 3.1 hoặc II, a',
      '• Hạn góp ý: thời gian đã qua',
      '• Đơn vị: không có đơn vị QQ; gửi /donvi để xem mã đơn vị',
    ].join('\n'));
    expect(bad.text).toContain('Cách tạo đề án lấy ý kiến: gửi /taodean');
    const taken = await h.ask(clerk, 'private', FORM_DA01.replace(`hạn: ${D1.typed}`, `hạn: ${ahead(41, 17).typed}`));
    expect(taken.text!.split('\n\n')[0]).toBe('ℹ️ Biểu mẫu chưa hợp lệ, chưa có gì được lưu:\n• Mã đề án: mã DA-01 đã được dùng cho một đề án khác');
    const missing = await h.ask(clerk, 'private', '/taodean\nmã: DA-09');
    expect(missing.text!.split('\n\n')[0]).toBe('ℹ️ Biểu mẫu chưa hợp lệ, chưa có gì được lưu:\n• Tiêu đề: chưa có (bắt buộc)\n• Hạn góp ý: chưa có (bắt buộc)');
    expect(await h.app.svc.store.proposals.codes()).toEqual(['DA-01']);
    expect((await h.app.svc.store.proposals.get('DA-01'))?.deadline).toBe(D1.ms);
  });

  it('explains the form when /newproposal is sent alone in a group', async () => {
    const reply = await h.ask(clerk, groupBD, '/taodean');
    expect(reply.text).toMatch(/^Cách tạo đề án lấy ý kiến: gửi \/taodean kèm các dòng «tên thông tin: nội dung» trong cùng tin nhắn, ví dụ:\n/);
    expect(reply.replyTo).toBeDefined();
    expect(await h.app.svc.store.redis.get(h.app.svc.store.keys.pending(clerk.id))).toBeNull();
  });

  it('creates DA-02 in the guided conversation, re-asking after a bad answer', async () => {
    const since = h.emu.botMessages(clerk.id).length;
    h.emu.sendText(clerk, 'private', '/taodean');
    expect((await h.nextBotMessage(clerk.id, since)).text).toBe('📝 Tạo đề án lấy ý kiến: đồng chí nhập lần lượt từng thông tin; bấm «Hủy» để dừng bất cứ lúc nào.');
    let q = await h.nextBotMessage(clerk.id, since + 1);
    expect(q.text).toBe('Bước 1/7.\nMã đề án? (ví dụ DA-01)');
    expect(q.buttons).toEqual([[{ text: '✖️ Hủy', data: 'wiz:cancel' }]]);

    const n = h.emu.botMessages(clerk.id).length;
    h.emu.sendText(clerk, 'private', 'da-01');
    expect((await h.nextBotMessage(clerk.id, n)).text).toBe('ℹ️ Biểu mẫu chưa hợp lệ, chưa có gì được lưu:\n• Mã đề án: mã DA-01 đã được dùng cho một đề án khác');
    expect((await h.nextBotMessage(clerk.id, n + 1)).text).toBe('Bước 1/7.\nMã đề án? (ví dụ DA-01)');

    q = await h.ask(clerk, 'private', 'da-02');
    expect(q.text).toBe('Bước 2/7.\nTiêu đề đề án?');
    q = await h.ask(clerk, 'private', 'Quy chế phối hợp giữa Thường trực HĐND Thành phố và Thường trực HĐND cấp huyện');
    expect(q.text).toBe('Bước 3/7.\nTóm tắt nội dung dự thảo?');
    expect(q.buttons).toEqual([[{ text: '⏭ Bỏ qua', data: 'wiz:skip' }, { text: '✖️ Hủy', data: 'wiz:cancel' }]]);
    q = await h.ask(clerk, 'private', 'Dự thảo lần 1');
    expect(q.text).toBe('Bước 4/7.\nĐường dẫn tới toàn văn dự thảo?');
    q = await h.ask(clerk, 'private', 'https://hdnd.example.vn/quy-che.pdf');
    expect(q.text).toBe('Bước 5/7.\nCác mục để góp ý? (ví dụ 1, 2, 3.1, 3.2)');
    q = await h.ask(clerk, 'private', 'I\nII');
    expect(q.text).toBe('Bước 6/7.\nHạn góp ý? (ví dụ 22/10 17:00)');
    expect(q.buttons).toEqual([[{ text: '✖️ Hủy', data: 'wiz:cancel' }]]);
    q = await h.ask(clerk, 'private', `17h ${D2.date}`);
    expect(q.text).toBe('Bước 7/7.\nĐơn vị được lấy ý kiến? («tất cả» hoặc mã đơn vị; mặc định tất cả)');
    const done = await h.ask(clerk, 'private', 'bv');
    expect(done.text).toBe(`✅ Đã tạo đề án DA-02, hạn góp ý ${viWhen(D2.ms)}. Lời đề nghị góp ý được gửi tới 1 nhóm.${dayOffNote(D2.ms)}`);
    expect(await h.app.svc.store.proposals.get('DA-02')).toMatchObject({
      title: 'Quy chế phối hợp giữa Thường trực HĐND Thành phố và Thường trực HĐND cấp huyện',
      summary: 'Dự thảo lần 1',
      link: 'https://hdnd.example.vn/quy-che.pdf',
      sections: ['I', 'II'],
      units: ['BV'],
      deadline: D2.ms,
    });
    const call = await h.emu.waitFor(() => callIn(groupBV, 'DA-02'), { what: 'call for DA-02' });
    expect(call.text).toBe([
      '📝 LẤY Ý KIẾN GÓP Ý DỰ THẢO ĐỀ ÁN DA-02',
      '«Quy chế phối hợp giữa Thường trực HĐND Thành phố và Thường trực HĐND cấp huyện»',
      'Dự thảo lần 1',
      '📎 Dự thảo: https://hdnd.example.vn/quy-che.pdf',
      '📑 Các mục: I, II',
      `⏳ Hạn góp ý: ${viWhen(D2.ms)}`,
      'Cách góp ý: trả lời (reply) tin nhắn này, hoặc gửi /gopy DA-02 #mục nội dung.',
      'Đơn vị nhất trí, không có ý kiến: /nhattri DA-02',
    ].join('\n'));
    expect(callIn(groupBD, 'DA-02')).toBeUndefined();
  });

  it('lets optional questions of the guided conversation be skipped with the button', async () => {
    const codes = await h.app.svc.store.proposals.codes();
    await h.ask(clerk, 'private', '/taodean');
    await h.settle();
    await h.ask(clerk, 'private', 'DA-04');
    const q = await h.ask(clerk, 'private', 'Đề án thử bỏ qua');
    expect(q.text).toBe('Bước 3/7.\nTóm tắt nội dung dự thảo?');
    try {
      const n = h.emu.botMessages(clerk.id).length;
      await h.emu.pressButton(clerk, q, 'wiz:skip');
      // One pending-input record and one set of wizard buttons: Skip reaches the proposal's form.
      expect((await h.nextBotMessage(clerk.id, n, 2000)).text).toBe('Bước 4/7.\nĐường dẫn tới toàn văn dự thảo?');
    } finally {
      const n = h.emu.botMessages(clerk.id).length;
      await h.emu.pressButton(clerk, h.emu.lastBotMessage(clerk.id)!, 'wiz:cancel');
      expect((await h.nextBotMessage(clerk.id, n)).text).toBe('✖️ Đã hủy, chưa có gì được lưu.');
      expect(await h.app.svc.store.proposals.codes()).toEqual(codes);
    }
  });

  it('speaks English to an English secretary (DA-03, for a unit without a group)', async () => {
    const reply = await h.ask(engClerk, 'private', `/newproposal\ncode: DA-03\ntitle: Budget plan for next year\ndeadline: ${D3.iso}\nunits: ST`);
    expect(reply.text).toBe(`✅ Proposal DA-03 opened for comments until ${enWhen(D3.ms)}. The call for comments goes to 0 groups.${dayOffNote(D3.ms, 'en')}`);
    expect((await h.app.svc.store.proposals.get('DA-03'))?.units).toEqual(['ST']);
  });
});

describe('comments', () => {
  it('records /gopy CODE #SECTION text, acknowledges it with its id, and stores who wrote it', async () => {
    const { sent, answer } = await post(() => h.emu.sendText(lan, 'private', '/gopy DA-01 #3.2 Đề nghị bổ sung cơ chế giám sát <chuyên đề> & tái giám sát.'), lan.id);
    expect(answer.text).toBe('✅ Đã ghi nhận ý kiến C1 về Đề án DA-01, mục 3.2. Sửa: /suagopy C1 … · Rút: /rutgopy C1');
    expect(await h.app.svc.store.proposals.comment('C1')).toEqual({
      v: 1,
      id: 'C1',
      proposal: 'DA-01',
      section: '3.2',
      text: 'Đề nghị bổ sung cơ chế giám sát <chuyên đề> & tái giám sát.',
      author: lan.id,
      authorName: 'Nguyễn Thị Lan',
      unit: 'BD',
      createdAt: expect.any(Number),
      status: 'active',
      history: [],
      source: { chatId: lan.id, messageId: sent.message_id },
    });
  });

  it('takes the only open proposal when the code is left out, and finds #sections whatever the case', async () => {
    const { answer } = await post(() => h.emu.sendText(hung, 'private', '/comment Cần làm rõ lộ trình thực hiện.'), hung.id);
    expect(answer.text).toBe('✅ Đã ghi nhận ý kiến C2 về Đề án DA-01. Sửa: /suagopy C2 … · Rút: /rutgopy C2');
    expect(await h.app.svc.store.proposals.comment('C2')).toMatchObject({ proposal: 'DA-01', text: 'Cần làm rõ lộ trình thực hiện.', unit: 'BD' });
    expect((await h.app.svc.store.proposals.comment('C2'))?.section).toBeUndefined();
    const { answer: a2 } = await post(() => h.emu.sendText(bvDel, 'private', '/gopy da-02 #ii Thống nhất với dự thảo, đề nghị rút ngắn thời hạn báo cáo.'), bvDel.id);
    expect(a2.text).toBe('✅ Đã ghi nhận ý kiến C3 về Đề án DA-02, mục II. Sửa: /suagopy C3 … · Rút: /rutgopy C3');
  });

  it('records a reply to the call for comments in a group, #SECTION at its start, answering in the group', async () => {
    const { sent, answer } = await post(() => h.emu.sendText(hung, groupBD, '#1 Thống nhất với mục tiêu, đề nghị bổ sung chỉ tiêu cụ thể.', { replyTo: callBD.message_id }), groupBD.id);
    expect(answer.text).toBe('✅ Đã ghi nhận ý kiến C4 về Đề án DA-01, mục 1. Sửa: /suagopy C4 … · Rút: /rutgopy C4');
    expect(answer.replyTo).toBe(sent.message_id);
    expect(await h.app.svc.store.proposals.comment('C4')).toMatchObject({
      section: '1', text: 'Thống nhất với mục tiêu, đề nghị bổ sung chỉ tiêu cụ thể.', author: hung.id, unit: 'BD', source: { chatId: groupBD.id, messageId: sent.message_id },
    });
  });

  it('acknowledges an English delegate in English', async () => {
    const { answer } = await post(() => h.emu.sendText(john, 'private', '/comment DA-01 #2 The timeline in section 2 is too short.'), john.id);
    expect(answer.text).toBe('✅ Comment C5 on proposal DA-01, section 2, recorded. Edit: /editcomment C5 … · Withdraw: /withdraw C5');
  });

  it('keeps a document whose caption is the command, and a photo replying to the call', async () => {
    const doc = await post(() => h.emu.sendDocument(hkDel, groupHK, { fileName: 'Góp ý quận Hoàn Kiếm.docx', caption: '/gopy DA-01 #3.1 Ý kiến chi tiết trong tệp đính kèm' }), groupHK.id);
    expect(doc.answer.text).toBe('✅ Đã ghi nhận ý kiến C6 về Đề án DA-01, mục 3.1. Sửa: /suagopy C6 … · Rút: /rutgopy C6');
    expect(await h.app.svc.store.proposals.comment('C6')).toMatchObject({
      section: '3.1',
      text: 'Ý kiến chi tiết trong tệp đính kèm',
      unit: 'HK',
      attachment: { kind: 'document', fileId: doc.sent.document!.file_id, fileName: 'Góp ý quận Hoàn Kiếm.docx' },
    });
    const photo = await post(() => h.emu.sendPhoto(lan, groupBD, { caption: '#3.1 Trang 5 có lỗi đánh máy', replyTo: callBD.message_id }), groupBD.id);
    expect(photo.answer.text).toBe('✅ Đã ghi nhận ý kiến C7 về Đề án DA-01, mục 3.1. Sửa: /suagopy C7 … · Rút: /rutgopy C7');
    expect(await h.app.svc.store.proposals.comment('C7')).toMatchObject({
      section: '3.1', text: 'Trang 5 có lỗi đánh máy', attachment: { kind: 'photo', fileId: photo.sent.photo!.at(-1)!.file_id },
    });
  });

  it('records a reply in private to /proposal, with a document and no text', async () => {
    const details = await h.ask(bdClerk, 'private', '/xemdean DA-01');
    expect(details.text).toMatch(/^📝 LẤY Ý KIẾN GÓP Ý DỰ THẢO ĐỀ ÁN DA-01\n/);
    const { sent, answer } = await post(() => h.emu.sendDocument(bdClerk, 'private', { fileName: 'Báo cáo thẩm tra.pdf', replyTo: details.message_id }), bdClerk.id);
    expect(answer.text).toBe('✅ Đã ghi nhận ý kiến C8 về Đề án DA-01. Sửa: /suagopy C8 … · Rút: /rutgopy C8');
    expect(answer.replyTo).toBe(sent.message_id);
    expect(await h.app.svc.store.proposals.comment('C8')).toMatchObject({
      text: '', unit: 'BD', authorName: 'Lê Văn Bình', attachment: { kind: 'document', fileName: 'Báo cáo thẩm tra.pdf' }, source: { chatId: bdClerk.id },
    });
    const text = await post(() => h.emu.sendText(bdClerk, 'private', '#3.2 Thống nhất bố cục.', { replyTo: details.message_id }), bdClerk.id);
    expect(text.answer.text).toBe('✅ Đã ghi nhận ý kiến C9 về Đề án DA-01, mục 3.2. Sửa: /suagopy C9 … · Rút: /rutgopy C9');
  });

  it('records a unit that agrees with no comments, once', async () => {
    expect((await h.ask(bvDel, groupBV, '/nhattri DA-01')).text).toBe('✅ Đã ghi nhận: đơn vị BV nhất trí, không có ý kiến đối với Đề án DA-01.');
    expect((await h.ask(bvDel, 'private', '/agree da-01')).text).toBe('Đơn vị BV đã báo nhất trí, không có ý kiến đối với Đề án DA-01 trước đó.');
    const agreed = await h.app.svc.store.proposals.agreed('DA-01');
    expect([...agreed.keys()]).toEqual(['BV']);
    expect(agreed.get('BV')?.by).toBe(bvDel.id);
  });
});

describe('refused comments store nothing', () => {
  it('refuses strangers, units not targeted, unknown and missing codes', async () => {
    const before = await stored();
    expect((await h.ask(stranger, 'private', '/gopy DA-01 #1 Tôi muốn góp ý')).text).toBe(
      'ℹ️ Lệnh này chỉ dành cho thành viên đã đăng ký. Đồng chí cần đường dẫn mời từ thư ký đơn vị.',
    );
    // A reply is not a command: the comment's own rule answers it (once an hour in a group).
    expect((await h.ask(stranger, groupBD, 'Ý kiến của người lạ', { replyTo: callBD.message_id })).text).toBe(
      'ℹ️ Chỉ đại biểu và thư ký đã đăng ký mới gửi được ý kiến. Đồng chí cần đường dẫn mời từ thư ký đơn vị.',
    );
    expect((await h.ask(stranger, 'private', '/nhattri DA-01')).text).toContain('ℹ️ Lệnh này chỉ dành cho thành viên đã đăng ký');
    expect((await h.ask(stDel, 'private', '/gopy DA-01 Ý kiến của Sơn Tây')).text).toBe('ℹ️ Đề án DA-01 không lấy ý kiến của đơn vị ST.');
    expect((await h.ask(stDel, 'private', '/nhattri DA-01')).text).toBe('ℹ️ Đề án DA-01 không lấy ý kiến của đơn vị ST.');
    expect((await h.ask(clerk, 'private', '/gopy Ý kiến của thư ký Thành phố')).text).toBe(
      'ℹ️ Hiện không có đề án nào đang lấy ý kiến của đơn vị đồng chí. Gửi /dean để xem các đề án.',
    );
    expect((await h.ask(lan, 'private', '/gopy DA-99 #1 nội dung')).text).toBe('ℹ️ Không có đề án «DA-99». Gửi /dean để xem các đề án.');
    expect((await h.ask(lan, 'private', '/nhattri')).text).toBe('ℹ️ Thiếu mã đề án (ví dụ DA-01). Gửi /dean để xem các đề án.');
    expect((await h.ask(john, 'private', '/comment DA-99 text')).text).toBe('ℹ️ There is no proposal “DA-99”. Send /proposals for the list.');
    expect(await stored()).toEqual(before);
  });

  it('asks for the code when several proposals are open to the unit', async () => {
    const before = await stored();
    expect((await h.ask(bvDel, 'private', '/gopy Ý kiến không ghi mã')).text).toBe(
      'ℹ️ Đơn vị đồng chí đang được lấy ý kiến về nhiều đề án (DA-01, DA-02). Đồng chí ghi mã đề án trong lệnh, ví dụ /gopy DA-01 nội dung.',
    );
    expect(await stored()).toEqual(before);
  });

  it('refuses undeclared sections, listing the declared ones', async () => {
    const before = await stored();
    expect((await h.ask(lan, 'private', '/gopy DA-01 #4.1 Mục này chưa có')).text).toBe('ℹ️ Dự thảo DA-01 không có mục «4.1». Các mục: 1, 2, 3.1, 3.2.');
    expect((await h.ask(hung, groupBD, '#9 Trả lời với mục không có', { replyTo: callBD.message_id })).text).toBe('ℹ️ Dự thảo DA-01 không có mục «9». Các mục: 1, 2, 3.1, 3.2.');
    expect((await h.ask(john, 'private', '/comment DA-01 #7 Section seven')).text).toBe('ℹ️ Draft DA-01 has no section “7”. Sections: 1, 2, 3.1, 3.2.');
    expect((await h.ask(stDel, 'private', '/gopy DA-03 #1 Mục 1')).text).toBe('ℹ️ Dự thảo DA-03 không chia mục; đồng chí gửi ý kiến không kèm #mục.');
    expect((await h.ask(bvDel, 'private', '/gopy DA-02 #III Mục 3')).text).toBe('ℹ️ Dự thảo DA-02 không có mục «III». Các mục: I, II.');
    expect(await stored()).toEqual(before);
    expect((await h.app.svc.store.proposals.counts('DA-02')).total).toBe(1);
    expect((await h.app.svc.store.proposals.counts('DA-03')).total).toBeUndefined();
  });

  it('refuses empty and over-long comments, and takes exactly 4000 characters', async () => {
    const before = await stored();
    expect((await h.ask(lan, 'private', '/gopy DA-01')).text).toBe('ℹ️ Ý kiến chưa có nội dung. Cách gửi: /gopy DA-01 #mục nội dung góp ý.');
    expect((await h.ask(lan, 'private', '/gopy DA-01 #2   ')).text).toBe('ℹ️ Ý kiến chưa có nội dung. Cách gửi: /gopy DA-01 #mục nội dung góp ý.');
    expect((await h.ask(lan, 'private', '/gopy')).text).toBe('ℹ️ Ý kiến chưa có nội dung. Cách gửi: /gopy DA-01 #mục nội dung góp ý.');
    expect((await h.ask(john, 'private', '/comment DA-01')).text).toBe('ℹ️ The comment has no text. Send: /comment DA-01 #section your comment.');
    const long = 'ý'.repeat(4001);
    expect((await h.ask(lan, 'private', `/gopy DA-01 #1 ${long}`)).text).toBe(
      'ℹ️ Ý kiến dài 4.001 ký tự, quá giới hạn 4.000 ký tự. Đồng chí vui lòng chia thành nhiều ý kiến hoặc gửi kèm tệp.',
    );
    expect((await h.ask(hung, groupBD, long, { replyTo: callBD.message_id })).text).toContain('ℹ️ Ý kiến dài 4.001 ký tự');
    expect(await stored()).toEqual(before);
    const ok = await h.ask(stDel, 'private', `/gopy DA-03 ${'a'.repeat(4000)}`);
    expect(ok.text).toBe(`✅ Đã ghi nhận ý kiến C${before.seq + 1} về Đề án DA-03. Sửa: /suagopy C${before.seq + 1} … · Rút: /rutgopy C${before.seq + 1}`);
    expect((await h.app.svc.store.proposals.comment(`C${before.seq + 1}`))?.text).toHaveLength(4000);
  });
});

describe('repeated deliveries', () => {
  it('records the same message once, whether a command, a reply or a document', async () => {
    const cases: { chatId: number; send: () => Message }[] = [
      { chatId: lan.id, send: () => h.emu.sendText(lan, 'private', '/gopy DA-01 #2 Một ý kiến được gửi hai lần') },
      { chatId: groupBD.id, send: () => h.emu.sendText(hung, groupBD, 'Trả lời được gửi hai lần', { replyTo: callBD.message_id }) },
      { chatId: groupHK.id, send: () => h.emu.sendDocument(hkDel, groupHK, { fileName: 'Phụ lục.xlsx', caption: '/comment DA-01 Phụ lục số liệu' }) },
    ];
    for (const c of cases) {
      const seq = await commentSeq();
      const { sent, answer } = await post(c.send, c.chatId);
      expect(answer.text).toContain(`✅ Đã ghi nhận ý kiến C${seq + 1} về Đề án DA-01`);
      const counts = await h.app.svc.store.proposals.counts('DA-01');
      const botMessages = h.emu.botMessages(c.chatId).length;
      h.emu.pushUpdate({ message: sent } as never);
      h.emu.pushUpdate({ message: sent } as never);
      await h.settle();
      expect(await commentSeq()).toBe(seq + 1);
      expect(await h.app.svc.store.proposals.counts('DA-01')).toEqual(counts);
      expect(h.emu.botMessages(c.chatId)).toHaveLength(botMessages);
      const same = (await h.app.svc.store.proposals.comments('DA-01')).filter((x) => x.source.chatId === sent.chat.id && x.source.messageId === sent.message_id);
      expect(same.map((x) => x.id)).toEqual([`C${seq + 1}`]);
    }
  });
});

describe("a delegate's own comments", () => {
  it('lists them privately with their state; a group gets a pointer', async () => {
    const mine = await h.ask(lan, 'private', '/gopycuatoi');
    const today = viDate(Date.now());
    const blocks = mine.text!.split('\n\n');
    expect(blocks[0]).toBe('🗂 Ý kiến của đồng chí (3):');
    expect(blocks[1]).toBe(`C1 · DA-01 · mục 3.2 · ${today} · chưa xử lý\n«Đề nghị bổ sung cơ chế giám sát <chuyên đề> & tái giám sát.»`);
    expect(blocks[2]).toBe(`C7 · DA-01 · mục 3.1 · ${today} · chưa xử lý\n«Trang 5 có lỗi đánh máy»\n📎 Kèm theo: ảnh`);
    expect(blocks[3]).toMatch(/^C\d+ · DA-01 · mục 2 · .* · chưa xử lý\n«Một ý kiến được gửi hai lần»$/);
    const privately = h.emu.botMessages(hkDel.id).length;
    const pointer = await h.ask(hkDel, groupHK, '/mycomments');
    expect(pointer.text).toBe('📩 Nội dung đã được gửi vào tin nhắn riêng của đồng chí.');
    const list = await h.nextBotMessage(hkDel.id, privately);
    expect(list.text).toContain('🗂 Ý kiến của đồng chí (2):');
    expect(list.text).toContain(`C6 · DA-01 · mục 3.1 · ${today} · chưa xử lý\n«Ý kiến chi tiết trong tệp đính kèm»\n📎 Kèm theo: Góp ý quận Hoàn Kiếm.docx`);
    expect((await h.ask(bvDel, 'private', '/gopycuatoi DA-01')).text).toBe('Đồng chí chưa gửi ý kiến nào.');
    expect((await h.ask(bvDel, 'private', '/gopycuatoi da-02')).text).toContain('🗂 Ý kiến của đồng chí (1):\n\nC3 · DA-02 · mục II');
    expect((await h.ask(john, 'private', '/mycomments')).text).toBe(
      `🗂 Your comments (1):\n\nC5 · DA-01 · section 2 · ${viDate(Date.now()).replace(/^(\d\d)\/(\d\d)\/(\d{4})$/, (_m, d: string, mo: string, y: string) => `${Number(d)} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][Number(mo) - 1]} ${y}`)} · not yet handled\n“The timeline in section 2 is too short.”`,
    );
    expect((await h.ask(stranger, 'private', '/gopycuatoi')).text).toBe('ℹ️ Lệnh này chỉ dành cho thành viên đã đăng ký. Đồng chí cần đường dẫn mời từ thư ký đơn vị.');
  });

  it('edits an own comment, keeping the earlier text', async () => {
    const c1 = (await h.app.svc.store.proposals.comment('C1'))!;
    expect((await h.ask(lan, 'private', '/suagopy C1 Đề nghị bổ sung cơ chế giám sát chuyên đề hằng năm.')).text).toBe('✅ Đã sửa ý kiến C1; nội dung cũ vẫn được lưu.');
    expect((await h.ask(lan, groupBD, '/editcomment c1 Đề nghị bổ sung cơ chế giám sát chuyên đề và tái giám sát hằng năm.')).text).toBe('✅ Đã sửa ý kiến C1; nội dung cũ vẫn được lưu.');
    const after = (await h.app.svc.store.proposals.comment('C1'))!;
    expect(after).toMatchObject({ text: 'Đề nghị bổ sung cơ chế giám sát chuyên đề và tái giám sát hằng năm.', section: '3.2', status: 'active', createdAt: c1.createdAt });
    expect(after.history.map((x) => x.text)).toEqual(['Đề nghị bổ sung cơ chế giám sát <chuyên đề> & tái giám sát.', 'Đề nghị bổ sung cơ chế giám sát chuyên đề hằng năm.']);
    expect(after.history[0]!.at).toBe(c1.createdAt);
    expect(after.updatedAt).toBeGreaterThanOrEqual(after.history[1]!.at);
    expect((await h.ask(john, 'private', '/editcomment C5 The timeline in section 2 is too short; next year is more realistic.')).text).toBe('✅ Comment C5 edited; the earlier text is kept.');
  });

  it('refuses to edit or withdraw what is not the caller’s, or without text', async () => {
    const before = JSON.stringify(await h.app.svc.store.proposals.comments('DA-01'));
    expect((await h.ask(hung, 'private', '/suagopy C1 Sửa ý kiến của người khác')).text).toBe('ℹ️ Không có ý kiến «C1» của đồng chí. Gửi /gopycuatoi để xem các ý kiến của mình.');
    expect((await h.ask(hung, 'private', '/rutgopy C1')).text).toBe('ℹ️ Không có ý kiến «C1» của đồng chí. Gửi /gopycuatoi để xem các ý kiến của mình.');
    expect((await h.ask(lan, 'private', '/suagopy C999 nội dung')).text).toBe('ℹ️ Không có ý kiến «C999» của đồng chí. Gửi /gopycuatoi để xem các ý kiến của mình.');
    expect((await h.ask(lan, 'private', '/suagopy')).text).toBe('ℹ️ Thiếu mã ý kiến (ví dụ C12).');
    expect((await h.ask(lan, 'private', '/rutgopy')).text).toBe('ℹ️ Thiếu mã ý kiến (ví dụ C12).');
    expect((await h.ask(lan, 'private', '/suagopy C1')).text).toBe('ℹ️ Thiếu nội dung mới. Cách dùng: /suagopy C1 nội dung mới');
    expect((await h.ask(lan, 'private', `/suagopy C1 ${'x'.repeat(4001)}`)).text).toContain('ℹ️ Ý kiến dài 4.001 ký tự, quá giới hạn 4.000 ký tự.');
    expect((await h.ask(stranger, 'private', '/suagopy C1 x')).text).toBe('ℹ️ Lệnh này chỉ dành cho thành viên đã đăng ký. Đồng chí cần đường dẫn mời từ thư ký đơn vị.');
    expect(JSON.stringify(await h.app.svc.store.proposals.comments('DA-01'))).toBe(before);
  });

  it('withdraws an own comment: kept, marked, counted apart, no longer editable', async () => {
    const counts = await h.app.svc.store.proposals.counts('DA-01');
    expect((await h.ask(hung, 'private', '/rutgopy C2')).text).toBe('✅ Đã rút ý kiến C2. Ý kiến vẫn được lưu nhưng không đưa vào báo cáo.');
    const c2 = (await h.app.svc.store.proposals.comment('C2'))!;
    expect(c2).toMatchObject({ status: 'withdrawn', text: 'Cần làm rõ lộ trình thực hiện.' });
    expect(c2.updatedAt).toBeDefined();
    const now = await h.app.svc.store.proposals.counts('DA-01');
    expect(now).toMatchObject({
      active: counts.active! - 1, withdrawn: 1, total: counts.total, 's:': counts['s:']! - 1, 'u:BD': counts['u:BD']! - 1, 'r:none': counts['r:none']! - 1,
    });
    expect((await h.ask(hung, 'private', '/rutgopy C2')).text).toBe('ℹ️ Ý kiến C2 đã được rút.');
    expect((await h.ask(hung, 'private', '/suagopy C2 Sửa lại')).text).toBe('ℹ️ Ý kiến C2 đã được rút.');
    expect((await h.app.svc.store.proposals.comment('C2'))?.text).toBe('Cần làm rõ lộ trình thực hiện.');
    expect((await h.ask(hung, 'private', '/gopycuatoi')).text).toContain('C2 · DA-01 · ý kiến chung · ');
    expect((await h.ask(hung, 'private', '/gopycuatoi')).text).toContain(' · đã rút\n«Cần làm rõ lộ trình thực hiện.»');
  });
});

describe("the secretaries' side", () => {
  it('lists comments privately, filtered by section, unit and state', async () => {
    const all = await h.ask(clerk, 'private', '/dsgopy DA-01');
    const blocks = all.text!.split('\n\n');
    const active = (await h.app.svc.store.proposals.counts('DA-01')).active!;
    expect(blocks[0]).toBe(`🗂 Ý kiến về Đề án DA-01 (${active}):`);
    expect(blocks).toHaveLength(active + 1);
    const today = viDate(Date.now());
    expect(blocks[1]).toBe(`C1 · DA-01 · mục 3.2 · BD · Nguyễn Thị Lan · ${today} · chưa xử lý\n«Đề nghị bổ sung cơ chế giám sát chuyên đề và tái giám sát hằng năm.»`);
    expect(all.text).not.toContain('C2 ·');
    const ids = (t: string | undefined) => [...(t ?? '').matchAll(/^(C\d+) · /gm)].map((m) => m[1]);
    expect(ids((await h.ask(clerk, 'private', '/dsgopy DA-01 #3.1')).text)).toEqual(['C6', 'C7']);
    expect(ids((await h.ask(clerk, 'private', '/dsgopy da-01 hk')).text)).toEqual(['C6', expect.stringMatching(/^C\d+$/)]);
    expect(ids((await h.ask(clerk, 'private', '/dsgopy DA-01 #3.1 BD')).text)).toEqual(['C7']);
    expect(ids((await h.ask(clerk, 'private', '/dsgopy DA-01 darut')).text)).toEqual(['C2']);
    expect((await h.ask(clerk, 'private', '/dsgopy DA-01 #3.2 HK')).text).toBe('Không có ý kiến nào phù hợp về Đề án DA-01.');
    expect((await h.ask(clerk, 'private', '/dsgopy DA-01 #8')).text).toBe('ℹ️ Dự thảo DA-01 không có mục «8». Các mục: 1, 2, 3.1, 3.2.');
    expect((await h.ask(clerk, 'private', '/dsgopy DA-01 linhtinh')).text).toBe(
      'ℹ️ Lệnh chưa đúng mẫu. Cách dùng: /dsgopy MÃ_ĐỀ_ÁN [#mục] [MÃ_ĐƠN_VỊ] [trạng thái]\nTrạng thái: chuaxuly, tiepthu, motphan, giaitrinh, daxuly, darut.',
    );
    expect((await h.ask(clerk, 'private', '/dsgopy')).text).toBe('ℹ️ Thiếu mã đề án (ví dụ DA-01). Gửi /dean để xem các đề án.');
    // In a group: privately, with a pointer.
    const since = h.emu.botMessages(clerk.id).length;
    expect((await h.ask(clerk, groupBD, '/dsgopy DA-01 #1')).text).toBe('📩 Nội dung đã được gửi vào tin nhắn riêng của đồng chí.');
    expect((await h.nextBotMessage(clerk.id, since)).text).toContain('🗂 Ý kiến về Đề án DA-01 (1):\n\nC4 · DA-01 · mục 1 · BD · Phạm Quốc Hùng');
  });

  it("shows a unit's secretary only that unit's comments, and delegates none", async () => {
    const bd = await h.ask(bdClerk, 'private', '/dsgopy DA-01');
    expect([...bd.text!.matchAll(/^C\d+ · DA-01 · [^·]+ · (\w+) · /gm)].map((m) => m[1]).every((u) => u === 'BD')).toBe(true);
    expect(bd.text).not.toContain('C6');
    expect((await h.ask(bdClerk, 'private', '/dsgopy DA-01 HK')).text).toBe('ℹ️ Đồng chí không phụ trách đơn vị HK. Thư ký chỉ thao tác với đơn vị của mình.');
    expect((await h.ask(lan, 'private', '/dsgopy DA-01')).text).toBe('ℹ️ Lệnh này chỉ dành cho thư ký. Đồng chí có thể dùng /huongdan để xem các lệnh của mình.');
    expect((await h.ask(john, 'private', '/comments DA-01')).text).toBe('ℹ️ This command is for secretaries only. Use /help to see your commands.');
  });

  it('records responses and tells each author privately, in their language', async () => {
    const lanSince = h.emu.botMessages(lan.id).length;
    expect((await h.ask(clerk, 'private', '/tiepthu C1 tiepthu Đã bổ sung vào mục 3.2 của dự thảo <lần 3>.')).text).toBe(
      '✅ Đã ghi nhận hình thức «Tiếp thu» cho ý kiến C1; người góp ý được thông báo riêng.',
    );
    expect((await h.nextBotMessage(lan.id, lanSince)).text).toBe(
      '📬 Ý kiến C1 của đồng chí về Đề án DA-01 đã được cơ quan soạn thảo tiếp thu: «Đã bổ sung vào mục 3.2 của dự thảo <lần 3>.»\n' +
        'Nội dung ý kiến: «Đề nghị bổ sung cơ chế giám sát chuyên đề và tái giám sát hằng năm.»',
    );
    const hkSince = h.emu.botMessages(hkDel.id).length;
    expect((await h.ask(clerk, groupHK, '/respond C6 partial Tiếp thu phần số liệu, phần tổ chức bộ máy giữ như dự thảo.')).text).toBe(
      '✅ Đã ghi nhận hình thức «Tiếp thu một phần» cho ý kiến C6; người góp ý được thông báo riêng.',
    );
    expect((await h.nextBotMessage(hkDel.id, hkSince)).text).toBe(
      '📬 Ý kiến C6 của đồng chí về Đề án DA-01 đã được cơ quan soạn thảo tiếp thu một phần: «Tiếp thu phần số liệu, phần tổ chức bộ máy giữ như dự thảo.»\n' +
        'Nội dung ý kiến: «Ý kiến chi tiết trong tệp đính kèm»',
    );
    const hungSince = h.emu.botMessages(hung.id).length;
    expect((await h.ask(clerk, 'private', '/tiepthu C4 giaitrinh Chỉ tiêu cụ thể sẽ giao trong kế hoạch hằng năm.')).text).toBe(
      '✅ Đã ghi nhận hình thức «Giải trình» cho ý kiến C4; người góp ý được thông báo riêng.',
    );
    expect((await h.nextBotMessage(hung.id, hungSince)).text).toBe(
      '📬 Cơ quan soạn thảo giải trình về ý kiến C4 của đồng chí đối với Đề án DA-01: «Chỉ tiêu cụ thể sẽ giao trong kế hoạch hằng năm.»\n' +
        'Nội dung ý kiến: «Thống nhất với mục tiêu, đề nghị bổ sung chỉ tiêu cụ thể.»',
    );
    const johnSince = h.emu.botMessages(john.id).length;
    expect((await h.ask(engClerk, 'private', '/respond C5 explain The schedule follows Resolution 15.')).text).toBe(
      '✅ “Explained” recorded for comment C5; its author has been told privately.',
    );
    expect((await h.nextBotMessage(john.id, johnSince)).text).toBe(
      '📬 The drafting team explained its position on your comment C5 on proposal DA-01: “The schedule follows Resolution 15.”\n' +
        'Your comment: “The timeline in section 2 is too short; next year is more realistic.”',
    );

    expect(await h.app.svc.store.proposals.comment('C1')).toMatchObject({
      response: { kind: 'accept', text: 'Đã bổ sung vào mục 3.2 của dự thảo <lần 3>.', by: clerk.id, byName: 'Trần Thị Hoa', at: expect.any(Number) },
    });
    expect((await h.app.svc.store.proposals.comment('C6'))?.response?.kind).toBe('partial');
    const counts = await h.app.svc.store.proposals.counts('DA-01');
    expect(counts).toMatchObject({ 'r:accept': 1, 'r:partial': 1, 'r:explain': 2, 'r:none': counts.active! - 4 });
    const ids = (t: string | undefined) => [...(t ?? '').matchAll(/^(C\d+) · /gm)].map((m) => m[1]);
    expect(ids((await h.ask(clerk, 'private', '/dsgopy DA-01 giaitrinh')).text)).toEqual(['C4', 'C5']);
    expect(ids((await h.ask(clerk, 'private', '/dsgopy DA-01 daphanhoi')).text)).toEqual(['C1', 'C4', 'C5', 'C6']);
    expect((await h.ask(clerk, 'private', '/dsgopy DA-01 tiepthu')).text).toContain('«Đề nghị bổ sung cơ chế giám sát chuyên đề và tái giám sát hằng năm.»\n↳ Tiếp thu: «Đã bổ sung vào mục 3.2 của dự thảo <lần 3>.»');
  });

  it('then refuses to edit or withdraw an answered comment', async () => {
    expect((await h.ask(lan, 'private', '/suagopy C1 Sửa sau phản hồi')).text).toBe('ℹ️ Ý kiến C1 đã được cơ quan soạn thảo tiếp thu, giải trình nên không sửa hay rút được nữa.');
    expect((await h.ask(lan, 'private', '/rutgopy C1')).text).toBe('ℹ️ Ý kiến C1 đã được cơ quan soạn thảo tiếp thu, giải trình nên không sửa hay rút được nữa.');
    expect((await h.ask(john, 'private', '/withdraw C5')).text).toBe('ℹ️ The drafting team has handled comment C5, so it can no longer be edited or withdrawn.');
    expect((await h.app.svc.store.proposals.comment('C1'))?.status).toBe('active');
    expect((await h.ask(lan, 'private', '/gopycuatoi')).text).toContain('· đã tiếp thu\n«Đề nghị bổ sung cơ chế giám sát chuyên đề và tái giám sát hằng năm.»\n↳ Tiếp thu: «Đã bổ sung vào mục 3.2 của dự thảo <lần 3>.»');
  });

  it('refuses bad /respond commands and anyone but council secretaries', async () => {
    const before = JSON.stringify(await h.app.svc.store.proposals.comments('DA-01'));
    const usage = 'ℹ️ Lệnh chưa đúng mẫu. Cách dùng: /tiepthu C‹số› tiepthu|motphan|giaitrinh nội dung\nVí dụ: /tiepthu C12 tiepthu Đã bổ sung vào mục 3.2 của dự thảo.';
    expect((await h.ask(clerk, 'private', '/tiepthu C7')).text).toBe(usage);
    expect((await h.ask(clerk, 'private', '/tiepthu C7 tiepthu')).text).toBe(usage);
    expect((await h.ask(clerk, 'private', '/tiepthu C7 dongy Được')).text).toBe(usage);
    expect((await h.ask(clerk, 'private', '/tiepthu C999 tiepthu Được')).text).toContain('ℹ️ Không có ý kiến «C999»');
    expect((await h.ask(clerk, 'private', '/tiepthu C2 tiepthu Được')).text).toBe('ℹ️ Ý kiến C2 đã được rút.');
    expect((await h.ask(bdClerk, 'private', '/tiepthu C7 tiepthu Được')).text).toBe('ℹ️ Việc này thuộc thẩm quyền của thư ký HĐND thành phố Hà Nội (đơn vị TP).');
    expect((await h.ask(lan, 'private', '/tiepthu C7 tiepthu Được')).text).toBe('ℹ️ Lệnh này chỉ dành cho thư ký. Đồng chí có thể dùng /huongdan để xem các lệnh của mình.');
    expect(JSON.stringify(await h.app.svc.store.proposals.comments('DA-01'))).toBe(before);
  });

  it('shows a proposal with counts by section, unit and response', async () => {
    const counts = await h.app.svc.store.proposals.counts('DA-01');
    const n = (k: string) => counts[k] ?? 0;
    const days = viNumber(daysUntil(D1.ms));
    const details = await h.ask(clerk, 'private', '/xemdean DA-01');
    expect(details.text).toBe([
      CALL_DA01,
      '',
      `Tình trạng: còn ${days} ngày.`,
      `📊 Ý kiến: ${n('active')} (đã rút 1)`,
      `Theo mục: 1: 1 · 2: ${n('s:2')} · 3.1: 2 · 3.2: 2 · ý kiến chung: ${n('s:')}`,
      `Đơn vị đã góp ý: BD (${n('u:BD')}), HK (${n('u:HK')})`,
      'Đơn vị nhất trí, không có ý kiến: BV',
      'Đơn vị chưa có ý kiến: SS',
      `Tiếp thu, giải trình: ${n('r:none')} chưa xử lý · 1 tiếp thu · 1 tiếp thu một phần · 2 giải trình`,
    ].join('\n'));
    expect(n('s:2')).toBe(2); // C5 and the repeated-delivery test's comment
    expect(n('u:BD') + n('u:HK')).toBe(n('active'));
    expect((await h.ask(stDel, 'private', '/xemdean DA-01')).text).toBe('ℹ️ Không có đề án «DA-01». Gửi /dean để xem các đề án.');
    expect((await h.ask(clerk, 'private', '/xemdean')).text).toBe('ℹ️ Thiếu mã đề án (ví dụ DA-01). Gửi /dean để xem các đề án.');
    expect((await h.ask(stranger, 'private', '/xemdean DA-01')).text).toContain('ℹ️ Lệnh này chỉ dành cho thành viên đã đăng ký.');
    const en = await h.ask(john, 'private', '/proposal DA-01');
    expect(en.text).toContain('📝 CALL FOR COMMENTS');
    expect(en.text).toContain(`State: ${daysUntil(D1.ms).toLocaleString('en')} days left.`);
    expect(en.text).toContain('Units that agree with no comments: BV');
    expect(en.text).toContain('Units not yet heard from: SS');
  });

  it('lists the proposals open to each person', async () => {
    const days = viNumber(daysUntil(D1.ms));
    const active = (await h.app.svc.store.proposals.counts('DA-01')).active!;
    expect((await h.ask(lan, 'private', '/dean')).text).toBe(
      `📝 Các đề án:\n• DA-01 «${TITLE}» · đang lấy ý kiến, hạn ${DEADLINE} (còn ${days} ngày) · ${active} ý kiến`,
    );
    const all = await h.ask(clerk, 'private', '/proposals');
    expect(all.text!.split('\n').map((l) => l.split(' «')[0])).toEqual(['📝 Các đề án:', '• DA-03', '• DA-02', '• DA-01']);
    expect((await h.ask(stDel, 'private', '/dean')).text).toMatch(new RegExp(`^📝 Các đề án:\\n• DA-03 «Budget plan for next year» · đang lấy ý kiến, hạn ${escapeRe(viWhen(D3.ms))} \\(còn [\\d.]+ ngày\\) · 1 ý kiến$`));
    expect((await h.ask(john, 'private', '/proposals')).text).toMatch(new RegExp(`^📝 Proposals:\\n• DA-01 “.+” · open until ${escapeRe(enWhen(D1.ms))} \\([\\d,]+ days left\\) · \\d+ comments$`));
  });
});

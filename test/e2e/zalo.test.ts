import { TZDate } from '@date-fns/tz';
import type { Chat, User } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileLink } from '#root/links.js';
import { ZALO_ID_BASE } from '#root/zalo/channel.js';
import { addMember, linkedGroup } from '#test/support/seed.js';
import { startZaloHarness, type ZaloHarness, type ZaloSeen, type ZaloUser } from '#test/support/zalo/harness.js';

/**
 * The same council on Zalo, end to end: the real bot and workers against both emulators.
 * Unit BD has a Telegram group and members on both channels; the bot's Zalo account may not
 * join groups (Zalo's default), so what goes to BD's group reaches its Zalo members privately.
 * People on Zalo join by the same invites, comment, answer meetings by 1 / 2 / 3, confirm
 * notices with «đã nhận», get reminders and summaries, and get files as signed links.
 */
const TZ = 'Asia/Ho_Chi_Minh';
const ADMIN = 100;
let h: ZaloHarness;
let admin: User;
let clerk: User;
let tgDelegate: User;
let groupBD: Chat;
let lan: ZaloUser;
let minh: ZaloUser;
let hoa: ZaloUser;
const ids = { lan: 0, minh: 0, hoa: 0 };

const pad = (n: number) => String(n).padStart(2, '0');
function wallClock(ms: number): string {
  const d = new TZDate(ms, TZ);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

function tokenIn(text: string | undefined): string {
  const m = /\?start=([\w-]{32})/.exec(text ?? '');
  if (!m) throw new Error(`no invite link in: ${text}`);
  return m[1]!;
}

/** Everything the bot wrote to a person on Zalo that matches. */
function seen(u: ZaloUser, match: RegExp): ZaloSeen[] {
  return h.zalo.botMessages(u.id).filter((m) => match.test(m.text ?? m.caption ?? ''));
}

const linkIn = (text: string | undefined) => /(http:\/\/127\.0\.0\.1:\d+\/f\/\S+)/.exec(text ?? '')?.[1];

beforeAll(async () => {
  h = await startZaloHarness({ env: { ADMIN_IDS: String(ADMIN), FLOOD_LIMIT: '1000' } });
  admin = h.emu.user({ id: ADMIN, first_name: 'Văn phòng', language_code: 'vi', privateOpen: true });
  clerk = h.emu.user({ first_name: 'Thư ký', last_name: 'Thành phố', language_code: 'vi', privateOpen: true });
  tgDelegate = h.emu.user({ first_name: 'Phạm', last_name: 'Hùng', language_code: 'vi', privateOpen: true });
  await h.app.svc.store.units.upsert('TP', 'HĐND Thành phố');
  await h.app.svc.store.units.upsert('BD', 'Quận Ba Đình');
  await addMember(h, clerk, 'secretary', 'TP');
  await addMember(h, tgDelegate, 'delegate', 'BD');
  groupBD = await linkedGroup(h, 'Thường trực HĐND quận Ba Đình', 'BD', clerk);
  lan = h.zalo.user({ name: 'Nguyễn Thị Lan' });
  minh = h.zalo.user({ name: 'Trần Văn Minh' });
  hoa = h.zalo.user({ name: 'Lê Thu Hoa' });
});

afterAll(async () => {
  await h?.stop();
});

describe('Zalo, end to end', () => {
  it('joins by the same invite: its token alone or after /start; the member keeps a number of Zalo’s range and the Zalo id', async () => {
    const invite = await h.ask(admin, 'private', '/moi daibieu BD 2');
    expect(invite.text).toContain('Trên Zalo');
    const token = tokenIn(invite.text);
    expect((await h.zaloAsk(lan, token)).text).toContain('Đồng chí đã tham gia đơn vị BD — Quận Ba Đình với vai trò đại biểu');
    expect((await h.zaloAsk(minh, `/start ${token}`)).text).toContain('đại biểu');
    await h.settle();
    for (const [name, u] of [['lan', lan], ['minh', minh]] as const) {
      ids[name] = await h.app.svc.store.members.idOfZalo(u.id);
      const m = await h.app.svc.store.members.get(ids[name]);
      expect(m).toMatchObject({ role: 'delegate', unit: 'BD', zaloId: u.id, name: u.display_name });
      expect(ids[name]).toBeGreaterThan(ZALO_ID_BASE);
    }
    // The inviter hears about it on Telegram, where they are.
    expect(h.emu.botMessages(ADMIN).some((m) => m.text?.includes('Nguyễn Thị Lan đã tham gia đơn vị BD'))).toBe(true);
    const who = await h.zaloAsk(lan, '/toila');
    expect(who.text).toContain(`Mã thành viên: ${ids.lan}`);
    expect(who.text).not.toMatch(/<\/?b>|&lt;|&amp;/);

    const council = await h.ask(admin, 'private', '/moi thuky TP');
    expect((await h.zaloAsk(hoa, tokenIn(council.text))).text).toContain('thư ký');
    ids.hoa = await h.app.svc.store.members.idOfZalo(hoa.id);
    // Someone already in, sending a used-up or unknown token, is told so and nothing changes.
    expect((await h.zaloAsk(minh, 'A'.repeat(32))).text).toContain('không hợp lệ');
  });

  it('joins a Telegram member’s Zalo account to their record with a one-time code: one person on both channels', async () => {
    const code = /ZL-[A-Z2-9]{8}/.exec((await h.ask(tgDelegate, 'private', '/lienketzalo')).text ?? '')?.[0];
    expect(code).toBeDefined();
    const hungOnZalo = h.zalo.user({ name: 'Phạm Hùng (Zalo)' });
    expect((await h.zaloAsk(hungOnZalo, code!.toLowerCase())).text).toContain('Đã liên kết: trên Zalo, đồng chí là đại biểu đơn vị BD');
    expect((await h.zaloAsk(hungOnZalo, '/toila')).text).toContain(`Mã thành viên: ${tgDelegate.id}`);
    expect(await h.app.svc.store.members.get(tgDelegate.id)).toMatchObject({ id: tgDelegate.id, zaloId: hungOnZalo.id, unit: 'BD' });
    // Once only; and a member who joined on Zalo is not merged into someone else's record.
    expect((await h.zaloAsk(h.zalo.user({ name: 'Khác' }), code!)).text).toContain('không đúng hoặc đã hết hạn');
    const second = /ZL-[A-Z2-9]{8}/.exec((await h.ask(tgDelegate, 'private', '/lienketzalo')).text ?? '')![0];
    expect((await h.zaloAsk(lan, second)).text).toContain('thành viên riêng');
    expect((await h.app.svc.store.members.get(ids.lan))?.zaloId).toBe(lan.id);
  });

  it('/help lists the commands that work on Zalo; Telegram-only ones say so', async () => {
    const help = (await h.zaloAsk(lan, '/huongdan')).text ?? '';
    expect(help).toContain('/gopy');
    expect(help).toContain('/dangky');
    expect(help).toContain('trả lời 1, 2, 3');
    expect(help).not.toContain('/thongbao');
    expect((await h.zaloAsk(hoa, '/thongbao tatca')).text).toContain('chỉ dùng được trên Telegram');
  });

  it('gets the call for comments privately (split under 2,000 characters) and comments with /gopy', async () => {
    const deadline = wallClock(Date.now() + 10 * 86_400_000);
    const summary = `Dự thảo gồm các phần: ${'thực trạng, mục tiêu, giải pháp. '.repeat(55)}`.slice(0, 1900);
    const created = await h.ask(clerk, 'private', `/taodean\nmã: DA-01\ntiêu đề: Nâng cao hiệu quả hoạt động của HĐND\ntóm tắt: ${summary}\ncác mục: 1, 2\nhạn: ${deadline}`);
    expect(created.text).toContain('Đã tạo đề án DA-01');
    const call = await h.zalo.waitFor(() => seen(lan, /LẤY Ý KIẾN GÓP Ý DỰ THẢO ĐỀ ÁN DA-01/)[0]);
    const all = h.zalo.botMessages(lan.id);
    const rest = all.slice(all.findIndex((m) => m.message_id === call.message_id) + 1);
    await h.zalo.waitFor(() => h.zalo.botMessages(lan.id).some((m) => m.text?.includes('/gopy DA-01')));
    expect(call.text!.length).toBeLessThanOrEqual(2000);
    expect(h.zalo.botMessages(lan.id).every((m) => (m.text ?? '').length <= 2000)).toBe(true);
    expect(rest.length + 1).toBeGreaterThanOrEqual(1);

    const r = await h.zaloAsk(lan, '/gopy DA-01 #2 Đề nghị làm rõ lộ trình <thí điểm> & kinh phí.');
    expect(r.text).toMatch(/Đã ghi nhận ý kiến C\d+ về Đề án DA-01, mục 2/);
    const id = /ý kiến (C\d+)/.exec(r.text ?? '')![1]!;
    const c = await h.app.svc.store.proposals.comment(id);
    expect(c).toMatchObject({ author: ids.lan, unit: 'BD', section: '2', text: 'Đề nghị làm rõ lộ trình <thí điểm> & kinh phí.', authorName: 'Nguyễn Thị Lan' });
    // The audit trail says where it was done.
    expect((await h.app.svc.store.history.forEntity('comment', id)).map((e) => e.via)).toEqual(['zalo']);
    expect((await h.zaloAsk(minh, '/nhattri DA-01')).text).toContain('nhất trí');
  });

  it('answers a meeting by replying 1 / 2 / 3 to its announcement, or with /dangky', async () => {
    const when = wallClock(Date.now() + 2 * 86_400_000);
    await h.ask(clerk, 'private', `/taohop\ntiêu đề: Giao ban quý IV\nthời gian: ${when}\nđơn vị: BD`);
    const ann = await h.zalo.waitFor(() => seen(lan, /THÔNG BÁO CUỘC HỌP M1/)[0]);
    expect(ann.text).toContain('Trả lời 1 để tham dự, 2 nếu vắng, 3 để cử người dự thay');
    expect((await h.zaloAsk(lan, '1')).text).toContain('Đã ghi nhận: đồng chí tham dự cuộc họp M1');
    expect((await h.app.svc.store.meetings.rsvpOf('M1', ids.lan))?.answer).toBe('yes');
    expect((await h.zaloAsk(lan, '/dangky M1 vang')).text).toContain('vắng mặt tại cuộc họp M1');
    expect((await h.zaloAsk(lan, '3')).text).toMatch(/họ tên.*người dự thay/);
    expect((await h.zaloAsk(lan, 'Đỗ Văn Nam, Phó Chủ tịch')).text).toContain('Đỗ Văn Nam, Phó Chủ tịch dự thay đồng chí tại cuộc họp M1');
    expect(await h.app.svc.store.meetings.rsvpOf('M1', ids.lan)).toMatchObject({ answer: 'sub', sub: 'Đỗ Văn Nam, Phó Chủ tịch', unit: 'BD' });
    expect((await h.zaloAsk(minh, '/dangky M1 cu Lê Văn C')).text).toContain('Lê Văn C dự thay');
    await h.settle();
    // The live counts are edits of the Telegram announcement: Zalo got the announcement once.
    expect(seen(lan, /THÔNG BÁO CUỘC HỌP M1/)).toHaveLength(1);
    expect((await h.app.svc.store.meetings.counts('M1')).sub).toBe(2);
  });

  it('gets one notice on each channel, once each, and confirms it with «đã nhận»', async () => {
    h.emu.sendText(clerk, 'private', 'THÔNG BÁO: Giao ban trực tuyến quý IV vào 14:00 thứ Sáu. Đề nghị các đồng chí dự đầy đủ.');
    const notice = h.emu.messages(clerk.id).at(-1)!;
    const preview = await h.ask(clerk, 'private', '/thongbao tatca', { replyTo: notice.message_id });
    const id = /mã (B\d+)/.exec(preview.text ?? '')![1]!;
    const send = h.emu.botMessages(clerk.id).at(-1)!;
    await h.emu.pressButton(clerk, send.raw, `bc:send:${id}`);
    await h.emu.waitForBotMessage(clerk.id, `Đã gửi thông báo ${id} tới`, { timeout: 10_000 });
    await h.settle();
    const report = h.emu.botMessages(clerk.id).findLast((m) => m.text?.includes(`Đã gửi thông báo ${id}`));
    expect(report?.text).toContain('tới 4/4 người nhận');
    const copies = (chat: number) => h.emu.botMessages(chat).filter((m) => m.text?.includes('Giao ban trực tuyến quý IV'));
    expect(copies(groupBD.id)).toHaveLength(1);
    expect(copies(tgDelegate.id)).toHaveLength(1);
    for (const u of [lan, minh]) {
      const got = seen(u, new RegExp(`Thông báo ${id}`));
      expect(got).toHaveLength(1);
      expect(got[0]!.text).toContain('Giao ban trực tuyến quý IV vào 14:00 thứ Sáu');
      expect(got[0]!.text).toContain('Trả lời «đã nhận»');
    }
    expect((await h.zaloAsk(lan, 'Đã nhận')).text).toContain(`đồng chí đã nhận thông báo ${id}`);
    expect((await h.zaloAsk(lan, 'da nhan')).text).toContain('trước đó');
    expect([...(await h.app.svc.store.broadcasts.acks(id)).keys()]).toEqual([ids.lan]);
  });

  it('gets the meeting reminder, and the nudge to answer, privately', async () => {
    const startsAt = Math.ceil((Date.now() + 70_000) / 1000) * 1000;
    await h.ask(clerk, 'private', `/taohop\ntiêu đề: Họp chuẩn bị giao ban\nthời gian: ${wallClock(startsAt)}\nđơn vị: BD\nnhắc: 66s`);
    const reminder = await h.zalo.waitFor(() => seen(minh, /^⏰/)[0], { timeout: 15_000, what: 'the reminder on Zalo' });
    expect(reminder.text).toContain('Họp chuẩn bị giao ban');
    expect(h.emu.botMessages(groupBD.id).some((m) => m.text?.startsWith('⏰'))).toBe(true);
    const nudge = await h.zalo.waitFor(() => seen(minh, /chưa xác nhận tham dự cuộc họp M2/)[0]);
    expect(nudge.text).toContain('Trả lời 1 để tham dự');
    expect((await h.zaloAsk(minh, '2')).text).toContain('vắng mặt tại cuộc họp M2');
  });

  it('gets the unit’s summary privately with /tomtat', async () => {
    const summary = await h.zaloAsk(lan, '/tomtat');
    await h.settle();
    const got = h.zalo.botMessages(lan.id).filter((m) => m.text?.startsWith('📊 TÓM TẮT'));
    expect(got.at(-1)?.text).toContain('Quận Ba Đình');
    expect(summary.text).toContain('TÓM TẮT');
    expect(got.at(-1)?.text).toContain('DA-01');
  });

  it('gets the report and the calendar file as signed links: 200, and 403 when forged or expired', async () => {
    const refused = await h.zaloAsk(lan, '/baocao DA-01');
    expect(refused.text).toContain('chỉ dành cho thư ký');
    const answer = await h.zaloAsk(hoa, '/baocao DA-01');
    const url = linkIn(answer.text);
    expect(url, answer.text).toBeDefined();
    const res = await fetch(url!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('wordprocessingml');
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');

    const forged = url!.replace(/.$/, (ch) => (ch === 'A' ? 'B' : 'A'));
    expect((await fetch(forged)).status).toBe(403);
    const old = fileLink(h.config, { kind: 'report', id: 'DA-01|docx', user: ids.hoa }, Date.now() - h.config.LINK_TTL_SEC * 1000 - 1000)!;
    const expired = await fetch(old.url);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('hết hạn');
    // A link made for someone the report is not for gives them nothing.
    const notTheirs = fileLink(h.config, { kind: 'report', id: 'DA-01|docx', user: ids.lan })!;
    expect((await fetch(notTheirs.url)).status).toBe(403);

    const ics = await h.zaloAsk(lan, '/lich M1');
    const icsRes = await fetch(linkIn(ics.text)!);
    expect(icsRes.status).toBe(200);
    expect(await icsRes.text()).toContain('BEGIN:VCALENDAR');
  });
});

describe('Zalo by webhook', () => {
  let w: ZaloHarness;
  beforeAll(async () => {
    w = await startZaloHarness({ webhookSecret: 'zalo-webhook-secret-123' });
  });
  afterAll(async () => {
    await w?.stop();
  });

  it('handles events posted with the secret header, and refuses any without it (401)', async () => {
    const u = w.zalo.user({ name: 'Khách' });
    const answer = await w.zaloAsk(u, '/toila');
    expect(answer.text).toContain('Vai trò: chưa đăng ký');
    expect(w.zalo.webhookDeliveries.every((d) => d.status === 200)).toBe(true);
    const body = JSON.stringify({ ok: true, result: { event_name: 'message.text.received', message: { message_id: 'x1', date: Date.now(), chat: { id: u.id, chat_type: 'PRIVATE' }, from: { id: u.id, display_name: 'Giả mạo' }, text: '/toila' } } });
    const wrong = await fetch(`${w.publicUrl}/zalo`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-bot-api-secret-token': 'not-the-secret' }, body });
    expect(wrong.status).toBe(401);
    const none = await fetch(`${w.publicUrl}/zalo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(none.status).toBe(401);
    await w.settle();
    expect(w.zalo.botMessages(u.id)).toHaveLength(1);
  });
});

import { randomBytes } from 'node:crypto';
import { TZDate } from '@date-fns/tz';
import type { User } from 'grammy/types';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createApp } from '#root/app.js';
import { loadConfig } from '#root/config.js';
import { createLogger } from '#root/logger.js';
import { ZALO_ID_BASE } from '#root/zalo/channel.js';
import { BotApiEmulator } from '#test/support/emulator.js';
import { addMember, linkedGroup } from '#test/support/seed.js';
import { startZaloHarness, ZaloEmulator, type ZaloHarness, type ZaloUser } from '#test/support/zalo/harness.js';

/**
 * Zalo's groups (where the bot's account may join them, and where it may not), a notice with
 * a photo, Zalo's errors and unpublished limits, and Zalo alone without Telegram.
 */
const TZ = 'Asia/Ho_Chi_Minh';
const pad = (n: number) => String(n).padStart(2, '0');
function wallClock(ms: number): string {
  const d = new TZDate(ms, TZ);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

let h: ZaloHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** A person on Zalo made a member directly (the subject here is not joining), after writing to the bot once. */
async function zaloMember(hh: ZaloHarness, u: ZaloUser, role: 'delegate' | 'secretary', unit: string): Promise<number> {
  await hh.zaloAsk(u, '/toila');
  const id = await hh.app.svc.store.members.idOfZalo(u.id);
  await hh.app.svc.store.members.put({ id, name: u.display_name, role, unit, joinedAt: 1, invitedBy: 1, zaloId: u.id });
  return id;
}

async function councilClerk(hh: ZaloHarness): Promise<User> {
  const clerk = hh.emu.user({ first_name: 'Thư ký', last_name: 'Thành phố', language_code: 'vi', privateOpen: true });
  await hh.app.svc.store.units.upsert('TP', 'HĐND Thành phố');
  await hh.app.svc.store.units.upsert('BD', 'Phường Ba Đình');
  await addMember(hh, clerk, 'secretary', 'TP');
  return clerk;
}

describe('Zalo groups', () => {
  it('where the bot may join groups, /lienketnhom in a Zalo group makes it the unit’s group: announcements and answers there', async () => {
    h = await startZaloHarness({ zalo: { canJoinGroups: true }, env: { FLOOD_LIMIT: '1000' } });
    const clerk = await councilClerk(h);
    const sec = h.zalo.user({ name: 'Thư ký Ba Đình' });
    const lan = h.zalo.user({ name: 'Nguyễn Thị Lan' });
    await zaloMember(h, sec, 'secretary', 'BD');
    const lanId = await zaloMember(h, lan, 'delegate', 'BD');
    const g = h.zalo.group({ title: 'Thường trực HĐND phường Ba Đình' });
    h.zalo.addBotToGroup(g);
    expect((await h.zaloAsk(sec, '/lienketnhom BD', g)).text).toContain('Đã liên kết nhóm này');
    const unit = await h.app.svc.store.units.get('BD');
    expect(unit?.group?.chatId).toBeLessThan(-ZALO_ID_BASE);

    await h.ask(clerk, 'private', `/taohop\ntiêu đề: Giao ban tháng\nthời gian: ${wallClock(Date.now() + 86_400_000)}\nđơn vị: BD`);
    const ann = await h.zalo.waitForBotMessage(g.id, 'THÔNG BÁO CUỘC HỌP M1');
    expect(ann.text).toContain('/dangky M1 co');
    expect((await h.zaloAsk(lan, '/dangky M1 co', g)).text).toContain('tham dự cuộc họp M1');
    expect((await h.app.svc.store.meetings.rsvpOf('M1', lanId))?.answer).toBe('yes');
    await h.settle();
    // In the group already: no private copy of the group's message.
    expect(h.zalo.botMessages(lan.id).some((m) => m.text?.includes('THÔNG BÁO CUỘC HỌP'))).toBe(false);
    await h.zaloAsk(lan, '/tomtat', g);
    await h.zalo.waitForBotMessage(g.id, /^📊 TÓM TẮT/);
  });

  it('where it may not, /lienketnhom in private links the unit’s Zalo members one by one, and /donvi says so', async () => {
    h = await startZaloHarness({ env: { FLOOD_LIMIT: '1000' } });
    const clerk = await councilClerk(h);
    const sec = h.zalo.user({ name: 'Thư ký Ba Đình' });
    const people = [h.zalo.user({ name: 'Lan' }), h.zalo.user({ name: 'Minh' })];
    await zaloMember(h, sec, 'secretary', 'BD');
    for (const p of people) await zaloMember(h, p, 'delegate', 'BD');
    const g = h.zalo.group({ title: 'Nhóm' });
    expect(() => h!.zalo.addBotToGroup(g)).toThrow();
    expect((await h.zaloAsk(sec, '/lienketnhom BD')).text).toContain('gửi riêng tới từng thành viên dùng Zalo');
    const units = await h.zaloAsk(sec, '/donvi');
    expect(units.text).toContain('Zalo: tin nhắn riêng tới từng thành viên');

    await h.ask(clerk, 'private', `/taohop\ntiêu đề: Giao ban tháng\nthời gian: ${wallClock(Date.now() + 86_400_000)}\nđơn vị: BD`);
    for (const p of [sec, ...people]) {
      const ann = await h.zalo.waitForBotMessage(p.id, 'THÔNG BÁO CUỘC HỌP M1');
      expect(ann.text).toContain('Trả lời 1 để tham dự');
    }
    expect((await h.zaloAsk(people[1]!, '2')).text).toContain('vắng mặt tại cuộc họp M1');
  });

  it('on a Telegram group, /donvi on Zalo names the members who get its messages privately', async () => {
    h = await startZaloHarness({ env: { FLOOD_LIMIT: '1000' } });
    const clerk = await councilClerk(h);
    await linkedGroup(h, 'Thường trực HĐND phường Ba Đình', 'BD', clerk);
    const hoa = h.zalo.user({ name: 'Hoa' });
    await zaloMember(h, hoa, 'secretary', 'TP');
    await zaloMember(h, h.zalo.user({ name: 'Lan' }), 'delegate', 'BD');
    const units = await h.zaloAsk(hoa, '/donvi');
    expect(units.text).toMatch(/BD — Phường Ba Đình · nhóm «Thường trực HĐND phường Ba Đình» · 1 thành viên · Zalo: 1 thành viên nhận tin của nhóm bằng tin nhắn riêng/);
  });
});

describe('forms on Zalo', () => {
  it('creates a meeting through the guided questions, answered by text («bỏ qua», «hủy»), and a draft with key: value lines', async () => {
    h = await startZaloHarness({ env: { FLOOD_LIMIT: '1000' } });
    await councilClerk(h);
    const hoa = h.zalo.user({ name: 'Lê Thu Hoa' });
    const lan = h.zalo.user({ name: 'Lan' });
    await zaloMember(h, hoa, 'secretary', 'TP');
    await zaloMember(h, lan, 'delegate', 'BD');
    await h.zaloAsk(hoa, '/taohop');
    const first = h.zalo.botMessages(hoa.id).at(-1)!;
    expect(first.text).toContain('Bước 1/9');
    expect(first.text).toContain('«hủy»');
    expect((await h.zaloAsk(hoa, 'hủy')).text).toContain('Đã hủy');
    await h.zaloAsk(hoa, '/taohop');
    await h.zaloAsk(hoa, 'Họp chuyên đề giám sát');
    expect((await h.zaloAsk(hoa, 'không phải ngày')).text).toContain('Bước 2/9');
    const step3 = await h.zaloAsk(hoa, wallClock(Date.now() + 2 * 86_400_000));
    expect(step3.text).toContain('«bỏ qua»');
    for (const answer of ['bỏ qua', 'Hội trường tầng 2', 'bỏ qua', 'BD', 'bỏ qua', 'bỏ qua']) await h.zaloAsk(hoa, answer);
    const done = await h.zaloAsk(hoa, 'bỏ qua');
    expect(done.text).toContain('Đã tạo cuộc họp M1');
    const m = await h.app.svc.store.meetings.get('M1');
    expect(m).toMatchObject({ title: 'Họp chuyên đề giám sát', place: 'Hội trường tầng 2', units: ['BD'], createdBy: await h.app.svc.store.members.idOfZalo(hoa.id) });
    // BD has no group linked: its Zalo members have no copy to get yet.
    const draft = await h.zaloAsk(hoa, `/taodean\nmã: DA-05\ntiêu đề: Quy chế làm việc\ncác mục: 1\nhạn: ${wallClock(Date.now() + 7 * 86_400_000)}`);
    expect(draft.text).toContain('Đã tạo đề án DA-05');
    expect((await h.zaloAsk(lan, '/taohop')).text).toMatch(/^ℹ️/);
  });
});

describe('a stranger on Zalo', () => {
  it('is refused everything that needs a role, and nothing is stored', async () => {
    h = await startZaloHarness({ env: { FLOOD_LIMIT: '1000' } });
    const clerk = await councilClerk(h);
    await h.ask(clerk, 'private', `/taodean\nmã: DA-09\ntiêu đề: Dự thảo thử\nhạn: ${wallClock(Date.now() + 5 * 86_400_000)}`);
    await h.ask(clerk, 'private', `/taohop\ntiêu đề: Họp thử\nthời gian: ${wallClock(Date.now() + 86_400_000)}`);
    const x = h.zalo.user({ name: 'Người lạ' });
    const tries = ['/gopy DA-09 ý kiến', '/nhattri DA-09', '/dangky M1 co', '1', 'đã nhận', '/baocao DA-09', '/lich M1', '/tomtat', '/lienketnhom BD', '/themdonvi XX Đơn vị lạ', '/moi daibieu BD', '/thanhvien BD', '/donvi', '/cuochop M1', '/xemdean DA-09'];
    for (const t of tries) {
      const answer = await h.zaloAsk(x, t);
      expect(answer.text, t).toMatch(/^ℹ️|chưa|Chưa|không/);
      expect(answer.text, t).not.toMatch(/https?:\/\/\S+\/f\//);
    }
    const { store } = h.app.svc;
    expect(await store.proposals.comments('DA-09')).toEqual([]);
    expect((await store.proposals.agreed('DA-09')).size).toBe(0);
    expect((await store.meetings.rsvps('M1')).size).toBe(0);
    expect(await store.units.get('XX')).toBeUndefined();
    expect((await store.units.get('BD'))?.group).toBeUndefined();
    expect(await store.invites.live()).toEqual([]);
  });
});

describe('a notice with a photo', () => {
  it('goes to Zalo as the photo by a signed link with the text as its caption; the link serves the photo; «đã nhận» confirms it', async () => {
    h = await startZaloHarness({ env: { FLOOD_LIMIT: '1000' } });
    const clerk = await councilClerk(h);
    const lan = h.zalo.user({ name: 'Lan' });
    await zaloMember(h, lan, 'delegate', 'BD');
    const photo = h.emu.sendPhoto(clerk, 'private', { caption: 'Sơ đồ phòng họp giao ban quý IV.' });
    const preview = await h.ask(clerk, 'private', '/thongbao daibieu', { replyTo: photo.message_id });
    const id = /mã (B\d+)/.exec(preview.text ?? '')![1]!;
    await h.emu.pressButton(clerk, h.emu.botMessages(clerk.id).at(-1)!.raw, `bc:send:${id}`);
    const got = await h.zalo.waitFor(() => h!.zalo.botMessages(lan.id).find((m) => m.photo));
    expect(got.caption).toContain(`Thông báo ${id}`);
    expect(got.caption).toContain('Sơ đồ phòng họp giao ban quý IV.');
    expect(got.photo).toMatch(new RegExp(`^${h.publicUrl}/f/`));
    const res = await fetch(got.photo!);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).toString()).toBe('emulated photo');
    // Short enough for one caption: the photo carries the text and how to confirm, nothing follows.
    expect(got.caption).toContain('Trả lời «đã nhận»');
    await h.settle();
    expect(h.zalo.botMessages(lan.id).filter((m) => m.photo || m.text?.includes('Sơ đồ'))).toHaveLength(1);
    expect((await h.zaloAsk(lan, 'đã nhận')).text).toContain(`đã nhận thông báo ${id}`);
  });
});

describe('Zalo’s errors and unpublished limits', () => {
  it('backs off on every error (over-limit, 5xx) and still delivers each message exactly once', async () => {
    // The bot believes in generous limits; Zalo enforces 5/s and 1/s per chat and answers errors.
    h = await startZaloHarness({ zalo: { limits: { perSec: 5, perChatPerSec: 1 } }, env: { FLOOD_LIMIT: '1000', ZALO_SEND_PER_SEC: '50', ZALO_SEND_PER_CHAT_PER_SEC: '10', ZALO_BACKOFF_MAX_SEC: '2' } });
    const clerk = await councilClerk(h);
    const people: ZaloUser[] = [];
    for (let i = 0; i < 8; i++) {
      const u = h.zalo.user({ name: `Đại biểu ${i}` });
      people.push(u);
      await zaloMember(h, u, 'delegate', 'BD');
    }
    await h.settle();
    h.zalo.failNext('sendMessage', { error_code: 502, description: 'Bad Gateway' }, 2);
    h.emu.sendText(clerk, 'private', 'THÔNG BÁO: họp khẩn 8 giờ sáng mai.');
    const preview = await h.ask(clerk, 'private', '/thongbao daibieu', { replyTo: h.emu.messages(clerk.id).at(-1)!.message_id });
    const id = /mã (B\d+)/.exec(preview.text ?? '')![1]!;
    await h.emu.pressButton(clerk, h.emu.botMessages(clerk.id).at(-1)!.raw, `bc:send:${id}`);
    await h.emu.waitForBotMessage(clerk.id, `Đã gửi thông báo ${id} tới 8/8`, { timeout: 20_000 });
    for (const u of people) expect(h.zalo.botMessages(u.id).filter((m) => m.text?.includes('họp khẩn'))).toHaveLength(1);
    expect(h.zalo.stats().errors).toBeGreaterThanOrEqual(2);
  });
});

describe('Zalo alone', () => {
  it('starts without BOT_TOKEN, answers on Zalo, and never calls Telegram', async () => {
    const tg = await BotApiEmulator.start();
    const zalo = await ZaloEmulator.start();
    const config = loadConfig({
      ZALO_BOT_TOKEN: zalo.token,
      ZALO_API_ROOT: zalo.apiRoot,
      TELEGRAM_API_ROOT: tg.apiRoot,
      REDIS_URL: inject('redisUrl'),
      REDIS_PREFIX: `t${randomBytes(4).toString('hex')}`,
      HTTP_PORT: '0',
      HTTP_HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      ADMIN_IDS: String(ZALO_ID_BASE + 1),
    });
    expect(config.TELEGRAM_ENABLED).toBe(false);
    const app = await createApp({ config, log: createLogger('silent') });
    await app.start('all');
    try {
      const admin = zalo.user({ name: 'Văn phòng' });
      zalo.sendText(admin, 'private', '/toila');
      const who = await zalo.waitFor(() => zalo.botMessages(admin.id)[0]);
      expect(who.text).toContain('quản trị viên');
      zalo.sendText(admin, 'private', '/themdonvi BD Phường Ba Đình');
      await zalo.waitFor(() => zalo.botMessages(admin.id)[1]);
      zalo.sendText(admin, 'private', '/moi daibieu BD');
      const invite = await zalo.waitFor(() => zalo.botMessages(admin.id)[2]);
      const token = /\n([A-Za-z0-9_-]{32})$/.exec(invite.text ?? '')?.[1];
      expect(token, invite.text).toBeDefined();
      const lan = zalo.user({ name: 'Lan' });
      zalo.sendText(lan, 'private', token!);
      expect((await zalo.waitFor(() => zalo.botMessages(lan.id)[0])).text).toContain('đại biểu');
      // The inviter hears about it on Zalo, where they are.
      expect((await zalo.waitFor(() => zalo.botMessages(admin.id)[3])).text).toContain('Lan đã tham gia đơn vị BD');
      const ready = await fetch(`http://127.0.0.1:${app.httpPort}/readyz`);
      expect(await ready.json()).toEqual({ ok: true, checks: { redis: 'ok', zalo: 'ok', workers: 'ok' } });
      expect(tg.calls).toEqual([]);
    } finally {
      await app.stop();
      await tg.close();
      await zalo.close();
    }
  });
});

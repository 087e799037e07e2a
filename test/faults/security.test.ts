import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Chat, User } from 'grammy/types';
import { startHarness, type Harness } from '#test/support/harness.js';
import { fingerprint } from '#test/support/snapshot.js';

/**
 * Every privileged command and button, tried by people who may not use it: a stranger, a
 * delegate, and the secretary of another unit. Each attempt must be refused in words (ℹ️, a rule stated)
 * or with an alert, and leave every record exactly as it was.
 */
let h: Harness;
const ADMIN = 7001;
let admin: User;
let cityClerk: User;
let bdClerk: User;
let hkClerk: User;
let delegate: User;
let hkDelegate: User;
let stranger: User;
let groupBD: Chat;
let usedToken = '';

async function state(): Promise<string> {
  return (await fingerprint(h.app.svc.store.redis, h.app.svc.store.keys.prefix)).hash;
}

beforeAll(async () => {
  h = await startHarness({ env: { ADMIN_IDS: String(ADMIN), FLOOD_LIMIT: '100000' } });
  const s = h.app.svc.store;
  for (const [c, n] of [['TP', 'HĐND Thành phố'], ['BD', 'Quận Ba Đình'], ['HK', 'Quận Hoàn Kiếm']] as const) await s.units.upsert(c, n);
  admin = h.emu.user({ id: ADMIN, first_name: 'Quản trị', privateOpen: true });
  cityClerk = h.emu.user({ first_name: 'Thư ký TP', privateOpen: true });
  bdClerk = h.emu.user({ first_name: 'Thư ký BD', privateOpen: true });
  hkClerk = h.emu.user({ first_name: 'Thư ký HK', privateOpen: true });
  delegate = h.emu.user({ first_name: 'Đại biểu BD', privateOpen: true });
  hkDelegate = h.emu.user({ first_name: 'Đại biểu HK', privateOpen: true });
  stranger = h.emu.user({ first_name: 'Người lạ', privateOpen: true });
  const put = (u: User, role: 'delegate' | 'secretary', unit: string) =>
    s.members.put({ id: u.id, name: u.first_name, role, unit, joinedAt: 1, invitedBy: ADMIN });
  await put(cityClerk, 'secretary', 'TP');
  await put(bdClerk, 'secretary', 'BD');
  await put(hkClerk, 'secretary', 'HK');
  await put(delegate, 'delegate', 'BD');
  await put(hkDelegate, 'delegate', 'HK');
  groupBD = h.emu.group({ title: 'Nhóm BD' });
  h.emu.addBotToGroup(groupBD, bdClerk);
  await h.settle();
  await h.ask(bdClerk, groupBD, '/lienketnhom BD');
  // A meeting and a proposal for BD only, a comment by the BD delegate, a notice to BD.
  await h.ask(cityClerk, 'private', '/taohop\ntiêu đề: Họp BD\nthời gian: 15/10/2031 14:00\nđơn vị: BD');
  await h.ask(cityClerk, 'private', '/taodean\nmã: DA-01\ntiêu đề: Dự thảo\ncác mục: 1, 2\nhạn: 22/10/2031 17:00\nđơn vị: BD');
  await h.ask(delegate, 'private', '/gopy #1 Ý kiến của đại biểu BD');
  h.emu.sendText(cityClerk, 'private', 'Thông báo cho BD');
  const notice = h.emu.messages(cityClerk.id).at(-1)!;
  const control = await h.ask(cityClerk, 'private', '/thongbao BD', { replyTo: notice.message_id });
  await h.emu.pressButton(cityClerk, control.raw, 'bc:send:B1');
  const invite = await h.ask(admin, 'private', '/invite delegate BD');
  usedToken = /start=([\w-]+)/.exec(invite.text!)![1]!;
  await h.ask(h.emu.user({ first_name: 'Người được mời', privateOpen: true }), 'private', `/start ${usedToken}`);
  await h.settle();
});
afterAll(() => h.stop());

// A refusal starts with ℹ️: a rule stated, not a scolding (test/unit/voice.test.ts keeps ⛔ out of the texts).
const refusal = /^ℹ️/;

describe('privileged commands', () => {
  const attempts: [string, 'private' | 'group'][] = [
    ['/addunit XX Xã X', 'private'],
    ['/remove 424242', 'private'],
    ['/invite secretary BD', 'private'],
    ['/invite delegate BD', 'private'],
    ['/members BD', 'private'],
    ['/taohop\ntiêu đề: X\nthời gian: 15/10/2031 14:00', 'private'],
    ['/suahop M1\ntiêu đề: Đổi', 'private'],
    ['/huyhop M1 lý do', 'private'],
    ['/taodean\nmã: DA-09\ntiêu đề: X\nhạn: 22/10/2031 17:00', 'private'],
    ['/tiepthu C1 tiepthu Được', 'private'],
    ['/baocao DA-01', 'private'],
    ['/dsgopy DA-01 BD', 'private'],
    ['/thongbao BD', 'private'],
    ['/danhan B1', 'private'],
    ['/huythongbao B1', 'private'],
    ['/lienketnhom BD', 'group'],
    ['/huylienket', 'group'],
    ['/lichtomtat hangngay 08:00', 'group'],
  ];

  for (const [who, actor] of [['a stranger', () => stranger], ['a delegate', () => delegate], ['another unit’s secretary', () => hkClerk]] as const) {
    it(`refuses ${who} every time and changes nothing`, async () => {
      const before = await state();
      const outcomes: string[] = [];
      for (const [command, where] of attempts) {
        const u = actor();
        // Commands that another unit's secretary may legitimately use for their own unit are
        // aimed at BD here, so every one of them must be refused.
        const reply = await h.ask(u, where === 'group' ? groupBD : 'private', command);
        if (!refusal.test(reply.text ?? '')) outcomes.push(`${command.split('\n')[0]} → ${reply.text}`);
        await h.settle();
      }
      expect(outcomes).toEqual([]);
      expect(await state()).toBe(before);
    });
  }

  it('refuses another member’s comment edits and withdrawals', async () => {
    const before = await state();
    for (const u of [hkDelegate, bdClerk, stranger]) {
      expect((await h.ask(u, 'private', '/suagopy C1 đổi nội dung')).text).toMatch(refusal);
      expect((await h.ask(u, 'private', '/rutgopy C1')).text).toMatch(refusal);
    }
    expect(await state()).toBe(before);
  });

  it('refuses a replayed invite token', async () => {
    const before = await state();
    expect((await h.ask(stranger, 'private', `/start ${usedToken}`)).text).toMatch(/^ℹ️ Đường dẫn mời đã dùng hết số lượt/);
    expect(await h.app.svc.store.members.get(stranger.id)).toBeUndefined();
    expect(await state()).toBe(before);
  });
});

describe('buttons and forged callback data', () => {
  it('answers with an alert and changes nothing', async () => {
    const before = await state();
    const ann = h.emu.botMessages(groupBD.id).find((m) => m.text?.startsWith('📅 THÔNG BÁO CUỘC HỌP M1'))!;
    const control = h.emu.botMessages(cityClerk.id).find((m) => m.text?.includes('B1'))!;
    const presses: [User, { chat: { id: number }; message_id: number }, string][] = [
      [hkDelegate, ann.raw, 'rsvp:M1:yes'],
      [stranger, ann.raw, 'rsvp:M1:no'],
      [hkClerk, ann.raw, 'rsvp:M1:sub'],
      [stranger, ann.raw, 'rsvp:M999:yes'],
      [delegate, control.raw, 'bc:send:B1'],
      [hkClerk, control.raw, 'bc:cancel:B1'],
      [stranger, control.raw, 'bc:send:B999'],
      [stranger, ann.raw, 'ack:B1'],
      [hkDelegate, ann.raw, 'ack:B1'],
    ];
    const failures: string[] = [];
    for (const [u, msg, data] of presses) {
      const answer = await h.emu.pressButton(u, msg, data);
      if (!answer?.show_alert) failures.push(`${u.first_name} ${data} → ${JSON.stringify(answer)}`);
    }
    // Data no handler knows (stale or forged): an alert, and nothing else.
    for (const data of ['bc:send:B1; DROP', 'rsvp:M1:maybe', 'x'.repeat(64), 'ack:', 'rsvp:M1:yes:extra']) {
      const answer = await h.emu.pressButton(stranger, ann.raw, data);
      if (answer?.text !== 'ℹ️ Nút này không còn hiệu lực. Đồng chí vui lòng dùng tin nhắn mới nhất hoặc gửi /huongdan.') failures.push(`${data} → ${JSON.stringify(answer)}`);
    }
    await h.emu.pressButton(stranger, ann.raw, 'wiz:skip'); // no guided form open: nothing happens
    await h.settle();
    expect(failures).toEqual([]);
    expect(await state()).toBe(before);
    expect((await h.ask(stranger, 'private', '/whoami')).text).toContain('chưa đăng ký');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Chat, Message, User } from 'grammy/types';
import { GROUP_ANONYMOUS_BOT, type EmuMessage } from '#test/support/emulator.js';
import { startHarness, type Harness } from '#test/support/harness.js';
import { addMember } from '#test/support/seed.js';
import { fingerprint } from '#test/support/snapshot.js';

/**
 * A group admin with "Remain anonymous" on posts as the group itself: the bot cannot tell
 * who wrote, so it acts on nothing and records nothing, and says how to act as oneself.
 */
let h: Harness;
let clerk: User; // secretary of TP: council-wide
let bdClerk: User; // secretary of BD, an admin of the group
let lan: User; // delegate of BD
let group: Chat;

const LINK = 'https://t.me/giaoban_test_bot';
const EXPLAIN_COMMAND =
  '⚠️ Đồng chí đang gửi với tư cách quản trị viên ẩn danh của nhóm, nên hệ thống không xác định được người gửi và chưa thực hiện lệnh. ' +
  'Để sử dụng lệnh này, đồng chí vui lòng tắt chế độ «Ẩn danh» (Remain anonymous) trong quyền quản trị của mình rồi gửi lại, ' +
  `hoặc nhắn riêng cho hệ thống tại ${LINK}.`;
const EXPLAIN_MESSAGE =
  '⚠️ Đồng chí đang gửi với tư cách quản trị viên ẩn danh của nhóm, nên hệ thống không xác định được người gửi và chưa ghi nhận tin nhắn này. ' +
  'Để gửi ý kiến, đồng chí vui lòng tắt chế độ «Ẩn danh» (Remain anonymous) trong quyền quản trị của mình rồi gửi lại, ' +
  `hoặc nhắn riêng cho hệ thống tại ${LINK}.`;

async function snapshot() {
  const { redis, keys } = h.app.svc.store;
  return fingerprint(redis, keys.prefix);
}

/** Sends as a person (or the group's anonymous admin) and returns the bot's answer in that chat. */
async function post(send: () => Message, chatId: number): Promise<{ sent: Message; answer: EmuMessage }> {
  const since = h.emu.botMessages(chatId).length;
  const sent = send();
  return { sent, answer: await h.nextBotMessage(chatId, since) };
}

/** Sends, waits until everything was handled, and returns what the bot posted in the group meanwhile. */
async function silentAfter(send: () => unknown): Promise<EmuMessage[]> {
  const since = h.emu.botMessages(group.id).length;
  send();
  await h.settle();
  return h.emu.botMessages(group.id).slice(since);
}

beforeAll(async () => {
  h = await startHarness({ env: { FLOOD_LIMIT: '1000' } });
  await h.app.svc.store.units.upsert('TP', 'HĐND Thành phố Hà Nội');
  await h.app.svc.store.units.upsert('BD', 'Quận Ba Đình');
  clerk = h.emu.user({ first_name: 'Trần Thị', last_name: 'Hoa', language_code: 'vi', privateOpen: true });
  bdClerk = h.emu.user({ first_name: 'Lê Văn', last_name: 'Bình', language_code: 'vi', privateOpen: true });
  lan = h.emu.user({ first_name: 'Nguyễn Thị', last_name: 'Lan', language_code: 'vi', privateOpen: true });
  await addMember(h, clerk, 'secretary', 'TP');
  await addMember(h, bdClerk, 'secretary', 'BD');
  await addMember(h, lan, 'delegate', 'BD');
  group = h.emu.group({ title: 'Thường trực HĐND quận Ba Đình', type: 'supergroup' });
  h.emu.addBotToGroup(group, bdClerk);
  h.emu.setMemberStatus(group, bdClerk, 'creator');
  await h.settle();
});
afterAll(() => h.stop());

describe('a command from an anonymous admin', () => {
  it('gets the explanation in the group, quoting it, and links nothing', async () => {
    const before = await snapshot();
    const { sent, answer } = await post(() => h.emu.sendAsAnonymousAdmin(group, '/lienketnhom BD'), group.id);
    expect(sent.from).toEqual(GROUP_ANONYMOUS_BOT);
    expect(answer.text).toBe(EXPLAIN_COMMAND);
    expect(answer.replyTo).toBe(sent.message_id);
    await h.settle();
    expect(h.emu.botMessages(group.id).at(-1)?.message_id).toBe(answer.message_id);
    expect(await h.app.svc.store.units.unitOfChat(group.id)).toBeUndefined();
    expect((await h.app.svc.store.units.get('BD'))?.group).toBeUndefined();
    expect(await snapshot()).toEqual(before);
  });

  it('is the same for any command, in English or addressed to this bot', async () => {
    for (const command of ['/help', '/huongdan@giaoban_test_bot', '/whoami']) {
      expect((await post(() => h.emu.sendAsAnonymousAdmin(group, command), group.id)).answer.text).toBe(EXPLAIN_COMMAND);
    }
  });

  it('works once the admin acts as themselves', async () => {
    expect((await h.ask(bdClerk, group, '/lienketnhom BD')).text).toMatch(/^✅ Đã liên kết nhóm này /);
    expect(await h.app.svc.store.units.unitOfChat(group.id)).toBe('BD');
  });
});

describe('a plain message from an anonymous admin', () => {
  let call: EmuMessage;

  it('replying to the call for comments is explained once and not recorded', async () => {
    const since = h.emu.botMessages(group.id).length;
    await h.ask(clerk, 'private', '/taodean\nmã: DA-01\ntiêu đề: Đề án thử nghiệm\nhạn: 22/10/2030 17:00\nđơn vị: BD');
    call = await h.emu.waitFor(() => h.emu.botMessages(group.id).slice(since).find((m) => m.text?.startsWith('📝 LẤY Ý KIẾN')), { what: 'the call for comments' });
    await h.settle();
    const before = await snapshot();

    const first = await post(() => h.emu.sendAsAnonymousAdmin(group, 'Đề nghị bổ sung chỉ tiêu cụ thể.', { replyTo: call.message_id }), group.id);
    expect(first.answer.text).toBe(EXPLAIN_MESSAGE);
    expect(first.answer.replyTo).toBe(first.sent.message_id);
    // A run of such replies gets one explanation, and chatter that is not addressed to the bot none.
    expect(await silentAfter(() => h.emu.sendAsAnonymousAdmin(group, '#2 Thêm một ý nữa.', { replyTo: call.message_id }))).toEqual([]);
    expect(await silentAfter(() => h.emu.sendAsAnonymousAdmin(group, 'Cảm ơn các đồng chí.'))).toEqual([]);
    expect(await h.app.svc.store.proposals.comments('DA-01')).toEqual([]);
    // Only the once-an-hour mark was written, and it is not a record (the fingerprint leaves it out).
    expect(await snapshot()).toEqual(before);

    // A delegate replying as themselves is recorded as usual.
    const own = await post(() => h.emu.sendText(lan, group, 'Thống nhất với dự thảo.', { replyTo: call.message_id }), group.id);
    expect(own.answer.text).toMatch(/^✅ Đã ghi nhận ý kiến C1 về Đề án DA-01\./);
    expect((await h.app.svc.store.proposals.comments('DA-01')).map((c) => c.author)).toEqual([lan.id]);
  });

  it('does not hide what the group does: a rename by an anonymous admin is still followed', async () => {
    h.emu.pushUpdate({
      message: {
        message_id: 10_000,
        date: Math.floor(Date.now() / 1000),
        chat: group,
        from: GROUP_ANONYMOUS_BOT,
        sender_chat: group,
        new_chat_title: 'Thường trực HĐND quận Ba Đình (khóa mới)',
      },
    } as never);
    await h.settle();
    expect((await h.app.svc.store.units.get('BD'))?.group?.title).toBe('Thường trực HĐND quận Ba Đình (khóa mới)');
  });
});

describe('in a deployment whose default language is English', () => {
  it('explains in English', async () => {
    const en = await startHarness({ env: { DEFAULT_LOCALE: 'en' } });
    try {
      const someone = en.emu.user({ first_name: 'Minh', language_code: 'vi' });
      const g = en.emu.group({ title: 'Standing committee' });
      en.emu.addBotToGroup(g, someone);
      await en.settle();
      const since = en.emu.botMessages(g.id).length;
      en.emu.sendAsAnonymousAdmin(g, '/linkgroup BD');
      expect((await en.nextBotMessage(g.id, since)).text).toBe(
        "⚠️ You are posting as the group's anonymous admin, so the bot cannot tell who you are, and the command was not carried out. " +
          `To use it, turn off “Remain anonymous” in your admin rights and send it again, or write to the bot in private: ${LINK}`,
      );
    } finally {
      await en.stop();
    }
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Bot, GrammyError, InlineKeyboard, InputFile, webhookCallback } from 'grammy';
import type { Message, Update } from 'grammy/types';
import { BotApiEmulator, GROUP_ANONYMOUS_BOT, TELEGRAM_LIMITS } from './support/emulator.js';

let emu: BotApiEmulator;
let bot: Bot;
const running: Bot[] = [];

function newBot(): Bot {
  const b = new Bot(emu.token, { client: { apiRoot: emu.apiRoot }, botInfo: emu.botInfo });
  b.catch((err) => {
    throw err.error;
  });
  return b;
}

/** Starts long polling and resolves once the bot is fetching updates. */
async function startPolling(b: Bot): Promise<void> {
  running.push(b);
  await new Promise<void>((resolve) => void b.start({ onStart: () => resolve() }));
}

/** The error a Bot API call failed with. */
async function apiError(call: Promise<unknown>): Promise<GrammyError> {
  const err = await call.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(GrammyError);
  return err as GrammyError;
}

interface ApiReply<T> { ok: boolean; result: T; error_code?: number; description?: string }

/** A Bot API call without grammY, to test the HTTP layer itself. */
async function raw<T = unknown>(path: string, init?: RequestInit): Promise<{ status: number; body: ApiReply<T> }> {
  const res = await fetch(`${emu.apiRoot}${path}`, init);
  return { status: res.status, body: (await res.json()) as ApiReply<T> };
}

beforeEach(async () => {
  emu = await BotApiEmulator.start();
  bot = newBot();
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((b) => b.stop()));
  await emu.close();
});

describe('HTTP surface', () => {
  it('answers getMe like Telegram and refuses a wrong token or an unknown method', async () => {
    const me = await bot.api.getMe();
    expect(me).toMatchObject({ id: 123456, is_bot: true, first_name: 'Giao Ban', username: 'giaoban_test_bot', can_read_all_group_messages: false });

    const wrong = await raw('/bot1:WRONG/getMe');
    expect(wrong).toEqual({ status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized' } });

    const unknown = await raw(`/bot${emu.token}/sendTelepathy`, { method: 'POST' });
    expect(unknown).toEqual({ status: 404, body: { ok: false, error_code: 404, description: 'Not Found: method not found' } });
  });

  it('accepts urlencoded bodies and GET query strings', async () => {
    const alice = emu.user({ first_name: 'Alice' });
    emu.sendText(alice, 'private', 'hi');
    const form = await raw(`/bot${emu.token}/sendMessage`, {
      method: 'POST',
      body: new URLSearchParams({ chat_id: String(alice.id), text: 'form', reply_markup: JSON.stringify({ inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] }) }),
    });
    expect(form.body.ok).toBe(true);
    const get = await raw<Message>(`/bot${emu.token}/sendMessage?chat_id=${alice.id}&text=query`);
    expect(get.body.result.text).toBe('query');
    expect(emu.botMessages(alice.id).map((m) => m.text)).toEqual(['form', 'query']);
    expect(emu.lastBotMessage(alice.id)?.buttons).toEqual([]);
    expect(emu.botMessages(alice.id)[0]?.buttons).toEqual([[{ text: 'A', data: 'a' }]]);
  });

  it('long-polls getUpdates, wakes on a new update and drops confirmed ones', async () => {
    const alice = emu.user({ first_name: 'Alice' });
    const started = Date.now();
    const poll = raw<Update[]>(`/bot${emu.token}/getUpdates?timeout=10`);
    setTimeout(() => emu.sendText(alice, 'private', '/start'), 30);
    const updates = (await poll).body.result;
    expect(Date.now() - started).toBeLessThan(2000);
    expect(updates).toHaveLength(1);
    expect(updates[0]?.message?.entities).toEqual([{ type: 'bot_command', offset: 0, length: 6 }]);
    expect(emu.pendingUpdates()).toBe(1);
    await bot.api.getUpdates({ offset: (updates[0]?.update_id ?? 0) + 1, timeout: 0 });
    expect(emu.pendingUpdates()).toBe(0);
  });
});

describe('conversation through a real grammY bot', () => {
  it('handles a command, a button press and an edit the way a person would see them', async () => {
    bot.command('start', (ctx) =>
      ctx.reply('Xin chào <b>bạn</b> &amp; chúc mừng', {
        parse_mode: 'HTML',
        reply_markup: new InlineKeyboard().text('Có mặt', 'attend').text('Vắng', 'absent'),
      }));
    bot.callbackQuery('attend', async (ctx) => {
      await ctx.answerCallbackQuery({ text: 'Đã ghi nhận' });
      await ctx.editMessageText('Bạn đã xác nhận có mặt');
    });
    await startPolling(bot);
    const alice = emu.user({ first_name: 'Alice', last_name: 'Nguyen' });

    emu.sendText(alice, 'private', '/start@giaoban_test_bot');
    const menu = await emu.waitForBotMessage(alice.id, /Xin chào/);
    expect(menu.text).toBe('Xin chào bạn & chúc mừng');
    expect(menu.html).toBe('Xin chào <b>bạn</b> &amp; chúc mừng');
    expect(menu.raw.entities).toEqual([{ type: 'bold', offset: 9, length: 3 }]);
    expect(menu.buttons).toEqual([[{ text: 'Có mặt', data: 'attend' }, { text: 'Vắng', data: 'absent' }]]);

    const answer = await emu.pressButton(alice, menu, 'attend');
    expect(answer).toEqual({ text: 'Đã ghi nhận' });
    const edited = await emu.waitForBotMessage(alice.id, 'xác nhận');
    expect(edited).toMatchObject({ message_id: menu.message_id, edits: 1, history: ['Xin chào bạn & chúc mừng'], buttons: [] });
    expect(emu.transcript(alice.id)).toMatch(/^\[\d\d:\d\d:\d\d\] Alice Nguyen: \/start@giaoban_test_bot\n\[\d\d:\d\d:\d\d\] Giao Ban: Bạn đã xác nhận có mặt \(edited\)$/);
    expect(emu.stats()).toMatchObject({ sent: 1, edits: 1, errors429: 0 });
  });

  it('resolves pressButton with undefined when the bot never answers', async () => {
    const alice = emu.user({ first_name: 'Alice' });
    emu.sendText(alice, 'private', 'hi');
    const sent = await bot.api.sendMessage(alice.id, 'x', { reply_markup: new InlineKeyboard().text('go', 'go') });
    const press = emu.pressButton(alice, sent, 'go');
    await emu.close(); // resolves pending presses at once instead of after 5 s
    expect(await press).toBeUndefined();
    emu = await BotApiEmulator.start();
  });

  it('uploads documents as multipart and serves what the bot sent', async () => {
    const alice = emu.user({ first_name: 'Alice' });
    const council = emu.group({ title: 'HĐND xã' });
    emu.addBotToGroup(council, alice);
    const content = Buffer.from('biên bản họp');
    const sent = await bot.api.sendDocument(council.id, new InputFile(content, 'Biên bản họp 01.docx'), {
      caption: '<i>Dự thảo</i>',
      parse_mode: 'HTML',
      reply_markup: new InlineKeyboard().url('Mở', 'https://example.org/d'),
    });
    expect(sent.document?.file_name).toBe('Biên bản họp 01.docx');
    expect(sent.document?.mime_type).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const stored = emu.file(sent.document?.file_id ?? '');
    expect(stored?.data.equals(content)).toBe(true);
    const last = emu.lastBotMessage(council.id);
    expect(last).toMatchObject({ caption: 'Dự thảo', html: '<i>Dự thảo</i>', document: { file_name: 'Biên bản họp 01.docx', size: content.length } });
    expect(last?.buttons).toEqual([[{ text: 'Mở', url: 'https://example.org/d' }]]);
    expect(emu.calls.at(-1)?.params.document).toEqual({ fileName: 'Biên bản họp 01.docx', size: content.length });

    const copy = await bot.api.copyMessage(council.id, council.id, sent.message_id);
    expect(emu.messages(council.id).find((m) => m.message_id === copy.message_id)?.document?.file_id).toBe(sent.document?.file_id);
    await bot.api.pinChatMessage(council.id, copy.message_id, { disable_notification: true });
    expect(emu.transcript(council.id)).toContain('📎 Biên bản họp 01.docx Dự thảo 📌 pinned');
  });

  it('lets users send documents with commands in the caption, and replies', async () => {
    const seen: string[] = [];
    // grammY's bot.command() looks at text entities only, so captions are matched by hand.
    bot.on('message:document', (ctx) => {
      const command = ctx.msg.caption_entities?.find((e) => e.type === 'bot_command');
      seen.push(`${ctx.msg.document.file_name}:${command && ctx.msg.caption?.slice(command.offset, command.offset + command.length)}`);
      return ctx.reply('Đã nhận', { reply_parameters: { message_id: ctx.msg.message_id } });
    });
    await startPolling(bot);
    const bob = emu.user({ first_name: 'Bob' });
    const group = emu.group({ title: 'Tổ', type: 'supergroup' });
    expect(group.id).toBeLessThan(-1000000000000);
    emu.addBotToGroup(group, bob);
    const doc = emu.sendDocument(bob, group, { fileName: 'y-kien.docx', caption: '/gopy điều 5' });
    const reply = await emu.waitForBotMessage(group.id, 'Đã nhận');
    expect(seen).toEqual(['y-kien.docx:/gopy']);
    expect(reply.replyTo).toBe(doc.message_id);
    expect(reply.raw.reply_to_message?.message_id).toBe(doc.message_id);

    const upload = emu.sendDocument(bob, group, { fileName: 'gop-y.txt', data: 'nội dung' });
    const file = await bot.api.getFile(upload.document?.file_id ?? '');
    const download = await fetch(`${emu.apiRoot}/file/bot${emu.token}/${file.file_path}`);
    expect(await download.text()).toBe('nội dung');
  });
});

describe('Telegram errors', () => {
  it('refuses messages to people and groups the bot cannot reach', async () => {
    const alice = emu.user({ first_name: 'Alice' });
    expect((await apiError(bot.api.sendMessage(alice.id, 'hi'))).description).toBe("Forbidden: bot can't initiate conversation with a user");
    emu.sendText(alice, 'private', 'hello');
    await bot.api.sendMessage(alice.id, 'hi');
    emu.blockBot(alice);
    expect((await apiError(bot.api.sendMessage(alice.id, 'hi'))).description).toBe('Forbidden: bot was blocked by the user');
    emu.sendText(alice, 'private', 'unblocked');
    await bot.api.sendMessage(alice.id, 'welcome back');
    emu.deactivateUser(alice);
    expect((await apiError(bot.api.sendMessage(alice.id, 'hi'))).error_code).toBe(403);

    const group = emu.group({ title: 'G' });
    expect((await apiError(bot.api.sendMessage(group.id, 'x'))).description).toBe('Forbidden: bot is not a member of the group chat');
    emu.addBotToGroup(group, alice);
    await bot.api.sendMessage(group.id, 'x');
    emu.removeBotFromGroup(group, alice, true);
    expect((await apiError(bot.api.sendMessage(group.id, 'x'))).description).toBe('Forbidden: bot was kicked from the group chat');
    emu.deleteChat(group.id);
    expect((await apiError(bot.api.sendMessage(group.id, 'x'))).description).toBe('Bad Request: chat not found');
  });

  it('reports a migrated group with migrate_to_chat_id', async () => {
    const alice = emu.user({ first_name: 'Alice' });
    const group = emu.group({ title: 'G' });
    emu.addBotToGroup(group, alice);
    const supergroup = emu.migrateGroup(group);
    expect(supergroup).toMatchObject({ type: 'supergroup', title: 'G' });
    const err = await apiError(bot.api.sendMessage(group.id, 'x'));
    expect(err.description).toBe('Bad Request: group chat was upgraded to a supergroup chat');
    expect(err.parameters.migrate_to_chat_id).toBe(supergroup.id);
    await bot.api.sendMessage(supergroup.id, 'x');
    expect(emu.messages(group.id)[0]?.raw.migrate_to_chat_id).toBe(supergroup.id);
    expect(emu.messages(supergroup.id)[0]?.raw.migrate_from_chat_id).toBe(group.id);
  });

  it("refuses to copy service messages and quizzes whose answer the bot does not know", async () => {
    const alice = emu.user({ first_name: 'Alice' });
    const bob = emu.user({ first_name: 'Bob' });
    const group = emu.group({ title: 'G' });
    emu.addBotToGroup(group, alice);
    const cantCopy = "Bad Request: message can't be copied";
    const joined = emu.sendServiceMessage(alice, group, { new_chat_members: [bob] });
    const hello = emu.sendText(alice, 'private', 'hello');
    const pinned = emu.sendServiceMessage(alice, 'private', { pinned_message: hello });
    expect((await apiError(bot.api.copyMessage(alice.id, group.id, joined.message_id))).description).toBe(cantCopy);
    expect((await apiError(bot.api.copyMessage(group.id, alice.id, pinned.message_id))).description).toBe(cantCopy);

    // A forwarded quiz arrives without its answer; one posted in the private chat carries it.
    const forwarded = emu.sendPoll(alice, 'private', { question: 'Năm thành lập?', options: ['1945', '1946'], quiz: { correct: 1 }, forwardedFrom: bob });
    expect(forwarded.poll?.correct_option_ids).toBeUndefined();
    expect((await apiError(bot.api.copyMessage(group.id, alice.id, forwarded.message_id))).description).toBe(cantCopy);
    const own = emu.sendPoll(alice, 'private', { question: 'Năm thành lập?', options: ['1945', '1946'], quiz: { correct: 1 } });
    expect(own.poll?.correct_option_ids).toEqual([1]);
    await bot.api.copyMessage(group.id, alice.id, own.message_id);

    const poll = emu.sendPoll(alice, 'private', { question: 'Họp sáng hay chiều?', options: ['Sáng', 'Chiều'] });
    const pollCopy = await bot.api.copyMessage(group.id, alice.id, poll.message_id);
    const copied = emu.messages(group.id).find((m) => m.message_id === pollCopy.message_id)!.raw.poll;
    expect(copied).toMatchObject({ question: 'Họp sáng hay chiều?', type: 'regular', total_voter_count: 0 });
    expect(copied?.id).not.toBe(poll.poll?.id);

    // copyMessage takes one part of an album, without the album.
    const album = emu.sendAlbum(alice, 'private', [{ caption: 'Ảnh 1' }, { fileName: 'Tờ trình.pdf', caption: 'Tệp 2' }]);
    expect(new Set(album.map((m) => m.media_group_id)).size).toBe(1);
    expect(album.map((m) => [m.photo !== undefined, m.document?.file_name])).toEqual([[true, undefined], [false, 'Tờ trình.pdf']]);
    const partCopy = await bot.api.copyMessage(group.id, alice.id, album[1]!.message_id);
    const part = emu.messages(group.id).find((m) => m.message_id === partCopy.message_id)!;
    expect([part.caption, part.document?.file_name, part.raw.media_group_id]).toEqual(['Tệp 2', 'Tờ trình.pdf', undefined]);
  });

  it('validates HTML, length and edits like Telegram', async () => {
    const alice = emu.user({ first_name: 'Alice' });
    emu.sendText(alice, 'private', 'hi');
    const html = (text: string) => apiError(bot.api.sendMessage(alice.id, text, { parse_mode: 'HTML' }));
    expect((await html('a < b')).description).toMatch(/^Bad Request: can't parse entities: /);
    expect((await html('Tom & Jerry')).description).toMatch(/^Bad Request: can't parse entities: /);
    expect((await html('<b>bold<i>x</b></i>')).description).toMatch(/^Bad Request: can't parse entities: Unmatched end tag/);
    expect((await html('<div>x</div>')).description).toMatch(/Unsupported start tag "div"/);
    expect((await html('<b>open')).description).toMatch(/Can't find end tag corresponding to start tag "b"/);
    const ok = await bot.api.sendMessage(alice.id, '<a href="https://x.org">x</a> <span class="tg-spoiler">s</span> &#39;&quot;', { parse_mode: 'HTML' });
    expect(ok.text).toBe('x s \'"');

    expect((await apiError(bot.api.sendMessage(alice.id, 'x'.repeat(4097)))).description).toBe('Bad Request: message is too long');
    expect((await apiError(bot.api.sendMessage(alice.id, ' '))).description).toBe('Bad Request: message text is empty');
    const plain = await bot.api.sendMessage(alice.id, 'plain', { reply_markup: new InlineKeyboard().text('k', 'k') });
    const sameAgain = bot.api.editMessageText(alice.id, plain.message_id, 'plain', { reply_markup: new InlineKeyboard().text('k', 'k') });
    expect((await apiError(sameAgain)).description).toMatch(/^Bad Request: message is not modified/);
    // Telegram drops the keyboard when an edit does not repeat it.
    await bot.api.editMessageText(alice.id, plain.message_id, 'plain');
    expect(emu.lastBotMessage(alice.id)).toMatchObject({ text: 'plain', buttons: [], edits: 1, history: [] });
    expect((await apiError(bot.api.editMessageText(alice.id, 999, 'y'))).description).toBe('Bad Request: message to edit not found');
  });

  it('injects failures, 5xx faults and flood limits', async () => {
    const alice = emu.user({ first_name: 'Alice' });
    emu.sendText(alice, 'private', 'hi');
    emu.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 7', parameters: { retry_after: 7 } });
    expect((await apiError(bot.api.sendMessage(alice.id, 'a'))).parameters.retry_after).toBe(7);
    await bot.api.sendMessage(alice.id, 'a');

    emu.setLimits(TELEGRAM_LIMITS);
    await bot.api.sendMessage(alice.id, 'b'); // the first call in a fresh window passes
    const err = await apiError(bot.api.sendMessage(alice.id, 'c'));
    expect(err.error_code).toBe(429);
    expect(err.parameters.retry_after).toBe(1);
    emu.setLimits(false);

    emu.setFaults({ error5xxRate: 1 });
    expect((await apiError(bot.api.sendMessage(alice.id, 'd'))).error_code).toBe(502);
    emu.setFaults(undefined);
    expect(emu.stats().errors429).toBe(2);
    expect(emu.botMessages(alice.id).map((m) => m.text)).toEqual(['a', 'b']);
  });

  it('keeps bot commands per scope and language', async () => {
    await bot.api.setMyCommands([{ command: 'start', description: 'Bắt đầu' }]);
    await bot.api.setMyCommands([{ command: 'hop', description: 'Họp' }], { scope: { type: 'all_group_chats' }, language_code: 'vi' });
    expect(emu.commands()).toEqual([{ command: 'start', description: 'Bắt đầu' }]);
    expect(await bot.api.getMyCommands({ scope: { type: 'all_group_chats' }, language_code: 'vi' })).toEqual([{ command: 'hop', description: 'Họp' }]);
    expect((await apiError(bot.api.setMyCommands([{ command: 'Bad-Name', description: 'x' }]))).description).toBe('Bad Request: BOT_COMMAND_INVALID');
  });
});

/** Every pending update, confirmed so the next call starts afresh. */
async function drainUpdates(b: Bot = bot): Promise<Update[]> {
  const updates = await b.api.getUpdates({ timeout: 0 });
  const last = updates.at(-1);
  if (last) await b.api.getUpdates({ offset: last.update_id + 1, timeout: 0 });
  return updates;
}

/** What the bot heard: the text of each message update, or the kind of the update. */
const heard = (updates: Update[]) => updates.map((u) => u.message?.text ?? u.message?.caption ?? Object.keys(u).find((k) => k !== 'update_id'));

describe('privacy mode', () => {
  it('lets only commands, replies to the bot and service messages through in a group, everything in private', async () => {
    const alice = emu.user({ first_name: 'Alice' });
    const group = emu.group({ title: 'Tổ' });
    emu.addBotToGroup(group, alice);
    await drainUpdates();
    const call = await bot.api.sendMessage(group.id, 'Góp ý dự thảo');

    emu.sendText(alice, group, 'chào cả nhóm');
    emu.sendText(alice, group, 'xem /help nhé');
    emu.sendText(alice, group, '/help');
    emu.sendText(alice, group, '/help@giaoban_test_bot');
    emu.sendText(alice, group, '/help@other_bot');
    emu.sendText(alice, group, 'ý kiến về điều 3', { replyTo: call });
    const plain = emu.sendText(alice, group, 'một tin thường');
    emu.sendText(alice, group, 'trả lời tin thường', { replyTo: plain });
    emu.sendDocument(alice, group, { fileName: 'a.docx', caption: '/gopy DA-01' });
    emu.sendDocument(alice, group, { fileName: 'b.docx', caption: 'tài liệu' });
    emu.sendText(alice, 'private', 'tin riêng');
    expect(heard(await drainUpdates())).toEqual([
      '/help', '/help@giaoban_test_bot', 'ý kiến về điều 3', '/gopy DA-01', 'tin riêng',
    ]);
    // The people see every message all the same.
    expect(emu.messages(group.id).filter((m) => m.from === alice.id)).toHaveLength(10);

    const supergroup = emu.migrateGroup(group);
    const service = await drainUpdates();
    expect(service.map((u) => [u.message?.chat.id, u.message?.migrate_to_chat_id ?? u.message?.migrate_from_chat_id])).toEqual([
      [group.id, supergroup.id],
      [supergroup.id, group.id],
    ]);
    emu.sendText(alice, supergroup, 'trong siêu nhóm');
    emu.sendText(alice, supergroup, '/whoami');
    expect(heard(await drainUpdates())).toEqual(['/whoami']);
  });

  it('lets everything through in a group where the bot is an admin', async () => {
    const alice = emu.user({ first_name: 'Alice' });
    const group = emu.group({ title: 'Tổ', type: 'supergroup' });
    emu.addBotToGroup(group, alice);
    emu.sendText(alice, group, 'trước khi là quản trị viên');
    emu.makeBotAdmin(group, alice);
    emu.sendText(alice, group, 'sau khi là quản trị viên');
    const updates = await drainUpdates();
    expect(heard(updates)).toEqual(['my_chat_member', 'my_chat_member', 'sau khi là quản trị viên']);
    expect(updates[1]?.my_chat_member).toMatchObject({ old_chat_member: { status: 'member' }, new_chat_member: { status: 'administrator', user: { id: emu.botInfo.id } } });
    expect(await bot.api.getChatMember(group.id, emu.botInfo.id)).toMatchObject({ status: 'administrator' });

    // Made an admin of a group it was not in: it joins as one.
    const other = emu.group({ title: 'Khác' });
    emu.makeBotAdmin(other, alice);
    emu.sendText(alice, other, 'xin chào');
    expect((await drainUpdates()).map((u) => u.my_chat_member?.new_chat_member.status ?? u.message?.text)).toEqual(['administrator', 'xin chào']);
  });

  it('lets everything through when switched off, and getMe says so', async () => {
    await emu.close();
    emu = await BotApiEmulator.start({ privacyMode: false });
    bot = newBot();
    expect((await bot.api.getMe()).can_read_all_group_messages).toBe(true);
    const alice = emu.user({ first_name: 'Alice' });
    const group = emu.group({ title: 'Tổ' });
    emu.addBotToGroup(group, alice);
    emu.sendText(alice, group, 'chào cả nhóm');
    expect(heard(await drainUpdates())).toEqual(['my_chat_member', 'chào cả nhóm']);
  });
});

describe('message ids', () => {
  it('counts one sequence over private chats and basic groups, and one per supergroup', async () => {
    const alice = emu.user({ first_name: 'Alice' });
    const bob = emu.user({ first_name: 'Bob' });
    const group = emu.group({ title: 'Tổ' });
    const superA = emu.group({ title: 'A', type: 'supergroup' });
    const superB = emu.group({ title: 'B', type: 'supergroup' });
    for (const g of [group, superA, superB]) emu.addBotToGroup(g, alice);

    const ids = [
      emu.sendText(alice, 'private', 'a1').message_id,
      emu.sendText(bob, 'private', 'b1').message_id,
      (await bot.api.sendMessage(alice.id, 'to alice')).message_id,
      emu.sendText(alice, group, '/g1').message_id,
      (await bot.api.sendMessage(group.id, 'to group')).message_id,
      emu.sendText(bob, 'private', 'b2').message_id,
    ];
    expect(ids).toEqual([1, 2, 3, 4, 5, 6]);

    expect(emu.sendText(alice, superA, '/a1').message_id).toBe(1);
    expect((await bot.api.sendMessage(superA.id, 'to A')).message_id).toBe(2);
    expect(emu.sendText(alice, superB, '/b1').message_id).toBe(1);
    expect(emu.sendText(alice, superA, '/a2').message_id).toBe(3);
    expect(emu.sendText(alice, 'private', 'a2').message_id).toBe(7);
    // A supergroup made from a basic group starts its own count.
    const upgraded = emu.migrateGroup(group);
    expect(emu.messages(group.id).at(-1)?.message_id).toBe(8);
    expect(emu.messages(upgraded.id).map((m) => m.message_id)).toEqual([1]);
  });
});

describe('button answers', () => {
  /** Presses a button and returns the press and its query id, as the bot receives it. */
  async function press(user: ReturnType<BotApiEmulator['user']>, msg: Message, data: string) {
    const answered = emu.pressButton(user, msg, data);
    const updates = await drainUpdates();
    const id = updates.find((u) => u.callback_query)?.callback_query?.id;
    if (!id) throw new Error('no callback query');
    return { answered, id };
  }

  it('refuses a second answer and an answer after the window', async () => {
    await emu.close();
    emu = await BotApiEmulator.start({ callbackAnswerWindowMs: 200 });
    bot = newBot();
    const alice = emu.user({ first_name: 'Alice' });
    emu.sendText(alice, 'private', 'hi');
    await drainUpdates();
    const msg = await bot.api.sendMessage(alice.id, 'x', { reply_markup: new InlineKeyboard().text('go', 'go') });
    const tooOld = 'Bad Request: query is too old and response timeout expired or query ID is invalid';

    const first = await press(alice, msg, 'go');
    await bot.api.answerCallbackQuery(first.id, { text: 'Đã ghi nhận' });
    expect(await first.answered).toEqual({ text: 'Đã ghi nhận' });
    const again = await apiError(bot.api.answerCallbackQuery(first.id, { text: 'lần nữa' }));
    expect([again.error_code, again.description]).toEqual([400, tooOld]);

    const late = await press(alice, msg, 'go');
    // The press gives up when the window closes: the person's spinner stops without an answer.
    expect(await late.answered).toBeUndefined();
    const refused = await apiError(bot.api.answerCallbackQuery(late.id, { text: 'muộn' }));
    expect([refused.error_code, refused.description]).toEqual([400, tooOld]);
    expect((await apiError(bot.api.answerCallbackQuery('42'))).description).toBe(tooOld);
  });
});

describe('anonymous group admins', () => {
  it('post as GroupAnonymousBot with the group as sender_chat, heard like anyone else', async () => {
    const alice = emu.user({ first_name: 'Alice' });
    const group = emu.group({ title: 'Thường trực phường', type: 'supergroup' });
    emu.addBotToGroup(group, alice);
    await drainUpdates();
    const call = await bot.api.sendMessage(group.id, 'Góp ý dự thảo');

    const sent = emu.sendAsAnonymousAdmin(group, '/linkgroup BD');
    emu.sendAsAnonymousAdmin(group, 'chỉ là trò chuyện');
    emu.sendAsAnonymousAdmin(group, 'ý kiến ẩn danh', { replyTo: call });
    const updates = await drainUpdates();
    expect(heard(updates)).toEqual(['/linkgroup BD', 'ý kiến ẩn danh']);
    const m = updates[0]?.message;
    expect(m?.from).toEqual({ id: 1087968824, is_bot: true, first_name: 'Group', username: 'GroupAnonymousBot' });
    expect(m?.from).toEqual(GROUP_ANONYMOUS_BOT);
    expect(m?.sender_chat).toEqual({ id: group.id, type: 'supergroup', title: 'Thường trực phường' });
    expect(m?.entities).toEqual([{ type: 'bot_command', offset: 0, length: 10 }]);
    expect(sent.message_id).toBe(m?.message_id);
    expect(updates[1]?.message?.reply_to_message?.message_id).toBe(call.message_id);
    // People see the group as the author; the anonymous bot is not counted as a member.
    expect(emu.transcript(group.id)).toContain('Thường trực phường: /linkgroup BD');
    expect(await bot.api.getChatAdministrators(group.id)).toEqual([]);
  });
});

describe('webhook mode', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it('posts updates with the secret and retries failed deliveries', async () => {
    let failFirst = true;
    const secrets: (string | string[] | undefined)[] = [];
    bot.command('start', (ctx) => ctx.reply('webhook ok'));
    const handle = webhookCallback(bot, 'http', { secretToken: 's3cret' });
    server = createServer((req, res) => {
      secrets.push(req.headers['x-telegram-bot-api-secret-token']);
      if (failFirst) {
        failFirst = false;
        res.writeHead(500).end();
        return;
      }
      void handle(req, res);
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    await bot.api.setWebhook(url, { secret_token: 's3cret' });
    expect((await bot.api.getWebhookInfo()).url).toBe(url);
    expect((await apiError(bot.api.getUpdates())).error_code).toBe(409);

    const alice = emu.user({ first_name: 'Alice' });
    emu.sendText(alice, 'private', '/start');
    await emu.waitForBotMessage(alice.id, 'webhook ok');
    await emu.waitFor(() => emu.pendingUpdates() === 0);
    expect(emu.webhookDeliveries.map((d) => d.status)).toEqual([500, 200]);
    expect(secrets).toEqual(['s3cret', 's3cret']);
  });
});

import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Chat, User } from 'grammy/types';
import type { EmuMessage } from '#test/support/emulator.js';
import { startHarness, type Harness } from '#test/support/harness.js';
import { addMember, linkedGroup } from '#test/support/seed.js';

/**
 * A unit's summary asked for again soon after one was posted in its group (SUMMARY_COOLDOWN_SEC)
 * is not posted twice: the answer replies to the first message of the summary just posted. The
 * same in private for a unit secretary, and for requests at the same moment. Scheduled
 * summaries are not held back, and are what a later /summary points to. The summaries
 * themselves are checked in summaries.test.ts.
 */
const OFFSET = 7 * 3_600_000; // Asia/Ho_Chi_Minh
const COOLDOWN_MS = 60_000;
const pad = (n: number) => String(n).padStart(2, '0');
/** The hour as the bot writes it: `14h05` in Vietnamese, `14:05` in English. */
const hhmm = (ms: number, sep = 'h') => { const d = new Date(ms + OFFSET); return `${pad(d.getUTCHours())}${sep}${pad(d.getUTCMinutes())}`; };
const pointer = (at: number, cooldownMs = COOLDOWN_MS) =>
  `📊 Tóm tắt mới nhất của đơn vị đã được gửi lúc ${hhmm(at)} (tin nhắn phía trên). Đồng chí có thể yêu cầu tóm tắt mới từ ${hhmm(at + cooldownMs)}.`;

/** Polls an asynchronous condition (Redis, BullMQ) until it holds. */
async function until<T>(probe: () => Promise<T | undefined | false | null>, what: string, timeout = 10_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The summaries the bot has posted in a group (the pointers start with "📊 Tóm tắt", not capitals). */
function summariesIn(h: Harness, g: Chat): EmuMessage[] {
  return h.emu.botMessages(g.id).filter((m) => m.text?.startsWith('📊 TÓM TẮT'));
}

/** Sends and waits until `n` more bot messages are in the chat, and everything is settled. */
async function askN(h: Harness, from: User, chat: Chat | 'private', text: string, n = 1): Promise<EmuMessage[]> {
  const chatId = chat === 'private' ? from.id : chat.id;
  const since = h.emu.botMessages(chatId).length;
  h.emu.sendText(from, chat, text);
  await h.emu.waitFor(() => h.emu.botMessages(chatId).length >= since + n, { what: `${n} bot message(s) in ${chatId}` });
  await h.settle();
  return h.emu.botMessages(chatId).slice(since);
}

describe(`within the cooldown (${COOLDOWN_MS / 1000} s)`, () => {
  let h: Harness;
  let clerk: User; // council secretary
  let engClerk: User; // council secretary, /lang en
  const people: Record<string, { clerk: User; a: User; b: User; group: Chat }> = {};

  beforeAll(async () => {
    h = await startHarness({ env: { FLOOD_LIMIT: '1000', SUMMARY_COOLDOWN_SEC: String(COOLDOWN_MS / 1000) } });
    const { units } = h.app.svc.store;
    await units.upsert('TP', 'HĐND Thành phố Hà Nội');
    clerk = h.emu.user({ first_name: 'Trần Thị', last_name: 'Hoa', privateOpen: true });
    engClerk = h.emu.user({ first_name: 'Mary', last_name: 'Tran', language_code: 'en', privateOpen: true });
    await addMember(h, clerk, 'secretary', 'TP');
    await addMember(h, engClerk, 'secretary', 'TP');
    for (const [code, name] of [['BD', 'Quận Ba Đình'], ['HK', 'Quận Hoàn Kiếm'], ['BV', 'Huyện Ba Vì'], ['ST', 'Thị xã Sơn Tây'], ['SS', 'Huyện Sóc Sơn']] as const) {
      await units.upsert(code, name);
      const unitClerk = h.emu.user({ first_name: `Thư ký ${code}`, privateOpen: true });
      const a = h.emu.user({ first_name: `Đại biểu ${code}`, last_name: 'Một', privateOpen: true });
      const b = h.emu.user({ first_name: `Đại biểu ${code}`, last_name: 'Hai', privateOpen: true });
      await addMember(h, unitClerk, 'secretary', code);
      await addMember(h, a, 'delegate', code);
      await addMember(h, b, 'delegate', code);
      // Linked with the command, so each group has its (default, weekly) summary schedule.
      const group = h.emu.group({ title: `Thường trực HĐND ${name}` });
      h.emu.addBotToGroup(group, clerk);
      await h.settle();
      expect((await h.ask(clerk, group, `/lienketnhom ${code}`)).text).toMatch(/^✅ Đã liên kết nhóm này /);
      people[code] = { clerk: unitClerk, a, b, group };
    }
    expect((await h.ask(engClerk, 'private', '/lang en')).text).toBe('✅ Language set to English.');
    await h.settle();
  });
  afterAll(() => h.stop());

  it('asked again a moment later: no second summary; the answer replies to the first message of the one just posted', async () => {
    const { a, b, group } = people.BD!;
    const [summary] = await askN(h, a, group, '/tomtat');
    expect(summary!.text).toMatch(/^📊 TÓM TẮT NGÀY .+ · Quận Ba Đình\n/);
    const last = await h.app.svc.store.digests.lastSummary(group.id);
    expect(last).toMatchObject({ chatId: group.id, messageId: summary!.message_id });
    expect(last!.at).toBeGreaterThan(Date.now() - 10_000);

    const [again] = await askN(h, b, group, '/summary');
    expect(again!.text).toBe(pointer(last!.at));
    expect(again!.replyTo).toBe(summary!.message_id);
    // In the person's language.
    const [english] = await askN(h, engClerk, group, '/tomtat');
    expect(english!.text).toBe(`📊 The unit's latest summary was posted at ${hhmm(last!.at, ':')} (the message above). A new one can be asked for from ${hhmm(last!.at + COOLDOWN_MS, ':')}.`);
    expect(english!.replyTo).toBe(summary!.message_id);
    expect(summariesIn(h, group)).toHaveLength(1);
  });

  it('three at the same moment (two in the group, the unit secretary in private) post one summary', async () => {
    const { clerk: hkClerk, a, b, group } = people.HK!;
    const groupSince = h.emu.botMessages(group.id).length;
    const privateSince = h.emu.botMessages(hkClerk.id).length;
    h.emu.sendText(a, group, '/tomtat');
    h.emu.sendText(hkClerk, 'private', '/tomtat');
    h.emu.sendText(b, group, '/tomtat');
    // The summary and two answers in the group, or the summary and one answer there and the
    // notice "posted in the group" in private: four messages in all either way.
    await h.emu.waitFor(() => h.emu.botMessages(hkClerk.id).length > privateSince && h.emu.botMessages(group.id).length >= groupSince + 2, { what: 'the answers' });
    await h.settle();

    const summaries = summariesIn(h, group);
    expect(summaries).toHaveLength(1);
    const at = (await h.app.svc.store.digests.lastSummary(group.id))!.at;
    const inGroup = h.emu.botMessages(group.id).slice(groupSince).filter((m) => m.message_id !== summaries[0]!.message_id);
    const inPrivate = h.emu.botMessages(hkClerk.id).slice(privateSince);
    expect(inPrivate).toHaveLength(1);
    const privateWon = inPrivate[0]!.text === '📊 Đã gửi tóm tắt của đơn vị HK vào nhóm của đơn vị.';
    if (!privateWon) {
      expect(inPrivate[0]!.text).toBe(`📊 Tóm tắt của đơn vị HK đã được gửi vào nhóm của đơn vị lúc ${hhmm(at)}. Đồng chí có thể yêu cầu tóm tắt mới từ ${hhmm(at + COOLDOWN_MS)}.`);
    }
    // Every group answer that did not post points to the one summary.
    expect(inGroup).toHaveLength(privateWon ? 2 : 1);
    for (const m of inGroup) {
      expect(m.text).toBe(pointer(at));
      expect(m.replyTo).toBe(summaries[0]!.message_id);
    }
  });

  it("a unit secretary in private: the second request is answered with the time of the first, and the group's /tomtat points to it", async () => {
    const { clerk: bvClerk, a, group } = people.BV!;
    expect((await askN(h, bvClerk, 'private', '/tomtat'))[0]!.text).toBe('📊 Đã gửi tóm tắt của đơn vị BV vào nhóm của đơn vị.');
    await h.emu.waitFor(() => summariesIn(h, group).length === 1, { what: "BV's summary in its group" });
    const at = (await h.app.svc.store.digests.lastSummary(group.id))!.at;
    expect((await askN(h, bvClerk, 'private', '/tomtat'))[0]!.text).toBe(
      `📊 Tóm tắt của đơn vị BV đã được gửi vào nhóm của đơn vị lúc ${hhmm(at)}. Đồng chí có thể yêu cầu tóm tắt mới từ ${hhmm(at + COOLDOWN_MS)}.`,
    );
    const [inGroup] = await askN(h, a, group, '/tomtat');
    expect(inGroup!.text).toBe(pointer(at));
    expect(inGroup!.replyTo).toBe(summariesIn(h, group)[0]!.message_id);
    expect(summariesIn(h, group)).toHaveLength(1);
    // The council-wide summary in private is not held back.
    await askN(h, clerk, 'private', '/tomtat');
    await askN(h, clerk, 'private', '/tomtat');
    expect(h.emu.botMessages(clerk.id).filter((m) => m.text?.startsWith('📊 TÓM TẮT TOÀN THÀNH PHỐ'))).toHaveLength(2);
  });

  it('a scheduled summary is not held back by a recent /tomtat, and is the one a later /tomtat points to', async () => {
    const { a, b, group } = people.ST!;
    await askN(h, a, group, '/tomtat');
    expect(summariesIn(h, group)).toHaveLength(1);
    // The group's weekly due time comes (its waiting job is made due now).
    const job = (await h.app.queues.tasks.getDelayed()).find((j: Job) => j.name === 'digest' && j.data.unit === 'ST')!;
    await job.promote();
    await h.emu.waitFor(() => summariesIn(h, group).length === 2, { what: 'the scheduled summary' });
    await h.settle();
    const scheduled = summariesIn(h, group)[1]!;
    expect(scheduled.text).toMatch(/^📊 TÓM TẮT TUẦN .+ · Thị xã Sơn Tây\n/);
    const last = await until(async () => {
      const l = await h.app.svc.store.digests.lastSummary(group.id);
      return l?.messageId === scheduled.message_id && l;
    }, 'the scheduled summary recorded as the last');

    const [again] = await askN(h, b, group, '/tomtat');
    expect(again!.text).toBe(pointer(last.at));
    expect(again!.replyTo).toBe(scheduled.message_id);
    expect(summariesIn(h, group)).toHaveLength(2);
  });

  it('a summary no longer in the group: the answer says so, without failing and without posting another', async () => {
    const { a, b, group } = people.SS!;
    const [summary] = await askN(h, a, group, '/tomtat');
    const at = (await h.app.svc.store.digests.lastSummary(group.id))!.at;
    await h.app.bot.api.deleteMessage(group.id, summary!.message_id);
    expect(summariesIn(h, group)).toHaveLength(0);

    const since = h.emu.botMessages(group.id).length;
    h.emu.sendText(b, group, '/tomtat');
    const command = h.emu.messages(group.id).at(-1)!;
    const answer = await h.nextBotMessage(group.id, since);
    // An answer to the command, as other refusals are.
    expect(answer.replyTo).toBe(command.message_id);
    expect(answer.text).toBe(
      `📊 Tóm tắt mới nhất của đơn vị đã được gửi lúc ${hhmm(at)}; tin nhắn đó không còn trong nhóm. Đồng chí có thể yêu cầu tóm tắt mới từ ${hhmm(at + COOLDOWN_MS)}.`,
    );
    await h.settle();
    expect(summariesIn(h, group)).toHaveLength(0);
  });
});

describe('after the cooldown', () => {
  let h: Harness;
  afterAll(() => h?.stop());

  it('a new summary is posted', async () => {
    h = await startHarness({ env: { FLOOD_LIMIT: '1000', SUMMARY_COOLDOWN_SEC: '1' } });
    await h.app.svc.store.units.upsert('BD', 'Quận Ba Đình');
    const clerk = h.emu.user({ first_name: 'Lê Văn', last_name: 'Bình', privateOpen: true });
    const lan = h.emu.user({ first_name: 'Nguyễn Thị', last_name: 'Lan', privateOpen: true });
    await addMember(h, clerk, 'secretary', 'BD');
    await addMember(h, lan, 'delegate', 'BD');
    const group = await linkedGroup(h, 'Thường trực HĐND quận Ba Đình', 'BD', clerk);

    await askN(h, lan, group, '/tomtat');
    const first = await h.app.svc.store.digests.lastSummary(group.id);
    expect(first).toBeDefined();
    // The record lasts the cooldown, then is gone.
    await until(async () => (await h.app.svc.store.digests.lastSummary(group.id)) === undefined, 'the cooldown to pass', 5000);
    expect(Date.now() - first!.at).toBeGreaterThanOrEqual(1000);

    await askN(h, lan, group, '/tomtat');
    const summaries = summariesIn(h, group);
    expect(summaries).toHaveLength(2);
    expect((await h.app.svc.store.digests.lastSummary(group.id))?.messageId).toBe(summaries[1]!.message_id);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Chat, User } from 'grammy/types';
import { addMember, linkedGroup } from '#test/support/seed.js';
import { REAL_LIMITS, startHarness, type Harness } from '#test/support/harness.js';
import { TELEGRAM_LIMITS, type EmuMessage } from '#test/support/emulator.js';
import type { Delivery } from '#root/telegram/outbox.js';

/**
 * The sender under Telegram's real limits: a backlog in one chat delays only that chat,
 * a burst of answers leaves one pending edit of the announcement, and an announcement whose
 * group became a supergroup is posted anew there and edited from then on.
 */
let h: Harness;
let clerk: User;
let hkDelegates: User[];
let groupBD: Chat;
let groupHK: Chat;

const DAY = 86_400_000;

/** A date a month from now as a secretary writes it (dd/mm/yyyy), so the test never ages. */
function inAMonth(hour: string): string {
  const d = new Date(Date.now() + 30 * DAY);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()} ${hour}`;
}

function meetingForm(title: string, units: string): string {
  return ['/taohop', `tiêu đề: ${title}`, `thời gian: ${inAMonth('14:00')}`, `đơn vị: ${units}`, 'nhắc: 1d'].join('\n');
}

function current(m: EmuMessage): EmuMessage {
  return h.emu.botMessages(m.chatId).find((x) => x.message_id === m.message_id)!;
}

async function announcementIn(chat: Chat, id: string): Promise<EmuMessage> {
  return h.emu.waitFor(() => h.emu.botMessages(chat.id).find((m) => (m.history[0] ?? m.text)?.startsWith(`📅 THÔNG BÁO CUỘC HỌP ${id}\n`)), {
    what: `announcement of ${id} in ${chat.id}`,
    timeout: 8000,
  });
}

/** Polls an asynchronous probe (a store read) until it gives a value. */
async function eventually<T>(probe: () => Promise<T | undefined | false>, what: string, timeout = 8000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Edit jobs still waiting to be sent for one message. */
async function pendingEdits(chatId: number, messageId: number): Promise<number> {
  const jobs = await h.app.queues.deliver.getJobs(['waiting', 'prioritized', 'delayed', 'active']);
  return jobs.filter((j) => j?.data.kind === 'edit' && j.data.chatId === chatId && j.data.messageId === messageId).length;
}

beforeAll(async () => {
  h = await startHarness({ env: { ...REAL_LIMITS, FLOOD_LIMIT: '1000' }, emulator: { limits: TELEGRAM_LIMITS } });
  const { units } = h.app.svc.store;
  for (const [code, name] of [['TP', 'HĐND Thành phố Hà Nội'], ['BD', 'Phường Ba Đình'], ['HK', 'Phường Hoàn Kiếm'], ['ST', 'Phường Sơn Tây']] as const) {
    await units.upsert(code, name);
  }
  clerk = h.emu.user({ first_name: 'Trần Thị', last_name: 'Hoa', privateOpen: true });
  await addMember(h, clerk, 'secretary', 'TP');
  hkDelegates = [];
  for (let i = 1; i <= 30; i++) {
    const u = h.emu.user({ first_name: 'Đại biểu', last_name: `HK ${i}`, privateOpen: true });
    await addMember(h, u, 'delegate', 'HK');
    hkDelegates.push(u);
  }
  groupBD = await linkedGroup(h, 'Thường trực HĐND phường Ba Đình', 'BD', clerk);
  groupHK = await linkedGroup(h, 'Thường trực HĐND phường Hoàn Kiếm', 'HK', clerk);
});
afterAll(() => h.stop());

describe('fair sending', () => {
  it('leaves at most one pending edit of an announcement while 30 people answer in 10 seconds', async () => {
    const created = await h.ask(clerk, 'private', meetingForm('Giao ban trực tuyến', 'HK'));
    const id = /cuộc họp (M\d+)/.exec(created.text!)![1]!;
    const ann = await announcementIn(groupHK, id);
    let most = 0;
    for (const u of hkDelegates) {
      expect(await h.emu.pressButton(u, ann.raw, `rsvp:${id}:yes`)).toEqual({ text: `✅ Đã ghi nhận: đồng chí tham dự cuộc họp ${id}.` });
      most = Math.max(most, await pendingEdits(groupHK.id, ann.message_id));
      await new Promise((r) => setTimeout(r, 330));
    }
    // One being sent and one waiting at most: newer counts replace the queued edit.
    expect(most).toBeLessThanOrEqual(2);
    expect(await pendingEdits(groupHK.id, ann.message_id)).toBeLessThanOrEqual(1);
    const done = await h.emu.waitFor(() => current(ann).text?.endsWith('Đã trả lời: 30 tham dự · 0 vắng · 0 cử người dự thay · 0 chưa trả lời') && current(ann), {
      what: 'the final counts',
      timeout: 15_000,
    });
    // Far fewer edits than answers, within the group's edit limit.
    expect(done.edits).toBeGreaterThanOrEqual(1);
    expect(done.edits).toBeLessThanOrEqual(8);
    expect(await h.app.svc.store.meetings.counts(id)).toEqual({ yes: 30, no: 0, sub: 0 });
    expect(h.emu.stats().errors429).toBe(0);
  });

  it('posts the current announcement in a group that became a supergroup, and edits that one from then on', async () => {
    const st = h.emu.user({ first_name: 'Đại biểu', last_name: 'Sơn Tây', privateOpen: true });
    const st2 = h.emu.user({ first_name: 'Đại biểu', last_name: 'Sơn Tây 2', privateOpen: true });
    await addMember(h, st, 'delegate', 'ST');
    await addMember(h, st2, 'delegate', 'ST');
    const old = await linkedGroup(h, 'Thường trực HĐND phường Sơn Tây', 'ST', clerk);
    const created = await h.ask(clerk, 'private', meetingForm('Họp Thường trực mở rộng', 'ST'));
    const id = /cuộc họp (M\d+)/.exec(created.text!)![1]!;
    const first = await announcementIn(old, id);

    const upgraded = h.emu.migrateGroup(old);
    await eventually(async () => (await h.app.svc.store.units.get('ST'))?.group?.chatId === upgraded.id, 'the unit follows the upgrade');
    expect((await h.ask(st, 'private', `/dangky ${id} co`)).text).toBe(`✅ Đã ghi nhận: đồng chí tham dự cuộc họp ${id}.`);

    // The old message cannot be edited any more; the current announcement goes to the new chat.
    const fresh = await announcementIn(upgraded, id);
    expect(fresh.text!.split('\n').at(-1)).toBe('Đã trả lời: 1 tham dự · 0 vắng · 0 cử người dự thay · 1 chưa trả lời');
    expect(fresh.buttons?.[0]?.map((b) => b.data)).toEqual([`rsvp:${id}:yes`, `rsvp:${id}:no`, `rsvp:${id}:sub`]);
    expect(current(first).edits).toBe(0);
    const kept = await eventually(async () => {
      const anns = await h.app.svc.store.meetings.announcements(id);
      return anns.has(upgraded.id) && anns;
    }, 'the new announcement recorded');
    expect(kept).toEqual(new Map([[upgraded.id, fresh.message_id]]));

    // The next answer edits the new announcement in place.
    await h.ask(st2, 'private', `/dangky ${id} vang`);
    const edited = await h.emu.waitFor(() => current(fresh).text?.endsWith('Đã trả lời: 1 tham dự · 1 vắng · 0 cử người dự thay · 0 chưa trả lời') && current(fresh), { what: 'the new announcement edited', timeout: 10_000 });
    expect(edited.edits).toBe(1);
    expect(h.emu.botMessages(upgraded.id).filter((m) => (m.history[0] ?? m.text)?.startsWith(`📅 THÔNG BÁO CUỘC HỌP ${id}\n`))).toHaveLength(1);
  });

  it('keeps a backlog in one group to that group: a private command elsewhere is answered at once', async () => {
    // 45 messages for one group: at 20 a minute, more than two minutes of its own schedule.
    const backlog: Delivery[] = Array.from({ length: 45 }, (_, i) => ({ id: `backlog_${i}`, chatId: groupBD.id, kind: 'text', html: `Tin nhắn số ${i + 1}` }));
    await h.app.svc.outbox.send(backlog);
    await h.emu.waitFor(() => h.emu.botMessages(groupBD.id).length >= 5, { what: 'the first messages of the backlog', timeout: 8000 });
    await eventually(async () => (await h.app.svc.limiter.backlogMs(groupBD.id)) > 60_000, 'the group booked a minute ahead');

    // The last test: the backlog keeps the queue busy for minutes, so nothing after it can settle.
    // Someone elsewhere asks; the answer does not wait for the group (it used to wait minutes).
    const answer = await h.ask(hkDelegates[0]!, 'private', '/toila');
    expect(answer.text).toContain('Vai trò: đại biểu');
    expect(h.emu.botMessages(groupBD.id).length).toBeLessThan(45);
    // A group elsewhere is not held up either.
    const inHK = await h.ask(hkDelegates[1]!, groupHK, '/toila');
    expect(inHK.text).toContain('đại biểu');
    expect(h.emu.botMessages(groupBD.id).length).toBeLessThan(45);
    // A reply in the busy group itself goes before the group's queued messages.
    const inBD = await h.ask(hkDelegates[2]!, groupBD, '/toila', {});
    expect(inBD.text).toContain('đại biểu');
    expect(h.emu.botMessages(groupBD.id).filter((m) => m.text?.startsWith('Tin nhắn số')).length).toBeLessThan(45);
    expect(h.emu.stats().errors429).toBe(0);
  });
});

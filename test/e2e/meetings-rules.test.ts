import { TZDate } from '@date-fns/tz';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Chat, User } from 'grammy/types';
import type { Actor } from '#root/domain/roles.js';
import { addMember, linkedGroup } from '#test/support/seed.js';
import { startHarness, type Harness } from '#test/support/harness.js';
import type { EmuMessage } from '#test/support/emulator.js';

/**
 * The meeting rules where timing matters: a step that finishes later is decided with the
 * person's record as it is then (a guided /newmeeting, a substitute's name), and changes that
 * race each other end in one consistent state (edit against cancel, many answers at once).
 */
const TZ = 'Asia/Ho_Chi_Minh';
const DAY = 86_400_000;
let h: Harness;
let clerk: User; // secretary of TP: council-wide
let clerk2: User; // another secretary of TP
let groupBD: Chat;
const delegates: User[] = [];

const pad = (n: number) => String(n).padStart(2, '0');

/** `dd/mm/yyyy HH:MM` in the council's zone, `days` from today at `hour`:00. */
function dayAt(days: number, hour: number): string {
  const d = new TZDate(Date.now() + days * DAY, TZ);
  return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()} ${pad(hour)}:00`;
}

async function meetingSeq(): Promise<number> {
  const { store } = h.app.svc;
  return Number((await store.redis.get(store.keys.seq('meeting'))) ?? 0);
}

function announcementIn(chat: Chat, id: string): EmuMessage | undefined {
  return h.emu.botMessages(chat.id).find((m) => m.text?.startsWith(`📅 THÔNG BÁO CUỘC HỌP ${id}\n`) || m.history[0]?.startsWith(`📅 THÔNG BÁO CUỘC HỌP ${id}\n`));
}

async function newMeeting(title: string, opts: { units?: string; reminders?: string } = {}): Promise<string> {
  const reply = await h.ask(clerk, 'private', `/taohop\ntiêu đề: ${title}\nthời gian: ${dayAt(10, 14)}\nđơn vị: ${opts.units ?? 'BD'}\nnhắc: ${opts.reminders ?? '1d, 1h'}`);
  const id = /cuộc họp (M\d+)/.exec(reply.text ?? '')?.[1];
  if (!id) throw new Error(`meeting not created: ${reply.text}`);
  return id;
}

/** The reminders a meeting has in the queue and in the due index. */
async function remindersOf(id: string): Promise<{ jobs: string[]; due: string[] }> {
  const { store } = h.app.svc;
  const jobs = (await h.app.queues.tasks.getDelayed(0, 10_000)).map((j) => j.id!).filter((j) => j.startsWith(`remind-${id}-`)).sort();
  const due = (await store.redis.zrange(store.keys.remindDue, '0', '-1')).filter((e) => e.startsWith(`${id}|`)).sort();
  return { jobs, due };
}

/** The counts as stored next to a recount of the stored answers. */
async function countsAndRecount(id: string) {
  const { meetings } = h.app.svc.store;
  const answers = [...(await meetings.rsvps(id)).values()];
  const recount = { yes: 0, no: 0, sub: 0 };
  const byUnit: Record<string, number> = {};
  for (const a of answers) {
    recount[a.answer]++;
    byUnit[a.unit] = (byUnit[a.unit] ?? 0) + 1;
  }
  return { counts: await meetings.counts(id), recount, answered: await meetings.answeredByUnit(id), byUnit };
}

beforeAll(async () => {
  h = await startHarness({ env: { FLOOD_LIMIT: '100000' } });
  const { units } = h.app.svc.store;
  for (const [code, name] of [['TP', 'HĐND Thành phố Hà Nội'], ['BD', 'Quận Ba Đình'], ['HK', 'Quận Hoàn Kiếm']] as const) await units.upsert(code, name);
  clerk = h.emu.user({ first_name: 'Trần Thị', last_name: 'Hoa', privateOpen: true });
  clerk2 = h.emu.user({ first_name: 'Đỗ Văn', last_name: 'Quang', privateOpen: true });
  await addMember(h, clerk, 'secretary', 'TP');
  await addMember(h, clerk2, 'secretary', 'TP');
  for (let i = 0; i < 20; i++) {
    const d = h.emu.user({ first_name: `Đại biểu Ba Đình ${i + 1}`, privateOpen: true });
    await addMember(h, d, 'delegate', 'BD');
    delegates.push(d);
  }
  groupBD = await linkedGroup(h, 'Thường trực HĐND quận Ba Đình', 'BD', clerk);
});
afterAll(() => h.stop());

describe('a secretary who loses the role while a guided /newmeeting is open', () => {
  /** Starts the guided form and answers the title and the time: the form waits for the duration. */
  async function openForm(sec: User): Promise<void> {
    const since = h.emu.botMessages(sec.id).length;
    h.emu.sendText(sec, 'private', '/taohop');
    await h.nextBotMessage(sec.id, since + 1); // the intro, then step 1
    expect((await h.ask(sec, 'private', 'Họp không được phép')).text).toMatch(/^Bước 2\/9\./);
    expect((await h.ask(sec, 'private', dayAt(5, 9))).text).toMatch(/^Bước 3\/9\./);
  }

  it('cannot finish it once their member record is deleted: nothing is saved or announced', async () => {
    const sec = h.emu.user({ first_name: 'Thư ký', last_name: 'Bị xóa', privateOpen: true });
    await addMember(h, sec, 'secretary', 'TP');
    await openForm(sec);
    const before = await meetingSeq();
    const groupBefore = h.emu.botMessages(groupBD.id).length;
    await h.app.svc.store.members.remove(sec.id);
    expect((await h.ask(sec, 'private', '90')).text).toBe('ℹ️ Lệnh này chỉ dành cho thư ký. Đồng chí có thể dùng /huongdan để xem các lệnh của mình.');
    await h.settle();
    expect(await meetingSeq()).toBe(before);
    expect(h.emu.botMessages(groupBD.id).slice(groupBefore)).toEqual([]);
    expect(await h.app.svc.store.pending.get(sec.id)).toBeUndefined();
  });

  it('cannot finish it once made a delegate, by the last answer or by Skip', async () => {
    const sec = h.emu.user({ first_name: 'Thư ký', last_name: 'Bị hạ', privateOpen: true });
    await addMember(h, sec, 'secretary', 'TP');
    await openForm(sec);
    // Every optional field skipped but the last one.
    let q = h.emu.botMessages(sec.id).at(-1)!;
    for (let step = 3; step <= 8; step++) {
      const n = h.emu.botMessages(sec.id).length;
      await h.emu.pressButton(sec, q, 'wiz:skip');
      q = await h.nextBotMessage(sec.id, n);
      expect(q.text).toMatch(new RegExp(`^Bước ${step + 1}/9\\.`));
    }
    const before = await meetingSeq();
    const groupBefore = h.emu.botMessages(groupBD.id).length;
    await addMember(h, sec, 'delegate', 'TP');
    const n = h.emu.botMessages(sec.id).length;
    await h.emu.pressButton(sec, q, 'wiz:skip');
    expect((await h.nextBotMessage(sec.id, n)).text).toBe('ℹ️ Lệnh này chỉ dành cho thư ký. Đồng chí có thể dùng /huongdan để xem các lệnh của mình.');
    await h.settle();
    expect(await meetingSeq()).toBe(before);
    expect(h.emu.botMessages(groupBD.id).slice(groupBefore)).toEqual([]);
    expect(await h.app.svc.store.pending.get(sec.id)).toBeUndefined();
  });

  it('is refused by the create action itself, whoever calls it', async () => {
    const { createMeeting } = await import('#root/actions/meetings.js');
    const before = await meetingSeq();
    const input = { title: 'Không được tạo', when: Date.now() + 5 * DAY };
    const delegate: Actor = { userId: delegates[0]!.id, role: 'delegate', unit: 'BD', councilWide: false };
    const unitClerk: Actor = { userId: 424242, role: 'secretary', unit: 'BD', councilWide: false };
    expect(await createMeeting(h.app.svc, delegate, input)).toEqual({ ok: false, refusal: { code: 'only-secretary' } });
    expect(await createMeeting(h.app.svc, unitClerk, input)).toEqual({ ok: false, refusal: { code: 'council-only', vars: { unit: 'TP' } } });
    await h.settle();
    expect(await meetingSeq()).toBe(before);
  });
});

describe('/editmeeting racing /cancelmeeting', () => {
  it('never un-cancels a meeting, and leaves the reminders of the final state (20 times)', async () => {
    const outcomes = { editedThenCancelled: 0, cancelledFirst: 0 };
    for (let i = 0; i < 20; i++) {
      const id = await newMeeting(`Họp đua ${i + 1}`);
      expect((await remindersOf(id)).jobs).toHaveLength(2);
      // Either first, the other 0 to 18 ms later: every interleaving from "both read the same
      // version" to "the cancellation arrives while the edit moves the reminders". Each reply
      // comes once its action and the effects it asked for are done.
      const askEdit = () => h.ask(clerk, 'private', `/suahop ${id}\ntiêu đề: Họp đua ${i + 1} (đã sửa)\nnhắc: 2d, 3h`);
      const askCancel = () => h.ask(clerk2, 'private', `/huyhop ${id} Trùng lịch`);
      const later = <T>(f: () => Promise<T>) => new Promise((r) => setTimeout(r, 2 * Math.floor(i / 2))).then(f);
      let edited: EmuMessage, cancel: EmuMessage;
      if (i % 2) [edited, cancel] = await Promise.all([askEdit(), later(askCancel)]);
      else [cancel, edited] = await Promise.all([askCancel(), later(askEdit)]);
      const m = (await h.app.svc.store.meetings.get(id))!;
      expect(cancel.text, `cancel of ${id}`).toBe(`✅ Đã hủy cuộc họp ${id}; các nhóm đã được báo, lịch nhắc đã được gỡ.`);
      expect(m.status, `status of ${id}`).toBe('cancelled');
      if (edited.text?.endsWith(`✅ Đã cập nhật cuộc họp ${id}: thông báo trong các nhóm được sửa, các nhóm nhận tin về thay đổi, lịch nhắc được điều chỉnh.`)) {
        outcomes.editedThenCancelled++;
        expect(m).toMatchObject({ title: `Họp đua ${i + 1} (đã sửa)`, version: 3 });
      } else {
        outcomes.cancelledFirst++;
        expect(edited.text, `edit of ${id}`).toBe(`ℹ️ Cuộc họp ${id} đã bị hủy.`);
        expect(m).toMatchObject({ title: `Họp đua ${i + 1}`, version: 2 });
      }
      expect(await remindersOf(id), `reminders of ${id}`).toEqual({ jobs: [], due: [] });
    }
    expect(outcomes.editedThenCancelled + outcomes.cancelledFirst).toBe(20);
    console.log('edit vs cancel outcomes', outcomes);
    await h.settle();
  }, 90_000);
});

describe('edit and cancel called at the same moment', () => {
  it('read the same version, one of them reads again: a cancelled meeting stays cancelled (20 times)', async () => {
    const { cancelMeeting, editMeeting } = await import('#root/actions/meetings.js');
    const actor = (u: User): Actor => ({ userId: u.id, role: 'secretary', unit: 'TP', councilWide: true });
    const outcomes = { editedThenCancelled: 0, cancelledFirst: 0, writesRefused: 0 };
    // Counted for the record only: how often a change found the meeting changed and decided again.
    const { meetings } = h.app.svc.store;
    const replace = meetings.replace.bind(meetings);
    meetings.replace = async (v, next) => (await replace(v, next)) || (outcomes.writesRefused++, false);
    for (let i = 0; i < 20; i++) {
      const id = await newMeeting(`Họp gọi đồng thời ${i + 1}`);
      const change = { title: `Họp gọi đồng thời ${i + 1} (đã sửa)`, reminders: [2 * DAY] };
      // Started in either order, in the same tick.
      const doEdit = () => editMeeting(h.app.svc, actor(clerk), { id, change });
      const doCancel = () => cancelMeeting(h.app.svc, actor(clerk2), { id, reason: 'Hoãn' });
      let edit: Awaited<ReturnType<typeof doEdit>>, cancel: Awaited<ReturnType<typeof doCancel>>;
      if (i % 2) [edit, cancel] = await Promise.all([doEdit(), doCancel()]);
      else [cancel, edit] = await Promise.all([doCancel(), doEdit()]);
      const m = (await h.app.svc.store.meetings.get(id))!;
      expect(cancel.ok, `cancel of ${id}`).toBe(true);
      expect(m.status).toBe('cancelled');
      if (edit.ok) {
        outcomes.editedThenCancelled++;
        expect(m).toMatchObject({ title: change.title, version: 3 });
      } else {
        outcomes.cancelledFirst++;
        expect(edit.refusal).toEqual({ code: 'meeting-is-cancelled', vars: { id } });
        expect(m).toMatchObject({ title: `Họp gọi đồng thời ${i + 1}`, version: 2 });
      }
      expect(await remindersOf(id), `reminders of ${id}`).toEqual({ jobs: [], due: [] });
    }
    meetings.replace = replace;
    console.log('edit vs cancel outcomes (actions)', outcomes);
    await h.settle();
  }, 90_000);
});

describe('many answers at once', () => {
  it('keeps the counts equal to a recount of the stored answers: 20 presses at once, 5 rounds, one delegate changing answers', async () => {
    const id = await newMeeting('Họp đông người', { reminders: 'không' });
    const ann = await h.emu.waitFor(() => announcementIn(groupBD, id), { what: `announcement of ${id}` });
    const answers = ['yes', 'no', 'sub'] as const;
    for (let round = 0; round < 5; round++) {
      const presses = delegates.map((d, i) => h.emu.pressButton(d, ann, `rsvp:${id}:${answers[(i + round) % 3]}`));
      // The first delegate changes their mind three times within the same moment.
      for (const a of answers) presses.push(h.emu.pressButton(delegates[0]!, ann, `rsvp:${id}:${a}`));
      const alerts = await Promise.all(presses);
      expect(alerts.every((a) => a?.text?.startsWith('✅') || a?.text?.startsWith('Đã ghi nhận')), JSON.stringify(alerts)).toBe(true);
      const c = await countsAndRecount(id);
      expect(c.counts, `round ${round + 1}`).toEqual(c.recount);
      expect(c.counts.yes + c.counts.no + c.counts.sub).toBe(20);
      expect(c.answered).toEqual({ BD: 20 });
      expect(c.byUnit).toEqual({ BD: 20 });
    }
    await h.settle();
  });

  it('keeps the counts equal to a recount when the same people answer through the action at once', async () => {
    const { rsvp } = await import('#root/actions/meetings.js');
    const id = await newMeeting('Họp trả lời đồng thời', { reminders: 'không' });
    const answers = ['yes', 'no', 'sub'] as const;
    for (let round = 0; round < 5; round++) {
      // Every delegate sends three different answers at the same moment: 60 writes racing.
      const calls = delegates.flatMap((d, i) =>
        answers.map((_, k) => {
          const actor: Actor = { userId: d.id, role: 'delegate', unit: 'BD', councilWide: false };
          return rsvp(h.app.svc, actor, { id, answer: answers[(i + k + round) % 3]!, name: d.first_name });
        }),
      );
      const results = await Promise.all(calls);
      expect(results.every((r) => r.ok)).toBe(true);
      const c = await countsAndRecount(id);
      expect(c.counts, `round ${round + 1}`).toEqual(c.recount);
      expect(c.answered).toEqual({ BD: 20 });
    }
    await h.settle();
  });
});

describe('the name of a substitute', () => {
  async function pressSub(d: User, id: string): Promise<void> {
    const ann = await h.emu.waitFor(() => announcementIn(groupBD, id), { what: `announcement of ${id}` });
    await h.app.svc.store.members.markPrivateOpen(d.id, d.first_name); // they have written to the bot before
    const n = h.emu.botMessages(d.id).length;
    expect(await h.emu.pressButton(d, ann, `rsvp:${id}:sub`)).toEqual({ text: '✅ Đã ghi nhận. Đồng chí vui lòng gửi họ tên người dự thay trong tin nhắn riêng với hệ thống.' });
    expect((await h.nextBotMessage(d.id, n)).text).toBe(`👤 Đồng chí vui lòng gửi họ tên, chức vụ người dự thay cuộc họp ${id} trong tin nhắn tiếp theo.`);
  }

  const NOT_MEMBER = 'ℹ️ Cuộc họp này dành cho thành viên các đơn vị được mời; đồng chí không thuộc các đơn vị đó. Nếu là đại biểu của đơn vị được mời, đồng chí liên hệ thư ký đơn vị để nhận đường dẫn mời.';

  it('is not recorded from someone removed between the press and the name', async () => {
    const id = await newMeeting('Họp cử người dự thay', { reminders: 'không' });
    const d = h.emu.user({ first_name: 'Đại biểu', last_name: 'Bị xóa', privateOpen: true });
    await addMember(h, d, 'delegate', 'BD');
    await pressSub(d, id);
    await h.app.svc.store.members.remove(d.id);
    expect((await h.ask(d, 'private', 'Trần Văn Nam, Phó Chủ tịch phường')).text).toBe(NOT_MEMBER);
    expect((await h.app.svc.store.meetings.rsvpOf(id, d.id))?.sub).toBeUndefined();
  });

  it('is not recorded from someone moved to a unit the meeting is not for', async () => {
    const id = await newMeeting('Họp cử người dự thay 2', { reminders: 'không' });
    const d = h.emu.user({ first_name: 'Đại biểu', last_name: 'Chuyển đơn vị', privateOpen: true });
    await addMember(h, d, 'delegate', 'BD');
    await pressSub(d, id);
    await addMember(h, d, 'delegate', 'HK');
    expect((await h.ask(d, 'private', 'Lê Thị Mai')).text).toBe(NOT_MEMBER);
    expect((await h.app.svc.store.meetings.rsvpOf(id, d.id))?.sub).toBeUndefined();
  });

  it('is refused by the answer action when the member record changed after the person was identified', async () => {
    const { rsvp } = await import('#root/actions/meetings.js');
    const id = await newMeeting('Họp cử người dự thay 4', { reminders: 'không' });
    const d = h.emu.user({ first_name: 'Đại biểu', last_name: 'Vừa bị xóa', privateOpen: true });
    await addMember(h, d, 'delegate', 'BD');
    // The person as identified when their message arrived; removed before the answer is written.
    const actor: Actor = { userId: d.id, role: 'delegate', unit: 'BD', councilWide: false };
    await h.app.svc.store.members.remove(d.id);
    expect(await rsvp(h.app.svc, actor, { id, answer: 'sub', sub: 'Lê Văn Tám', name: 'Đại biểu Vừa bị xóa' })).toEqual({ ok: false, refusal: { code: 'rsvp-not-member' } });
    expect(await h.app.svc.store.meetings.rsvpOf(id, d.id)).toBeUndefined();
    expect((await countsAndRecount(id)).counts).toEqual({ yes: 0, no: 0, sub: 0 });
  });

  it('is not recorded after /rsvp sub when the person was removed before the name', async () => {
    const id = await newMeeting('Họp cử người dự thay 3', { reminders: 'không' });
    const d = h.emu.user({ first_name: 'Đại biểu', last_name: 'Gõ lệnh', privateOpen: true });
    await addMember(h, d, 'delegate', 'BD');
    expect((await h.ask(d, 'private', `/dangky ${id} duthay`)).text).toBe(
      `✅ Đã ghi nhận: đồng chí cử người dự thay tại cuộc họp ${id}.\n👤 Đồng chí vui lòng gửi họ tên, chức vụ người dự thay cuộc họp ${id} trong tin nhắn tiếp theo.`,
    );
    await h.app.svc.store.members.remove(d.id);
    expect((await h.ask(d, 'private', 'Phạm Văn Đức')).text).toBe(NOT_MEMBER);
    expect((await h.app.svc.store.meetings.rsvpOf(id, d.id))?.sub).toBeUndefined();
  });
});

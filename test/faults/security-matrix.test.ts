import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Chat, User } from 'grammy/types';
import { BUTTONS, COMMANDS } from '#root/domain/commands.js';
import { makeActor } from '#root/domain/roles.js';
import { can, type ActionName, type Target } from '#root/policy.js';
import { startHarness, type Harness } from '#test/support/harness.js';
import { fingerprint } from '#test/support/snapshot.js';
import type { EmuMessage } from '#test/support/emulator.js';

/**
 * The security matrix, generated from the command and button catalogues and the policy:
 * every command (in private and in the unit's group) and every button, tried by every kind of
 * person. Where the policy says no (or the command is used in the wrong kind of chat), the
 * answer must be a refusal in the person's own language that discloses nothing, and every
 * record must stay as it was. A command or button added to a catalogue without a sample here
 * fails the test, so a new one cannot be missed.
 */
let h: Harness;
const ADMIN = 7101;
const DAY = 86_400_000;

type Who = 'admin' | 'council secretary' | 'other unit’s secretary' | 'delegate of the unit' | 'delegate of another unit' | 'stranger' | 'removed member';
const people = new Map<Who, User>();
let groupBD: Chat;
let announcement: EmuMessage;
let draftControl: EmuMessage;

/** Texts only the unit's own people may read: a refusal to anyone else must not contain them. */
const SECRETS = ['Họp kín BD', 'Dự thảo riêng BD', 'Ý kiến riêng của đại biểu BD', 'Thông báo riêng cho BD'];

/** A date a week from now as a secretary writes it (dd/mm/yyyy HH:MM). */
function inAWeek(): string {
  const d = new Date(Date.now() + 7 * DAY);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()} 14:00`;
}

/**
 * One attempt per command, aimed at unit BD's records; `action` when the arguments ask for
 * more than the command's own action (e.g. setting a schedule rather than showing it).
 */
function samples(): Record<string, { text: string; target: Target; action?: ActionName; inPrivate?: (unit: string | undefined) => Target }> {
  const bdDelegate = people.get('delegate of the unit')!;
  const BD: Target = { unit: 'BD', units: ['BD'] };
  return {
    start: { text: '/start', target: {} },
    help: { text: '/huongdan', target: {} },
    lang: { text: '/ngonngu vi', target: {} },
    whoami: { text: '/toila', target: {} },
    units: { text: '/donvi', target: {} },
    members: { text: '/thanhvien BD', target: BD },
    invite: { text: '/moi delegate BD', target: { ...BD, role: 'delegate' } },
    invites: { text: '/dsmoi BD', target: BD },
    // No invite I1 exists here: whoever may not revoke BD's invites is refused either way.
    revokeinvite: { text: '/huymoi I1', target: { ...BD, role: 'delegate' } },
    linkgroup: { text: '/lienketnhom BD', target: BD },
    unlinkgroup: { text: '/huylienket', target: BD },
    meetings: { text: '/lichhop', target: {} },
    meeting: { text: '/cuochop M1', target: BD },
    rsvp: { text: '/dangky M1 co', target: BD },
    ics: { text: '/lich M1', target: BD },
    proposals: { text: '/dean', target: {} },
    proposal: { text: '/xemdean DA-01', target: BD },
    comment: { text: '/gopy DA-01 Ý kiến thử', target: BD },
    agree: { text: '/nhattri DA-01', target: BD },
    mycomments: { text: '/gopycuatoi', target: {} },
    editcomment: { text: '/suagopy C1 Nội dung sửa', target: { owner: bdDelegate.id } },
    withdraw: { text: '/rutgopy C1', target: { owner: bdDelegate.id } },
    comments: { text: '/dsgopy DA-01 BD', target: BD },
    newmeeting: { text: `/taohop\ntiêu đề: Họp thử\nthời gian: ${inAWeek()}`, target: {} },
    editmeeting: { text: '/suahop M1\ntiêu đề: Đổi tên', target: BD },
    cancelmeeting: { text: '/huyhop M1 lý do', target: BD },
    newproposal: { text: `/taodean\nmã: DA-09\ntiêu đề: Thử\nhạn: ${inAWeek()}`, target: {} },
    respond: { text: '/tiepthu C1 tiepthu Được', target: BD },
    report: { text: '/baocao DA-01', target: BD },
    desk: { text: '/banlamviec', target: {} },
    zalo: { text: '/lienketzalo', target: {} },
    // In private, /tomtat is about the person's own unit.
    summary: { text: '/tomtat', target: BD, inPrivate: (unit) => ({ unit }) },
    digest: { text: '/lichtomtat hangngay 08:00', target: BD, action: 'digest.set' },
    broadcast: { text: '/thongbao BD', target: BD },
    broadcasts: { text: '/dsthongbao', target: {} },
    acks: { text: '/danhan B1', target: BD },
    cancelbroadcast: { text: '/huythongbao B1', target: BD },
    addunit: { text: '/themdonvi XX Xã Thử', target: {} },
    remove: { text: `/xoathanhvien ${bdDelegate.id}`, target: {} },
    inviteall: { text: '/moitatca daibieu', target: {} },
    // Without the file, an administrator hears how to send one; anyone else is refused first.
    importunits: { text: '/nhapdonvi', target: {} },
    newterm: { text: '/nhiemkymoi 2026-2031', target: {} },
    history: { text: '/lichsu DA-01', target: {} },
  };
}

/** Button presses on the test world's messages, with the record each is about. */
function buttonTargets(): Record<string, { message: () => EmuMessage; target: Target }> {
  const council = people.get('council secretary')!;
  return {
    rsvp: { message: () => announcement, target: { units: ['BD'], unit: 'BD' } },
    'bc:send': { message: () => draftControl, target: { owner: council.id, unit: 'BD', units: ['BD'] } },
    'bc:cancel': { message: () => draftControl, target: { owner: council.id, unit: 'BD', units: ['BD'] } },
    ack: { message: () => announcement, target: { unit: 'BD', units: ['BD'] } },
    // Confirm / Cancel under an invite's question: anyone may press; without the question asked of them it changes nothing.
    'inv:ok': { message: () => announcement, target: {} },
    'inv:no': { message: () => announcement, target: {} },
    // Pages of /units (anywhere) and of a roster (only ever turned in a private chat).
    'units:pg': { message: () => announcement, target: {} },
    'mem:pg': { message: () => announcement, target: { unit: 'BD' } },
    // Confirm / Cancel under /newterm's question: only an administrator, and only the one asked.
    'term:ok': { message: () => announcement, target: {} },
    'term:no': { message: () => announcement, target: {} },
  };
}

async function state(): Promise<string> {
  return (await fingerprint(h.app.svc.store.redis, h.app.svc.store.keys.prefix)).hash;
}

async function actorOf(u: User) {
  return makeActor(u.id, await h.app.svc.store.members.get(u.id), { adminIds: [ADMIN], councilUnit: 'TP' });
}

const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùýĐ]/i;

/** What is wrong with an answer to a refused attempt, if anything. */
function problem(u: User, text: string | undefined): string | undefined {
  if (!text) return 'no answer';
  if (SECRETS.some((s) => text.includes(s))) return `discloses: ${text}`;
  if (u.language_code === 'en' && VIETNAMESE.test(text)) return `not in English: ${text}`;
  if (u.language_code === 'vi' && !VIETNAMESE.test(text)) return `not in Vietnamese: ${text}`;
  return undefined;
}

beforeAll(async () => {
  h = await startHarness({ env: { ADMIN_IDS: String(ADMIN), FLOOD_LIMIT: '100000' } });
  const s = h.app.svc.store;
  for (const [c, n] of [['TP', 'HĐND Thành phố'], ['BD', 'Phường Ba Đình'], ['HK', 'Phường Hoàn Kiếm']] as const) await s.units.upsert(c, n);
  const make = (who: Who, p: { id?: number; first_name: string; language_code: 'vi' | 'en' }) => {
    const u = h.emu.user({ ...p, privateOpen: true });
    people.set(who, u);
    return u;
  };
  const admin = make('admin', { id: ADMIN, first_name: 'Quản trị', language_code: 'vi' });
  const council = make('council secretary', { first_name: 'Council Clerk', language_code: 'en' });
  const hkClerk = make('other unit’s secretary', { first_name: 'Thư ký HK', language_code: 'vi' });
  const bdDelegate = make('delegate of the unit', { first_name: 'BD Delegate', language_code: 'en' });
  const hkDelegate = make('delegate of another unit', { first_name: 'Đại biểu HK', language_code: 'vi' });
  make('stranger', { first_name: 'Stranger', language_code: 'en' });
  const removed = make('removed member', { first_name: 'Đại biểu đã rời', language_code: 'vi' });
  const put = (u: User, role: 'delegate' | 'secretary', unit: string) => s.members.put({ id: u.id, name: u.first_name, role, unit, joinedAt: 1, invitedBy: ADMIN });
  await put(council, 'secretary', 'TP');
  await put(hkClerk, 'secretary', 'HK');
  await put(bdDelegate, 'delegate', 'BD');
  await put(hkDelegate, 'delegate', 'HK');
  await put(removed, 'delegate', 'BD');
  const bdClerk = h.emu.user({ first_name: 'Thư ký BD', language_code: 'vi', privateOpen: true });
  await put(bdClerk, 'secretary', 'BD');

  groupBD = h.emu.group({ title: 'Thường trực HĐND phường Ba Đình' });
  h.emu.addBotToGroup(groupBD, bdClerk);
  await h.settle();
  await h.ask(bdClerk, groupBD, '/lienketnhom BD');
  const groupHK = h.emu.group({ title: 'Thường trực HĐND phường Hoàn Kiếm' });
  h.emu.addBotToGroup(groupHK, hkClerk);
  await h.settle();
  await h.ask(hkClerk, groupHK, '/lienketnhom HK');

  await h.ask(council, 'private', `/taohop\ntiêu đề: ${SECRETS[0]}\nthời gian: ${inAWeek()}\nđơn vị: BD`);
  await h.ask(council, 'private', `/taodean\nmã: DA-01\ntiêu đề: ${SECRETS[1]}\ncác mục: 1, 2\nhạn: ${inAWeek()}\nđơn vị: BD`);
  await h.ask(bdDelegate, 'private', `/gopy DA-01 #1 ${SECRETS[2]}`);
  // B1: sent to BD. B2: a draft awaiting Send.
  h.emu.sendText(council, 'private', SECRETS[3]!);
  const control = await h.ask(council, 'private', '/thongbao BD', { replyTo: h.emu.messages(council.id).at(-1)!.message_id });
  await h.emu.pressButton(council, control.raw, 'bc:send:B1');
  h.emu.sendText(council, 'private', 'Bản nháp thông báo thứ hai');
  draftControl = await h.ask(council, 'private', '/thongbao BD', { replyTo: h.emu.messages(council.id).at(-1)!.message_id });
  await h.ask(admin, 'private', `/xoathanhvien ${removed.id}`);
  await h.settle();
  announcement = await h.emu.waitFor(() => h.emu.botMessages(groupBD.id).find((m) => m.text?.includes(SECRETS[0]!)), { what: 'the announcement of M1' });
  expect(await h.app.svc.store.members.get(removed.id)).toBeUndefined();
}, 60_000);
afterAll(() => h.stop());

describe('security matrix', () => {
  it('has a sample for every command and button of the catalogues', () => {
    expect(COMMANDS.map((c) => c.name).filter((n) => !(n in samples()))).toEqual([]);
    expect(BUTTONS.map((b) => b.prefix).filter((p) => !(p in buttonTargets()))).toEqual([]);
  });

  const whos: Who[] = ['admin', 'council secretary', 'other unit’s secretary', 'delegate of the unit', 'delegate of another unit', 'stranger', 'removed member'];
  for (const who of whos) {
    it(`refuses ${who} whatever the policy does not allow, in their language, changing nothing`, async () => {
      const u = people.get(who)!;
      const actor = await actorOf(u);
      const failures: string[] = [];
      let refusedCount = 0;
      for (const spec of COMMANDS) {
        const sample = samples()[spec.name]!;
        for (const where of ['private', 'group'] as const) {
          const wrongChat = (spec.where === 'group' && where === 'private') || (spec.where === 'private' && where === 'group');
          const target = where === 'private' && sample.inPrivate ? sample.inPrivate(actor.unit) : sample.target;
          const denied = can(actor, sample.action ?? spec.action, target, 'TP');
          if (!wrongChat && !denied) continue;
          refusedCount++;
          const before = await state();
          const chat = where === 'group' ? groupBD : 'private';
          const answer = await h.ask(u, chat, sample.text).catch(() => undefined);
          await h.settle();
          const wrong = problem(u, answer?.text);
          if (wrong) failures.push(`${spec.name} in ${where}: ${wrong}`);
          if ((await state()) !== before) failures.push(`${spec.name} in ${where}: records changed`);
        }
      }
      for (const b of BUTTONS) {
        if (!can(actor, b.action, buttonTargets()[b.prefix]!.target, 'TP')) continue;
        refusedCount++;
        const before = await state();
        const answer = await h.emu.pressButton(u, buttonTargets()[b.prefix]!.message().raw, b.sample);
        await h.settle();
        if (!answer?.show_alert) failures.push(`${b.sample}: no alert (${JSON.stringify(answer)})`);
        const wrong = problem(u, answer?.text);
        if (wrong) failures.push(`${b.sample}: ${wrong}`);
        if ((await state()) !== before) failures.push(`${b.sample}: records changed`);
      }
      expect(failures).toEqual([]);
      // The matrix is not empty for anyone: even the admin has group-only commands to misuse.
      expect(refusedCount).toBeGreaterThan(0);
    }, 120_000);
  }
});

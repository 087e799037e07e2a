import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Chat, User } from 'grammy/types';
import { COMMANDS } from '#root/domain/commands.js';
import { startHarness, type Harness } from '#test/support/harness.js';
import { mulberry32 } from '#test/support/emulator/limits.js';
import { captureLogger } from '#test/support/logs.js';
import { fingerprint } from '#test/support/snapshot.js';

/**
 * 10,000 random updates from strangers and delegates: random commands with random
 * arguments, random texts, random button data, chats the bot never saw. The deployment is
 * built so that none of them may change a record (their proposal and meeting concern another
 * unit); the bot must not crash, must not leave a rejection unhandled, must never answer
 * with its internal-error message, and must leave every record as it was.
 */
const TOTAL = 10_000;
const BATCH = 250;

let h: Harness;
let actors: User[];
let groupBD: Chat;
let groupHK: Chat; // where the buttons are: the HK meeting's announcement
const unhandled: unknown[] = [];
const capture = captureLogger('warn');
const logged = capture.lines;
const onUnhandled = (reason: unknown) => unhandled.push(reason);

const random = mulberry32(20211015);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

const WORDS = ['DA-01', 'DA-99', 'M1', 'M999', 'C1', 'C0', 'B1', 'B77', 'BD', 'HK', 'TP', 'ZZ', '#1', '#9.9', 'co', 'vang', 'duthay', 'yes', 'tiepthu',
  'giaitrinh', 'docx', 'csv', 'all', 'tatca', 'nhom', 'ghim', 'hangngay', '25:99', 'thu9', '* * *', '<b>', '&amp;', '"', "'", '\\', '💥', 'Đồng chí', '0', '-1',
  '99999999999999999999', 'x'.repeat(300), '\u202e', '\u0000', 'null', 'undefined', '{}', '[]'];
// Every command of the catalogue except those a delegate may legitimately use to change
// something here (/lang changes a preference, /summary records that a summary went out).
const COMMAND_WORDS = COMMANDS.flatMap((c) => [c.name, ...(c.alias ? [c.alias] : [])]).filter((w) => !['lang', 'ngonngu', 'summary', 'tomtat'].includes(w));

function randomText(): string {
  const n = Math.floor(random() * 6);
  return Array.from({ length: n }, () => pick(WORDS)).join(pick([' ', '\n', '  ']));
}

function randomCommand(): string {
  const word = random() < 0.9 ? pick(COMMAND_WORDS) : pick(['xyz', 'start', 'help@other_bot', 'A', '']);
  const suffix = random() < 0.1 ? '@giaoban_test_bot' : '';
  const lines = random() < 0.2 ? `\n${pick(['tiêu đề', 'title', 'mã', 'hạn', 'thời gian', 'units', 'x'])}: ${randomText()}` : '';
  return `/${word}${suffix} ${randomText()}${lines}`;
}

beforeAll(async () => {
  h = await startHarness({ env: { FLOOD_LIMIT: '1000000' }, log: capture.log });
  process.on('unhandledRejection', onUnhandled);
  const s = h.app.svc.store;
  for (const [c, n] of [['TP', 'HĐND Thành phố'], ['BD', 'Quận Ba Đình'], ['HK', 'Quận Hoàn Kiếm']] as const) await s.units.upsert(c, n);
  const clerk = h.emu.user({ first_name: 'Thư ký TP', privateOpen: true });
  await s.members.put({ id: clerk.id, name: 'Thư ký TP', role: 'secretary', unit: 'TP', joinedAt: 1, invitedBy: 1 });
  groupBD = h.emu.group({ title: 'Nhóm BD' });
  h.emu.addBotToGroup(groupBD, clerk);
  await h.settle();
  await s.units.linkGroup('BD', { id: groupBD.id, title: 'Nhóm BD' }, clerk.id);
  groupHK = h.emu.group({ title: 'Nhóm HK' });
  h.emu.addBotToGroup(groupHK, clerk);
  await h.settle();
  await s.units.linkGroup('HK', { id: groupHK.id, title: 'Nhóm HK' }, clerk.id);
  // A proposal, a meeting and a comment, all for HK: nothing the fuzzing people may touch.
  await h.ask(clerk, 'private', '/taodean\nmã: DA-01\ntiêu đề: Dự thảo\ncác mục: 1\nhạn: 22/10/2031 17:00\nđơn vị: HK');
  await h.ask(clerk, 'private', '/taohop\ntiêu đề: Họp HK\nthời gian: 15/10/2031 14:00\nđơn vị: HK');
  const delegates = Array.from({ length: 5 }, (_, i) => h.emu.user({ first_name: `Đại biểu ${i}`, privateOpen: true }));
  for (const d of delegates) await s.members.put({ id: d.id, name: d.first_name, role: 'delegate', unit: 'BD', joinedAt: 1, invitedBy: 1 });
  const strangers = Array.from({ length: 5 }, (_, i) => h.emu.user({ first_name: `Người lạ ${i}`, privateOpen: true }));
  actors = [...delegates, ...strangers];
  await h.settle();
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await h.stop();
});

it(`survives ${TOTAL} random updates and changes no record`, async () => {
  const { redis, keys } = h.app.svc.store;
  const before = await fingerprint(redis, keys.prefix);
  const botMessages = h.emu.botMessages(groupHK.id).filter((m) => m.buttons.length > 0);
  expect(botMessages.length).toBeGreaterThan(0);
  let sent = 0;
  while (sent < TOTAL) {
    for (let i = 0; i < BATCH && sent < TOTAL; i++, sent++) {
      const from = pick(actors);
      const r = random();
      if (r < 0.45) h.emu.sendText(from, random() < 0.7 ? 'private' : groupBD, randomCommand());
      else if (r < 0.65) h.emu.sendText(from, random() < 0.5 ? 'private' : groupBD, randomText() || '.');
      else if (r < 0.85) {
        const target = pick(botMessages);
        const data = random() < 0.5 ? pick(target.buttons.flat()).data ?? 'x' : `${pick(['rsvp', 'ack', 'bc', 'wiz', 'x'])}:${pick(WORDS)}:${pick(WORDS)}`.slice(0, 64);
        void h.emu.pressButton(from, target.raw, data);
      } else {
        // A chat the bot never saw, with a random command: it must be ignored or refused.
        h.emu.pushUpdate({
          message: {
            message_id: sent,
            date: Math.floor(Date.now() / 1000),
            chat: { id: -990_000 - Math.floor(random() * 1000), type: 'supergroup', title: 'Nhóm lạ' },
            from,
            text: '/whoami',
            entities: [{ type: 'bot_command', offset: 0, length: 7 }],
          },
        } as never);
      }
    }
    await h.settle();
  }
  const after = await fingerprint(redis, keys.prefix);
  const internalErrors = h.emu.calls.filter((c) => JSON.stringify(c.params).includes('Hệ thống gặp sự cố'));
  const errorLogs = logged.filter((l) => l.msg === 'handler failed' || l.msg === 'unhandled bot error');
  console.log(`FIGURES fuzz: updates=${TOTAL} apiCalls=${h.emu.calls.length} internalErrors=${internalErrors.length} errorLogs=${errorLogs.length} unhandled=${unhandled.length} recordsBefore=${before.keys} recordsAfter=${after.keys}`);
  expect(unhandled).toEqual([]);
  expect(internalErrors.map((c) => c.params)).toEqual([]);
  expect(errorLogs).toEqual([]);
  expect(after).toEqual(before);
  // Still serving.
  expect((await h.ask(actors[0]!, 'private', '/whoami')).text).toContain('Vai trò: đại biểu');
}, 300_000);

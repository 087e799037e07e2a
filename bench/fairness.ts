/**
 * Fair sending (issue 10): while a notice goes to 1,000 recipients (100 linked groups and 900
 * delegates) at Telegram's limits and one other group holds a backlog of 60 messages, 50
 * delegates elsewhere each send a command in their private chat and press a button a second
 * later. Measured from the Bot API emulator's side: how long each person waited for the reply
 * and for the button's answer, how the notice fared against its minimum, how the backlog group
 * drained, and whether Telegram had to say 429.
 *
 * The people press "Received" under their copy of an earlier notice (B1, sent to them during
 * set-up): the press is then independent of when this notice's copy reaches them, and its
 * handler answers the callback after a read and a write in Redis.
 */
import type { Chat, User } from 'grammy/types';
import { BotApiEmulator, TELEGRAM_LIMITS, type ApiCall, type EmuMessage } from '#test/support/emulator.js';
import { REAL_LIMITS, startHarness, type Harness } from '#test/support/harness.js';
import type { RedisServer } from '#test/support/redis.js';
import type { Delivery } from '#root/telegram/outbox.js';
import { percentile, privateRedis, sampleEventLoop, sleep, type Result, type Row, type Target } from './support.js';

const UNITS = 100;
const DELEGATES = 900;
const RECIPIENTS = UNITS + DELEGATES;
/** The people who ask and press: delegates of the first units (they got the earlier notice). */
const PEOPLE = 50;
const PEOPLE_UNITS = 6;
/** The first person acts this long after Send, then one more every PERSON_EVERY_MS. */
const FIRST_PERSON_MS = 3000;
const PERSON_EVERY_MS = 200;
/** Each person presses the button this long after sending the command (reads the reply first). */
const PRESS_AFTER_MS = 1000;
const BACKLOG = 60;
/** Telegram refuses a callback answer about 15 s after the press. */
const ANSWER_WINDOW_MS = 15_000;
/** Generous: the code before issue 10 let the backlog push every send minutes ahead. */
const TIMEOUT_MS = 300_000;
/** The methods the emulator (like Telegram) counts against the overall 30 a second. */
const GLOBAL_METHODS = new Set(['sendMessage', 'copyMessage', 'forwardMessage', 'sendDocument', 'sendPhoto']);

const TARGET_REPLY_P99_MS = 1500;
const TARGET_ANSWER_P99_MS = 1000;
const TARGET_NOTICE_RATIO = 1.1;

interface Person {
  user: User;
  command: string;
  /** Their copy of the earlier notice, with the "Received" button. */
  ackMessage: EmuMessage;
  commandAt?: number;
  replyAt?: number;
  pressAt?: number;
  /** When the answer came; undefined = not answered within Telegram's window. */
  answerAt?: number;
  answered?: boolean;
}

interface Measured {
  noticeWallMs: number;
  /** Successful sends counted by the global limit from Send to the last copy (copies, replies, the backlog). */
  sentInWindow: number;
  copies: number;
  duplicates: number;
  losses: number;
  errors429: number;
  what429: string[];
  replyMs: number[];
  repliesMissing: number;
  answerMs: number[];
  unanswered: number;
  backlog: { delivered: number; drainMs: number; maxPerMinute: number; perMinute: number };
  loop: { p99Ms: number; maxMs: number };
}

/** The most sends in any 60 s window (as Telegram counts: calls within now - 60 s, now]. */
function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < sorted.length; hi++) {
    while (sorted[lo]! <= sorted[hi]! - windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

async function scenario(redis: RedisServer): Promise<Measured> {
  const emu = await BotApiEmulator.start({ limits: TELEGRAM_LIMITS });
  let h: Harness | undefined;
  try {
    // Set-up sends nothing that should count, and must not be slowed by the limits.
    emu.setLimits(false);
    h = await startHarness({ emu, redisUrl: redis.url, env: { ...REAL_LIMITS, FLOOD_LIMIT: '100000', LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent' } });
    const { store, outbox } = h.app.svc;
    const secretary = emu.user({ first_name: 'Thư ký', last_name: 'Thành phố', privateOpen: true });
    await store.units.upsert('TP', 'HĐND Thành phố Hà Nội');
    await store.members.put({ id: secretary.id, name: 'Thư ký Thành phố', role: 'secretary', unit: 'TP', joinedAt: Date.now(), invitedBy: 1 });
    const groups: Chat[] = [];
    for (let i = 1; i <= UNITS; i++) {
      const g = emu.group({ title: `Thường trực HĐND đơn vị U${i}` });
      await store.units.upsert(`U${i}`, `Đơn vị U${i}`);
      // Linked before the bot joins, so the bot recognises the group and does not greet it.
      await store.units.linkGroup(`U${i}`, { id: g.id, title: `Thường trực HĐND đơn vị U${i}` }, secretary.id);
      emu.addBotToGroup(g, secretary);
      groups.push(g);
    }
    const delegates: User[] = [];
    for (let i = 0; i < DELEGATES; i++) {
      const d = emu.user({ first_name: 'Đại biểu', last_name: String(i + 1), privateOpen: true });
      await store.members.put({ id: d.id, name: `Đại biểu ${i + 1}`, role: 'delegate', unit: `U${(i % UNITS) + 1}`, joinedAt: Date.now(), invitedBy: 1 });
      delegates.push(d);
    }
    // The group with the backlog: a working group of the council's office, not a notice recipient.
    const busy = emu.group({ title: 'Tổ giúp việc Thường trực' });
    emu.addBotToGroup(busy, secretary);
    await h.settle();

    // Yesterday's notice to the delegates of the first units: the button the people press.
    const earlier = emu.sendText(secretary, 'private', 'Thông báo: lịch tiếp công dân tháng này');
    const units = Array.from({ length: PEOPLE_UNITS }, (_, i) => `U${i + 1}`).join(' ');
    const preview1 = await h.ask(secretary, 'private', `/thongbao daibieu ${units}`, { replyTo: earlier.message_id });
    const b1 = /mã (B\d+)/.exec(preview1.text ?? '')?.[1];
    if (!b1) throw new Error(`no earlier notice drafted; the bot said: ${preview1.text}`);
    await emu.pressButton(secretary, preview1.raw, `bc:send:${b1}`);
    const chosen = delegates.filter((_, i) => i % UNITS < PEOPLE_UNITS).slice(0, PEOPLE);
    const ackOf = (u: User) => emu.botMessages(u.id).find((m) => m.buttons.flat().some((b) => b.data === `ack:${b1}`));
    await emu.waitFor(() => chosen.every(ackOf), { timeout: 60_000, what: `the earlier notice ${b1} reached the people` });
    await h.settle();
    const people: Person[] = chosen.map((user, i) => ({ user, command: i % 2 === 0 ? '/whoami' : '/toila', ackMessage: ackOf(user)! }));

    // Draft (not measured): this notice, then /thongbao tatca replying to it.
    const notice = emu.sendText(secretary, 'private', 'Thông báo: họp Thường trực mở rộng');
    const control = await h.ask(secretary, 'private', '/thongbao tatca', { replyTo: notice.message_id });
    const id = /mã (B\d+)/.exec(control.text ?? '')?.[1];
    if (!id) throw new Error(`no notice drafted; the bot said: ${control.text}`);
    await h.settle();

    // Limits on; the per-chat windows of anything sent during set-up are clear after this wait.
    emu.setLimits(TELEGRAM_LIMITS);
    await sleep(3200);

    // Everything the bot sends from here on, watched in O(1) per call.
    const recipients = new Set([...groups.map((g) => g.id), ...delegates.map((d) => d.id)]);
    const copies = new Map<number, number>();
    let lastCopyAt = 0;
    const sendTimes: number[] = [];
    const backlogTimes: number[] = [];
    const waitingReply = new Map<number, Person>();
    let replies = 0;
    const what429: string[] = [];
    let t0 = Number.POSITIVE_INFINITY;
    const onCall = (c: ApiCall) => {
      if (c.error_code === 429) what429.push(`${((c.at - t0) / 1000).toFixed(2)} s ${c.method}→${c.chatId === undefined ? '?' : c.chatId === busy.id ? 'busy group' : c.chatId < 0 ? 'group' : 'private'}`);
      if (!c.ok || c.chatId === undefined || !GLOBAL_METHODS.has(c.method)) return;
      sendTimes.push(c.at);
      if (c.chatId === busy.id) backlogTimes.push(c.at);
      if (c.method === 'copyMessage' && recipients.has(c.chatId) && Number(c.params.from_chat_id) === secretary.id && Number(c.params.message_id) === notice.message_id) {
        copies.set(c.chatId, (copies.get(c.chatId) ?? 0) + 1);
        lastCopyAt = Math.max(lastCopyAt, c.at);
      }
      const asker = c.method === 'sendMessage' ? waitingReply.get(c.chatId) : undefined;
      if (asker && asker.commandAt !== undefined && c.at >= asker.commandAt) {
        asker.replyAt = c.at;
        waitingReply.delete(c.chatId);
        replies++;
      }
    };
    emu.on('call', onCall);
    const before429 = emu.stats().errors429;
    const loop = sampleEventLoop();

    // The backlog first, so that it is booked before the notice (the worst case before issue 10).
    const backlogAt = Date.now();
    const backlog: Delivery[] = Array.from({ length: BACKLOG }, (_, i) => ({
      id: `fair_busy_${i + 1}`,
      chatId: busy.id,
      kind: 'text',
      html: `Tổng hợp số ${i + 1}/${BACKLOG}`,
      lane: 'normal',
    }));
    await outbox.send(backlog);
    await emu.waitFor(() => backlogTimes.length > 0, { timeout: 5000, what: 'the first message of the backlog' });

    t0 = Date.now();
    const pressed = emu.pressButton(secretary, control.raw, `bc:send:${id}`);
    const acting = people.map(async (p, i) => {
      await sleep(t0 + FIRST_PERSON_MS + i * PERSON_EVERY_MS - Date.now());
      p.commandAt = Date.now();
      waitingReply.set(p.user.id, p);
      emu.sendText(p.user, 'private', p.command);
      await sleep(PRESS_AFTER_MS);
      p.pressAt = Date.now();
      const answer = await Promise.race([emu.pressButton(p.user, p.ackMessage, `ack:${b1}`), sleep(ANSWER_WINDOW_MS).then(() => undefined)]);
      p.answerAt = Date.now();
      p.answered = answer !== undefined && p.answerAt - p.pressAt <= ANSWER_WINDOW_MS;
    });

    const wait = async (probe: () => boolean, what: string) => {
      try {
        await emu.waitFor(probe, { timeout: TIMEOUT_MS, what });
      } catch (err) {
        console.error(`  ${(err as Error).message.split(';')[0]}`);
      }
    };
    await Promise.all([
      wait(() => copies.size === RECIPIENTS, `${RECIPIENTS} copies`),
      wait(() => backlogTimes.length >= BACKLOG, `${BACKLOG} backlog messages`),
      Promise.all(acting).then(() => wait(() => replies === PEOPLE, `${PEOPLE} replies`)),
      pressed,
    ]);
    const loopDelay = loop();
    emu.off('call', onCall);

    let duplicates = 0;
    let losses = 0;
    for (const chatId of recipients) {
      const n = copies.get(chatId) ?? 0;
      if (n === 0) losses++;
      else duplicates += n - 1;
    }
    const lastBacklog = Math.max(...backlogTimes);
    const drainMs = lastBacklog - backlogAt;
    return {
      noticeWallMs: lastCopyAt - t0,
      sentInWindow: sendTimes.filter((t) => t >= t0 && t <= lastCopyAt).length,
      copies: copies.size,
      duplicates,
      losses,
      errors429: emu.stats().errors429 - before429,
      what429,
      replyMs: people.filter((p) => p.replyAt !== undefined).map((p) => p.replyAt! - p.commandAt!),
      repliesMissing: people.filter((p) => p.replyAt === undefined).length,
      answerMs: people.filter((p) => p.answered).map((p) => p.answerAt! - p.pressAt!),
      unanswered: people.filter((p) => !p.answered).length,
      backlog: {
        delivered: backlogTimes.length,
        drainMs,
        maxPerMinute: maxInWindow(backlogTimes, 60_000),
        perMinute: (backlogTimes.length / drainMs) * 60_000,
      },
      loop: loopDelay,
    };
  } finally {
    await h?.stop().catch((err: Error) => console.error(`  harness stop: ${err.message}`));
    await emu.close();
  }
}

/** p50/p99 of the measured waits; an unanswered one counts as endless. */
function pcts(values: number[], missing: number): { p50: number; p99: number; text: string } {
  const all = [...values, ...Array<number>(missing).fill(Number.POSITIVE_INFINITY)];
  const p50 = percentile(all, 50);
  const p99 = percentile(all, 99);
  const show = (v: number) => (Number.isFinite(v) ? String(Math.round(v)) : '∞');
  return { p50, p99, text: `${show(p50)}/${show(p99)}` };
}

export async function run(): Promise<Result> {
  const redis = await privateRedis();
  try {
    console.log(`  fairness: notice to ${RECIPIENTS}, ${BACKLOG} messages waiting for one group, ${PEOPLE} people asking and pressing…`);
    const m = await scenario(redis);
    const minS = RECIPIENTS / TELEGRAM_LIMITS.globalPerSec;
    const wallS = m.noticeWallMs / 1000;
    const allMinS = m.sentInWindow / TELEGRAM_LIMITS.globalPerSec;
    const reply = pcts(m.replyMs, m.repliesMissing);
    const answer = pcts(m.answerMs, m.unanswered);
    const row: Row = {
      scenario: 'notice + backlog + 50 people, Telegram limits',
      wallS,
      minS,
      errors429: m.errors429,
      duplicates: m.duplicates,
      losses: m.losses,
      extra: {
        'reply p50/p99 ms': reply.text,
        'button p50/p99 ms': answer.text,
        'sent in window': String(m.sentInWindow),
        'vs all sent': (wallS / allMinS).toFixed(3),
        'backlog /min (max/60 s)': `${m.backlog.perMinute.toFixed(1)} (${m.backlog.maxPerMinute})`,
        'loop delay p99/max ms': `${m.loop.p99Ms.toFixed(0)}/${m.loop.maxMs.toFixed(0)}`,
      },
    };
    const notes = [
      `The notice's minimum counts its own ${RECIPIENTS} copies at ${TELEGRAM_LIMITS.globalPerSec}/s (${minS.toFixed(2)} s); "vs all sent" counts every message the bot sent from Send to the last copy (${m.sentInWindow}: copies, replies, the backlog; ${allMinS.toFixed(2)} s), since they share the overall budget.`,
      `Replies: ${m.replyMs.length}/${PEOPLE}${m.repliesMissing ? ` (${m.repliesMissing} never came)` : ''}; button answers within ${ANSWER_WINDOW_MS / 1000} s: ${m.answerMs.length}/${PEOPLE}; reply max ${Math.max(...m.replyMs, 0)} ms, answer max ${Math.max(...m.answerMs, 0)} ms.`,
      `Backlog group: ${m.backlog.delivered}/${BACKLOG} delivered, the last ${(m.backlog.drainMs / 1000).toFixed(1)} s after they were queued (${m.backlog.perMinute.toFixed(1)}/min; at most ${m.backlog.maxPerMinute} in any 60 s).`,
    ];
    if (m.what429.length) notes.push(`429s at ${m.what429.join(', ')} after Send`);
    const targets: Target[] = [
      { name: `reply p99 within ${TARGET_REPLY_P99_MS} ms`, met: reply.p99 <= TARGET_REPLY_P99_MS, detail: `p50/p99 ${reply.text} ms` },
      { name: `button answer p99 within ${TARGET_ANSWER_P99_MS} ms`, met: answer.p99 <= TARGET_ANSWER_P99_MS, detail: `p50/p99 ${answer.text} ms, ${m.unanswered} unanswered` },
      { name: `notice within ${TARGET_NOTICE_RATIO.toFixed(2)}× its minimum`, met: wallS / minS <= TARGET_NOTICE_RATIO, detail: `${(wallS / minS).toFixed(3)}× (${wallS.toFixed(2)} s vs ${minS.toFixed(2)} s; ${(wallS / allMinS).toFixed(3)}× counting all ${m.sentInWindow} sent)` },
      { name: 'no 429', met: m.errors429 === 0, detail: String(m.errors429) },
      { name: 'notice: no duplicates or losses', met: m.duplicates === 0 && m.losses === 0, detail: `${m.duplicates} duplicates, ${m.losses} lost` },
      {
        name: 'backlog group drains at its own 20/min',
        met: m.backlog.delivered === BACKLOG && m.backlog.maxPerMinute <= TELEGRAM_LIMITS.groupPerMin && m.backlog.perMinute >= 0.9 * TELEGRAM_LIMITS.groupPerMin,
        detail: `${m.backlog.delivered}/${BACKLOG} in ${(m.backlog.drainMs / 1000).toFixed(1)} s, ${m.backlog.perMinute.toFixed(1)}/min, max ${m.backlog.maxPerMinute} in 60 s`,
      },
    ];
    return { name: `fairness: a notice to ${RECIPIENTS}, a group's backlog of ${BACKLOG}, ${PEOPLE} people asking`, rows: [row], targets, notes };
  } finally {
    await redis.stop();
  }
}

import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Queue, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import type { Chat, User } from 'grammy/types';
import { TASKS_QUEUE } from '#root/queues.js';
import { BotApiEmulator } from '#test/support/emulator.js';
import { startHarness, type Harness } from '#test/support/harness.js';
import { captureLogger } from '#test/support/logs.js';
import { kill, spawnRole } from '#test/support/processes.js';

/**
 * Scheduled summaries: a schedule set with /lichtomtat firing and posting through the outbox,
 * a due time passed while the service was stopped (sent once when it returns), several worker
 * processes sharing one schedule (no due time summarised twice), and a group whose sends are
 * booked far ahead (the scheduled summary is skipped, the next one posts).
 *
 * /digest accepts only schedules that run at most once an hour, so a test cannot wait for a
 * due time: it makes the scheduler's waiting job due now (BullMQ's promote), which is what
 * the clock reaching the due time does. The job, its id (the due time) and the next due time
 * the scheduler computes after it are the real ones.
 */
const OFFSET = 7 * 3_600_000; // Asia/Ho_Chi_Minh
const DAY = 86_400_000;
const VI_DAYS = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'];
const pad = (n: number) => String(n).padStart(2, '0');
function wall(ms: number) {
  const d = new Date(ms + OFFSET);
  return { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds(), wd: d.getUTCDay() };
}
const viDate = (ms: number) => { const w = wall(ms); return `${pad(w.d)}/${pad(w.mo)}/${w.y}`; };
const viDateTime = (ms: number) => { const w = wall(ms); return `${pad(w.h)}h${pad(w.mi)}, ${VI_DAYS[w.wd]}, ngày ${viDate(ms)}`; };
/** The first day after `ms`, at the same time of day, that falls Monday to Friday. */
const nextWeekday = (ms: number) => { let t = ms + DAY; while (wall(t).wd === 0 || wall(t).wd === 6) t += DAY; return t; };

const NOTHING = (unit: string) => `📊 TÓM TẮT NGÀY ${viDate(Date.now())} · ${unit}\nHiện không có việc cần chú ý.`;

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

/** The unit's scheduled digest job that is waiting for its due time (the one BullMQ keeps per scheduler). */
async function waitingDigest(tasks: Queue, unit: string, after = 0): Promise<Job> {
  return until(async () => (await tasks.getDelayed()).find((j) => j.name === 'digest' && j.data.unit === unit && dueOf(j) > after), `the next digest job of ${unit}`);
}
const dueOf = (j: Job) => Number(/:(\d+)$/.exec(j.id!)?.[1]);

/** Makes the unit's next due time come now: its waiting job is promoted. Returns that due time. */
async function fireNext(tasks: Queue, unit: string, after = 0): Promise<number> {
  const job = await waitingDigest(tasks, unit, after);
  await job.promote();
  return dueOf(job);
}

interface World {
  emu: BotApiEmulator;
  clerk: User;
  group: Chat;
}

/** An emulator with a council secretary and BD's group, linked through /lienketnhom on `h`. */
async function world(h: Harness, emu: BotApiEmulator): Promise<World> {
  const { store } = h.app.svc;
  await store.units.upsert('TP', 'HĐND Thành phố Hà Nội');
  await store.units.upsert('BD', 'Quận Ba Đình');
  const clerk = emu.user({ first_name: 'Trần Thị', last_name: 'Hoa', privateOpen: true });
  await store.members.put({ id: clerk.id, name: 'Trần Thị Hoa', role: 'secretary', unit: 'TP', joinedAt: 1, invitedBy: 1 });
  const lan = emu.user({ first_name: 'Nguyễn Thị', last_name: 'Lan', privateOpen: true });
  await store.members.put({ id: lan.id, name: 'Nguyễn Thị Lan', role: 'delegate', unit: 'BD', joinedAt: 1, invitedBy: 1 });
  const group = emu.group({ title: 'Thường trực HĐND quận Ba Đình' });
  emu.addBotToGroup(group, clerk);
  await h.settle();
  expect((await h.ask(clerk, group, '/lienketnhom BD')).text).toMatch(/^✅ Đã liên kết nhóm này /);
  return { emu, clerk, group };
}

/** The summaries the bot has posted in a group. */
function summaries(w: World): string[] {
  return w.emu.botMessages(w.group.id).map((m) => m.text ?? '').filter((t) => t.startsWith('📊 TÓM TẮT'));
}

async function digestJobs(h: Harness): Promise<{ id: string; due: number; state: string }[]> {
  const jobs = await h.app.queues.tasks.getJobs(['completed', 'failed', 'active', 'waiting', 'delayed']);
  const out = [];
  for (const j of jobs) if (j.name === 'digest') out.push({ id: j.id!, due: Number(/:(\d+)$/.exec(j.id!)?.[1]), state: await j.getState() });
  return out.sort((a, b) => a.due - b.due);
}

const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const f of cleanup.reverse()) await f().catch(() => undefined);
});

describe('a schedule firing', () => {
  it('a schedule set with /lichtomtat posts the summary through the outbox at its due time, then the next; off stops it', async () => {
    const emu = await BotApiEmulator.start();
    cleanup.push(() => emu.close());
    const h = await startHarness({ emu, env: { FLOOD_LIMIT: '1000' } });
    cleanup.push(() => h.app.stop());
    const w = await world(h, emu);
    const tasks = h.app.queues.tasks;

    const set = await h.ask(w.clerk, w.group, '/lichtomtat 0 8 * * 1-5');
    const scheduler = await tasks.getJobScheduler('digest-BD');
    expect(scheduler).toMatchObject({ pattern: '0 8 * * 1-5', tz: 'Asia/Ho_Chi_Minh' });
    const due = scheduler!.next!;
    expect(wall(due)).toMatchObject({ h: 8, mi: 0, s: 0 });
    expect([1, 2, 3, 4, 5]).toContain(wall(due).wd);
    expect(set.text).toBe(`✅ Lịch gửi tóm tắt của đơn vị BD: theo lịch đặt riêng (0 8 * * 1-5).\nLần gửi tiếp theo: ${viDateTime(due)}.`);

    expect(await fireNext(tasks, 'BD')).toBe(due);
    const first = await emu.waitFor(() => emu.botMessages(w.group.id).find((m) => m.text?.startsWith('📊')), { timeout: 5000, what: 'the first scheduled summary' });
    expect(first.text).toBe(NOTHING('Quận Ba Đình'));
    expect(first.buttons).toEqual([]);
    // Sent by the outbox sender (sendMessage), not as a reply.
    const sends = () => emu.calls.filter((c) => c.method === 'sendMessage' && c.ok && c.chatId === w.group.id && String(c.params.text).startsWith('📊'));
    expect(sends()).toHaveLength(1);
    expect(sends()[0]!.params.reply_parameters).toBeUndefined();
    // The scheduler moved on to the next weekday at 08:00, and the unit's last summary is recorded.
    await until(async () => (await tasks.getJobScheduler('digest-BD'))?.next === nextWeekday(due), 'the next due time');
    expect((await h.app.svc.store.digests.get('BD')).lastAt).toBeGreaterThan(Date.now() - 5000);

    // The next due time posts again: a scheduled summary is never held back by the one before.
    expect(await fireNext(tasks, 'BD', due)).toBe(nextWeekday(due));
    await emu.waitFor(() => summaries(w).length === 2, { timeout: 5000, what: 'the second scheduled summary' });
    await h.settle();
    expect((await digestJobs(h)).filter((j) => j.due <= nextWeekday(due)).map((j) => [j.due, j.state])).toEqual([[due, 'completed'], [nextWeekday(due), 'completed']]);

    expect((await h.ask(w.clerk, w.group, '/lichtomtat tat')).text).toBe('✅ Lịch gửi tóm tắt của đơn vị BD: tắt.');
    await h.settle();
    // Nothing is left to fire: no scheduler and no waiting job.
    expect(await tasks.getJobScheduler('digest-BD')).toBeUndefined();
    expect((await tasks.getDelayed()).filter((j) => j.name === 'digest')).toEqual([]);
    expect(summaries(w)).toHaveLength(2);
  });
});

describe('a due time while the service is down', () => {
  it('is summarised once when a new app starts on the same Redis', async () => {
    const emu = await BotApiEmulator.start();
    cleanup.push(() => emu.close());
    const prefix = `t${randomBytes(4).toString('hex')}`;
    const first = await startHarness({ emu, prefix, env: { FLOOD_LIMIT: '1000' } });
    let firstRunning = true;
    cleanup.push(() => (firstRunning ? first.app.stop() : Promise.resolve()));
    const w = await world(first, emu);

    const set = await first.ask(w.clerk, w.group, '/lichtomtat hangngay 08:00');
    const due = (await first.app.queues.tasks.getJobScheduler('digest-BD'))!.next!;
    expect(wall(due)).toMatchObject({ h: 8, mi: 0, s: 0 });
    expect(set.text).toBe(`✅ Lịch gửi tóm tắt của đơn vị BD: hằng ngày lúc 08:00.\nLần gửi tiếp theo: ${viDateTime(due)}.`);
    await first.settle();
    const queuePrefix = first.app.svc.store.keys.queuePrefix;
    await first.app.stop();
    firstRunning = false;

    // The due time comes with nothing running: its job becomes due and waits in Redis.
    const conn = new Redis(first.config.REDIS_URL, { maxRetriesPerRequest: null });
    const tasks = new Queue(TASKS_QUEUE, { connection: conn, prefix: queuePrefix });
    cleanup.push(() => tasks.close().then(() => conn.quit()));
    expect(await fireNext(tasks, 'BD')).toBe(due);
    expect(summaries(w)).toEqual([]);

    // A new app on the same Redis keeps the schedule as it is (re-applying it would replace the
    // due job with tomorrow's) and runs the missed due time, once.
    const second = await startHarness({ emu, prefix, env: { FLOOD_LIMIT: '1000' } });
    cleanup.push(() => second.app.stop());
    await emu.waitFor(() => summaries(w).length > 0, { timeout: 6000, what: 'the missed summary after the restart' });
    await second.settle();
    expect(summaries(w)).toEqual([NOTHING('Quận Ba Đình')]);
    // The next one is tomorrow's, and the missed due time was run exactly once.
    expect((await second.app.queues.tasks.getJobScheduler('digest-BD'))?.next).toBe(due + DAY);
    expect((await digestJobs(second)).filter((j) => j.due === due).map((j) => j.state)).toEqual(['completed']);
  });
});

describe('several worker processes', () => {
  let children: ChildProcess[] = [];

  it('share a schedule: every due time summarised exactly once, whichever worker takes it', async () => {
    const emu = await BotApiEmulator.start();
    cleanup.push(() => emu.close());
    const h = await startHarness({ emu, role: 'bot', env: { FLOOD_LIMIT: '1000', JOB_LOCK_MS: '1500' } });
    cleanup.push(() => h.app.stop());
    cleanup.push(() => Promise.all(children.map((c) => kill(c))));
    const spawned = Promise.all([spawnRole(h.config, 'worker'), spawnRole(h.config, 'worker')]);
    const w = await world(h, emu);
    children = await spawned;
    const tasks = h.app.queues.tasks;

    expect((await h.ask(w.clerk, w.group, '/lichtomtat hangngay 07:30')).text).toMatch(/^✅ Lịch gửi tóm tắt của đơn vị BD: hằng ngày lúc 07:30\./);
    const firstDue = (await tasks.getJobScheduler('digest-BD'))!.next!;
    // Six due times in quick succession: each is made due as soon as the scheduler has queued
    // it, which is while the one before is still being processed by one of the two workers.
    const fired: number[] = [];
    for (let i = 0; i < 6; i++) fired.push(await fireNext(tasks, 'BD', fired.at(-1) ?? 0));
    expect(fired).toEqual([0, 1, 2, 3, 4, 5].map((i) => firstDue + i * DAY));
    await emu.waitFor(() => summaries(w).length >= 6, { timeout: 10_000, what: 'six summaries' });
    expect((await h.ask(w.clerk, w.group, '/lichtomtat tat')).text).toBe('✅ Lịch gửi tóm tắt của đơn vị BD: tắt.');
    await h.settle();

    const jobs = await digestJobs(h);
    const dues = jobs.map((j) => j.due);
    expect(new Set(dues).size).toBe(dues.length);
    expect(jobs.every((j) => j.state === 'completed')).toBe(true);
    expect(dues).toEqual(fired);
    // One message per due time, whichever worker ran it.
    expect(summaries(w)).toHaveLength(6);
    expect(summaries(w).every((t) => t === NOTHING('Quận Ba Đình'))).toBe(true);
  });
});

describe('a group whose sends are already booked far ahead', () => {
  it('does not get the scheduled summary piled on (skipped, logged, counted); the next due time posts as usual', async () => {
    const emu = await BotApiEmulator.start();
    cleanup.push(() => emu.close());
    const { log, lines } = captureLogger('info');
    const h = await startHarness({ emu, log, env: { FLOOD_LIMIT: '1000', BACKLOG_SKIP_SEC: '120' } });
    cleanup.push(() => h.app.stop());
    const w = await world(h, emu);
    const { redis, keys } = h.app.svc.store;
    const tasks = h.app.queues.tasks;
    const due = (await tasks.getJobScheduler('digest-BD'))!.next!; // the default: weekly, Friday 16:00

    // The group's next free moment is ten minutes away, as after a long run of messages to it.
    const rateKey = keys.rate(`chat:${w.group.id}`);
    await redis.set(rateKey, String(Date.now() + 600_000), 'PX', 660_000);
    expect(await h.app.svc.limiter.backlogMs(w.group.id)).toBeGreaterThan(120_000);

    expect(await fireNext(tasks, 'BD')).toBe(due);
    await until(async () => (await digestJobs(h)).find((j) => j.due === due && j.state === 'completed'), 'the skipped run to complete');
    await h.settle();
    expect(summaries(w)).toEqual([]);
    // Not queued behind the backlog either: nothing of it was handed to the sender.
    expect(await h.app.queues.deliver.getJob(`digest_BD_due${due}_0`)).toBeUndefined();
    expect((await h.app.svc.store.digests.get('BD')).lastAt).toBeUndefined();
    const counted = (await h.app.svc.metrics.summariesSkipped.get()).values.find((v) => v.labels.reason === 'backlog');
    expect(counted?.value).toBe(1);
    const logged = lines.filter((l) => l.msg.startsWith('scheduled summary skipped'));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: 30, unit: 'BD', chatId: w.group.id, due });
    expect(logged[0]!.backlogSec).toBeGreaterThan(120);
    expect(JSON.stringify(logged[0])).not.toContain('TÓM TẮT');

    // The booked messages have gone out: the next due time posts as usual.
    await redis.del(rateKey);
    expect(await fireNext(tasks, 'BD', due)).toBe(due + 7 * DAY);
    await emu.waitFor(() => summaries(w).length === 1, { timeout: 5000, what: 'the next scheduled summary' });
    expect(summaries(w)[0]).toMatch(/^📊 TÓM TẮT TUẦN .+ · Quận Ba Đình\nTuần này không có việc cần chú ý\.$/);
    expect((await h.app.svc.metrics.summariesSkipped.get()).values.find((v) => v.labels.reason === 'backlog')?.value).toBe(1);
  });
});

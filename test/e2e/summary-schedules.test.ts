import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { Chat, User } from 'grammy/types';
import { BotApiEmulator } from '#test/support/emulator.js';
import { startHarness, type Harness } from '#test/support/harness.js';
import { kill, spawnRole } from '#test/support/processes.js';

/**
 * Scheduled summaries in time: a short cron firing and posting through the outbox, a due
 * time passed while the service was stopped (sent once when it returns), and several worker
 * processes sharing one schedule (no due time summarised twice). Sleeps are used only where
 * the passage of time is what is under test.
 */
const OFFSET = 7 * 3_600_000; // Asia/Ho_Chi_Minh
const VI_DAYS = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'];
const pad = (n: number) => String(n).padStart(2, '0');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
function wall(ms: number) {
  const d = new Date(ms + OFFSET);
  return { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds(), wd: d.getUTCDay() };
}
const viDate = (ms: number) => { const w = wall(ms); return `${pad(w.d)}/${pad(w.mo)}/${w.y}`; };
const viDateTime = (ms: number) => { const w = wall(ms); return `${pad(w.h)}:${pad(w.mi)} ${VI_DAYS[w.wd]}, ${viDate(ms)}`; };
/** A daily 6-field cron that is due once, at `at` (a whole second), in the council's zone. */
const cronAt = (at: number) => { const w = wall(at); return `${w.s} ${w.mi} ${w.h} * * *`; };
/** A whole second at least `ms` from now. */
const secondAfter = (ms: number) => Math.ceil((Date.now() + ms) / 1000) * 1000;

const NOTHING = (unit: string) => `📊 TÓM TẮT NGÀY ${viDate(Date.now())} · ${unit}\nHiện không có việc cần chú ý.`;

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
  it('a 2-second cron posts the summary to the group through the outbox, and off stops it', async () => {
    const emu = await BotApiEmulator.start();
    cleanup.push(() => emu.close());
    const h = await startHarness({ emu, env: { FLOOD_LIMIT: '1000' } });
    cleanup.push(() => h.app.stop());
    const w = await world(h, emu);

    const set = await h.ask(w.clerk, w.group, '/lichtomtat */2 * * * * *');
    expect(set.text).toMatch(/^✅ Lịch gửi tóm tắt của đơn vị BD: theo lịch cron «\*\/2 \* \* \* \* \*»\.\nLần gửi tiếp theo: \d\d:\d\d .+, \d\d\/\d\d\/\d{4}\.$/);
    const scheduler = await h.app.queues.tasks.getJobScheduler('digest-BD');
    expect(scheduler).toMatchObject({ pattern: '*/2 * * * * *', tz: 'Asia/Ho_Chi_Minh' });
    expect(scheduler!.next! % 2000).toBe(0);
    expect(set.text).toContain(`Lần gửi tiếp theo: ${viDateTime(scheduler!.next!)}.`);

    const first = await emu.waitFor(() => emu.botMessages(w.group.id).find((m) => m.text?.startsWith('📊')), { timeout: 5000, what: 'the first scheduled summary' });
    expect(first.text).toBe(NOTHING('Quận Ba Đình'));
    expect(first.buttons).toEqual([]);
    await emu.waitFor(() => summaries(w).length >= 3, { timeout: 7000, what: 'three scheduled summaries' });
    // Sent by the outbox sender (sendMessage), two seconds apart.
    const sends = emu.calls.filter((c) => c.method === 'sendMessage' && c.ok && c.chatId === w.group.id && String(c.params.text).startsWith('📊'));
    expect(sends.length).toBeGreaterThanOrEqual(3);
    const gap = sends[2]!.at - sends[1]!.at;
    expect(gap).toBeGreaterThan(1500);
    expect(gap).toBeLessThan(2500);
    const jobs = await digestJobs(h);
    expect(jobs.filter((j) => j.state === 'completed').length).toBeGreaterThanOrEqual(3);
    expect(jobs.every((j) => j.due % 2000 === 0)).toBe(true);
    expect((await h.app.svc.store.digests.get('BD')).lastAt).toBeGreaterThan(Date.now() - 3000);

    expect((await h.ask(w.clerk, w.group, '/lichtomtat tat')).text).toBe('✅ Lịch gửi tóm tắt của đơn vị BD: tắt.');
    await h.settle();
    const after = summaries(w).length;
    await sleep(2500); // more than one period: nothing more comes
    expect(summaries(w).length).toBe(after);
    expect(await h.app.queues.tasks.getJobScheduler('digest-BD')).toBeUndefined();
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

    const due = secondAfter(2500);
    const set = await first.ask(w.clerk, w.group, `/lichtomtat ${cronAt(due)}`);
    expect(set.text).toBe(`✅ Lịch gửi tóm tắt của đơn vị BD: theo lịch cron «${cronAt(due)}».\nLần gửi tiếp theo: ${viDateTime(due)}.`);
    expect((await first.app.queues.tasks.getJobScheduler('digest-BD'))?.next).toBe(due);
    // No settle here: it would wait for the job due in a moment.
    await first.app.stop();
    firstRunning = false;
    expect(Date.now()).toBeLessThan(due);

    await sleep(due + 1000 - Date.now()); // the due time passes with nothing running
    expect(summaries(w)).toEqual([]);
    const second = await startHarness({ emu, prefix, env: { FLOOD_LIMIT: '1000' } });
    cleanup.push(() => second.app.stop());
    await emu.waitFor(() => summaries(w).length > 0, { timeout: 6000, what: 'the missed summary after the restart' });
    await second.settle();
    await sleep(1000);
    expect(summaries(w)).toEqual([NOTHING('Quận Ba Đình')]);
    // The next one is tomorrow's, and the missed due time was run exactly once.
    expect((await second.app.queues.tasks.getJobScheduler('digest-BD'))?.next).toBe(due + 86_400_000);
    expect((await digestJobs(second)).filter((j) => j.due === due).map((j) => j.state)).toEqual(['completed']);
  });
});

describe('several worker processes', () => {
  let children: ChildProcess[] = [];
  let h: Harness;
  let w: World;

  it('share a fast schedule: every due time summarised exactly once', async () => {
    const emu = await BotApiEmulator.start();
    cleanup.push(() => emu.close());
    h = await startHarness({ emu, role: 'bot', env: { FLOOD_LIMIT: '1000', JOB_LOCK_MS: '1500' } });
    cleanup.push(() => h.app.stop());
    cleanup.push(() => Promise.all(children.map((c) => kill(c))));
    const spawned = Promise.all([spawnRole(h.config, 'worker'), spawnRole(h.config, 'worker')]);
    w = await world(h, emu);
    children = await spawned;

    const set = await h.ask(w.clerk, w.group, '/lichtomtat * * * * * *');
    expect(set.text).toMatch(/^✅ Lịch gửi tóm tắt của đơn vị BD: theo lịch cron «\* \* \* \* \* \*»\./);
    const firstDue = (await h.app.queues.tasks.getJobScheduler('digest-BD'))!.next!;
    await sleep(firstDue + 5500 - Date.now()); // six due times: firstDue … firstDue + 5 s
    expect((await h.ask(w.clerk, w.group, '/lichtomtat tat')).text).toBe('✅ Lịch gửi tóm tắt của đơn vị BD: tắt.');
    await h.settle();
    await sleep(800); // a send started just before "off" lands

    const jobs = await digestJobs(h);
    const dues = jobs.map((j) => j.due);
    expect(new Set(dues).size).toBe(dues.length);
    expect(jobs.every((j) => j.state === 'completed')).toBe(true);
    expect(dues.filter((d) => d >= firstDue && d <= firstDue + 5000)).toEqual([0, 1, 2, 3, 4, 5].map((i) => firstDue + i * 1000));
    // One message per due time, whichever worker ran it.
    expect(summaries(w)).toHaveLength(dues.length);
    expect(summaries(w).every((t) => t === NOTHING('Quận Ba Đình'))).toBe(true);
  });
});

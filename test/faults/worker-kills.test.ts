import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from 'grammy/types';
import { BotApiEmulator, type ApiCall } from '#test/support/emulator.js';
import { mulberry32 } from '#test/support/emulator/limits.js';
import { draftNotice } from '#test/support/seed.js';
import { startHarness, type Harness } from '#test/support/harness.js';
import { kill, spawnRole } from '#test/support/processes.js';
import { startRedis, type RedisServer } from '#test/support/redis.js';

/**
 * Fault (1): a worker killed with SIGKILL at random moments of a 1,000-recipient notice and
 * started again, five times. Nobody may be missing, and a copy may be repeated only if its
 * send was in flight when the worker died.
 *
 * "In flight" is measured, not estimated. The sender's promise (jobs/deliver.ts) is that a
 * delivery is repeated only when Telegram performed it but its "sent" record was not yet in
 * Redis when the process died. So after each kill, once the dead worker's last requests have
 * reached the emulator, we count the recipients who got a new copy since the previous kill
 * and have no sent record: those sends were in flight at the kill (the request on the wire,
 * the answer on its way back, or the record's SET not yet done). A new copy to one of them
 * is the only duplicate allowed, so duplicates ≤ Σ in-flight. Each in-flight count is itself
 * at most SEND_CONCURRENCY (deliveries a worker has going at once). For the figures we also
 * count the copyMessage calls the emulator answered after the kill signal ("late"): sends
 * whose request was already on the wire when the worker died.
 */
const RECIPIENTS = 1000;
const KILLS = 5;
const CONCURRENCY = 100;
const SEED = 20251;
const NOTICE = 'Thông báo khẩn: họp bất thường 1.000 đại biểu';

let emu: BotApiEmulator;
let redis: RedisServer;
let h: Harness;
let clerk: User;
const delegates: User[] = [];
let worker: ChildProcess | undefined;

beforeAll(async () => {
  emu = await BotApiEmulator.start();
  emu.on('call', (c: ApiCall) => {
    if (c.method === 'copyMessage' && c.ok && c.chatId !== undefined && c.chatId !== clerk.id) reachedLive.add(c.chatId);
  });
  // Redis as docker-compose.yml runs it (AOF, fsync every second): its write path is the one in production.
  redis = await startRedis({ asCompose: true });
  h = await startHarness({ emu, role: 'bot', redisUrl: redis.url, env: { FLOOD_LIMIT: '1000', JOB_LOCK_MS: '1000', SEND_CONCURRENCY: String(CONCURRENCY) } });
  const { store } = h.app.svc;
  await store.units.upsert('TP', 'HĐND Thành phố Hà Nội');
  await store.units.upsert('BD', 'Quận Ba Đình');
  clerk = emu.user({ first_name: 'Thư ký', privateOpen: true });
  await store.members.put({ id: clerk.id, name: 'Thư ký', role: 'secretary', unit: 'TP', joinedAt: 1, invitedBy: 1 });
  for (let i = 0; i < RECIPIENTS; i++) delegates.push(emu.user({ first_name: `Đại biểu ${i + 1}`, privateOpen: true }));
  for (let i = 0; i < RECIPIENTS; i += 100) {
    await Promise.all(
      delegates.slice(i, i + 100).map((d) => store.members.put({ id: d.id, name: d.first_name, role: 'delegate', unit: 'BD', joinedAt: 1, invitedBy: 1 })),
    );
  }
}, 60_000);

afterAll(async () => {
  if (worker) await kill(worker);
  await h?.stop();
  await emu?.close();
  await redis?.stop();
});

/** Copies as the recipients see them (reads every chat: for the checkpoints, not for polling). */
function copies(): Map<number, number> {
  const counts = new Map<number, number>();
  for (const d of delegates) counts.set(d.id, emu.botMessages(d.id).filter((m) => m.text === NOTICE).length);
  return counts;
}

/** Recipients reached so far, kept up to date from the emulator's calls (cheap enough to poll). */
const reachedLive = new Set<number>();

const reached = (c: Map<number, number>) => [...c.values()].filter((n) => n > 0).length;

/** Resolves once the emulator has had no call for `ms`: the dead worker's last requests are in. */
async function quiet(ms: number): Promise<void> {
  for (;;) {
    const n = emu.calls.length;
    await new Promise((r) => setTimeout(r, ms));
    if (emu.calls.length === n) return;
  }
}

describe('fault: workers killed mid-broadcast', () => {
  it('five SIGKILLs during a 1,000-recipient notice: nobody missing, repeats only of sends in flight', async () => {
    const { store } = h.app.svc;
    const rand = mulberry32(SEED);
    worker = await spawnRole(h.config, 'worker');

    const { control, id } = await draftNotice(h, clerk, NOTICE);
    const started = Date.now();
    await emu.pressButton(clerk, control.raw, `bc:send:${id}`);

    const inFlight: number[] = [];
    const late: number[] = [];
    const reachedAtKill: number[] = [];
    let before = new Map(delegates.map((d) => [d.id, 0]));
    for (let k = 0; k < KILLS; k++) {
      // A random further number of recipients, 40–159, so five kills land before the end.
      const target = reached(before) + 40 + Math.floor(rand() * 120);
      await emu.waitFor(() => reachedLive.size >= target, { timeout: 20_000, what: `${target} recipients reached` });
      const callsAtKill = emu.calls.length;
      await kill(worker, 'SIGKILL');
      await quiet(200);
      late.push(emu.calls.slice(callsAtKill).filter((c) => c.method === 'copyMessage' && c.ok).length);
      const now = copies();
      const sentRecords = await store.redis.mget(delegates.map((d) => store.keys.sent(`${id}_${d.id}`)));
      inFlight.push(delegates.filter((d, i) => now.get(d.id)! > before.get(d.id)! && sentRecords[i] === null).length);
      reachedAtKill.push(reached(now));
      before = now;
      worker = await spawnRole(h.config, 'worker');
    }
    expect(reachedAtKill.at(-1)!, 'the fifth kill came before the notice was fully delivered').toBeLessThan(RECIPIENTS);

    // The report, or (if it never comes) the moment nothing is left to do: the figures are
    // printed either way, before the assertions.
    const finalReport = () => emu.botMessages(clerk.id).find((x) => x.message_id === control.message_id && /^(✅|🛑)/.test(x.text ?? ''));
    let idleSince = 0;
    const deadline = Date.now() + 40_000;
    while (!finalReport() && Date.now() < deadline) {
      const c = await h.app.queues.deliver.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      const t = await h.app.queues.tasks.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      const idle = [...Object.values(c), ...Object.values(t)].every((n) => n === 0);
      idleSince = idle ? idleSince || Date.now() : 0;
      if (idle && Date.now() - idleSince > 5000) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const report = finalReport();
    const seconds = (Date.now() - started) / 1000;
    if (report) await h.settle();

    const final = copies();
    const missing = delegates.filter((d) => final.get(d.id) === 0).length;
    const duplicates = [...final.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
    const bound = inFlight.reduce((a, b) => a + b, 0);
    // Where the broadcast's own bookkeeping went wrong, if it did: recipients without an outcome.
    const outcomes = await store.broadcasts.outcomes(id);
    const failedJobs = await h.app.queues.deliver.getFailed(0, RECIPIENTS);
    const noOutcome = { failedStalled: 0, completedAlreadySent: 0, other: 0 };
    for (const d of delegates) {
      if (outcomes.has(d.id)) continue;
      const job = await h.app.queues.deliver.getJob(`${id}_${d.id}`);
      if (job?.failedReason?.includes('stalled')) noOutcome.failedStalled++;
      else if ((job?.returnvalue as { status?: string } | undefined)?.status === 'already-sent') noOutcome.completedAlreadySent++;
      else noOutcome.other++;
    }
    console.log(
      `FIGURES worker-kills: recipients=${RECIPIENTS} kills=${KILLS} reachedAtKill=${reachedAtKill.join('/')} inFlight=${inFlight.join('+')} ` +
        `lateAnswers=${late.join('+')} duplicates=${duplicates} bound=${bound} missing=${missing} concurrency=${CONCURRENCY} ` +
        `report=${JSON.stringify(report?.text ?? emu.botMessages(clerk.id).find((x) => x.message_id === control.message_id)?.text)} ` +
        `failedJobs=${failedJobs.length} noOutcome=${JSON.stringify(noOutcome)} seconds=${seconds.toFixed(1)}`,
    );

    expect(failedJobs.map((j) => `${j.id}: ${j.failedReason}`).slice(0, 3), 'deliveries given up by BullMQ').toEqual([]);
    expect(noOutcome, 'recipients missing from the report').toEqual({ failedStalled: 0, completedAlreadySent: 0, other: 0 });
    expect(report?.text).toMatch(new RegExp(`^✅ Đã gửi thông báo ${id} tới 1\\.?000/1\\.?000 người nhận\\.$`));
    expect(missing).toBe(0);
    for (const n of inFlight) expect(n).toBeLessThanOrEqual(CONCURRENCY);
    expect(duplicates).toBeLessThanOrEqual(bound);
  }, 120_000);
});

import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from 'grammy/types';
import { mulberry32 } from '#test/support/emulator/limits.js';
import { kill, spawnRole } from '#test/support/processes.js';
import { startRedis, type RedisServer } from '#test/support/redis.js';
import { draftNotice } from '#test/support/seed.js';
import { startZaloHarness, type ZaloHarness, type ZaloUser } from '#test/support/zalo/harness.js';
import type { ZaloCall } from '#test/support/zalo/types.js';

/**
 * The Zalo sender's promise under SIGKILL, as the Telegram sender's (worker-kills.test.ts): a
 * Zalo worker killed at random moments of a notice to 400 people on Zalo, and started again,
 * four times. Nobody may be missing; a copy may be repeated only if its send was in flight at
 * the kill: Zalo performed it but its "sent" record (per part) was not yet in Redis.
 */
const RECIPIENTS = 400;
const KILLS = 4;
const CONCURRENCY = 50;
const NOTICE = 'Thông báo khẩn trên Zalo: họp bất thường';

let redis: RedisServer;
let h: ZaloHarness;
let clerk: User;
const people: ZaloUser[] = [];
const ids = new Map<string, number>();
let worker: ChildProcess | undefined;
const reachedLive = new Set<string>();

beforeAll(async () => {
  redis = await startRedis({ asCompose: true });
  h = await startZaloHarness({ role: 'bot', redisUrl: redis.url, env: { FLOOD_LIMIT: '1000', JOB_LOCK_MS: '1000', SEND_CONCURRENCY: String(CONCURRENCY), ZALO_SEND_PER_SEC: '200', ZALO_SEND_PER_CHAT_PER_SEC: '5' } });
  h.zalo.on('call', (c: ZaloCall) => {
    if (c.method === 'sendMessage' && c.ok && c.chatId && String(c.params.text).includes(NOTICE)) reachedLive.add(c.chatId);
  });
  const { store } = h.app.svc;
  await store.units.upsert('TP', 'HĐND Thành phố Hà Nội');
  await store.units.upsert('BD', 'Phường Ba Đình');
  clerk = h.emu.user({ first_name: 'Thư ký', privateOpen: true });
  await store.members.put({ id: clerk.id, name: 'Thư ký', role: 'secretary', unit: 'TP', joinedAt: 1, invitedBy: 1 });
  for (let i = 0; i < RECIPIENTS; i++) {
    const u = h.zalo.user({ name: `Đại biểu ${i + 1}`, interacted: true });
    people.push(u);
    const id = await store.members.idOfZalo(u.id);
    ids.set(u.id, id);
    await store.members.put({ id, name: u.display_name, role: 'delegate', unit: 'BD', joinedAt: 1, invitedBy: 1, zaloId: u.id });
  }
}, 60_000);

afterAll(async () => {
  if (worker) await kill(worker);
  await h?.stop();
  await redis?.stop();
});

function copies(): Map<string, number> {
  return new Map(people.map((u) => [u.id, h.zalo.botMessages(u.id).filter((m) => m.text?.includes(NOTICE)).length]));
}

async function quiet(ms: number): Promise<void> {
  for (;;) {
    const n = h.zalo.calls.length;
    await new Promise((r) => setTimeout(r, ms));
    if (h.zalo.calls.length === n) return;
  }
}

describe('fault: Zalo workers killed mid-notice', () => {
  it('four SIGKILLs during a notice to 400 on Zalo: nobody missing, repeats only of sends in flight', async () => {
    const { store } = h.app.svc;
    const rand = mulberry32(14);
    worker = await spawnRole({ ...h.config, HTTP_PORT: 0 }, 'worker');
    const { control, id } = await draftNotice(h, clerk, NOTICE);
    await h.emu.pressButton(clerk, control.raw, `bc:send:${id}`);

    const inFlight: number[] = [];
    let before = new Map(people.map((u) => [u.id, 0]));
    for (let k = 0; k < KILLS; k++) {
      const target = [...before.values()].filter((n) => n > 0).length + 30 + Math.floor(rand() * 40);
      await h.zalo.waitFor(() => reachedLive.size >= target, { timeout: 20_000, what: `${target} reached` });
      await kill(worker, 'SIGKILL');
      await quiet(200);
      const now = copies();
      const partRecords = await store.redis.mget(people.map((u) => store.keys.sent(`${id}_${ids.get(u.id)}#0`)));
      inFlight.push(people.filter((u, i) => now.get(u.id)! > before.get(u.id)! && partRecords[i] === null).length);
      before = now;
      worker = await spawnRole({ ...h.config, HTTP_PORT: 0 }, 'worker');
    }
    const report = await h.emu.waitForBotMessage(clerk.id, `Đã gửi thông báo ${id} tới`, { timeout: 40_000 });
    const final = copies();
    const missing = people.filter((u) => final.get(u.id) === 0).length;
    const duplicates = [...final.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
    const bound = inFlight.reduce((a, b) => a + b, 0);
    console.log(`FIGURES zalo-worker-kills: recipients=${RECIPIENTS} kills=${KILLS} inFlight=${inFlight.join('+')} duplicates=${duplicates} bound=${bound} missing=${missing}`);
    expect(report.text).toMatch(/tới 400\/400 người nhận/);
    expect(missing).toBe(0);
    expect(duplicates).toBeLessThanOrEqual(bound);
  }, 120_000);
});

import type { ChildProcess } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { User } from 'grammy/types';
import { BotApiEmulator, TELEGRAM_LIMITS, type EmuMessage } from '#test/support/emulator.js';
import { draftNotice } from '#test/support/seed.js';
import { REAL_LIMITS, startHarness, type Harness } from '#test/support/harness.js';
import { kill, spawnRole } from '#test/support/processes.js';

/**
 * Delivery across processes: the bot runs here, workers run as child processes that
 * share the limits and the "sent" records through Redis.
 */
let emu: BotApiEmulator;
let h: Harness;
let clerk: User;
const delegates: User[] = [];
let children: ChildProcess[] = [];

beforeAll(async () => {
  emu = await BotApiEmulator.start({ limits: TELEGRAM_LIMITS });
  h = await startHarness({ emu, role: 'bot', env: { ...REAL_LIMITS, FLOOD_LIMIT: '1000', JOB_LOCK_MS: '1500' } });
  const { store } = h.app.svc;
  await store.units.upsert('TP', 'HĐND Thành phố Hà Nội');
  await store.units.upsert('BD', 'Quận Ba Đình');
  clerk = emu.user({ first_name: 'Thư ký', privateOpen: true });
  await store.members.put({ id: clerk.id, name: 'Thư ký', role: 'secretary', unit: 'TP', joinedAt: 1, invitedBy: 1 });
  for (let i = 0; i < 90; i++) {
    const d = emu.user({ first_name: `Đại biểu ${i + 1}`, privateOpen: true });
    delegates.push(d);
    await store.members.put({ id: d.id, name: d.first_name, role: 'delegate', unit: 'BD', joinedAt: 1, invitedBy: 1 });
  }
});
afterEach(async () => {
  await Promise.all(children.map((c) => kill(c)));
  children = [];
});
afterAll(async () => {
  await h.stop();
  await emu.close();
});

/** Drafts a notice as the clerk and returns the control message to press Send on. */
async function draft(text: string): Promise<EmuMessage> {
  return (await draftNotice(h, clerk, text)).control;
}

function copiesPerRecipient(text: string): Map<number, number> {
  const counts = new Map<number, number>();
  for (const d of delegates) counts.set(d.id, emu.botMessages(d.id).filter((m) => m.text === text).length);
  return counts;
}

async function report(control: EmuMessage, timeout: number): Promise<string> {
  const m = await emu.waitFor(
    () => emu.botMessages(clerk.id).find((x) => x.message_id === control.message_id && /^(✅|🛑)/.test(x.text ?? '')),
    { timeout, what: 'delivery report' },
  );
  return m.text!;
}

describe('worker processes', () => {
  it('two workers share Telegram’s limits: no 429, everyone once', async () => {
    children.push(...(await Promise.all([spawnRole(h.config, 'worker'), spawnRole(h.config, 'worker')])));
    const control = await draft('Thông báo số 1');
    const before = emu.stats().errors429;
    const started = Date.now();
    await emu.pressButton(clerk, control.raw, `bc:send:${/mã (B\d+)/.exec(control.text!)![1]}`);
    expect(await report(control, 20_000)).toMatch(/^✅ Đã gửi thông báo B\d+ tới 90\/90 người nhận\.$/);
    expect(emu.calls.filter((c) => c.error_code === 429).map((c) => `${c.method} ${c.chatId}`)).toEqual([]);
    expect(emu.stats().errors429 - before).toBe(0);
    expect([...copiesPerRecipient('Thông báo số 1').values()].every((n) => n === 1)).toBe(true);
    // 90 sends at 30 in any second need at least two full seconds after the first 30: sharing
    // the limit is what makes it take that long.
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
  });

  it('a worker killed mid-broadcast and restarted delivers the rest without repeating what was sent', async () => {
    const first = await spawnRole(h.config, 'worker');
    children.push(first);
    const control = await draft('Thông báo số 2');
    const id = /mã (B\d+)/.exec(control.text!)![1]!;
    await emu.pressButton(clerk, control.raw, `bc:send:${id}`);
    await emu.waitFor(() => [...copiesPerRecipient('Thông báo số 2').values()].filter((n) => n > 0).length >= 30, { timeout: 10_000, what: '30 copies' });
    await kill(first, 'SIGKILL');
    const sentAtKill = [...copiesPerRecipient('Thông báo số 2').values()].filter((n) => n > 0).length;
    expect(sentAtKill).toBeLessThan(90);
    children.push(await spawnRole(h.config, 'worker'));
    expect(await report(control, 30_000)).toBe(`✅ Đã gửi thông báo ${id} tới 90/90 người nhận.`);
    const counts = [...copiesPerRecipient('Thông báo số 2').values()];
    expect(counts.every((n) => n >= 1)).toBe(true);
    // Only a send in flight at the moment of the kill can be repeated.
    const duplicates = counts.reduce((sum, n) => sum + n - 1, 0);
    expect(duplicates).toBeLessThanOrEqual(2);
  });

  it('cancelling during delivery stops the rest and reports what went out', async () => {
    children.push(await spawnRole(h.config, 'worker'));
    const control = await draft('Thông báo số 3');
    const id = /mã (B\d+)/.exec(control.text!)![1]!;
    await emu.pressButton(clerk, control.raw, `bc:send:${id}`);
    await emu.waitFor(() => [...copiesPerRecipient('Thông báo số 3').values()].filter((n) => n > 0).length >= 10, { timeout: 10_000, what: '10 copies' });
    const answer = await h.ask(clerk, 'private', `/huythongbao ${id}`);
    expect(answer.text).toMatch(new RegExp(`^🛑 Đã dừng gửi thông báo ${id}\\. Đã gửi \\d+/90 người nhận; phần còn lại sẽ không được gửi\\.$`));
    const final = await report(control, 20_000);
    const m = /^🛑 Thông báo B\d+ đã dừng: đã gửi (\d+)\/90 người nhận, (\d+) người nhận không được gửi\.$/.exec(final);
    expect(m).not.toBeNull();
    const delivered = [...copiesPerRecipient('Thông báo số 3').values()].filter((n) => n > 0).length;
    expect(Number(m![1])).toBe(delivered);
    expect(Number(m![1]) + Number(m![2])).toBe(90);
    expect(delivered).toBeLessThan(90);
    await h.settle();
    expect([...copiesPerRecipient('Thông báo số 3').values()].filter((n) => n > 0).length).toBe(delivered);
  });
});

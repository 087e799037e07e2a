import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from 'grammy/types';
import { BotApiEmulator } from '#test/support/emulator.js';
import { draftNotice } from '#test/support/seed.js';
import { startHarness, type Harness } from '#test/support/harness.js';

/**
 * Fault (3): the Bot API answers 10% of calls 502 and 5% of them 1.5 s late, with the app's
 * client timeout at 1 s. A 502 is a call Telegram did not perform; a slow answer is a call it
 * did perform, which the sender gives up on and retries. So everything must arrive, and a
 * recipient may get a second copy only through one of those timed-out calls: per recipient,
 * copies − 1 ≤ slow successful copyMessage calls to that recipient. Direct answers to
 * people (here /whoami) keep working through auto-retry meanwhile.
 */
const RECIPIENTS = 300;
const NOTICE = 'Thông báo: lịch tiếp công dân tháng 11';
const HK_DELEGATES = 3;
const FAULTS = { error5xxRate: 0.1, slowRate: 0.05, slowMs: 1500, seed: 7 };

let emu: BotApiEmulator;
let h: Harness;
let clerk: User;
const delegates: User[] = [];

beforeAll(async () => {
  emu = await BotApiEmulator.start();
  h = await startHarness({ emu, role: 'all', env: { API_TIMEOUT_SEC: '1', FLOOD_LIMIT: '1000' } });
  const { store } = h.app.svc;
  await store.units.upsert('TP', 'HĐND Thành phố Hà Nội');
  await store.units.upsert('BD', 'Quận Ba Đình');
  clerk = emu.user({ first_name: 'Thư ký', privateOpen: true });
  await store.members.put({ id: clerk.id, name: 'Thư ký', role: 'secretary', unit: 'TP', joinedAt: 1, invitedBy: 1 });
  await store.units.upsert('HK', 'Quận Hoàn Kiếm');
  for (let i = 0; i < RECIPIENTS; i++) delegates.push(emu.user({ first_name: `Đại biểu ${i + 1}`, privateOpen: true }));
  // The last three are of HK, the audience of the second test.
  const unitOf = (i: number) => (i >= RECIPIENTS - HK_DELEGATES ? 'HK' : 'BD');
  await Promise.all(delegates.map((d, i) => store.members.put({ id: d.id, name: d.first_name, role: 'delegate', unit: unitOf(i), joinedAt: 1, invitedBy: 1 })));
}, 60_000);

afterAll(async () => {
  await h?.stop();
  await emu?.close();
});

describe('fault: a flaky Bot API', () => {
  it('10% 5xx and 5% slow answers: everyone gets the notice, repeats only where a timed-out call went through', async () => {
    const { control, id } = await draftNotice(h, clerk, NOTICE);

    // The faults start once Send is answered: a press during faults is the next test.
    const started = Date.now();
    await emu.pressButton(clerk, control.raw, `bc:send:${id}`);
    const firstFaultyCall = emu.calls.length;
    emu.setFaults(FAULTS);

    // A direct answer while the notice goes out and the API misbehaves.
    const asker = delegates[0]!;
    const whoStarted = Date.now();
    emu.sendText(asker, 'private', '/toila');
    const answer = await emu.waitForBotMessage(asker.id, /Vai trò/, { timeout: 15_000 }).catch(() => undefined);
    const whoMs = Date.now() - whoStarted;

    const report = await emu
      .waitFor(() => emu.botMessages(clerk.id).find((x) => x.message_id === control.message_id && /^(✅|🛑)/.test(x.text ?? '')), {
        timeout: 45_000,
        what: 'delivery report',
      })
      .catch(() => undefined);
    const seconds = (Date.now() - started) / 1000;
    await h.settle().catch(() => undefined);

    const calls = emu.calls.slice(firstFaultyCall);
    const recipientIds = new Set(delegates.map((d) => d.id));
    const copyCalls = calls.filter((c) => c.method === 'copyMessage' && c.chatId !== undefined && recipientIds.has(c.chatId));
    // Performed by "Telegram" but answered after the client had given up: the only calls a
    // retry may repeat. Slow answers are the injected cause; a loaded machine may add others.
    const timedOut = copyCalls.filter((c) => c.ok && c.abandoned);
    const timedOutByChat = new Map<number, number>();
    for (const c of timedOut) timedOutByChat.set(c.chatId!, (timedOutByChat.get(c.chatId!) ?? 0) + 1);
    const unexplained: string[] = [];
    let duplicates = 0;
    let missing = 0;
    for (const d of delegates) {
      const n = emu.botMessages(d.id).filter((m) => m.text === NOTICE).length;
      if (n === 0) missing++;
      duplicates += Math.max(0, n - 1);
      if (n - 1 > (timedOutByChat.get(d.id) ?? 0)) unexplained.push(`${d.id}: ${n} copies, ${timedOutByChat.get(d.id) ?? 0} timed out`);
    }
    for (const u of unexplained.slice(0, 3)) {
      const chat = Number(u.split(':')[0]);
      console.log('DIAG unexplained duplicate', u, JSON.stringify(calls.filter((c) => c.chatId === chat).map((c) => [c.method, c.at - started, c.ok, c.error_code, c.slow, c.abandoned])));
    }
    for (const d of delegates.filter((x) => !emu.botMessages(x.id).some((m) => m.text === NOTICE)).slice(0, 3)) {
      const job = await h.app.queues.deliver.getJob(`${id}_${d.id}`);
      console.log('DIAG missing', d.id, job ? JSON.stringify({ state: await job.getState(), attemptsMade: job.attemptsMade, failedReason: job.failedReason, returnvalue: job.returnvalue, data: job.data }) : 'no job', JSON.stringify(calls.filter((c) => c.chatId === d.id).map((c) => [c.method, c.at - started, c.ok, c.error_code, c.slow, c.abandoned])));
    }
    const slowCopies = copyCalls.filter((c) => c.ok && c.slow).length;
    const timedOutCopies = timedOut.length;
    const timedOutNotSlow = timedOut.filter((c) => !c.slow).length;
    const errors5xx = calls.filter((c) => (c.error_code ?? 0) >= 500).length;
    const slowAll = calls.filter((c) => c.slow).length;
    console.log(
      `FIGURES flaky-api: recipients=${RECIPIENTS} calls=${calls.length} copyCalls=${copyCalls.length} answered5xx=${errors5xx} slowAnswers=${slowAll} ` +
        `slowCopies=${slowCopies} timedOutCopies=${timedOutCopies} (notSlow=${timedOutNotSlow}) duplicates=${duplicates} unexplained=${unexplained.length} missing=${missing} ` +
        `whoamiMs=${whoMs} report=${JSON.stringify(report?.text)} seconds=${seconds.toFixed(1)}`,
    );

    expect(answer?.text, '/whoami answered during the faults').toContain('Vai trò');
    expect(report?.text).toBe(`✅ Đã gửi thông báo ${id} tới ${RECIPIENTS}/${RECIPIENTS} người nhận.`);
    expect(missing).toBe(0);
    expect(unexplained).toEqual([]);
    expect(duplicates).toBeLessThanOrEqual(timedOutCopies);
    // The faults did happen: otherwise this test proves nothing.
    expect(errors5xx).toBeGreaterThan(10);
    expect(slowCopies).toBeGreaterThan(3);
  }, 90_000);

  /**
   * Found with FAULTS switched on before Send was pressed: seed 7 answered the first two calls
   * (both the answer to the button) with 502, auto-retry waited 3 s + 6 s, the callback query
   * had expired by then (400 "query is too old") and the notice was never fanned out. This
   * replays it deterministically: the press must still send the notice (the answer to the
   * button is a courtesy; the notice is the point).
   */
  it('Send pressed while the API fails the button answer twice: the notice still goes out', async () => {
    emu.setFaults({});
    const hk = delegates.slice(RECIPIENTS - HK_DELEGATES);
    const text = 'Thông báo: họp Thường trực HĐND quận Hoàn Kiếm';
    const { control, id } = await draftNotice(h, clerk, text, 'HK');
    emu.failNext('answerCallbackQuery', { error_code: 502, description: 'Bad Gateway' }, 2);
    await emu.pressButton(clerk, control.raw, `bc:send:${id}`);
    const got = await emu
      .waitFor(() => hk.every((d) => emu.botMessages(d.id).some((m) => m.text === text)), { timeout: 15_000, what: 'the notice in HK' })
      .catch(() => false);
    const status = (await h.app.svc.store.broadcasts.get(id))?.status;
    const fanout = await h.app.queues.tasks.getJob(`fanout-${id}`);
    console.log(`FIGURES flaky-api-press: delivered=${hk.filter((d) => emu.botMessages(d.id).some((m) => m.text === text)).length}/${HK_DELEGATES} status=${status} fanoutJob=${fanout ? 'yes' : 'none'} control=${JSON.stringify(emu.botMessages(clerk.id).find((m) => m.message_id === control.message_id)?.text)}`);
    expect(got, `notice ${id} delivered to HK (broadcast status ${status}, fan-out job ${fanout ? 'queued' : 'never queued'})`).toBe(true);
  }, 40_000);
});

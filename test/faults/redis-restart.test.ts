import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from 'grammy/types';
import { startHarness, type Harness } from '#test/support/harness.js';
import { startRedis, type RedisServer } from '#test/support/redis.js';

/**
 * Fault (2): Redis killed (SIGKILL) and restarted in the middle of comment intake, run as
 * docker-compose.yml runs it: AOF on with `appendfsync everysec`. Every comment whose
 * "✅ Đã ghi nhận ý kiến C…" reached the delegate must be in the store afterwards with that
 * id, text, author and source message; a comment sent during the outage may be acknowledged
 * late, or not at all, but never acknowledged and then lost. The app reconnects by itself
 * and says so in its logs.
 *
 * What this shows, and what it does not: SIGKILL ends the Redis process, not the machine, so
 * whatever Redis had written to the AOF is in the kernel and survives unsynced. With
 * everysec Redis writes a command to the AOF before it answers, except while a background
 * fsync is slower than a second: then it answers first and writes up to 2 s later. So the
 * one loss the test allows is a comment acknowledged within 2 s before the kill (counted in
 * the figures; none in the runs so far); anything acknowledged earlier or after the restart
 * must be there. A crash of the machine (power, kernel) can lose up to the last second or
 * two of acknowledged writes; no test here shows otherwise.
 */
const EVERYSEC_WINDOW_MS = 2000;
const DELEGATES = 24;
const PER_DELEGATE = 13; // 312 comments in all
const RESTART_AFTER_ACKS = 120;
const ANSWER_TIMEOUT_MS = 10_000;

let redis: RedisServer;
let h: Harness;
const delegates: User[] = [];
const logLines: Record<string, unknown>[] = [];

beforeAll(async () => {
  redis = await startRedis({ asCompose: true });
  // The app's own logs, captured: the reconnect must be visible to an operator.
  const log = pino({ level: 'info', base: { service: 'giao-ban' } }, { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) });
  h = await startHarness({ role: 'bot', redisUrl: redis.url, log, env: { FLOOD_LIMIT: '100000' } });
  const { store } = h.app.svc;
  await store.units.upsert('TP', 'HĐND Thành phố Hà Nội');
  await store.units.upsert('BD', 'Quận Ba Đình');
  const now = Date.now();
  await store.proposals.create({ v: 1, code: 'DA-01', title: 'Đề án thử nghiệm', sections: [], deadline: now + 7 * 86_400_000, units: 'all', version: 1, createdBy: 1, createdAt: now });
  for (let i = 0; i < DELEGATES; i++) {
    const d = h.emu.user({ first_name: `Đại biểu ${i + 1}`, privateOpen: true });
    delegates.push(d);
    await store.members.put({ id: d.id, name: d.first_name, role: 'delegate', unit: 'BD', joinedAt: 1, invitedBy: 1 });
  }
}, 60_000);

afterAll(async () => {
  await h?.stop();
  await redis?.stop();
});

interface Sent {
  delegate: number;
  messageId: number;
  text: string;
  sentAt: number;
  answer?: string;
  answeredAt?: number;
}

describe('fault: Redis restarted during comment intake', () => {
  it('every acknowledged comment survives a Redis restart; the app reconnects and logs it', async () => {
    const { store } = h.app.svc;
    const sent: Sent[] = [];
    let acks = 0;
    let restart: { from: number; to: number } | undefined;
    let restarting: Promise<void> | undefined;

    async function commentLoop(d: User): Promise<void> {
      for (let k = 1; k <= PER_DELEGATE; k++) {
        const text = `Ý kiến số ${k} của ${d.first_name}: đề nghị làm rõ điều ${k}.`;
        const msg = h.emu.sendText(d, 'private', `/gopy ${text}`);
        const s: Sent = { delegate: d.id, messageId: msg.message_id, text, sentAt: Date.now() };
        sent.push(s);
        const answer = await h.emu
          .waitFor(() => h.emu.botMessages(d.id).find((m) => m.replyTo === msg.message_id), { timeout: ANSWER_TIMEOUT_MS })
          .catch(() => undefined);
        if (answer) {
          s.answer = answer.text ?? '';
          s.answeredAt = Date.now();
          if (s.answer.startsWith('✅')) acks++;
        }
        if (!restarting && acks >= RESTART_AFTER_ACKS) {
          const from = Date.now();
          restarting = redis.restart().then(() => void (restart = { from, to: Date.now() }));
        }
      }
    }

    const started = Date.now();
    await Promise.all(delegates.map((d) => commentLoop(d)));
    await restarting;
    const seconds = (Date.now() - started) / 1000;

    // The bot still answers after the restart.
    const who = await h.ask(delegates[0]!, 'private', '/toila');
    expect(who.text).toContain('Đơn vị: BD');

    const acked = sent.filter((s) => s.answer?.startsWith('✅'));
    const lost: string[] = [];
    // Acknowledged in the 2 s before the kill, for a message sent before Redis was back: the
    // one case where everysec may answer before its write reached the kernel (see above).
    const inEverysecWindow = (s: Sent) => !!restart && s.answeredAt! >= restart.from - EVERYSEC_WINDOW_MS && s.sentAt <= restart.to;
    let lostInWindow = 0;
    for (const s of acked) {
      const id = /^✅ Đã ghi nhận ý kiến (C\d+) về Đề án DA-01\./.exec(s.answer!)?.[1];
      const c = id ? await store.proposals.comment(id) : undefined;
      let problem: string | undefined;
      if (!c || c.text !== s.text || c.author !== s.delegate || c.source.messageId !== s.messageId || c.proposal !== 'DA-01') {
        problem = `${id ?? s.answer}: ${c ? JSON.stringify({ text: c.text, author: c.author, source: c.source }) : 'missing'}`;
      }
      // The source index points at it too, so a repeated delivery of that message finds it.
      else if ((await store.proposals.commentIdOfSource(s.delegate, s.messageId)) !== id) problem = `${id}: source index missing`;
      if (problem && !c && inEverysecWindow(s)) lostInWindow++;
      else if (problem) lost.push(problem);
    }
    const other = sent.filter((s) => s.answer !== undefined && !s.answer.startsWith('✅'));
    const unanswered = sent.filter((s) => s.answer === undefined);
    // Not acknowledged but recorded all the same (allowed; the delegate was not told, though).
    let unansweredStored = 0;
    for (const s of unanswered) if (await store.proposals.commentIdOfSource(s.delegate, s.messageId)) unansweredStored++;
    const recordedLogs = logLines.filter((l) => l.msg === 'comment recorded').length;
    const duplicateUpdateLogs = logLines.filter((l) => l.msg === 'duplicate update ignored').length;
    const duringOutage = restart ? sent.filter((s) => s.sentAt >= restart!.from && s.sentAt <= restart!.to).length : 0;
    const ackedLate = restart ? acked.filter((s) => s.sentAt <= restart!.to && s.answeredAt! > restart!.to).length : 0;
    const stored = (await store.proposals.counts('DA-01')).total ?? 0;
    const reconnects = logLines.filter((l) => l.msg === 'redis reconnected');
    const connErrors = logLines.filter((l) => l.msg === 'redis connection error');
    console.log(
      `FIGURES redis-restart: comments=${sent.length} delegates=${DELEGATES} acknowledged=${acked.length} ackedAcrossRestart=${ackedLate} ` +
        `sentDuringRestart=${duringOutage} otherAnswers=${other.length} unanswered=${unanswered.length} unansweredButStored=${unansweredStored} duplicateUpdateLogs=${duplicateUpdateLogs} recordedLogs=${recordedLogs} storedTotal=${stored} lost=${lost.length} lostInEverysecWindow=${lostInWindow} ` +
        `restartMs=${restart ? restart.to - restart.from : 'none'} connectionErrorLogs=${connErrors.map((l) => l.conn).join(',')} reconnectLogs=${reconnects.map((l) => l.conn).join(',')} seconds=${seconds.toFixed(1)}`,
    );

    expect(restart, 'Redis was restarted during intake').toBeDefined();
    expect(acks, 'comments kept coming after the restart').toBeGreaterThan(RESTART_AFTER_ACKS + 50);
    expect(lost).toEqual([]);
    // Nothing but acknowledgements: a refusal or an internal error would mean the outage leaked to people.
    expect(other.map((s) => s.answer)).toEqual([]);
    // Everything acknowledged is counted, and nothing is counted twice.
    expect(stored).toBeGreaterThanOrEqual(acked.length - lostInWindow);
    expect(stored).toBeLessThanOrEqual(sent.length);
    expect(connErrors.length, 'the outage was logged').toBeGreaterThan(0);
    // The data connection carried the comment writes through the restart and must say it is back.
    // (An idle connection that reconnects before its first retry fails sees no 'error' event
    // and, with src/redis.ts as it is, logs nothing; see the figures' reconnectLogs.)
    expect(reconnects.map((l) => l.conn)).toContain('data');
    expect(reconnects.every((l) => l.level === 30)).toBe(true);
    // The queue connection is back as well: the bot can still enqueue.
    await expect(h.app.queues.deliver.getJobCounts()).resolves.toBeDefined();
  }, 90_000);
});

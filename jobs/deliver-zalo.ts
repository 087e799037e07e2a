import { DelayedError, Queue, Worker, type DefaultJobOptions, type Job, type Processor } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Services } from '#root/context.js';
import { preferredLocale, type Locale } from '#root/i18n.js';
import { fileLink } from '#root/links.js';
import type { FailureReason } from '#root/telegram/errors.js';
import { RateLimiter } from '#root/telegram/limiter.js';
import type { Delivery } from '#root/telegram/outbox.js';
import { classifyZalo, type ZaloApi } from '#root/zalo/api.js';
import { ZALO_DELIVER_QUEUE, type ZaloDelivery, type ZaloRouter } from '#root/zalo/route.js';
import { splitText, htmlToText } from '#root/zalo/text.js';
import { when } from '#root/views/meetings.js';
import type { Outcomes } from '#jobs/deliver.js';

/**
 * The Zalo sender: Zalo's own queue and its own limits (ZALO_SEND_PER_SEC overall,
 * ZALO_SEND_PER_CHAT_PER_SEC per chat: Zalo publishes none, so they are configured and
 * conservative by default), with the Telegram sender's guarantees: a deterministic id and a
 * "sent" record per delivery and per part, so a retry or a restarted worker sends nothing
 * twice (at most a part in flight when a process died); fair between chats, since it books
 * through the same limiter (its chat's slot first, then a global one), parameterised with
 * Zalo's figures and keys of its own. Zalo gives no retry-after: every error pauses all Zalo
 * sends, 1 s after the first, doubling with each error in a row up to ZALO_BACKOFF_MAX_SEC.
 *
 * A delivery is rendered as Zalo shows it when it is sent: Telegram's HTML as plain text, what
 * the person may answer (1 / 2 / 3, «đã nhận») under it, a notice as its text (and a signed
 * link to its photo or document), everything split under 2,000 characters.
 */

const INLINE_WAIT_MS = 5_000;
const SENT_TTL_SEC = 14 * 86_400;
/** Tries of a delivery whose sends keep failing temporarily, before it is reported failed. */
const MAX_TRIES = 10;

const defaults: DefaultJobOptions = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 86_400, count: 50_000 },
  removeOnFail: { age: 7 * 86_400 },
};

export type ZaloResult = { status: 'sent' | 'already-sent' | 'dropped' } | { status: 'failed'; reason: FailureReason };

export function createZaloQueue(connection: Redis, prefix: string): Queue<ZaloDelivery> {
  return new Queue<ZaloDelivery>(ZALO_DELIVER_QUEUE, { connection, prefix, defaultJobOptions: defaults });
}

/** Zalo's limits in the shared limiter: their own keys, no bursts in groups. */
export function zaloLimiter(svc: Services): RateLimiter {
  const { store, config } = svc;
  const keys = { ...store.keys, rate: (name: string) => store.keys.rate(`zalo:${name}`) };
  const perChat = config.ZALO_SEND_PER_CHAT_PER_SEC;
  return new RateLimiter(
    store.redis,
    keys,
    { SEND_GLOBAL_PER_SEC: config.ZALO_SEND_PER_SEC, SEND_PRIVATE_PER_SEC: perChat, SEND_GROUP_PER_MIN: perChat * 60, SEND_GROUP_EDITS_PER_MIN: perChat * 60 },
    1,
  );
}

interface Deps {
  svc: Services;
  api: ZaloApi;
  limiter: RateLimiter;
  router: ZaloRouter;
  outcomes: Outcomes;
}

/** A message as Zalo takes it: a photo by URL (with a caption), then texts. */
interface Rendered {
  photo?: { url: string; caption?: string | undefined } | undefined;
  texts: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function createZaloProcessor(deps: Deps): Processor<ZaloDelivery, ZaloResult> {
  const { svc, api, limiter, router, outcomes } = deps;
  const { store, config, t, log } = svc;
  /** This process saw an error since its last success: the next success ends the backoff. */
  let erred = false;

  /** The outcome handlers speak Telegram's delivery shape; a notice's copy it is. */
  const asDelivery = (d: ZaloDelivery): Delivery => ({ id: d.id, chatId: d.chatId, kind: 'copy', fromChatId: 0, messageId: 0, ref: d.ref });

  async function localeOf(d: ZaloDelivery): Promise<Locale> {
    return d.chatId > 0 ? preferredLocale(await store.members.prefs(d.chatId), config.DEFAULT_LOCALE) : config.DEFAULT_LOCALE;
  }

  async function render(d: ZaloDelivery): Promise<Rendered> {
    const locale = await localeOf(d);
    const tx = (key: string, vars?: Record<string, string | number>) => htmlToText(t(locale, key, vars));
    const person = d.chatId > 0;
    // Plain text, each block turned from HTML once: a notice's own text is plain already.
    const blocks: string[] = [];
    let photo: Rendered['photo'];
    if (d.body.kind === 'text') blocks.push(htmlToText(d.body.html));
    else {
      const id = d.body.id;
      const content = await store.zalo.notice(id);
      blocks.push(`${tx('zalo-notice-head', { id })}\n${content?.text || tx('zalo-notice-no-text')}`);
      if (content?.file) {
        const link = fileLink(config, { kind: 'notice-file', id, user: d.chatId });
        if (!link) blocks.push(tx('zalo-notice-file-off'));
        else if (content.file.kind === 'photo') photo = { url: link.url };
        else blocks.push(tx('zalo-notice-file', { link: link.url, until: when({ t, locale, tz: config.COUNCIL_TIMEZONE }, link.expiresAt) }));
      }
    }
    const a = d.answers;
    if (a?.meeting) blocks.push(tx(person ? 'zalo-answer-meeting' : 'zalo-answer-meeting-group', { id: a.meeting }));
    if (a?.notice) blocks.push(tx(person ? 'zalo-answer-notice' : 'zalo-answer-notice-group', { id: a.notice }));
    const texts = splitText(blocks.join('\n\n'));
    if (photo && texts.length) photo.caption = texts.shift();
    return { photo, texts };
  }

  async function fail(d: ZaloDelivery, reason: FailureReason): Promise<ZaloResult> {
    svc.metrics.failed.inc({ reason });
    if (d.ref) await outcomes[d.ref.kind]?.failed?.(d.ref.id, asDelivery(d), reason);
    return { status: 'failed', reason };
  }

  /** After the last part: the record, the notice's report, what the person may answer, the next message. */
  async function finish(d: ZaloDelivery, first: boolean): Promise<void> {
    if (first) await store.redis.set(store.keys.sent(d.id), '0', 'EX', SENT_TTL_SEC);
    if (d.ref) await outcomes[d.ref.kind]?.delivered?.(d.ref.id, asDelivery(d), 0, false);
    const a = d.answers;
    if (first && d.chatId > 0 && a) {
      await store.zalo.setAnswers(d.chatId, {
        ...(a.meeting ? { meeting: a.meeting } : {}),
        ...(a.notice ? { notice: a.notice, noticeVia: a.noticeVia ?? null } : {}),
      });
    }
    if (d.then) await router.enqueue([d.then]);
  }

  return async (job: Job<ZaloDelivery, ZaloResult>, token?: string): Promise<ZaloResult> => {
    let d = job.data;
    if (await store.redis.get(store.keys.sent(d.id))) {
      await finish(d, false);
      return { status: 'already-sent' };
    }
    const handler = d.ref ? outcomes[d.ref.kind] : undefined;
    if (d.ref && handler?.stillWanted && !(await handler.stillWanted(d.ref.id, asDelivery(d)))) {
      await handler.dropped?.(d.ref.id, asDelivery(d));
      return { status: 'dropped' };
    }
    const target = d.chatId > 0 ? await store.members.zaloIdOf(d.chatId) : await store.zalo.target(d.chatId).then((x) => (x?.kind === 'group' ? x.zaloId : undefined));
    if (!target) return fail(d, 'chat-not-found');
    const rendered = await render(d);
    const parts: ({ kind: 'photo'; url: string; caption?: string | undefined } | { kind: 'text'; text: string })[] = [
      ...(rendered.photo ? [{ kind: 'photo' as const, ...rendered.photo }] : []),
      ...rendered.texts.map((text) => ({ kind: 'text' as const, text })),
    ];

    for (let i = d.sentParts ?? 0; i < parts.length; i++) {
      const partKey = store.keys.sent(`${d.id}#${i}`);
      if (await store.redis.get(partKey)) continue;
      // Zalo's limits, booked as the Telegram sender books Telegram's (see jobs/deliver.ts).
      let step = d.step ?? { phase: 0 as const, at: 0 };
      const member = limiter.newMember();
      for (;;) {
        const wait = step.at - Date.now();
        if (wait > INLINE_WAIT_MS) {
          await job.updateData({ ...d, step, sentParts: i });
          await job.moveToDelayed(step.at, token);
          throw new DelayedError();
        }
        if (wait > 0) await sleep(wait);
        const r = await limiter.step(d.chatId, 'send', d.lane ?? 'normal', step.phase, member);
        if (r.done) break;
        step = r.next;
      }
      if (d.step) d = { ...d, step: undefined };
      const part = parts[i]!;
      try {
        if (part.kind === 'photo') await api.sendPhoto(target, part.url, part.caption);
        else await api.sendMessage(target, part.text);
      } catch (err) {
        const f = classifyZalo(err);
        // No retry-after from Zalo: every error pauses every Zalo send, longer with each in a row.
        erred = true;
        const pauseMs = await store.zalo.backoffMs(config.ZALO_BACKOFF_MAX_SEC * 1000);
        const until = await limiter.pauseAll(pauseMs / 1000);
        log.warn({ chatId: d.chatId, deliveryId: d.id, error: f.kind === 'transient' ? f.description : f.kind, pauseMs }, 'zalo send failed: backing off');
        if (f.kind === 'recipient') {
          if (d.chatId > 0) await store.members.markInactive(d.chatId, f.reason);
          else await store.units.setGroupActive(d.chatId, false);
          svc.metrics.inactive.inc({ reason: f.reason });
          return fail(d, f.reason);
        }
        if (f.kind === 'rejected') {
          log.error({ deliveryId: d.id, description: f.description }, 'zalo rejected a message');
          return fail(d, 'rejected');
        }
        const tries = (d.tries ?? 0) + 1;
        if (tries >= MAX_TRIES) return fail(d, 'unavailable');
        await job.updateData({ ...d, step: undefined, sentParts: i, tries });
        await job.moveToDelayed(until, token);
        throw new DelayedError();
      }
      await store.redis.set(partKey, '1', 'EX', SENT_TTL_SEC);
      svc.metrics.sent.inc({ kind: 'zalo' });
      if (i + 1 < parts.length) await job.updateData({ ...d, sentParts: i + 1 });
    }
    if (erred) {
      erred = false;
      await store.zalo.clearErrors();
    }
    await finish(d, true);
    return { status: 'sent' };
  };
}

/** The worker of Zalo's queue, with the Telegram sender's settings (concurrency, locks). */
export function startZaloWorker(connection: Redis, deps: Deps): Worker<ZaloDelivery, ZaloResult> {
  const { config, store, log } = deps.svc;
  const worker = new Worker<ZaloDelivery, ZaloResult>(ZALO_DELIVER_QUEUE, createZaloProcessor(deps), {
    connection,
    prefix: store.keys.queuePrefix,
    concurrency: config.SEND_CONCURRENCY,
    lockDuration: config.JOB_LOCK_MS,
    stalledInterval: config.JOB_LOCK_MS,
    maxStalledCount: 10,
  });
  worker.on('failed', (job, err) => {
    log.warn({ queue: ZALO_DELIVER_QUEUE, jobId: job?.id, err: err.message }, 'job failed');
    const d = job?.data;
    const final = job && (job.attemptsMade >= (job.opts.attempts ?? 1) || /stalled/i.test(err.message));
    if (final && d?.ref) void deps.outcomes[d.ref.kind]?.failed?.(d.ref.id, { id: d.id, chatId: d.chatId, kind: 'copy', fromChatId: 0, messageId: 0, ref: d.ref }, 'unavailable')?.catch(() => undefined);
  });
  worker.on('error', (err) => log.error({ queue: ZALO_DELIVER_QUEUE, err: err.message }, 'worker error'));
  return worker;
}

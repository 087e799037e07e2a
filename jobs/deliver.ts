import { DelayedError, type Job, type Processor } from 'bullmq';
import type { Api } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { Logger } from '#root/logger.js';
import type { Metrics } from '#root/metrics.js';
import type { Store } from '#root/store/index.js';
import { classify, type FailureReason } from '#root/telegram/errors.js';
import type { RateLimiter } from '#root/telegram/limiter.js';
import type { Button, Delivery } from '#root/telegram/outbox.js';

/** A feature that sends through the outbox and wants to hear how each delivery went. */
export interface OutcomeHandler {
  /** Asked right before sending: false drops the delivery (e.g. its broadcast was cancelled). */
  stillWanted?(refId: string, d: Delivery): Promise<boolean>;
  delivered?(refId: string, d: Delivery, messageId: number, pinFailed: boolean): Promise<void>;
  failed?(refId: string, d: Delivery, reason: FailureReason): Promise<void>;
  /** The delivery was not sent because stillWanted said no. */
  dropped?(refId: string, d: Delivery): Promise<void>;
  /** An edit's group became a supergroup, where the old message cannot be edited. */
  migrated?(refId: string, d: Delivery, newChatId: number): Promise<void>;
}
export type Outcomes = Record<string, OutcomeHandler>;

export type DeliverResult = { status: 'sent' | 'already-sent'; messageId: number } | { status: 'dropped' } | { status: 'failed'; reason: FailureReason };

interface Deps {
  metrics: Metrics;
  /** Where the next part of an ordered series goes once this part is sent. */
  outbox: { send(d: Delivery): Promise<void> };
  api: Api;
  limiter: RateLimiter;
  store: Store;
  log: Logger;
  outcomes: Outcomes;
}

/** A wait this short is slept through in the worker; a longer one goes back to BullMQ's delayed set. */
const INLINE_WAIT_MS = 5_000;
const SENT_TTL_SEC = 14 * 86_400;
/** Clears a pending edit once sent, unless a newer text replaced it meanwhile. */
const DEL_IF_SAME = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

function markup(buttons: Button[][] | undefined): InlineKeyboardMarkup | undefined {
  if (!buttons?.length) return undefined;
  return {
    inline_keyboard: buttons.map((row) =>
      row.map((b) => ('url' in b ? { text: b.text, url: b.url } : { text: b.text, callback_data: b.data })),
    ),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The sender. At-least-once queues make it idempotent by hand: a "sent" record per delivery
 * is checked before sending and written right after, so a retry, a duplicate enqueue or a
 * restarted worker re-sends at most what was in flight when a process died.
 */
export function createDeliverProcessor(deps: Deps): Processor<Delivery, DeliverResult> {
  const { api, limiter, store, log, outcomes, metrics, outbox } = deps;

  async function recordRecipientGone(d: Delivery, reason: FailureReason): Promise<void> {
    if (d.chatId > 0) await store.members.markInactive(d.chatId, reason);
    else await store.units.setGroupActive(d.chatId, false);
  }

  async function fail(d: Delivery, reason: FailureReason): Promise<DeliverResult> {
    metrics.failed.inc({ reason });
    if (d.ref) await outcomes[d.ref.kind]?.failed?.(d.ref.id, d, reason);
    return { status: 'failed', reason };
  }

  async function latestEdit(d: Extract<Delivery, { kind: 'edit' }>): Promise<{ html: string; buttons: Button[][] } | undefined> {
    const raw = await store.redis.get(store.keys.pendingEdit(d.chatId, d.messageId));
    return raw ? (JSON.parse(raw) as { html: string; buttons: Button[][] }) : undefined;
  }

  async function perform(d: Delivery): Promise<{ messageId: number; pinFailed: boolean }> {
    const reply_markup = markup(d.buttons);
    let messageId: number;
    let pin = false;
    switch (d.kind) {
      case 'text':
        messageId = (await api.sendMessage(d.chatId, d.html, { parse_mode: 'HTML', reply_markup, link_preview_options: { is_disabled: true } })).message_id;
        pin = d.pin === true;
        break;
      case 'copy':
        messageId = (await api.copyMessage(d.chatId, d.fromChatId, d.messageId, { reply_markup })).message_id;
        pin = d.pin === true;
        break;
      case 'edit':
        await api.editMessageText(d.chatId, d.messageId, d.html, { parse_mode: 'HTML', reply_markup, link_preview_options: { is_disabled: true } });
        messageId = d.messageId;
        break;
    }
    let pinFailed = false;
    if (pin) {
      // A pin needs admin rights in the group; the notice itself still counts as delivered.
      pinFailed = await api.pinChatMessage(d.chatId, messageId, { disable_notification: true }).then(
        () => false,
        () => true,
      );
    }
    return { messageId, pinFailed };
  }

  return async (job: Job<Delivery, DeliverResult>, token?: string): Promise<DeliverResult> => {
    let d = job.data;
    const sentKey = store.keys.sent(d.id);
    if (d.kind !== 'edit') {
      const prior = await store.redis.get(sentKey);
      if (prior) {
        // Sent before a crash that came before its outcome was recorded or the next part was
        // queued: do both now (recording an outcome twice changes nothing).
        if (d.ref) await outcomes[d.ref.kind]?.delivered?.(d.ref.id, d, Number(prior), false);
        if (d.then) await outbox.send(d.then);
        return { status: 'already-sent', messageId: Number(prior) };
      }
    }
    const handler = d.ref ? outcomes[d.ref.kind] : undefined;
    const unwanted = async () => d.ref !== undefined && handler?.stillWanted !== undefined && !(await handler.stillWanted(d.ref.id, d));
    if (await unwanted()) {
      await handler!.dropped?.(d.ref!.id, d);
      return { status: 'dropped' };
    }

    const kind = d.kind === 'edit' ? 'edit' : 'send';
    // An edit sends the newest text asked for its message; none left means a job before this
    // one already sent it.
    if (d.kind === 'edit' && !(await latestEdit(d))) return { status: 'sent', messageId: d.messageId };
    // A delivery that went back to the delayed set keeps its place in the limits: booking
    // again on return would push it behind later bookings, possibly forever.
    let step = d.step ?? { phase: 0 as const, at: 0 };
    let waited = false;
    const member = limiter.newMember();
    for (;;) {
      const wait = step.at - Date.now();
      if (wait > INLINE_WAIT_MS) {
        await job.updateData({ ...d, step });
        await job.moveToDelayed(step.at, token);
        throw new DelayedError();
      }
      if (wait > 0) {
        await sleep(wait);
        waited = true;
      }
      const r = await limiter.step(d.chatId, kind, d.lane ?? 'normal', step.phase, member);
      if (r.done) break;
      step = r.next;
    }
    // Asked again after a wait: a cancel during it must still stop this send.
    if (waited && (await unwanted())) {
      await handler!.dropped?.(d.ref!.id, d);
      return { status: 'dropped' };
    }
    if (d.step !== undefined) {
      d = { ...d, step: undefined };
      await job.updateData(d);
    }
    if (d.kind === 'edit') {
      const latest = await latestEdit(d);
      if (!latest) return { status: 'sent', messageId: d.messageId };
      d = { ...d, html: latest.html, buttons: latest.buttons };
    }

    try {
      const { messageId, pinFailed } = await perform(d);
      if (d.kind !== 'edit') await store.redis.set(sentKey, String(messageId), 'EX', SENT_TTL_SEC);
      else await store.redis.eval(DEL_IF_SAME, 1, store.keys.pendingEdit(d.chatId, d.messageId), JSON.stringify({ html: d.html, buttons: d.buttons ?? [] }));
      metrics.sent.inc({ kind: d.kind });
      if (d.ref) await outcomes[d.ref.kind]?.delivered?.(d.ref.id, d, messageId, pinFailed);
      if (d.then) await outbox.send(d.then);
      return { status: 'sent', messageId };
    } catch (err) {
      const f = classify(err);
      switch (f.kind) {
        case 'not-modified':
          if (d.kind === 'edit') await store.redis.eval(DEL_IF_SAME, 1, store.keys.pendingEdit(d.chatId, d.messageId), JSON.stringify({ html: d.html, buttons: d.buttons ?? [] }));
          return { status: 'sent', messageId: d.kind === 'edit' ? d.messageId : 0 };
        case 'flood': {
          metrics.flood.inc();
          const until = await limiter.pauseAll(f.retryAfterSec);
          log.warn({ chatId: d.chatId, retryAfter: f.retryAfterSec }, 'telegram flood limit: pausing all sends');
          await job.moveToDelayed(until, token);
          throw new DelayedError();
        }
        case 'migrated': {
          log.info({ from: d.chatId, to: f.newChatId }, 'group upgraded to supergroup: following it');
          await store.units.migrateGroup(d.chatId, f.newChatId);
          if (d.kind === 'edit') {
            // The supergroup numbers its messages anew: the old message cannot be edited there.
            // Its feature posts the current state in the new chat instead.
            await store.redis.del(store.keys.pendingEdit(d.chatId, d.messageId));
            if (d.ref) await outcomes[d.ref.kind]?.migrated?.(d.ref.id, d, f.newChatId);
            return { status: 'dropped' };
          }
          d = { ...d, chatId: f.newChatId };
          await job.updateData(d);
          await job.moveToDelayed(Date.now(), token);
          throw new DelayedError();
        }
        case 'recipient':
          log.info({ chatId: d.chatId, reason: f.reason }, 'recipient unreachable: marked inactive');
          await recordRecipientGone(d, f.reason);
          metrics.inactive.inc({ reason: f.reason });
          return fail(d, f.reason);
        case 'rejected':
          log.error({ chatId: d.chatId, deliveryId: d.id, description: f.description }, 'telegram rejected a message');
          return fail(d, 'rejected');
        case 'transient': {
          const attempts = job.opts.attempts ?? 1;
          if (job.attemptsMade + 1 >= attempts) {
            log.error({ chatId: d.chatId, deliveryId: d.id, description: f.description }, 'delivery gave up after retries');
            return fail(d, 'unavailable');
          }
          throw err;
        }
      }
    }
  };
}

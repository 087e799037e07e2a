import type { Job } from 'bullmq';
import type { Api } from 'grammy';
import { recipientsAtSend, type NoticeEffects } from '#root/actions/notices.js';
import type { Services } from '#root/context.js';
import type { Recipient } from '#root/domain/broadcasts.js';
import { preferredLocale, type Locale } from '#root/i18n.js';
import { finished, type Broadcast, type Counts } from '#root/store/broadcasts.js';
import { classify } from '#root/telegram/errors.js';
import type { Delivery } from '#root/telegram/outbox.js';
import { escapeHtml, splitMessage } from '#root/telegram/text.js';
import type { OutcomeHandler } from '#jobs/deliver.js';

export const FANOUT_TASK = 'broadcast-fanout';
export const PROGRESS_TASK = 'broadcast-progress';
export interface BroadcastTask {
  id: string;
}

/** How many failed recipients the control message names; the full list follows it. */
const REPORT_INLINE_FAILURES = 20;

function ackButton(t: Services['t'], locale: string, id: string) {
  return [[{ text: t(locale, 'broadcast-ack-button'), data: `ack:${id}` }]];
}

/** What the notices' actions set in motion: Send starts the fan-out task. */
export function noticeEffects(svc: Services): NoticeEffects {
  return {
    async startSending(id) {
      await svc.tasks.add(FANOUT_TASK, { id } satisfies BroadcastTask, { jobId: `fanout-${id}` });
    },
  };
}

/**
 * After Send: one delivery per recipient still in the notice's units (those removed since
 * the preview are recorded as such, see recipientsAtSend), each with a deterministic id, so
 * running the fan-out twice (a retried task) enqueues nothing twice.
 */
export async function fanOut(svc: Services, job: Job<BroadcastTask>): Promise<void> {
  const { store, outbox, config, t } = svc;
  const plan = await recipientsAtSend(svc, job.data.id);
  if (!plan) return;
  const { notice: b, recipients } = plan;
  const langs = await Promise.all(
    recipients.map(async (r) => r.type === 'user' ? preferredLocale(await store.members.prefs(r.chatId), config.DEFAULT_LOCALE) : config.DEFAULT_LOCALE),
  );
  const deliveries: Delivery[] = recipients.map((r, i) => ({
    id: `${b.id}_${r.chatId}`,
    chatId: r.chatId,
    kind: 'copy',
    fromChatId: b.notice.chatId,
    messageId: b.notice.messageId,
    pin: b.audience.pin && r.type === 'group',
    buttons: ackButton(t, langs[i]!, b.id),
    ref: { kind: 'broadcast', id: b.id },
    lane: 'bulk',
  }));
  await outbox.send(deliveries);
  if (deliveries.length === 0) await scheduleProgress(svc, b.id);
}

async function scheduleProgress(svc: Services, id: string): Promise<void> {
  // One refresh at a time per notice, coalescing every outcome that lands meanwhile; one more
  // is kept if outcomes arrive while a refresh runs, so the final report is never missed.
  await svc.tasks.add(PROGRESS_TASK, { id } satisfies BroadcastTask, {
    delay: 1000,
    deduplication: { id: `bprogress-${id}`, keepLastIfActive: true },
    removeOnComplete: true,
  });
}

export function broadcastOutcomes(svc: Services): OutcomeHandler {
  const { broadcasts } = svc.store;
  return {
    stillWanted: async (id) => (await broadcasts.get(id))?.status === 'sending',
    delivered: async (id, d, messageId, pinFailed) => {
      if (await broadcasts.recordOutcome(id, d.chatId, { status: 'sent', messageId, pinFailed })) await scheduleProgress(svc, id);
    },
    failed: async (id, d, reason) => {
      if (await broadcasts.recordOutcome(id, d.chatId, { status: 'failed', reason })) await scheduleProgress(svc, id);
    },
    dropped: async (id, d) => {
      if (await broadcasts.recordOutcome(id, d.chatId, { status: 'dropped' })) await scheduleProgress(svc, id);
    },
  };
}

/**
 * Edits the secretary's confirmation message with progress, and at the end the report.
 * The edit is made here, through the shared limits, not queued behind the notice's own
 * copies: a queued progress edit would only arrive after the last copy.
 */
export async function refreshProgress(svc: Services, api: Api, job: Job<BroadcastTask>): Promise<void> {
  const { store, outbox } = svc;
  let b = await store.broadcasts.get(job.data.id);
  if (!b?.control) return;
  const { chatId, messageId } = b.control;
  const edit = (html: string) =>
    api.editMessageText(chatId, messageId, html, { parse_mode: 'HTML' }).catch((err: unknown) => {
      if (classify(err).kind !== 'not-modified') throw err;
    });
  const counts = await store.broadcasts.counts(b.id);
  if (finished(counts) < b.total) {
    await edit(progressText(svc, b, counts));
    return;
  }
  if (b.status === 'sending') {
    await store.broadcasts.transition(b.id, 'done', ['sending'], { finishedAt: Date.now() });
    b = (await store.broadcasts.get(b.id))!;
  }
  const [head, ...rest] = await reportParts(svc, b, counts);
  await edit(head!);
  await outbox.sendInOrder(rest.map((html, i) => ({ id: `${b.id}-report-${i + 1}`, chatId, kind: 'text' as const, html })));
}

function progressText(svc: Services, b: Broadcast, counts: Counts): string {
  return svc.t(b.locale, 'broadcast-progress', { id: b.id, done: finished(counts), total: b.total });
}

function reasonText(t: Services['t'], locale: Locale, reason: string): string {
  return t(locale, `reason-${reason}`);
}

async function reportParts(svc: Services, b: Broadcast, counts: Counts): Promise<string[]> {
  const { store, t } = svc;
  const L = b.locale;
  const [outcomes, recipients, pinFailed] = await Promise.all([
    store.broadcasts.outcomes(b.id),
    store.broadcasts.recipients(b.id),
    store.broadcasts.pinFailures(b.id),
  ]);
  const byChat = new Map<number, Recipient>(recipients.map((r) => [r.chatId, r]));
  const failures = [...outcomes]
    .filter(([, v]) => v.startsWith('failed:'))
    .map(([chatId, v]) => t(L, 'broadcast-report-failure', { name: escapeHtml(byChat.get(chatId)?.name ?? String(chatId)), reason: reasonText(t, L, v.slice(7)) }));
  const lines = [
    b.status === 'cancelled'
      ? t(L, 'broadcast-report-cancelled', { id: b.id, sent: counts.sent, total: b.total, dropped: counts.dropped })
      : t(L, 'broadcast-report-done', { id: b.id, sent: counts.sent, total: b.total }),
  ];
  if (failures.length) {
    lines.push(t(L, 'broadcast-report-failed', { count: failures.length }));
    lines.push(...failures.slice(0, REPORT_INLINE_FAILURES));
    if (failures.length > REPORT_INLINE_FAILURES) lines.push(t(L, 'broadcast-report-more', { count: failures.length - REPORT_INLINE_FAILURES }));
  }
  const removed = [...outcomes].filter(([, v]) => v === 'removed').map(([chatId]) => escapeHtml(byChat.get(chatId)?.name ?? String(chatId)));
  if (removed.length) {
    lines.push(t(L, 'broadcast-report-removed', { count: removed.length, names: removed.sort((a, b) => a.localeCompare(b, 'vi')).join(', ') }));
  }
  if (pinFailed.length) {
    lines.push(t(L, 'broadcast-report-pin-failed', { names: pinFailed.map((id) => escapeHtml(byChat.get(id)?.name ?? String(id))).join(', ') }));
  }
  const head = splitMessage(lines.join('\n'))[0]!;
  const rest = failures.length > REPORT_INLINE_FAILURES ? splitMessage([t(L, 'broadcast-report-all-failures', { id: b.id }), ...failures].join('\n')) : [];
  return [head, ...rest];
}

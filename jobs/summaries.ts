import type { Job } from 'bullmq';
import type { Services } from '#root/context.js';
import { parseDigestSpec, type DigestSpec } from '#root/domain/time.js';
import type { Locale } from '#root/i18n.js';
import { councilSummary, unitSummary } from '#root/summaries.js';
import type { Delivery } from '#root/telegram/outbox.js';
import { packItems } from '#root/telegram/text.js';
import type { ViewCtx } from '#root/views/meetings.js';
import { councilSummarySections, unitSummarySections, type Period } from '#root/views/summaries.js';

export const DIGEST_TASK = 'digest';
export interface DigestTask {
  unit: string;
}

export function schedulerId(unit: string): string {
  return `digest-${unit}`;
}

/** The unit's schedule as chosen with /digest, else the configured default. */
export async function digestSpecOf(svc: Services, unit: string): Promise<DigestSpec> {
  const state = await svc.store.digests.get(unit);
  const res = parseDigestSpec(state.spec ?? svc.config.DIGEST_DEFAULT);
  return res.ok ? res.spec : { kind: 'off' };
}

/**
 * Keeps the unit's BullMQ job scheduler in step with its schedule and its group: a linked,
 * active group with a schedule has one (cron + council time zone); anything else has none.
 * BullMQ keeps one job per due time, so several workers never send a summary twice.
 */
export async function syncSchedule(svc: Services, unit: string): Promise<DigestSpec> {
  const [spec, u] = await Promise.all([digestSpecOf(svc, unit), svc.store.units.get(unit)]);
  if (spec.kind === 'off' || !u?.group?.active) {
    await svc.tasks.removeJobScheduler(schedulerId(unit));
    return spec;
  }
  // Upserting an unchanged scheduler would replace a due job that has not run yet (one missed
  // while the service was down) with the next one: leave it alone.
  const current = await svc.tasks.getJobScheduler(schedulerId(unit));
  if (current?.pattern === spec.pattern && current.tz === svc.config.COUNCIL_TIMEZONE) return spec;
  await svc.tasks.upsertJobScheduler(
    schedulerId(unit),
    { pattern: spec.pattern, tz: svc.config.COUNCIL_TIMEZONE },
    { name: DIGEST_TASK, data: { unit } satisfies DigestTask, opts: { removeOnComplete: { age: 7 * 86_400 } } },
  );
  return spec;
}

export async function syncAllSchedules(svc: Services): Promise<void> {
  for (const code of await svc.store.units.codes()) await syncSchedule(svc, code);
}

export async function nextRun(svc: Services, unit: string): Promise<number | undefined> {
  return (await svc.tasks.getJobScheduler(schedulerId(unit)))?.next ?? undefined;
}

export function periodOf(spec: DigestSpec): Period {
  return spec.kind === 'cron' && spec.source === 'weekly' ? 'week' : 'day';
}

function view(svc: Services, locale: Locale): ViewCtx {
  return { t: svc.t, locale, tz: svc.config.COUNCIL_TIMEZONE };
}

/** Sends a unit's summary to its group through the outbox, split on section boundaries. */
export async function sendUnitSummary(svc: Services, unit: string, key: string, period: Period, now = Date.now()): Promise<boolean> {
  const u = await svc.store.units.get(unit);
  if (!u?.group?.active) return false;
  const s = await unitSummary(svc, unit, now);
  const parts = packItems(unitSummarySections(view(svc, svc.config.DEFAULT_LOCALE), s, period, now));
  const chatId = u.group.chatId;
  await svc.outbox.sendInOrder(parts.map((html, i): Delivery => ({ id: `digest_${unit}_${key}_${i}`, chatId, kind: 'text', html })));
  await svc.store.digests.markSent(unit, now, s.seen);
  return true;
}

export async function sendCouncilSummary(svc: Services, chatId: number, locale: Locale, key: string, now = Date.now()): Promise<void> {
  const s = await councilSummary(svc, now);
  const parts = packItems(councilSummarySections(view(svc, locale), s, now));
  await svc.outbox.sendInOrder(parts.map((html, i): Delivery => ({ id: `council_${chatId}_${key}_${i}`, chatId, kind: 'text', html })));
}

/** The scheduler's job id ends with its due time: the key that makes a summary once per due time. */
function dueTime(job: Job): number {
  const m = /:(\d{10,})$/.exec(job.id ?? '');
  return m ? Number(m[1]) : job.timestamp + (job.opts.delay ?? 0);
}

export async function runDigest(svc: Services, job: Job<DigestTask>): Promise<void> {
  const { unit } = job.data;
  const spec = await digestSpecOf(svc, unit);
  await sendUnitSummary(svc, unit, `due${dueTime(job)}`, periodOf(spec));
}

import type { Job } from 'bullmq';
import type { SummaryEffects, UnitSummaryRequest } from '#root/actions/summaries.js';
import type { Services } from '#root/context.js';
import { parseDigestSpec, summaryWeek, type DigestSpec } from '#root/domain/time.js';
import type { Locale } from '#root/i18n.js';
import type { LastSummary } from '#root/store/digests.js';
import { councilSummary, unitSummary } from '#root/summaries.js';
import type { Delivery } from '#root/telegram/outbox.js';
import { packItems } from '#root/telegram/text.js';
import type { ViewCtx } from '#root/views/meetings.js';
import { councilSummarySections, unitSummarySections, type Period } from '#root/views/summaries.js';

export const DIGEST_TASK = 'digest';
export interface DigestTask {
  unit: string;
}

/** What summary actions ask for, carried out over the services. */
export function summaryEffects(svc: Services): SummaryEffects {
  const withNext = async (unit: string, spec: DigestSpec) => ({ spec, next: await nextRun(svc, unit) });
  return {
    postUnit: (unit, key) => requestUnitSummary(svc, unit, key),
    sendCouncil: (chatId, locale, key) => sendCouncilSummary(svc, chatId, locale, key),
    sendUnitTo: (chatId, unit, locale, key) => sendUnitSummaryTo(svc, chatId, unit, locale, key),
    schedule: async (unit) => withNext(unit, await digestSpecOf(svc, unit)),
    reschedule: async (unit) => withNext(unit, await syncSchedule(svc, unit)),
  };
}

function schedulerId(unit: string): string {
  return `digest-${unit}`;
}

/**
 * The unit's schedule as chosen with /digest, else the configured default. One stored under
 * older rules that /digest now refuses (a seconds cron, several runs an hour) gives way to the
 * default, so the next start replaces its job scheduler.
 */
async function digestSpecOf(svc: Services, unit: string): Promise<DigestSpec> {
  const state = await svc.store.digests.get(unit);
  const own = state.spec === undefined ? undefined : parseDigestSpec(state.spec);
  const res = own?.ok ? own : parseDigestSpec(svc.config.DIGEST_DEFAULT);
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

async function nextRun(svc: Services, unit: string): Promise<number | undefined> {
  return (await svc.tasks.getJobScheduler(schedulerId(unit)))?.next ?? undefined;
}

/**
 * A schedule that runs once a week (`weekly fri 16:00`, or a cron naming one weekday and no
 * day of the month, `0 16 * * 5`) sends weekly summaries; any other, daily ones.
 */
export function periodOf(spec: DigestSpec): Period {
  if (spec.kind !== 'cron') return 'day';
  return spec.source === 'weekly' || /^\S+ \S+ \* \* [0-7]$/.test(spec.pattern) ? 'week' : 'day';
}

function view(svc: Services, locale: Locale): ViewCtx {
  return { t: svc.t, locale, tz: svc.config.COUNCIL_TIMEZONE };
}

/** The outbox id of a part of a unit's summary; part 0 is the message a repeated /summary points to. */
function summaryDelivery(unit: string, key: string, part: number): string {
  return `digest_${unit}_${key}_${part}`;
}

function cooldownMs(svc: Services): number {
  return svc.config.SUMMARY_COOLDOWN_SEC * 1000;
}

/**
 * Sends a unit's summary to its group through the outbox, split on section boundaries, and
 * records it as the group's last summary (what a repeated /summary points to).
 */
export async function sendUnitSummary(svc: Services, unit: string, key: string, period: Period, now = Date.now()): Promise<boolean> {
  const u = await svc.store.units.get(unit);
  if (!u?.group?.active) return false;
  // A weekly summary covers its Monday-to-Sunday week in the council time zone.
  const week = period === 'week' ? summaryWeek(now, svc.config.COUNCIL_TIMEZONE) : undefined;
  const s = await unitSummary(svc, unit, now, week && { start: week.start.getTime(), end: week.end.getTime() });
  const parts = packItems(unitSummarySections(view(svc, svc.config.DEFAULT_LOCALE), s, period, now));
  const chatId = u.group.chatId;
  await svc.outbox.sendInOrder(parts.map((html, i): Delivery => ({ id: summaryDelivery(unit, key, i), chatId, kind: 'text', html, lane: 'summary' })));
  await svc.store.digests.markSent(unit, now, s.seen);
  if (cooldownMs(svc) > 0) await svc.store.digests.recordSummary({ chatId, at: now, delivery: summaryDelivery(unit, key, 0) }, cooldownMs(svc));
  return true;
}

/**
 * /summary for a unit (in its group, or by its secretary in private): posts the summary unless
 * one was posted in the group within SUMMARY_COOLDOWN_SEC, and then says which. The group is
 * claimed before the summary is built, so two requests at the same moment post one.
 */
async function requestUnitSummary(svc: Services, unit: string, key: string, now = Date.now()): Promise<UnitSummaryRequest> {
  const u = await svc.store.units.get(unit);
  if (!u?.group?.active) return { status: 'no-group' };
  const ttl = cooldownMs(svc);
  const claim: LastSummary = { chatId: u.group.chatId, at: now, delivery: summaryDelivery(unit, key, 0) };
  if (ttl > 0) {
    const last = await svc.store.digests.claimSummary(claim, ttl);
    if (last) return { status: 'recent', last };
  }
  let posted: boolean;
  try {
    posted = await sendUnitSummary(svc, unit, key, 'day', now);
  } catch (err) {
    // Nothing went out: the next /summary may try again at once.
    if (ttl > 0) await svc.store.digests.releaseSummary(claim.chatId, claim.delivery);
    throw err;
  }
  if (!posted && ttl > 0) await svc.store.digests.releaseSummary(claim.chatId, claim.delivery);
  return posted ? { status: 'posted' } : { status: 'no-group' };
}

/**
 * The group's last summary, waiting up to `waitMs` for its first message to be sent (a request
 * that lost the race arrives while the winner's summary is still in the outbox).
 */
export async function latestSummary(svc: Services, chatId: number, waitMs = 3000): Promise<LastSummary | undefined> {
  const until = Date.now() + waitMs;
  for (;;) {
    const last = await svc.store.digests.lastSummary(chatId);
    if (!last || last.messageId !== undefined || Date.now() >= until) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function sendCouncilSummary(svc: Services, chatId: number, locale: Locale, key: string, now = Date.now()): Promise<void> {
  const s = await councilSummary(svc, now);
  const parts = packItems(councilSummarySections(view(svc, locale), s, now));
  await svc.outbox.sendInOrder(parts.map((html, i): Delivery => ({ id: `council_${chatId}_${key}_${i}`, chatId, kind: 'text', html, lane: 'summary' })));
}

/** A unit's summary of the day for one person, in private and in their language; the unit's "seen" marks stay as they are. */
async function sendUnitSummaryTo(svc: Services, chatId: number, unit: string, locale: Locale, key: string, now = Date.now()): Promise<void> {
  const s = await unitSummary(svc, unit, now);
  const parts = packItems(unitSummarySections(view(svc, locale), s, 'day', now));
  await svc.outbox.sendInOrder(parts.map((html, i): Delivery => ({ id: `unitsum_${chatId}_${key}_${i}`, chatId, kind: 'text', html, lane: 'summary' })));
}

/** The scheduler's job id ends with its due time: the key that makes a summary once per due time. */
function dueTime(job: Job): number {
  const m = /:(\d{10,})$/.exec(job.id ?? '');
  return m ? Number(m[1]) : job.timestamp + (job.opts.delay ?? 0);
}

/**
 * A scheduled summary is low-priority work: a group whose sends are already booked more than
 * BACKLOG_SKIP_SEC ahead does not get it piled on; this due time is skipped and the next one
 * posts as usual. It is not held back by a recent /summary, and counts as the last summary.
 */
export async function runDigest(svc: Services, job: Job<DigestTask>): Promise<void> {
  const { unit } = job.data;
  const u = await svc.store.units.get(unit);
  if (!u?.group?.active) return;
  const backlogMs = await svc.limiter.backlogMs(u.group.chatId);
  if (backlogMs > svc.config.BACKLOG_SKIP_SEC * 1000) {
    svc.metrics.summariesSkipped.inc({ reason: 'backlog' });
    svc.log.info({ unit, chatId: u.group.chatId, due: dueTime(job), backlogSec: Math.ceil(backlogMs / 1000) }, 'scheduled summary skipped: the group already has a long queue');
    return;
  }
  const spec = await digestSpecOf(svc, unit);
  await sendUnitSummary(svc, unit, `due${dueTime(job)}`, periodOf(spec));
}

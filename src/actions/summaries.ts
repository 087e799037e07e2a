/**
 * Summaries: asking for one (/summary) and a group's schedule (/digest). Who may ask, and
 * which summary they get, is decided here by the policy; building and sending the summary is
 * the jobs' business (jobs/summaries.ts), asked for through the effects.
 */
import { historyEntry } from '#root/actions/history.js';
import type { ActionDeps, Actor } from '#root/actions/types.js';
import { parseDigestSpec, type DigestSpec } from '#root/domain/time.js';
import type { Locale } from '#root/i18n.js';
import { can, ok, refused, refusedWith, type Result } from '#root/policy.js';
import type { LastSummary } from '#root/store/digests.js';

export type UnitSummaryRequest = { status: 'posted' } | { status: 'no-group' } | { status: 'recent'; last: LastSummary };

/** The effects summary actions ask for; jobs/summaries.ts carries them out. */
export interface SummaryEffects {
  /** Posts a unit's summary in its group, unless one was posted there within the cooldown. */
  postUnit(unit: string, key: string): Promise<UnitSummaryRequest>;
  /** Sends the council-wide summary to a private chat, in the person's language. */
  sendCouncil(chatId: number, locale: Locale, key: string): Promise<void>;
  /** Sends a unit's summary to one person's private chat, in their language (nothing is marked as summarised). */
  sendUnitTo(chatId: number, unit: string, locale: Locale, key: string): Promise<void>;
  /** The unit's schedule as it applies now (its own or the default), and its next run. */
  schedule(unit: string): Promise<{ spec: DigestSpec; next?: number | undefined }>;
  /** Re-applies the unit's schedule after it changed; the schedule and its next run. */
  reschedule(unit: string): Promise<{ spec: DigestSpec; next?: number | undefined }>;
}

export type SummaryOutcome =
  /** In private: the council-wide summary is on its way. */
  | { kind: 'council' }
  /** In private, a unit's secretary: posted in the unit's group, or one was posted there recently. */
  | { kind: 'posted-in-group'; unit: string }
  | { kind: 'recent-in-group'; unit: string; last: LastSummary }
  /** In a group: posted, or one was posted there recently (the answer points to it). */
  | { kind: 'posted' }
  | { kind: 'recent'; last: LastSummary };


/**
 * /summary: in a linked group, that unit's summary for its members; in private, the
 * council-wide one for the council, or a unit secretary's own unit posted in its group.
 */
export async function requestSummary(
  deps: ActionDeps,
  actor: Actor,
  input: { chat: { type: 'private'; id: number } | { type: 'group'; id: number }; locale: Locale; key: string },
): Promise<Result<SummaryOutcome>> {
  const { store, config, effects } = deps;
  const councilUnit = config.COUNCIL_UNIT;
  if (input.chat.type === 'private') {
    if (can(actor, 'summary.council', {}, councilUnit) === undefined) {
      await effects.summaries.sendCouncil(input.chat.id, input.locale, input.key);
      return ok({ kind: 'council' });
    }
    const unit = actor.unit;
    const denied = can(actor, 'summary.post', { unit }, councilUnit);
    if (denied || unit === undefined) return refusedWith(denied ?? { code: 'only-secretary' });
    const res = await effects.summaries.postUnit(unit, input.key);
    if (res.status === 'no-group') return refused('summary-unit-no-group', { unit });
    return ok(res.status === 'recent' ? { kind: 'recent-in-group', unit, last: res.last } : { kind: 'posted-in-group', unit });
  }
  const unit = await store.units.unitOfChat(input.chat.id);
  if (!unit) return refused('summary-not-linked');
  const denied = can(actor, 'summary.get', { unit }, councilUnit);
  if (denied) return denied.code === 'not-concerned' ? refused('summary-members-only') : refusedWith(denied);
  const res = await effects.summaries.postUnit(unit, input.key);
  return ok(res.status === 'recent' ? { kind: 'recent', last: res.last } : { kind: 'posted' });
}

/** /digest in a linked group: its schedule and next run. */
export async function showDigest(deps: ActionDeps, actor: Actor, input: { chatId: number }): Promise<Result<{ unit: string; spec: DigestSpec; next?: number | undefined }>> {
  const unit = await deps.store.units.unitOfChat(input.chatId);
  if (!unit) return refused('summary-not-linked');
  const denied = can(actor, 'digest.show', { unit }, deps.config.COUNCIL_UNIT);
  if (denied) return refusedWith(denied);
  return ok({ unit, ...(await deps.effects.summaries.schedule(unit)) });
}

/**
 * /digest off|daily HH:MM|weekly DAY HH:MM|CRON in a linked group: its secretary sets the
 * schedule. A schedule that cannot be read is refused with `digest-bad`, whose `error` is the
 * locale key of what is wrong and `field` the key of the cron field, if any.
 */
export async function setDigest(deps: ActionDeps, actor: Actor, input: { chatId: number; spec: string }): Promise<Result<{ unit: string; spec: DigestSpec; next?: number | undefined }>> {
  const unit = await deps.store.units.unitOfChat(input.chatId);
  if (!unit) return refused('summary-not-linked');
  const denied = can(actor, 'digest.set', { unit }, deps.config.COUNCIL_UNIT);
  if (denied) return refusedWith(denied);
  const parsed = parseDigestSpec(input.spec);
  if (!parsed.ok) {
    const wrongCount = parsed.error === 'cron' && (parsed.detail ?? 'fields') === 'fields';
    const error = wrongCount ? 'digest-error-cron-fields' : `digest-error-${parsed.error}`;
    const field = parsed.error === 'cron' && !wrongCount ? `cron-field-${parsed.detail}` : '';
    return refused('digest-bad', { error, field });
  }
  // The schedule it replaces is the script's to know: the entry gets it as its `before` there.
  await deps.store.digests.setSpec(unit, input.spec, await historyEntry(deps, actor, 'digest.set', { kind: 'unit', id: unit }, { after: { schedule: input.spec } }));
  const now = await deps.effects.summaries.reschedule(unit);
  deps.log.info({ unit, schedule: now.spec.kind === 'off' ? 'off' : now.spec.pattern }, 'digest schedule set');
  return ok({ unit, ...now });
}

/**
 * /summary in the private chat of a channel whose people are not in their unit's group (Zalo,
 * where the bot's account may not join groups): the council gets the council-wide summary,
 * anyone else of a unit their own unit's summary, there in private.
 */
export async function requestPrivateSummary(deps: ActionDeps, actor: Actor, input: { chatId: number; locale: Locale; key: string }): Promise<Result<{ kind: 'council' } | { kind: 'unit'; unit: string }>> {
  const councilUnit = deps.config.COUNCIL_UNIT;
  if (can(actor, 'summary.council', {}, councilUnit) === undefined) {
    await deps.effects.summaries.sendCouncil(input.chatId, input.locale, input.key);
    return ok({ kind: 'council' });
  }
  const unit = actor.unit;
  const denied = can(actor, 'summary.get', { unit }, councilUnit);
  if (denied || unit === undefined) return refusedWith(denied ?? { code: 'summary-members-only' });
  await deps.effects.summaries.sendUnitTo(input.chatId, unit, input.locale, input.key);
  return ok({ kind: 'unit', unit });
}

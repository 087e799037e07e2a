import { Composer, GrammyError } from 'grammy';
import type { BotContext, Services } from '#root/context.js';
import { names } from '#root/domain/commands.js';
import { atLeast, canManageUnit } from '#root/domain/roles.js';
import { formatDateTime, formatTime, parseDigestSpec } from '#root/domain/time.js';
import type { LastSummary } from '#root/store/digests.js';
import { localeOf, refuse, reply } from '#root/telegram/reply.js';
import { describeSchedule } from '#root/views/schedule.js';
import { digestSpecOf, latestSummary, nextRun, requestUnitSummary, sendCouncilSummary, syncSchedule } from '#jobs/summaries.js';

export const summaries = new Composer<BotContext>();

/** When the last summary went out and from when a new one may be asked for (HH:MM). */
function summaryTimes(svc: Services, last: LastSummary): { time: string; next: string } {
  const tz = svc.config.COUNCIL_TIMEZONE;
  return { time: formatTime(new Date(last.at), tz), next: formatTime(new Date(last.at + svc.config.SUMMARY_COOLDOWN_SEC * 1000), tz) };
}

/** A repeated /summary in the group: a reply to the first message of the summary just posted. */
async function pointToLatest(ctx: BotContext, claimed: LastSummary): Promise<void> {
  const last = (await latestSummary(ctx.svc, claimed.chatId)) ?? claimed;
  if (last.messageId === undefined) return refuse(ctx, 'summary-recent-pending');
  const vars = summaryTimes(ctx.svc, last);
  try {
    await ctx.reply(ctx.t('summary-recent', vars), { reply_parameters: { message_id: last.messageId, allow_sending_without_reply: false } });
  } catch (err) {
    if (!(err instanceof GrammyError && err.error_code === 400)) throw err;
    // Deleted since, or otherwise out of reach: say so rather than point at nothing.
    await refuse(ctx, 'summary-recent-gone', vars);
  }
}

// /summary: in a linked group, that unit's summary; in private, the council-wide one (or a
// unit secretary's own unit, posted in its group). A unit's summary asked for again within
// SUMMARY_COOLDOWN_SEC is not posted twice: the answer points to the one just posted.
summaries.command(names('summary'), async (ctx) => {
  const { store } = ctx.svc;
  const key = `now${ctx.update.update_id}`;
  if (ctx.chat.type === 'private') {
    if (!atLeast(ctx.actor, 'secretary')) return refuse(ctx, 'only-secretary');
    if (ctx.actor.councilWide) return sendCouncilSummary(ctx.svc, ctx.chat.id, await localeOf(ctx), key);
    const unit = ctx.actor.unit!;
    const res = await requestUnitSummary(ctx.svc, unit, key);
    if (res.status === 'no-group') return refuse(ctx, 'summary-unit-no-group', { unit });
    if (res.status === 'recent') return refuse(ctx, 'summary-recent-in-group', { unit, ...summaryTimes(ctx.svc, res.last) });
    return refuse(ctx, 'summary-posted-in-group', { unit });
  }
  const unit = await store.units.unitOfChat(ctx.chat.id);
  if (!unit) return refuse(ctx, 'summary-not-linked');
  if (ctx.actor.role === 'guest' || (!ctx.actor.councilWide && ctx.actor.unit !== unit)) return refuse(ctx, 'summary-members-only');
  const res = await requestUnitSummary(ctx.svc, unit, key);
  if (res.status === 'recent') await pointToLatest(ctx, res.last);
});

// /digest off|daily HH:MM|weekly DAY HH:MM|CRON: the group's summary schedule.
summaries.command(names('digest'), async (ctx) => {
  if (ctx.chat.type === 'private' || ctx.chat.type === 'channel') return refuse(ctx, 'group-only');
  const unit = await ctx.svc.store.units.unitOfChat(ctx.chat.id);
  if (!unit) return refuse(ctx, 'summary-not-linked');
  const input = typeof ctx.match === 'string' ? ctx.match.trim() : '';
  const locale = await localeOf(ctx);
  const tz = ctx.svc.config.COUNCIL_TIMEZONE;
  if (!input) {
    const spec = await digestSpecOf(ctx.svc, unit);
    const next = await nextRun(ctx.svc, unit);
    const lines = [ctx.t('digest-current', { unit, schedule: describeSchedule(ctx.svc.t, locale, spec) })];
    if (next) lines.push(ctx.t('digest-next', { when: formatDateTime(new Date(next), locale, tz) }));
    lines.push(ctx.t('digest-usage'));
    return void (await ctx.reply(lines.join('\n'), reply(ctx)));
  }
  if (!atLeast(ctx.actor, 'secretary')) return refuse(ctx, 'only-secretary');
  if (!canManageUnit(ctx.actor, unit)) return refuse(ctx, 'unit-not-yours', { unit });
  const parsed = parseDigestSpec(input);
  if (!parsed.ok) {
    const wrongCount = parsed.error === 'cron' && (parsed.detail ?? 'fields') === 'fields';
    const key = wrongCount ? 'digest-error-cron-fields' : `digest-error-${parsed.error}`;
    const field = parsed.error === 'cron' && !wrongCount ? ctx.t(`cron-field-${parsed.detail}`) : '';
    return refuse(ctx, 'digest-bad', { error: ctx.t(key, { field }) });
  }
  await ctx.svc.store.digests.setSpec(unit, input);
  const spec = await syncSchedule(ctx.svc, unit);
  ctx.log.info({ unit, schedule: spec.kind === 'off' ? 'off' : spec.pattern }, 'digest schedule set');
  const lines = [ctx.t('digest-set', { unit, schedule: describeSchedule(ctx.svc.t, locale, spec) })];
  const next = await nextRun(ctx.svc, unit);
  if (next) lines.push(ctx.t('digest-next', { when: formatDateTime(new Date(next), locale, tz) }));
  await ctx.reply(lines.join('\n'), reply(ctx));
});

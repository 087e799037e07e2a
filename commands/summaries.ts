import { Composer } from 'grammy';
import type { BotContext } from '#root/context.js';
import { names } from '#root/domain/commands.js';
import { atLeast, canManageUnit } from '#root/domain/roles.js';
import { formatDateTime, parseDigestSpec } from '#root/domain/time.js';
import { localeOf, refuse, reply } from '#root/telegram/reply.js';
import { describeSchedule } from '#root/views/schedule.js';
import { digestSpecOf, nextRun, sendCouncilSummary, sendUnitSummary, syncSchedule } from '#jobs/summaries.js';

export const summaries = new Composer<BotContext>();

// /summary: in a linked group, that unit's summary; in private, the council-wide one (or a
// unit secretary's own unit).
summaries.command(names('summary'), async (ctx) => {
  const { store } = ctx.svc;
  const key = `now${ctx.update.update_id}`;
  if (ctx.chat.type === 'private') {
    if (!atLeast(ctx.actor, 'secretary')) return refuse(ctx, 'only-secretary');
    if (ctx.actor.councilWide) return sendCouncilSummary(ctx.svc, ctx.chat.id, await localeOf(ctx), key);
    const unit = await store.units.get(ctx.actor.unit!);
    if (!unit?.group?.active) return refuse(ctx, 'summary-unit-no-group', { unit: ctx.actor.unit! });
    await sendUnitSummary(ctx.svc, unit.code, key, 'day');
    return refuse(ctx, 'summary-posted-in-group', { unit: unit.code });
  }
  const unit = await store.units.unitOfChat(ctx.chat.id);
  if (!unit) return refuse(ctx, 'summary-not-linked');
  if (ctx.actor.role === 'guest' || (!ctx.actor.councilWide && ctx.actor.unit !== unit)) return refuse(ctx, 'summary-members-only');
  await sendUnitSummary(ctx.svc, unit, key, 'day');
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

import { Composer, GrammyError } from 'grammy';
import type { BotContext, Services } from '#root/context.js';
import { names } from '#root/domain/commands.js';
import { requestSummary, setDigest, showDigest } from '#root/actions/summaries.js';
import { formatClock, formatDateTime, type Locale } from '#root/domain/time.js';
import type { LastSummary } from '#root/store/digests.js';
import { localeOf, refuse, reply } from '#root/telegram/reply.js';
import { describeSchedule } from '#root/views/schedule.js';
import { latestSummary } from '#jobs/summaries.js';

export const summaries = new Composer<BotContext>();

/** When the last summary went out and from when a new one may be asked for (vi 14h05, en 14:05). */
function summaryTimes(svc: Services, last: LastSummary, locale: Locale): { time: string; next: string } {
  const tz = svc.config.COUNCIL_TIMEZONE;
  return { time: formatClock(new Date(last.at), locale, tz), next: formatClock(new Date(last.at + svc.config.SUMMARY_COOLDOWN_SEC * 1000), locale, tz) };
}

/** A repeated /summary in the group: a reply to the first message of the summary just posted. */
async function pointToLatest(ctx: BotContext, claimed: LastSummary): Promise<void> {
  const last = (await latestSummary(ctx.svc, claimed.chatId)) ?? claimed;
  if (last.messageId === undefined) return refuse(ctx, 'summary-recent-pending');
  const vars = summaryTimes(ctx.svc, last, await localeOf(ctx));
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
  const chat = ctx.chat.type === 'private' ? { type: 'private' as const, id: ctx.chat.id } : { type: 'group' as const, id: ctx.chat.id };
  const r = await requestSummary(ctx.svc, ctx.actor, { chat, locale: await localeOf(ctx), key: `now${ctx.update.update_id}` });
  if (!r.ok) return refuse(ctx, r.refusal.code, r.refusal.vars);
  const v = r.value;
  if (v.kind === 'posted-in-group') return refuse(ctx, 'summary-posted-in-group', { unit: v.unit });
  if (v.kind === 'recent-in-group') return refuse(ctx, 'summary-recent-in-group', { unit: v.unit, ...summaryTimes(ctx.svc, v.last, await localeOf(ctx)) });
  if (v.kind === 'recent') await pointToLatest(ctx, v.last);
});

// /digest off|daily HH:MM|weekly DAY HH:MM|CRON: the group's summary schedule.
summaries.command(names('digest'), async (ctx) => {
  const input = typeof ctx.match === 'string' ? ctx.match.trim() : '';
  const locale = await localeOf(ctx);
  const r = input ? await setDigest(ctx.svc, ctx.actor, { chatId: ctx.chat.id, spec: input }) : await showDigest(ctx.svc, ctx.actor, { chatId: ctx.chat.id });
  if (!r.ok) {
    const { code, vars = {} } = r.refusal;
    // An unreadable schedule: the refusal names the locale keys of what is wrong.
    if (code !== 'digest-bad') return refuse(ctx, code, vars);
    return refuse(ctx, code, { error: ctx.t(String(vars.error), { field: vars.field ? ctx.t(String(vars.field)) : '' }) });
  }
  const { unit, spec, next } = r.value;
  const lines = [ctx.t(input ? 'digest-set' : 'digest-current', { unit, schedule: describeSchedule(ctx.svc.t, locale, spec) })];
  if (next) lines.push(ctx.t('digest-next', { when: formatDateTime(new Date(next), locale, ctx.svc.config.COUNCIL_TIMEZONE) }));
  if (!input) lines.push(ctx.t('digest-usage'));
  await ctx.reply(lines.join('\n'), reply(ctx));
});

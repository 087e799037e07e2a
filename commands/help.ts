import { Composer } from 'grammy';
import type { BotContext } from '#root/context.js';
import { commandsFor, helpNotesFor, isKnownCommand, names } from '#root/domain/commands.js';
import { setLanguage, whoami } from '#root/actions/setup.js';
import { showTerm } from '#root/domain/units.js';
import { isLocale } from '#root/i18n.js';
import { escapeHtml } from '#root/telegram/text.js';
import { args, localeOf, refuse, reply } from '#root/telegram/reply.js';

export const help = new Composer<BotContext>();

async function helpText(ctx: BotContext): Promise<string> {
  const locale = await localeOf(ctx);
  const me = await whoami(ctx.svc, ctx.actor);
  if (!me.ok) return ctx.t(me.refusal.code, me.refusal.vars);
  const lines = commandsFor(me.value.level).map((c) => {
    const name = locale === 'vi' && c.alias ? `/${c.alias}` : `/${c.name}`;
    const other = c.alias ? (locale === 'vi' ? ` (/${c.name})` : ` (/${c.alias})`) : '';
    const argHint = c.args ? ` ${escapeHtml(ctx.t(`args-${c.name}`))}` : '';
    return `${name}${argHint}${other} — ${ctx.t(`cmd-${c.name}`)}`;
  });
  const notes = helpNotesFor(me.value.level).map((key) => ctx.t(key));
  return [ctx.t('help-title', { role: ctx.t(`role-${me.value.role}`) }), ...lines, '', ctx.t('help-footer'), ...(notes.length ? ['', ...notes] : [])].join('\n');
}

help.command(names('help'), async (ctx) => {
  await ctx.say(await helpText(ctx), reply(ctx));
});

help.command(names('lang'), async (ctx) => {
  const [choice] = args(ctx);
  const lang = choice?.toLowerCase();
  if (!isLocale(lang)) return refuse(ctx, 'lang-usage', { current: await localeOf(ctx) });
  const r = await setLanguage(ctx.svc, ctx.actor, { lang });
  if (!r.ok) return refuse(ctx, r.refusal.code, r.refusal.vars);
  ctx.i18n.useLocale(lang);
  await ctx.reply(ctx.t('lang-set'), reply(ctx));
});

help.command(names('whoami'), async (ctx) => {
  const r = await whoami(ctx.svc, ctx.actor);
  if (!r.ok) return refuse(ctx, r.refusal.code, r.refusal.vars);
  const { role, unit } = r.value;
  const lines = [
    ctx.t('whoami-role', { role: ctx.t(`role-${role}`) }),
    unit ? ctx.t('whoami-unit', { unit: unit.code, unitName: escapeHtml(unit.name) }) : ctx.t('whoami-no-unit'),
    ...(r.value.term ? [ctx.t('whoami-term', { term: showTerm(r.value.term) })] : []),
    ctx.t('whoami-lang', { lang: ctx.t(`lang-name-${await localeOf(ctx)}`) }),
    ctx.t('whoami-id', { id: String(ctx.actor.userId) }),
  ];
  await ctx.reply(lines.join('\n'), reply(ctx));
});

/**
 * Anything left over that looks like a command. In private chat an unknown command gets
 * help; in a group only a command addressed to this bot is answered (others may be for
 * other bots in the group).
 */
help.on('message::bot_command', async (ctx) => {
  const text = ctx.msg.text ?? ctx.msg.caption ?? '';
  const m = /^\/([A-Za-z0-9_]+)(?:@(\w+))?/.exec(text);
  if (!m) return;
  const [, word, target] = m;
  if (ctx.chat.type !== 'private' && target?.toLowerCase() !== ctx.me.username.toLowerCase()) return;
  const key = word && isKnownCommand(word) ? 'command-wrong-chat' : 'command-unknown';
  await ctx.reply(ctx.t(key, { command: escapeHtml(`/${word ?? ''}`) }), reply(ctx));
  if (ctx.chat.type === 'private') await ctx.say(await helpText(ctx));
});

/** A button no handler took: stale (an old keyboard) or forged. Say so; change nothing. */
help.on('callback_query', async (ctx) => {
  ctx.log.info('unknown button pressed');
  await ctx.answerCallbackQuery({ text: ctx.t('button-stale'), show_alert: true });
});

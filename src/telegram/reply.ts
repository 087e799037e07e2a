import { GrammyError } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { BotContext } from '#root/context.js';
import type { Locale } from '#root/i18n.js';
import { splitMessage } from '#root/telegram/text.js';

/**
 * What is private (invite links, rosters with names, someone's own comments) goes to the
 * person's private chat; the group gets a one-line pointer. If the person never opened a
 * private chat with the bot, Telegram forbids writing first, so the group says how to.
 */
export async function replyPrivately(ctx: BotContext, text: string, extra?: { reply_markup?: InlineKeyboardMarkup }): Promise<void> {
  if (ctx.chat?.type === 'private' || !ctx.from) return void (await ctx.say(text, extra));
  try {
    const parts = splitMessage(text);
    // Buttons (a list's pages) go under the last part, where they answer the whole text.
    for (const [i, part] of parts.entries()) await ctx.api.sendMessage(ctx.from.id, part, i === parts.length - 1 ? extra : undefined);
    await ctx.reply(ctx.t('sent-privately'), reply(ctx));
  } catch (err) {
    if (err instanceof GrammyError && err.error_code === 403) {
      await ctx.reply(ctx.t('open-private-first', { link: `https://t.me/${ctx.me.username}` }), reply(ctx));
      return;
    }
    throw err;
  }
}

/** In groups, answers quote the command so it is clear whom they answer. */
export function reply(ctx: BotContext): { reply_parameters?: { message_id: number; allow_sending_without_reply: boolean } } {
  const id = ctx.msg?.message_id;
  return ctx.chat?.type !== 'private' && id ? { reply_parameters: { message_id: id, allow_sending_without_reply: true } } : {};
}

export async function refuse(ctx: BotContext, key: string, vars?: Record<string, string | number>): Promise<void> {
  await ctx.reply(ctx.t(key, vars), reply(ctx));
}

/** Splits a command's argument string on spaces, keeping nothing empty. */
export function args(ctx: BotContext): string[] {
  const m = typeof ctx.match === 'string' ? ctx.match : '';
  return m.trim().split(/\s+/).filter(Boolean);
}

export async function localeOf(ctx: BotContext): Promise<Locale> {
  return (await ctx.i18n.getLocale()) === 'en' ? 'en' : 'vi';
}

/** How this person reads dates and texts. */
export async function viewOf(ctx: BotContext): Promise<{ t: BotContext['svc']['t']; locale: Locale; tz: string }> {
  return { t: ctx.svc.t, locale: await localeOf(ctx), tz: ctx.svc.config.COUNCIL_TIMEZONE };
}

import { Composer } from 'grammy';
import type { InlineKeyboardButton } from 'grammy/types';
import { deskLink } from '#root/actions/desk.js';
import type { ActionDeps } from '#root/actions/types.js';
import type { BotContext } from '#root/context.js';
import { names } from '#root/domain/commands.js';
import { refuse } from '#root/telegram/reply.js';
import { escapeHtml } from '#root/telegram/text.js';

/**
 * `/desk` in the private chat: a one-time link to the desk (src/desk), and where Telegram
 * allows it (an https address) a button opening the desk as a Mini App and one opening the
 * link in the browser.
 */
export const desk = new Composer<BotContext>();

desk.command(names('desk'), async (ctx) => {
  const deps: ActionDeps = { store: ctx.svc.store, config: ctx.svc.config, log: ctx.log, effects: ctx.svc.effects };
  const res = await deskLink(deps, ctx.actor);
  if (!res.ok) return refuse(ctx, res.refusal.code, res.refusal.vars);
  const { url, webApp, minutes } = res.value;
  // Telegram accepts Mini App and link buttons only for https addresses (a local demo runs on http).
  const https = url.startsWith('https://');
  const keyboard: InlineKeyboardButton[][] = https
    ? [[{ text: ctx.t('desk-button-webapp'), web_app: { url: webApp } }], [{ text: ctx.t('desk-button-browser'), url }]]
    : [];
  await ctx.reply(ctx.t('desk-link', { link: escapeHtml(url), minutes }), keyboard.length ? { reply_markup: { inline_keyboard: keyboard } } : {});
});

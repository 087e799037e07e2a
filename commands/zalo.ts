import { Composer } from 'grammy';
import { zaloLinkCode } from '#root/actions/zalo.js';
import type { BotContext } from '#root/context.js';
import { names } from '#root/domain/commands.js';
import { refuse } from '#root/telegram/reply.js';

/** /lienketzalo: a code to send on Zalo, so the person's Zalo account acts as this member. */
export const zaloLink = new Composer<BotContext>();

zaloLink.command(names('zalo'), async (ctx) => {
  const r = await zaloLinkCode(ctx.svc, ctx.actor);
  if (!r.ok) return refuse(ctx, r.refusal.code, r.refusal.vars);
  await ctx.reply(ctx.t('zalo-link-code', { code: r.value.code, minutes: r.value.minutes }));
});

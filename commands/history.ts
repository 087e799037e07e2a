import { Composer } from 'grammy';
import { viewHistory } from '#root/actions/history.js';
import type { BotContext } from '#root/context.js';
import { names } from '#root/domain/commands.js';
import { args, refuse, replyPrivately, viewOf } from '#root/telegram/reply.js';
import { escapeHtml } from '#root/telegram/text.js';
import { historyText } from '#root/views/history.js';

/**
 * `/history [C12|M3|DA-01|BD|…]`: a record's history, or the latest changes council-wide.
 * Names and comment texts are in it, so in a group the answer goes privately.
 */
export const history = new Composer<BotContext>();

history.command(names('history'), async (ctx) => {
  const res = await viewHistory(ctx.svc, ctx.actor, { ref: args(ctx)[0] });
  if (!res.ok) {
    const { code, vars = {} } = res.refusal;
    return refuse(ctx, code, Object.fromEntries(Object.entries(vars).map(([k, x]) => [k, typeof x === 'string' ? escapeHtml(x) : x])));
  }
  await replyPrivately(ctx, historyText(await viewOf(ctx), res.value));
});

import type { Middleware } from 'grammy';
import type { BotContext } from '#root/context.js';
import { commandSpec } from '#root/domain/commands.js';
import { mayAsk } from '#root/policy.js';
import { refuse } from '#root/telegram/reply.js';

/**
 * The one guard in front of every command: the catalogue names the command's action, the
 * policy says who may ask for it and the guard refuses everyone else, in their language,
 * before any handler runs. Where a command is used (group or private) is checked here too.
 * What depends on the record (whose unit, whose comment) is the action's own check.
 */
export const guard: Middleware<BotContext> = async (ctx, next) => {
  const text = ctx.msg?.text ?? ctx.msg?.caption;
  const entity = (ctx.msg?.entities ?? ctx.msg?.caption_entities)?.[0];
  if (!text || entity?.type !== 'bot_command' || entity.offset !== 0) return next();
  const [word, target] = text.slice(1, entity.length).split('@');
  if (target && target.toLowerCase() !== ctx.me.username.toLowerCase()) return next();
  const spec = commandSpec(word ?? '');
  if (!spec) return next();
  const refusal = mayAsk(ctx.actor, spec.action, ctx.svc.config.COUNCIL_UNIT);
  if (refusal) {
    ctx.log.info({ command: spec.name }, 'command refused by the policy');
    return refuse(ctx, refusal.code, refusal.vars);
  }
  const isPrivate = ctx.chat?.type === 'private';
  if (spec.where === 'group' && isPrivate) return refuse(ctx, 'group-only');
  if (spec.where === 'private' && !isPrivate) return refuse(ctx, 'private-only', { link: `https://t.me/${ctx.me.username}` });
  return next();
};

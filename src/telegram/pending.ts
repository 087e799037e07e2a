import { Composer, type NextFunction } from 'grammy';
import type { BotContext } from '#root/context.js';
import type { PendingInput, PendingKind } from '#root/store/pending.js';

/**
 * The one router for "the next private message is the answer": a guided form's field, the
 * name of a substitute, a notice. Which one is decided by the person's single pending record
 * (PendingStore), never by the order in which features are registered.
 */
type Handler<K extends PendingKind> = (ctx: BotContext, p: Extract<PendingInput, { kind: K }>, next: NextFunction) => Promise<unknown>;

const routes = new Map<PendingKind, Handler<PendingKind>>();

/** A feature says what it does with the next private message when its kind is pending. */
export function onPending<K extends PendingKind>(kind: K, handler: Handler<K>): void {
  routes.set(kind, handler as unknown as Handler<PendingKind>);
}

export const pendingInput = new Composer<BotContext>();

pendingInput.chatType('private').on('message', async (ctx, next) => {
  // A command always means what it says: it is never taken as the pending answer.
  const first = ctx.msg.entities?.[0] ?? ctx.msg.caption_entities?.[0];
  if (first?.type === 'bot_command' && first.offset === 0) return next();
  const p = await ctx.svc.store.pending.get(ctx.actor.userId);
  const handler = p && routes.get(p.kind);
  if (!p || !handler) return next();
  await handler(ctx, p, next);
});

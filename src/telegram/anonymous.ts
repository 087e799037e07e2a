import type { Middleware } from 'grammy';
import type { Message } from 'grammy/types';
import type { BotContext } from '#root/context.js';
import { classify } from '#root/telegram/errors.js';
import { reply } from '#root/telegram/reply.js';

/** A group's anonymous admins hear about an unrecorded plain message at most this often. */
const MESSAGE_HINT_MS = 60 * 60 * 1000;

/** What a person posts; a message with none of these (a rename, a pin, people joining) is a service message. */
const CONTENT = [
  'text', 'caption', 'document', 'photo', 'audio', 'video', 'voice', 'video_note', 'animation',
  'sticker', 'contact', 'location', 'venue', 'poll', 'dice', 'story',
] as const;

/**
 * Posted by one of the group's anonymous admins ("Remain anonymous"): Telegram then names
 * the group itself as the sender (and GroupAnonymousBot as `from`), so nobody can tell who
 * wrote. A channel posting in a group also has a sender_chat, but that is the channel.
 */
function isAnonymousAdmin(m: Message): boolean {
  return m.chat.type !== 'private' && m.sender_chat?.id === m.chat.id;
}

/** 'mine': a command for this bot or for no bot in particular; 'other': for another bot. */
function commandTarget(m: Message, username: string): 'mine' | 'other' | undefined {
  const text = m.text ?? m.caption ?? '';
  const first = (m.text !== undefined ? m.entities : m.caption_entities)?.[0];
  if (first?.type !== 'bot_command' || first.offset !== 0) return undefined;
  const target = text.slice(0, first.length).split('@')[1];
  return target === undefined || target.toLowerCase() === username.toLowerCase() ? 'mine' : 'other';
}

/**
 * Anonymous admins are nobody the bot can know, so nothing they post is acted on or
 * recorded as theirs (it would be a guest's at best). A command gets an explanation of how
 * to act as oneself; so does a plain message addressed to the bot (a reply to one of its
 * messages, e.g. a comment on a call for comments), once an hour per group so that a run of
 * such replies does not get a run of answers. Service messages pass: the group's renames
 * and upgrades are still followed. The group has no language of its own: DEFAULT_LOCALE.
 */
export const anonymousAdmins: Middleware<BotContext> = async (ctx, next) => {
  const m = ctx.message;
  if (!m || !isAnonymousAdmin(m) || !CONTENT.some((k) => k in m)) return next();
  const command = commandTarget(m, ctx.me.username);
  if (command === 'other') return;
  const { store, config, t } = ctx.svc;
  if (command === undefined) {
    if (m.reply_to_message?.from?.id !== ctx.me.id) return;
    const first = await store.redis.set(store.keys.rate(`anonymous-admin:${m.chat.id}`), '1', 'PX', MESSAGE_HINT_MS, 'NX');
    if (first === null) return;
  }
  const key = command ? 'anonymous-admin-command' : 'anonymous-admin-message';
  ctx.log.info({ command: command !== undefined }, 'anonymous admin told how to act as themselves');
  try {
    await ctx.reply(t(config.DEFAULT_LOCALE, key, { link: `https://t.me/${ctx.me.username}` }), reply(ctx));
  } catch (err) {
    // The bot was removed from the group meanwhile: nobody to tell.
    if (classify(err).kind === 'recipient') return ctx.log.warn({ err: (err as Error).message }, 'could not answer: chat unreachable');
    throw err;
  }
};

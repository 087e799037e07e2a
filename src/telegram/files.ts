import { GrammyError, InputFile } from 'grammy';
import type { Document } from 'grammy/types';
import type { BotContext } from '#root/context.js';
import { reply } from '#root/telegram/reply.js';

/**
 * A document someone sent, as text: downloaded from the Bot API's file endpoint (the token is
 * in that URL, so neither the URL nor the answer is ever logged). `too-big` before downloading
 * when Telegram says it is larger than `maxBytes`, and after if it turns out to be; `not-text`
 * when it is not UTF-8.
 */
export async function documentText(ctx: BotContext, doc: Document, maxBytes: number): Promise<{ text: string } | { problem: 'too-big' | 'not-text' }> {
  if (doc.file_size !== undefined && doc.file_size > maxBytes) return { problem: 'too-big' };
  const file = await ctx.api.getFile(doc.file_id);
  if (!file.file_path) throw new Error('the Bot API gave no path for the file');
  const { TELEGRAM_API_ROOT, BOT_TOKEN } = ctx.svc.config;
  const res = await fetch(`${TELEGRAM_API_ROOT}/file/bot${BOT_TOKEN}/${file.file_path}`, { signal: AbortSignal.timeout(30_000) });
  if (!res.ok) throw new Error(`downloading the file failed: HTTP ${res.status}`);
  const data = Buffer.from(await res.arrayBuffer());
  if (data.length > maxBytes) return { problem: 'too-big' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(data) };
  } catch {
    return { problem: 'not-text' };
  }
}

/**
 * Files that are private (links, rosters) go to the person's private chat, the caption on the
 * last; in a group, a one-line pointer there. False if the person never opened a private chat
 * (the group is told how to).
 */
export async function documentsPrivately(ctx: BotContext, files: { data: Buffer; name: string }[], caption: string): Promise<boolean> {
  const to = ctx.from?.id;
  if (to === undefined) return false;
  try {
    for (const [i, f] of files.entries()) await ctx.api.sendDocument(to, new InputFile(f.data, f.name), i === files.length - 1 ? { caption } : {});
  } catch (err) {
    if (err instanceof GrammyError && err.error_code === 403 && ctx.chat?.type !== 'private') {
      await ctx.reply(ctx.t('open-private-first', { link: `https://t.me/${ctx.me.username}` }), reply(ctx));
      return false;
    }
    throw err;
  }
  if (ctx.chat?.type !== 'private') await ctx.reply(ctx.t('sent-privately'), reply(ctx));
  return true;
}

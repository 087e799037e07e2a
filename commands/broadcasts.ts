import { Composer, InlineKeyboard } from 'grammy';
import type { Message } from 'grammy/types';
import type { ActionDeps } from '#root/actions/types.js';
import {
  acknowledgeNotice,
  attachNoticeControl,
  awaitNotice,
  discardNotice,
  draftNotice,
  listNotices,
  noticeAcks,
  noticeAudience,
  sendNotice,
  stopAwaitingNotice,
  stopNotice,
} from '#root/actions/notices.js';
import type { BotContext } from '#root/context.js';
import type { Audience } from '#root/domain/broadcasts.js';
import { names } from '#root/domain/commands.js';
import { formatDateTime } from '#root/domain/time.js';
import type { Refusal } from '#root/policy.js';
import { escapeHtml } from '#root/telegram/text.js';
import { onPending } from '#root/telegram/pending.js';
import { args, localeOf, refuse, reply, replyPrivately } from '#root/telegram/reply.js';

/**
 * Notices in Telegram: parse, call the action (src/actions/notices.ts), render. Who may do
 * what is decided there, by the policy.
 */
export const broadcasts = new Composer<BotContext>();

const depsOf = (ctx: BotContext): ActionDeps => ({ store: ctx.svc.store, config: ctx.svc.config, log: ctx.log, effects: ctx.svc.effects });

/** A refusal's values may carry what the person typed: escaped for HTML. */
function say(ctx: BotContext, r: Refusal): string {
  const vars = r.vars && Object.fromEntries(Object.entries(r.vars).map(([k, v]) => [k, typeof v === 'string' ? escapeHtml(v) : v]));
  return ctx.t(r.code, vars);
}

const refuseWith = (ctx: BotContext, r: Refusal) => ctx.reply(say(ctx, r), reply(ctx));
const alert = (ctx: BotContext, r: Refusal) => ctx.answerCallbackQuery({ text: say(ctx, r), show_alert: true });

/** The usage, with the words not understood under its first line. */
async function usage(ctx: BotContext, bad: string): Promise<void> {
  const [head = '', ...rest] = ctx.t('broadcast-usage').split('\n');
  const lines = bad ? [ctx.t('broadcast-bad', { bad: escapeHtml(bad) })] : [];
  await ctx.reply([head, ...lines, ...rest].join('\n'), reply(ctx));
}

// /broadcast AUDIENCE [pin]: as a reply to the notice, or followed by it in the private chat.
broadcasts.command(names('broadcast'), async (ctx) => {
  const deps = depsOf(ctx);
  const audience = await noticeAudience(deps, ctx.actor, args(ctx));
  if (!audience.ok) {
    const r = audience.refusal;
    return r.code === 'broadcast-usage' ? usage(ctx, String(r.vars?.bad ?? '')) : refuseWith(ctx, r);
  }
  const notice = ctx.msg.reply_to_message;
  if (notice) return preview(ctx, audience.value, notice, false);
  const waiting = await awaitNotice(deps, ctx.actor, audience.value);
  if (!waiting.ok) return refuseWith(ctx, waiting.refusal);
  await ctx.reply(ctx.t('broadcast-send-now'), {
    reply_markup: new InlineKeyboard().text(ctx.t('button-cancel'), 'bc:wait-cancel'),
  });
});

// The secretary's next private message after /broadcast is the notice, of any kind Telegram
// can copy; the draft action decides, with the person as they are now.
onPending('notice', async (ctx, p) => {
  await ctx.svc.store.pending.take(ctx.actor.userId, 'notice');
  await preview(ctx, p.audience, ctx.msg!, true);
});

broadcasts.callbackQuery('bc:wait-cancel', async (ctx) => {
  await stopAwaitingNotice(depsOf(ctx), ctx.actor);
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(ctx.t('broadcast-cancelled-draft-wait'));
});

/** Drafts the notice and shows the preview with Send and Cancel; nothing is sent yet. */
async function preview(ctx: BotContext, audience: Audience, notice: Message, waiting: boolean): Promise<void> {
  const deps = depsOf(ctx);
  const source = { chatId: notice.chat.id, messageId: notice.message_id, message: notice };
  const r = await draftNotice(deps, ctx.actor, { audience, source, locale: await localeOf(ctx), waiting });
  if (!r.ok) return void (await refuseWith(ctx, r.refusal));
  const quote = { reply_parameters: { message_id: notice.message_id, allow_sending_without_reply: true } };
  if (r.value.kind === 'uncopyable') {
    // A notice Telegram cannot copy would fail for every recipient after Send.
    const { reason } = r.value;
    const lines = [ctx.t('broadcast-uncopyable', { kind: reason }), ctx.t('broadcast-uncopyable-instead', { kind: reason })];
    lines.push(ctx.t(waiting ? 'broadcast-uncopyable-wait' : 'broadcast-uncopyable-again'));
    await ctx.reply(lines.join('\n'), { ...quote, ...(waiting ? { reply_markup: new InlineKeyboard().text(ctx.t('button-cancel'), 'bc:wait-cancel') } : {}) });
    ctx.log.info({ reason }, 'broadcast notice refused: cannot be copied');
    return;
  }
  const { notice: b, albumPart } = r.value;
  const lines = [ctx.t('broadcast-preview', { id: b.id, groups: b.groups, people: b.people })];
  // copyMessage takes one message: of an album, only the part this preview answers goes out.
  if (albumPart) lines.push(ctx.t('broadcast-preview-album', { part: albumPart }));
  if (b.audience.pin) lines.push(ctx.t('broadcast-preview-pin'));
  const control = await ctx.reply(lines.join('\n'), {
    ...quote,
    reply_markup: new InlineKeyboard().text(ctx.t('broadcast-button-send'), `bc:send:${b.id}`).text(ctx.t('button-cancel'), `bc:cancel:${b.id}`),
  });
  await attachNoticeControl(deps, b.id, { chatId: control.chat.id, messageId: control.message_id });
}

broadcasts.callbackQuery(/^bc:send:(B\d+)$/, async (ctx) => {
  const r = await sendNotice(depsOf(ctx), ctx.actor, { id: ctx.match[1]! });
  if (!r.ok) {
    // An expired preview loses its buttons: it can no longer be sent.
    if (r.refusal.code === 'broadcast-draft-expired') await ctx.editMessageText(say(ctx, r.refusal)).catch(() => undefined);
    return alert(ctx, r.refusal);
  }
  const b = r.value;
  // Courtesy only: an expired button answer or a failed edit must not stop the notice.
  await ctx.answerCallbackQuery({ text: ctx.t('broadcast-started', { id: b.id }) }).catch(() => undefined);
  await ctx.editMessageText(ctx.t('broadcast-progress', { id: b.id, done: 0, total: b.total })).catch(() => undefined);
});

broadcasts.callbackQuery(/^bc:cancel:(B\d+)$/, async (ctx) => {
  const r = await discardNotice(depsOf(ctx), ctx.actor, { id: ctx.match[1]! });
  if (!r.ok) return alert(ctx, r.refusal);
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(ctx.t('broadcast-cancelled-draft', { id: r.value.id }));
});

// The "Received" button under every copy, in a person's private chat or a group.
broadcasts.callbackQuery(/^ack:(B\d+)$/, async (ctx) => {
  const r = await acknowledgeNotice(depsOf(ctx), ctx.actor, { id: ctx.match[1]!, copyChatId: ctx.callbackQuery.message?.chat.id });
  if (!r.ok) return alert(ctx, r.refusal);
  await ctx.answerCallbackQuery({ text: ctx.t(r.value.first ? 'broadcast-ack-done' : 'broadcast-ack-again', { id: r.value.id }) });
});

// /broadcasts: recent notices with their progress.
broadcasts.command(names('broadcasts'), async (ctx) => {
  const r = await listNotices(depsOf(ctx), ctx.actor);
  if (!r.ok) return refuseWith(ctx, r.refusal);
  if (r.value.length === 0) return refuse(ctx, 'broadcasts-empty');
  const locale = await localeOf(ctx);
  const lines = [ctx.t('broadcasts-title')];
  for (const { notice: b, state, counts: c, pending } of r.value) {
    lines.push(
      ctx.t('broadcasts-line', {
        id: b.id,
        when: formatDateTime(new Date(b.createdAt), locale, ctx.svc.config.COUNCIL_TIMEZONE),
        status: ctx.t(`broadcast-status-${state}`),
        sent: c.sent,
        failed: c.failed,
        pending,
        total: b.total,
        acked: c.acked,
      }),
    );
  }
  await ctx.say(lines.join('\n'), reply(ctx));
});

// /acks B<n>: who acknowledged and who has not, by unit. Names: sent privately.
broadcasts.command(names('acks'), async (ctx) => {
  const r = await noticeAcks(depsOf(ctx), ctx.actor, { id: args(ctx)[0] });
  if (!r.ok) return refuseWith(ctx, r.refusal);
  const lines = [ctx.t('acks-title', { id: r.value.notice.id, acked: r.value.acked })];
  for (const u of r.value.units) {
    lines.push(ctx.t('acks-unit', { unit: u.unit, acked: u.acked.length, total: u.acked.length + u.waiting.length }));
    if (u.acked.length) lines.push(ctx.t('acks-yes', { names: u.acked.map(escapeHtml).join(', ') }));
    if (u.waiting.length) lines.push(ctx.t('acks-no', { names: u.waiting.map(escapeHtml).join(', ') }));
  }
  await replyPrivately(ctx, lines.join('\n'));
});

// /cancelbroadcast B<n>: stops what has not been sent yet.
broadcasts.command(names('cancelbroadcast'), async (ctx) => {
  const r = await stopNotice(depsOf(ctx), ctx.actor, { id: args(ctx)[0] });
  if (!r.ok) return refuseWith(ctx, r.refusal);
  const { notice: b, sent } = r.value;
  await ctx.reply(ctx.t('broadcast-cancel-done', { id: b.id, sent, total: b.total }), reply(ctx));
});

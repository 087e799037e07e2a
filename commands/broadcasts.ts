import { Composer, InlineKeyboard } from 'grammy';
import type { Message } from 'grammy/types';
import type { BotContext } from '#root/context.js';
import { checkNotice, parseAudience, selectRecipients, type Audience, type Uncopyable } from '#root/domain/broadcasts.js';
import { names } from '#root/domain/commands.js';
import { atLeast, canManageUnit } from '#root/domain/roles.js';
import { formatDateTime } from '#root/domain/time.js';
import type { Broadcast } from '#root/store/broadcasts.js';
import { escapeHtml } from '#root/telegram/text.js';
import { onPending } from '#root/telegram/pending.js';
import { args, localeOf, refuse, reply, replyPrivately, requireRole } from '#root/telegram/reply.js';
import { expectedAckers } from '#root/summaries.js';
import { FANOUT_TASK } from '#jobs/broadcast.js';

export const broadcasts = new Composer<BotContext>();

/** Council-wide secretaries see every notice; a unit's secretary sees that unit's and their own. */
function canSee(ctx: BotContext, b: Broadcast): boolean {
  return ctx.actor.councilWide || b.createdBy === ctx.actor.userId || (b.scopeUnit !== undefined && b.scopeUnit === ctx.actor.unit);
}

async function findVisible(ctx: BotContext, raw: string | undefined): Promise<Broadcast | undefined> {
  const id = raw?.toUpperCase();
  const b = id && /^B\d{1,9}$/.test(id) ? await ctx.svc.store.broadcasts.get(id) : undefined;
  if (!b || !canSee(ctx, b)) {
    await refuse(ctx, 'broadcast-unknown', { id: escapeHtml(raw ?? '') });
    return undefined;
  }
  return b;
}

/** Resolves the audience for this sender: a unit's secretary reaches only their own unit. */
async function resolveAudience(ctx: BotContext, words: string[]): Promise<Audience | undefined> {
  const codes = new Set(await ctx.svc.store.units.codes());
  const parsed = parseAudience(words, (w) => codes.has(w));
  if (!parsed.ok) {
    const [head = '', ...rest] = ctx.t('broadcast-usage').split('\n');
    const bad = parsed.bad.length ? [ctx.t('broadcast-bad', { bad: escapeHtml(parsed.bad.join(' ')) })] : [];
    await ctx.reply([head, ...bad, ...rest].join('\n'), reply(ctx));
    return undefined;
  }
  const a = parsed.audience;
  if (!ctx.actor.councilWide) {
    const foreign = (a.units ?? []).find((u) => !canManageUnit(ctx.actor, u));
    if (foreign) {
      await refuse(ctx, 'unit-not-yours', { unit: foreign });
      return undefined;
    }
    a.units = [ctx.actor.unit!];
  }
  return a;
}

// /broadcast AUDIENCE [pin]: as a reply to the notice, or followed by it in the private chat.
broadcasts.command(names('broadcast'), async (ctx) => {
  if (!(await requireRole(ctx, 'secretary'))) return;
  if (ctx.chat.type !== 'private') return refuse(ctx, 'broadcast-private-only', { link: `https://t.me/${ctx.me.username}` });
  const audience = await resolveAudience(ctx, args(ctx));
  if (!audience) return;
  const notice = ctx.msg.reply_to_message;
  if (notice) return preview(ctx, audience, notice);
  await ctx.svc.store.pending.set(ctx.actor.userId, { kind: 'notice', audience });
  await ctx.reply(ctx.t('broadcast-send-now'), {
    reply_markup: new InlineKeyboard().text(ctx.t('button-cancel'), 'bc:wait-cancel'),
  });
});

// The secretary's next private message after /broadcast is the notice, of any kind Telegram can copy.
onPending('notice', async (ctx, p) => {
  await ctx.svc.store.pending.take(ctx.actor.userId, 'notice');
  if (!atLeast(ctx.actor, 'secretary')) return refuse(ctx, 'only-secretary');
  await preview(ctx, p.audience, ctx.msg!, true);
});

broadcasts.callbackQuery('bc:wait-cancel', async (ctx) => {
  await ctx.svc.store.pending.take(ctx.actor.userId, 'notice');
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(ctx.t('broadcast-cancelled-draft-wait'));
});

/**
 * A notice Telegram cannot copy would fail for every recipient after Send: it is refused
 * here, before anything is stored. A secretary who was asked for the notice (`waiting`) is
 * still waited for, so the next message can be the notice.
 */
async function refuseUncopyable(ctx: BotContext, audience: Audience, notice: Message, reason: Uncopyable, waiting: boolean): Promise<void> {
  if (waiting) await ctx.svc.store.pending.set(ctx.actor.userId, { kind: 'notice', audience });
  const lines = [ctx.t('broadcast-uncopyable', { kind: reason }), ctx.t('broadcast-uncopyable-instead', { kind: reason })];
  lines.push(ctx.t(waiting ? 'broadcast-uncopyable-wait' : 'broadcast-uncopyable-again'));
  await ctx.reply(lines.join('\n'), {
    reply_parameters: { message_id: notice.message_id, allow_sending_without_reply: true },
    ...(waiting ? { reply_markup: new InlineKeyboard().text(ctx.t('button-cancel'), 'bc:wait-cancel') } : {}),
  });
  ctx.log.info({ reason }, 'broadcast notice refused: cannot be copied');
}

/** Freezes the recipients, stores the draft and asks for confirmation. Nothing is sent yet. */
async function preview(ctx: BotContext, audience: Audience, notice: Message, waiting = false): Promise<void> {
  const check = checkNotice(notice);
  if (!check.ok) return refuseUncopyable(ctx, audience, notice, check.reason, waiting);
  const { store } = ctx.svc;
  const [units, members] = await Promise.all([store.units.list(), store.members.list()]);
  const recipients = selectRecipients(audience, units, members);
  if (recipients.length === 0) return refuse(ctx, 'broadcast-nobody');
  const locale = await localeOf(ctx);
  const b = await store.broadcasts.create(
    {
      createdBy: ctx.actor.userId,
      ...(ctx.actor.councilWide ? {} : { scopeUnit: ctx.actor.unit! }),
      audience,
      units: audience.units ?? units.map((u) => u.code),
      notice: { chatId: notice.chat.id, messageId: notice.message_id },
      locale,
    },
    recipients,
  );
  const lines = [ctx.t('broadcast-preview', { id: b.id, groups: b.groups, people: b.people })];
  // copyMessage takes one message: of an album, only the part this preview answers goes out.
  if (check.albumPart) lines.push(ctx.t('broadcast-preview-album', { part: check.albumPart }));
  if (audience.pin) lines.push(ctx.t('broadcast-preview-pin'));
  const control = await ctx.reply(lines.join('\n'), {
    reply_parameters: { message_id: notice.message_id, allow_sending_without_reply: true },
    reply_markup: new InlineKeyboard().text(ctx.t('broadcast-button-send'), `bc:send:${b.id}`).text(ctx.t('button-cancel'), `bc:cancel:${b.id}`),
  });
  await store.broadcasts.transition(b.id, 'draft', ['draft'], { control: { chatId: control.chat.id, messageId: control.message_id } });
  ctx.log.info({ broadcast: b.id, recipients: b.total }, 'broadcast drafted');
}

broadcasts.callbackQuery(/^bc:(send|cancel):(B\d+)$/, async (ctx) => {
  const [, action, id] = ctx.match;
  const { store } = ctx.svc;
  const b = await store.broadcasts.get(id!);
  // Only the secretary who drafted it (or an admin) decides; a forged payload changes nothing.
  if (!b || (b.createdBy !== ctx.actor.userId && ctx.actor.role !== 'admin')) {
    return ctx.answerCallbackQuery({ text: ctx.t('broadcast-not-yours'), show_alert: true });
  }
  if (action === 'send') {
    const res = await store.broadcasts.transition(b.id, 'sending', ['draft'], { confirmedAt: Date.now() });
    if (res !== 'ok') return ctx.answerCallbackQuery({ text: ctx.t(`broadcast-already-${res}`, { id: b.id }), show_alert: true });
    // Queued before anything else can fail: a notice marked "sending" must go out.
    await ctx.svc.tasks.add(FANOUT_TASK, { id: b.id }, { jobId: `fanout-${b.id}` });
    ctx.log.info({ broadcast: b.id }, 'broadcast confirmed');
    // Courtesy only: an expired button answer or a failed edit must not stop the notice.
    await ctx.answerCallbackQuery({ text: ctx.t('broadcast-started', { id: b.id }) }).catch(() => undefined);
    await ctx.editMessageText(ctx.t('broadcast-progress', { id: b.id, done: 0, total: b.total })).catch(() => undefined);
  } else {
    const res = await store.broadcasts.transition(b.id, 'cancelled', ['draft']);
    if (res !== 'ok') return ctx.answerCallbackQuery({ text: ctx.t(`broadcast-already-${res}`, { id: b.id }), show_alert: true });
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t('broadcast-cancelled-draft', { id: b.id }));
  }
});

// The "Received" button under every copy.
broadcasts.callbackQuery(/^ack:(B\d+)$/, async (ctx) => {
  const b = await ctx.svc.store.broadcasts.get(ctx.match[1]!);
  if (!b) return ctx.answerCallbackQuery({ text: ctx.t('broadcast-ack-unknown'), show_alert: true });
  const member = ctx.actor.role === 'admin' || (ctx.actor.unit !== undefined && ctx.actor.role !== 'guest' && b.units.includes(ctx.actor.unit));
  if (!member) return ctx.answerCallbackQuery({ text: ctx.t('broadcast-ack-not-member'), show_alert: true });
  const first = await ctx.svc.store.broadcasts.ack(b.id, ctx.actor.userId);
  await ctx.answerCallbackQuery({ text: ctx.t(first ? 'broadcast-ack-done' : 'broadcast-ack-again', { id: b.id }) });
});

// /broadcasts: recent notices with their progress.
broadcasts.command(names('broadcasts'), async (ctx) => {
  if (!(await requireRole(ctx, 'secretary'))) return;
  const { store, config } = ctx.svc;
  const recent = (await store.broadcasts.recent(50)).filter((b) => canSee(ctx, b)).slice(0, 10);
  if (recent.length === 0) return refuse(ctx, 'broadcasts-empty');
  const locale = await localeOf(ctx);
  const lines = [ctx.t('broadcasts-title')];
  for (const b of recent) {
    const c = await store.broadcasts.counts(b.id);
    lines.push(
      ctx.t('broadcasts-line', {
        id: b.id,
        when: formatDateTime(new Date(b.createdAt), locale, config.COUNCIL_TIMEZONE),
        status: ctx.t(`broadcast-status-${b.status}`),
        sent: c.sent,
        failed: c.failed,
        pending: b.status === 'sending' ? b.total - c.sent - c.failed - c.dropped : 0,
        total: b.total,
        acked: c.acked,
      }),
    );
  }
  await ctx.say(lines.join('\n'), reply(ctx));
});

// /acks B<n>: who acknowledged and who has not, by unit. Names: sent privately.
broadcasts.command(names('acks'), async (ctx) => {
  if (!(await requireRole(ctx, 'secretary'))) return;
  const b = await findVisible(ctx, args(ctx)[0]);
  if (!b) return;
  const { store } = ctx.svc;
  const acks = await store.broadcasts.acks(b.id);
  const lines = [ctx.t('acks-title', { id: b.id, acked: acks.size })];
  for (const unit of b.units) {
    const expected = expectedAckers(b, await store.members.list(unit));
    if (expected.length === 0) continue;
    const yes = expected.filter((m) => acks.has(m.id)).map((m) => escapeHtml(m.name));
    const no = expected.filter((m) => !acks.has(m.id)).map((m) => escapeHtml(m.name));
    lines.push(ctx.t('acks-unit', { unit, acked: yes.length, total: expected.length }));
    if (yes.length) lines.push(ctx.t('acks-yes', { names: yes.join(', ') }));
    if (no.length) lines.push(ctx.t('acks-no', { names: no.join(', ') }));
  }
  await replyPrivately(ctx, lines.join('\n'));
});

// /cancelbroadcast B<n>: stops what has not been sent yet.
broadcasts.command(names('cancelbroadcast'), async (ctx) => {
  if (!(await requireRole(ctx, 'secretary'))) return;
  const b = await findVisible(ctx, args(ctx)[0]);
  if (!b) return;
  const res = await ctx.svc.store.broadcasts.transition(b.id, 'cancelled', ['draft', 'sending']);
  if (res !== 'ok') return refuse(ctx, `broadcast-already-${res}`, { id: b.id });
  const c = await ctx.svc.store.broadcasts.counts(b.id);
  ctx.log.info({ broadcast: b.id, sent: c.sent }, 'broadcast cancelled');
  await ctx.reply(ctx.t('broadcast-cancel-done', { id: b.id, sent: c.sent, total: b.total }), reply(ctx));
});

import { Composer, InputFile } from 'grammy';
import type { Message } from 'grammy/types';
import * as comments from '#root/actions/comments.js';
import * as act from '#root/actions/proposals.js';
import type { ActionDeps } from '#root/actions/types.js';
import type { BotContext } from '#root/context.js';
import { names } from '#root/domain/commands.js';
import { validateForm } from '#root/domain/forms.js';
import { PROPOSAL_FIELDS, isOpen, parseCommentArgs, parseCommentFilter, parseResponseKind, type CommentFilter, type CommentRecord } from '#root/domain/proposals.js';
import { normaliseUnitCode } from '#root/domain/roles.js';
import type { Refusal } from '#root/policy.js';
import { parseReportArgs } from '#root/reports.js';
import { describeProblems, fieldContext, formCommand } from '#root/telegram/forms.js';
import { args, localeOf, refuse, reply, replyPrivately, viewOf } from '#root/telegram/reply.js';
import { escapeHtml } from '#root/telegram/text.js';
import { withDateWarnings } from '#root/views/dates.js';
import { createWizards } from '#root/telegram/wizard.js';
import { when } from '#root/views/meetings.js';
import * as view from '#root/views/proposals.js';

/**
 * Proposals and comments in Telegram: each handler parses, calls its action
 * (src/actions/proposals.ts and src/actions/comments.ts, where the rules are) and renders the
 * result or the refusal.
 */
export const proposals = new Composer<BotContext>();

const depsOf = (ctx: BotContext): ActionDeps => ({ store: ctx.svc.store, config: ctx.svc.config, log: ctx.log, effects: ctx.svc.effects });

/** How the person is called in the records: their member name, else their Telegram name. */
function nameOf(ctx: BotContext): string {
  return ctx.member?.name ?? ctx.from?.first_name ?? String(ctx.actor.userId);
}

/**
 * A refusal as a reply. Its values may be what the person typed, so they are shown literally;
 * a deadline (`when`) comes as a moment and is written as the person reads dates.
 */
async function refuseWith(ctx: BotContext, r: Refusal): Promise<void> {
  const v = await viewOf(ctx);
  const vars = Object.fromEntries(
    Object.entries(r.vars ?? {}).map(([k, x]) => [k, k === 'when' && typeof x === 'number' ? when(v, x) : typeof x === 'string' ? escapeHtml(x) : x]),
  );
  return refuse(ctx, r.code, vars);
}

async function createProposal(ctx: BotContext, raw: Map<string, string>): Promise<void> {
  const form = validateForm(raw, PROPOSAL_FIELDS, await fieldContext(ctx));
  if (!form.ok) return void (await ctx.say(`${describeProblems(ctx, 'proposal', form.problems)}\n\n${ctx.t('proposal-form-help')}`, reply(ctx)));
  const res = await act.createProposal(depsOf(ctx), ctx.actor, form.values);
  if (!res.ok) return refuseWith(ctx, res.refusal);
  const { proposal: p, groups, warnings } = res.value;
  const v = await viewOf(ctx);
  await ctx.reply(withDateWarnings(v, ctx.t('proposal-created', { code: p.code, when: when(v, p.deadline), groups }), warnings), reply(ctx));
}

// The guided form's last answer calls the action again, as the person is then.
const wizards = createWizards([{ name: 'proposal', action: 'proposal.create', fields: PROPOSAL_FIELDS, fieldContext, submit: createProposal }]);

proposals.command(names('newproposal'), (ctx) =>
  formCommand(ctx, {
    name: 'proposal',
    fields: PROPOSAL_FIELDS,
    helpKey: 'proposal-form-help',
    guided: () => wizards.start(ctx, 'proposal'),
    submit: (raw) => createProposal(ctx, raw),
  }),
);

proposals.command(names('proposals'), async (ctx) => {
  const res = await act.listProposals(depsOf(ctx), ctx.actor);
  if (!res.ok) return refuseWith(ctx, res.refusal);
  if (res.value.length === 0) return refuse(ctx, 'proposals-empty');
  const v = await viewOf(ctx);
  const now = Date.now();
  const lines = [ctx.t('proposals-title')];
  for (const { proposal: p, counts } of res.value) {
    lines.push(
      ctx.t(isOpen(p, now) ? 'proposals-line-open' : 'proposals-line-closed', {
        code: p.code,
        title: escapeHtml(p.title),
        when: when(v, p.deadline),
        left: view.countdown(v, p, now),
        comments: counts.active ?? 0,
      }),
    );
  }
  await ctx.say(lines.join('\n'), reply(ctx));
});

proposals.command(names('proposal'), async (ctx) => {
  const res = await act.viewProposal(depsOf(ctx), ctx.actor, { code: args(ctx)[0] });
  if (!res.ok) return refuseWith(ctx, res.refusal);
  const { proposal: p, counts, agreed, units } = res.value;
  const v = await viewOf(ctx);
  const lines = [view.callForComments(v, p), '', ctx.t('proposal-state', { left: view.countdown(v, p, Date.now()) }), ...view.countsBlock(v, p, counts, agreed, units)];
  const sent = await ctx.say(lines.join('\n'), reply(ctx));
  // In private chat this answer is a call for comments too: replying to any of its parts comments.
  if (ctx.chat.type === 'private') for (const part of sent) await ctx.svc.store.proposals.setCall(p.code, part.chat.id, part.message_id);
});

// --- comments ------------------------------------------------------------------------------

function attachmentOf(msg: Message): CommentRecord['attachment'] {
  if (msg.document) return { kind: 'document', fileId: msg.document.file_id, fileName: msg.document.file_name };
  if (msg.photo?.length) return { kind: 'photo', fileId: msg.photo.at(-1)!.file_id };
  return undefined;
}

/** The one path for /comment, captions and replies: the action decides, the answer quotes the message. */
async function recordComment(ctx: BotContext, input: Omit<comments.CommentInput, 'authorName' | 'source' | 'attachment'>, replyInGroup = false): Promise<void> {
  const msg = ctx.msg!;
  const res = await comments.comment(depsOf(ctx), ctx.actor, {
    ...input,
    attachment: attachmentOf(msg),
    authorName: nameOf(ctx),
    source: { chatId: msg.chat.id, messageId: msg.message_id },
    replyInGroup,
  });
  if (!res.ok) return refuseWith(ctx, res.refusal);
  // A repeated delivery was answered the first time; a guest told within the hour hears nothing more.
  if (res.value.status !== 'recorded') return;
  const { id, proposal, section } = res.value;
  await ctx.reply(ctx.t(section ? 'comment-recorded-section' : 'comment-recorded', { id, code: proposal, section: escapeHtml(section ?? '') }), {
    reply_parameters: { message_id: msg.message_id, allow_sending_without_reply: true },
  });
}

proposals.command(names('comment'), async (ctx) => {
  const codes = new Set(await ctx.svc.store.proposals.codes());
  await recordComment(ctx, parseCommentArgs(typeof ctx.match === 'string' ? ctx.match : '', codes));
});

// A document or photo whose caption is the command: grammY's command filter reads only texts.
proposals.on(['message:document', 'message:photo'], async (ctx, next) => {
  const m = /^\/(comment|gopy)(?:@(\w+))?(?:\s+([\s\S]*))?$/i.exec(ctx.msg.caption ?? '');
  if (!m || (m[2] && m[2].toLowerCase() !== ctx.me.username.toLowerCase())) return next();
  const codes = new Set(await ctx.svc.store.proposals.codes());
  await recordComment(ctx, parseCommentArgs(m[3] ?? '', codes));
});

// A reply to the bot's call for comments, in a group or in private, is a comment on it.
proposals.on('message', async (ctx, next) => {
  const target = ctx.msg.reply_to_message;
  if (!target || target.from?.id !== ctx.me.id) return next();
  const text = ctx.msg.text ?? ctx.msg.caption ?? '';
  if (text.startsWith('/')) return next();
  const code = await ctx.svc.store.proposals.proposalOfMessage(ctx.chat.id, target.message_id);
  if (!code) return next();
  const sec = /^#(\S+)\s*/.exec(text);
  await recordComment(ctx, { code, ...(sec ? { section: sec[1] } : {}), text: sec ? text.slice(sec[0].length) : text }, ctx.chat.type !== 'private');
});

proposals.command(names('agree'), async (ctx) => {
  const res = await comments.agree(depsOf(ctx), ctx.actor, { code: args(ctx)[0] });
  if (!res.ok) return refuseWith(ctx, res.refusal);
  const { proposal, unit, first } = res.value;
  await ctx.reply(ctx.t(first ? 'agree-done' : 'agree-already', { code: proposal, unit }), reply(ctx));
});

proposals.command(names('mycomments'), async (ctx) => {
  const res = await comments.myComments(depsOf(ctx), ctx.actor, { code: args(ctx)[0] });
  if (!res.ok) return refuseWith(ctx, res.refusal);
  if (res.value.length === 0) return refuse(ctx, 'mycomments-empty');
  const v = await viewOf(ctx);
  await replyPrivately(ctx, [ctx.t('mycomments-title', { count: res.value.length }), ...res.value.map((c) => view.commentBlock(v, c, false))].join('\n\n'));
});

proposals.command(names('editcomment'), async (ctx) => {
  const m = /^\s*(\S+)\s*([\s\S]*)$/.exec(typeof ctx.match === 'string' ? ctx.match : '');
  const res = await comments.editComment(depsOf(ctx), ctx.actor, { id: m?.[1], text: m?.[2] ?? '' });
  if (!res.ok) return refuseWith(ctx, res.refusal);
  await ctx.reply(ctx.t('editcomment-done', { id: res.value.id }), reply(ctx));
});

proposals.command(names('withdraw'), async (ctx) => {
  const res = await comments.withdrawComment(depsOf(ctx), ctx.actor, { id: args(ctx)[0] });
  if (!res.ok) return refuseWith(ctx, res.refusal);
  await ctx.reply(ctx.t('withdraw-done', { id: res.value.id }), reply(ctx));
});

// /comments CODE [#SECTION] [UNIT] [status]: the secretaries' view, with names: privately.
proposals.command(names('comments'), async (ctx) => {
  const [code, ...rest] = args(ctx);
  let section: string | undefined;
  let unit: string | undefined;
  let filter: CommentFilter | undefined;
  for (const w of rest) {
    if (w.startsWith('#')) section = w;
    else if (parseCommentFilter(w)) filter = parseCommentFilter(w);
    else if (normaliseUnitCode(w)) unit = normaliseUnitCode(w);
    else return refuse(ctx, 'comments-usage');
  }
  const res = await comments.listComments(depsOf(ctx), ctx.actor, { code, section, unit, filter });
  if (!res.ok) return refuseWith(ctx, res.refusal);
  const { proposal: p, comments: list } = res.value;
  if (list.length === 0) return replyPrivately(ctx, ctx.t('comments-empty', { code: p.code }));
  const v = await viewOf(ctx);
  await replyPrivately(ctx, [ctx.t('comments-title', { code: p.code, count: list.length }), ...list.map((c) => view.commentBlock(v, c, true))].join('\n\n'));
});

// /respond C<n> accept|partial|explain text: the drafting team's answer; the author is told.
proposals.command(names('respond'), async (ctx) => {
  const m = /^\s*(\S+)\s+(\S+)\s*([\s\S]*)$/.exec(typeof ctx.match === 'string' ? ctx.match : '');
  const kind = parseResponseKind(m?.[2]);
  const text = (m?.[3] ?? '').trim();
  if (!m || !kind || !text) return refuse(ctx, 'respond-usage');
  const res = await comments.respond(depsOf(ctx), ctx.actor, { id: m[1]!, kind, text, byName: ctx.member?.name ?? ctx.from?.first_name ?? '' });
  if (!res.ok) return refuseWith(ctx, res.refusal);
  await ctx.reply(ctx.t('respond-done', { id: res.value.id, kind: ctx.t(`response-kind-${kind}`) }), reply(ctx));
});

// /report CODE [docx|csv|md] [số: 12] [ký: PHÓ CHỦ TỊCH, Nguyễn Văn A]: the báo cáo tiếp thu, giải trình, sent privately.
proposals.command(names('report'), async (ctx) => {
  const parsed = parseReportArgs(typeof ctx.match === 'string' ? ctx.match : '');
  if (!parsed.ok) return refuse(ctx, 'report-usage');
  const { code, format, options } = parsed;
  const res = await act.proposalReport(depsOf(ctx), ctx.actor, { code, format, locale: await localeOf(ctx), t: ctx.svc.t, options });
  if (!res.ok) return refuseWith(ctx, res.refusal);
  const file = res.value;
  const doc = new InputFile(file.data, file.name);
  const caption = ctx.t('report-caption', { code: file.proposal.code, count: file.comments });
  if (ctx.chat.type === 'private') return void (await ctx.replyWithDocument(doc, { caption }));
  try {
    await ctx.api.sendDocument(ctx.actor.userId, doc, { caption });
    await ctx.reply(ctx.t('sent-privately'), reply(ctx));
  } catch {
    await ctx.reply(ctx.t('open-private-first', { link: `https://t.me/${ctx.me.username}` }), reply(ctx));
  }
});

import { Composer, InputFile } from 'grammy';
import type { Message } from 'grammy/types';
import type { BotContext } from '#root/context.js';
import { names } from '#root/domain/commands.js';
import { validateForm } from '#root/domain/forms.js';
import { targetUnits } from '#root/domain/meetings.js';
import {
  COMMENT_MAX,
  PROPOSAL_FIELDS,
  findSection,
  isOpen,
  matchesFilter,
  parseCommentArgs,
  parseCommentFilter,
  parseResponseKind,
  type CommentFilter,
  type CommentRecord,
  type Proposal,
} from '#root/domain/proposals.js';
import { canManageUnit, isConcerned, normaliseUnitCode } from '#root/domain/roles.js';
import { buildReport, REPORT_FORMATS, type ReportFormat } from '#root/reports.js';
import { describeProblems, fieldContext, formCommand } from '#root/telegram/forms.js';
import { args, localeOf, refuse, reply, replyPrivately, requireCouncil, requireRole, viewOf } from '#root/telegram/reply.js';
import { escapeHtml } from '#root/telegram/text.js';
import { createWizards } from '#root/telegram/wizard.js';
import { when } from '#root/views/meetings.js';
import * as view from '#root/views/proposals.js';
import { announceCall, notifyAuthor, scheduleNudges } from '#jobs/proposals.js';

export const proposals = new Composer<BotContext>();

async function findProposal(ctx: BotContext, raw: string | undefined): Promise<Proposal | undefined> {
  const p = raw ? await ctx.svc.store.proposals.get(raw) : undefined;
  if (!p) await refuse(ctx, raw ? 'proposal-unknown' : 'proposal-code-missing', { code: escapeHtml(raw ?? '') });
  return p;
}

function concerns(ctx: BotContext, p: Proposal, allCodes: string[]): boolean {
  return isConcerned(ctx.actor, targetUnits(p, allCodes));
}

async function createProposal(ctx: BotContext, raw: Map<string, string>): Promise<void> {
  const res = validateForm(raw, PROPOSAL_FIELDS, await fieldContext(ctx));
  if (!res.ok) return void (await ctx.say(`${describeProblems(ctx, 'proposal', res.problems)}\n\n${ctx.t('proposal-form-help')}`, reply(ctx)));
  const v = res.values;
  const p: Proposal = {
    v: 1,
    code: v.code as string,
    title: v.title as string,
    summary: v.summary as string | undefined,
    link: v.link as string | undefined,
    sections: (v.sections as string[] | undefined) ?? [],
    deadline: v.deadline as number,
    units: (v.units as string[] | 'all' | undefined) ?? 'all',
    version: 1,
    createdBy: ctx.actor.userId,
    createdAt: Date.now(),
  };
  if (!(await ctx.svc.store.proposals.create(p))) return refuse(ctx, 'form-code-taken', { code: p.code });
  const groups = await announceCall(ctx.svc, p);
  await scheduleNudges(ctx.svc, p);
  ctx.log.info({ proposal: p.code }, 'proposal created');
  await ctx.reply(ctx.t('proposal-created', { code: p.code, when: when(await viewOf(ctx), p.deadline), groups }), reply(ctx));
}

const wizards = createWizards([{ name: 'proposal', action: 'proposal.create', fields: PROPOSAL_FIELDS, fieldContext, submit: createProposal }]);

proposals.command(names('newproposal'), async (ctx) => {
  if (!(await requireCouncil(ctx))) return;
  await formCommand(ctx, {
    name: 'proposal',
    fields: PROPOSAL_FIELDS,
    helpKey: 'proposal-form-help',
    guided: () => wizards.start(ctx, 'proposal'),
    submit: (raw) => createProposal(ctx, raw),
  });
});

proposals.command(names('proposals'), async (ctx) => {
  if (!(await requireRole(ctx, 'delegate'))) return;
  const codes = await ctx.svc.store.units.codes();
  const list = (await ctx.svc.store.proposals.list()).filter((p) => concerns(ctx, p, codes)).reverse();
  if (list.length === 0) return refuse(ctx, 'proposals-empty');
  const v = await viewOf(ctx);
  const now = Date.now();
  const lines = [ctx.t('proposals-title')];
  for (const p of list) {
    const counts = await ctx.svc.store.proposals.counts(p.code);
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
  if (!(await requireRole(ctx, 'delegate'))) return;
  const p = await findProposal(ctx, args(ctx)[0]);
  if (!p) return;
  const codes = await ctx.svc.store.units.codes();
  if (!concerns(ctx, p, codes)) return refuse(ctx, 'proposal-unknown', { code: p.code });
  const v = await viewOf(ctx);
  const [counts, agreed] = await Promise.all([ctx.svc.store.proposals.counts(p.code), ctx.svc.store.proposals.agreed(p.code)]);
  const lines = [view.callForComments(v, p), '', ctx.t('proposal-state', { left: view.countdown(v, p, Date.now()) })];
  lines.push(...view.countsBlock(v, p, counts, [...agreed.keys()].sort(), targetUnits(p, codes)));
  const sent = await ctx.say(lines.join('\n'), reply(ctx));
  // In private chat this answer is a call for comments too: replying to any of its parts comments.
  if (ctx.chat.type === 'private') for (const part of sent) await ctx.svc.store.proposals.setCall(p.code, part.chat.id, part.message_id);
});

// --- comments ------------------------------------------------------------------------------

interface Incoming {
  code?: string | undefined;
  section?: string | undefined;
  text: string;
  unknownCode?: string | undefined;
  attachment?: CommentRecord['attachment'];
}

function attachmentOf(msg: Message): CommentRecord['attachment'] {
  if (msg.document) return { kind: 'document', fileId: msg.document.file_id, fileName: msg.document.file_name };
  if (msg.photo?.length) return { kind: 'photo', fileId: msg.photo.at(-1)!.file_id };
  return undefined;
}

/** The one path for /comment, captions and replies: every check, then one atomic write. */
async function recordComment(ctx: BotContext, input: Incoming): Promise<void> {
  const { store, config } = ctx.svc;
  const msg = ctx.msg!;
  if (ctx.actor.role === 'guest' || !ctx.actor.unit) return refuse(ctx, 'comment-not-member');
  // A repeated delivery of the same message: answer as before, record nothing.
  const existing = await store.proposals.commentIdOfSource(msg.chat.id, msg.message_id);
  if (existing) return;
  if (input.unknownCode) return refuse(ctx, 'proposal-unknown', { code: escapeHtml(input.unknownCode) });
  const codes = await store.units.codes();
  const now = Date.now();
  let p: Proposal | undefined;
  if (input.code) {
    p = await store.proposals.get(input.code);
    if (!p) return refuse(ctx, 'proposal-unknown', { code: escapeHtml(input.code) });
  } else {
    const open = (await store.proposals.list()).filter((x) => isOpen(x, now) && targetUnits(x, codes).includes(ctx.actor.unit!));
    if (open.length === 0) return refuse(ctx, 'comment-no-open');
    if (open.length > 1) return refuse(ctx, 'comment-which', { codes: open.map((x) => x.code).join(', ') });
    p = open[0]!;
  }
  if (!targetUnits(p, codes).includes(ctx.actor.unit)) return refuse(ctx, 'comment-unit-not-targeted', { code: p.code, unit: ctx.actor.unit });
  const v = await viewOf(ctx);
  if (!isOpen(p, now)) return refuse(ctx, 'comment-closed', { code: p.code, when: when(v, p.deadline) });
  let section: string | undefined;
  if (input.section) {
    section = findSection(p, input.section);
    if (!section) {
      return p.sections.length
        ? refuse(ctx, 'comment-bad-section', { code: p.code, section: escapeHtml(input.section), sections: escapeHtml(p.sections.join(', ')) })
        : refuse(ctx, 'comment-no-sections', { code: p.code });
    }
  }
  const text = input.text.trim();
  if (!text && !input.attachment) return refuse(ctx, p.sections.length ? 'comment-empty' : 'comment-empty-nosections', { code: p.code });
  if (text.length > COMMENT_MAX) return refuse(ctx, 'comment-too-long', { max: COMMENT_MAX, length: text.length });
  const { id, created } = await store.proposals.addComment({
    proposal: p.code,
    section,
    text,
    author: ctx.actor.userId,
    authorName: ctx.member?.name ?? ctx.from?.first_name ?? String(ctx.actor.userId),
    unit: ctx.actor.unit,
    createdAt: now,
    status: 'active',
    history: [],
    attachment: input.attachment,
    source: { chatId: msg.chat.id, messageId: msg.message_id },
  });
  if (!created) return;
  ctx.log.info({ comment: id, proposal: p.code }, 'comment recorded');
  const key = section ? 'comment-recorded-section' : 'comment-recorded';
  await ctx.reply(ctx.t(key, { id, code: p.code, section: escapeHtml(section ?? '') }), {
    reply_parameters: { message_id: msg.message_id, allow_sending_without_reply: true },
  });
}

proposals.command(names('comment'), async (ctx) => {
  const codes = new Set(await ctx.svc.store.proposals.codes());
  await recordComment(ctx, { ...parseCommentArgs(typeof ctx.match === 'string' ? ctx.match : '', codes), attachment: attachmentOf(ctx.msg) });
});

// A document or photo whose caption is the command: grammY's command filter reads only texts.
proposals.on(['message:document', 'message:photo'], async (ctx, next) => {
  const m = /^\/(comment|gopy)(?:@(\w+))?(?:\s+([\s\S]*))?$/i.exec(ctx.msg.caption ?? '');
  if (!m || (m[2] && m[2].toLowerCase() !== ctx.me.username.toLowerCase())) return next();
  const codes = new Set(await ctx.svc.store.proposals.codes());
  await recordComment(ctx, { ...parseCommentArgs(m[3] ?? '', codes), attachment: attachmentOf(ctx.msg) });
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
  await recordComment(ctx, {
    code,
    ...(sec ? { section: sec[1] } : {}),
    text: sec ? text.slice(sec[0].length) : text,
    attachment: attachmentOf(ctx.msg),
  });
});

proposals.command(names('agree'), async (ctx) => {
  if (ctx.actor.role === 'guest' || !ctx.actor.unit) return refuse(ctx, 'comment-not-member');
  const p = await findProposal(ctx, args(ctx)[0]);
  if (!p) return;
  const codes = await ctx.svc.store.units.codes();
  if (!targetUnits(p, codes).includes(ctx.actor.unit)) return refuse(ctx, 'comment-unit-not-targeted', { code: p.code, unit: ctx.actor.unit });
  if (!isOpen(p, Date.now())) return refuse(ctx, 'comment-closed', { code: p.code, when: when(await viewOf(ctx), p.deadline) });
  const first = await ctx.svc.store.proposals.agree(p.code, ctx.actor.unit, ctx.actor.userId);
  ctx.log.info({ proposal: p.code, unit: ctx.actor.unit, first }, 'unit agreed');
  await ctx.reply(ctx.t(first ? 'agree-done' : 'agree-already', { code: p.code, unit: ctx.actor.unit }), reply(ctx));
});

proposals.command(names('mycomments'), async (ctx) => {
  if (!(await requireRole(ctx, 'delegate'))) return;
  const code = args(ctx)[0]?.toUpperCase();
  const mine = (await ctx.svc.store.proposals.commentsOfUser(ctx.actor.userId)).filter((c) => !code || c.proposal === code);
  if (mine.length === 0) return refuse(ctx, 'mycomments-empty');
  const v = await viewOf(ctx);
  await replyPrivately(ctx, [ctx.t('mycomments-title', { count: mine.length }), ...mine.map((c) => view.commentBlock(v, c, false))].join('\n\n'));
});

/** Own comment, active, no response yet, window open: the rules for editing and withdrawing. */
async function ownEditable(ctx: BotContext, raw: string | undefined): Promise<{ c: CommentRecord; p: Proposal } | undefined> {
  const c = raw && /^C\d{1,9}$/i.test(raw) ? await ctx.svc.store.proposals.comment(raw) : undefined;
  if (!c || c.author !== ctx.actor.userId) {
    await refuse(ctx, raw ? 'comment-unknown' : 'comment-id-missing', { id: escapeHtml(raw ?? '') });
    return undefined;
  }
  const p = (await ctx.svc.store.proposals.get(c.proposal))!;
  if (c.status === 'withdrawn') return void (await refuse(ctx, 'comment-is-withdrawn', { id: c.id }));
  if (c.response) return void (await refuse(ctx, 'comment-has-response', { id: c.id }));
  if (!isOpen(p, Date.now())) return void (await refuse(ctx, 'comment-closed', { code: p.code, when: when(await viewOf(ctx), p.deadline) }));
  return { c, p };
}

proposals.command(names('editcomment'), async (ctx) => {
  const m = /^\s*(\S+)\s*([\s\S]*)$/.exec(typeof ctx.match === 'string' ? ctx.match : '');
  const found = await ownEditable(ctx, m?.[1]);
  if (!found) return;
  const text = (m?.[2] ?? '').trim();
  if (!text) return refuse(ctx, 'editcomment-usage', { id: found.c.id });
  if (text.length > COMMENT_MAX) return refuse(ctx, 'comment-too-long', { max: COMMENT_MAX, length: text.length });
  await ctx.svc.store.proposals.editComment(found.c, text);
  ctx.log.info({ comment: found.c.id }, 'comment edited');
  await ctx.reply(ctx.t('editcomment-done', { id: found.c.id }), reply(ctx));
});

proposals.command(names('withdraw'), async (ctx) => {
  const found = await ownEditable(ctx, args(ctx)[0]);
  if (!found) return;
  await ctx.svc.store.proposals.withdrawComment(found.c);
  ctx.log.info({ comment: found.c.id }, 'comment withdrawn');
  await ctx.reply(ctx.t('withdraw-done', { id: found.c.id }), reply(ctx));
});

// /comments CODE [#SECTION] [UNIT] [status]: the secretaries' view, with names: privately.
proposals.command(names('comments'), async (ctx) => {
  if (!(await requireRole(ctx, 'secretary'))) return;
  const [codeWord, ...rest] = args(ctx);
  const p = await findProposal(ctx, codeWord);
  if (!p) return;
  let section: string | undefined;
  let unit: string | undefined;
  let filter: CommentFilter | undefined;
  const unitCodes = new Set(await ctx.svc.store.units.codes());
  for (const w of rest) {
    if (w.startsWith('#')) {
      section = findSection(p, w);
      if (!section) return refuse(ctx, 'comment-bad-section', { code: p.code, section: escapeHtml(w.slice(1)), sections: escapeHtml(p.sections.join(', ') || '—') });
    } else if (parseCommentFilter(w)) filter = parseCommentFilter(w);
    else if (unitCodes.has(normaliseUnitCode(w) ?? '')) unit = normaliseUnitCode(w);
    else return refuse(ctx, 'comments-usage');
  }
  if (!ctx.actor.councilWide) {
    if (unit && !canManageUnit(ctx.actor, unit)) return refuse(ctx, 'unit-not-yours', { unit });
    unit = ctx.actor.unit;
  }
  const list = (await ctx.svc.store.proposals.comments(p.code)).filter(
    (c) => (!section || c.section === section) && (!unit || c.unit === unit) && matchesFilter(c, filter),
  );
  if (list.length === 0) return replyPrivately(ctx, ctx.t('comments-empty', { code: p.code }));
  const v = await viewOf(ctx);
  await replyPrivately(ctx, [ctx.t('comments-title', { code: p.code, count: list.length }), ...list.map((c) => view.commentBlock(v, c, true))].join('\n\n'));
});

// /respond C<n> accept|partial|explain text: the drafting team's answer; the author is told.
proposals.command(names('respond'), async (ctx) => {
  if (!(await requireCouncil(ctx))) return;
  const m = /^\s*(\S+)\s+(\S+)\s*([\s\S]*)$/.exec(typeof ctx.match === 'string' ? ctx.match : '');
  const kind = parseResponseKind(m?.[2]);
  const text = (m?.[3] ?? '').trim();
  if (!m || !kind || !text) return refuse(ctx, 'respond-usage');
  if (text.length > COMMENT_MAX) return refuse(ctx, 'comment-too-long', { max: COMMENT_MAX, length: text.length });
  const c = /^C\d{1,9}$/i.test(m[1]!) ? await ctx.svc.store.proposals.comment(m[1]!) : undefined;
  if (!c) return refuse(ctx, 'respond-unknown', { id: escapeHtml(m[1]!) });
  if (c.status === 'withdrawn') return refuse(ctx, 'comment-is-withdrawn', { id: c.id });
  const next = await ctx.svc.store.proposals.respond(c, kind, text, { id: ctx.actor.userId, name: ctx.member?.name ?? ctx.from?.first_name ?? '' });
  await notifyAuthor(ctx.svc, next);
  ctx.log.info({ comment: c.id, kind }, 'response recorded');
  await ctx.reply(ctx.t('respond-done', { id: c.id, kind: ctx.t(`response-kind-${kind}`) }), reply(ctx));
});

// /report CODE [docx|csv|md]: the báo cáo tiếp thu, giải trình, sent privately.
proposals.command(names('report'), async (ctx) => {
  if (!(await requireCouncil(ctx))) return;
  const [codeWord, formatWord] = args(ctx);
  const p = await findProposal(ctx, codeWord);
  if (!p) return;
  const format = (formatWord?.toLowerCase() ?? 'docx') as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) return refuse(ctx, 'report-usage');
  const locale = await localeOf(ctx);
  const file = await buildReport(ctx.svc, p, format, locale);
  const doc = new InputFile(file.data, file.name);
  const caption = ctx.t('report-caption', { code: p.code, count: file.comments });
  if (ctx.chat.type === 'private') return void (await ctx.replyWithDocument(doc, { caption }));
  try {
    await ctx.api.sendDocument(ctx.actor.userId, doc, { caption });
    await ctx.reply(ctx.t('sent-privately'), reply(ctx));
  } catch {
    await ctx.reply(ctx.t('open-private-first', { link: `https://t.me/${ctx.me.username}` }), reply(ctx));
  }
});


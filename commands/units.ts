import { Composer, InlineKeyboard } from 'grammy';
import type { Document } from 'grammy/types';
import type { BotContext } from '#root/context.js';
import { inviteAll } from '#root/actions/invites.js';
import { listMembers } from '#root/actions/setup.js';
import type { ActionDeps } from '#root/actions/types.js';
import { askNewTerm, cancelNewTerm, confirmNewTerm, importUnits, unitsOverview, UNITS_FILE_MAX_BYTES } from '#root/actions/units.js';
import { names } from '#root/domain/commands.js';
import type { MemberRole } from '#root/domain/roles.js';
import { formatDateTime } from '#root/domain/time.js';
import { showTerm } from '#root/domain/units.js';
import type { Refusal } from '#root/policy.js';
import { documentsPrivately, documentText } from '#root/telegram/files.js';
import { args, localeOf, refuse, reply, replyPrivately } from '#root/telegram/reply.js';
import {
  importReport,
  invitesCsv,
  invitesDocx,
  invitesFileName,
  membersCsv,
  membersPage,
  MEMBERS_PAGES_MAX,
  MEMBERS_PER_PAGE,
  roleCounts,
  unitsPage,
  type View,
} from '#root/views/units.js';

/**
 * The units' commands at the scale of a city: /units and /members in pages (or a file), a
 * units file loaded with /importunits, every unit's invite with /inviteall, and a new term
 * with /newterm. Parse, call the action, render.
 */
export const units = new Composer<BotContext>();

const deps = (ctx: BotContext): ActionDeps => ctx.svc;
const refused = (ctx: BotContext, r: Refusal) => refuse(ctx, r.code, r.vars);
const alert = (ctx: BotContext, r: Refusal) => ctx.answerCallbackQuery({ text: ctx.t(r.code, r.vars), show_alert: true });
const view = async (ctx: BotContext): Promise<View> => ({ t: ctx.svc.t, locale: await localeOf(ctx), tz: ctx.svc.config.COUNCIL_TIMEZONE });

const ROLE_WORDS: Record<string, MemberRole> = { delegate: 'delegate', daibieu: 'delegate', dai_bieu: 'delegate', secretary: 'secretary', thuky: 'secretary', thu_ky: 'secretary' };

/** « Trước · Sau » under a page; `data(n)` is the press for page n. */
function pager(ctx: BotContext, page: number, pages: number, data: (n: number) => string): InlineKeyboard | undefined {
  if (pages <= 1) return undefined;
  const kb = new InlineKeyboard();
  if (page > 1) kb.text(ctx.t('button-page-prev'), data(page - 1));
  if (page < pages) kb.text(ctx.t('button-page-next'), data(page + 1));
  return kb;
}

// ---- /units [page] ------------------------------------------------------------------------

async function unitsText(ctx: BotContext, page: number): Promise<{ text: string; markup?: InlineKeyboard | undefined } | Refusal> {
  const r = await unitsOverview(deps(ctx), ctx.actor);
  if (!r.ok) return r.refusal;
  const p = unitsPage(await view(ctx), r.value, page);
  return { text: p.text, markup: pager(ctx, p.page, p.pages, (n) => `units:pg:${n}`) };
}

units.command(names('units'), async (ctx) => {
  const [pageWord] = args(ctx);
  const page = pageWord === undefined ? 1 : Number(pageWord);
  if (!Number.isInteger(page) || page < 1) return refuse(ctx, 'units-usage');
  const r = await unitsText(ctx, page);
  if ('code' in r) return refused(ctx, r);
  await ctx.say(r.text, { ...reply(ctx), ...(r.markup ? { reply_markup: r.markup } : {}) });
});

units.callbackQuery(/^units:pg:(\d{1,4})$/, async (ctx) => {
  const r = await unitsText(ctx, Number(ctx.match[1]));
  if ('code' in r) return alert(ctx, r);
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(r.text, r.markup ? { reply_markup: r.markup } : {}).catch(() => undefined);
});

// ---- /members [UNIT] [page] ---------------------------------------------------------------

async function membersText(ctx: BotContext, unit: string | undefined, page: number) {
  const r = await listMembers(deps(ctx), ctx.actor, { unit });
  if (!r.ok) return r;
  const scope = r.value.scope ?? ctx.t('members-all');
  return { ok: true as const, scope: r.value.scope, label: scope, members: r.value.members, page: membersPage(await view(ctx), scope, r.value.members, page) };
}

units.command(names('members'), async (ctx) => {
  const words = args(ctx);
  const last = words.at(-1);
  const page = last !== undefined && /^\d{1,4}$/.test(last) ? Number(words.pop()) : 1;
  const [unit, ...extra] = words;
  if (extra.length || page < 1) return refuse(ctx, 'members-usage');
  const r = await membersText(ctx, unit, page);
  if (!r.ok) return refused(ctx, r.refusal);
  if (r.members.length === 0) return replyPrivately(ctx, ctx.t('members-empty', { scope: r.label }));
  // A roster of hundreds is a file, not dozens of pages.
  if (r.members.length > MEMBERS_PER_PAGE * MEMBERS_PAGES_MAX) {
    const v = await view(ctx);
    const unitNames = new Map((await ctx.svc.store.units.list()).map((u) => [u.code, u.name]));
    const counts = roleCounts(r.members);
    const name = `${ctx.t('members-file-name')}-${r.scope ?? 'all'}.csv`;
    await documentsPrivately(ctx, [{ data: membersCsv(v, r.members, unitNames), name }], ctx.t('members-file-caption', { scope: r.label, count: r.members.length, secretaries: counts.secretary, delegates: counts.delegate }));
    return;
  }
  const markup = pager(ctx, r.page.page, r.page.pages, (n) => `mem:pg:${r.scope ?? '*'}:${n}`);
  await replyPrivately(ctx, r.page.text, markup ? { reply_markup: markup } : undefined);
});

units.callbackQuery(/^mem:pg:([A-Z0-9]{1,10}|\*):(\d{1,4})$/, async (ctx) => {
  // Rosters carry names: their pages turn only in a private chat.
  if (ctx.callbackQuery.message?.chat.type !== 'private') return ctx.answerCallbackQuery({ text: ctx.t('button-stale'), show_alert: true });
  const scope = ctx.match[1] === '*' ? undefined : ctx.match[1];
  const r = await membersText(ctx, scope, Number(ctx.match[2]));
  if (!r.ok) return alert(ctx, r.refusal);
  // Pressed as someone for whom the scope is everything: a unit code was asked, not given.
  if (scope === undefined && r.scope !== undefined) return alert(ctx, { code: 'button-stale' });
  await ctx.answerCallbackQuery();
  const markup = pager(ctx, r.page.page, r.page.pages, (n) => `mem:pg:${r.scope ?? '*'}:${n}`);
  await ctx.editMessageText(r.page.text, markup ? { reply_markup: markup } : {}).catch(() => undefined);
});

// ---- /importunits (a CSV file) ------------------------------------------------------------

async function importFrom(ctx: BotContext, doc: Document): Promise<void> {
  const file = await documentText(ctx, doc, UNITS_FILE_MAX_BYTES);
  if ('problem' in file) return file.problem === 'too-big' ? refuse(ctx, 'importunits-too-big', { max: UNITS_FILE_MAX_BYTES / 1000 }) : refuse(ctx, 'importunits-not-text');
  const r = await importUnits(deps(ctx), ctx.actor, { text: file.text });
  if (!r.ok) return refused(ctx, r.refusal);
  await ctx.say(importReport(await view(ctx), r.value), reply(ctx));
}

// The command with the file: as the document's caption (grammY's command filter reads only texts).
units.on('message:document', async (ctx, next) => {
  const m = /^\/(importunits|nhapdonvi)(?:@(\w+))?\s*$/i.exec(ctx.msg.caption ?? '');
  if (!m || (m[2] && m[2].toLowerCase() !== ctx.me.username.toLowerCase())) return next();
  await importFrom(ctx, ctx.msg.document);
});

// The command alone: in reply to the file, or else how to send one.
units.command(names('importunits'), async (ctx) => {
  const doc = ctx.msg.reply_to_message?.document;
  if (!doc) return refuse(ctx, 'importunits-usage');
  await importFrom(ctx, doc);
});

// ---- /inviteall delegate|secretary [uses] [days] ------------------------------------------

units.command(names('inviteall'), async (ctx) => {
  const [roleWord, usesWord, daysWord, ...rest] = args(ctx);
  if (rest.length) return refuse(ctx, 'inviteall-usage');
  const r = await inviteAll(deps(ctx), ctx.actor, {
    role: roleWord ? ROLE_WORDS[roleWord.toLowerCase()] : undefined,
    uses: usesWord === undefined ? undefined : Number(usesWord),
    days: daysWord === undefined ? ctx.svc.config.INVITE_DEFAULT_DAYS : Number(daysWord),
  });
  if (!r.ok) return refused(ctx, r.refusal);
  const { role, uses, days, invites, refused: notMade } = r.value;
  const v = await view(ctx);
  const now = new Date();
  const input = { council: ctx.svc.config.COUNCIL_NAME, role, uses, invites, now, link: (token: string) => `https://t.me/${ctx.me.username}?start=${token}` };
  const files = [
    { data: invitesCsv(v, input), name: invitesFileName(v, role, now, 'csv') },
    { data: await invitesDocx(v, input), name: invitesFileName(v, role, now, 'docx') },
  ];
  const expires = formatDateTime(new Date(invites[0]!.expiresAt), v.locale, v.tz);
  const lines = [ctx.t('inviteall-done', { count: invites.length, role: ctx.t(`role-${role}`), uses, days, expires })];
  if (notMade.length) lines.push(ctx.t('inviteall-refused', { count: notMade.length, list: notMade.map((x) => x.unit).join(', ') }));
  await documentsPrivately(ctx, files, lines.join('\n'));
});

// ---- /newterm 2026-2031 -------------------------------------------------------------------

units.command(names('newterm'), async (ctx) => {
  const r = await askNewTerm(deps(ctx), ctx.actor, { term: args(ctx).join('') || undefined });
  if (!r.ok) return refused(ctx, r.refusal);
  const p = r.value;
  const text = [
    ctx.t('newterm-preview', { term: showTerm(p.name), current: p.current ? showTerm(p.current) : ctx.t('newterm-no-current') }),
    p.secretaries + p.delegates > 0 ? ctx.t('newterm-preview-members', { secretaries: p.secretaries, delegates: p.delegates, units: p.units }) : ctx.t('newterm-preview-nobody'),
    ...(p.invites > 0 ? [ctx.t('newterm-preview-invites', { invites: p.invites })] : []),
    ctx.t('newterm-preview-keep'),
  ].join('\n');
  const buttons = new InlineKeyboard().text(ctx.t('button-confirm'), `term:ok:${p.name}`).text(ctx.t('button-cancel'), `term:no:${p.name}`);
  await ctx.reply(text, { reply_markup: buttons });
});

units.callbackQuery(/^term:(ok|no):(\d{4}-\d{4})$/, async (ctx) => {
  const [, choice, term] = ctx.match;
  if (choice === 'no') {
    const r = await cancelNewTerm(deps(ctx), ctx.actor, { term: term! });
    if (!r.ok) return alert(ctx, r.refusal);
    await ctx.answerCallbackQuery();
    return void (await ctx.editMessageText(ctx.t('newterm-cancelled', { term: showTerm(term!) })).catch(() => undefined));
  }
  const r = await confirmNewTerm(deps(ctx), ctx.actor, { term: term!, key: String(ctx.update.update_id) });
  if (!r.ok) return alert(ctx, r.refusal);
  await ctx.answerCallbackQuery();
  const s = r.value;
  const done = [ctx.t('newterm-done', { term: showTerm(s.name) })];
  if (s.secretaries + s.delegates > 0) done.push(ctx.t('newterm-done-members', { secretaries: s.secretaries, delegates: s.delegates }));
  if (s.invites.length > 0) done.push(ctx.t('newterm-done-invites', { invites: s.invites.length }));
  const text = `${done.join(' ')}\n${ctx.t('newterm-done-next')}`;
  await ctx.editMessageText(text).catch(() => ctx.reply(text));
});

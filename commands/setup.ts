import { Composer, InlineKeyboard } from 'grammy';
import { fullName } from '#root/bot.js';
import type { BotContext } from '#root/context.js';
import { confirmInvite, createInvite, declineInvite, listInvites, revokeInvite, revokeUnitInvites, useInvite, type JoinOutcome } from '#root/actions/invites.js';
import { addUnit, linkGroup, removeMember, unlinkGroup, whoami } from '#root/actions/setup.js';
import type { ActionDeps } from '#root/actions/types.js';
import { names } from '#root/domain/commands.js';
import { normaliseUnitCode, type MemberRole } from '#root/domain/roles.js';
import { formatDateTime } from '#root/domain/time.js';
import type { Refusal } from '#root/policy.js';
import { isInviteCode } from '#root/store/invites.js';
import { escapeHtml } from '#root/telegram/text.js';
import { args, localeOf, refuse, reply, replyPrivately } from '#root/telegram/reply.js';

export const setup = new Composer<BotContext>();

const ROLE_WORDS: Record<string, MemberRole> = {
  delegate: 'delegate',
  daibieu: 'delegate',
  dai_bieu: 'delegate',
  secretary: 'secretary',
  thuky: 'secretary',
  thu_ky: 'secretary',
};

const deps = (ctx: BotContext): ActionDeps => ctx.svc;
const refused = (ctx: BotContext, r: Refusal) => refuse(ctx, r.code, r.vars);
const profile = (ctx: BotContext) => ({ name: fullName(ctx.from!), ...(ctx.from!.username ? { username: ctx.from!.username } : {}) });
const when = async (ctx: BotContext, ms: number) => formatDateTime(new Date(ms), await localeOf(ctx), ctx.svc.config.COUNCIL_TIMEZONE);

/** What joining through an invite says: joined, a question (Confirm / Cancel), or nothing to change. */
async function sayJoined(ctx: BotContext, j: JoinOutcome, edit = false): Promise<void> {
  const unit = { unit: j.unit, unitName: escapeHtml(j.unitName) };
  if (j.kind === 'confirm') {
    const text = ctx.t('invite-confirm', { currentRole: ctx.t(`role-${j.current.role}`), currentUnit: j.current.unit, role: ctx.t(`role-${j.role}`), ...unit });
    const buttons = new InlineKeyboard().text(ctx.t('button-confirm'), `inv:ok:${j.code}`).text(ctx.t('button-cancel'), `inv:no:${j.code}`);
    return void (await ctx.reply(text, { reply_markup: buttons }));
  }
  const text = ctx.t(j.kind === 'joined' ? 'invite-joined' : 'invite-unchanged', { role: ctx.t(`role-${j.role}`), ...unit });
  if (edit) await ctx.editMessageText(text).catch(() => ctx.reply(text));
  else await ctx.reply(text);
}

// /start [token]: welcome, or join through an invite link.
setup.chatType('private').command('start', async (ctx) => {
  const token = ctx.match.trim();
  if (!token) {
    const me = await whoami(deps(ctx), ctx.actor);
    if (!me.ok) return refused(ctx, me.refusal);
    const { registered, role, unit } = me.value;
    return ctx.reply(ctx.t(registered ? 'start-member' : 'start-guest', { name: escapeHtml(ctx.from.first_name), role: ctx.t(`role-${role}`), unit: unit?.code ?? '' }));
  }
  const r = await useInvite(deps(ctx), ctx.actor, { token, profile: profile(ctx), key: String(ctx.update.update_id) });
  if (!r.ok) return refused(ctx, r.refusal);
  await sayJoined(ctx, r.value);
});

// Confirm / Cancel under the question an invite asked: the action checks everything again.
setup.callbackQuery(/^inv:(ok|no):(I\d{1,15})$/, async (ctx) => {
  const [, choice, code] = ctx.match;
  if (choice === 'no') {
    const r = await declineInvite(deps(ctx), ctx.actor, { code: code! });
    if (!r.ok) return ctx.answerCallbackQuery({ text: ctx.t(r.refusal.code, r.refusal.vars), show_alert: true });
    await ctx.answerCallbackQuery();
    const c = r.value.current;
    const text = c ? ctx.t('invite-confirm-cancelled', { role: ctx.t(`role-${c.role}`), unit: c.unit }) : ctx.t('invite-confirm-cancelled-plain');
    return void (await ctx.editMessageText(text).catch(() => ctx.reply(text)));
  }
  const r = await confirmInvite(deps(ctx), ctx.actor, { code: code!, profile: profile(ctx), key: String(ctx.update.update_id) });
  if (!r.ok) return ctx.answerCallbackQuery({ text: ctx.t(r.refusal.code, r.refusal.vars), show_alert: true });
  await ctx.answerCallbackQuery();
  await sayJoined(ctx, r.value, true);
});

// /addunit CODE name…
setup.command(names('addunit'), async (ctx) => {
  const [code, ...rest] = args(ctx);
  const r = await addUnit(deps(ctx), ctx.actor, { code, name: rest.join(' ') });
  if (!r.ok) return refused(ctx, r.refusal);
  const { created, code: unit, name } = r.value;
  await ctx.reply(ctx.t(created ? 'addunit-created' : 'addunit-renamed', { unit, unitName: escapeHtml(name) }), reply(ctx));
});

// /invite delegate|secretary UNIT [uses] [days]: a one-time deep link, sent privately.
setup.command(names('invite'), async (ctx) => {
  const [roleWord, unit, usesWord, daysWord] = args(ctx);
  const r = await createInvite(deps(ctx), ctx.actor, {
    role: roleWord ? ROLE_WORDS[roleWord.toLowerCase()] : undefined,
    unit,
    uses: usesWord === undefined ? 1 : Number(usesWord),
    days: daysWord === undefined ? ctx.svc.config.INVITE_DEFAULT_DAYS : Number(daysWord),
  });
  if (!r.ok) return refused(ctx, r.refusal);
  const inv = r.value;
  const text = ctx.t('invite-link', {
    role: ctx.t(`role-${inv.role}`),
    unit: inv.unit,
    unitName: escapeHtml(inv.unitName),
    uses: inv.uses,
    expires: await when(ctx, inv.expiresAt),
    link: `https://t.me/${ctx.me.username}?start=${inv.token}`,
    code: inv.code,
  });
  // The same invite works on Zalo: the person sends its token to the Zalo account.
  await replyPrivately(ctx, ctx.svc.config.ZALO_BOT_TOKEN ? `${text}\n${ctx.t('invite-link-zalo', { token: inv.token })}` : text);
});

// /invites [UNIT]: the invites that can still admit someone, sent privately.
setup.command(names('invites'), async (ctx) => {
  const [unit] = args(ctx);
  const r = await listInvites(deps(ctx), ctx.actor, { unit });
  if (!r.ok) return refused(ctx, r.refusal);
  const scope = r.value.scope ?? ctx.t('members-all');
  if (r.value.invites.length === 0) return replyPrivately(ctx, ctx.t('invites-empty', { scope }));
  const lines = [];
  for (const i of r.value.invites) {
    lines.push(
      ctx.t('invites-line', { code: i.code, role: ctx.t(`role-${i.role}`), unit: i.unit, left: i.usesLeft, uses: i.uses, expires: await when(ctx, i.expiresAt), creator: escapeHtml(i.creator.name) }),
    );
  }
  await replyPrivately(ctx, [ctx.t('invites-title', { scope, count: lines.length }), ...lines].join('\n'));
});

// /revokeinvite CODE, or /revokeinvite UNIT: every live invite of the unit the person may revoke.
setup.command(names('revokeinvite'), async (ctx) => {
  const [code] = args(ctx);
  if (code && !isInviteCode(code.toUpperCase()) && normaliseUnitCode(code)) {
    const u = await revokeUnitInvites(deps(ctx), ctx.actor, { unit: code });
    if (!u.ok) return refused(ctx, u.refusal);
    const { unit, revoked, kept } = u.value;
    const lines = [ctx.t(revoked.length ? 'revokeinvite-unit-done' : 'revokeinvite-unit-none', { unit, count: revoked.length, codes: revoked.join(', ') })];
    if (kept) lines.push(ctx.t('revokeinvite-unit-kept', { count: kept }));
    return void (await ctx.reply(lines.join('\n'), reply(ctx)));
  }
  const r = await revokeInvite(deps(ctx), ctx.actor, { code });
  if (!r.ok) return refused(ctx, r.refusal);
  await ctx.reply(ctx.t('revokeinvite-done', { code: r.value.code, role: ctx.t(`role-${r.value.role}`), unit: r.value.unit }), reply(ctx));
});

// /linkgroup UNIT: in a group, makes it the unit's standing-committee group.
setup.command(names('linkgroup'), async (ctx) => {
  if (ctx.chat.type === 'private' || ctx.chat.type === 'channel') return refuse(ctx, 'group-only');
  const [unit] = args(ctx);
  const r = await linkGroup(deps(ctx), ctx.actor, { chat: { id: ctx.chat.id, title: ctx.chat.title }, unit });
  if (!r.ok) return refused(ctx, r.refusal);
  let text = ctx.t('linkgroup-done', { unit: r.value.unit, unitName: escapeHtml(r.value.unitName) });
  if (r.value.replaced) text += '\n' + ctx.t('linkgroup-replaced', { title: escapeHtml(r.value.replaced.title) });
  await ctx.reply(text, reply(ctx));
});

// /unlinkgroup: in a linked group.
setup.command(names('unlinkgroup'), async (ctx) => {
  if (ctx.chat.type === 'private' || ctx.chat.type === 'channel') return refuse(ctx, 'group-only');
  const r = await unlinkGroup(deps(ctx), ctx.actor, { chatId: ctx.chat.id });
  if (!r.ok) return refused(ctx, r.refusal);
  await ctx.reply(ctx.t('unlinkgroup-done', { unit: r.value.unit }), reply(ctx));
});

// /remove USER_ID: takes a member's role away, with their invites, drafts and pending form.
setup.command(names('remove'), async (ctx) => {
  const [id] = args(ctx);
  const r = await removeMember(deps(ctx), ctx.actor, { userId: id });
  if (!r.ok) return refused(ctx, r.refusal);
  const { member: m, invites, drafts, pending } = r.value;
  const lines = [ctx.t('remove-done', { name: escapeHtml(m.name), role: ctx.t(`role-${m.role}`), unit: m.unit })];
  if (invites.length) lines.push(ctx.t('remove-invites', { count: invites.length, codes: invites.join(', ') }));
  if (drafts.length) lines.push(ctx.t('remove-drafts', { count: drafts.length, ids: drafts.join(', ') }));
  if (pending) lines.push(ctx.t('remove-pending'));
  await ctx.reply(lines.join('\n'), reply(ctx));
});

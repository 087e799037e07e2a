import { Composer } from 'grammy';
import { fullName } from '#root/bot.js';
import type { BotContext } from '#root/context.js';
import { preferredLocale } from '#root/i18n.js';
import { names } from '#root/domain/commands.js';
import { canInvite, canManageUnit, normaliseUnitCode, type MemberRole } from '#root/domain/roles.js';
import { formatDateTime } from '#root/domain/time.js';
import { escapeHtml } from '#root/telegram/text.js';
import { args, localeOf, refuse, reply, replyPrivately, requireRole } from '#root/telegram/reply.js';
import { syncCommandMenus } from '#jobs/commands-menu.js';
import { syncSchedule } from '#jobs/summaries.js';

export const setup = new Composer<BotContext>();

const ROLE_WORDS: Record<string, MemberRole> = {
  delegate: 'delegate',
  daibieu: 'delegate',
  dai_bieu: 'delegate',
  secretary: 'secretary',
  thuky: 'secretary',
  thu_ky: 'secretary',
};

// /start [token]: welcome, or join through an invite link.
setup.chatType('private').command('start', async (ctx) => {
  const token = ctx.match.trim();
  if (!token) {
    const key = ctx.actor.role === 'guest' ? 'start-guest' : 'start-member';
    return ctx.reply(ctx.t(key, { name: escapeHtml(ctx.from.first_name), role: ctx.t(`role-${ctx.actor.role}`), unit: ctx.actor.unit ?? '' }));
  }
  const { store, outbox } = ctx.svc;
  const res = await store.invites.consume(token);
  if (!res.ok) return refuse(ctx, `invite-${res.reason}`);
  const { grant } = res;
  const unit = await store.units.get(grant.unit);
  await store.members.put({
    id: ctx.from.id,
    name: fullName(ctx.from),
    ...(ctx.from.username ? { username: ctx.from.username } : {}),
    role: grant.role,
    unit: grant.unit,
    joinedAt: Date.now(),
    invitedBy: grant.createdBy,
  });
  ctx.log.info({ role: grant.role, unit: grant.unit }, 'member joined by invite');
  await ctx.reply(
    ctx.t('invite-joined', { role: ctx.t(`role-${grant.role}`), unit: grant.unit, unitName: escapeHtml(unit?.name ?? grant.unit) }),
  );
  // The inviter hears about it through the outbox: it is not a reply to them.
  const inviterLang = preferredLocale(await store.members.prefs(grant.createdBy), ctx.svc.config.DEFAULT_LOCALE);
  await outbox.send({
    id: `joined_${ctx.update.update_id}`,
    chatId: grant.createdBy,
    kind: 'text',
    html: ctx.svc.t(inviterLang, 'invite-joined-notice', {
      name: escapeHtml(fullName(ctx.from)),
      role: ctx.svc.t(inviterLang, `role-${grant.role}`),
      unit: grant.unit,
    }),
  });
  if (grant.role === 'secretary') await syncCommandMenus(ctx.svc, [ctx.from.id]);
});

// /addunit CODE name…: admins define the units (they are data, never code).
setup.command(names('addunit'), async (ctx) => {
  if (!(await requireRole(ctx, 'admin'))) return;
  const [rawCode, ...rest] = args(ctx);
  const code = rawCode ? normaliseUnitCode(rawCode) : undefined;
  const name = rest.join(' ').trim();
  if (!code || !name || name.length > 120) return refuse(ctx, 'addunit-usage');
  const { created } = await ctx.svc.store.units.upsert(code, name);
  await ctx.reply(ctx.t(created ? 'addunit-created' : 'addunit-renamed', { unit: code, unitName: escapeHtml(name) }), reply(ctx));
});

// /units: every unit, its group and how many members it has.
setup.command(names('units'), async (ctx) => {
  if (!(await requireRole(ctx, 'secretary'))) return;
  const { store } = ctx.svc;
  const units = await store.units.list();
  if (units.length === 0) return refuse(ctx, 'units-empty');
  const counts = await Promise.all(units.map((u) => store.units.memberCount(u.code)));
  const lines = units.map((u, i) => {
    const group = !u.group
      ? ctx.t('units-no-group')
      : u.group.active
        ? ctx.t('units-group', { title: escapeHtml(u.group.title) })
        : ctx.t('units-group-gone', { title: escapeHtml(u.group.title) });
    return ctx.t('units-line', { unit: u.code, unitName: escapeHtml(u.name), group, members: counts[i] ?? 0 });
  });
  await ctx.say([ctx.t('units-title', { count: units.length }), ...lines].join('\n'), reply(ctx));
});

// /invite delegate|secretary UNIT [uses] [days]: a one-time deep link, sent privately.
setup.command(names('invite'), async (ctx) => {
  if (!(await requireRole(ctx, 'secretary'))) return;
  const [roleWord, unitWord, usesWord, daysWord] = args(ctx);
  const role = roleWord ? ROLE_WORDS[roleWord.toLowerCase()] : undefined;
  const unitCode = unitWord ? normaliseUnitCode(unitWord) : (ctx.actor.councilWide ? undefined : ctx.actor.unit);
  const uses = usesWord === undefined ? 1 : Number(usesWord);
  const days = daysWord === undefined ? ctx.svc.config.INVITE_DEFAULT_DAYS : Number(daysWord);
  if (!role || !unitCode || !Number.isInteger(uses) || uses < 1 || uses > 1000 || !Number.isInteger(days) || days < 1 || days > 90) {
    return refuse(ctx, 'invite-usage');
  }
  const unit = await ctx.svc.store.units.get(unitCode);
  if (!unit) return refuse(ctx, 'unit-unknown', { unit: unitCode });
  if (!canInvite(ctx.actor, role, unitCode)) {
    return refuse(ctx, role === 'secretary' ? 'invite-secretary-admin-only' : 'unit-not-yours', { unit: unitCode });
  }
  const expiresAt = Date.now() + days * 86_400_000;
  const token = await ctx.svc.store.invites.create({ role, unit: unitCode, createdBy: ctx.actor.userId }, uses, expiresAt);
  ctx.log.info({ role, unit: unitCode, uses, days }, 'invite created');
  const text = ctx.t('invite-link', {
    role: ctx.t(`role-${role}`),
    unit: unitCode,
    unitName: escapeHtml(unit.name),
    uses,
    expires: formatDateTime(new Date(expiresAt), await localeOf(ctx), ctx.svc.config.COUNCIL_TIMEZONE),
    link: `https://t.me/${ctx.me.username}?start=${token}`,
  });
  await replyPrivately(ctx, text);
});

// /linkgroup UNIT: in a group, makes it the unit's standing-committee group.
setup.command(names('linkgroup'), async (ctx) => {
  if (ctx.chat.type === 'private' || ctx.chat.type === 'channel') return refuse(ctx, 'group-only');
  if (!(await requireRole(ctx, 'secretary'))) return;
  const [unitWord] = args(ctx);
  const unitCode = unitWord ? normaliseUnitCode(unitWord) : undefined;
  if (!unitCode) return refuse(ctx, 'linkgroup-usage');
  if (!canManageUnit(ctx.actor, unitCode)) return refuse(ctx, 'unit-not-yours', { unit: unitCode });
  const res = await ctx.svc.store.units.linkGroup(unitCode, { id: ctx.chat.id, title: ctx.chat.title }, ctx.actor.userId);
  if (!res.ok) {
    return res.reason === 'unknown-unit'
      ? refuse(ctx, 'unit-unknown', { unit: unitCode })
      : refuse(ctx, 'linkgroup-elsewhere', { unit: res.unit });
  }
  const unit = await ctx.svc.store.units.get(unitCode);
  await syncSchedule(ctx.svc, unitCode);
  ctx.log.info({ unit: unitCode }, 'group linked');
  let text = ctx.t('linkgroup-done', { unit: unitCode, unitName: escapeHtml(unit?.name ?? unitCode) });
  if (res.replaced) text += '\n' + ctx.t('linkgroup-replaced', { title: escapeHtml(res.replaced.title) });
  await ctx.reply(text, reply(ctx));
});

// /unlinkgroup: in a linked group.
setup.command(names('unlinkgroup'), async (ctx) => {
  if (ctx.chat.type === 'private' || ctx.chat.type === 'channel') return refuse(ctx, 'group-only');
  if (!(await requireRole(ctx, 'secretary'))) return;
  const { units } = ctx.svc.store;
  const code = await units.unitOfChat(ctx.chat.id);
  if (!code) return refuse(ctx, 'unlinkgroup-not-linked');
  if (!canManageUnit(ctx.actor, code)) return refuse(ctx, 'unit-not-yours', { unit: code });
  await units.unlinkGroup(ctx.chat.id);
  await syncSchedule(ctx.svc, code);
  ctx.log.info({ unit: code }, 'group unlinked');
  await ctx.reply(ctx.t('unlinkgroup-done', { unit: code }), reply(ctx));
});

// /members [UNIT]: a roster with names, so it is sent privately.
setup.command(names('members'), async (ctx) => {
  if (!(await requireRole(ctx, 'secretary'))) return;
  const [unitWord] = args(ctx);
  const unitCode = unitWord ? normaliseUnitCode(unitWord) : ctx.actor.councilWide ? undefined : ctx.actor.unit;
  if (unitWord && !unitCode) return refuse(ctx, 'members-usage');
  if (unitCode && !canManageUnit(ctx.actor, unitCode)) return refuse(ctx, 'unit-not-yours', { unit: unitCode });
  if (unitCode && !(await ctx.svc.store.units.get(unitCode))) return refuse(ctx, 'unit-unknown', { unit: unitCode });
  const members = await ctx.svc.store.members.list(unitCode);
  const title = ctx.t('members-title', { scope: unitCode ?? ctx.t('members-all'), count: members.length });
  const lines = members.map((m) =>
    ctx.t('members-line', {
      name: escapeHtml(m.name),
      username: m.username ? ` @${escapeHtml(m.username)}` : '',
      role: ctx.t(`role-${m.role}`),
      unit: m.unit,
      id: String(m.id),
    }),
  );
  await replyPrivately(ctx, members.length ? [title, ...lines].join('\n') : ctx.t('members-empty', { scope: unitCode ?? ctx.t('members-all') }));
});

// /remove USER_ID: takes a member's role away.
setup.command(names('remove'), async (ctx) => {
  if (!(await requireRole(ctx, 'admin'))) return;
  const [idWord] = args(ctx);
  if (!idWord || !/^\d{1,15}$/.test(idWord)) return refuse(ctx, 'remove-usage');
  const removed = await ctx.svc.store.members.remove(Number(idWord));
  if (!removed) return refuse(ctx, 'remove-unknown', { id: idWord });
  ctx.log.info({ removed: removed.id }, 'member removed');
  await ctx.reply(ctx.t('remove-done', { name: escapeHtml(removed.name), role: ctx.t(`role-${removed.role}`), unit: removed.unit }), reply(ctx));
});

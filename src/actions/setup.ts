/**
 * Set-up and identity: units, groups, members, language, and who a person is. Each thing a
 * person can do is one function of (deps, actor, input) returning a result or a refusal;
 * the Telegram handlers (commands/setup.ts, commands/help.ts) parse and render, the jobs
 * (jobs/setup.ts) carry out the effects asked for here. Invites are in invites.ts.
 *
 * Permissions come from the policy only (src/policy.ts), asked here with the record as it is
 * when the action writes. The stores check and write in one step, so two groups linked to a
 * unit at once, or a member removed while joining, leave a consistent record.
 */
import { historyEntry, historyWriter } from '#root/actions/history.js';
import type { ActionDeps, Actor } from '#root/actions/types.js';
import { normaliseUnitCode, type MemberRole, type Role } from '#root/domain/roles.js';
import type { Locale } from '#root/i18n.js';
import { can, levelOf, ok, refused, refusedWith, type Audience, type Result } from '#root/policy.js';
import type { Member } from '#root/store/members.js';
import type { Unit } from '#root/store/units.js';

/** The effects set-up actions ask for; jobs/setup.ts carries them out. */
export interface SetupEffects {
  /** Tells an inviter, in their language, that someone joined through their invite. */
  joined(inviterId: number, who: { name: string; role: MemberRole; unit: string }, key: string): Promise<void>;
  /** People whose role or language changed: their command menus follow. */
  menusChanged(userIds: number[]): Promise<void>;
  /** A unit's group was linked or unlinked: its summary schedule follows. */
  groupChanged(unit: string): Promise<void>;
}


const council = (deps: ActionDeps) => deps.config.COUNCIL_UNIT;

/**
 * The unit a list is about: the one named, else every unit for those who act across units,
 * else the person's own. `undefined` means every unit.
 */
export async function listScope(deps: ActionDeps, actor: Actor, raw: string | undefined, usage: string, action: 'member.list' | 'invite.list'): Promise<Result<string | undefined>> {
  if (raw !== undefined) {
    const code = normaliseUnitCode(raw);
    if (!code) return refused(usage);
    const denied = can(actor, action, { unit: code }, council(deps));
    if (denied) return refusedWith(denied);
    if (!(await deps.store.units.get(code))) return refused('unit-unknown', { unit: code });
    return ok(code);
  }
  const everyUnit = can(actor, 'units.all', {}, council(deps)) === undefined;
  if (everyUnit) return ok(undefined);
  if (actor.unit === undefined) return refused(usage);
  const denied = can(actor, action, { unit: actor.unit }, council(deps));
  return denied ? refusedWith(denied) : ok(actor.unit);
}

// ---- identity ---------------------------------------------------------------------------

export interface Identity {
  role: Role;
  /** What /help and the menus show this person. */
  level: Audience;
  registered: boolean;
  unit?: { code: string; name: string } | undefined;
  /** The council's current term of office (`2026-2031`), once /newterm set one. */
  term?: string | undefined;
}

/** Who the person is, as the bot sees them now (/whoami, /start, the title of /help). */
export async function whoami(deps: ActionDeps, actor: Actor): Promise<Result<Identity>> {
  const [unit, term] = await Promise.all([actor.unit ? deps.store.units.get(actor.unit) : undefined, deps.store.terms.current()]);
  return ok({
    role: actor.role,
    level: levelOf(actor),
    registered: actor.role !== 'guest',
    unit: actor.unit ? { code: actor.unit, name: unit?.name ?? actor.unit } : undefined,
    term: term?.name,
  });
}

/** /lang: the person's language; their command menu follows it. */
export async function setLanguage(deps: ActionDeps, actor: Actor, input: { lang: Locale }): Promise<Result<{ lang: Locale }>> {
  const denied = can(actor, 'lang.set', {}, council(deps));
  if (denied) return refusedWith(denied);
  await deps.store.members.setLang(actor.userId, input.lang, await historyEntry(deps, actor, 'lang.set', { kind: 'member', id: String(actor.userId) }, { after: { lang: input.lang } }));
  await deps.effects.setup.menusChanged([actor.userId]);
  return ok({ lang: input.lang });
}

// ---- units and groups -------------------------------------------------------------------

/** /addunit CODE name…: admins define the units (they are data, never code). */
export async function addUnit(deps: ActionDeps, actor: Actor, input: { code?: string | undefined; name: string }): Promise<Result<{ code: string; name: string; created: boolean }>> {
  const denied = can(actor, 'unit.add', {}, council(deps));
  if (denied) return refusedWith(denied);
  const code = input.code ? normaliseUnitCode(input.code) : undefined;
  const name = input.name.trim();
  if (!code || !name || name.length > 120) return refused('addunit-usage');
  const write = await historyWriter(deps, actor, 'unit.add');
  const { created } = await deps.store.units.upsert(code, name, undefined, (was) =>
    was?.name === name ? undefined : write({ kind: 'unit', id: code }, was ? { before: { name: was.name }, after: { name } } : { after: { name } }),
  );
  deps.log.info({ unit: code, created }, 'unit saved');
  return ok({ code, name, created });
}

/** /units: every unit, its group and how many members it has. */
export async function listUnits(deps: ActionDeps, actor: Actor): Promise<Result<{ unit: Unit; members: number }[]>> {
  const denied = can(actor, 'unit.list', {}, council(deps));
  if (denied) return refusedWith(denied);
  const units = await deps.store.units.list();
  if (units.length === 0) return refused('units-empty');
  const counts = await Promise.all(units.map((u) => deps.store.units.memberCount(u.code)));
  return ok(units.map((unit, i) => ({ unit, members: counts[i] ?? 0 })));
}

/** /linkgroup UNIT in a group: it becomes the unit's standing-committee group. */
export async function linkGroup(
  deps: ActionDeps,
  actor: Actor,
  input: { chat: { id: number; title: string }; unit?: string | undefined },
): Promise<Result<{ unit: string; unitName: string; replaced?: { title: string } | undefined }>> {
  const code = input.unit ? normaliseUnitCode(input.unit) : undefined;
  if (!code) return refused('linkgroup-usage');
  const denied = can(actor, 'group.link', { unit: code }, council(deps));
  if (denied) return refusedWith(denied);
  const write = await historyWriter(deps, actor, 'group.link');
  const group = (g: { chatId: number; title: string } | undefined) => (g ? { chatId: g.chatId, title: g.title } : null);
  const res = await deps.store.units.linkGroup(code, input.chat, actor.userId, undefined, (was) =>
    write({ kind: 'unit', id: code }, { before: { group: group(was) }, after: { group: group({ chatId: input.chat.id, title: input.chat.title }) } }),
  );
  if (!res.ok) return res.reason === 'unknown-unit' ? refused('unit-unknown', { unit: code }) : refused('linkgroup-elsewhere', { unit: res.unit });
  await deps.effects.setup.groupChanged(code);
  deps.log.info({ unit: code }, 'group linked');
  const unit = await deps.store.units.get(code);
  return ok({ unit: code, unitName: unit?.name ?? code, replaced: res.replaced ? { title: res.replaced.title } : undefined });
}

/** /unlinkgroup in a linked group. */
export async function unlinkGroup(deps: ActionDeps, actor: Actor, input: { chatId: number }): Promise<Result<{ unit: string }>> {
  const code = await deps.store.units.unitOfChat(input.chatId);
  if (!code) return refused('unlinkgroup-not-linked');
  const denied = can(actor, 'group.unlink', { unit: code }, council(deps));
  if (denied) return refusedWith(denied);
  // Unlinks only if the group is still this unit's: a relink meanwhile is not undone.
  const write = await historyWriter(deps, actor, 'group.unlink');
  const unlinked = await deps.store.units.unlinkGroup(input.chatId, code, (was) =>
    write({ kind: 'unit', id: code }, { before: { group: { chatId: input.chatId, title: was?.title ?? null } }, after: { group: null } }),
  );
  if (unlinked !== code) return refused('unlinkgroup-not-linked');
  await deps.effects.setup.groupChanged(code);
  deps.log.info({ unit: code }, 'group unlinked');
  return ok({ unit: code });
}

// ---- members ----------------------------------------------------------------------------

/** /members [UNIT]: a unit's roster, or every unit's for those who act across units. */
export async function listMembers(deps: ActionDeps, actor: Actor, input: { unit?: string | undefined }): Promise<Result<{ scope: string | undefined; members: Member[] }>> {
  const scope = await listScope(deps, actor, input.unit, 'members-usage', 'member.list');
  if (!scope.ok) return scope;
  return ok({ scope: scope.value, members: await deps.store.members.list(scope.value) });
}

export interface Removal {
  member: Member;
  /** Codes of the invites they had made that were still live, now revoked. */
  invites: string[];
  /** Their notice drafts, now cancelled. */
  drafts: string[];
  /** Whether a form, substitute name or notice they were typing was dropped. */
  pending: boolean;
}

/**
 * /remove USER_ID: takes a member's role away, and with it what they left behind: the invites
 * they made (which would otherwise keep admitting people), their notice drafts (which they
 * could otherwise still send) and whatever they were in the middle of typing.
 */
export async function removeMember(deps: ActionDeps, actor: Actor, input: { userId: string | undefined }): Promise<Result<Removal>> {
  const denied = can(actor, 'member.remove', {}, council(deps));
  if (denied) return refusedWith(denied);
  if (!input.userId || !/^\d{1,15}$/.test(input.userId)) return refused('remove-usage');
  const userId = Number(input.userId);
  const write = await historyWriter(deps, actor, 'member.remove');
  const member = await deps.store.members.remove(userId, (m) => write({ kind: 'member', id: String(userId) }, { before: { name: m.name, role: m.role, unit: m.unit } }));
  if (!member) return refused('remove-unknown', { id: input.userId });
  const [invites, drafts, pending] = await Promise.all([deps.store.invites.revokeAllBy(userId, actor.userId), cancelDraftsOf(deps, userId), deps.store.pending.get(userId)]);
  if (pending) await deps.store.pending.clear(userId);
  await deps.effects.setup.menusChanged([userId]);
  deps.log.info({ removed: userId, invites: invites.length, drafts: drafts.length, pending: pending?.kind }, 'member removed');
  return ok({ member, invites, drafts, pending: pending !== undefined });
}

/** Cancels the person's notice drafts (each only if still a draft: one being sent is left alone). */
async function cancelDraftsOf(deps: ActionDeps, userId: number): Promise<string[]> {
  const { broadcasts } = deps.store;
  const ids = await broadcasts.ids();
  const cancelled: string[] = [];
  for (let i = 0; i < ids.length; i += 200) {
    const batch = await Promise.all(ids.slice(i, i + 200).map((id) => broadcasts.get(id)));
    for (const b of batch) {
      if (b?.status === 'draft' && b.createdBy === userId && (await broadcasts.transition(b.id, 'cancelled', ['draft'])) === 'ok') cancelled.push(b.id);
    }
  }
  return cancelled;
}

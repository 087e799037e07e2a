/**
 * Invites: made by secretaries and admins, listed, revoked, and used. What happens when
 * someone opens an invite link is here, in order:
 *
 * 1. The invite must be live (not expired, spent or revoked).
 * 2. Its creator must still be allowed to make it: the policy is asked about the creator as
 *    they are now (their current member record, ADMIN_IDS). A secretary removed or demoted
 *    since admits nobody.
 * 3. Someone who already has a role or unit that the invite would change is asked first
 *    (Confirm / Cancel); Confirm runs these steps again, with the person as they are then.
 * 4. One use is spent and the person's record written in one step, and only if neither the
 *    person's nor the creator's record changed since step 2 (else it reads again and decides
 *    again). Two people racing for the last use cannot both get in.
 */
import { historyEntry, historyFor, historyWriter } from '#root/actions/history.js';
import type { ActionDeps, Actor } from '#root/actions/types.js';
import { listScope, type SetupEffects } from '#root/actions/setup.js';
import { makeActor, normaliseUnitCode, type MemberRole } from '#root/domain/roles.js';
import { can, ok, refused, refusedWith, type Refusal, type Result } from '#root/policy.js';
import { isInviteCode, stateOf, type Invite } from '#root/store/invites.js';
import { parseMember } from '#root/store/members.js';

/** The person opening an invite, as their Telegram (or Zalo) profile names them. */
export interface Profile {
  name: string;
  username?: string | undefined;
  /** Joining on Zalo: their Zalo id, kept on the member record. */
  zaloId?: string | undefined;
}

export interface InviteView {
  code: string;
  role: MemberRole;
  unit: string;
  uses: number;
  usesLeft: number;
  expiresAt: number;
  creator: { id: number; name: string };
}

export type JoinOutcome =
  | { kind: 'joined'; role: MemberRole; unit: string; unitName: string }
  /** The invite would change the person's role or unit: they are asked first. */
  | { kind: 'confirm'; code: string; current: { role: MemberRole; unit: string }; role: MemberRole; unit: string; unitName: string }
  /** They already have exactly what the invite gives: nothing is spent. */
  | { kind: 'unchanged'; role: MemberRole; unit: string; unitName: string };

/** A join that lost the race this many times in a row is given up (someone keeps changing the records). */
const ATTEMPTS = 5;
const MAX_USES = 1000;
const MAX_DAYS = 90;

const council = (deps: ActionDeps) => deps.config.COUNCIL_UNIT;

/** /invite delegate|secretary UNIT [uses] [days]: a link for people to join with. */
export async function createInvite(
  deps: ActionDeps,
  actor: Actor,
  input: { role: MemberRole | undefined; unit: string | undefined; uses: number; days: number },
): Promise<Result<{ token: string; code: string; role: MemberRole; unit: string; unitName: string; uses: number; expiresAt: number }>> {
  const { role, uses, days } = input;
  const everyUnit = can(actor, 'units.all', {}, council(deps)) === undefined;
  const unit = input.unit !== undefined ? normaliseUnitCode(input.unit) : everyUnit ? undefined : actor.unit;
  if (!role || !unit || !Number.isInteger(uses) || uses < 1 || uses > MAX_USES || !Number.isInteger(days) || days < 1 || days > MAX_DAYS) {
    return refused('invite-usage');
  }
  const u = await deps.store.units.get(unit);
  if (!u) return refused('unit-unknown', { unit });
  const denied = can(actor, 'invite.create', { role, unit }, council(deps));
  if (denied) return refusedWith(denied);
  const expiresAt = Date.now() + days * 86_400_000;
  const history = await historyFor(deps, actor, 'invite.create', 'invite', { after: { role, unit, uses, expiresAt } });
  const { token, code } = await deps.store.invites.create({ role, unit, createdBy: actor.userId }, uses, expiresAt, undefined, history);
  deps.log.info({ invite: code, role, unit, uses, days }, 'invite created');
  return ok({ token, code, role, unit, unitName: u.name, uses, expiresAt });
}

/** /invites [UNIT]: the invites that can still admit someone. */
export async function listInvites(deps: ActionDeps, actor: Actor, input: { unit?: string | undefined }): Promise<Result<{ scope: string | undefined; invites: InviteView[] }>> {
  const scope = await listScope(deps, actor, input.unit, 'invites-usage', 'invite.list');
  if (!scope.ok) return scope;
  const live = (await deps.store.invites.live()).filter((i) => scope.value === undefined || i.unit === scope.value);
  const names = new Map<number, string>();
  for (const id of new Set(live.map((i) => i.createdBy))) names.set(id, await nameOf(deps, id));
  return ok({
    scope: scope.value,
    invites: live.map((i) => ({
      code: i.code!,
      role: i.role,
      unit: i.unit,
      uses: i.uses,
      usesLeft: i.usesLeft,
      expiresAt: i.expiresAt,
      creator: { id: i.createdBy, name: names.get(i.createdBy) ?? String(i.createdBy) },
    })),
  });
}

async function nameOf(deps: ActionDeps, userId: number): Promise<string> {
  const m = await deps.store.members.get(userId);
  return m?.name ?? (await deps.store.members.prefs(userId)).name ?? String(userId);
}

/** /revokeinvite CODE: the invite admits nobody from now on. */
export async function revokeInvite(deps: ActionDeps, actor: Actor, input: { code: string | undefined }): Promise<Result<{ code: string; role: MemberRole; unit: string }>> {
  const code = input.code?.toUpperCase();
  if (!code || !isInviteCode(code)) return refused('revokeinvite-usage');
  const inv = await deps.store.invites.get(code);
  if (!inv || stateOf(inv, Date.now()) !== 'live') return refused('invite-code-unknown', { code });
  const denied = can(actor, 'invite.revoke', { role: inv.role, unit: inv.unit }, council(deps));
  if (denied) return denied.code === 'invite-secretary-admin-only' ? refused('invite-revoke-admin-only') : refusedWith(denied);
  const history = await historyEntry(deps, actor, 'invite.revoke', { kind: 'invite', id: code }, { before: { status: 'live' }, after: { status: 'revoked' } });
  if ((await deps.store.invites.revoke(inv, actor.userId, undefined, history)) !== 'ok') return refused('invite-code-unknown', { code });
  deps.log.info({ invite: code }, 'invite revoked');
  return ok({ code, role: inv.role, unit: inv.unit });
}

/** /start TOKEN: someone opens an invite link. */
export async function useInvite(deps: ActionDeps, actor: Actor, input: { token: string; profile: Profile; key: string }): Promise<Result<JoinOutcome>> {
  const inv = await deps.store.invites.byToken(input.token);
  if (!inv) return refused('invite-unknown');
  return join(deps, actor, inv, { offered: false, profile: input.profile, key: input.key });
}

/** Confirm on the question an invite asked: the whole check again, with the person as they are now. */
export async function confirmInvite(deps: ActionDeps, actor: Actor, input: { code: string; profile: Profile; key: string }): Promise<Result<JoinOutcome>> {
  const inv = await deps.store.invites.get(input.code);
  if (!inv || !(await deps.store.invites.hasOffer(inv, actor.userId))) return refused('invite-confirm-stale');
  return join(deps, actor, inv, { offered: true, profile: input.profile, key: input.key });
}

/** Cancel on the question: nothing changes, nothing is spent. The person's role as it stays. */
export async function declineInvite(deps: ActionDeps, actor: Actor, input: { code: string }): Promise<Result<{ current?: { role: MemberRole; unit: string } | undefined }>> {
  const inv = await deps.store.invites.get(input.code);
  if (!inv || !(await deps.store.invites.dropOffer(inv, actor.userId))) return refused('invite-confirm-stale');
  const m = await deps.store.members.get(actor.userId);
  return ok({ current: m ? { role: m.role, unit: m.unit } : undefined });
}

async function join(deps: ActionDeps, actor: Actor, first: Invite, opts: { offered: boolean; profile: Profile; key: string }): Promise<Result<JoinOutcome>> {
  const { store, config } = deps;
  const write = await historyWriter(deps, actor, 'invite.use', { name: opts.profile.name });
  let inv: Invite | undefined = first;
  for (let attempt = 0; attempt < ATTEMPTS && inv; attempt++) {
    const now = Date.now();
    const state = stateOf(inv, now);
    if (state !== 'live') return refused(`invite-${state}`);
    const [creatorRaw, joinerRaw, unit] = await Promise.all([store.members.raw(inv.createdBy), store.members.raw(actor.userId), store.units.get(inv.unit)]);
    const creator = makeActor(inv.createdBy, parseMember(creatorRaw), { adminIds: config.ADMIN_IDS, councilUnit: council(deps) });
    if (can(creator, 'invite.create', { role: inv.role, unit: inv.unit }, council(deps))) return refused('invite-creator-gone');
    const current = parseMember(joinerRaw);
    const gives = { role: inv.role, unit: inv.unit, unitName: unit?.name ?? inv.unit };
    if (current && current.role === inv.role && current.unit === inv.unit) return ok({ kind: 'unchanged', ...gives });
    if (current && !opts.offered) {
      const code = inv.code;
      const offered = code ? await store.invites.offer(inv, actor.userId, now) : 'unknown';
      if (offered !== 'ok' || !code) return refused(`invite-${offered}`);
      return ok({ kind: 'confirm', code, current: { role: current.role, unit: current.unit }, ...gives });
    }
    const member = {
      id: actor.userId,
      name: opts.profile.name,
      ...(opts.profile.username ? { username: opts.profile.username } : {}),
      ...(opts.profile.zaloId ? { zaloId: opts.profile.zaloId } : {}),
      role: inv.role,
      unit: inv.unit,
      joinedAt: now,
      invitedBy: inv.createdBy,
    };
    const res = await store.invites.admit(
      inv,
      actor.userId,
      {
        offered: opts.offered,
        guards: [
          [store.keys.member(actor.userId), joinerRaw],
          [store.keys.member(inv.createdBy), creatorRaw],
        ],
        writes: [
          ...store.members.writes(member, current),
          {
            history: write(
              { kind: 'member', id: String(actor.userId) },
              { ...(current ? { before: { role: current.role, unit: current.unit } } : {}), after: { role: inv.role, unit: inv.unit, invite: inv.code ?? null } },
            ),
          },
        ],
      },
      now,
    );
    if (res === 'ok') {
      deps.log.info({ invite: inv.code, role: inv.role, unit: inv.unit, changed: current !== undefined }, 'member joined by invite');
      await effects(deps).joined(inv.createdBy, { name: member.name, role: inv.role, unit: inv.unit }, opts.key);
      await effects(deps).menusChanged([actor.userId]);
      return ok({ kind: 'joined', ...gives });
    }
    if (res === 'no-offer') return refused('invite-confirm-stale');
    if (res !== 'changed') return refused(`invite-${res}`);
    // Someone's record changed between the check and the write: read and decide again.
    inv = await store.invites.byHash(inv.hash);
  }
  if (!inv) return refused('invite-unknown');
  throw new Error(`invite ${first.code ?? '?'}: records kept changing while joining`);
}

const effects = (deps: ActionDeps): SetupEffects => deps.effects.setup;

// ---- every unit at once -------------------------------------------------------------------

export interface UnitInvite {
  unit: string;
  unitName: string;
  token: string;
  code: string;
  expiresAt: number;
}

/** Delegates join a unit through one link (a commune council has 15–30); a secretary's link admits one. */
const INVITE_ALL_DEFAULT_USES: Record<MemberRole, number> = { delegate: 30, secretary: 1 };

/**
 * /inviteall delegate|secretary [uses] [days]: one invite for every unit but the council's
 * own, each asked for as /invite would ask (so the policy decides unit by unit). The links
 * are returned for a file, not sent one by one. Units refused are named with the refusal.
 */
export async function inviteAll(
  deps: ActionDeps,
  actor: Actor,
  input: { role: MemberRole | undefined; uses?: number | undefined; days: number },
): Promise<Result<{ role: MemberRole; uses: number; days: number; invites: UnitInvite[]; refused: { unit: string; code: string }[] }>> {
  const denied = can(actor, 'invite.all', {}, council(deps));
  if (denied) return refusedWith(denied);
  const { role, days } = input;
  const uses = input.uses ?? (role ? INVITE_ALL_DEFAULT_USES[role] : 1);
  if (!role || !Number.isInteger(uses) || uses < 1 || uses > MAX_USES || !Number.isInteger(days) || days < 1 || days > MAX_DAYS) return refused('inviteall-usage');
  const units = (await deps.store.units.codes()).filter((u) => u !== council(deps));
  if (units.length === 0) return refused('units-empty');
  const invites: UnitInvite[] = [];
  const refusals: { unit: string; refusal: Refusal }[] = [];
  for (const unit of units) {
    const r = await createInvite(deps, actor, { role, unit, uses, days });
    if (r.ok) invites.push({ unit, unitName: r.value.unitName, token: r.value.token, code: r.value.code, expiresAt: r.value.expiresAt });
    else refusals.push({ unit, refusal: r.refusal });
  }
  // Refused for every unit (a council secretary asking for secretaries' links): one refusal says why.
  if (invites.length === 0 && refusals[0]) return refusedWith(refusals[0].refusal);
  deps.log.info({ role, uses, days, invites: invites.length, refused: refusals.length }, 'invites created for every unit');
  return ok({ role, uses, days, invites, refused: refusals.map((x) => ({ unit: x.unit, code: x.refusal.code })) });
}

/**
 * /revokeinvite UNIT: every live invite of the unit that the person may revoke (a secretary:
 * the unit's delegates' invites; an admin: all). Those they may not revoke are counted.
 */
export async function revokeUnitInvites(deps: ActionDeps, actor: Actor, input: { unit: string }): Promise<Result<{ unit: string; revoked: string[]; kept: number }>> {
  const unit = normaliseUnitCode(input.unit);
  if (!unit) return refused('revokeinvite-usage');
  const denied = can(actor, 'invite.revoke', { role: 'delegate', unit }, council(deps));
  if (denied) return refusedWith(denied);
  if (!(await deps.store.units.get(unit))) return refused('unit-unknown', { unit });
  const now = Date.now();
  const live = (await deps.store.invites.live(now)).filter((i) => i.unit === unit);
  const mine = live.filter((i) => can(actor, 'invite.revoke', { role: i.role, unit: i.unit }, council(deps)) === undefined);
  const results = await Promise.all(mine.map((i) => deps.store.invites.revoke(i, actor.userId, now)));
  const revoked = mine.filter((_, n) => results[n] === 'ok').map((i) => i.code ?? '');
  deps.log.info({ unit, revoked: revoked.length }, 'unit invites revoked');
  return ok({ unit, revoked, kept: live.length - mine.length });
}

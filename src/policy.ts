/**
 * Who may do what: the one table where roles and units decide anything. Handlers, jobs, the
 * command catalogue, /help, the menus and the security matrix all read it; no other file
 * compares roles or units to allow or refuse.
 *
 * A rule has two parts. The audience (who may ask at all) is checked by the guard before a
 * handler runs, from the command catalogue. The target check (whose unit, whose comment,
 * which meeting) is checked by the action itself, with the record it is about, at the moment
 * it writes: a step that finishes later (a form's last answer, Send on a preview, an invite
 * being used) calls `can` again with the member record as it is then.
 */
import type { Actor, MemberRole } from '#root/domain/roles.js';

/** From least to most: a level includes every level before it. */
export type Audience = 'anyone' | 'delegate' | 'secretary' | 'council' | 'admin';
const LEVEL: Record<Audience, number> = { anyone: 0, delegate: 1, secretary: 2, council: 3, admin: 4 };

/** A refusal: a locale key and its values. Said to the person in their language. */
export interface Refusal {
  code: string;
  vars?: Record<string, string | number>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };
export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const refused = (code: string, vars?: Record<string, string | number>): { ok: false; refusal: Refusal } => ({ ok: false, refusal: vars ? { code, vars } : { code } });
/** A refusal already made (by `can`, or by another action) as a failed result. */
export const refusedWith = (refusal: Refusal): { ok: false; refusal: Refusal } => ({ ok: false, refusal });

/** What a target check needs to know about the record an action is about. */
export interface Target {
  /** The unit the action is for (a group's unit, a member list, a notice's scope). */
  unit?: string | undefined;
  /** The units a meeting, proposal or notice concerns ('all' for every unit). */
  units?: readonly string[] | undefined;
  /** Whose record it is (a comment's author, a notice's or invite's creator). */
  owner?: number | undefined;
  /** The role an invite would give. */
  role?: MemberRole | undefined;
}

/**
 * How the target is checked:
 * - `unit`: the actor manages the target's unit (its secretary, or the council);
 * - `concerned`: the target concerns the actor's unit (or the actor acts council-wide);
 * - `member-of-unit`: the actor belongs to the target's unit (or acts council-wide);
 * - `invited`: the actor's own unit is one of the target's units (acting council-wide does not
 *   count: a meeting is answered for oneself);
 * - `owner`: the actor's own record;
 * - `owner-or-admin`: the actor's own record, or the actor is an admin;
 * - `invite`: secretaries invite delegates of units they manage; admins anyone.
 */
type TargetCheck = 'unit' | 'concerned' | 'member-of-unit' | 'invited' | 'owner' | 'owner-or-admin' | 'invite';

export interface Rule {
  audience: Audience;
  target?: TargetCheck;
}

/** Every thing a person can do, and who may. */
export const POLICY = {
  // identity and set-up
  'session.start': { audience: 'anyone' },
  'help.show': { audience: 'anyone' },
  'lang.set': { audience: 'anyone' },
  'whoami.show': { audience: 'anyone' },
  'unit.add': { audience: 'admin' },
  'unit.list': { audience: 'secretary' },
  'member.list': { audience: 'secretary', target: 'unit' },
  'member.remove': { audience: 'admin' },
  'invite.create': { audience: 'secretary', target: 'invite' },
  // Opening an invite link, or confirming it: anyone; the invite's creator is re-checked.
  'invite.use': { audience: 'anyone' },
  'invite.list': { audience: 'secretary', target: 'unit' },
  'invite.revoke': { audience: 'secretary', target: 'invite' },
  'group.link': { audience: 'secretary', target: 'unit' },
  'group.unlink': { audience: 'secretary', target: 'unit' },
  // Lists across every unit at once (/members, /invites without a unit): the council's.
  'units.all': { audience: 'council' },
  // Loading a units file (/importunits, npm run units): creates and renames, never deletes.
  'unit.import': { audience: 'admin' },
  // One invite per unit in one go (/inviteall): each invite is then asked for as 'invite.create'.
  'invite.all': { audience: 'council' },
  // Closing the term (/newterm): the members of the old term lose their roles.
  'term.new': { audience: 'admin' },
  // meetings
  'meeting.list': { audience: 'delegate' },
  'meeting.view': { audience: 'delegate', target: 'concerned' },
  'meeting.roster': { audience: 'secretary', target: 'concerned' },
  'meeting.rsvp': { audience: 'delegate', target: 'invited' },
  'meeting.ics': { audience: 'delegate', target: 'concerned' },
  'meeting.create': { audience: 'council' },
  'meeting.edit': { audience: 'council' },
  'meeting.cancel': { audience: 'council' },
  // proposals and comments
  'proposal.list': { audience: 'delegate' },
  'proposal.view': { audience: 'delegate', target: 'concerned' },
  'proposal.create': { audience: 'council' },
  'proposal.agree': { audience: 'delegate', target: 'invited' },
  'comment.create': { audience: 'delegate', target: 'invited' },
  'comment.mine': { audience: 'delegate' },
  'comment.edit': { audience: 'delegate', target: 'owner' },
  'comment.withdraw': { audience: 'delegate', target: 'owner' },
  'comment.list': { audience: 'secretary', target: 'unit' },
  'comment.respond': { audience: 'council' },
  'report.get': { audience: 'council' },
  // Reminding the units still silent on a proposal, now (the desk's button; the same message as the deadline nudge).
  'proposal.remind': { audience: 'council' },
  // summaries
  'summary.get': { audience: 'delegate', target: 'member-of-unit' },
  // /summary in private: the council-wide summary, or a unit's posted in its group by its secretary.
  'summary.council': { audience: 'council' },
  'summary.post': { audience: 'secretary', target: 'unit' },
  'digest.show': { audience: 'anyone' },
  'digest.set': { audience: 'secretary', target: 'unit' },
  // notices
  'notice.draft': { audience: 'secretary', target: 'unit' },
  'notice.send': { audience: 'secretary', target: 'owner-or-admin' },
  'notice.list': { audience: 'secretary' },
  'notice.acks': { audience: 'secretary', target: 'concerned' },
  'notice.cancel': { audience: 'secretary', target: 'concerned' },
  'notice.ack': { audience: 'delegate', target: 'member-of-unit' },
  // the history (audit trail) of any record, and the activity log: the council's
  'history.view': { audience: 'council' },
  // the desk: the web page for the drafting team and the secretaries (each page and write also asks its own action)
  'desk.open': { audience: 'secretary' },
  // Zalo: a member joins their Zalo account to their record (a code from Telegram); sending the code: anyone with it.
  'zalo.link': { audience: 'delegate' },
  'zalo.join': { audience: 'anyone' },
} as const satisfies Record<string, Rule>;

export type ActionName = keyof typeof POLICY;

/** The highest audience a person belongs to (what /help and the menus show them). */
export function levelOf(actor: Actor): Audience {
  switch (actor.role) {
    case 'admin':
      return 'admin';
    case 'secretary':
      return actor.councilWide ? 'council' : 'secretary';
    case 'delegate':
      return 'delegate';
    default:
      return 'anyone';
  }
}

export function reaches(level: Audience, audience: Audience): boolean {
  return LEVEL[level] >= LEVEL[audience];
}

const AUDIENCE_REFUSAL: Record<Exclude<Audience, 'anyone'>, string> = {
  delegate: 'only-delegate',
  secretary: 'only-secretary',
  council: 'council-only',
  admin: 'only-admin',
};

/** The audience part alone: may this person ask for this action at all? */
export function mayAsk(actor: Actor, action: ActionName, councilUnit: string): Refusal | undefined {
  const rule: Rule = POLICY[action];
  if (reaches(levelOf(actor), rule.audience)) return undefined;
  if (rule.audience === 'anyone') return undefined;
  const code = AUDIENCE_REFUSAL[rule.audience];
  return code === 'council-only' && actor.role === 'secretary' ? { code, vars: { unit: councilUnit } } : { code: code === 'council-only' ? 'only-secretary' : code };
}

/**
 * The whole rule: the audience, then the target. `undefined` means allowed. Actions call this
 * with the record they are about, as it is when they write.
 */
export function can(actor: Actor, action: ActionName, target: Target = {}, councilUnit = 'TP'): Refusal | undefined {
  const asked = mayAsk(actor, action, councilUnit);
  if (asked) return asked;
  const rule: Rule = POLICY[action];
  switch (rule.target) {
    case undefined:
      return undefined;
    case 'unit':
      return target.unit === undefined || manages(actor, target.unit) ? undefined : { code: 'unit-not-yours', vars: { unit: target.unit } };
    case 'concerned':
      return concerned(actor, target.units ?? []) ? undefined : { code: 'not-concerned' };
    case 'member-of-unit':
      return actor.councilWide || (target.unit !== undefined && actor.unit === target.unit) ? undefined : { code: 'not-concerned' };
    case 'invited':
      return actor.unit !== undefined && (target.units ?? []).includes(actor.unit) ? undefined : { code: 'not-concerned' };
    case 'owner':
      return target.owner === actor.userId ? undefined : { code: 'not-yours' };
    case 'owner-or-admin':
      return target.owner === actor.userId || actor.role === 'admin' ? undefined : { code: 'not-yours' };
    case 'invite':
      if (actor.role === 'admin') return undefined;
      if (target.role === 'secretary') return { code: 'invite-secretary-admin-only' };
      return target.unit === undefined || manages(actor, target.unit) ? undefined : { code: 'unit-not-yours', vars: { unit: target.unit } };
  }
}

/** A secretary acts for their own unit; the council's secretaries and admins for all. */
function manages(actor: Actor, unit: string): boolean {
  if (!reaches(levelOf(actor), 'secretary')) return false;
  return actor.councilWide || actor.unit === unit;
}

/** A meeting, proposal or notice concerns a person when it targets their unit; the council sees all. */
function concerned(actor: Actor, units: readonly string[]): boolean {
  return actor.councilWide || (actor.role !== 'guest' && actor.unit !== undefined && units.includes(actor.unit));
}

/** Who may do what: the permission rules of the product brief, in one place. */
export type Role = 'admin' | 'secretary' | 'delegate' | 'guest';
export type MemberRole = Exclude<Role, 'admin' | 'guest'>;

export interface Actor {
  userId: number;
  role: Role;
  /** The unit the person belongs to; admins without a membership count as the council's. */
  unit?: string | undefined;
  /** Admins and secretaries of the council's own unit act for every unit. */
  councilWide: boolean;
}

const rank: Record<Role, number> = { guest: 0, delegate: 1, secretary: 2, admin: 3 };

export function atLeast(actor: Actor, role: Role): boolean {
  return rank[actor.role] >= rank[role];
}

export function makeActor(
  userId: number,
  member: { role: MemberRole; unit: string } | undefined,
  opts: { adminIds: readonly number[]; councilUnit: string },
): Actor {
  if (opts.adminIds.includes(userId)) {
    return { userId, role: 'admin', unit: member?.unit ?? opts.councilUnit, councilWide: true };
  }
  if (!member) return { userId, role: 'guest', councilWide: false };
  return {
    userId,
    role: member.role,
    unit: member.unit,
    councilWide: member.role === 'secretary' && member.unit === opts.councilUnit,
  };
}

/** A secretary acts for their own unit; the council's secretaries and admins for all. */
export function canManageUnit(actor: Actor, unit: string): boolean {
  if (!atLeast(actor, 'secretary')) return false;
  return actor.councilWide || actor.unit === unit;
}

/** Secretaries may invite delegates of units they manage; only admins invite secretaries. */
export function canInvite(actor: Actor, role: MemberRole, unit: string): boolean {
  if (actor.role === 'admin') return true;
  return role === 'delegate' && canManageUnit(actor, unit);
}

/** Unit codes are short, upper-case and ASCII so they can be typed in commands. */
export const UNIT_CODE = /^[A-Z0-9]{1,10}$/;

export function normaliseUnitCode(raw: string): string | undefined {
  const code = raw.trim().toUpperCase();
  return UNIT_CODE.test(code) ? code : undefined;
}

/** A meeting or proposal concerns a person when it targets their unit; the council sees all. */
export function isConcerned(actor: Actor, targets: readonly string[]): boolean {
  return actor.councilWide || (actor.role !== 'guest' && actor.unit !== undefined && targets.includes(actor.unit));
}

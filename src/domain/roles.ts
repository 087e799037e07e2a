/** Who a person is to the council: their role and unit (what they may do is src/policy.ts). */
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

/** Unit codes are short, upper-case and ASCII so they can be typed in commands. */
const UNIT_CODE = /^[A-Z0-9]{1,10}$/;

export function normaliseUnitCode(raw: string): string | undefined {
  const code = raw.trim().toUpperCase();
  return UNIT_CODE.test(code) ? code : undefined;
}


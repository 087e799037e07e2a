/**
 * Who a notice goes to. Pure rules: the command layer loads units and members, this decides.
 */
export interface Audience {
  groups: boolean;
  delegates: boolean;
  /** Unit codes, or undefined for every unit the sender may reach. */
  units?: string[] | undefined;
  pin: boolean;
}

const GROUP_WORDS = new Set(['groups', 'nhom', 'cacnhom']);
const DELEGATE_WORDS = new Set(['delegates', 'daibieu']);
const ALL_WORDS = new Set(['all', 'tatca']);
const PIN_WORDS = new Set(['pin', 'ghim']);

export type AudienceParse = { ok: true; audience: Audience } | { ok: false; bad: string[] };

/** `groups|delegates|all|UNIT… [pin]`; a unit code alone means its group and its delegates. */
export function parseAudience(words: string[], isUnitCode: (w: string) => boolean): AudienceParse {
  let groups = false;
  let delegates = false;
  let pin = false;
  const units: string[] = [];
  const bad: string[] = [];
  for (const raw of words) {
    const w = raw.toLowerCase();
    if (GROUP_WORDS.has(w)) groups = true;
    else if (DELEGATE_WORDS.has(w)) delegates = true;
    else if (ALL_WORDS.has(w)) groups = delegates = true;
    else if (PIN_WORDS.has(w)) pin = true;
    else if (isUnitCode(raw.toUpperCase())) units.push(raw.toUpperCase());
    else bad.push(raw);
  }
  if (bad.length || (!groups && !delegates && units.length === 0)) return { ok: false, bad };
  if (!groups && !delegates) groups = delegates = true;
  return { ok: true, audience: { groups, delegates, units: units.length ? [...new Set(units)] : undefined, pin } };
}

export interface Recipient {
  chatId: number;
  type: 'group' | 'user';
  unit: string;
  /** Group title or person's name, for the delivery report. */
  name: string;
}

export interface UnitView {
  code: string;
  group?: { chatId: number; title: string; active: boolean } | undefined;
}
export interface MemberView {
  id: number;
  name: string;
  role: 'delegate' | 'secretary';
  unit: string;
}

/** Linked groups and delegates of the chosen units, each once, groups first. */
export function selectRecipients(audience: Audience, units: UnitView[], members: MemberView[]): Recipient[] {
  const chosen = new Set(audience.units ?? units.map((u) => u.code));
  const out: Recipient[] = [];
  const seen = new Set<number>();
  if (audience.groups) {
    for (const u of units) {
      if (chosen.has(u.code) && u.group?.active && !seen.has(u.group.chatId)) {
        seen.add(u.group.chatId);
        out.push({ chatId: u.group.chatId, type: 'group', unit: u.code, name: u.group.title });
      }
    }
  }
  if (audience.delegates) {
    for (const m of members) {
      if (m.role === 'delegate' && chosen.has(m.unit) && !seen.has(m.id)) {
        seen.add(m.id);
        out.push({ chatId: m.id, type: 'user', unit: m.unit, name: m.name });
      }
    }
  }
  return out;
}

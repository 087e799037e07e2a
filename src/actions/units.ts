/**
 * Units at the scale of a whole city: loading them from a file (/importunits, `npm run units
 * -- import`), the overview /units pages through, and the council's terms of office
 * (/newterm). Each is one function of (deps, actor, input) returning a result or a refusal;
 * permissions come from the policy only (src/policy.ts).
 */
import type { ActionDeps, Actor } from '#root/actions/types.js';
import { listUnits } from '#root/actions/setup.js';
import type { MemberRole } from '#root/domain/roles.js';
import { parseTermName, parseUnitsFile, type UnitFileProblem } from '#root/domain/units.js';
import { can, ok, refused, refusedWith, type Result } from '#root/policy.js';
import type { FormerMember, Term } from '#root/store/terms.js';
import type { Unit, UnitImport } from '#root/store/units.js';

const council = (deps: ActionDeps) => deps.config.COUNCIL_UNIT;

/** A units file larger than this is not one (127 units take 5 KB). */
export const UNITS_FILE_MAX_BYTES = 1_000_000;

// ---- loading units from a file ------------------------------------------------------------

export type UnitsImportOutcome =
  /** The file has problems, each with its line: nothing was changed. */
  | { kind: 'invalid'; problems: UnitFileProblem[] }
  | { kind: 'imported'; rows: number; report: UnitImport };

/**
 * Loads a units file (code,name,kind[,official_code]): creates the new units, renames those
 * whose name changed, sets kinds and official codes. Never deletes: units the file leaves out
 * are listed as missing and left as they are, with their members and groups. A file with any
 * bad row changes nothing and names every bad row by its line.
 */
export async function importUnits(deps: ActionDeps, actor: Actor, input: { text: string }): Promise<Result<UnitsImportOutcome>> {
  const denied = can(actor, 'unit.import', {}, council(deps));
  if (denied) return refusedWith(denied);
  if (Buffer.byteLength(input.text, 'utf8') > UNITS_FILE_MAX_BYTES) return refused('importunits-too-big', { max: UNITS_FILE_MAX_BYTES / 1000 });
  const parsed = parseUnitsFile(input.text);
  if (!parsed.ok) return ok({ kind: 'invalid', problems: parsed.problems });
  const report = await deps.store.units.importAll(parsed.rows);
  deps.log.info(
    { rows: parsed.rows.length, created: report.created.length, renamed: report.renamed.length, updated: report.updated.length, unchanged: report.unchanged, missing: report.missing.length },
    'units imported',
  );
  return ok({ kind: 'imported', rows: parsed.rows.length, report });
}

// ---- the overview -------------------------------------------------------------------------

export interface UnitsOverview {
  units: { unit: Unit; members: number }[];
  /** Members of every unit together. */
  members: number;
  /** Units with a linked group the bot is still in. */
  linked: number;
  /** Units whose group removed the bot: they get nothing until it is added back. */
  gone: string[];
  term?: Term | undefined;
}

/** /units: every unit with its group and members, the totals, and the current term. */
export async function unitsOverview(deps: ActionDeps, actor: Actor): Promise<Result<UnitsOverview>> {
  const listed = await listUnits(deps, actor);
  if (!listed.ok) return listed;
  const units = listed.value;
  return ok({
    units,
    members: units.reduce((n, u) => n + u.members, 0),
    linked: units.filter((u) => u.unit.group?.active).length,
    gone: units.filter((u) => u.unit.group && !u.unit.group.active).map((u) => u.unit.code),
    term: await deps.store.terms.current(),
  });
}

// ---- terms of office ----------------------------------------------------------------------

/** The effects a new term asks for; jobs/terms.ts carries them out. */
export interface TermEffects {
  /** Tells each member of the old term, privately and in their language, that their role ended. */
  membersLeft(former: readonly FormerMember[], term: string, key: string): Promise<void>;
}

export interface TermPreview {
  name: string;
  current?: string | undefined;
  secretaries: number;
  delegates: number;
  units: number;
  invites: number;
}

export interface TermStarted {
  name: string;
  previous?: string | undefined;
  secretaries: number;
  delegates: number;
  /** Codes of the invites revoked. */
  invites: string[];
}

/** The term named, if it may follow the current one (it starts later). */
async function nextTerm(deps: ActionDeps, raw: string | undefined): Promise<Result<{ name: string; current?: Term | undefined }>> {
  const term = parseTermName(raw);
  if (!term) return refused('newterm-usage');
  const current = await deps.store.terms.current();
  const currentFrom = current ? Number(current.name.slice(0, 4)) : undefined;
  if (currentFrom !== undefined && term.from <= currentFrom) return refused('newterm-not-later', { term: current!.name.replace('-', '–') });
  return ok({ name: term.name, current });
}

const isAdmin = (deps: ActionDeps) => (id: number) => deps.config.ADMIN_IDS.includes(id);

/**
 * /newterm 2026-2031: what starting the term would do (who loses their role, which invites
 * are revoked), asked before anything changes. The admin's Confirm is remembered for an hour.
 */
export async function askNewTerm(deps: ActionDeps, actor: Actor, input: { term: string | undefined }): Promise<Result<TermPreview>> {
  const denied = can(actor, 'term.new', {}, council(deps));
  if (denied) return refusedWith(denied);
  const next = await nextTerm(deps, input.term);
  if (!next.ok) return next;
  const [members, invites] = await Promise.all([deps.store.members.list(), deps.store.invites.live()]);
  const leaving = members.filter((m) => !isAdmin(deps)(m.id));
  const count = (role: MemberRole) => leaving.filter((m) => m.role === role).length;
  await deps.store.terms.offer(actor.userId, next.value.name);
  return ok({
    name: next.value.name,
    current: next.value.current?.name,
    secretaries: count('secretary'),
    delegates: count('delegate'),
    units: new Set(leaving.map((m) => m.unit)).size,
    invites: invites.length,
  });
}

/**
 * Confirm: the term starts. Every live invite is revoked first (nobody joins the old term
 * half-way through), then in one step every member but the admins becomes a former member
 * (the record kept for exports and reports; their comments and answers keep their names) and
 * the term is written. Units and their groups stay as they are. Each former member is told
 * privately; former secretaries' command menus follow.
 */
export async function confirmNewTerm(deps: ActionDeps, actor: Actor, input: { term: string; key: string }): Promise<Result<TermStarted>> {
  const denied = can(actor, 'term.new', {}, council(deps));
  if (denied) return refusedWith(denied);
  if (!(await deps.store.terms.takeOffer(actor.userId, input.term))) return refused('newterm-stale');
  const next = await nextTerm(deps, input.term);
  if (!next.ok) return next;
  const now = Date.now();
  const live = await deps.store.invites.live(now);
  const results = await Promise.all(live.map((inv) => deps.store.invites.revoke(inv, actor.userId, now)));
  const invites = live.filter((_, i) => results[i] === 'ok').map((inv) => inv.code ?? '');
  const { previous, former } = await deps.store.terms.start({ name: next.value.name, startedAt: now, startedBy: actor.userId }, isAdmin(deps));
  await deps.effects.terms.membersLeft(former, next.value.name, input.key);
  const secretaries = former.filter((f) => f.role === 'secretary');
  if (secretaries.length) await deps.effects.setup.menusChanged(secretaries.map((f) => f.id));
  deps.log.info({ term: next.value.name, previous: previous?.name, former: former.length, invites: invites.length }, 'new term started');
  return ok({ name: next.value.name, previous: previous?.name, secretaries: secretaries.length, delegates: former.length - secretaries.length, invites });
}

/** Cancel: nothing changes. */
export async function cancelNewTerm(deps: ActionDeps, actor: Actor, input: { term: string }): Promise<Result<{ name: string }>> {
  const denied = can(actor, 'term.new', {}, council(deps));
  if (denied) return refusedWith(denied);
  if (!(await deps.store.terms.takeOffer(actor.userId, input.term))) return refused('newterm-stale');
  return ok({ name: input.term });
}

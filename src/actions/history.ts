/**
 * The audit trail as the actions write and read it. Every action that changes something
 * prepares its entry with `historyEntry` (who, what, the changed fields before → after, from
 * where) and hands it to the store's write, which records it in the same Redis step as the
 * change (src/store/history.ts); where a store's write cannot carry it, the action calls
 * `recordHistory` right after the write succeeded, and says so. A refused change, or one that
 * lost a race and was decided again, records nothing for the attempt that was not written.
 *
 * Reading it is the council's (`history.view`): one record's history (a comment, a meeting,
 * a proposal, a notice, an invite, a unit, a member) or the latest changes council-wide.
 */
import type { ActionDeps, Actor } from '#root/actions/types.js';
import { can, ok, refused, refusedWith, type ActionName, type Result } from '#root/policy.js';
import { historyWrite, type EntityKind, type Fields, type HistoryEntry, type HistoryInput, type HistoryPage, type HistoryQuery, type HistoryWrite } from '#root/store/history.js';

export interface Entity {
  kind: EntityKind;
  id: string;
}

export interface Change {
  /** The changed fields as they were (absent for something new). */
  before?: Fields | undefined;
  /** The changed fields as they became (absent for something removed). */
  after?: Fields | undefined;
  /** How the person is called, when the action knows it already; else their member record's name. */
  name?: string | undefined;
}


/** How the history names a person: as given, else their member record, else their name in the chat, else their number. */
async function nameOf(deps: ActionDeps, actor: Actor, given: string | undefined): Promise<string> {
  if (given) return given;
  const [member, prefs] = await Promise.all([deps.store.members.get(actor.userId), deps.store.members.prefs(actor.userId)]);
  return member?.name ?? prefs.name ?? String(actor.userId);
}

async function inputOf(deps: ActionDeps, actor: Actor, action: ActionName, entity: Entity, change: Change, at: number): Promise<HistoryInput> {
  const name = await nameOf(deps, actor, change.name);
  return {
    at,
    actor: { userId: actor.userId, name, role: actor.role, ...(actor.unit !== undefined ? { unit: actor.unit } : {}) },
    action,
    entity,
    ...(change.before ? { before: change.before } : {}),
    ...(change.after ? { after: change.after } : {}),
    via: deps.via ?? 'telegram',
  };
}

/** The entry of a change about to be written, for the store's write to record in the same step. */
export async function historyEntry(deps: ActionDeps, actor: Actor, action: ActionName, entity: Entity, change: Change = {}, at = Date.now()): Promise<HistoryWrite> {
  return historyWrite(deps.store.keys, await inputOf(deps, actor, action, entity, change, at));
}

/**
 * The same for a record whose id the store gives as it writes (a new comment, meeting,
 * notice or invite): everything is prepared now, the id filled in by the store.
 */
export async function historyFor(deps: ActionDeps, actor: Actor, action: ActionName, kind: EntityKind, change: Change = {}, at = Date.now()): Promise<(id: string) => HistoryWrite> {
  const write = await historyWriter(deps, actor, action, { name: change.name, at });
  return (id) => write({ kind, id }, change);
}

/**
 * The same for a change whose before and after the store finds as it writes (a unit renamed,
 * a member's record replaced): the person is looked up now, the rest given by the store.
 */
export async function historyWriter(
  deps: ActionDeps,
  actor: Actor,
  action: ActionName,
  opts: { name?: string | undefined; at?: number | undefined } = {},
): Promise<(entity: Entity, change: Change) => HistoryWrite> {
  const input = await inputOf(deps, actor, action, { kind: 'unit', id: '' }, { name: opts.name }, opts.at ?? Date.now());
  return (entity, change) =>
    historyWrite(deps.store.keys, {
      ...input,
      entity,
      ...(change.before ? { before: change.before } : {}),
      ...(change.after ? { after: change.after } : {}),
    });
}

/**
 * The fields that differ between two versions of a record, each side with only those
 * (`null` where a field is absent, so "removed" and "added" read as such).
 */
export function changedFields<T extends object>(before: T, after: T, fields: readonly (keyof T & string)[]): { before: Fields; after: Fields } {
  const b: Fields = {};
  const a: Fields = {};
  for (const f of fields) {
    if (JSON.stringify(before[f]) === JSON.stringify(after[f])) continue;
    b[f] = before[f] ?? null;
    a[f] = after[f] ?? null;
  }
  return { before: b, after: a };
}

/** The fields of a record that are set, for a creation's `after`. */
export function fieldsOf<T extends object>(record: T, fields: readonly (keyof T & string)[]): Fields {
  const out: Fields = {};
  for (const f of fields) if (record[f] !== undefined) out[f] = record[f];
  return out;
}

/**
 * What a typed reference names: C12 a comment, M3 a meeting, B4 a notice, I5 an invite, a
 * number a person, else a proposal code or a unit code that exists.
 */
async function resolveRef(deps: ActionDeps, raw: string): Promise<Entity | undefined> {
  const ref = raw.trim().toUpperCase();
  const short = /^([CMBI])([1-9]\d{0,14})$/.exec(ref);
  if (short) return { kind: ({ C: 'comment', M: 'meeting', B: 'notice', I: 'invite' } as const)[short[1] as 'C' | 'M' | 'B' | 'I'], id: ref };
  if (/^\d{1,15}$/.test(ref)) return { kind: 'member', id: String(Number(ref)) };
  if (await deps.store.proposals.get(ref)) return { kind: 'proposal', id: ref };
  if (await deps.store.units.get(ref)) return { kind: 'unit', id: ref };
  return undefined;
}

async function exists(deps: ActionDeps, e: Entity): Promise<boolean> {
  const { store } = deps;
  switch (e.kind) {
    case 'comment':
      return (await store.proposals.comment(e.id)) !== undefined;
    case 'meeting':
      return (await store.meetings.get(e.id)) !== undefined;
    case 'notice':
      return (await store.broadcasts.get(e.id)) !== undefined;
    case 'invite':
      return (await store.invites.get(e.id)) !== undefined;
    case 'member':
      return (await store.members.get(Number(e.id))) !== undefined;
    case 'proposal':
    case 'unit':
      // Found by their existence already (resolveRef).
      return true;
  }
}

export interface HistoryView {
  /** The record asked about; absent: the latest changes council-wide. */
  entity?: Entity | undefined;
  /** Oldest first. */
  entries: HistoryEntry[];
  /** How many changes there are in all (more than `entries` when only the latest are shown). */
  total: number;
}

/** How many changes `/history` shows. */
const HISTORY_SHOWN = 20;

/**
 * `/history [C12|M3|DA-01|…]`: one record's changes (the latest HISTORY_SHOWN), or without a
 * reference the latest changes council-wide. The council's secretaries and admins only.
 */
export async function viewHistory(deps: ActionDeps, actor: Actor, input: { ref?: string | undefined; limit?: number | undefined }): Promise<Result<HistoryView>> {
  const refusal = can(actor, 'history.view', {}, deps.config.COUNCIL_UNIT);
  if (refusal) return refusedWith(refusal);
  const limit = input.limit ?? HISTORY_SHOWN;
  const { history } = deps.store;
  if (!input.ref?.trim()) {
    const page = await history.list({ limit });
    return ok({ entries: page.entries.reverse(), total: await history.count() });
  }
  const entity = await resolveRef(deps, input.ref);
  if (!entity) return refused('history-unknown', { ref: input.ref.trim().slice(0, 80) });
  const [entries, total] = await Promise.all([history.forEntity(entity.kind, entity.id, { limit }), history.countFor(entity.kind, entity.id)]);
  // A record with no recorded change must at least exist (made before the trail, or restored).
  if (total === 0 && !(await exists(deps, entity))) return refused('history-unknown', { ref: input.ref.trim().slice(0, 80) });
  return ok({ entity, entries, total });
}

/** The activity log for the desk: a page, newest first, filtered (see HistoryQuery). The council's only. */
export async function activityLog(deps: ActionDeps, actor: Actor, q: HistoryQuery): Promise<Result<HistoryPage>> {
  const refusal = can(actor, 'history.view', {}, deps.config.COUNCIL_UNIT);
  if (refusal) return refusedWith(refusal);
  return ok(await deps.store.history.list(q));
}

/** One record's whole history, oldest first, for the desk's comment and meeting pages. The council's only. */
export async function entityHistory(deps: ActionDeps, actor: Actor, entity: Entity): Promise<Result<HistoryEntry[]>> {
  const refusal = can(actor, 'history.view', {}, deps.config.COUNCIL_UNIT);
  if (refusal) return refusedWith(refusal);
  return ok(await deps.store.history.forEntity(entity.kind, entity.id));
}

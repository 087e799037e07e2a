/**
 * The desk's own actions: the one-time login link, the comments table (filters, search,
 * paging), one comment, participation by unit, answering many comments at once and the
 * saved wordings. Each asks the policy like every other action; answering in bulk is the
 * chat's `respond` called once per comment, so each author is told exactly as after
 * `/respond` and the counts, summaries and report follow. No HTTP or HTML here (src/desk).
 */
import { commentListScope, respond, type CommentQuery } from '#root/actions/comments.js';
import { viewProposal, type ProposalDetails } from '#root/actions/proposals.js';
import type { ActionDeps, Actor } from '#root/actions/types.js';
import type { CommentFilter, CommentRecord, Proposal, ResponseKind } from '#root/domain/proposals.js';
import type { CommentListing, ListingRow } from '#root/desk/listing.js';
import { can, ok, refused, refusedWith, type Refusal, type Result } from '#root/policy.js';
import type { Wording } from '#root/store/desk.js';


/** Rows of the comments table per page. */
const PAGE_SIZE = 50;
/** Comments one bulk answer may cover. */
const BULK_MAX = 200;

/** May this person use the desk at all (a secretary, the council's or a unit's, or an admin)? */
export function mayOpenDesk(deps: ActionDeps, actor: Actor): Refusal | undefined {
  return can(actor, 'desk.open', {}, deps.config.COUNCIL_UNIT);
}

/** `/desk`: a one-time link to the desk for this person, and the Mini App's address. */
export async function deskLink(deps: ActionDeps, actor: Actor, now = Date.now()): Promise<Result<{ url: string; webApp: string; minutes: number }>> {
  const refusal = mayOpenDesk(deps, actor);
  if (refusal) return refusedWith(refusal);
  const base = deps.config.DESK_URL;
  if (!base) return refused('desk-not-configured');
  const ttl = deps.config.DESK_LINK_TTL_SEC;
  const token = await deps.store.desk.createLoginToken(actor.userId, ttl, now);
  deps.log.info({ user: actor.userId }, 'desk link issued');
  return ok({ url: `${base}/desk/login?t=${token}`, webApp: `${base}/desk/`, minutes: Math.max(1, Math.round(ttl / 60)) });
}

/** Lower case without marks: «Đề nghị» is found by «de nghi». */
function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

export interface DeskCommentQuery extends CommentQuery {
  /** Words that must all appear in the text, the author's name or the id (marks ignored). */
  search?: string | undefined;
  /** Only the comments given without a section. */
  noSection?: boolean | undefined;
  /** From 1. */
  page?: number | undefined;
}

export interface CommentsPage {
  proposal: Proposal;
  /** Comments matching the filters (all pages). */
  total: number;
  page: number;
  pages: number;
  comments: CommentRecord[];
}

/** `/comments`' filter on a listing row (see matchesFilter): without one, the active comments. */
function rowMatches(r: ListingRow, f: CommentFilter | undefined): boolean {
  if (!f) return !r.withdrawn;
  if (f === 'withdrawn') return r.withdrawn;
  if (r.withdrawn) return false;
  if (f === 'pending') return !r.kind;
  if (f === 'responded') return r.kind !== undefined;
  return r.kind === f;
}

/**
 * The comments table: the rule of `/comments` (commentListScope: a unit's secretary sees the
 * comments of units they manage, the council's secretaries all; the same refusals for a
 * section or unit that is not there or not theirs), the text search and one page. Filtering
 * runs over the proposal's listing (src/desk/listing.ts); the page's rows are then read in
 * full, as they are now.
 */
export async function deskComments(deps: ActionDeps, actor: Actor, q: DeskCommentQuery, listing: CommentListing): Promise<Result<CommentsPage>> {
  const council = deps.config.COUNCIL_UNIT;
  const scope = await commentListScope(deps, actor, q);
  if (!scope.ok) return scope;
  const { proposal: p, section } = scope.value;
  const words = fold(q.search ?? '').split(/\s+/).filter(Boolean);
  const mine = new Map<string, boolean>();
  const visible = (unit: string) => {
    let v = mine.get(unit);
    if (v === undefined) mine.set(unit, (v = can(actor, 'comment.list', { unit }, council) === undefined));
    return v;
  };
  const matching = (await listing.rows(p.code)).filter((r) => {
    if (!visible(r.unit) || (q.unit && r.unit !== q.unit) || (section && r.section !== section) || (q.noSection && r.section)) return false;
    if (!rowMatches(r, q.filter)) return false;
    if (words.length === 0) return true;
    r.folded ??= fold(`${r.id} ${r.authorName} ${r.text}`);
    return words.every((w) => r.folded!.includes(w));
  });
  const pages = Math.max(1, Math.ceil(matching.length / PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(q.page ?? 1)), pages);
  const shown = await deps.store.proposals.commentsById(matching.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((r) => r.id));
  return ok({ proposal: p, total: matching.length, page, pages, comments: shown });
}

/**
 * One comment with its proposal, for a secretary who may see its unit's comments. Someone
 * else's unit's comment is, to them, one that does not exist.
 */
export async function deskComment(deps: ActionDeps, actor: Actor, input: { id: string }): Promise<Result<{ comment: CommentRecord; proposal: Proposal | undefined }>> {
  const unknown = refused('comment-unknown', { id: input.id });
  const asked = can(actor, 'comment.list', {}, deps.config.COUNCIL_UNIT);
  if (asked) return refusedWith(asked);
  const c = /^C\d{1,9}$/i.test(input.id) ? await deps.store.proposals.comment(input.id) : undefined;
  if (!c || can(actor, 'comment.list', { unit: c.unit }, deps.config.COUNCIL_UNIT)) return unknown;
  return ok({ comment: c, proposal: await deps.store.proposals.get(c.proposal) });
}

type Participation = 'commented' | 'agreed' | 'silent';

export interface UnitParticipation {
  unit: string;
  name: string;
  /** Active comments. */
  comments: number;
  state: Participation;
}

/** A proposal's counts, and participation by unit for the units whose comments this person may see. */
export async function deskProposal(deps: ActionDeps, actor: Actor, input: { code: string }): Promise<Result<ProposalDetails & { participation: UnitParticipation[] }>> {
  const viewed = await viewProposal(deps, actor, input);
  if (!viewed.ok) return viewed;
  const { counts, agreed, units } = viewed.value;
  const names = new Map((await deps.store.units.list()).map((u) => [u.code, u.name]));
  const agreedSet = new Set(agreed);
  const council = deps.config.COUNCIL_UNIT;
  const participation = units
    // The council's own unit issues the report rather than being consulted (as the report reads), unless it spoke.
    .filter((u) => u !== council || (counts[`u:${u}`] ?? 0) > 0 || agreedSet.has(u))
    .filter((u) => can(actor, 'comment.list', { unit: u }, council) === undefined)
    .map((unit): UnitParticipation => {
      const comments = counts[`u:${unit}`] ?? 0;
      return { unit, name: names.get(unit) ?? unit, comments, state: comments > 0 ? 'commented' : agreedSet.has(unit) ? 'agreed' : 'silent' };
    });
  return ok({ ...viewed.value, participation });
}

export interface BulkOutcome {
  answered: CommentRecord[];
  refused: { id: string; refusal: Refusal }[];
}

/**
 * The same answer to many comments: `respond` for each, as `/respond` would, a few at a time.
 * Each comment succeeds or is refused on its own (withdrawn meanwhile, unknown); the author
 * of each answered one is told privately.
 */
export async function bulkRespond(deps: ActionDeps, actor: Actor, input: { ids: string[]; kind: ResponseKind; text: string; byName: string }, now = Date.now()): Promise<Result<BulkOutcome>> {
  const refusal = can(actor, 'comment.respond', {}, deps.config.COUNCIL_UNIT);
  if (refusal) return refusedWith(refusal);
  const ids = [...new Set(input.ids.map((id) => id.trim().toUpperCase()).filter(Boolean))];
  if (ids.length === 0) return refused('desk-bulk-none');
  if (ids.length > BULK_MAX) return refused('desk-bulk-too-many', { max: BULK_MAX });
  if (!input.text.trim()) return refused('desk-bulk-no-text');
  const out: BulkOutcome = { answered: [], refused: [] };
  const queue = [...ids];
  // A few in flight: each is a handful of Redis round trips; order of the outcome follows the ids.
  const results = new Map<string, Result<CommentRecord>>();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let id = queue.shift(); id; id = queue.shift()) results.set(id, await respond(deps, actor, { id, kind: input.kind, text: input.text, byName: input.byName }, now));
    }),
  );
  for (const id of ids) {
    const r = results.get(id)!;
    if (r.ok) out.answered.push(r.value);
    else out.refused.push({ id, refusal: r.refusal });
  }
  deps.log.info({ by: actor.userId, answered: out.answered.length, refused: out.refused.length, kind: input.kind }, 'comments answered in bulk');
  return ok(out);
}

/** The proposal's saved wordings (for those who may answer its comments). */
export async function wordings(deps: ActionDeps, actor: Actor, input: { code: string }): Promise<Result<Wording[]>> {
  const refusal = can(actor, 'comment.respond', {}, deps.config.COUNCIL_UNIT);
  if (refusal) return refusedWith(refusal);
  return ok(await deps.store.desk.wordings(input.code.toUpperCase()));
}

/** Keeps a wording for the proposal, to pick again later. */
export async function saveWording(deps: ActionDeps, actor: Actor, input: { code: string; kind: ResponseKind; text: string }): Promise<Result<Wording>> {
  const refusal = can(actor, 'comment.respond', {}, deps.config.COUNCIL_UNIT);
  if (refusal) return refusedWith(refusal);
  const text = input.text.trim();
  if (!text) return refused('desk-bulk-no-text');
  return ok(await deps.store.desk.saveWording(input.code.toUpperCase(), { kind: input.kind, text, by: actor.userId }));
}

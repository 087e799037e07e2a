import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { CommentRecord, Proposal, ResponseKind } from '#root/domain/proposals.js';
import { HISTORY_LUA, historyArgs, type HistoryWrite } from '#root/store/history.js';
import type { Keys } from '#root/store/keys.js';

export const proposalSchema = z.object({
  v: z.literal(1),
  code: z.string(),
  title: z.string(),
  summary: z.string().optional(),
  link: z.string().optional(),
  sections: z.array(z.string()),
  deadline: z.number(),
  units: z.union([z.literal('all'), z.array(z.string())]),
  version: z.number(),
  createdBy: z.number(),
  createdAt: z.number(),
}) satisfies z.ZodType<Proposal>;

export const commentSchema = z.object({
  v: z.literal(1),
  id: z.string(),
  proposal: z.string(),
  section: z.string().optional(),
  text: z.string(),
  author: z.number(),
  authorName: z.string(),
  unit: z.string(),
  createdAt: z.number(),
  updatedAt: z.number().optional(),
  status: z.enum(['active', 'withdrawn']),
  history: z.array(z.object({ text: z.string(), at: z.number() })),
  attachment: z.object({ kind: z.enum(['document', 'photo']), fileId: z.string(), fileName: z.string().optional() }).optional(),
  source: z.object({ chatId: z.number(), messageId: z.number() }),
  response: z
    .object({ kind: z.enum(['accept', 'partial', 'explain']), text: z.string(), by: z.number(), byName: z.string(), at: z.number() })
    .optional(),
  rev: z.number().int().nonnegative().optional(),
}) satisfies z.ZodType<CommentRecord>;

/**
 * Counts kept on write, so /proposal and the summaries cost the same at 10 or 100,000
 * comments: `active`, `withdrawn`, `total`, `s:<section>` and `u:<unit>` (active),
 * `r:<none|accept|partial|explain>` (active), `all:<unit>` (ever recorded, for "new since").
 */
export type ProposalCounts = Record<string, number>;

/**
 * The counts of a proposal computed from its comments as they are now: what ADD_COMMENT,
 * withdrawComment and respond below arrive at step by step (less the fields that went back
 * to 0). Used to rebuild the counts after a restore.
 */
export function countComments(comments: readonly CommentRecord[]): ProposalCounts {
  const out: ProposalCounts = {};
  const inc = (k: string) => (out[k] = (out[k] ?? 0) + 1);
  for (const c of comments) {
    inc('total');
    inc(`all:${c.unit}`);
    if (c.status === 'withdrawn') {
      inc('withdrawn');
      continue;
    }
    inc('active');
    inc(`s:${c.section ?? ''}`);
    inc(`u:${c.unit}`);
    inc(`r:${c.response?.kind ?? 'none'}`);
  }
  return out;
}

/** How many comments each person recorded on a proposal, withdrawn ones included: the cap's count. */
function countAuthors(comments: readonly CommentRecord[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const c of comments) out.set(c.author, (out.get(c.author) ?? 0) + 1);
  return out;
}

/** The number in a short id: C12 → 12 (the score of the comment indexes, the id counters). */
export function idNumber(id: string): number {
  return Number(id.slice(1));
}

/**
 * Records a comment once per source message: the source key is claimed with SET NX, so the
 * same Telegram update delivered twice finds the first comment's id and writes nothing. A
 * person's comments on the proposal are counted in the same step, so no burst gets past the
 * cap (ARGV[8]): at the cap the script writes nothing and answers {-1, count}. The comment's
 * history entry (KEYS[8..13], ARGV[9..10]) is written with it.
 */
const ADD_COMMENT = `${HISTORY_LUA}
local existing = redis.call('GET', KEYS[1])
-- The same id: this very write, re-sent by the client after a reconnect. Still "created".
if existing == ARGV[1] then return {1, existing} end
if existing then return {0, existing} end
local mine = tonumber(redis.call('HGET', KEYS[7], ARGV[7]) or '0')
if mine >= tonumber(ARGV[8]) then return {-1, tostring(mine)} end
redis.call('HINCRBY', KEYS[7], ARGV[7], 1)
redis.call('SET', KEYS[1], ARGV[1])
redis.call('SET', KEYS[2], ARGV[2])
redis.call('ZADD', KEYS[3], ARGV[3], ARGV[1])
redis.call('ZADD', KEYS[4], ARGV[3], ARGV[1])
redis.call('HINCRBY', KEYS[5], 'total', 1)
redis.call('HINCRBY', KEYS[5], 'active', 1)
redis.call('HINCRBY', KEYS[5], 's:' .. ARGV[4], 1)
redis.call('HINCRBY', KEYS[5], 'u:' .. ARGV[5], 1)
redis.call('HINCRBY', KEYS[5], 'all:' .. ARGV[5], 1)
redis.call('HINCRBY', KEYS[5], 'r:none', 1)
redis.call('ZADD', KEYS[6], ARGV[6], ARGV[1])
history_add(8, 9)
return {1, ARGV[1]}
`;

/**
 * Changes a comment (edit, withdraw, respond) only if it is still at the revision the caller
 * read and checked (ARGV[2]); then writes the new record, its count changes and its indexes in
 * the same step. The comment's own state is checked here too, whatever the caller did: only
 * an active comment changes, and only a response changes an answered one. Answers 'ok', or
 * why nothing was written: 'gone', 'stale' (changed since it was read: read it again),
 * 'withdrawn', 'responded'.
 * KEYS: comment, counts, the unit's active comments, the unit's responses, then the change's
 * history entry (six keys).
 * ARGV: op, expected rev, new record, id, now, the history entry (two values), then count
 * deltas as field/amount pairs.
 */
const CHANGE_COMMENT = `${HISTORY_LUA}
local raw = redis.call('GET', KEYS[1])
if not raw then return 'gone' end
local c = cjson.decode(raw)
if (tonumber(c.rev) or 0) ~= tonumber(ARGV[2]) then return 'stale' end
if c.status ~= 'active' then return 'withdrawn' end
local answered = c.response ~= nil and c.response ~= cjson.null
if ARGV[1] ~= 'respond' and answered then return 'responded' end
redis.call('SET', KEYS[1], ARGV[3])
for i = 8, #ARGV, 2 do redis.call('HINCRBY', KEYS[2], ARGV[i], tonumber(ARGV[i + 1])) end
if ARGV[1] == 'withdraw' then redis.call('ZREM', KEYS[3], ARGV[4]) end
if ARGV[1] == 'respond' then redis.call('ZADD', KEYS[4], ARGV[5], ARGV[4]) end
history_add(5, 6)
return 'ok'
`;

/** A new proposal under a code not taken, indexed, with its history entry (KEYS[3..8], ARGV[4..5]). */
const CREATE = `${HISTORY_LUA}
if redis.call('SET', KEYS[1], ARGV[1], 'NX') == false then return 0 end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
history_add(3, 4)
return 1
`;

/** A unit's first "nhất trí, không có ý kiến", with its history entry (KEYS[2..7], ARGV[2..3]). */
const AGREE = `${HISTORY_LUA}
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[4]) == 0 then return 0 end
history_add(2, 2)
return 1
`;

/** What became of a comment change: the record as written, or why nothing was written. */
export type CommentChange = { ok: true; comment: CommentRecord } | { ok: false; reason: 'gone' | 'stale' | 'withdrawn' | 'responded' };

/** What became of a new comment: recorded, already recorded from the same message, or over the cap. */
export type NewComment = { status: 'created' | 'repeat'; id: string } | { status: 'capped'; count: number };

export class ProposalStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  private k(code: string, part?: string): string {
    return this.keys.proposal(part ? `${code}:${part}` : code);
  }

  /** False when the code is taken (codes are chosen by the secretary). With its history entry, in one step. */
  async create(p: Proposal, history?: HistoryWrite): Promise<boolean> {
    const h = historyArgs(this.keys, history);
    return (await this.redis.eval(CREATE, 2 + h.keys.length, this.k(p.code), this.keys.proposals, ...h.keys, JSON.stringify(p), String(p.createdAt), p.code, ...h.argv)) === 1;
  }

  async save(p: Proposal): Promise<void> {
    await this.redis.set(this.k(p.code), JSON.stringify(p));
  }

  async get(code: string): Promise<Proposal | undefined> {
    const raw = await this.redis.get(this.k(code.toUpperCase()));
    return raw ? proposalSchema.parse(JSON.parse(raw)) : undefined;
  }

  async codes(): Promise<string[]> {
    return this.redis.zrange(this.keys.proposals, '0', '-1');
  }

  async list(): Promise<Proposal[]> {
    const codes = await this.codes();
    if (codes.length === 0) return [];
    const raws = await this.redis.mget(codes.map((c) => this.k(c)));
    return raws.flatMap((r) => (r ? [proposalSchema.parse(JSON.parse(r))] : []));
  }

  /** The call for comments posted in a chat: replies to it are comments on the proposal. */
  async setCall(code: string, chatId: number, messageId: number): Promise<void> {
    await this.redis.multi().set(this.keys.callMessage(chatId, messageId), code).hset(this.k(code, 'calls'), String(chatId), String(messageId)).exec();
  }

  /** The calls for comments of a proposal: chat id → message id. */
  async calls(code: string): Promise<Map<number, number>> {
    const raw = await this.redis.hgetall(this.k(code, 'calls'));
    return new Map(Object.entries(raw).map(([c, m]) => [Number(c), Number(m)]));
  }

  async proposalOfMessage(chatId: number, messageId: number): Promise<string | undefined> {
    return (await this.redis.get(this.keys.callMessage(chatId, messageId))) ?? undefined;
  }

  async commentIdOfSource(chatId: number, messageId: number): Promise<string | undefined> {
    return (await this.redis.get(this.keys.commentSource(chatId, messageId))) ?? undefined;
  }

  /**
   * Records a comment unless its source message was recorded already ('repeat', with that
   * comment's id) or its author has `max` comments on the proposal ('capped'; the actions pass
   * COMMENTS_PER_PERSON_MAX, seeding and benchmarks none). Callers check commentIdOfSource and
   * commentsBy first, which keeps the id sequence free of gaps; the script is what guarantees
   * a single record and the cap.
   */
  async addComment(c: Omit<CommentRecord, 'id' | 'v'>, max = Number.MAX_SAFE_INTEGER, history?: (id: string) => HistoryWrite): Promise<NewComment> {
    const n = await this.redis.incr(this.keys.seq('comment'));
    const id = `C${n}`;
    const record: CommentRecord = { v: 1, id, ...c };
    const h = historyArgs(this.keys, history?.(id));
    const [created, winner] = (await this.redis.eval(
      ADD_COMMENT,
      7 + h.keys.length,
      this.keys.commentSource(c.source.chatId, c.source.messageId),
      this.keys.comment(id),
      this.k(c.proposal, 'comments'),
      this.keys.userComments(c.author),
      this.k(c.proposal, 'counts'),
      this.unitIndex(c.proposal, c.unit),
      this.k(c.proposal, 'authors'),
      ...h.keys,
      id,
      JSON.stringify(record),
      String(n),
      c.section ?? '',
      c.unit,
      String(c.createdAt),
      String(c.author),
      String(max),
      ...h.argv,
    )) as [number, string];
    if (created === -1) return { status: 'capped', count: Number(winner) };
    return { status: created === 1 ? 'created' : 'repeat', id: winner };
  }

  /** How many comments a person recorded on a proposal (withdrawn ones included). */
  async commentsBy(code: string, userId: number): Promise<number> {
    return Number((await this.redis.hget(this.k(code, 'authors'), String(userId))) ?? 0);
  }

  /**
   * Remembers for an hour (`seconds`) that a guest was told, in a group, why their reply is
   * not recorded; true the first time, false while it is remembered.
   */
  async tellGuestOnce(chatId: number, userId: number, seconds: number): Promise<boolean> {
    return (await this.redis.set(this.keys.guestTold(chatId, userId), '1', 'EX', seconds, 'NX')) === 'OK';
  }

  /**
   * Writes a full comment record as it is (restoring a backup) with its indexes: the
   * proposal's and the author's comment lists, the source message, the unit's responses.
   * The proposal's counts are not touched: call recount once its comments are all written.
   */
  async putComment(c: CommentRecord): Promise<void> {
    const n = idNumber(c.id);
    const tx = this.redis
      .multi()
      .set(this.keys.comment(c.id), JSON.stringify(c))
      .set(this.keys.commentSource(c.source.chatId, c.source.messageId), c.id)
      .zadd(this.k(c.proposal, 'comments'), n, c.id)
      .zadd(this.keys.userComments(c.author), n, c.id);
    if (c.response) tx.zadd(this.keys.unitResponses(c.unit), c.response.at, c.id);
    if (c.status === 'active') tx.zadd(this.unitIndex(c.proposal, c.unit), c.createdAt, c.id);
    await tx.exec();
  }

  /** Recomputes a proposal's counts and each person's number of comments from its comments. */
  async recount(code: string): Promise<ProposalCounts> {
    const comments = await this.comments(code);
    const counts = countComments(comments);
    const authors = countAuthors(comments);
    const tx = this.redis.multi().del(this.k(code, 'counts'), this.k(code, 'authors'));
    if (Object.keys(counts).length) tx.hset(this.k(code, 'counts'), Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, String(v)])));
    if (authors.size) tx.hset(this.k(code, 'authors'), Object.fromEntries([...authors].map(([a, n]) => [String(a), String(n)])));
    await tx.exec();
    return counts;
  }

  async comment(id: string): Promise<CommentRecord | undefined> {
    const raw = await this.redis.get(this.keys.comment(id.toUpperCase()));
    return raw ? commentSchema.parse(JSON.parse(raw)) : undefined;
  }

  /**
   * Writes `next` in place of `c` if the stored comment is still `c` (same revision), with the
   * count changes, in one step (CHANGE_COMMENT). Callers read, check, and on 'stale' read
   * again: nothing is ever written over a record other than the one checked.
   */
  private async change(
    op: 'edit' | 'withdraw' | 'respond',
    c: CommentRecord,
    next: CommentRecord,
    deltas: Record<string, number>,
    now: number,
    history: HistoryWrite | undefined,
  ): Promise<CommentChange> {
    const written: CommentRecord = { ...next, rev: (c.rev ?? 0) + 1 };
    const args = Object.entries(deltas).flatMap(([k, d]) => [k, String(d)]);
    const h = historyArgs(this.keys, history);
    const res = (await this.redis.eval(
      CHANGE_COMMENT,
      4 + h.keys.length,
      this.keys.comment(c.id),
      this.k(c.proposal, 'counts'),
      this.unitIndex(c.proposal, c.unit),
      this.keys.unitResponses(c.unit),
      ...h.keys,
      op,
      String(c.rev ?? 0),
      JSON.stringify(written),
      c.id,
      String(now),
      ...h.argv,
      ...args,
    )) as string;
    return res === 'ok' ? { ok: true, comment: written } : { ok: false, reason: res as Exclude<CommentChange, { ok: true }>['reason'] };
  }

  /** The author's new text; the earlier one goes to the history. Only while active and unanswered. */
  async editComment(c: CommentRecord, text: string, now = Date.now(), history?: HistoryWrite): Promise<CommentChange> {
    const next = { ...c, text, updatedAt: now, history: [...c.history, { text: c.text, at: c.updatedAt ?? c.createdAt }] };
    return this.change('edit', c, next, {}, now, history);
  }

  /** Kept, marked withdrawn, counted apart. Only while active and unanswered. */
  async withdrawComment(c: CommentRecord, now = Date.now(), history?: HistoryWrite): Promise<CommentChange> {
    const next: CommentRecord = { ...c, status: 'withdrawn', updatedAt: now };
    const r = c.response?.kind ?? 'none';
    return this.change('withdraw', c, next, { active: -1, withdrawn: 1, [`s:${c.section ?? ''}`]: -1, [`u:${c.unit}`]: -1, [`r:${r}`]: -1 }, now, history);
  }

  /** A unit's active comments on a proposal, by time: answers "how many are new since…". */
  private unitIndex(code: string, unit: string): string {
    return this.k(code, `unit:${unit}`);
  }

  /** How many of the unit's comments still active were made after `since`. */
  async activeSince(code: string, unit: string, since: number): Promise<number> {
    return this.redis.zcount(this.unitIndex(code, unit), `(${since}`, '+inf');
  }

  /**
   * The drafting team's answer (a later one replaces it). Only on an active comment. The
   * unit's summaries list the responses its comments received since the last one.
   */
  async respond(c: CommentRecord, kind: ResponseKind, text: string, by: { id: number; name: string }, now = Date.now(), history?: HistoryWrite): Promise<CommentChange> {
    const next: CommentRecord = { ...c, response: { kind, text, by: by.id, byName: by.name, at: now } };
    const before = c.response?.kind ?? 'none';
    return this.change('respond', c, next, before === kind ? {} : { [`r:${before}`]: -1, [`r:${kind}`]: 1 }, now, history);
  }

  /** Comments of a proposal in the order they arrived; fetched in chunks. */
  async comments(code: string): Promise<CommentRecord[]> {
    const ids = await this.redis.zrange(this.k(code, 'comments'), '0', '-1');
    return this.fetch(ids);
  }

  async commentsOfUser(userId: number): Promise<CommentRecord[]> {
    return this.fetch(await this.redis.zrange(this.keys.userComments(userId), '0', '-1'));
  }

  private async fetch(ids: string[]): Promise<CommentRecord[]> {
    const out: CommentRecord[] = [];
    for (let i = 0; i < ids.length; i += 1000) {
      const raws = await this.redis.mget(ids.slice(i, i + 1000).map((id) => this.keys.comment(id)));
      for (const r of raws) if (r) out.push(commentSchema.parse(JSON.parse(r)));
    }
    return out;
  }

  /** Ids of the unit's comments answered after `since`, oldest first. */
  async responsesSince(unit: string, since: number, limit = 50): Promise<string[]> {
    return this.redis.zrangebyscore(this.keys.unitResponses(unit), `(${since}`, '+inf', 'LIMIT', 0, limit);
  }

  async commentsById(ids: string[]): Promise<CommentRecord[]> {
    return this.fetch(ids);
  }

  async counts(code: string): Promise<ProposalCounts> {
    const raw = await this.redis.hgetall(this.k(code, 'counts'));
    return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Number(v)]));
  }

  /** True when this is the unit's first "nhất trí, không có ý kiến" (recorded in the history with it). */
  async agree(code: string, unit: string, by: number, now = Date.now(), history?: HistoryWrite): Promise<boolean> {
    const h = historyArgs(this.keys, history);
    return (await this.redis.eval(AGREE, 1 + h.keys.length, this.k(code, 'agreed'), ...h.keys, unit, ...h.argv, JSON.stringify({ by, at: now }))) === 1;
  }

  async agreed(code: string): Promise<Map<string, { by: number; at: number }>> {
    const raw = await this.redis.hgetall(this.k(code, 'agreed'));
    return new Map(Object.entries(raw).map(([u, v]) => [u, JSON.parse(v) as { by: number; at: number }]));
  }
}

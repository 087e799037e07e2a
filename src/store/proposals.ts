import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { CommentRecord, Proposal, ResponseKind } from '#root/domain/proposals.js';
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

/** The number in a short id: C12 → 12 (the score of the comment indexes, the id counters). */
export function idNumber(id: string): number {
  return Number(id.slice(1));
}

/**
 * Records a comment once per source message: the source key is claimed with SET NX, so the
 * same Telegram update delivered twice finds the first comment's id and writes nothing.
 */
const ADD_COMMENT = `
local existing = redis.call('GET', KEYS[1])
-- The same id: this very write, re-sent by the client after a reconnect. Still "created".
if existing == ARGV[1] then return {1, existing} end
if existing then return {0, existing} end
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
return {1, ARGV[1]}
`;

/** Replaces a comment and applies the count changes computed by the caller, together. */
const UPDATE_COMMENT = `
redis.call('SET', KEYS[1], ARGV[1])
for i = 2, #ARGV, 2 do redis.call('HINCRBY', KEYS[2], ARGV[i], tonumber(ARGV[i + 1])) end
return 1
`;

export class ProposalStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  private k(code: string, part?: string): string {
    return this.keys.proposal(part ? `${code}:${part}` : code);
  }

  /** False when the code is taken (codes are chosen by the secretary). */
  async create(p: Proposal): Promise<boolean> {
    const ok = await this.redis.set(this.k(p.code), JSON.stringify(p), 'NX');
    if (ok !== 'OK') return false;
    await this.redis.zadd(this.keys.proposals, p.createdAt, p.code);
    return true;
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
   * Returns the comment's id and whether this call created it (false: a repeated delivery).
   * Callers that may see repeats check commentIdOfSource first, which also keeps the id
   * sequence free of gaps; the script is what guarantees a single record.
   */
  async addComment(c: Omit<CommentRecord, 'id' | 'v'>): Promise<{ id: string; created: boolean }> {
    const n = await this.redis.incr(this.keys.seq('comment'));
    const id = `C${n}`;
    const record: CommentRecord = { v: 1, id, ...c };
    const [created, winner] = (await this.redis.eval(
      ADD_COMMENT,
      6,
      this.keys.commentSource(c.source.chatId, c.source.messageId),
      this.keys.comment(id),
      this.k(c.proposal, 'comments'),
      this.keys.userComments(c.author),
      this.k(c.proposal, 'counts'),
      this.unitIndex(c.proposal, c.unit),
      id,
      JSON.stringify(record),
      String(n),
      c.section ?? '',
      c.unit,
      String(c.createdAt),
    )) as [number, string];
    return { id: winner, created: created === 1 };
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

  /** Recomputes a proposal's counts from its comments (see countComments). */
  async recount(code: string): Promise<ProposalCounts> {
    const counts = countComments(await this.comments(code));
    const tx = this.redis.multi().del(this.k(code, 'counts'));
    if (Object.keys(counts).length) tx.hset(this.k(code, 'counts'), Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, String(v)])));
    await tx.exec();
    return counts;
  }

  async comment(id: string): Promise<CommentRecord | undefined> {
    const raw = await this.redis.get(this.keys.comment(id.toUpperCase()));
    return raw ? commentSchema.parse(JSON.parse(raw)) : undefined;
  }

  private async update(c: CommentRecord, deltas: Record<string, number>): Promise<void> {
    const args = Object.entries(deltas).flatMap(([k, d]) => [k, String(d)]);
    await this.redis.eval(UPDATE_COMMENT, 2, this.keys.comment(c.id), this.k(c.proposal, 'counts'), JSON.stringify(c), ...args);
  }

  async editComment(c: CommentRecord, text: string, now = Date.now()): Promise<CommentRecord> {
    const next = { ...c, text, updatedAt: now, history: [...c.history, { text: c.text, at: c.updatedAt ?? c.createdAt }] };
    await this.update(next, {});
    return next;
  }

  async withdrawComment(c: CommentRecord, now = Date.now()): Promise<CommentRecord> {
    const next: CommentRecord = { ...c, status: 'withdrawn', updatedAt: now };
    const r = c.response?.kind ?? 'none';
    await this.update(next, { active: -1, withdrawn: 1, [`s:${c.section ?? ''}`]: -1, [`u:${c.unit}`]: -1, [`r:${r}`]: -1 });
    await this.redis.zrem(this.unitIndex(c.proposal, c.unit), c.id);
    return next;
  }

  /** A unit's active comments on a proposal, by time: answers "how many are new since…". */
  private unitIndex(code: string, unit: string): string {
    return this.k(code, `unit:${unit}`);
  }

  /** How many of the unit's comments still active were made after `since`. */
  async activeSince(code: string, unit: string, since: number): Promise<number> {
    return this.redis.zcount(this.unitIndex(code, unit), `(${since}`, '+inf');
  }

  async respond(c: CommentRecord, kind: ResponseKind, text: string, by: { id: number; name: string }, now = Date.now()): Promise<CommentRecord> {
    const next: CommentRecord = { ...c, response: { kind, text, by: by.id, byName: by.name, at: now } };
    const before = c.response?.kind ?? 'none';
    await this.update(next, before === kind ? {} : { [`r:${before}`]: -1, [`r:${kind}`]: 1 });
    // The unit's summaries list the responses its comments received since the last one.
    await this.redis.zadd(this.keys.unitResponses(c.unit), now, c.id);
    return next;
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

  /** True when this is the unit's first "nhất trí, không có ý kiến". */
  async agree(code: string, unit: string, by: number, now = Date.now()): Promise<boolean> {
    return (await this.redis.hsetnx(this.k(code, 'agreed'), unit, JSON.stringify({ by, at: now }))) === 1;
  }

  async agreed(code: string): Promise<Map<string, { by: number; at: number }>> {
    const raw = await this.redis.hgetall(this.k(code, 'agreed'));
    return new Map(Object.entries(raw).map(([u, v]) => [u, JSON.parse(v) as { by: number; at: number }]));
  }
}

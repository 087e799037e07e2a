import type { ChainableCommander, Redis } from 'ioredis';
import { z } from 'zod';
import type { Keys } from '#root/store/keys.js';

/**
 * The audit trail: one entry per change anyone made (who, what, when, before → after, from
 * where), never changed or removed. Entries are written in the same Redis step as the change
 * they record wherever that step is a script or MULTI: the stores' check-and-write scripts
 * take a prepared entry (`HistoryWrite`) and call `history_add` (HISTORY_LUA) after their own
 * checks, so a change that is refused or loses a race records nothing and a change that is
 * written is always recorded. Where a store has no such step, the action writes the entry
 * right after the successful write (each such place says so).
 *
 * Storage: the entries as JSON in one hash (id → entry), the id a 12-digit sequence number;
 * sorted sets by time over it: everything, per entity (a comment, a meeting…), per person
 * and per kind of entity. So an entity's history, a page of the activity log and an export
 * cost a range read and one HMGET, however long the trail.
 */

const VIAS = ['telegram', 'zalo', 'desk', 'job', 'cli'] as const;
/** Where a change was made: the chat, the desk, a background job, a command line tool. */
export type Via = (typeof VIAS)[number];

const ENTITY_KINDS = ['comment', 'meeting', 'proposal', 'notice', 'unit', 'member', 'invite'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** Changed fields only, as they were and as they became (`null`: absent). */
export type Fields = Record<string, unknown>;

const entrySchema = z.object({
  v: z.literal(1),
  at: z.number(),
  actor: z.object({
    userId: z.number(),
    name: z.string(),
    role: z.enum(['admin', 'secretary', 'delegate', 'guest']),
    unit: z.string().optional(),
  }),
  /** The policy's name for what was done ('comment.respond', 'meeting.edit'…). */
  action: z.string(),
  entity: z.object({ kind: z.enum(ENTITY_KINDS), id: z.string() }),
  before: z.record(z.string(), z.unknown()).optional(),
  after: z.record(z.string(), z.unknown()).optional(),
  via: z.enum(VIAS),
});

/** An entry as recorded, with its id (increasing: later entries have higher ids). */
export type HistoryEntry = z.infer<typeof entrySchema> & { id: string };
/** What a change is recorded with. */
export type HistoryInput = Omit<HistoryEntry, 'id' | 'v'>;

/**
 * An entry ready to be written by a store's script, after the script's own keys and values:
 * 6 keys (the id counter, the entries, the four indexes) and 2 values (time, JSON).
 */
export interface HistoryWrite {
  keys: string[];
  argv: string[];
}

/**
 * `history_add(k0, a0, before)`: writes the entry whose keys start at KEYS[k0] and values at
 * ARGV[a0] (see HistoryWrite); nothing when its JSON is empty (a caller with nothing to
 * record). `before`, when the script computes it (the answer an RSVP replaced), is a JSON
 * object put into the entry, which then carries no `before` of its own. Returns the id.
 */
export const HISTORY_LUA = `
local function history_add(k0, a0, before)
  local json = ARGV[a0 + 1]
  if json == '' then return false end
  if before then json = '{"before":' .. before .. ',' .. string.sub(json, 2) end
  local id = string.format('%012d', redis.call('INCR', KEYS[k0]))
  redis.call('HSET', KEYS[k0 + 1], id, json)
  for i = k0 + 2, k0 + 5 do redis.call('ZADD', KEYS[i], ARGV[a0], id) end
  return id
end
`;

const ADD = `${HISTORY_LUA}
return history_add(1, 1)
`;

/** Adds the entry to a MULTI, for a change written by one: recorded if and when the MULTI runs. */
export function historyInMulti(tx: ChainableCommander, h: HistoryWrite): ChainableCommander {
  return tx.eval(ADD, h.keys.length, ...h.keys, ...h.argv);
}

/** The keys and values of an entry for `history_add`. */
export function historyWrite(keys: Keys, e: HistoryInput): HistoryWrite {
  const record = { v: 1, ...e } satisfies z.input<typeof entrySchema>;
  return {
    keys: [keys.seq('history'), keys.historyEntries, keys.history, keys.historyOf(e.entity.kind, e.entity.id), keys.historyBy(e.actor.userId), keys.historyKind(e.entity.kind)],
    argv: [String(e.at), JSON.stringify(record)],
  };
}

/** For a script whose change may have nothing to record: the entry, or a placeholder `history_add` skips. */
export function historyArgs(keys: Keys, h: HistoryWrite | undefined): HistoryWrite {
  return h ?? { keys: [keys.seq('history'), keys.historyEntries, keys.history, keys.history, keys.history, keys.history], argv: ['0', ''] };
}

export interface HistoryQuery {
  /** From this moment (ms, inclusive). */
  from?: number | undefined;
  /** Up to this moment (ms, inclusive). */
  to?: number | undefined;
  /** Changes made by this person. */
  actor?: number | undefined;
  /** Changes to this kind of record. */
  kind?: EntityKind | undefined;
  /** At most this many (default 50, at most 500). */
  limit?: number | undefined;
  /** `next` of the previous page. */
  cursor?: string | undefined;
}

export interface HistoryPage {
  /** Newest first. */
  entries: HistoryEntry[];
  /** Pass as `cursor` for the next (older) page; absent on the last page. */
  next?: string | undefined;
}

const CHUNK = 500;

export class HistoryStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  /** Records an entry now, on its own (a change written by a step that could not carry it). */
  async record(e: HistoryInput): Promise<string> {
    const w = historyWrite(this.keys, e);
    return (await this.redis.eval(ADD, w.keys.length, ...w.keys, ...w.argv)) as string;
  }

  /** The entries by id, in the order asked; ids with no entry are skipped. */
  async get(ids: readonly string[]): Promise<HistoryEntry[]> {
    if (ids.length === 0) return [];
    const raws = await this.redis.hmget(this.keys.historyEntries, ...ids);
    return raws.flatMap((r, i) => (r ? [{ ...entrySchema.parse(JSON.parse(r)), id: ids[i]! }] : []));
  }

  /** One record's history, oldest first; with `limit`, its last `limit` changes. */
  async forEntity(kind: EntityKind, id: string, opts: { limit?: number | undefined } = {}): Promise<HistoryEntry[]> {
    const start = opts.limit ? -opts.limit : 0;
    return this.get(await this.redis.zrange(this.keys.historyOf(kind, id), String(start), '-1'));
  }

  /**
   * A page of the activity log, newest first, filtered by time, person and kind of record.
   * Read from the narrowest index (the person's, else the kind's, else everything), by rank
   * from the cursor, so a page costs the same on the first day and after a year.
   */
  async list(q: HistoryQuery = {}): Promise<HistoryPage> {
    const limit = Math.min(Math.max(Math.trunc(q.limit ?? 50), 1), 500);
    const index = q.actor !== undefined ? this.keys.historyBy(q.actor) : q.kind ? this.keys.historyKind(q.kind) : this.keys.history;
    let rank = 0;
    if (q.cursor) {
      const r = await this.redis.zrevrank(index, q.cursor);
      if (r === null) return { entries: [] };
      rank = r + 1;
    }
    if (q.to !== undefined) rank = Math.max(rank, await this.redis.zcount(index, `(${q.to}`, '+inf'));
    // Filtered here (a kind within a person's changes): read ahead in chunks; else one more than a page.
    const chunk = q.actor !== undefined && q.kind ? CHUNK : limit + 1;
    const out: HistoryEntry[] = [];
    for (;;) {
      const raw = await this.redis.zrevrange(index, rank, rank + chunk - 1, 'WITHSCORES');
      if (raw.length === 0) return { entries: out };
      const ids: string[] = [];
      let past = false;
      for (let i = 0; i < raw.length; i += 2) {
        if (q.from !== undefined && Number(raw[i + 1]) < q.from) {
          past = true;
          break;
        }
        ids.push(raw[i]!);
      }
      for (const e of await this.get(ids)) {
        if (q.kind && e.entity.kind !== q.kind) continue;
        if (out.length === limit) return { entries: out, next: out.at(-1)!.id };
        out.push(e);
      }
      if (past) return { entries: out };
      rank += chunk;
    }
  }

  /** Every entry from `from` to `to` (inclusive), oldest first, a chunk at a time: for exports and backups. */
  async *range(q: { from?: number | undefined; to?: number | undefined } = {}): AsyncGenerator<HistoryEntry[]> {
    const index = this.keys.history;
    let rank = q.from === undefined ? 0 : await this.redis.zcount(index, '-inf', `(${q.from}`);
    const end = q.to === undefined ? (await this.redis.zcard(index)) - 1 : (await this.redis.zcount(index, '-inf', String(q.to))) - 1;
    while (rank <= end) {
      const ids = await this.redis.zrange(index, String(rank), String(Math.min(rank + CHUNK, end + 1) - 1));
      if (ids.length === 0) return;
      yield await this.get(ids);
      rank += ids.length;
    }
  }

  /** How many changes a record has had. */
  async countFor(kind: EntityKind, id: string): Promise<number> {
    return this.redis.zcard(this.keys.historyOf(kind, id));
  }

  async count(): Promise<number> {
    return this.redis.zcard(this.keys.history);
  }

  /**
   * Writes entries as they were, with their ids (restoring a backup), and moves the id
   * counter past the highest, so entries recorded afterwards come after them.
   */
  async restore(entries: readonly HistoryEntry[]): Promise<void> {
    for (let i = 0; i < entries.length; i += CHUNK) {
      const tx = this.redis.multi();
      for (const { id, ...e } of entries.slice(i, i + CHUNK)) {
        const w = historyWrite(this.keys, e);
        tx.hset(this.keys.historyEntries, id, w.argv[1]!);
        for (const k of w.keys.slice(2)) tx.zadd(k, e.at, id);
      }
      await tx.exec();
    }
    const highest = entries.reduce((n, e) => Math.max(n, Number(e.id)), 0);
    await this.redis.eval("if tonumber(redis.call('GET', KEYS[1]) or '0') < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1]) end", 1, this.keys.seq('history'), String(highest));
  }
}

/** The shape of an entry in a backup file (the id included). */
export const historyEntrySchema = entrySchema.extend({ id: z.string().regex(/^\d{12}$/, 'expected a 12-digit history id') });

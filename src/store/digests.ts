import type { Redis } from 'ioredis';
import { z } from 'zod';
import { HISTORY_LUA, historyArgs, type HistoryWrite } from '#root/store/history.js';
import type { Keys } from '#root/store/keys.js';

/**
 * Per unit: the summary schedule chosen with /digest (absent: the configured default), when
 * its last summary went out, and how many comments each proposal had from the unit then,
 * so the next summary can say how many are new.
 */
export interface DigestState {
  spec?: string | undefined;
  lastAt?: number | undefined;
  seen: Record<string, number>;
}

/**
 * The summary last posted in a group: `/summary` asked again within the cooldown points to it
 * instead of posting another. `delivery` is the outbox id of its first message; `messageId`
 * is known once the sender has sent it.
 */
export interface LastSummary {
  chatId: number;
  at: number;
  delivery: string;
  messageId?: number | undefined;
}

const lastSummarySchema = z.object({ v: z.literal(1), chatId: z.number(), at: z.number(), delivery: z.string() });

// Deletes the record only if it is still the one this caller claimed.
const RELEASE = `
local raw = redis.call('GET', KEYS[1])
if raw and cjson.decode(raw).delivery == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/** A unit's schedule, with the change's history entry (KEYS[2..7], ARGV[2..3]). */
const SET_SPEC = `${HISTORY_LUA}
local was = redis.call('HGET', KEYS[1], 'spec')
redis.call('HSET', KEYS[1], 'spec', ARGV[1])
history_add(2, 2, was and cjson.encode({ schedule = was }) or '{"schedule":null}')
`;

export class DigestStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  async get(unit: string): Promise<DigestState> {
    const raw = await this.redis.hgetall(this.keys.digest(unit));
    const seen: Record<string, number> = {};
    for (const [k, v] of Object.entries(raw)) if (k.startsWith('seen:')) seen[k.slice(5)] = Number(v);
    return { spec: raw.spec, lastAt: raw.lastAt ? Number(raw.lastAt) : undefined, seen };
  }

  /** Replaces a unit's state as a whole (restoring a backup). */
  async restore(unit: string, state: DigestState): Promise<void> {
    const fields: Record<string, string> = {};
    if (state.spec !== undefined) fields.spec = state.spec;
    if (state.lastAt !== undefined) fields.lastAt = String(state.lastAt);
    for (const [code, n] of Object.entries(state.seen)) fields[`seen:${code}`] = String(n);
    const tx = this.redis.multi().del(this.keys.digest(unit));
    if (Object.keys(fields).length) tx.hset(this.keys.digest(unit), fields);
    await tx.exec();
  }

  /** Sets the unit's schedule; with `history`, recorded in the same step (the schedule it replaced as `before`). */
  async setSpec(unit: string, spec: string, history?: HistoryWrite): Promise<void> {
    const h = historyArgs(this.keys, history);
    await this.redis.eval(SET_SPEC, 1 + h.keys.length, this.keys.digest(unit), ...h.keys, spec, ...h.argv);
  }

  async markSent(unit: string, at: number, seen: Record<string, number>): Promise<void> {
    const fields: Record<string, string> = { lastAt: String(at) };
    for (const [code, n] of Object.entries(seen)) fields[`seen:${code}`] = String(n);
    await this.redis.hset(this.keys.digest(unit), fields);
  }

  /**
   * Claims the group's next summary for `ttlMs` (SET NX PX), before it is built: of two
   * requests at the same moment exactly one gets it. Returns undefined when claimed, else
   * the summary that holds the group (posted or still being posted).
   */
  async claimSummary(rec: LastSummary, ttlMs: number): Promise<LastSummary | undefined> {
    const ok = await this.redis.set(this.keys.lastSummary(rec.chatId), encodeLast(rec), 'PX', ttlMs, 'NX');
    if (ok === 'OK') return undefined;
    // Expired between the two calls: report it as just posted rather than post a second one.
    return (await this.lastSummary(rec.chatId)) ?? rec;
  }

  /** Records a posted summary (a scheduled one too, which is never held back), replacing any. */
  async recordSummary(rec: LastSummary, ttlMs: number): Promise<void> {
    await this.redis.set(this.keys.lastSummary(rec.chatId), encodeLast(rec), 'PX', ttlMs);
  }

  /** Gives a claim back (building or queueing the summary failed), unless another replaced it. */
  async releaseSummary(chatId: number, delivery: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.keys.lastSummary(chatId), delivery);
  }

  /** The group's last summary within the cooldown, with its first message id once sent. */
  async lastSummary(chatId: number): Promise<LastSummary | undefined> {
    const raw = await this.redis.get(this.keys.lastSummary(chatId));
    if (!raw) return undefined;
    const parsed = lastSummarySchema.safeParse(JSON.parse(raw));
    if (!parsed.success) return undefined;
    const { chatId: chat, at, delivery } = parsed.data;
    // The sender's "sent" record holds the message id of each delivery it has sent.
    const sent = await this.redis.get(this.keys.sent(delivery));
    return { chatId: chat, at, delivery, messageId: sent ? Number(sent) : undefined };
  }
}

function encodeLast(rec: LastSummary): string {
  return JSON.stringify({ v: 1, chatId: rec.chatId, at: rec.at, delivery: rec.delivery });
}

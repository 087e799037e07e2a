import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Recipient } from '#root/domain/broadcasts.js';
import { HISTORY_LUA, historyArgs, historyInMulti, type HistoryWrite } from '#root/store/history.js';
import type { Keys } from '#root/store/keys.js';

const statusSchema = z.enum(['draft', 'sending', 'done', 'cancelled']);
export type BroadcastStatus = z.infer<typeof statusSchema>;

export const broadcastSchema = z.object({
  v: z.literal(1),
  id: z.string(),
  createdBy: z.number(),
  /** The sender's unit when they act for one unit only; undefined for council-wide notices. */
  scopeUnit: z.string().optional(),
  audience: z.object({ groups: z.boolean(), delegates: z.boolean(), units: z.array(z.string()).optional(), pin: z.boolean() }),
  /** Units the notice reached: who may acknowledge it, and the rows of /acks. */
  units: z.array(z.string()),
  notice: z.object({ chatId: z.number(), messageId: z.number() }),
  control: z.object({ chatId: z.number(), messageId: z.number() }).optional(),
  locale: z.enum(['vi', 'en']),
  status: statusSchema,
  total: z.number(),
  groups: z.number(),
  people: z.number(),
  createdAt: z.number(),
  confirmedAt: z.number().optional(),
  finishedAt: z.number().optional(),
});
export type Broadcast = z.infer<typeof broadcastSchema>;

export interface Counts {
  sent: number;
  failed: number;
  dropped: number;
  /** Frozen at the preview but no longer in the notice's units at Send: not sent to. */
  removed: number;
  acked: number;
}

/** Recipients whose outcome is known, whatever it is. */
export function finished(c: Counts): number {
  return c.sent + c.failed + c.dropped + c.removed;
}

export type Outcome =
  | { status: 'sent'; messageId: number; pinFailed: boolean }
  | { status: 'failed'; reason: string }
  | { status: 'dropped' }
  | { status: 'removed' };

/** Why Send did not start: the status the notice was in, 'missing', or 'expired'. */
export type SendBlock = Exclude<BroadcastStatus, 'draft'> | 'missing' | 'expired';

/** Why an acknowledgement was not recorded. */
export type AckRefusal = 'missing' | 'not-sent' | 'not-recipient';

/**
 * Moves a broadcast from one of the allowed states to the next, atomically; with the change's
 * history entry (KEYS[2..7], ARGV[3..4]; its `before` is the status it was in).
 */
const TRANSITION = `${HISTORY_LUA}
local raw = redis.call('GET', KEYS[1])
if not raw then return 'missing' end
local b = cjson.decode(raw)
local ok = false
for i = 5, #ARGV do if b.status == ARGV[i] then ok = true end end
if not ok then return b.status end
local was = b.status
b.status = ARGV[1]
local patch = cjson.decode(ARGV[2])
for k, v in pairs(patch) do b[k] = v end
redis.call('SET', KEYS[1], cjson.encode(b))
history_add(2, 3, cjson.encode({ status = was }))
return 'ok'
`;

/**
 * Send: a draft starts sending only while it is a draft and its preview is younger than the
 * draft's lifetime, checked and written in one step (two presses start one fan-out).
 */
const CONFIRM = `${HISTORY_LUA}
local raw = redis.call('GET', KEYS[1])
if not raw then return 'missing' end
local b = cjson.decode(raw)
if b.status ~= 'draft' then return b.status end
local now = tonumber(ARGV[1])
if b.createdAt < now - tonumber(ARGV[2]) then return 'expired' end
b.status = 'sending'
b.confirmedAt = now
redis.call('SET', KEYS[1], cjson.encode(b))
history_add(2, 3)
return 'ok'
`;

/**
 * "Received": only from someone a sent notice reached, checked against the record, the
 * recipients frozen at the preview, their outcomes and the person's member record in the
 * same step as the write. A person is a recipient if they are in the frozen list (and were
 * not skipped as removed), or if the copy was pressed in a recipient group of their unit.
 * A first "Received" is recorded in the history (KEYS[6..11], ARGV[4..5]).
 */
const ACK = `${HISTORY_LUA}
local raw = redis.call('GET', KEYS[1])
if not raw then return 'missing' end
local b = cjson.decode(raw)
if b.status ~= 'sending' and b.status ~= 'done' then return 'not-sent' end
local m = redis.call('GET', KEYS[4])
if not m then return 'not-recipient' end
local member = cjson.decode(m)
local uid = ARGV[1]
local ok = false
if redis.call('HEXISTS', KEYS[2], uid) == 1 and redis.call('HGET', KEYS[3], uid) ~= 'removed' then ok = true end
if not ok and ARGV[3] ~= '' and ARGV[3] ~= uid then
  local g = redis.call('HGET', KEYS[2], ARGV[3])
  if g then
    local r = cjson.decode(g)
    if r.type == 'group' and r.unit == member.unit then ok = true end
  end
end
if not ok then return 'not-recipient' end
if redis.call('HSETNX', KEYS[5], uid, ARGV[2]) == 1 then
  history_add(6, 4)
  return 'first'
end
return 'again'
`;

/** Records each recipient's outcome once: a retried delivery never counts twice. */
const OUTCOME = `
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
redis.call('HINCRBY', KEYS[2], ARGV[3], 1)
if ARGV[4] == '1' then redis.call('HSET', KEYS[3], ARGV[1], '1') end
return 1
`;

export class BroadcastStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  private k(id: string, part?: string): string {
    return this.keys.broadcast(part ? `${id}:${part}` : id);
  }

  async create(
    b: Omit<Broadcast, 'v' | 'id' | 'status' | 'total' | 'groups' | 'people' | 'createdAt'>,
    recipients: Recipient[],
    now = Date.now(),
    history?: (id: string) => HistoryWrite,
  ): Promise<Broadcast> {
    const id = `B${await this.redis.incr(this.keys.seq('broadcast'))}`;
    const record: Broadcast = {
      v: 1,
      id,
      status: 'draft',
      total: recipients.length,
      groups: recipients.filter((r) => r.type === 'group').length,
      people: recipients.filter((r) => r.type === 'user').length,
      createdAt: now,
      ...b,
    };
    const tx = this.redis.multi().set(this.k(id), JSON.stringify(record)).zadd(this.keys.broadcasts, now, id);
    if (recipients.length) tx.hset(this.k(id, 'recipients'), Object.fromEntries(recipients.map((r) => [String(r.chatId), JSON.stringify(r)])));
    if (history) historyInMulti(tx, history(id));
    await tx.exec();
    return record;
  }

  async get(id: string): Promise<Broadcast | undefined> {
    const raw = await this.redis.get(this.k(id));
    return raw ? broadcastSchema.parse(JSON.parse(raw)) : undefined;
  }

  async recent(limit: number): Promise<Broadcast[]> {
    const ids = await this.redis.zrevrange(this.keys.broadcasts, 0, limit - 1);
    const all = await Promise.all(ids.map((id) => this.get(id)));
    return all.filter((b): b is Broadcast => b !== undefined);
  }

  /** Every broadcast id, oldest first. */
  async ids(): Promise<string[]> {
    return this.redis.zrange(this.keys.broadcasts, '0', '-1');
  }

  /** Writes a broadcast record and its recipients as they are (restoring a backup); outcomes and acks go through recordOutcome and ack. */
  async restore(b: Broadcast, recipients: Recipient[]): Promise<void> {
    const tx = this.redis.multi().set(this.k(b.id), JSON.stringify(b)).zadd(this.keys.broadcasts, b.createdAt, b.id);
    if (recipients.length) tx.hset(this.k(b.id, 'recipients'), Object.fromEntries(recipients.map((r) => [String(r.chatId), JSON.stringify(r)])));
    await tx.exec();
  }

  /** Starts sending a draft younger than `ttlMs`: 'ok', or why not. */
  async confirm(id: string, ttlMs: number, now = Date.now(), history?: HistoryWrite): Promise<'ok' | SendBlock> {
    const h = historyArgs(this.keys, history);
    return (await this.redis.eval(CONFIRM, 1 + h.keys.length, this.k(id), ...h.keys, String(now), String(ttlMs), ...h.argv)) as 'ok' | SendBlock;
  }

  /** Returns 'ok', or the status that prevented the move ('missing' if there is none). With `history`, the move is recorded with it. */
  async transition(id: string, to: BroadcastStatus, from: BroadcastStatus[], patch: Partial<Broadcast> = {}, history?: HistoryWrite): Promise<string> {
    const h = historyArgs(this.keys, history);
    return (await this.redis.eval(TRANSITION, 1 + h.keys.length, this.k(id), ...h.keys, to, JSON.stringify(patch), ...h.argv, ...from)) as string;
  }

  async recipients(id: string): Promise<Recipient[]> {
    const raw = await this.redis.hvals(this.k(id, 'recipients'));
    return raw.map((r) => JSON.parse(r) as Recipient).sort((a, b) => (a.type === b.type ? 0 : a.type === 'group' ? -1 : 1));
  }

  /** One frozen recipient by chat (a person's id or a group's chat id). */
  async recipient(id: string, chatId: number): Promise<Recipient | undefined> {
    const raw = await this.redis.hget(this.k(id, 'recipients'), String(chatId));
    return raw ? (JSON.parse(raw) as Recipient) : undefined;
  }

  async recordOutcome(id: string, chatId: number, o: Outcome): Promise<boolean> {
    const value = o.status === 'sent' ? `sent:${o.messageId}` : o.status === 'failed' ? `failed:${o.reason}` : o.status;
    const pinFailed = o.status === 'sent' && o.pinFailed ? '1' : '0';
    const res = await this.redis.eval(OUTCOME, 3, this.k(id, 'outcomes'), this.k(id, 'counts'), this.k(id, 'pinfail'), String(chatId), value, o.status, pinFailed);
    return res === 1;
  }

  async outcomes(id: string): Promise<Map<number, string>> {
    const raw = await this.redis.hgetall(this.k(id, 'outcomes'));
    return new Map(Object.entries(raw).map(([k, v]) => [Number(k), v]));
  }

  /** The recorded outcomes read back as Outcome values (what recordOutcome was given). */
  async outcomeList(id: string): Promise<{ chatId: number; outcome: Outcome }[]> {
    const [raw, pinFailed] = await Promise.all([this.outcomes(id), this.pinFailures(id)]);
    const pins = new Set(pinFailed);
    return [...raw].map(([chatId, v]) => {
      const colon = v.indexOf(':');
      const status = colon < 0 ? v : v.slice(0, colon);
      const rest = colon < 0 ? '' : v.slice(colon + 1);
      const outcome: Outcome =
        status === 'sent'
          ? { status: 'sent', messageId: Number(rest), pinFailed: pins.has(chatId) }
          : status === 'failed'
            ? { status: 'failed', reason: rest }
            : status === 'removed'
              ? { status: 'removed' }
              : { status: 'dropped' };
      return { chatId, outcome };
    });
  }

  async pinFailures(id: string): Promise<number[]> {
    return (await this.redis.hkeys(this.k(id, 'pinfail'))).map(Number);
  }

  async counts(id: string): Promise<Counts> {
    const [c, acked] = await Promise.all([this.redis.hgetall(this.k(id, 'counts')), this.redis.hlen(this.k(id, 'acks'))]);
    return { sent: Number(c.sent ?? 0), failed: Number(c.failed ?? 0), dropped: Number(c.dropped ?? 0), removed: Number(c.removed ?? 0), acked };
  }

  /**
   * A person's "Received" on a copy pressed in `copyChatId` (their private chat or a group):
   * 'first' or 'again' when recorded, else why not (see ACK).
   */
  async acknowledge(id: string, userId: number, copyChatId: number | undefined, now = Date.now(), history?: HistoryWrite): Promise<'first' | 'again' | AckRefusal> {
    const h = historyArgs(this.keys, history);
    const keys = [this.k(id), this.k(id, 'recipients'), this.k(id, 'outcomes'), this.keys.member(userId), this.k(id, 'acks'), ...h.keys];
    return (await this.redis.eval(ACK, keys.length, ...keys, String(userId), String(now), copyChatId === undefined ? '' : String(copyChatId), ...h.argv)) as 'first' | 'again' | AckRefusal;
  }

  /**
   * Writes an acknowledgement as it was (restoring a backup, seeding benchmarks): no checks.
   * People's presses go through `acknowledge`.
   */
  async ack(id: string, userId: number, now = Date.now()): Promise<boolean> {
    return (await this.redis.hsetnx(this.k(id, 'acks'), String(userId), String(now))) === 1;
  }

  async acks(id: string): Promise<Map<number, number>> {
    const raw = await this.redis.hgetall(this.k(id, 'acks'));
    return new Map(Object.entries(raw).map(([k, v]) => [Number(k), Number(v)]));
  }
}

import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Audience, Recipient } from '#root/domain/broadcasts.js';
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
  acked: number;
}

export type Outcome = { status: 'sent'; messageId: number; pinFailed: boolean } | { status: 'failed'; reason: string } | { status: 'dropped' };

/** Moves a broadcast from one of the allowed states to the next, atomically. */
const TRANSITION = `
local raw = redis.call('GET', KEYS[1])
if not raw then return 'missing' end
local b = cjson.decode(raw)
local ok = false
for i = 3, #ARGV do if b.status == ARGV[i] then ok = true end end
if not ok then return b.status end
b.status = ARGV[1]
local patch = cjson.decode(ARGV[2])
for k, v in pairs(patch) do b[k] = v end
redis.call('SET', KEYS[1], cjson.encode(b))
return 'ok'
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

  /** Returns 'ok', or the status that prevented the move ('missing' if there is none). */
  async transition(id: string, to: BroadcastStatus, from: BroadcastStatus[], patch: Partial<Broadcast> = {}): Promise<string> {
    return (await this.redis.eval(TRANSITION, 1, this.k(id), to, JSON.stringify(patch), ...from)) as string;
  }

  async recipients(id: string): Promise<Recipient[]> {
    const raw = await this.redis.hvals(this.k(id, 'recipients'));
    return raw.map((r) => JSON.parse(r) as Recipient).sort((a, b) => (a.type === b.type ? 0 : a.type === 'group' ? -1 : 1));
  }

  async recordOutcome(id: string, chatId: number, o: Outcome): Promise<boolean> {
    const value = o.status === 'sent' ? `sent:${o.messageId}` : o.status === 'failed' ? `failed:${o.reason}` : 'dropped';
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
        status === 'sent' ? { status: 'sent', messageId: Number(rest), pinFailed: pins.has(chatId) } : status === 'failed' ? { status: 'failed', reason: rest } : { status: 'dropped' };
      return { chatId, outcome };
    });
  }

  async pinFailures(id: string): Promise<number[]> {
    return (await this.redis.hkeys(this.k(id, 'pinfail'))).map(Number);
  }

  async counts(id: string): Promise<Counts> {
    const [c, acked] = await Promise.all([this.redis.hgetall(this.k(id, 'counts')), this.redis.hlen(this.k(id, 'acks'))]);
    return { sent: Number(c.sent ?? 0), failed: Number(c.failed ?? 0), dropped: Number(c.dropped ?? 0), acked };
  }

  /** True when this is the person's first acknowledgement of the notice. */
  async ack(id: string, userId: number, now = Date.now()): Promise<boolean> {
    return (await this.redis.hsetnx(this.k(id, 'acks'), String(userId), String(now))) === 1;
  }

  async acks(id: string): Promise<Map<number, number>> {
    const raw = await this.redis.hgetall(this.k(id, 'acks'));
    return new Map(Object.entries(raw).map(([k, v]) => [Number(k), Number(v)]));
  }
}

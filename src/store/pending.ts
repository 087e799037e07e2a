import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Keys } from '#root/store/keys.js';

/**
 * What a person's next private message is for: one record per person, so a guided form, the
 * name of a substitute and a notice draft never compete for the same message. Starting one
 * replaces whatever was pending; every kind expires after a day.
 */
const pendingSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('wizard'), form: z.string(), step: z.number().int().min(0), raw: z.record(z.string(), z.string()) }),
  z.object({ kind: z.literal('substitute'), meetingId: z.string() }),
  z.object({
    kind: z.literal('notice'),
    audience: z.object({ groups: z.boolean(), delegates: z.boolean(), units: z.array(z.string()).optional(), pin: z.boolean() }),
  }),
]);
export type PendingInput = z.infer<typeof pendingSchema>;
export type PendingKind = PendingInput['kind'];

const PENDING_TTL_SEC = 86_400;

// Takes the record only if it is of the expected kind: a stale press cannot consume another kind.
const TAKE_IF = `
local v = redis.call('GET', KEYS[1])
if not v then return false end
local ok, rec = pcall(cjson.decode, v)
if not ok or rec.kind ~= ARGV[1] then return false end
redis.call('DEL', KEYS[1])
return v
`;

export class PendingStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  async get(userId: number): Promise<PendingInput | undefined> {
    return parse(await this.redis.get(this.keys.pending(userId)));
  }

  async set(userId: number, p: PendingInput, ttlSec = PENDING_TTL_SEC): Promise<void> {
    await this.redis.set(this.keys.pending(userId), JSON.stringify(p), 'EX', ttlSec);
  }

  /** Removes and returns the record if it is of this kind. */
  async take<K extends PendingKind>(userId: number, kind: K): Promise<Extract<PendingInput, { kind: K }> | undefined> {
    const p = parse((await this.redis.eval(TAKE_IF, 1, this.keys.pending(userId), kind)) as string | null);
    return p?.kind === kind ? (p as Extract<PendingInput, { kind: K }>) : undefined;
  }

  async clear(userId: number): Promise<void> {
    await this.redis.del(this.keys.pending(userId));
  }
}

function parse(raw: string | null): PendingInput | undefined {
  if (!raw) return undefined;
  try {
    const r = pendingSchema.safeParse(JSON.parse(raw));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}

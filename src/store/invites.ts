import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { MemberRole } from '#root/domain/roles.js';
import type { Keys } from '#root/store/keys.js';

export interface InviteGrant {
  role: MemberRole;
  unit: string;
  createdBy: number;
}
export type ConsumeResult = { ok: true; grant: InviteGrant } | { ok: false; reason: 'unknown' | 'expired' | 'used' };

/** How long a spent or expired invite is remembered, so its holder is told why, not "unknown". */
const TOMBSTONE_MS = 30 * 24 * 3600_000;

/**
 * Checks and spends one use in a single step on the Redis server, so two people racing for
 * the last use of an invite cannot both get in.
 */
const CONSUME = `
local t = redis.call('HGETALL', KEYS[1])
if #t == 0 then return {'unknown'} end
local h = {}
for i = 1, #t, 2 do h[t[i]] = t[i + 1] end
if tonumber(h.expiresAt) <= tonumber(ARGV[1]) then return {'expired'} end
if tonumber(h.usesLeft) <= 0 then return {'used'} end
redis.call('HINCRBY', KEYS[1], 'usesLeft', -1)
return {'ok', h.role, h.unit, h.createdBy}
`;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class InviteStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  /**
   * 24 random bytes (192 bits) as base64url: 32 characters, inside Telegram's 64-character
   * limit for /start payloads. Only the hash is stored: a leaked database holds no link.
   */
  async create(grant: InviteGrant, uses: number, expiresAt: number, now = Date.now()): Promise<string> {
    const token = randomBytes(24).toString('base64url');
    const key = this.keys.invite(hashToken(token));
    await this.redis
      .multi()
      .hset(key, {
        role: grant.role,
        unit: grant.unit,
        createdBy: String(grant.createdBy),
        createdAt: String(now),
        usesLeft: String(uses),
        expiresAt: String(expiresAt),
      })
      .pexpireat(key, expiresAt + TOMBSTONE_MS)
      .exec();
    return token;
  }

  async consume(token: string, now = Date.now()): Promise<ConsumeResult> {
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return { ok: false, reason: 'unknown' };
    const res = (await this.redis.eval(CONSUME, 1, this.keys.invite(hashToken(token)), String(now))) as string[];
    const [status, role, unit, createdBy] = res;
    if (status !== 'ok') return { ok: false, reason: status as 'unknown' | 'expired' | 'used' };
    return { ok: true, grant: { role: role as MemberRole, unit: unit!, createdBy: Number(createdBy) } };
  }
}

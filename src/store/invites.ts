import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { MemberRole } from '#root/domain/roles.js';
import { CAS_LUA, casArgs, type Guard, type WriteOp } from '#root/store/cas.js';
import { HISTORY_LUA, historyArgs, historyInMulti, type HistoryWrite } from '#root/store/history.js';
import type { Keys } from '#root/store/keys.js';

export interface InviteGrant {
  role: MemberRole;
  unit: string;
  createdBy: number;
}

/** An invite as stored: the token itself is never kept, only its hash. */
export interface Invite extends InviteGrant {
  /** The short public code (I12): what /invites lists and /revokeinvite takes. Absent on invites made before codes existed. */
  code?: string | undefined;
  hash: string;
  createdAt: number;
  uses: number;
  usesLeft: number;
  expiresAt: number;
  revoked: boolean;
}

export type InviteState = 'live' | 'expired' | 'used' | 'revoked';
export type AdmitResult = 'ok' | 'unknown' | Exclude<InviteState, 'live'> | 'no-offer' | 'changed';

/** How long a spent or expired invite is remembered, so its holder is told why, not "unknown". */
const TOMBSTONE_MS = 30 * 24 * 3600_000;

const CODE = /^I[1-9]\d{0,14}$/;

/** Why an invite cannot be used now, checked in the same order on the server. */
export function stateOf(inv: Invite, now: number): InviteState {
  if (inv.revoked) return 'revoked';
  if (inv.expiresAt <= now) return 'expired';
  if (inv.usesLeft <= 0) return 'used';
  return 'live';
}

const INVITE_STATE_LUA = `
local function invite_state(key, now)
  local t = redis.call('HGETALL', key)
  if #t == 0 then return 'unknown', nil end
  local h = {}
  for i = 1, #t, 2 do h[t[i]] = t[i + 1] end
  if h.revokedAt then return 'revoked', h end
  if tonumber(h.expiresAt) <= now then return 'expired', h end
  if tonumber(h.usesLeft) <= 0 then return 'used', h end
  return 'live', h
end
`;

/**
 * Someone joins through an invite: the invite is still live, the person opened it (when a
 * confirmation was asked), neither the person's record nor the invite creator's changed since
 * they were read and judged, then one use is spent and the person's record written, all in
 * one step. Two people racing for the last use cannot both get in; a creator removed a moment
 * before admits nobody.
 * KEYS[1] invite, KEYS[2] live index, then the guards and writes; ARGV[1] now, ARGV[2] user,
 * ARGV[3] '1' if an offer must be taken, ARGV[4] the invite's code, then the guards and writes.
 */
const ADMIT = `${CAS_LUA}${INVITE_STATE_LUA}
local state, h = invite_state(KEYS[1], tonumber(ARGV[1]))
if state ~= 'live' then return state end
local offer = 'offer:' .. ARGV[2]
if ARGV[3] == '1' and redis.call('HEXISTS', KEYS[1], offer) == 0 then return 'no-offer' end
if not cas_check(3, 5) then return 'changed' end
redis.call('HDEL', KEYS[1], offer)
if redis.call('HINCRBY', KEYS[1], 'usesLeft', -1) <= 0 and ARGV[4] ~= '' then redis.call('ZREM', KEYS[2], ARGV[4]) end
cas_write(3, 5)
return 'ok'
`;

/** Revokes a live invite: it admits nobody from now on, and leaves the list. Recorded in the history with it (KEYS[3..8], ARGV[4..5]). */
const REVOKE = `${HISTORY_LUA}${INVITE_STATE_LUA}
local state, h = invite_state(KEYS[1], tonumber(ARGV[1]))
if state ~= 'live' then return state end
redis.call('HSET', KEYS[1], 'revokedAt', ARGV[1], 'revokedBy', ARGV[2], 'usesLeft', '0')
redis.call('ZREM', KEYS[2], ARGV[3])
history_add(3, 4)
return 'ok'
`;

/** Remembers that a person opened the invite and was asked to confirm (only while it is live). */
const OFFER = `${INVITE_STATE_LUA}
local state = invite_state(KEYS[1], tonumber(ARGV[1]))
if state ~= 'live' then return state end
redis.call('HSET', KEYS[1], 'offer:' .. ARGV[2], ARGV[1])
return 'ok'
`;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function isInviteCode(raw: string): boolean {
  return CODE.test(raw);
}

function parse(hash: string, h: Record<string, string>): Invite | undefined {
  if (!h.role || !h.unit) return undefined;
  return {
    ...(h.code ? { code: h.code } : {}),
    hash,
    role: h.role as MemberRole,
    unit: h.unit,
    createdBy: Number(h.createdBy),
    createdAt: Number(h.createdAt),
    uses: Number(h.uses ?? h.usesLeft),
    usesLeft: Number(h.usesLeft),
    expiresAt: Number(h.expiresAt),
    revoked: h.revokedAt !== undefined,
  };
}

export class InviteStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  /**
   * 24 random bytes (192 bits) as base64url: 32 characters, inside Telegram's 64-character
   * limit for /start payloads. Only the hash is stored: a leaked database holds no link. The
   * short code names the invite in lists and revocations; it opens nothing.
   */
  async create(grant: InviteGrant, uses: number, expiresAt: number, now = Date.now(), history?: (code: string) => HistoryWrite): Promise<{ token: string; code: string }> {
    const token = randomBytes(24).toString('base64url');
    const hash = hashToken(token);
    const code = `I${await this.redis.incr(this.keys.seq('invite'))}`;
    const key = this.keys.invite(hash);
    const until = expiresAt + TOMBSTONE_MS;
    const tx = this.redis
      .multi()
      .hset(key, {
        code,
        role: grant.role,
        unit: grant.unit,
        createdBy: String(grant.createdBy),
        createdAt: String(now),
        uses: String(uses),
        usesLeft: String(uses),
        expiresAt: String(expiresAt),
      })
      .pexpireat(key, until)
      .set(this.keys.inviteCode(code), hash, 'PXAT', until)
      .zadd(this.keys.invites, expiresAt, code);
    if (history) historyInMulti(tx, history(code));
    await tx.exec();
    return { token, code };
  }

  async byHash(hash: string): Promise<Invite | undefined> {
    return parse(hash, await this.redis.hgetall(this.keys.invite(hash)));
  }

  /** The invite a link's token opens, if the token has the shape of one. */
  async byToken(token: string, now = Date.now()): Promise<Invite | undefined> {
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return undefined;
    const inv = await this.byHash(hashToken(token));
    return inv && !inv.code ? this.giveCode(inv, now) : inv;
  }

  /** An invite made before invites had codes gets one when it is next opened, so it can be listed, confirmed and revoked. */
  private async giveCode(inv: Invite, now: number): Promise<Invite | undefined> {
    const key = this.keys.invite(inv.hash);
    const code = `I${await this.redis.incr(this.keys.seq('invite'))}`;
    if (await this.redis.hsetnx(key, 'code', code)) {
      const ttl = await this.redis.pttl(key);
      const tx = this.redis.multi().set(this.keys.inviteCode(code), inv.hash, 'PX', ttl > 0 ? ttl : TOMBSTONE_MS);
      if (stateOf(inv, now) === 'live') tx.zadd(this.keys.invites, inv.expiresAt, code);
      await tx.exec();
    }
    return this.byHash(inv.hash);
  }

  /** The invite with this short code (I12), live or not, while it is remembered. */
  async get(code: string): Promise<Invite | undefined> {
    if (!isInviteCode(code)) return undefined;
    const hash = await this.redis.get(this.keys.inviteCode(code));
    return hash ? this.byHash(hash) : undefined;
  }

  /** Invites that can still admit someone, oldest first; those expired meanwhile leave the index. */
  async live(now = Date.now()): Promise<Invite[]> {
    await this.redis.zremrangebyscore(this.keys.invites, '-inf', now);
    const codes = await this.redis.zrangebyscore(this.keys.invites, `(${now}`, '+inf');
    const all = await Promise.all(codes.map((c) => this.get(c)));
    return all
      .filter((i): i is Invite => i !== undefined && stateOf(i, now) === 'live')
      .sort((a, b) => a.createdAt - b.createdAt);
  }

  async revoke(inv: Invite, by: number, now = Date.now(), history?: HistoryWrite): Promise<'ok' | 'unknown' | Exclude<InviteState, 'live'>> {
    const h = historyArgs(this.keys, history);
    return (await this.redis.eval(REVOKE, 2 + h.keys.length, this.keys.invite(inv.hash), this.keys.invites, ...h.keys, String(now), String(by), inv.code ?? '', ...h.argv)) as 'ok';
  }

  /** Revokes every live invite a person made: the codes revoked. */
  async revokeAllBy(creator: number, by: number, now = Date.now()): Promise<string[]> {
    const mine = (await this.live(now)).filter((i) => i.createdBy === creator);
    const results = await Promise.all(mine.map((i) => this.revoke(i, by, now)));
    return mine.filter((_, n) => results[n] === 'ok').map((i) => i.code!);
  }

  /** Records that the person was asked to confirm; their Confirm takes this record. */
  async offer(inv: Invite, userId: number, now = Date.now()): Promise<'ok' | 'unknown' | Exclude<InviteState, 'live'>> {
    return (await this.redis.eval(OFFER, 1, this.keys.invite(inv.hash), String(now), String(userId))) as 'ok';
  }

  async hasOffer(inv: Invite, userId: number): Promise<boolean> {
    return (await this.redis.hexists(this.keys.invite(inv.hash), `offer:${userId}`)) === 1;
  }

  /** Cancel on the confirmation: true if there was an offer to drop. */
  async dropOffer(inv: Invite, userId: number): Promise<boolean> {
    return (await this.redis.hdel(this.keys.invite(inv.hash), `offer:${userId}`)) === 1;
  }

  /**
   * Spends one use and writes the person's record, if the invite is still live, the offer is
   * there (when `offered`), and every guarded record is as it was read. See ADMIT.
   */
  async admit(inv: Invite, userId: number, opts: { offered: boolean; guards: Guard[]; writes: WriteOp[] }, now = Date.now()): Promise<AdmitResult> {
    const { keys, argv } = casArgs(opts.guards, opts.writes);
    return (await this.redis.eval(
      ADMIT,
      2 + keys.length,
      this.keys.invite(inv.hash),
      this.keys.invites,
      ...keys,
      String(now),
      String(userId),
      opts.offered ? '1' : '0',
      inv.code ?? '',
      ...argv,
    )) as AdmitResult;
  }
}

import type { Redis } from 'ioredis';
import { z } from 'zod';
import { compareAndWrite, untilSettled, type WriteOp } from '#root/store/cas.js';
import { HISTORY_LUA, historyArgs, type HistoryWrite } from '#root/store/history.js';
import type { Keys } from '#root/store/keys.js';
import { zaloNumber } from '#root/store/zalo.js';
import { ZALO_ID_BASE } from '#root/zalo/channel.js';

export const memberSchema = z.object({
  v: z.literal(1),
  id: z.number(),
  name: z.string(),
  username: z.string().optional(),
  role: z.enum(['secretary', 'delegate']),
  unit: z.string(),
  joinedAt: z.number(),
  invitedBy: z.number(),
  /** Joined on Zalo: their Zalo id (their id is then a number of Zalo's range, see src/zalo/channel.ts). */
  zaloId: z.string().optional(),
});
export type Member = z.infer<typeof memberSchema>;

export function parseMember(raw: string | null): Member | undefined {
  return raw ? memberSchema.parse(JSON.parse(raw)) : undefined;
}

export const userSchema = z.object({
  lang: z.enum(['vi', 'en']).optional(),
  /** The language of the person's Telegram app, as last seen: for messages the bot starts. */
  tg: z.enum(['vi', 'en']).optional(),
  /** Set once the person has written to the bot in private: only then can it write to them. */
  private: z.literal('1').optional(),
  /** Set when a private send failed with 403 (blocked, deactivated). */
  inactive: z.string().optional(),
  name: z.string().optional(),
});
export type UserPrefs = z.infer<typeof userSchema>;

/** A person's language, with the change's history entry (KEYS[2..7], ARGV[2..3]). */
const SET_LANG = `${HISTORY_LUA}
local was = redis.call('HGET', KEYS[1], 'lang')
redis.call('HSET', KEYS[1], 'lang', ARGV[1])
history_add(2, 2, was and cjson.encode({ lang = was }) or '{"lang":null}')
`;

export class MemberStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  async get(userId: number): Promise<Member | undefined> {
    return parseMember(await this.raw(userId));
  }

  /** The record as stored (a guard for a later compare-and-write), or null. */
  async raw(userId: number): Promise<string | null> {
    return this.redis.get(this.keys.member(userId));
  }

  /** The writes that make `m` the person's record, moving them between unit indexes if the unit changed. */
  writes(m: Omit<Member, 'v'>, previous: Member | undefined): WriteOp[] {
    const id = String(m.id);
    const ops: WriteOp[] = [{ set: this.keys.member(m.id), value: JSON.stringify({ v: 1, ...m } satisfies Member) }, { sadd: this.keys.members, member: id }];
    if (previous && previous.unit !== m.unit) ops.push({ srem: this.keys.unitMembers(previous.unit), member: id });
    ops.push({ sadd: this.keys.unitMembers(m.unit), member: id });
    return ops;
  }

  /** Sets a person's role and unit over whatever record they have now. */
  async put(m: Omit<Member, 'v'>): Promise<void> {
    await untilSettled(async () => {
      const raw = await this.raw(m.id);
      const ok = await compareAndWrite(this.redis, [[this.keys.member(m.id), raw]], this.writes(m, parseMember(raw)));
      return ok ? { done: undefined } : undefined;
    });
  }

  /** Takes a person's role away; the record as it was when removed (recorded in the history with it). */
  async remove(userId: number, history?: (removed: Member) => HistoryWrite): Promise<Member | undefined> {
    return untilSettled(async () => {
      const raw = await this.raw(userId);
      const m = parseMember(raw);
      if (!m) return { done: undefined };
      const id = String(userId);
      const ok = await compareAndWrite(this.redis, [[this.keys.member(userId), raw]], [
        { del: this.keys.member(userId) },
        { srem: this.keys.members, member: id },
        { srem: this.keys.unitMembers(m.unit), member: id },
        ...(history ? [{ history: history(m) }] : []),
      ]);
      return ok ? { done: m } : undefined;
    });
  }

  async list(unit?: string): Promise<Member[]> {
    const ids = await this.redis.smembers(unit ? this.keys.unitMembers(unit) : this.keys.members);
    if (ids.length === 0) return [];
    const raws = await this.redis.mget(ids.map((id) => this.keys.member(Number(id))));
    return raws
      .flatMap((r) => (r ? [memberSchema.parse(JSON.parse(r))] : []))
      .sort((a, b) => a.unit.localeCompare(b.unit) || a.role.localeCompare(b.role) || a.name.localeCompare(b.name, 'vi'));
  }

  async prefs(userId: number): Promise<UserPrefs> {
    return userSchema.parse(await this.redis.hgetall(this.keys.user(userId)));
  }

  /** Replaces a person's preferences as a whole (restoring a backup). */
  async restorePrefs(userId: number, prefs: UserPrefs): Promise<void> {
    const fields = Object.fromEntries(Object.entries(prefs).filter(([, v]) => v !== undefined)) as Record<string, string>;
    const tx = this.redis.multi().del(this.keys.user(userId));
    if (Object.keys(fields).length) tx.hset(this.keys.user(userId), fields);
    await tx.exec();
  }

  /** Sets the person's language; with `history`, the change is recorded in the same step (the language it replaced as `before`). */
  async setLang(userId: number, lang: 'vi' | 'en', history?: HistoryWrite): Promise<void> {
    const h = historyArgs(this.keys, history);
    await this.redis.eval(SET_LANG, 1 + h.keys.length, this.keys.user(userId), ...h.keys, lang, ...h.argv);
  }

  /** Remembers that the person opened a private chat (and that it works again if it had failed). */
  async markPrivateOpen(userId: number, name: string): Promise<void> {
    await this.redis.multi().hset(this.keys.user(userId), 'private', '1', 'name', name).hdel(this.keys.user(userId), 'inactive').exec();
  }

  async setTelegramLang(userId: number, lang: 'vi' | 'en'): Promise<void> {
    await this.redis.hset(this.keys.user(userId), 'tg', lang);
  }

  async markInactive(userId: number, reason: string): Promise<void> {
    await this.redis.hset(this.keys.user(userId), 'inactive', reason);
  }

  // ---- Zalo: a person's Zalo id ↔ their number here (see src/zalo/channel.ts) ---------------

  /** The number of the person with this Zalo id: the one they have, or the next of Zalo's range, for good. */
  idOfZalo(zaloId: string): Promise<number> {
    return zaloNumber(this.redis, this.keys, `u:${zaloId}`, 1);
  }

  /** The Zalo id of a person met on Zalo. */
  async zaloIdOf(userId: number): Promise<string | undefined> {
    const raw = await this.redis.hget(this.keys.zaloOf, String(userId));
    return raw?.startsWith('u:') ? raw.slice(2) : undefined;
  }

  /** A backup's members were imported: their Zalo ids are known again, and new ones are numbered after the highest. */
  async restoreZaloIds(members: Pick<Member, 'id' | 'zaloId'>[]): Promise<void> {
    const onZalo = members.filter((m): m is { id: number; zaloId: string } => m.zaloId !== undefined);
    if (onZalo.length === 0) return;
    const tx = this.redis.multi();
    for (const m of onZalo) tx.hset(this.keys.zaloIds, `u:${m.zaloId}`, String(m.id)).hset(this.keys.zaloOf, String(m.id), `u:${m.zaloId}`);
    // Those who joined on Zalo have numbers of its range; those who joined a Zalo account to a Telegram record do not.
    const numbered = onZalo.map((m) => m.id).filter((id) => id >= ZALO_ID_BASE);
    if (numbered.length) tx.set(this.keys.seq('zalo-person'), String(Math.max(...numbered) - ZALO_ID_BASE));
    await tx.exec();
  }

  /**
   * Joins a Zalo account to a member's record (one person on both channels): their Zalo id
   * now finds this record, which keeps it; the number the account had as a guest finds it no more.
   * Refused when that number is a member's own (someone who joined on Zalo: two records are
   * not merged), or when the record is gone.
   */
  async linkZalo(memberId: number, zaloId: string): Promise<'ok' | 'zalo-member' | 'no-member'> {
    const was = await this.redis.hget(this.keys.zaloIds, `u:${zaloId}`);
    const old = was === null ? undefined : Number(was);
    if (old !== undefined && old !== memberId && (await this.get(old))) return 'zalo-member';
    const done = await untilSettled(async () => {
      const raw = await this.raw(memberId);
      const m = parseMember(raw);
      if (!m) return { done: undefined };
      const { v: _v, ...rest } = m;
      const ok = await compareAndWrite(this.redis, [[this.keys.member(memberId), raw]], this.writes({ ...rest, zaloId }, m));
      return ok ? { done: m } : undefined;
    });
    if (!done) return 'no-member';
    // The guest number keeps pointing at the account (an answer to it may still be on its way).
    const tx = this.redis.multi().hset(this.keys.zaloIds, `u:${zaloId}`, String(memberId)).hset(this.keys.zaloOf, String(memberId), `u:${zaloId}`);
    if (done.zaloId && done.zaloId !== zaloId) tx.hdel(this.keys.zaloIds, `u:${done.zaloId}`);
    await tx.exec();
    return 'ok';
  }
}

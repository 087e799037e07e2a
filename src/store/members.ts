import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { MemberRole } from '#root/domain/roles.js';
import type { Keys } from '#root/store/keys.js';

export const memberSchema = z.object({
  v: z.literal(1),
  id: z.number(),
  name: z.string(),
  username: z.string().optional(),
  role: z.enum(['secretary', 'delegate']),
  unit: z.string(),
  joinedAt: z.number(),
  invitedBy: z.number(),
});
export type Member = z.infer<typeof memberSchema>;

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

export class MemberStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  async get(userId: number): Promise<Member | undefined> {
    const raw = await this.redis.get(this.keys.member(userId));
    return raw ? memberSchema.parse(JSON.parse(raw)) : undefined;
  }

  /** Sets a person's role and unit, moving them between unit indexes if the unit changed. */
  async put(m: Omit<Member, 'v'>): Promise<void> {
    const previous = await this.get(m.id);
    const tx = this.redis.multi();
    if (previous && previous.unit !== m.unit) tx.srem(this.keys.unitMembers(previous.unit), String(m.id));
    tx.set(this.keys.member(m.id), JSON.stringify({ v: 1, ...m } satisfies Member))
      .sadd(this.keys.members, String(m.id))
      .sadd(this.keys.unitMembers(m.unit), String(m.id));
    await tx.exec();
  }

  async remove(userId: number): Promise<Member | undefined> {
    const m = await this.get(userId);
    if (!m) return undefined;
    await this.redis
      .multi()
      .del(this.keys.member(userId))
      .srem(this.keys.members, String(userId))
      .srem(this.keys.unitMembers(m.unit), String(userId))
      .exec();
    return m;
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

  async setLang(userId: number, lang: 'vi' | 'en'): Promise<void> {
    await this.redis.hset(this.keys.user(userId), 'lang', lang);
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
}

import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Keys } from '#root/store/keys.js';

export const unitSchema = z.object({
  v: z.literal(1),
  code: z.string(),
  name: z.string(),
  createdAt: z.number(),
  group: z
    .object({
      chatId: z.number(),
      title: z.string(),
      linkedBy: z.number(),
      linkedAt: z.number(),
      /** false once the bot was removed from the group: kept so the unit shows what happened. */
      active: z.boolean(),
    })
    .optional(),
});
export type Unit = z.infer<typeof unitSchema>;
export type UnitGroup = NonNullable<Unit['group']>;

export type LinkResult =
  | { ok: true; replaced?: { chatId: number; title: string } }
  | { ok: false; reason: 'unknown-unit' }
  | { ok: false; reason: 'linked-elsewhere'; unit: string };

export class UnitStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  async get(code: string): Promise<Unit | undefined> {
    const raw = await this.redis.get(this.keys.unit(code));
    return raw ? unitSchema.parse(JSON.parse(raw)) : undefined;
  }

  async list(): Promise<Unit[]> {
    const codes = (await this.redis.smembers(this.keys.units)).sort();
    if (codes.length === 0) return [];
    const raws = await this.redis.mget(codes.map((c) => this.keys.unit(c)));
    return raws.flatMap((r) => (r ? [unitSchema.parse(JSON.parse(r))] : []));
  }

  async codes(): Promise<string[]> {
    return (await this.redis.smembers(this.keys.units)).sort();
  }

  /** Creates the unit, or renames it keeping its group link. Returns whether it was new. */
  async upsert(code: string, name: string, now = Date.now()): Promise<{ created: boolean }> {
    const existing = await this.get(code);
    const unit: Unit = existing ? { ...existing, name } : { v: 1, code, name, createdAt: now };
    await this.redis.multi().set(this.keys.unit(code), JSON.stringify(unit)).sadd(this.keys.units, code).exec();
    return { created: !existing };
  }

  /** Writes a unit record as it is (restoring a backup): the record, the unit index and its group's chat link. */
  async restore(u: Unit): Promise<void> {
    const tx = this.redis.multi().set(this.keys.unit(u.code), JSON.stringify(u)).sadd(this.keys.units, u.code);
    if (u.group) tx.set(this.keys.chatUnit(u.group.chatId), u.code);
    await tx.exec();
  }

  async memberCount(code: string): Promise<number> {
    return this.redis.scard(this.keys.unitMembers(code));
  }

  async unitOfChat(chatId: number): Promise<string | undefined> {
    return (await this.redis.get(this.keys.chatUnit(chatId))) ?? undefined;
  }

  /** Links a group to a unit. A unit has one group: linking a new one replaces the old. */
  async linkGroup(code: string, chat: { id: number; title: string }, by: number, now = Date.now()): Promise<LinkResult> {
    const unit = await this.get(code);
    if (!unit) return { ok: false, reason: 'unknown-unit' };
    const current = await this.unitOfChat(chat.id);
    if (current && current !== code) return { ok: false, reason: 'linked-elsewhere', unit: current };
    const old = unit.group && unit.group.chatId !== chat.id ? unit.group : undefined;
    const next: Unit = { ...unit, group: { chatId: chat.id, title: chat.title, linkedBy: by, linkedAt: now, active: true } };
    const tx = this.redis.multi().set(this.keys.unit(code), JSON.stringify(next)).set(this.keys.chatUnit(chat.id), code);
    if (old) tx.del(this.keys.chatUnit(old.chatId));
    await tx.exec();
    return old ? { ok: true, replaced: { chatId: old.chatId, title: old.title } } : { ok: true };
  }

  async unlinkGroup(chatId: number): Promise<string | undefined> {
    const code = await this.unitOfChat(chatId);
    if (!code) return undefined;
    const unit = await this.get(code);
    const tx = this.redis.multi().del(this.keys.chatUnit(chatId));
    if (unit?.group?.chatId === chatId) {
      const { group: _dropped, ...rest } = unit;
      tx.set(this.keys.unit(code), JSON.stringify(rest));
    }
    await tx.exec();
    return code;
  }

  /** The bot was removed from (or re-added to) a linked group. */
  async setGroupActive(chatId: number, active: boolean, title?: string): Promise<string | undefined> {
    const code = await this.unitOfChat(chatId);
    const unit = code ? await this.get(code) : undefined;
    if (!code || !unit?.group || unit.group.chatId !== chatId) return undefined;
    const group = { ...unit.group, active, title: title ?? unit.group.title };
    await this.redis.set(this.keys.unit(code), JSON.stringify({ ...unit, group }));
    return code;
  }

  /** A group became a supergroup: Telegram gave it a new id; follow it. */
  async migrateGroup(oldChatId: number, newChatId: number): Promise<string | undefined> {
    const code = await this.unitOfChat(oldChatId);
    const unit = code ? await this.get(code) : undefined;
    if (!code || !unit?.group) return undefined;
    const group = { ...unit.group, chatId: newChatId };
    await this.redis
      .multi()
      .set(this.keys.unit(code), JSON.stringify({ ...unit, group }))
      .set(this.keys.chatUnit(newChatId), code)
      .del(this.keys.chatUnit(oldChatId))
      .exec();
    return code;
  }
}

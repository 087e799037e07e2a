import type { Redis } from 'ioredis';
import { z } from 'zod';
import { UNIT_KINDS, type UnitRow } from '#root/domain/units.js';
import { compareAndWrite, untilSettled, type Guard, type WriteOp } from '#root/store/cas.js';
import type { HistoryWrite } from '#root/store/history.js';
import type { Keys } from '#root/store/keys.js';

export const unitSchema = z.object({
  v: z.literal(1),
  code: z.string(),
  name: z.string(),
  createdAt: z.number(),
  /** city, phuong, xa, quan, huyen, thi_xa…: set by a units file (absent for units made by /addunit). */
  kind: z.enum(UNIT_KINDS).optional(),
  /** The code of the national list of administrative units (e.g. 00070), when a units file gave one. */
  officialCode: z.string().optional(),
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

function parseUnit(raw: string | null): Unit | undefined {
  return raw ? unitSchema.parse(JSON.parse(raw)) : undefined;
}

/** What loading a units file changed (see UnitStore.importAll). */
export interface UnitImport {
  created: { code: string; name: string }[];
  renamed: { code: string; from: string; to: string }[];
  /** Same name, but the kind or official code was set or changed. */
  updated: { code: string; name: string }[];
  unchanged: number;
  /** Units the deployment has that the file does not name: listed, left as they are. */
  missing: { code: string; name: string }[];
}

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
    return parseUnit(await this.raw(code));
  }

  private raw(code: string): Promise<string | null> {
    return this.redis.get(this.keys.unit(code));
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
  async upsert(code: string, name: string, now = Date.now(), history?: (existing: Unit | undefined) => HistoryWrite | undefined): Promise<{ created: boolean }> {
    return untilSettled(async () => {
      const raw = await this.raw(code);
      const existing = parseUnit(raw);
      const unit: Unit = existing ? { ...existing, name } : { v: 1, code, name, createdAt: now };
      const h = history?.(existing);
      const ok = await compareAndWrite(this.redis, [[this.keys.unit(code), raw]], [
        { set: this.keys.unit(code), value: JSON.stringify(unit) },
        { sadd: this.keys.units, member: code },
        ...(h ? [{ history: h }] : []),
      ]);
      return ok ? { done: { created: !existing } } : undefined;
    });
  }

  /**
   * Loads a units file's rows: creates the units that are new, renames those whose name
   * changed and sets kinds and official codes, keeping every group link. Never deletes: units
   * the file leaves out are reported as missing and left alone. All the rows are checked and
   * written in one step, against the records as read: a unit changed meanwhile makes it read
   * and decide again, so the report says exactly what was written.
   */
  async importAll(rows: readonly UnitRow[], now = Date.now()): Promise<UnitImport> {
    return untilSettled(async () => {
      const codes = rows.map((r) => r.code);
      const [raws, indexed] = await Promise.all([this.redis.mget(codes.map((c) => this.keys.unit(c))), this.codes()]);
      const listed = new Set(indexed);
      const report: UnitImport = { created: [], renamed: [], updated: [], unchanged: 0, missing: [] };
      const guards: Guard[] = [];
      const writes: WriteOp[] = [];
      rows.forEach((row, i) => {
        const raw = raws[i] ?? null;
        const existing = parseUnit(raw);
        guards.push([this.keys.unit(row.code), raw]);
        const details = { kind: row.kind, ...(row.officialCode ? { officialCode: row.officialCode } : {}) };
        if (!existing) {
          report.created.push({ code: row.code, name: row.name });
          writes.push({ set: this.keys.unit(row.code), value: JSON.stringify({ v: 1, code: row.code, name: row.name, createdAt: now, ...details } satisfies Unit) });
          writes.push({ sadd: this.keys.units, member: row.code });
          return;
        }
        const renamed = existing.name !== row.name;
        const detailsChanged = existing.kind !== row.kind || (row.officialCode !== undefined && existing.officialCode !== row.officialCode);
        if (renamed) report.renamed.push({ code: row.code, from: existing.name, to: row.name });
        else if (detailsChanged) report.updated.push({ code: row.code, name: row.name });
        else report.unchanged++;
        if (renamed || detailsChanged) writes.push({ set: this.keys.unit(row.code), value: JSON.stringify({ ...existing, name: row.name, ...details } satisfies Unit) });
        // A unit whose record exists but fell out of the index (an old import) is listed again.
        if (!listed.has(row.code)) writes.push({ sadd: this.keys.units, member: row.code });
      });
      const inFile = new Set(codes);
      const others = indexed.filter((c) => !inFile.has(c));
      const otherUnits = others.length ? await this.redis.mget(others.map((c) => this.keys.unit(c))) : [];
      report.missing = others.map((code, i) => ({ code, name: parseUnit(otherUnits[i] ?? null)?.name ?? code }));
      if (!(await compareAndWrite(this.redis, guards, writes))) return undefined;
      return { done: report };
    });
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

  /**
   * Links a group to a unit. A unit has one group: linking a new one replaces the old. The
   * unit's record and both chats' links are checked and written in one step, so two groups
   * linked at once leave one linked group, not two chats pointing at the unit.
   */
  async linkGroup(code: string, chat: { id: number; title: string }, by: number, now = Date.now(), history?: (previous: UnitGroup | undefined) => HistoryWrite): Promise<LinkResult> {
    return untilSettled<LinkResult>(async () => {
      const [raw, current] = await Promise.all([this.raw(code), this.unitOfChat(chat.id)]);
      const unit = parseUnit(raw);
      if (!unit) return { done: { ok: false, reason: 'unknown-unit' } };
      if (current && current !== code) return { done: { ok: false, reason: 'linked-elsewhere', unit: current } };
      const old = unit.group && unit.group.chatId !== chat.id ? unit.group : undefined;
      const next: Unit = { ...unit, group: { chatId: chat.id, title: chat.title, linkedBy: by, linkedAt: now, active: true } };
      const guards: Guard[] = [[this.keys.unit(code), raw], [this.keys.chatUnit(chat.id), current ?? null]];
      const writes: WriteOp[] = [{ set: this.keys.unit(code), value: JSON.stringify(next) }, { set: this.keys.chatUnit(chat.id), value: code }];
      if (old) {
        const oldLink = await this.unitOfChat(old.chatId);
        guards.push([this.keys.chatUnit(old.chatId), oldLink ?? null]);
        if (oldLink === code) writes.push({ del: this.keys.chatUnit(old.chatId) });
      }
      if (history) writes.push({ history: history(unit.group) });
      if (!(await compareAndWrite(this.redis, guards, writes))) return undefined;
      return { done: old ? { ok: true, replaced: { chatId: old.chatId, title: old.title } } : { ok: true } };
    });
  }

  /** Unlinks a group from its unit; the unit it was linked to, if any. */
  async unlinkGroup(chatId: number, expected?: string, history?: (group: UnitGroup | undefined) => HistoryWrite): Promise<string | undefined> {
    return untilSettled(async () => {
      const code = await this.unitOfChat(chatId);
      if (!code || (expected !== undefined && code !== expected)) return { done: undefined };
      const raw = await this.raw(code);
      const unit = parseUnit(raw);
      const writes: WriteOp[] = [{ del: this.keys.chatUnit(chatId) }];
      if (unit?.group?.chatId === chatId) {
        const { group: _dropped, ...rest } = unit;
        writes.push({ set: this.keys.unit(code), value: JSON.stringify(rest) });
      }
      if (history) writes.push({ history: history(unit?.group?.chatId === chatId ? unit.group : undefined) });
      const ok = await compareAndWrite(this.redis, [[this.keys.chatUnit(chatId), code], [this.keys.unit(code), raw]], writes);
      return ok ? { done: code } : undefined;
    });
  }

  /** The bot was removed from (or re-added to) a linked group. */
  async setGroupActive(chatId: number, active: boolean, title?: string): Promise<string | undefined> {
    return untilSettled(async () => {
      const code = await this.unitOfChat(chatId);
      const raw = code ? await this.raw(code) : null;
      const unit = parseUnit(raw);
      if (!code || !unit?.group || unit.group.chatId !== chatId) return { done: undefined };
      const group = { ...unit.group, active, title: title ?? unit.group.title };
      const ok = await compareAndWrite(this.redis, [[this.keys.chatUnit(chatId), code], [this.keys.unit(code), raw]], [
        { set: this.keys.unit(code), value: JSON.stringify({ ...unit, group }) },
      ]);
      return ok ? { done: code } : undefined;
    });
  }

  /** A group became a supergroup: Telegram gave it a new id; follow it. */
  async migrateGroup(oldChatId: number, newChatId: number): Promise<string | undefined> {
    return untilSettled(async () => {
      const code = await this.unitOfChat(oldChatId);
      const raw = code ? await this.raw(code) : null;
      const unit = parseUnit(raw);
      if (!code || !unit?.group) return { done: undefined };
      const group = { ...unit.group, chatId: newChatId };
      const ok = await compareAndWrite(this.redis, [[this.keys.chatUnit(oldChatId), code], [this.keys.unit(code), raw]], [
        { set: this.keys.unit(code), value: JSON.stringify({ ...unit, group }) },
        { set: this.keys.chatUnit(newChatId), value: code },
        { del: this.keys.chatUnit(oldChatId) },
      ]);
      return ok ? { done: code } : undefined;
    });
  }
}

import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Meeting, Rsvp, RsvpRecord } from '#root/domain/meetings.js';
import { HISTORY_LUA, historyArgs, type HistoryWrite } from '#root/store/history.js';
import type { Keys } from '#root/store/keys.js';

export const meetingSchema = z.object({
  v: z.literal(1),
  id: z.string(),
  title: z.string(),
  startsAt: z.number(),
  durationMin: z.number(),
  place: z.string().optional(),
  link: z.string().optional(),
  units: z.union([z.literal('all'), z.array(z.string())]),
  proposal: z.string().optional(),
  agenda: z.array(z.string()),
  remindersMs: z.array(z.number()),
  status: z.enum(['scheduled', 'cancelled']),
  cancelReason: z.string().optional(),
  version: z.number(),
  createdBy: z.number(),
  createdAt: z.number(),
  updatedAt: z.number(),
}) satisfies z.ZodType<Meeting>;

export const rsvpSchema = z.object({ answer: z.enum(['yes', 'no', 'sub']), sub: z.string().optional(), unit: z.string(), name: z.string(), at: z.number() });

/**
 * Sets a person's answer and keeps the per-answer counts in step, in one step. A live answer
 * also names what it was decided on: the meeting's version (an edit or a cancellation since
 * means deciding again) and the unit the person belonged to (removed or moved since: no).
 * A restore passes neither. The answer's history entry (KEYS[5..10], ARGV[7..8]) is written
 * with it, with the answer it replaced as its `before`.
 */
const RSVP = `${HISTORY_LUA}
if ARGV[5] ~= '' then
  local m = redis.call('GET', KEYS[3])
  if not m or cjson.decode(m).version ~= tonumber(ARGV[5]) then return {0, 'meeting-changed'} end
end
if ARGV[6] ~= '' then
  local p = redis.call('GET', KEYS[4])
  if not p or cjson.decode(p).unit ~= ARGV[6] then return {0, 'member-changed'} end
end
local prev = redis.call('HGET', KEYS[1], ARGV[1])
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
if prev then
  local was = cjson.decode(prev)
  local old = was.answer
  redis.call('HINCRBY', KEYS[2], old, -1)
  redis.call('HINCRBY', KEYS[2], ARGV[3], 1)
  history_add(5, 7, cjson.encode({ answer = old, sub = was.sub }))
  return {1, old}
end
history_add(5, 7, '{"answer":null}')
redis.call('HINCRBY', KEYS[2], ARGV[3], 1)
-- A first answer: the unit's count of people who answered (the council summary reads it).
redis.call('HINCRBY', KEYS[2], 'u:' .. ARGV[4], 1)
return {1, ''}
`;

/** Replaces a meeting only if it is still the version the change was decided on; with the change's history entry (KEYS[3..8], ARGV[5..6]). */
const REPLACE = `${HISTORY_LUA}
local m = redis.call('GET', KEYS[1])
if not m or cjson.decode(m).version ~= tonumber(ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
history_add(3, 5)
return 1
`;

/** A new meeting: the record, the index, its history entry (KEYS[3..8], ARGV[3..4]). */
const CREATE = `${HISTORY_LUA}
redis.call('SET', KEYS[1], ARGV[1])
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[5])
history_add(3, 3)
return 1
`;

/** What a live answer was decided on; see RSVP. */
interface RsvpExpect {
  /** The meeting's version when it was checked. */
  version: number;
  /** The unit of the person's member record when it was checked; absent: not checked (an admin). */
  memberUnit?: string | undefined;
}

type RsvpWrite = { written: true; previous: Rsvp | undefined } | { written: false; reason: 'meeting-changed' | 'member-changed' };

export class MeetingStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  private k(id: string, part?: string): string {
    return this.keys.meeting(part ? `${id}:${part}` : id);
  }

  /** A new meeting, with its history entry (given its id) in the same step. */
  async create(m: Omit<Meeting, 'v' | 'id' | 'version' | 'status' | 'createdAt' | 'updatedAt'>, now = Date.now(), history?: (id: string) => HistoryWrite): Promise<Meeting> {
    const id = `M${await this.redis.incr(this.keys.seq('meeting'))}`;
    const meeting: Meeting = { v: 1, id, status: 'scheduled', version: 1, createdAt: now, updatedAt: now, ...m };
    const h = historyArgs(this.keys, history?.(id));
    await this.redis.eval(CREATE, 2 + h.keys.length, this.k(id), this.keys.meetings, ...h.keys, JSON.stringify(meeting), String(meeting.startsAt), ...h.argv, id);
    return meeting;
  }

  /** Writes a record as it is given: a new meeting, or a restore. Changes go through `replace`. */
  async save(m: Meeting): Promise<void> {
    await this.redis.multi().set(this.k(m.id), JSON.stringify(m)).zadd(this.keys.meetings, m.startsAt, m.id).exec();
  }

  /**
   * Writes `next` only if the stored meeting is still at `expectVersion` (the version the
   * change was decided on): an edit and a cancellation at the same moment cannot overwrite
   * each other. False: it changed since; read it again and decide again.
   */
  async replace(expectVersion: number, next: Meeting, history?: HistoryWrite): Promise<boolean> {
    const h = historyArgs(this.keys, history);
    const done = await this.redis.eval(REPLACE, 2 + h.keys.length, this.k(next.id), this.keys.meetings, ...h.keys, String(expectVersion), JSON.stringify(next), String(next.startsAt), next.id, ...h.argv);
    return done === 1;
  }

  async get(id: string): Promise<Meeting | undefined> {
    const raw = await this.redis.get(this.k(id));
    return raw ? meetingSchema.parse(JSON.parse(raw)) : undefined;
  }

  /** Every meeting id, past and future, in order of start. */
  async ids(): Promise<string[]> {
    return this.redis.zrange(this.keys.meetings, '0', '-1');
  }

  /** Meetings that have not ended yet (cancelled ones included: callers filter), soonest first. */
  async upcoming(now: number, limit = 100): Promise<Meeting[]> {
    // A meeting lasts at most a day, so one day back covers every meeting still running.
    const ids = await this.redis.zrangebyscore(this.keys.meetings, now - 86_400_000, '+inf', 'LIMIT', 0, limit);
    const all = await Promise.all(ids.map((id) => this.get(id)));
    return all.filter((m): m is Meeting => m !== undefined && m.startsAt + m.durationMin * 60_000 > now);
  }

  async setAnnouncement(id: string, chatId: number, messageId: number): Promise<void> {
    await this.redis.hset(this.k(id, 'ann'), String(chatId), String(messageId));
  }

  /** The group of an announcement became a supergroup: the old message is left behind. */
  async removeAnnouncement(id: string, chatId: number): Promise<void> {
    await this.redis.hdel(this.k(id, 'ann'), String(chatId));
  }

  async announcements(id: string): Promise<Map<number, number>> {
    const raw = await this.redis.hgetall(this.k(id, 'ann'));
    return new Map(Object.entries(raw).map(([c, m]) => [Number(c), Number(m)]));
  }

  /**
   * Records an answer and returns the previous one. With `expect`, only if the meeting and
   * the person's membership are still as they were when the answer was allowed.
   */
  async rsvp(id: string, userId: number, r: RsvpRecord, expect?: RsvpExpect, history?: HistoryWrite): Promise<RsvpWrite> {
    const h = historyArgs(this.keys, history);
    const keys = [this.k(id, 'rsvp'), this.k(id, 'counts'), this.k(id), this.keys.member(userId), ...h.keys];
    const args = [String(userId), JSON.stringify(r), r.answer, r.unit, expect ? String(expect.version) : '', expect?.memberUnit ?? '', ...h.argv];
    const [written, detail] = (await this.redis.eval(RSVP, keys.length, ...keys, ...args)) as [number, string];
    if (written === 1) return { written: true, previous: (detail || undefined) as Rsvp | undefined };
    return { written: false, reason: detail as 'meeting-changed' | 'member-changed' };
  }

  async rsvps(id: string): Promise<Map<number, RsvpRecord>> {
    const raw = await this.redis.hgetall(this.k(id, 'rsvp'));
    return new Map(Object.entries(raw).map(([u, r]) => [Number(u), rsvpSchema.parse(JSON.parse(r))]));
  }

  async rsvpOf(id: string, userId: number): Promise<RsvpRecord | undefined> {
    const raw = await this.redis.hget(this.k(id, 'rsvp'), String(userId));
    return raw ? rsvpSchema.parse(JSON.parse(raw)) : undefined;
  }

  async counts(id: string): Promise<Record<Rsvp, number>> {
    const c = await this.redis.hgetall(this.k(id, 'counts'));
    return { yes: Number(c.yes ?? 0), no: Number(c.no ?? 0), sub: Number(c.sub ?? 0) };
  }

  /** How many people of each unit have answered (kept on write), by unit code. */
  async answeredByUnit(id: string): Promise<Record<string, number>> {
    const c = await this.redis.hgetall(this.k(id, 'counts'));
    return Object.fromEntries(Object.entries(c).filter(([k]) => k.startsWith('u:')).map(([k, v]) => [k.slice(2), Number(v)]));
  }

  /** The answers of these people only (a unit's members), without reading everyone's. */
  async rsvpsOf(id: string, userIds: number[]): Promise<Map<number, RsvpRecord>> {
    if (userIds.length === 0) return new Map();
    const raw = await this.redis.hmget(this.k(id, 'rsvp'), ...userIds.map(String));
    const out = new Map<number, RsvpRecord>();
    raw.forEach((r, i) => {
      if (r) out.set(userIds[i]!, rsvpSchema.parse(JSON.parse(r)));
    });
    return out;
  }

  /** A fresh number for each refresh of the announcements (part of their edit job ids). */
  async nextRefresh(id: string): Promise<number> {
    return this.redis.incr(this.k(id, 'refresh'));
  }

  /**
   * Reminders still to send, by due time (member `M3|v2|3600000|1`: id, version, offset,
   * whether it is the meeting's first). One due reminder's job sends every reminder due by
   * then, so many meetings due together reach each group as one message.
   */
  async addDue(entries: { entry: string; at: number }[]): Promise<void> {
    if (entries.length) await this.redis.zadd(this.keys.remindDue, ...entries.flatMap((e) => [String(e.at), e.entry]));
  }

  async removeDue(entries: string[]): Promise<void> {
    if (entries.length) await this.redis.zrem(this.keys.remindDue, ...entries);
  }

  async isDue(entry: string): Promise<boolean> {
    return (await this.redis.zscore(this.keys.remindDue, entry)) !== null;
  }

  async dueBy(now: number): Promise<string[]> {
    return this.redis.zrangebyscore(this.keys.remindDue, '-inf', String(now));
  }

  /** One process at a time sends due reminders; the lock expires if that process dies. */
  async lockReminders(owner: string, ttlMs = 30_000): Promise<boolean> {
    return (await this.redis.set(this.keys.remindLock, owner, 'PX', ttlMs, 'NX')) === 'OK';
  }

  async unlockReminders(owner: string): Promise<void> {
    await this.redis.eval("if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0", 1, this.keys.remindLock, owner);
  }

  /** Which of these reminder-and-group pairs were already sent (a retried run skips them). */
  async sentReminders(pairs: string[]): Promise<boolean[]> {
    if (pairs.length === 0) return [];
    const raw = await this.redis.mget(pairs.map((p) => this.keys.remindSent(p)));
    return raw.map((v) => v !== null);
  }

  async markRemindersSent(pairs: string[]): Promise<void> {
    if (pairs.length === 0) return;
    const tx = this.redis.multi();
    for (const p of pairs) tx.set(this.keys.remindSent(p), '1', 'EX', 7 * 86_400);
    await tx.exec();
  }

  async getMany(ids: string[]): Promise<(Meeting | undefined)[]> {
    if (ids.length === 0) return [];
    const raws = await this.redis.mget(ids.map((id) => this.k(id)));
    return raws.map((r) => (r ? meetingSchema.parse(JSON.parse(r)) : undefined));
  }
}

import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { ResponseKind } from '#root/domain/proposals.js';
import type { Keys } from '#root/store/keys.js';

/**
 * What the desk keeps in Redis. Secrets (session ids, one-time login tokens) are 256 random
 * bits handed to the browser and stored only as their SHA-256, with an expiry: a copy of the
 * database opens nothing. A login token is taken with GETDEL, so it works once.
 */
const sessionSchema = z.object({
  userId: z.number(),
  csrf: z.string(),
  via: z.enum(['link', 'webapp']),
  createdAt: z.number(),
});
export type DeskSession = z.infer<typeof sessionSchema>;

const templateSchema = z.object({
  id: z.string(),
  kind: z.enum(['accept', 'partial', 'explain']),
  text: z.string(),
  by: z.number(),
  at: z.number(),
});
export type Wording = z.infer<typeof templateSchema>;

/** Saved wordings kept per proposal: beyond this the oldest is dropped. */
const WORDINGS_MAX = 30;

const secret = (): string => randomBytes(32).toString('base64url');
const digest = (s: string): string => createHash('sha256').update(s).digest('hex');

export class DeskStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  /** A one-time login link's token for this person, valid `ttlSec`. */
  async createLoginToken(userId: number, ttlSec: number, now = Date.now()): Promise<string> {
    const token = secret();
    await this.redis.set(this.keys.deskLogin(digest(token)), JSON.stringify({ userId, at: now }), 'EX', ttlSec);
    return token;
  }

  /** The person a login token was made for, once: the token is gone after this call. */
  async takeLoginToken(token: string): Promise<number | undefined> {
    if (!/^[\w-]{20,100}$/.test(token)) return undefined;
    const raw = await this.redis.getdel(this.keys.deskLogin(digest(token)));
    if (!raw) return undefined;
    const id = (JSON.parse(raw) as { userId?: unknown }).userId;
    return typeof id === 'number' ? id : undefined;
  }

  async createSession(userId: number, via: DeskSession['via'], ttlSec: number, now = Date.now()): Promise<{ id: string; session: DeskSession }> {
    const id = secret();
    const session: DeskSession = { userId, csrf: secret(), via, createdAt: now };
    await this.redis.set(this.keys.deskSession(digest(id)), JSON.stringify(session), 'EX', ttlSec);
    return { id, session };
  }

  async session(id: string): Promise<DeskSession | undefined> {
    if (!/^[\w-]{20,100}$/.test(id)) return undefined;
    const raw = await this.redis.get(this.keys.deskSession(digest(id)));
    if (!raw) return undefined;
    const parsed = sessionSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  }

  async endSession(id: string): Promise<void> {
    await this.redis.del(this.keys.deskSession(digest(id)));
  }

  /**
   * Counts an attempt under `name` in a window of `windowSec` (fixed, starting at the first
   * attempt); the count including this one. Names are hashed: a token never lands in a key.
   */
  async attempt(name: string, windowSec: number): Promise<number> {
    const key = this.keys.deskRate(digest(name).slice(0, 32));
    const [[, n]] = (await this.redis.multi().incr(key).expire(key, windowSec, 'NX').exec()) as [[unknown, number], unknown];
    return n;
  }

  /** The proposal's saved wordings, newest first. */
  async wordings(code: string): Promise<Wording[]> {
    const raw = await this.redis.hvals(this.keys.deskTemplates(code));
    return raw
      .flatMap((r) => {
        const p = templateSchema.safeParse(JSON.parse(r));
        return p.success ? [p.data] : [];
      })
      .sort((a, b) => b.at - a.at);
  }

  /** Saves a wording (the same kind and text once); the oldest go beyond WORDINGS_MAX. */
  async saveWording(code: string, w: { kind: ResponseKind; text: string; by: number }, now = Date.now()): Promise<Wording> {
    const id = digest(`${w.kind}\n${w.text}`).slice(0, 12);
    const record: Wording = { id, ...w, at: now };
    const key = this.keys.deskTemplates(code);
    await this.redis.hset(key, id, JSON.stringify(record));
    const all = await this.wordings(code);
    if (all.length > WORDINGS_MAX) await this.redis.hdel(key, ...all.slice(WORDINGS_MAX).map((x) => x.id));
    return record;
  }

  async wording(code: string, id: string): Promise<Wording | undefined> {
    const raw = await this.redis.hget(this.keys.deskTemplates(code), id);
    const p = raw ? templateSchema.safeParse(JSON.parse(raw)) : undefined;
    return p?.success ? p.data : undefined;
  }

  /** True for the first reminder of a proposal's silent units within `seconds`. */
  async claimReminder(code: string, seconds: number): Promise<boolean> {
    return (await this.redis.set(this.keys.deskReminded(code), String(Date.now()), 'EX', seconds, 'NX')) === 'OK';
  }
}

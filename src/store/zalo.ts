import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Keys } from '#root/store/keys.js';
import { ZALO_ID_BASE } from '#root/zalo/channel.js';

/**
 * What the Zalo side keeps: Zalo's opaque ids ↔ the numbers people and groups have here (the
 * person's half is MemberStore.idOfZalo), the events already handled, what each person answers
 * by text (Zalo has no buttons), the bot's getMe, and the text of notices (Zalo cannot copy a
 * Telegram message, so a notice's content is kept at its preview).
 */

/** The number of a Zalo id: the one it has, or the next one of the range, given once for good. */
const NUMBER_OF = `
local n = redis.call('HGET', KEYS[1], ARGV[1])
if n then return n end
n = tostring(tonumber(ARGV[2]) * (tonumber(ARGV[3]) + redis.call('INCR', KEYS[3])))
redis.call('HSET', KEYS[1], ARGV[1], n)
redis.call('HSET', KEYS[2], n, ARGV[1])
return n
`;

/** Handled once: as the Telegram side claims its updates (see Store.claimUpdate). */
const CLAIM = `
local v = redis.call('GET', KEYS[1])
if v == false then redis.call('SET', KEYS[1], ARGV[1], 'EX', 600) return 1 end
if v == 'done' or v == ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'EX', 600)
return 1
`;

/** The number of a Zalo id ('u:<id>' for a person, 'g:<id>' for a group), allocated on first sight. */
export async function zaloNumber(redis: Redis, keys: Keys, key: string, sign: 1 | -1): Promise<number> {
  const seq = keys.seq(sign > 0 ? 'zalo-person' : 'zalo-group');
  return Number(await redis.eval(NUMBER_OF, 3, keys.zaloIds, keys.zaloOf, seq, key, String(sign), String(ZALO_ID_BASE)));
}

/** A notice's content for channels that cannot copy it: its text and, if any, its file on Telegram. */
const noticeContentSchema = z.object({
  text: z.string(),
  file: z.object({ kind: z.enum(['photo', 'document', 'video', 'audio', 'voice', 'animation']), fileId: z.string(), name: z.string().optional() }).optional(),
});
export type NoticeContent = z.infer<typeof noticeContentSchema>;

/** What a person on Zalo may answer by text, as the last messages sent to them asked. */
export interface ZaloAnswers {
  /** The meeting last announced to them (1 / 2 / 3). */
  meeting?: string | undefined;
  /** The notice last sent to them («đã nhận»), and the group whose copy they got it as, if any. */
  notice?: string | undefined;
  noticeVia?: number | undefined;
  /** An invite waiting for «đồng ý» (it would change their role or unit). */
  invite?: string | undefined;
}

export interface ZaloMeSeen {
  id: string;
  canJoinGroups: boolean;
}

/** A code that joins a Zalo account to a member's record: 40 random bits, one use, minutes. */
const LINK_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const LINK_CODE = /^ZL-[A-HJ-NP-Z2-9]{8}$/;

const NOTICE_TTL_SEC = 30 * 86_400;
const ANSWERS_TTL_SEC = 60 * 86_400;

export class ZaloStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  /** The number of a Zalo group (negative, like Telegram's groups). */
  groupNumber(zaloGroupId: string): Promise<number> {
    return zaloNumber(this.redis, this.keys, `g:${zaloGroupId}`, -1);
  }

  /**
   * A unit's Zalo members reached one by one, as a chat of its own: linked as the unit's group
   * where the bot's account may not join groups (src/zalo/route.ts sends each its copy).
   */
  unitChat(unit: string): Promise<number> {
    return zaloNumber(this.redis, this.keys, `g:unit:${unit}`, -1);
  }

  /** What a number stands for on Zalo: a person's or group's Zalo id, or a unit's members one by one. */
  async target(chatId: number): Promise<{ kind: 'person' | 'group'; zaloId: string } | { kind: 'unit'; unit: string } | undefined> {
    const raw = await this.redis.hget(this.keys.zaloOf, String(chatId));
    if (!raw) return undefined;
    if (raw.startsWith('u:')) return { kind: 'person', zaloId: raw.slice(2) };
    if (raw.startsWith('g:unit:')) return { kind: 'unit', unit: raw.slice(7) };
    return { kind: 'group', zaloId: raw.slice(2) };
  }

  async claimEvent(id: string, instance: string): Promise<boolean> {
    return (await this.redis.eval(CLAIM, 1, this.keys.zaloEvent(id), instance)) === 1;
  }

  async finishEvent(id: string): Promise<void> {
    await this.redis.set(this.keys.zaloEvent(id), 'done', 'EX', 86_400);
  }

  async answers(userId: number): Promise<ZaloAnswers> {
    const h = await this.redis.hgetall(this.keys.zaloState(userId));
    return { meeting: h.meeting, notice: h.notice, noticeVia: h.noticeVia ? Number(h.noticeVia) : undefined, invite: h.invite };
  }

  /** Remembers what the person was last asked; `undefined` fields are left as they are, `null` ones cleared. */
  async setAnswers(userId: number, a: { [K in keyof ZaloAnswers]?: string | number | null }): Promise<void> {
    const key = this.keys.zaloState(userId);
    const tx = this.redis.multi();
    for (const [k, v] of Object.entries(a)) {
      if (v === null) tx.hdel(key, k);
      else if (v !== undefined) tx.hset(key, k, String(v));
    }
    tx.expire(key, ANSWERS_TTL_SEC);
    await tx.exec();
  }

  async saveNotice(id: string, content: NoticeContent): Promise<void> {
    await this.redis.set(this.keys.noticeContent(id), JSON.stringify(content), 'EX', NOTICE_TTL_SEC);
  }

  async notice(id: string): Promise<NoticeContent | undefined> {
    const raw = await this.redis.get(this.keys.noticeContent(id));
    if (!raw) return undefined;
    const r = noticeContentSchema.safeParse(JSON.parse(raw));
    return r.success ? r.data : undefined;
  }

  async setMe(me: ZaloMeSeen): Promise<void> {
    await this.redis.set(this.keys.zaloMe, JSON.stringify(me));
  }

  async me(): Promise<ZaloMeSeen | undefined> {
    const raw = await this.redis.get(this.keys.zaloMe);
    return raw ? (JSON.parse(raw) as ZaloMeSeen) : undefined;
  }

  /** One more error in a row: the sender's next pause (ms), doubling from 1 s up to `maxMs`. */
  async backoffMs(maxMs: number): Promise<number> {
    const n = await this.redis.incr(this.keys.zaloErrors);
    await this.redis.expire(this.keys.zaloErrors, Math.ceil(maxMs / 1000) * 4);
    return Math.min(maxMs, 1000 * 2 ** Math.min(n - 1, 20));
  }

  async clearErrors(): Promise<void> {
    await this.redis.del(this.keys.zaloErrors);
  }

  /** A new code for this member to send on Zalo within `ttlSec`; a code asked for again replaces the last. */
  async createLinkCode(memberId: number, ttlSec: number): Promise<string> {
    const code = `ZL-${[...randomBytes(8)].map((b) => LINK_ALPHABET[b % LINK_ALPHABET.length]).join('')}`;
    const previous = await this.redis.getset(this.keys.zaloLinkOf(memberId), code);
    const tx = this.redis.multi().set(this.keys.zaloLink(code), String(memberId), 'EX', ttlSec).expire(this.keys.zaloLinkOf(memberId), ttlSec);
    if (previous) tx.del(this.keys.zaloLink(previous));
    await tx.exec();
    return code;
  }

  /** The member a code was made for, if it is still good; the code is spent either way. */
  async takeLinkCode(code: string): Promise<number | undefined> {
    const raw = await this.redis.getdel(this.keys.zaloLink(code));
    return raw ? Number(raw) : undefined;
  }
}

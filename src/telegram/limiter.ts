import type { Transformer } from 'grammy';
import type { Redis } from 'ioredis';
import type { Config } from '#root/config.js';
import type { Keys } from '#root/store/keys.js';

/**
 * Telegram's sending limits, kept in Redis so that every worker process shares them.
 *
 * Each limit is a GCRA schedule ("theoretical arrival time"): a send reserves the earliest
 * moment allowed by every limit it falls under, and pushes each limit's next free moment
 * one interval further. Sends are therefore spaced evenly instead of bursting at the start
 * of a window, which is what keeps Telegram from answering 429. BullMQ's queue limiter
 * counts per window and has no per-chat keys, so it cannot express these limits.
 */
const RESERVE = `
local now = tonumber(ARGV[1])
local t = now
local pause = tonumber(redis.call('GET', KEYS[1]) or '0')
if pause > t then t = pause end
for i = 2, #KEYS do
  local tat = tonumber(redis.call('GET', KEYS[i]) or '0')
  if tat > t then t = tat end
end
for i = 2, #KEYS do
  local iv = tonumber(ARGV[i])
  redis.call('SET', KEYS[i], tostring(t + iv), 'PX', math.ceil(t - now + iv + 1000))
end
return tostring(t)
`;

/** A little slack over the exact spacing absorbs network jitter between us and Telegram. */
const MARGIN = 1.04;

export type SendKind = 'send' | 'edit';

export class RateLimiter {
  private readonly globalMs: number;
  private readonly privateMs: number;
  private readonly groupMs: number;
  private readonly groupEditMs: number;

  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    cfg: Pick<Config, 'SEND_GLOBAL_PER_SEC' | 'SEND_PRIVATE_PER_SEC' | 'SEND_GROUP_PER_MIN' | 'SEND_GROUP_EDITS_PER_MIN'>,
  ) {
    this.globalMs = (1000 / cfg.SEND_GLOBAL_PER_SEC) * MARGIN;
    this.privateMs = (1000 / cfg.SEND_PRIVATE_PER_SEC) * MARGIN;
    this.groupMs = (60_000 / cfg.SEND_GROUP_PER_MIN) * MARGIN;
    this.groupEditMs = (60_000 / cfg.SEND_GROUP_EDITS_PER_MIN) * MARGIN;
  }

  /** Reserves a moment to send to this chat; returns it (epoch ms, possibly in the future). */
  async reserve(chatId: number, kind: SendKind, now = Date.now()): Promise<number> {
    const isGroup = chatId < 0;
    const chatKey = kind === 'edit' && isGroup ? this.keys.rate(`edit:${chatId}`) : this.keys.rate(`chat:${chatId}`);
    const chatMs = isGroup ? (kind === 'edit' ? this.groupEditMs : this.groupMs) : this.privateMs;
    const at = await this.redis.eval(
      RESERVE,
      3,
      this.keys.rate('pause'),
      this.keys.rate('global'),
      chatKey,
      String(now),
      String(this.globalMs),
      String(chatMs),
    );
    return Number(at);
  }

  /** Telegram said 429: nobody in the deployment sends until it allows again. */
  async pauseAll(retryAfterSec: number, now = Date.now()): Promise<number> {
    const until = now + retryAfterSec * 1000;
    await this.redis.set(this.keys.rate('pause'), String(until), 'PX', retryAfterSec * 1000 + 1000);
    return until;
  }
}

const SEND_METHODS = new Set(['sendMessage', 'copyMessage', 'forwardMessage', 'sendDocument', 'sendPhoto', 'sendMediaGroup']);
const EDIT_METHODS = new Set(['editMessageText', 'editMessageCaption', 'editMessageReplyMarkup', 'editMessageMedia']);

/**
 * Direct replies count towards the same limits as the sender's jobs: without this, a reply
 * sent while a broadcast uses the whole budget would earn a 429 for the deployment.
 */
export function limitedApi(limiter: RateLimiter, onFlood: () => void = () => undefined): Transformer {
  return async (prev, method, payload, signal) => {
    const kind: SendKind | undefined = SEND_METHODS.has(method) ? 'send' : EDIT_METHODS.has(method) ? 'edit' : undefined;
    const chatId = Number((payload as { chat_id?: unknown }).chat_id);
    if (kind && Number.isFinite(chatId)) {
      const wait = (await limiter.reserve(chatId, kind)) - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    const res = await prev(method, payload, signal);
    // A 429 on a reply pauses the sender's jobs as well: the limit is the bot's, not the call's.
    if (!res.ok && res.error_code === 429) {
      onFlood();
      await limiter.pauseAll(res.parameters?.retry_after ?? 1);
    }
    return res;
  };
}

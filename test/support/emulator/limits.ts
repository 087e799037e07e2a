import type { Limits } from './types.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** Methods that send a new message and so count against the flood limits. */
export const SEND_METHODS = new Set(['sendMessage', 'copyMessage', 'forwardMessage', 'sendDocument', 'sendPhoto']);
export const EDIT_METHODS = new Set(['editMessageText', 'editMessageReplyMarkup', 'editMessageCaption']);

interface Bucket { key: string; windowMs: number; max: number }

/**
 * Sliding-window flood control: a call is admitted when every bucket it falls into has
 * fewer than `max` calls with a timestamp strictly greater than now - window.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(private limits: Limits | false, private scale = 1) {}

  configure(limits: Limits | false, scale = 1): void {
    this.limits = limits;
    this.scale = scale;
    this.hits.clear();
  }

  /** Records the call and returns 0 when admitted, else the seconds to wait (retry_after). */
  admit(method: string, chatId: number | undefined, now = Date.now()): number {
    const buckets = this.bucketsFor(method, chatId);
    let waitMs = 0;
    for (const b of buckets) waitMs = Math.max(waitMs, this.waitFor(b, now));
    if (waitMs > 0) return Math.max(1, Math.ceil(waitMs / SECOND));
    for (const b of buckets) this.window(b, now).push(now);
    return 0;
  }

  private bucketsFor(method: string, chatId: number | undefined): Bucket[] {
    const l = this.limits;
    if (!l) return [];
    const s = this.scale;
    const perChat = (windowMs: number, max: number, prefix: string): Bucket[] =>
      chatId === undefined ? [] : [{ key: `${prefix}:${chatId}`, windowMs, max: max * s }];
    if (SEND_METHODS.has(method)) {
      const chat = chatId !== undefined && chatId < 0
        ? perChat(MINUTE, l.groupPerMin, 'group')
        : perChat(SECOND, l.privatePerSec, 'private');
      return [{ key: 'global', windowMs: SECOND, max: l.globalPerSec * s }, ...chat];
    }
    if (EDIT_METHODS.has(method)) {
      return chatId !== undefined && chatId < 0
        ? perChat(MINUTE, l.groupEditsPerMin, 'group-edits')
        : perChat(SECOND, l.privatePerSec, 'private');
    }
    return [];
  }

  /** The calls still inside the bucket's window, oldest first (older ones are forgotten). */
  private window(b: Bucket, now: number): number[] {
    const all = this.hits.get(b.key) ?? [];
    const live = all.filter((t) => t > now - b.windowMs);
    this.hits.set(b.key, live);
    return live;
  }

  private waitFor(b: Bucket, now: number): number {
    const live = this.window(b, now);
    if (live.length < b.max) return 0;
    // The call fits once enough of the oldest calls have left the window.
    const mustExpire = live[live.length - Math.ceil(b.max)] ?? live[0] ?? now;
    return Math.max(1, mustExpire + b.windowMs - now);
  }
}

/** Deterministic PRNG so fault runs can be replayed with the same seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

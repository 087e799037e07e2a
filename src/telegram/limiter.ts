import type { Transformer } from 'grammy';
import type { Redis } from 'ioredis';
import type { Config } from '#root/config.js';
import type { Keys } from '#root/store/keys.js';

/**
 * Telegram's sending limits, kept in Redis so that every worker process shares them.
 *
 * Each limit is a GCRA schedule ("theoretical arrival time"): a send reserves the earliest
 * moment allowed by every limit it falls under, and pushes each limit's next free moment
 * one interval further. Bulk sends (a notice's copies) are spaced evenly: a burst would be
 * replayed every window by the admission log below and bunch up on arrival. Urgent sends
 * (replies to a person, reminders due now) may take up to a second's worth at once, so a
 * reminder to each of 30 groups goes out together; a group may also take a few messages
 * back to back (the parts of a long list). The admission log
 * below is what keeps every window within Telegram's counts. BullMQ's queue limiter counts
 * per window and has no per-chat keys, so it cannot express these limits.
 *
 * A schedule alone is not enough: a process that stalls (garbage collection, a busy core)
 * sends several reserved moments late and so at once. Right before each call, `admit`
 * therefore checks a log of the actual send times of the last window (a sorted set per
 * limit) and waits if the call would make more than the limit in any window.
 */
// KEYS[1] the pause, KEYS[2..3] the schedules (global, chat); ARGV[1] now, then interval
// and burst per schedule. Leaves the reserved moment in t.
const GCRA = `
local now = tonumber(ARGV[1])
local t = now
local pause = tonumber(redis.call('GET', KEYS[1]) or '0')
if pause > t then t = pause end
for i = 2, 3 do
  local tat = tonumber(redis.call('GET', KEYS[i]) or '0')
  local burst = tonumber(ARGV[2 * i - 1])
  if tat - burst > t then t = tat - burst end
end
for i = 2, 3 do
  local tat = tonumber(redis.call('GET', KEYS[i]) or '0')
  local next = math.max(tat, t) + tonumber(ARGV[2 * i - 2])
  redis.call('SET', KEYS[i], tostring(next), 'PX', math.ceil(next - now + 1000))
end
`;

const RESERVE = `${GCRA}
return tostring(t)
`;

/**
 * Every interval and window is stretched a little: the slack absorbs network jitter between
 * our clock and Telegram's arrival times.
 */
const MARGIN = 1.04;

/** How many messages a group may get back to back before they are spaced again. */
const GROUP_BURST = 5;

// KEYS: the logs (global, chat); ARGV[1] now, then window and limit per log, then a member.
const ADMIT = `
local now = tonumber(ARGV[1])
local wait = 0
for i = 1, #KEYS do
  local window = tonumber(ARGV[2 * i])
  local limit = tonumber(ARGV[2 * i + 1])
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - window)
  if redis.call('ZCARD', KEYS[i]) >= limit then
    local oldest = tonumber(redis.call('ZRANGE', KEYS[i], 0, 0, 'WITHSCORES')[2])
    local w = oldest + window - now
    if w > wait then wait = w end
  end
end
if wait > 0 then return tostring(wait) end
for i = 1, #KEYS do
  redis.call('ZADD', KEYS[i], now, ARGV[#ARGV])
  redis.call('PEXPIRE', KEYS[i], math.ceil(tonumber(ARGV[2 * i])) + 1000)
end
return '0'
`;

/**
 * Reserve and, when the moment is now (the usual case for a reply), admit in the same step:
 * one round trip instead of two. KEYS: pause, two schedules, two logs; ARGV: now, interval
 * and burst per schedule, window and limit per log, member. Returns the reserved moment and
 * -1 (admitted), 0 (wait for the moment, then admit) or the ms to wait for admission.
 */
const RESERVE_ADMIT = `${GCRA}
if t > now then return { tostring(t), '0' } end
local wait = 0
for i = 1, 2 do
  local key = KEYS[i + 3]
  local window = tonumber(ARGV[4 + 2 * i])
  local limit = tonumber(ARGV[5 + 2 * i])
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  if redis.call('ZCARD', key) >= limit then
    local oldest = tonumber(redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')[2])
    local w = oldest + window - now
    if w > wait then wait = w end
  end
end
if wait > 0 then return { tostring(t), tostring(wait) } end
for i = 1, 2 do
  redis.call('ZADD', KEYS[i + 3], now, ARGV[10])
  redis.call('PEXPIRE', KEYS[i + 3], math.ceil(tonumber(ARGV[4 + 2 * i])) + 1000)
end
return { tostring(t), '-1' }
`;

interface Limit {
  key: string;
  windowMs: number;
  max: number;
}

export type SendKind = 'send' | 'edit';

export class RateLimiter {
  private readonly globalMs: number;
  private readonly privateMs: number;
  private readonly groupMs: number;
  private readonly groupEditMs: number;
  private readonly globalBurst: number;
  private seq = 0;

  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly cfg: Pick<Config, 'SEND_GLOBAL_PER_SEC' | 'SEND_PRIVATE_PER_SEC' | 'SEND_GROUP_PER_MIN' | 'SEND_GROUP_EDITS_PER_MIN'>,
  ) {
    this.globalMs = (1000 / cfg.SEND_GLOBAL_PER_SEC) * MARGIN;
    this.privateMs = (1000 / cfg.SEND_PRIVATE_PER_SEC) * MARGIN;
    this.groupMs = (60_000 / cfg.SEND_GROUP_PER_MIN) * MARGIN;
    this.groupEditMs = (60_000 / cfg.SEND_GROUP_EDITS_PER_MIN) * MARGIN;
    // A second's worth may go at once (e.g. a reminder to each of 30 groups); the admission
    // log then holds the next ones until that second has passed.
    this.globalBurst = (cfg.SEND_GLOBAL_PER_SEC - 1) * this.globalMs;
  }

  /** The pause and the two schedules a send falls under, with their GCRA arguments. */
  private schedule(chatId: number, kind: SendKind, urgent: boolean): { keys: string[]; args: string[] } {
    const isGroup = chatId < 0;
    const chatKey = kind === 'edit' && isGroup ? this.keys.rate(`edit:${chatId}`) : this.keys.rate(`chat:${chatId}`);
    const chatMs = isGroup ? (kind === 'edit' ? this.groupEditMs : this.groupMs) : this.privateMs;
    const chatBurst = isGroup && kind === 'send' ? (GROUP_BURST - 1) * chatMs : 0;
    return {
      keys: [this.keys.rate('pause'), this.keys.rate('global'), chatKey],
      args: [String(this.globalMs), urgent ? String(this.globalBurst) : '0', String(chatMs), String(chatBurst)],
    };
  }

  /** Reserves a moment to send to this chat; returns it (epoch ms, possibly in the future). */
  async reserve(chatId: number, kind: SendKind, urgent = false, now = Date.now()): Promise<number> {
    const s = this.schedule(chatId, kind, urgent);
    return Number(await this.redis.eval(RESERVE, 3, ...s.keys, String(now), ...s.args));
  }

  private limits(chatId: number, kind: SendKind): Limit[] {
    const isGroup = chatId < 0;
    const global = { key: this.keys.rate('log:global'), windowMs: 1000 * MARGIN, max: this.cfg.SEND_GLOBAL_PER_SEC };
    if (!isGroup) return [global, { key: this.keys.rate(`log:chat:${chatId}`), windowMs: 1000 * MARGIN, max: this.cfg.SEND_PRIVATE_PER_SEC }];
    return kind === 'edit'
      ? [global, { key: this.keys.rate(`log:edit:${chatId}`), windowMs: 60_000 * MARGIN, max: this.cfg.SEND_GROUP_EDITS_PER_MIN }]
      : [global, { key: this.keys.rate(`log:chat:${chatId}`), windowMs: 60_000 * MARGIN, max: this.cfg.SEND_GROUP_PER_MIN }];
  }

  /**
   * Called right before the Bot API call: records it and returns 0, or returns how long to
   * wait (ms) because it would exceed a limit in the last window.
   */
  async admit(chatId: number, kind: SendKind, now = Date.now()): Promise<number> {
    const limits = this.limits(chatId, kind);
    const member = `${now}-${process.pid}-${this.seq++}`;
    const args = limits.flatMap((l) => [String(l.windowMs), String(l.max)]);
    return Number(await this.redis.eval(ADMIT, limits.length, ...limits.map((l) => l.key), String(now), ...args, member));
  }

  /** Reserve, wait for the moment, then wait until admitted: the whole protocol for one call. */
  async acquire(chatId: number, kind: SendKind, urgent = true): Promise<void> {
    const now = Date.now();
    const s = this.schedule(chatId, kind, urgent);
    const limits = this.limits(chatId, kind);
    const member = `${now}-${process.pid}-${this.seq++}`;
    const [at, flag] = (await this.redis.eval(
      RESERVE_ADMIT,
      5,
      ...s.keys,
      ...limits.map((l) => l.key),
      String(now),
      ...s.args,
      ...limits.flatMap((l) => [String(l.windowMs), String(l.max)]),
      member,
    )) as [string, string];
    if (flag === '-1') return;
    const wait = flag === '0' ? Number(at) - Date.now() : Number(flag);
    if (wait > 0) await sleep(wait);
    await this.admitted(chatId, kind);
  }

  async admitted(chatId: number, kind: SendKind): Promise<void> {
    for (let w = await this.admit(chatId, kind); w > 0; w = await this.admit(chatId, kind)) await sleep(w);
  }

  /** Telegram said 429: nobody in the deployment sends until it allows again. */
  async pauseAll(retryAfterSec: number, now = Date.now()): Promise<number> {
    const until = now + retryAfterSec * 1000;
    await this.redis.set(this.keys.rate('pause'), String(until), 'PX', retryAfterSec * 1000 + 1000);
    return until;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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
    if (kind && Number.isFinite(chatId)) await limiter.acquire(chatId, kind);
    const res = await prev(method, payload, signal);
    // A 429 on a reply pauses the sender's jobs as well: the limit is the bot's, not the call's.
    if (!res.ok && res.error_code === 429) {
      onFlood();
      await limiter.pauseAll(res.parameters?.retry_after ?? 1);
    }
    return res;
  };
}

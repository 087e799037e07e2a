import type { Transformer } from 'grammy';
import type { Redis } from 'ioredis';
import type { Config } from '#root/config.js';
import type { Keys } from '#root/store/keys.js';

/**
 * Telegram's sending limits, kept in Redis so that every worker process shares them.
 *
 * Telegram limits each chat (1 message a second in private, 20 a minute in a group) and the
 * bot as a whole (30 a second). A backlog in one chat is that chat's business: a send first
 * books its own chat's slot (a GCRA schedule per chat, so a group with 60 messages waiting
 * books three minutes of its own schedule and nothing else), and only when that slot has come
 * does it book a global slot. The global budget thus goes to the chats that are ready now.
 *
 * Lanes order the global budget. Each lane books on its own global schedule, and every
 * booking pushes the schedules of the lanes after it by one interval: a reply to a person
 * never waits for the copies of a notice booked before it, and the notice yields exactly the
 * slots the reply took. BullMQ's job priorities order the deliveries waiting for a worker in
 * the same way. Within a chat too, a reply books ahead of the chat's queued deliveries (a
 * chat keeps a second schedule for what is due now), so a command in a group whose summaries
 * are queued for minutes is still answered at once, within the group's own limit.
 *
 * A schedule alone is not enough: a process that stalls (garbage collection, a busy core)
 * sends several booked moments late and so at once, and a reply may take a moment a copy had
 * booked. Right before each call, a log of the actual send times of the last window (a
 * sorted set per limit) is checked, and the call waits if it would make more than the limit
 * in any window. A send of an earlier lane that has to wait there registers as waiting, and
 * later lanes let it through first.
 */

/** What a send is for, in the order the global budget serves them. */
export type Lane = 'now' | 'normal' | 'summary' | 'bulk';
const LANES: Lane[] = ['now', 'normal', 'summary', 'bulk'];

/** BullMQ priorities (1 is served first) of the deliveries of each lane. */
export const LANE_PRIORITY: Record<Lane, number> = { now: 1, normal: 2, summary: 3, bulk: 4 };

export type SendKind = 'send' | 'edit';

/**
 * One step of the protocol. KEYS: pause, chat schedule, global log, chat log, the four lanes'
 * global schedules, the three waiting sets (lanes now, normal, summary), the chat's schedule of
 * what is due now, the chat's waiting reply.
 * ARGV: now, phase, chat interval, chat burst, global interval, lane (1-4), lane burst, global
 * window, global max, chat window, chat max, member (unique per send).
 * Phase 0 books the chat's slot, 1 a global slot, 2 is admission by the logs. Returns the
 * next phase and the moment to take it at; phase 3 means admitted (send now).
 */
const STEP = `
local now = tonumber(ARGV[1])
local phase = tonumber(ARGV[2])
local pause = tonumber(redis.call('GET', KEYS[1]) or '0')
local function setAt(key, v) redis.call('SET', key, tostring(v), 'PX', math.ceil(math.max(v - now, 0) + 1000)) end
local ms = tonumber(ARGV[5])
local lane = tonumber(ARGV[6])
if phase == 0 then
  -- A chat has two schedules: what is due now (replies) books its own and pushes the rest's,
  -- so a reply in a group never waits behind the group's queued summaries or notices.
  local cms = tonumber(ARGV[3])
  local rest = tonumber(redis.call('GET', KEYS[2]) or '0')
  local t
  if lane == 1 then
    local first = tonumber(redis.call('GET', KEYS[12]) or '0')
    t = math.max(now, first - tonumber(ARGV[4]))
    setAt(KEYS[12], math.max(first, t) + cms)
    setAt(KEYS[2], math.max(rest, t) + cms)
  else
    t = math.max(now, rest - tonumber(ARGV[4]))
    setAt(KEYS[2], math.max(rest, t) + cms)
  end
  if t > now then return { 1, tostring(t) } end
  phase = 1
end
if phase == 1 then
  local g = tonumber(redis.call('GET', KEYS[4 + lane]) or '0')
  local t = math.max(now, pause, g - tonumber(ARGV[7]))
  setAt(KEYS[4 + lane], math.max(g, t) + ms)
  for l = lane + 1, 4 do
    local gl = tonumber(redis.call('GET', KEYS[4 + l]) or '0')
    setAt(KEYS[4 + l], math.max(gl, t) + ms)
  end
  if t > now then return { 2, tostring(t) } end
end
if pause > now then return { 1, tostring(pause) } end
local wait = 0
for i = 1, 2 do
  local key = KEYS[2 + i]
  local window = tonumber(ARGV[6 + 2 * i])
  local limit = tonumber(ARGV[7 + 2 * i])
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  if redis.call('ZCARD', key) >= limit then
    local oldest = tonumber(redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')[2])
    local w = oldest + window - now
    if w > wait then wait = w end
  end
end
local member = ARGV[12]
if wait == 0 then
  for l = 1, lane - 1 do
    redis.call('ZREMRANGEBYSCORE', KEYS[8 + l], '-inf', now)
    if redis.call('ZCARD', KEYS[8 + l]) > 0 then wait = ms end
  end
  -- A reply waiting for this chat's window goes before the chat's other sends.
  if lane > 1 then
    local w = redis.call('GET', KEYS[13])
    if w and w ~= member then wait = math.max(wait, ms) end
  end
  if wait > 0 then return { 2, tostring(now + wait) } end
end
if wait > 0 then
  if lane < 4 then
    redis.call('ZADD', KEYS[8 + lane], now + wait + 2000, member)
    redis.call('PEXPIRE', KEYS[8 + lane], math.ceil(wait) + 3000)
  end
  if lane == 1 then redis.call('SET', KEYS[13], member, 'PX', math.ceil(wait) + 2000) end
  return { 2, tostring(now + wait) }
end
for i = 1, 2 do
  redis.call('ZADD', KEYS[2 + i], now, member)
  redis.call('PEXPIRE', KEYS[2 + i], math.ceil(tonumber(ARGV[6 + 2 * i])) + 1000)
end
if lane < 4 then redis.call('ZREM', KEYS[8 + lane], member) end
if lane == 1 and redis.call('GET', KEYS[13]) == member then redis.call('DEL', KEYS[13]) end
return { 3, tostring(now) }
`;

/**
 * Every interval and window is stretched a little: the slack absorbs network jitter between
 * our clock and Telegram's arrival times.
 */
const MARGIN = 1.04;

/** How many messages a group may get back to back before they are spaced again. */
const GROUP_BURST = 5;

/** Where a send stands in the protocol: the phase to take next, and when. */
export interface Step {
  phase: 0 | 1 | 2;
  at: number;
}

export class RateLimiter {
  private readonly globalMs: number;
  private readonly privateMs: number;
  private readonly groupMs: number;
  private readonly groupEditMs: number;
  /** What is due now may take up to a second's worth at once (a reminder to each of 30 groups). */
  private readonly nowBurst: number;
  private seq = 0;

  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly cfg: Pick<Config, 'SEND_GLOBAL_PER_SEC' | 'SEND_PRIVATE_PER_SEC' | 'SEND_GROUP_PER_MIN' | 'SEND_GROUP_EDITS_PER_MIN'>,
    /** Messages a group may get back to back (Telegram's 5 by default; another channel's sender may allow fewer). */
    private readonly groupBurst = GROUP_BURST,
  ) {
    this.globalMs = (1000 / cfg.SEND_GLOBAL_PER_SEC) * MARGIN;
    this.privateMs = (1000 / cfg.SEND_PRIVATE_PER_SEC) * MARGIN;
    this.groupMs = (60_000 / cfg.SEND_GROUP_PER_MIN) * MARGIN;
    this.groupEditMs = (60_000 / cfg.SEND_GROUP_EDITS_PER_MIN) * MARGIN;
    this.nowBurst = (cfg.SEND_GLOBAL_PER_SEC - 1) * this.globalMs;
  }

  private chatKey(chatId: number, kind: SendKind): string {
    return kind === 'edit' && chatId < 0 ? this.keys.rate(`edit:${chatId}`) : this.keys.rate(`chat:${chatId}`);
  }

  /** A name for one send, unique across processes: its entry in the logs and waiting sets. */
  newMember(): string {
    return `${Date.now()}-${process.pid}-${this.seq++}`;
  }

  /**
   * Takes the next step for one send: `phase` 0 books the chat's slot, 1 a global slot, 2 is
   * the check against the logs. Returns `done` when the call may be made now, else the step to
   * take next and when (the caller waits: in memory when short, in BullMQ's delayed set when not).
   */
  async step(chatId: number, kind: SendKind, lane: Lane, phase: Step['phase'], member: string, now = Date.now()): Promise<{ done: true } | { done: false; next: Step }> {
    const isGroup = chatId < 0;
    const chatMs = isGroup ? (kind === 'edit' ? this.groupEditMs : this.groupMs) : this.privateMs;
    const chatBurst = isGroup && kind === 'send' ? (this.groupBurst - 1) * chatMs : 0;
    const chatLog = isGroup
      ? { key: this.keys.rate(kind === 'edit' ? `log:edit:${chatId}` : `log:chat:${chatId}`), windowMs: 60_000 * MARGIN, max: kind === 'edit' ? this.cfg.SEND_GROUP_EDITS_PER_MIN : this.cfg.SEND_GROUP_PER_MIN }
      : { key: this.keys.rate(`log:chat:${chatId}`), windowMs: 1000 * MARGIN, max: this.cfg.SEND_PRIVATE_PER_SEC };
    const [next, at] = (await this.redis.eval(
      STEP,
      13,
      this.keys.rate('pause'),
      this.chatKey(chatId, kind),
      this.keys.rate('log:global'),
      chatLog.key,
      ...LANES.map((l) => this.keys.rate(`global:${l}`)),
      ...LANES.slice(0, 3).map((l) => this.keys.rate(`waiting:${l}`)),
      `${this.chatKey(chatId, kind)}:now`,
      `${this.chatKey(chatId, kind)}:waiting`,
      String(now),
      String(phase),
      String(chatMs),
      String(chatBurst),
      String(this.globalMs),
      String(LANE_PRIORITY[lane]),
      String(lane === 'now' ? this.nowBurst : 0),
      String(1000 * MARGIN),
      String(this.cfg.SEND_GLOBAL_PER_SEC),
      String(chatLog.windowMs),
      String(chatLog.max),
      member,
    )) as [number, string];
    if (next === 3) return { done: true };
    return { done: false, next: { phase: next as Step['phase'], at: Number(at) } };
  }

  /** The whole protocol for one call, waiting in memory: for replies, which are short waits. */
  async acquire(chatId: number, kind: SendKind, lane: Lane = 'now'): Promise<void> {
    const member = this.newMember();
    let phase: Step['phase'] = 0;
    for (;;) {
      const r = await this.step(chatId, kind, lane, phase, member);
      if (r.done) return;
      phase = r.next.phase;
      const wait = r.next.at - Date.now();
      if (wait > 0) await sleep(wait);
    }
  }

  /** How far ahead of now (ms) this chat's schedule is booked: its backlog. */
  async backlogMs(chatId: number, kind: SendKind = 'send', now = Date.now()): Promise<number> {
    const tat = Number((await this.redis.get(this.chatKey(chatId, kind))) ?? 0);
    return Math.max(0, tat - now);
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
 * sent while a broadcast uses the whole budget would earn a 429 for the deployment. They go
 * in the first lane: a person who just did something is answered before any queued work.
 */
export function limitedApi(limiter: RateLimiter, onFlood: () => void = () => undefined): Transformer {
  return async (prev, method, payload, signal) => {
    const kind: SendKind | undefined = SEND_METHODS.has(method) ? 'send' : EDIT_METHODS.has(method) ? 'edit' : undefined;
    const chatId = Number((payload as { chat_id?: unknown }).chat_id);
    if (kind && Number.isFinite(chatId)) await limiter.acquire(chatId, kind, 'now');
    const res = await prev(method, payload, signal);
    // A 429 on a reply pauses the sender's jobs as well: the limit is the bot's, not the call's.
    if (!res.ok && res.error_code === 429) {
      onFlood();
      await limiter.pauseAll(res.parameters?.retry_after ?? 1);
    }
    return res;
  };
}

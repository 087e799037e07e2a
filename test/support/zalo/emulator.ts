import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import {
  ZaloApiError,
  type ChatType,
  type ZaloCall,
  type ZaloEmulatorOptions,
  type ZaloErrorShape,
  type ZaloEvent,
  type ZaloGroup,
  type ZaloLimits,
  type ZaloSeen,
  type ZaloUser,
  type ZaloWebhookDelivery,
} from './types.js';

/**
 * A Zalo Bot API served over real HTTP on 127.0.0.1, strict to what Zalo documents (see
 * ../shared/docs/zalo-bot-api.md): every method is `POST /bot<TOKEN>/<method>` with a JSON
 * body, answered `{ ok, result }` or `{ ok: false, error_code, description }`; ids are opaque
 * strings; getUpdates long-polls and answers ONE event (408 "Request timeout" when none came);
 * a webhook, once set, is the only way events arrive (getUpdates is refused) and each event is
 * posted with the secret in `X-Bot-Api-Secret-Token`; sendMessage takes 1–2,000 characters;
 * sendPhoto takes a URL and a caption of at most 2,000; there are no buttons, edits, copies,
 * documents or command menus (an unknown method is an error). The bot may write to a person
 * who has written to it, and to a group only if its account may join groups.
 *
 * Zalo publishes no sending limits: the emulator's are configurable (`limits`) and exceeding
 * them answers an error with no retry-after, so a sender has to back off by itself. Errors can
 * be injected (`failNext`). The control side acts as people (`sendText`) and reads what each
 * chat shows (`botMessages`, `transcript`). Emits 'change' on every state change and 'call'
 * with each call.
 */

const TEXT_MAX = 2000;
const WAIT_TIMEOUT_MS = 5000;
const SEND_METHODS = new Set(['sendMessage', 'sendPhoto', 'sendSticker']);
const METHODS = new Set(['getMe', 'getUpdates', 'setWebhook', 'deleteWebhook', 'getWebhookInfo', 'sendMessage', 'sendPhoto', 'sendSticker', 'sendChatAction']);

interface Person {
  user: ZaloUser;
  /** Has written to the bot: only then may the bot write to them. */
  interacted: boolean;
  blocked: boolean;
}

interface Group {
  chat: ZaloGroup;
  botIn: boolean;
}

interface Failure {
  method: string;
  err: ZaloErrorShape;
  remaining: number;
  chatId?: string;
}

interface Poller {
  resolve(e: ZaloEvent | undefined): void;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.writableEnded) return;
  const data = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) }).end(data);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

export class ZaloEmulator extends EventEmitter {
  readonly apiRoot: string;
  readonly token: string;
  readonly botId: string;
  readonly calls: ZaloCall[] = [];
  readonly webhookDeliveries: ZaloWebhookDelivery[] = [];

  private readonly people = new Map<string, Person>();
  private readonly groups = new Map<string, Group>();
  private readonly chats = new Map<string, ZaloSeen[]>();
  private readonly events: ZaloEvent[] = [];
  private readonly pollers: Poller[] = [];
  private readonly failures: Failure[] = [];
  private readonly sendLog: { at: number; chatId: string }[] = [];
  private webhook: { url: string; secret: string; updatedAt: number } | undefined;
  private pumping = false;
  private seq = 0;
  private canJoinGroups: boolean;
  private limits: ZaloLimits | false;
  private errors = 0;
  private closed = false;

  private constructor(
    private readonly server: Server,
    port: number,
    private readonly opts: ZaloEmulatorOptions,
  ) {
    super();
    this.setMaxListeners(0);
    this.apiRoot = `http://127.0.0.1:${port}`;
    this.token = opts.token ?? '1459232241454765289:zalo-test-secret';
    this.botId = this.token.split(':')[0]!;
    this.canJoinGroups = opts.canJoinGroups ?? false;
    this.limits = opts.limits ?? false;
    server.on('request', (req, res) => void this.onRequest(req, res));
  }

  static async start(opts: ZaloEmulatorOptions = {}): Promise<ZaloEmulator> {
    const server = createServer({ keepAlive: true });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return new ZaloEmulator(server, (server.address() as AddressInfo).port, opts);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.pollers.splice(0)) p.resolve(undefined);
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  setLimits(limits: ZaloLimits | false): void {
    this.limits = limits;
  }

  setCanJoinGroups(can: boolean): void {
    this.canJoinGroups = can;
  }

  /** The next `times` calls of `method` (to `chatId`, when given) fail with `err` without being performed. */
  failNext(method: string, err: ZaloErrorShape, times = 1, chatId?: string): void {
    this.failures.push({ method, err, remaining: times, ...(chatId ? { chatId } : {}) });
  }

  // --- HTTP side ---------------------------------------------------------------------------

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.apiRoot);
    const route = /^\/bot([^/]+)\/([^/]+)$/.exec(url.pathname);
    if (!route) return sendJson(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    if (route[1] !== this.token) return sendJson(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const method = route[2]!;
    if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error_code: 405, description: 'Method Not Allowed: use POST with a JSON body' });
    let params: Record<string, unknown> = {};
    const body = await readBody(req);
    if (body.length > 0) {
      if (!(req.headers['content-type'] ?? '').includes('application/json')) return sendJson(res, 400, { ok: false, error_code: 400, description: 'Bad Request: the body must be JSON' });
      try {
        const parsed: unknown = JSON.parse(body.toString('utf8'));
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
        params = parsed as Record<string, unknown>;
      } catch {
        return sendJson(res, 400, { ok: false, error_code: 400, description: 'Bad Request: invalid JSON' });
      }
    }
    const gone = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    const at = Date.now();
    let outcome: { ok: true; result: unknown } | { ok: false; error_code: number; description: string };
    try {
      if (this.opts.latencyMs) await sleep(this.opts.latencyMs);
      outcome = { ok: true, result: await this.perform(method, params, gone.signal) };
    } catch (e) {
      outcome = e instanceof ZaloApiError ? { ok: false, error_code: e.error_code, description: e.description } : { ok: false, error_code: 500, description: `Internal Server Error: ${(e as Error).message}` };
    }
    const chatId = typeof params.chat_id === 'string' ? params.chat_id : undefined;
    const call: ZaloCall = { method, params, at, ok: outcome.ok, ...(outcome.ok ? {} : { error_code: outcome.error_code }), ...(chatId ? { chatId } : {}) };
    if (!(method === 'getUpdates' && !outcome.ok && outcome.error_code === 408)) {
      this.calls.push(call);
      if (!outcome.ok) this.errors++;
      this.emit('call', call);
      this.emit('change');
    }
    sendJson(res, outcome.ok ? 200 : outcome.error_code, outcome);
  }

  private async perform(method: string, p: Record<string, unknown>, gone: AbortSignal): Promise<unknown> {
    if (!METHODS.has(method)) throw new ZaloApiError(404, `Not Found: method ${method} does not exist`);
    const chatId = p.chat_id;
    this.takeFailure(method, typeof chatId === 'string' ? chatId : undefined);
    switch (method) {
      case 'getMe':
        return { id: this.botId, account_name: this.opts.accountName ?? 'bot.GiaoBan', account_type: 'BASIC', can_join_groups: this.canJoinGroups };
      case 'getUpdates':
        return this.getUpdates(p, gone);
      case 'setWebhook':
        return this.setWebhook(p);
      case 'deleteWebhook':
        this.webhook = undefined;
        return { url: '', updated_at: Date.now() };
      case 'getWebhookInfo':
        return { url: this.webhook?.url ?? '', updated_at: this.webhook?.updatedAt ?? 0 };
      case 'sendChatAction':
        this.target(chatId);
        if (p.action !== 'typing' && p.action !== 'upload_photo') throw new ZaloApiError(400, 'Bad Request: action must be typing or upload_photo');
        return true;
      default:
        return this.send(method, p);
    }
  }

  private takeFailure(method: string, chatId: string | undefined): void {
    const i = this.failures.findIndex((f) => f.method === method && (f.chatId === undefined || f.chatId === chatId));
    const f = this.failures[i];
    if (!f) return;
    if (--f.remaining <= 0) this.failures.splice(i, 1);
    throw new ZaloApiError(f.err.error_code, f.err.description);
  }

  /** The chat a send goes to: a person who wrote to the bot, or a group the bot is in. */
  private target(chatId: unknown): { type: ChatType; id: string } {
    if (chatId === undefined) throw new ZaloApiError(400, 'Bad Request: chat_id is required');
    if (typeof chatId !== 'string' || chatId === '') throw new ZaloApiError(400, 'Bad Request: chat_id must be a non-empty string');
    const person = this.people.get(chatId);
    if (person) {
      if (person.blocked) throw new ZaloApiError(403, 'Forbidden: the user has blocked the bot');
      if (!person.interacted) throw new ZaloApiError(403, 'Forbidden: the user has not interacted with the bot');
      return { type: 'PRIVATE', id: chatId };
    }
    const group = this.groups.get(chatId);
    if (group) {
      if (!group.botIn) throw new ZaloApiError(403, 'Forbidden: the bot is not a member of this group');
      return { type: 'GROUP', id: chatId };
    }
    throw new ZaloApiError(400, 'Bad Request: chat not found');
  }

  private send(method: string, p: Record<string, unknown>): unknown {
    if ('reply_markup' in p) throw new ZaloApiError(400, 'Bad Request: reply_markup is not supported');
    const chat = this.target(p.chat_id);
    const seen: Omit<ZaloSeen, 'message_id' | 'chatId' | 'from' | 'date'> = {};
    if (method === 'sendMessage') {
      if (typeof p.text !== 'string' || p.text.length === 0) throw new ZaloApiError(400, 'Bad Request: text must be 1 to 2000 characters');
      if (p.text.length > TEXT_MAX) throw new ZaloApiError(400, `Bad Request: text is too long (${p.text.length} characters, at most 2000)`);
      seen.text = p.text;
    } else if (method === 'sendPhoto') {
      if (typeof p.photo !== 'string' || !/^https?:\/\/\S+$/.test(p.photo)) throw new ZaloApiError(400, 'Bad Request: photo must be a URL');
      if (p.caption !== undefined && (typeof p.caption !== 'string' || p.caption.length > TEXT_MAX)) throw new ZaloApiError(400, 'Bad Request: caption must be at most 2000 characters');
      seen.photo = p.photo;
      if (p.caption) seen.caption = p.caption;
    } else {
      if (typeof p.sticker !== 'string' || !p.sticker) throw new ZaloApiError(400, 'Bad Request: sticker is required');
      seen.sticker = p.sticker;
    }
    this.admit(chat.id);
    const msg = this.append(chat.id, 'bot', seen);
    return { message_id: msg.message_id, date: msg.date };
  }

  /** The configured limits: over them, an error without any retry-after. */
  private admit(chatId: string): void {
    if (!this.limits) return;
    const now = Date.now();
    while (this.sendLog.length && this.sendLog[0]!.at <= now - 1000) this.sendLog.shift();
    const inChat = this.sendLog.filter((s) => s.chatId === chatId).length;
    if (this.sendLog.length >= this.limits.perSec || inChat >= this.limits.perChatPerSec) throw new ZaloApiError(429, 'Too many requests');
    this.sendLog.push({ at: now, chatId });
  }

  private async getUpdates(p: Record<string, unknown>, gone: AbortSignal): Promise<ZaloEvent> {
    if (this.webhook) throw new ZaloApiError(400, 'Bad Request: getUpdates is not available while a webhook is set; call deleteWebhook first');
    const timeoutSec = p.timeout === undefined ? 30 : Number(p.timeout);
    if (!Number.isFinite(timeoutSec) || timeoutSec < 0) throw new ZaloApiError(400, 'Bad Request: timeout must be a number of seconds');
    const ready = this.events.shift();
    if (ready) {
      this.emit('change');
      return ready;
    }
    const event = await new Promise<ZaloEvent | undefined>((resolve) => {
      const poller: Poller = {
        resolve: (e) => {
          clearTimeout(timer);
          gone.removeEventListener('abort', onGone);
          resolve(e);
        },
      };
      const drop = () => {
        const i = this.pollers.indexOf(poller);
        if (i >= 0) this.pollers.splice(i, 1);
      };
      const timer = setTimeout(() => {
        drop();
        poller.resolve(undefined);
      }, timeoutSec * 1000);
      const onGone = () => {
        drop();
        poller.resolve(undefined);
      };
      gone.addEventListener('abort', onGone);
      this.pollers.push(poller);
    });
    if (!event) throw new ZaloApiError(408, 'Request timeout');
    // The client hung up before the answer: the event is not lost, the next poll gets it.
    if (gone.aborted) {
      this.events.unshift(event);
      throw new ZaloApiError(408, 'Request timeout');
    }
    this.emit('change');
    return event;
  }

  private setWebhook(p: Record<string, unknown>): unknown {
    const { url, secret_token: secret } = p;
    if (typeof url !== 'string') throw new ZaloApiError(400, 'Bad Request: url is required');
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ZaloApiError(400, 'Bad Request: url is not a URL');
    }
    // HTTPS as documented; plain HTTP only to this machine, for tests.
    const local = parsed.hostname === '127.0.0.1' || parsed.hostname === 'localhost';
    if (parsed.protocol !== 'https:' && !(local && parsed.protocol === 'http:')) throw new ZaloApiError(400, 'Bad Request: url must be HTTPS');
    if (typeof secret !== 'string' || secret.length < 8 || secret.length > 256) throw new ZaloApiError(400, 'Bad Request: secret_token must be 8 to 256 characters');
    this.webhook = { url, secret, updatedAt: Date.now() };
    // A long poll waiting when the webhook is set ends empty: from now on events are pushed.
    for (const poller of this.pollers.splice(0)) poller.resolve(undefined);
    void this.pump();
    return { url, updated_at: this.webhook.updatedAt };
  }

  /** Posts queued events to the webhook one at a time; a failed post is retried after a pause. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      let failures = 0;
      while (this.webhook && !this.closed && this.events.length > 0) {
        const hook = this.webhook;
        const event = this.events[0]!;
        let status = 0;
        try {
          const res = await fetch(hook.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-bot-api-secret-token': hook.secret },
            body: JSON.stringify({ ok: true, result: event }),
            signal: AbortSignal.timeout(10_000),
          });
          status = res.status;
          await res.arrayBuffer();
        } catch {
          status = 0;
        }
        this.webhookDeliveries.push({ at: Date.now(), status, event: event.event_name });
        if (status >= 200 && status < 300) {
          this.events.shift();
          failures = 0;
        } else if (++failures >= 3) {
          // Given up, as a platform would after a few tries: the event is dropped.
          this.events.shift();
          failures = 0;
        } else {
          await sleep(200);
        }
        this.emit('change');
      }
    } finally {
      this.pumping = false;
    }
  }

  private push(event: ZaloEvent): void {
    const poller = this.pollers.shift();
    if (poller && !this.webhook) poller.resolve(event);
    else this.events.push(event);
    this.emit('change');
    if (this.webhook) void this.pump();
  }

  // --- people and chats -------------------------------------------------------------------

  private nextId(): string {
    this.seq++;
    return `${this.seq.toString(16).padStart(4, '0')}${Math.floor(Math.random() * 0xffffffff).toString(16).padStart(8, '0')}a1b2c3d4`.slice(0, 20);
  }

  /** `interacted`: the person wrote to the bot some time ago, so the bot may write to them. */
  user(p: { name: string; interacted?: boolean }): ZaloUser {
    const user: ZaloUser = { id: this.nextId(), display_name: p.name };
    this.people.set(user.id, { user, interacted: p.interacted ?? false, blocked: false });
    return user;
  }

  group(p: { title: string }): ZaloGroup {
    const chat: ZaloGroup = { id: this.nextId(), chat_type: 'GROUP', title: p.title };
    this.groups.set(chat.id, { chat, botIn: false });
    return chat;
  }

  /** Adds the bot to a group: refused when its account may not join groups. */
  addBotToGroup(g: ZaloGroup): void {
    if (!this.canJoinGroups) throw new Error('zalo emulator: this bot account may not join groups (can_join_groups: false)');
    this.groups.get(g.id)!.botIn = true;
  }

  blockBot(u: ZaloUser): void {
    this.people.get(u.id)!.blocked = true;
  }

  sendText(from: ZaloUser, chat: ZaloGroup | 'private', text: string): ZaloSeen {
    return this.post(from, chat, 'message.text.received', { text });
  }

  sendPhoto(from: ZaloUser, chat: ZaloGroup | 'private', photo: string, caption?: string): ZaloSeen {
    return this.post(from, chat, 'message.image.received', { photo, ...(caption ? { caption } : {}) });
  }

  sendSticker(from: ZaloUser, chat: ZaloGroup | 'private'): ZaloSeen {
    return this.post(from, chat, 'message.sticker.received', { sticker: 'a1b2c3' });
  }

  private post(from: ZaloUser, chat: ZaloGroup | 'private', eventName: string, content: Pick<ZaloSeen, 'text' | 'photo' | 'caption' | 'sticker'>): ZaloSeen {
    const person = this.people.get(from.id);
    if (!person) throw new Error(`zalo emulator: unknown user ${from.id}`);
    const chatId = chat === 'private' ? from.id : chat.id;
    if (chat === 'private') {
      person.interacted = true;
      person.blocked = false;
    } else if (!this.groups.has(chat.id)) throw new Error(`zalo emulator: unknown group ${chat.id}`);
    const msg = this.append(chatId, from.id, content);
    const hears = chat === 'private' || this.groups.get(chat.id)!.botIn;
    if (hears) {
      this.push({
        event_name: eventName,
        message: {
          message_id: msg.message_id,
          date: msg.date,
          chat: { id: chatId, chat_type: chat === 'private' ? 'PRIVATE' : 'GROUP' },
          from: { id: from.id, display_name: from.display_name, is_bot: false },
          ...content,
        },
      });
    }
    return { ...msg };
  }

  private append(chatId: string, from: string, content: Pick<ZaloSeen, 'text' | 'photo' | 'caption' | 'sticker'>): ZaloSeen {
    const msg: ZaloSeen = { message_id: this.nextId(), chatId, from, date: Date.now(), ...content };
    const list = this.chats.get(chatId) ?? [];
    list.push(msg);
    this.chats.set(chatId, list);
    this.emit('change');
    return msg;
  }

  // --- reading what people see ------------------------------------------------------------

  messages(chatId: string): ZaloSeen[] {
    return (this.chats.get(chatId) ?? []).map((m) => ({ ...m }));
  }

  botMessages(chatId: string): ZaloSeen[] {
    return this.messages(chatId).filter((m) => m.from === 'bot');
  }

  lastBotMessage(chatId: string): ZaloSeen | undefined {
    return this.botMessages(chatId).at(-1);
  }

  pendingUpdates(): number {
    return this.events.length;
  }

  stats(): { calls: number; sent: number; errors: number; byMethod: Record<string, number> } {
    const byMethod: Record<string, number> = {};
    let sent = 0;
    for (const c of this.calls) {
      byMethod[c.method] = (byMethod[c.method] ?? 0) + 1;
      if (c.ok && SEND_METHODS.has(c.method)) sent++;
    }
    return { calls: this.calls.length, sent, errors: this.errors, byMethod };
  }

  /** The chat as its people read it. */
  transcript(chatId: string): string {
    return (this.chats.get(chatId) ?? [])
      .map((m) => {
        const time = new Date(m.date).toTimeString().slice(0, 8);
        const name = m.from === 'bot' ? 'Giao Ban (Zalo)' : (this.people.get(m.from)?.user.display_name ?? m.from);
        const body = [m.photo ? `🖼 ${m.photo}` : undefined, m.sticker ? '(sticker)' : undefined, m.text ?? m.caption].filter(Boolean).join(' ');
        return `[${time}] ${name}: ${body.replace(/\n/g, '\n    ')}`;
      })
      .join('\n');
  }

  /** Resolves with the probe's first truthy value, probed on every change and every 50 ms. */
  waitFor<T>(probe: () => T | undefined | false | null, opts: { timeout?: number; what?: string } = {}): Promise<T> {
    const timeout = opts.timeout ?? WAIT_TIMEOUT_MS;
    return new Promise<T>((resolve, reject) => {
      let last: unknown;
      const check = () => {
        try {
          last = probe();
        } catch (e) {
          last = e;
          return;
        }
        if (last) {
          stop();
          resolve(last as T);
        }
      };
      const stop = () => {
        clearTimeout(timer);
        clearInterval(tick);
        this.off('change', check);
      };
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`zalo waitFor(${opts.what ?? 'condition'}) timed out after ${timeout} ms; last probe value: ${inspect(last, { depth: 3 })}`));
      }, timeout);
      const tick = setInterval(check, 50);
      this.on('change', check);
      check();
    });
  }

  /** The most recent bot message in the chat whose text (or caption) matches; the transcript on timeout. */
  async waitForBotMessage(chatId: string, match: string | RegExp, opts: { timeout?: number; after?: number } = {}): Promise<ZaloSeen> {
    const ok = (m: ZaloSeen) => {
      const s = m.text ?? m.caption ?? '';
      return typeof match === 'string' ? s.includes(match) : match.test(s);
    };
    try {
      return await this.waitFor(() => this.botMessages(chatId).slice(opts.after ?? 0).findLast(ok), { timeout: opts.timeout ?? WAIT_TIMEOUT_MS, what: `zalo bot message in ${chatId} matching ${String(match)}` });
    } catch (e) {
      throw new Error(`${(e as Error).message}\n--- transcript of ${chatId} ---\n${this.transcript(chatId)}`);
    }
  }
}

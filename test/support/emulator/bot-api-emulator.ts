import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import type { BotCommand, Chat, Message, MessageEntity, Poll, Update, User, UserFromGetMe } from 'grammy/types';
import { loggableParams, readParams, sendJson } from './http.js';
import { EDIT_METHODS, RateLimiter, SEND_METHODS, mulberry32 } from './limits.js';
import { METHODS, chatMemberUpdate, commandsKey, type MethodEnv } from './methods.js';
import { UpdateQueue } from './updates.js';
import { WebhookDeliverer } from './webhook.js';
import {
  ApiError, type ApiCall, type ApiErrorShape, type EmuMessage, type EmulatorOptions, type Limits,
  type Params, type WebhookDelivery,
} from './types.js';
import {
  World, compact, documentOf, mimeOf, photoSizesOf, unixNow, type ChatState, type MessageContent,
} from './world.js';

const BOT_ID = 123456;
/** Telegram refuses answerCallbackQuery about 15 s after the press. */
const CALLBACK_ANSWER_WINDOW_MS = 15_000;
const WAIT_TIMEOUT_MS = 5000;
const WAIT_TICK_MS = 50;
/** A keep-alive client that closes the connection this soon after an answer did not read it. */
const ABANDON_WINDOW_MS = 100;
/**
 * Telegram's stand-in sender for what a group's anonymous admins post (with the group as
 * sender_chat) and for group service messages without a known actor.
 */
export const GROUP_ANONYMOUS_BOT: User = { id: 1087968824, is_bot: true, first_name: 'Group', username: 'GroupAnonymousBot' };
/** Fields that make a message a service message, which privacy mode lets through. */
const SERVICE_FIELDS = [
  'new_chat_members', 'left_chat_member', 'new_chat_title', 'new_chat_photo', 'delete_chat_photo',
  'group_chat_created', 'supergroup_chat_created', 'channel_chat_created', 'message_auto_delete_timer_changed',
  'migrate_to_chat_id', 'migrate_from_chat_id', 'pinned_message', 'users_shared', 'chat_shared',
  'write_access_allowed', 'proximity_alert_triggered', 'boost_added', 'chat_background_set',
  'forum_topic_created', 'forum_topic_edited', 'forum_topic_closed', 'forum_topic_reopened',
  'general_forum_topic_hidden', 'general_forum_topic_unhidden',
  'video_chat_scheduled', 'video_chat_started', 'video_chat_ended', 'video_chat_participants_invited',
] as const;
const METHOD_NAMES = new Map(Object.keys(METHODS).map((m) => [m.toLowerCase(), m]));

type Outcome = { ok: true; result: unknown } | ({ ok: false } & ApiErrorShape);
interface InjectedFailure { method: string; err: ApiErrorShape; remaining: number; chatId?: number }
type ReplyTo = Message | number;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Telegram marks every /command token (optionally /command@botname) as a bot_command entity. */
function commandEntities(text: string): MessageEntity[] {
  const entities: MessageEntity[] = [];
  for (const m of text.matchAll(/(^|\s)(\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?)(?=\s|$)/g)) {
    entities.push({ type: 'bot_command', offset: (m.index ?? 0) + (m[1] ?? '').length, length: (m[2] ?? '').length });
  }
  return entities;
}

/**
 * A command privacy mode lets through: the text (or caption) starts with a bot_command,
 * addressed to this bot or to none in particular.
 */
function isCommandFor(m: Message, username: string): boolean {
  const text = m.text ?? m.caption ?? '';
  const first = (m.text !== undefined ? m.entities : m.caption_entities)?.[0];
  if (first?.type !== 'bot_command' || first.offset !== 0) return false;
  const target = text.slice(0, first.length).split('@')[1];
  return target === undefined || target.toLowerCase() === username.toLowerCase();
}

function displayName(u: User): string {
  return u.last_name ? `${u.first_name} ${u.last_name}` : u.first_name;
}

function chatIdOf(params: Params): number | undefined {
  const n = Number(params.chat_id);
  return params.chat_id !== undefined && Number.isFinite(n) ? n : undefined;
}

/**
 * A Telegram Bot API served over real HTTP on 127.0.0.1, for end-to-end tests, benchmarks
 * and the demo. Tests act as people (sendText, pressButton, ...) and read what those people
 * would see (messages, transcript); the bot under test talks to it through grammY as usual.
 *
 * Emits 'change' on every state change and 'call' with each ApiCall.
 */
export class BotApiEmulator extends EventEmitter {
  readonly apiRoot: string;
  readonly token: string;
  readonly botInfo: UserFromGetMe;
  readonly calls: ApiCall[] = [];

  private readonly world: World;
  private readonly updates: UpdateQueue;
  private readonly webhook: WebhookDeliverer;
  private readonly limiter: RateLimiter;
  private readonly failures: InjectedFailure[] = [];
  private faults: NonNullable<EmulatorOptions['faults']> = {};
  private random: () => number = mulberry32(1);
  private errors429 = 0;
  /** Requests seen per connection, so a hang-up is blamed on the request it ended. */
  private readonly socketRequests = new WeakMap<object, number>();
  private callbackSeq = 0;

  private constructor(private readonly server: Server, port: number, private readonly opts: EmulatorOptions) {
    super();
    this.setMaxListeners(0); // every concurrent waitFor listens to 'change'
    this.apiRoot = `http://127.0.0.1:${port}`;
    this.token = opts.token ?? '123456:TEST-TOKEN';
    this.botInfo = {
      id: BOT_ID,
      is_bot: true,
      first_name: 'Giao Ban',
      username: opts.botUsername ?? 'giaoban_test_bot',
      can_join_groups: true,
      can_read_all_group_messages: opts.privacyMode === false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
      has_topics_enabled: false,
      allows_users_to_create_topics: false,
      can_manage_bots: false,
      supports_join_request_queries: false,
    };
    const { id, is_bot, first_name, username } = this.botInfo;
    this.world = new World({ id, is_bot, first_name, username });
    const changed = () => this.emit('change');
    this.updates = new UpdateQueue(() => {
      changed();
      this.webhook?.pump(); // undefined only while the constructor runs
    });
    this.webhook = new WebhookDeliverer(this.updates, (method, params) => this.perform(method, params, new AbortController().signal), changed);
    this.limiter = new RateLimiter(opts.limits ?? false, opts.scale ?? 1);
    this.setFaults(opts.faults);
    server.on('request', (req, res) => void this.onRequest(req, res));
  }

  static async start(opts: EmulatorOptions = {}): Promise<BotApiEmulator> {
    const server = createServer({ keepAlive: true });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return new BotApiEmulator(server, (server.address() as AddressInfo).port, opts);
  }

  private get callbackWindowMs(): number {
    return this.opts.callbackAnswerWindowMs ?? CALLBACK_ANSWER_WINDOW_MS;
  }

  setLimits(limits: Limits | false, scale = 1): void {
    this.limiter.configure(limits, scale);
  }

  setFaults(f: EmulatorOptions['faults']): void {
    this.faults = f ?? {};
    this.random = mulberry32(this.faults.seed ?? 1);
  }

  get webhookDeliveries(): WebhookDelivery[] {
    return this.webhook.deliveries;
  }

  async close(): Promise<void> {
    this.webhook.stop();
    this.updates.release();
    for (const [id, pending] of this.world.callbacks) {
      this.world.callbacks.delete(id);
      pending.resolve(undefined);
    }
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  // --- HTTP side ---------------------------------------------------------------

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.apiRoot);
    const file = /^\/file\/bot([^/]+)\/documents\/([^/]+)$/.exec(url.pathname);
    if (file) return this.serveFile(res, file[1] ?? '', decodeURIComponent(file[2] ?? ''));
    const route = /^\/bot([^/]+)\/([^/]*)$/.exec(url.pathname);
    if (!route) return sendJson(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    if (route[1] !== this.token) return sendJson(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    let params: Params;
    try {
      params = await readParams(req, url);
    } catch {
      return sendJson(res, 400, { ok: false, error_code: 400, description: 'Bad Request: invalid request body' });
    }
    // A client that hangs up ends its long poll, so its updates stay queued for the next one.
    const gone = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    const sink: { call?: ApiCall } = {};
    const seq = (this.socketRequests.get(req.socket) ?? 0) + 1;
    this.socketRequests.set(req.socket, seq);
    const outcome = await this.perform(route[2] ?? '', params, gone.signal, sink);
    const call = sink.call;
    if (call) {
      // The client gave up (its timeout) before the answer, or hung up on it right after
      // (its timer fired before it read it): whatever the call did stands all the same.
      if (gone.signal.aborted) call.abandoned = true;
      else {
        const hungUp = () => {
          if (this.socketRequests.get(req.socket) === seq) call.abandoned = true;
        };
        // A busy keep-alive socket carries many calls within the window: not a leak.
        req.socket.setMaxListeners(0);
        req.socket.once('close', hungUp);
        setTimeout(() => req.socket.off('close', hungUp), ABANDON_WINDOW_MS).unref();
      }
    }
    sendJson(res, outcome.ok ? 200 : outcome.error_code, outcome);
  }

  private serveFile(res: ServerResponse, token: string, fileId: string): void {
    const stored = token === this.token ? this.world.files.get(fileId) : undefined;
    if (!stored) return sendJson(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    res.writeHead(200, { 'content-type': stored.mimeType ?? 'application/octet-stream', 'content-length': stored.data.length });
    res.end(stored.data);
  }

  /** Runs one Bot API call with latency, faults, injected failures and flood limits applied. */
  private async perform(name: string, params: Params, gone: AbortSignal, sink: { call?: ApiCall } = {}): Promise<Outcome> {
    const at = Date.now();
    const method = METHOD_NAMES.get(name.toLowerCase());
    const chatId = chatIdOf(params);
    let outcome: Outcome;
    try {
      if (this.opts.latencyMs) await sleep(this.opts.latencyMs);
      outcome = { ok: true, result: await this.execute(method, chatId, params, gone) };
    } catch (e) {
      outcome = e instanceof ApiError
        ? { ok: false, ...compact({ error_code: e.error_code, description: e.description, parameters: e.parameters }) }
        : { ok: false, error_code: 500, description: `Internal Server Error: ${(e as Error).message}` };
    }
    const call: ApiCall = { method: method ?? name, params: loggableParams(params), at, ok: outcome.ok, ...compact({ error_code: outcome.ok ? undefined : outcome.error_code, chatId }) };
    sink.call = call;
    this.record(call);
    // A slow answer arrives late but the call did happen: a client timeout here is a lie.
    if (outcome.ok && this.faultable(method) && this.faults.slowRate && this.random() < this.faults.slowRate) {
      call.slow = true;
      await sleep(this.faults.slowMs ?? 1000);
    }
    return outcome;
  }

  private async execute(method: string | undefined, chatId: number | undefined, params: Params, gone: AbortSignal): Promise<unknown> {
    const handler = method === undefined ? undefined : METHODS[method];
    if (method === undefined || !handler) throw new ApiError(404, 'Not Found: method not found');
    if (this.faultable(method) && this.faults.error5xxRate && this.random() < this.faults.error5xxRate) {
      throw new ApiError(502, 'Bad Gateway');
    }
    this.takeInjectedFailure(method, chatId);
    const retryAfter = this.limiter.admit(method, chatId);
    if (retryAfter > 0) throw new ApiError(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
    const env: MethodEnv = {
      world: this.world,
      botInfo: this.botInfo,
      updates: this.updates,
      webhook: this.webhook,
      webhookConcurrency: this.opts.webhookConcurrency ?? 1,
      callbackAnswerWindowMs: this.callbackWindowMs,
      gone,
    };
    return handler(params, env);
  }

  /**
   * Random faults spare getUpdates: grammY pauses polling for seconds after a failed
   * getUpdates, which would only slow fault tests down without testing the bot.
   */
  private faultable(method: string | undefined): boolean {
    return method !== 'getUpdates';
  }

  private takeInjectedFailure(method: string, chatId: number | undefined): void {
    const i = this.failures.findIndex((f) => f.method === method && (f.chatId === undefined || f.chatId === chatId));
    const failure = this.failures[i];
    if (!failure) return;
    if (--failure.remaining <= 0) this.failures.splice(i, 1);
    throw ApiError.from(failure.err);
  }

  private record(call: ApiCall): void {
    if (call.error_code === 429) this.errors429++;
    this.calls.push(call);
    this.emit('call', call);
    this.emit('change');
  }

  // --- actors and chats ----------------------------------------------------------

  /** `privateOpen`: the person pressed Start some time ago, so the bot may write to them first. */
  user(p: { id?: number; first_name: string; last_name?: string; username?: string; language_code?: string; privateOpen?: boolean }): User {
    const { privateOpen, ...fields } = p;
    const user = this.world.addUser(fields);
    if (privateOpen) this.world.userState(user.id).privateOpen = true;
    return user;
  }

  group(p: { id?: number; title: string; type?: 'group' | 'supergroup' }): Chat {
    return this.world.addGroup(p);
  }

  sendText(from: User, chat: Chat | 'private', text: string, opts: { replyTo?: ReplyTo } = {}): Message {
    const entities = commandEntities(text);
    return this.userPost(from, chat, compact({ text, entities: entities.length > 0 ? entities : undefined }), opts.replyTo);
  }

  /**
   * Posts in a group as one of its anonymous admins ("Remain anonymous" on): Telegram shows
   * the group as the author, so the bot gets GroupAnonymousBot as `from` and the group itself
   * as `sender_chat`, and cannot tell which admin wrote.
   */
  sendAsAnonymousAdmin(chat: Chat, text: string, opts: { replyTo?: ReplyTo } = {}): Message {
    const state = this.groupState(chat);
    const entities = commandEntities(text);
    return this.userPost(GROUP_ANONYMOUS_BOT, chat, compact({ text, entities: entities.length > 0 ? entities : undefined, sender_chat: state.chat }), opts.replyTo);
  }

  /** `data` (an extension) is what the bot downloads through getFile; a placeholder by default. */
  sendDocument(from: User, chat: Chat | 'private', p: { fileName: string; caption?: string; replyTo?: ReplyTo; data?: Buffer | string }): Message {
    const data = Buffer.from(p.data ?? `emulated content of ${p.fileName}`);
    const file = this.world.storeFile(data, p.fileName, mimeOf(p.fileName));
    return this.userPost(from, chat, { document: documentOf(file), ...this.captionOf(p.caption) }, p.replyTo);
  }

  sendPhoto(from: User, chat: Chat | 'private', p: { caption?: string; replyTo?: ReplyTo }): Message {
    const file = this.world.storeFile(Buffer.from('emulated photo'), undefined, 'image/jpeg');
    return this.userPost(from, chat, { photo: photoSizesOf(file), ...this.captionOf(p.caption) }, p.replyTo);
  }

  /** Numbers polls and albums that people post. */
  private postedSeq = 0;

  /**
   * A native poll as a person posts it; `quiz` makes it a quiz with that correct option. As in
   * Telegram, the bot learns a quiz's answer (correct_option_ids) only when the quiz was posted,
   * not forwarded (`forwardedFrom`), in the private chat with the bot; copyMessage refuses a
   * quiz whose answer the bot does not know.
   */
  sendPoll(from: User, chat: Chat | 'private', p: { question: string; options: string[]; quiz?: { correct: number }; forwardedFrom?: User; replyTo?: ReplyTo }): Message {
    const inPrivate = chat === 'private' || chat.type === 'private';
    const answerKnown = p.quiz !== undefined && inPrivate && !p.forwardedFrom;
    const poll: Poll = compact({
      id: String(5_900_000_000_000_000 + ++this.postedSeq),
      question: p.question,
      options: p.options.map((text, i) => ({ persistent_id: String(i), text, voter_count: 0 })),
      total_voter_count: 0,
      is_closed: false,
      is_anonymous: true,
      type: p.quiz ? 'quiz' : 'regular',
      allows_multiple_answers: false,
      allows_revoting: !p.quiz,
      members_only: false,
      correct_option_ids: answerKnown ? [p.quiz!.correct] : undefined,
    } satisfies Poll);
    const origin = p.forwardedFrom ? { forward_origin: { type: 'user' as const, sender_user: p.forwardedFrom, date: unixNow() - 3600 } } : {};
    return this.userPost(from, chat, { poll, ...origin }, p.replyTo);
  }

  /**
   * An album: each part is its own message and its own update, sharing a media_group_id, as
   * Telegram delivers them. A part with `fileName` is a document, otherwise a photo.
   */
  sendAlbum(from: User, chat: Chat | 'private', parts: { fileName?: string; caption?: string }[]): Message[] {
    const media_group_id = String(13_800_000_000_000_000 + ++this.postedSeq);
    return parts.map((part) => {
      const file = part.fileName
        ? this.world.storeFile(Buffer.from(`emulated content of ${part.fileName}`), part.fileName, mimeOf(part.fileName))
        : this.world.storeFile(Buffer.from('emulated photo'), undefined, 'image/jpeg');
      const media = part.fileName ? { document: documentOf(file) } : { photo: photoSizesOf(file) };
      return this.userPost(from, chat, { ...media, ...this.captionOf(part.caption), media_group_id }, undefined);
    });
  }

  /**
   * A service message caused by `from`, e.g. `{ pinned_message: m }` when a person pins a
   * message, or `{ new_chat_members: [u] }`. Such messages can't be copied.
   */
  sendServiceMessage(from: User, chat: Chat | 'private', content: MessageContent): Message {
    return this.userPost(from, chat, content, undefined);
  }

  /**
   * Presses an inline button. Resolves with what answerCallbackQuery said, or undefined when
   * the bot did not answer within the answer window (15 s unless `callbackAnswerWindowMs`
   * says otherwise): after it Telegram refuses the answer. Accepts an EmuMessage as well as a Message.
   */
  pressButton(from: User, message: Message | EmuMessage | { chat: { id: number }; message_id: number }, data: string): Promise<{ text?: string; show_alert?: boolean } | undefined> {
    const chatId = 'chatId' in message ? message.chatId : message.chat.id;
    const target = this.world.chats.get(chatId)?.messages.get(message.message_id);
    if (!target) throw new Error(`emulator: message ${message.message_id} not found in chat ${chatId}`);
    const id = String(8_600_000_000_000_000 + ++this.callbackSeq);
    const answered = new Promise<{ text?: string; show_alert?: boolean } | undefined>((resolve) => {
      const timer = setTimeout(() => {
        this.world.callbacks.delete(id);
        resolve(undefined);
        this.emit('change');
      }, this.callbackWindowMs);
      this.world.callbacks.set(id, {
        at: Date.now(),
        resolve: (answer) => {
          clearTimeout(timer);
          resolve(answer);
        },
      });
    });
    this.pushUpdate({
      callback_query: { id, from, chat_instance: String(5_000_000_000 + Math.abs(chatId)), data, message: structuredClone(target.raw) },
    });
    return answered;
  }

  addBotToGroup(chat: Chat, by: User): void {
    const state = this.groupState(chat);
    const old = state.botStatus === 'none' ? 'left' : state.botStatus;
    state.botStatus = 'member';
    if (!state.members.has(by.id)) state.members.set(by.id, 'member');
    this.updates.push(chatMemberUpdate(this.world, state, by, old, 'member'));
  }

  /**
   * `by` promotes the bot to administrator (adding it if it was not in the group), with the
   * my_chat_member update Telegram sends. An administrator hears every message of the group.
   */
  makeBotAdmin(chat: Chat, by: User): void {
    const state = this.groupState(chat);
    if (state.botStatus === 'administrator') return;
    const old = state.botStatus === 'none' ? 'left' : state.botStatus;
    state.botStatus = 'administrator';
    if (!state.members.has(by.id)) state.members.set(by.id, 'creator');
    this.updates.push(chatMemberUpdate(this.world, state, by, old, 'administrator'));
  }

  removeBotFromGroup(chat: Chat, by: User, kicked = false): void {
    const state = this.groupState(chat);
    const old = state.botStatus === 'none' ? 'left' : state.botStatus;
    state.botStatus = kicked ? 'kicked' : 'left';
    this.updates.push(chatMemberUpdate(this.world, state, by, old, state.botStatus));
  }

  /** Upgrades a group to a new supergroup, pushing both service messages like Telegram. */
  migrateGroup(chat: Chat): Chat {
    const old = this.groupState(chat);
    if (old.chat.type !== 'group') throw new Error(`emulator: chat ${chat.id} is not a basic group`);
    const title = 'title' in old.chat ? old.chat.title : '';
    const supergroup = this.world.addGroup({ title, type: 'supergroup' });
    const fresh = this.groupState(supergroup);
    fresh.botStatus = old.botStatus;
    fresh.members = new Map(old.members);
    old.migratedTo = supergroup.id;
    const actorId = [...old.members].find(([, s]) => s === 'creator')?.[0] ?? [...old.members.keys()][0];
    const actor = actorId === undefined ? GROUP_ANONYMOUS_BOT : this.world.userState(actorId).user;
    this.deliver(old, this.world.appendMessage(old, actor, { migrate_to_chat_id: supergroup.id }));
    this.deliver(fresh, this.world.appendMessage(fresh, actor, { migrate_from_chat_id: old.chat.id }));
    return supergroup;
  }

  /** Also pushes the my_chat_member update (member → kicked) Telegram sends on blocking. */
  blockBot(user: User): void {
    const state = this.world.userState(user.id);
    if (state.blocked) return;
    state.blocked = true;
    this.updates.push(chatMemberUpdate(this.world, this.world.privateChat(user), user, 'member', 'kicked'));
  }

  deactivateUser(user: User): void {
    this.world.userState(user.id).deactivated = true;
    this.emit('change');
  }

  deleteChat(chatId: number): void {
    const state = this.world.chats.get(chatId);
    if (!state) throw new Error(`emulator: unknown chat ${chatId}`);
    state.deleted = true;
    this.emit('change');
  }

  /** The next `times` calls of `method` (to `chatId`, when given) fail with `err` without being performed. */
  failNext(method: string, err: ApiErrorShape, times = 1, chatId?: number): void {
    this.failures.push(compact({ method, err, remaining: times, chatId }));
  }

  pushUpdate(update: Omit<Update, 'update_id'>): number {
    return this.updates.push(update);
  }

  /** Extension: sets a person's status in a group (e.g. 'administrator'), as getChatMember reports it. */
  setMemberStatus(chat: Chat, user: User, status: 'creator' | 'administrator' | 'member' | 'restricted' | 'left' | 'kicked'): void {
    this.groupState(chat).members.set(user.id, status);
    this.emit('change');
  }

  // --- reading what people see ------------------------------------------------------

  messages(chatId: number): EmuMessage[] {
    return this.liveMessages(chatId).map((m) => structuredClone(m));
  }

  botMessages(chatId: number): EmuMessage[] {
    return this.liveMessages(chatId).filter((m) => m.from === 'bot').map((m) => structuredClone(m));
  }

  lastBotMessage(chatId: number): EmuMessage | undefined {
    const last = this.liveMessages(chatId).findLast((m) => m.from === 'bot');
    return last && structuredClone(last);
  }

  /** The chat as a person reads it; for the demo and for failure messages. */
  transcript(chatId: number): string {
    return this.liveMessages(chatId).map((m) => this.renderMessage(m)).join('\n');
  }

  stats(): { calls: number; sent: number; edits: number; errors429: number; byMethod: Record<string, number> } {
    const byMethod: Record<string, number> = {};
    let sent = 0;
    let edits = 0;
    for (const c of this.calls) {
      byMethod[c.method] = (byMethod[c.method] ?? 0) + 1;
      if (c.ok && SEND_METHODS.has(c.method)) sent++;
      if (c.ok && EDIT_METHODS.has(c.method)) edits++;
    }
    return { calls: this.calls.length, sent, edits, errors429: this.errors429, byMethod };
  }

  /**
   * Resolves with the probe's first truthy value. The probe runs on every state change
   * (plus a 50 ms fallback tick for time-based conditions), so no sleeps are needed.
   */
  waitFor<T>(probe: () => T | undefined | false | null, opts: { timeout?: number; what?: string } = {}): Promise<T> {
    const timeout = opts.timeout ?? WAIT_TIMEOUT_MS;
    return new Promise<T>((resolve, reject) => {
      let last: unknown;
      const check = () => {
        try {
          last = probe();
        } catch (e) {
          last = e; // a probe may throw while the state is still incomplete
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
        reject(new Error(`waitFor(${opts.what ?? 'condition'}) timed out after ${timeout} ms; last probe value: ${inspect(last, { depth: 4 })}`));
      }, timeout);
      const tick = setInterval(check, WAIT_TICK_MS);
      this.on('change', check);
      check();
    });
  }

  /** The most recent bot message in the chat whose text (or caption) matches; the transcript is shown on timeout. */
  async waitForBotMessage(chatId: number, match: string | RegExp | ((m: EmuMessage) => boolean), opts: { timeout?: number } = {}): Promise<EmuMessage> {
    const matches = typeof match === 'function'
      ? match
      : (m: EmuMessage) => {
        const s = m.text ?? m.caption ?? '';
        return typeof match === 'string' ? s.includes(match) : match.test(s);
      };
    try {
      const found = await this.waitFor(
        () => this.liveMessages(chatId).findLast((m) => m.from === 'bot' && matches(structuredClone(m))),
        { ...opts, what: `bot message in chat ${chatId} matching ${String(match)}` },
      );
      return structuredClone(found);
    } catch (e) {
      throw new Error(`${(e as Error).message}\n--- transcript of chat ${chatId} ---\n${this.transcript(chatId)}`);
    }
  }

  pendingUpdates(): number {
    return this.updates.size;
  }

  file(fileId: string): { fileName?: string; mimeType?: string; data: Buffer } | undefined {
    const f = this.world.files.get(fileId);
    return f && compact({ fileName: f.fileName, mimeType: f.mimeType, data: f.data });
  }

  /** Commands set with setMyCommands for that scope and language (default scope, no language by default). */
  commands(scope?: object, languageCode?: string): BotCommand[] {
    return this.world.commands.get(commandsKey(scope, languageCode)) ?? [];
  }

  // --- internals -----------------------------------------------------------------

  private liveMessages(chatId: number): EmuMessage[] {
    return [...(this.world.chats.get(chatId)?.messages.values() ?? [])];
  }

  private groupState(chat: Chat): ChatState {
    const state = this.world.chats.get(chat.id);
    if (!state || state.chat.type === 'private') throw new Error(`emulator: unknown group ${chat.id}; create it with emu.group()`);
    return state;
  }

  private captionOf(caption: string | undefined): MessageContent {
    if (caption === undefined) return {};
    const entities = commandEntities(caption);
    return compact({ caption, caption_entities: entities.length > 0 ? entities : undefined });
  }

  /** Where a person posts: their private chat with the bot, or a group the bot was added to. */
  private chatFor(from: User, chat: Chat | 'private'): ChatState {
    if (from.id === GROUP_ANONYMOUS_BOT.id && chat !== 'private') {
      const state = this.groupState(chat);
      if (state.botStatus === 'none') throw new Error(`emulator: the bot was never added to group ${chat.id}; call emu.addBotToGroup(chat, user) first`);
      return state;
    }
    if (chat === 'private' || chat.type === 'private') {
      if (chat !== 'private' && chat.id !== from.id) throw new Error(`emulator: private chat ${chat.id} belongs to another user`);
      const user = this.world.userState(from.id);
      user.privateOpen = true;
      if (user.blocked) {
        // Writing to a bot you blocked unblocks it, and Telegram tells the bot.
        user.blocked = false;
        this.updates.push(chatMemberUpdate(this.world, this.world.privateChat(from), from, 'kicked', 'member'));
      }
      return this.world.privateChat(from);
    }
    const state = this.groupState(chat);
    if (state.migratedTo !== undefined) throw new Error(`emulator: group ${chat.id} was migrated to ${state.migratedTo}; post there`);
    if (state.botStatus === 'none') throw new Error(`emulator: the bot was never added to group ${chat.id}; call emu.addBotToGroup(chat, user) first`);
    if (!state.members.has(from.id)) state.members.set(from.id, 'member');
    return state;
  }

  private userPost(from: User, chat: Chat | 'private', content: MessageContent, replyTo: ReplyTo | undefined): Message {
    const state = this.chatFor(from, chat);
    const replyId = typeof replyTo === 'number' ? replyTo : replyTo?.message_id;
    const target = replyId === undefined ? undefined : state.messages.get(replyId);
    if (replyId !== undefined && !target) throw new Error(`emulator: message ${replyId} to reply to not found in chat ${state.chat.id}`);
    const emu = this.world.appendMessage(state, from, content, target);
    this.deliver(state, emu);
    return structuredClone(emu.raw);
  }

  /** The bot only hears chats it is in, and what privacy mode lets through; the message exists for the people either way. */
  private deliver(state: ChatState, emu: EmuMessage): void {
    const present = state.botStatus !== 'left' && state.botStatus !== 'kicked' && state.botStatus !== 'none';
    if (present && this.hears(state, emu.raw)) this.updates.push({ message: structuredClone(emu.raw) } as Omit<Update, 'update_id'>);
    else this.emit('change');
  }

  /** Telegram's privacy mode: in groups where it is not an admin, the bot hears only what is meant for it. */
  private hears(state: ChatState, m: Message): boolean {
    if (state.chat.type === 'private' || this.opts.privacyMode === false) return true;
    if (state.botStatus === 'administrator' || state.botStatus === 'creator') return true;
    if (SERVICE_FIELDS.some((f) => f in m)) return true;
    if (m.reply_to_message?.from?.id === this.botInfo.id) return true;
    return isCommandFor(m, this.botInfo.username);
  }

  private renderMessage(m: EmuMessage): string {
    const time = new Date(m.date * 1000).toTimeString().slice(0, 8);
    // An anonymous admin's post shows the group's title as its author.
    const senderChat = m.raw.sender_chat && 'title' in m.raw.sender_chat ? m.raw.sender_chat.title : undefined;
    const name = m.from === 'bot'
      ? this.botInfo.first_name
      : senderChat ?? displayName(this.world.users.get(m.from)?.user ?? { id: m.from, is_bot: false, first_name: String(m.from) });
    const parts: string[] = [];
    if (m.document) parts.push(`📎 ${m.document.file_name ?? 'file'}`);
    if (m.photo) parts.push('🖼 photo');
    if (m.raw.poll) parts.push(`📊 ${m.raw.poll.type === 'quiz' ? 'quiz' : 'poll'}: ${m.raw.poll.question} (${m.raw.poll.options.map((o) => o.text).join(' / ')})`);
    if (m.raw.pinned_message) parts.push('(pinned a message)');
    if (m.raw.migrate_to_chat_id) parts.push(`(group upgraded to supergroup ${m.raw.migrate_to_chat_id})`);
    if (m.raw.migrate_from_chat_id) parts.push(`(supergroup created from group ${m.raw.migrate_from_chat_id})`);
    const body = m.text ?? m.caption;
    if (body !== undefined) parts.push(body.replace(/\n/g, '\n    '));
    if (m.history.length > 0) parts.push('(edited)');
    if (m.pinned) parts.push('📌 pinned');
    const lines = [`[${time}] ${name}: ${parts.join(' ')}`];
    for (const row of m.buttons) lines.push(`    ${row.map((b) => `[${b.text}]`).join(' ')}`);
    return lines.join('\n');
  }
}

import type { BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, Message, MessageEntity, Poll, Update, User, UserFromGetMe } from 'grammy/types';
import { parseHtml } from './html.js';
import { isUpload } from './http.js';
import type { UpdateQueue } from './updates.js';
import type { WebhookDeliverer } from './webhook.js';
import { ApiError, type EmuMessage, type Params } from './types.js';
import {
  compact, documentOf, mimeOf, photoSizesOf, syncFromRaw, unixNow,
  type ChatState, type MessageContent, type StoredFile, type World,
} from './world.js';

export interface MethodEnv {
  world: World;
  botInfo: UserFromGetMe;
  updates: UpdateQueue;
  webhook: WebhookDeliverer;
  webhookConcurrency: number;
  /** answerCallbackQuery is refused this long after the press. */
  callbackAnswerWindowMs: number;
  /** Aborted when the client hangs up (ends a long poll early). */
  gone: AbortSignal;
}

type Handler = (p: Params, env: MethodEnv) => unknown;

const MAX_TEXT = 4096;
const MAX_CAPTION = 1024;

// --- parameter helpers -------------------------------------------------------

function int(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

function str(v: unknown): string | undefined {
  return v === undefined || v === null ? undefined : String(v);
}

/** Turns text (or a caption) plus parse_mode/entities into what the recipient sees. */
function formatted(text: string, parseMode: unknown, entities: unknown): { text: string; entities?: MessageEntity[]; html?: string } {
  if (typeof parseMode === 'string' && parseMode.toLowerCase() === 'html') {
    const parsed = parseHtml(text);
    return { text: parsed.text, entities: parsed.entities.length > 0 ? parsed.entities : undefined, html: text };
  }
  // MarkdownV2 is not parsed: the text is stored as sent.
  return { text, entities: Array.isArray(entities) && entities.length > 0 ? (entities as MessageEntity[]) : undefined };
}

function messageText(p: Params): { text: string; entities?: MessageEntity[]; html?: string } {
  const raw = str(p.text) ?? '';
  const f = formatted(raw, p.parse_mode, p.entities);
  if (f.text.trim() === '') throw ApiError.badRequest('message text is empty');
  if (f.text.length > MAX_TEXT) throw ApiError.badRequest('message is too long');
  return f;
}

function messageCaption(p: Params): { caption?: string; caption_entities?: MessageEntity[]; html?: string } {
  const raw = str(p.caption);
  if (raw === undefined || raw === '') return {};
  const f = formatted(raw, p.parse_mode, p.caption_entities);
  if (f.text.length > MAX_CAPTION) throw ApiError.badRequest('message caption is too long');
  return compact({ caption: f.text, caption_entities: f.entities, html: f.html });
}

/** Only inline keyboards show up on the message; reply keyboards are the client's business. */
function inlineKeyboard(markup: unknown): InlineKeyboardMarkup | undefined {
  if (typeof markup !== 'object' || markup === null || !('inline_keyboard' in markup)) return undefined;
  const rows = (markup as InlineKeyboardMarkup).inline_keyboard;
  if (!Array.isArray(rows)) throw ApiError.badRequest("can't parse inline keyboard: field \"inline_keyboard\" must be an Array");
  for (const row of rows) for (const button of row) checkButton(button);
  return rows.length > 0 ? { inline_keyboard: rows } : undefined;
}

function checkButton(b: InlineKeyboardButton): void {
  if (!b.text) throw ApiError.badRequest('BUTTON_TEXT_INVALID');
  if ('callback_data' in b) {
    const size = Buffer.byteLength(b.callback_data ?? '');
    if (size < 1 || size > 64) throw ApiError.badRequest('BUTTON_DATA_INVALID');
  } else if ('url' in b) {
    if (!/^(https?|tg):\/\/\S+$/.test(b.url)) throw ApiError.badRequest('BUTTON_URL_INVALID');
  } else if (Object.keys(b).length === 1) {
    throw ApiError.badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
  }
}

/** reply_parameters or the legacy reply_to_message_id. */
function replyTarget(state: ChatState, p: Params): EmuMessage | undefined {
  const rp = (p.reply_parameters ?? {}) as { message_id?: unknown; allow_sending_without_reply?: unknown };
  const id = int(rp.message_id) ?? int(p.reply_to_message_id);
  if (id === undefined) return undefined;
  const target = state.messages.get(id);
  const allowMissing = rp.allow_sending_without_reply === true || p.allow_sending_without_reply === true;
  if (!target && !allowMissing) throw ApiError.badRequest('message to be replied not found');
  return target;
}

function uploadedFile(world: World, v: unknown, fallbackName: string): StoredFile {
  if (isUpload(v)) return world.storeFile(v.data, v.fileName, mimeOf(v.fileName));
  if (typeof v === 'string') {
    const known = world.files.get(v) ?? world.files.get(v.replace(/_s$/, ''));
    if (known) return known;
    if (/^https?:\/\//.test(v)) {
      const name = decodeURIComponent(new URL(v).pathname.split('/').pop() || fallbackName);
      return world.storeFile(Buffer.alloc(0), name, mimeOf(name));
    }
  }
  throw ApiError.badRequest('wrong file identifier/HTTP URL specified');
}

/** Sends a message as the bot: the common tail of every send method. */
function post(env: MethodEnv, p: Params, content: MessageContent, html?: string): EmuMessage {
  const state = env.world.writableChat(p.chat_id);
  const replyTo = replyTarget(state, p);
  const markup = inlineKeyboard(p.reply_markup);
  const emu = env.world.appendMessage(state, env.world.bot, compact({ ...content, reply_markup: markup }), replyTo);
  if (html !== undefined) emu.html = html;
  return emu;
}

/** What a copy can carry; a message with none of these is a service message (a pin, a member joining, …). */
const COPYABLE_CONTENT = [
  'text', 'photo', 'document', 'poll', 'video', 'audio', 'voice', 'animation', 'sticker', 'video_note',
  'contact', 'location', 'venue', 'dice', 'game', 'story', 'checklist',
] as const satisfies readonly (keyof Message)[];

/**
 * Telegram's copy rules: service, paid media, giveaway, giveaway winners and invoice messages
 * can't be copied; a quiz only when the bot knows its correct answer.
 */
function assertCopyable(m: Message): void {
  const service = !COPYABLE_CONTENT.some((k) => m[k] !== undefined);
  const refused = m.paid_media ?? m.invoice ?? m.giveaway ?? m.giveaway_winners;
  const hiddenQuiz = m.poll?.type === 'quiz' && m.poll.correct_option_ids === undefined;
  if (service || refused !== undefined || hiddenQuiz) throw ApiError.badRequest("message can't be copied");
}

let copiedPolls = 0;

/** A copied poll is a new poll: its own id, no votes, open. */
function pollCopy(poll: Poll | undefined): Poll | undefined {
  if (!poll) return undefined;
  return { ...poll, id: `copy${++copiedPolls}-${poll.id}`, total_voter_count: 0, is_closed: false, options: poll.options.map((o) => ({ ...o, voter_count: 0 })) };
}

function sourceMessage(world: World, p: Params, verb: string): EmuMessage {
  const from = world.knownChat(p.from_chat_id);
  const m = from.messages.get(int(p.message_id) ?? -1);
  if (!m) throw ApiError.badRequest(`message to ${verb} not found`);
  return m;
}

function editable(world: World, p: Params): EmuMessage {
  if (p.inline_message_id !== undefined) throw ApiError.badRequest('inline messages are not supported by the emulator');
  const state = world.writableChat(p.chat_id);
  const m = state.messages.get(int(p.message_id) ?? -1);
  if (!m) throw ApiError.badRequest('message to edit not found');
  if (m.from !== 'bot') throw ApiError.badRequest("message can't be edited");
  return m;
}

/** Applies an edit the Telegram way: refuses no-op edits, keeps the text history. */
function applyEdit(m: EmuMessage, changes: MessageContent, html: string | undefined): Message {
  const next = compact({ ...m.raw, ...changes, edit_date: m.raw.edit_date }) as Message;
  const same = (a: Message) => JSON.stringify([a.text, a.entities, a.caption, a.caption_entities, a.reply_markup]);
  if (same(next) === same(m.raw)) {
    throw ApiError.badRequest('message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message');
  }
  const before = m.raw.text ?? m.raw.caption;
  const after = next.text ?? next.caption;
  if (before !== undefined && before !== after) m.history.push(before);
  m.raw = { ...next, edit_date: unixNow() };
  if (html !== undefined) m.html = html;
  else if ('text' in changes || 'caption' in changes) delete m.html;
  m.edits++;
  syncFromRaw(m);
  return m.raw;
}

export function commandsKey(scope: unknown, languageCode: unknown): string {
  return `${JSON.stringify(scope ?? { type: 'default' })}|${str(languageCode) ?? ''}`;
}

function checkCommands(commands: unknown): BotCommand[] {
  if (!Array.isArray(commands)) throw ApiError.badRequest('commands must be an array');
  for (const c of commands as BotCommand[]) {
    if (!/^[a-z0-9_]{1,32}$/.test(c.command ?? '')) throw ApiError.badRequest('BOT_COMMAND_INVALID');
    if (!c.description || c.description.length > 256) throw ApiError.badRequest('BOT_COMMAND_DESCRIPTION_INVALID');
  }
  return commands as BotCommand[];
}

export function chatMemberUpdate(world: World, state: ChatState, from: User, oldStatus: string, newStatus: string): Omit<Update, 'update_id'> {
  return {
    my_chat_member: {
      chat: state.chat,
      from,
      date: unixNow(),
      old_chat_member: { status: oldStatus, user: world.bot },
      new_chat_member: { status: newStatus, user: world.bot },
    },
  } as Omit<Update, 'update_id'>;
}

// --- the methods -------------------------------------------------------------

export const METHODS: Record<string, Handler> = {
  getMe: (_p, env) => env.botInfo,

  getUpdates: async (p, env) => {
    if (env.webhook.config) {
      throw new ApiError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    }
    env.updates.confirm(int(p.offset));
    env.updates.setAllowed(Array.isArray(p.allowed_updates) ? (p.allowed_updates as string[]) : undefined);
    const limit = Math.min(Math.max(int(p.limit) ?? 100, 1), 100);
    return env.updates.poll(limit, (int(p.timeout) ?? 0) * 1000, env.gone);
  },

  setWebhook: (p, env) => {
    const url = str(p.url) ?? '';
    if (url === '') return METHODS.deleteWebhook!(p, env);
    if (!/^https?:\/\//.test(url)) throw ApiError.badRequest('bad webhook: An HTTPS URL must be provided for webhook');
    if (p.drop_pending_updates === true) env.updates.clear();
    env.updates.setAllowed(Array.isArray(p.allowed_updates) ? (p.allowed_updates as string[]) : undefined);
    env.updates.release(new ApiError(409, 'Conflict: terminated by setWebhook request'));
    env.webhook.set(compact({
      url,
      secret: str(p.secret_token),
      maxConnections: int(p.max_connections) ?? env.webhookConcurrency,
      allowedUpdates: Array.isArray(p.allowed_updates) ? (p.allowed_updates as string[]) : undefined,
    }));
    return true;
  },

  deleteWebhook: (p, env) => {
    if (p.drop_pending_updates === true) env.updates.clear();
    env.webhook.set(undefined);
    return true;
  },

  getWebhookInfo: (_p, env) => {
    const c = env.webhook.config;
    const err = env.webhook.lastError;
    return compact({
      url: c?.url ?? '',
      has_custom_certificate: false,
      pending_update_count: env.updates.size,
      max_connections: c?.maxConnections,
      allowed_updates: c?.allowedUpdates,
      last_error_date: c && err?.date,
      last_error_message: c && err?.message,
    });
  },

  sendMessage: (p, env) => {
    const { html, ...text } = messageText(p);
    return post(env, p, text, html).raw;
  },

  sendDocument: (p, env) => {
    const { html, ...caption } = messageCaption(p);
    env.world.writableChat(p.chat_id); // refuse before storing the file
    const file = uploadedFile(env.world, p.document, 'document.dat');
    return post(env, p, { document: documentOf(file), ...caption }, html).raw;
  },

  sendPhoto: (p, env) => {
    const { html, ...caption } = messageCaption(p);
    env.world.writableChat(p.chat_id);
    const file = uploadedFile(env.world, p.photo, 'photo.jpg');
    return post(env, p, { photo: photoSizesOf(file), ...caption }, html).raw;
  },

  copyMessage: (p, env) => {
    const src = sourceMessage(env.world, p, 'copy');
    assertCopyable(src.raw);
    const { text, entities, caption, caption_entities, document, photo } = src.raw;
    const override = p.caption !== undefined ? messageCaption(p) : undefined;
    const content = compact({
      text, entities, document, photo, poll: pollCopy(src.raw.poll),
      caption: override ? override.caption : caption,
      caption_entities: override ? override.caption_entities : caption_entities,
    });
    const copy = post(env, p, content, override?.html ?? (text !== undefined ? src.html : undefined));
    return { message_id: copy.message_id };
  },

  forwardMessage: (p, env) => {
    const src = sourceMessage(env.world, p, 'forward');
    const { text, entities, caption, caption_entities, document, photo } = src.raw;
    const sender = src.raw.from ?? env.world.bot;
    const content = compact({
      text, entities, caption, caption_entities, document, photo,
      forward_origin: { type: 'user' as const, sender_user: sender, date: src.raw.date },
    });
    return post(env, { ...p, reply_markup: undefined }, content).raw;
  },

  editMessageText: (p, env) => {
    const m = editable(env.world, p);
    if (m.raw.text === undefined) throw ApiError.badRequest('there is no text in the message to edit');
    const { html, text, entities } = messageText(p);
    return applyEdit(m, { text, entities, reply_markup: inlineKeyboard(p.reply_markup) }, html);
  },

  editMessageCaption: (p, env) => {
    const m = editable(env.world, p);
    if (!m.raw.document && !m.raw.photo) throw ApiError.badRequest('there is no caption in the message to edit');
    const { html, caption, caption_entities } = messageCaption(p);
    return applyEdit(m, { caption, caption_entities, reply_markup: inlineKeyboard(p.reply_markup) }, html);
  },

  editMessageReplyMarkup: (p, env) => {
    const m = editable(env.world, p);
    return applyEdit(m, { reply_markup: inlineKeyboard(p.reply_markup) }, undefined);
  },

  deleteMessage: (p, env) => {
    const state = env.world.writableChat(p.chat_id);
    const id = int(p.message_id) ?? -1;
    if (!state.messages.delete(id)) throw ApiError.badRequest('message to delete not found');
    return true;
  },

  answerCallbackQuery: (p, env) => {
    const id = str(p.callback_query_id) ?? '';
    const waiting = env.world.callbacks.get(id);
    // Unknown, answered before, or past the window (even if the expiry timer has not run yet).
    const late = waiting !== undefined && Date.now() - waiting.at > env.callbackAnswerWindowMs;
    if (!waiting || late) {
      if (waiting) {
        env.world.callbacks.delete(id);
        waiting.resolve(undefined);
      }
      throw ApiError.badRequest('query is too old and response timeout expired or query ID is invalid');
    }
    env.world.callbacks.delete(id);
    waiting.resolve(compact({ text: str(p.text), show_alert: p.show_alert === true ? true : undefined }));
    return true;
  },

  pinChatMessage: (p, env) => {
    const state = env.world.writableChat(p.chat_id);
    const m = state.messages.get(int(p.message_id) ?? -1);
    if (!m) throw ApiError.badRequest('message to pin not found');
    m.pinned = true;
    return true;
  },

  unpinChatMessage: (p, env) => {
    const state = env.world.writableChat(p.chat_id);
    const id = int(p.message_id);
    // Without message_id Telegram unpins the most recently pinned message.
    const pinned = [...state.messages.values()].filter((m) => m.pinned && (id === undefined || m.message_id === id));
    const m = pinned[pinned.length - 1];
    if (!m) throw ApiError.badRequest('message to unpin not found');
    m.pinned = false;
    return true;
  },

  setMyCommands: (p, env) => {
    env.world.commands.set(commandsKey(p.scope, p.language_code), checkCommands(p.commands));
    return true;
  },

  getMyCommands: (p, env) => env.world.commands.get(commandsKey(p.scope, p.language_code)) ?? [],

  deleteMyCommands: (p, env) => {
    env.world.commands.delete(commandsKey(p.scope, p.language_code));
    return true;
  },

  getChat: (p, env) => {
    const { chat } = env.world.knownChat(p.chat_id);
    return { ...chat, accent_color_id: 0, max_reaction_count: 11, accepted_gift_types: { unlimited_gifts: false, limited_gifts: false, unique_gifts: false, premium_subscription: false } };
  },

  getChatMember: (p, env) => {
    const state = env.world.knownChat(p.chat_id);
    const userId = int(p.user_id);
    if (userId === env.world.bot.id) {
      const status = state.botStatus === 'none' ? 'left' : state.botStatus;
      return { status, user: env.world.bot };
    }
    const user = userId === undefined ? undefined : env.world.users.get(userId);
    if (!user) throw ApiError.badRequest('PARTICIPANT_ID_INVALID');
    const status = state.chat.type === 'private' ? 'member' : (state.members.get(user.user.id) ?? 'left');
    return { status, user: user.user };
  },

  getChatAdministrators: (p, env) => {
    const state = env.world.knownChat(p.chat_id);
    return [...state.members]
      .filter(([, s]) => s === 'creator' || s === 'administrator')
      .map(([id, status]) => ({ status, user: env.world.userState(id).user }));
  },

  leaveChat: (p, env) => {
    const state = env.world.writableChat(p.chat_id);
    const old = state.botStatus;
    state.botStatus = 'left';
    env.updates.push(chatMemberUpdate(env.world, state, env.world.bot, old, 'left'));
    return true;
  },

  setChatMenuButton: () => true,

  sendChatAction: (p, env) => {
    env.world.writableChat(p.chat_id);
    return true;
  },

  getFile: (p, env) => {
    const id = str(p.file_id) ?? '';
    const file = env.world.files.get(id) ?? env.world.files.get(id.replace(/_s$/, ''));
    if (!file) throw ApiError.badRequest('invalid file_id');
    return { file_id: id, file_unique_id: file.fileUniqueId, file_size: file.data.length, file_path: `documents/${file.fileId}` };
  },
};


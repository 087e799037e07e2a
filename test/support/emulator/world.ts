import type { BotCommand, Chat, Document, InlineKeyboardMarkup, Message, PhotoSize, User } from 'grammy/types';
import { ApiError, type EmuMessage } from './types.js';

export type MemberStatus = 'creator' | 'administrator' | 'member' | 'restricted' | 'left' | 'kicked';

export interface UserState {
  user: User;
  /** The user wrote to the bot in private, so the bot may write back. */
  privateOpen: boolean;
  blocked: boolean;
  deactivated: boolean;
}

export interface ChatState {
  chat: Chat;
  messages: Map<number, EmuMessage>;
  /** Supergroups number their messages per chat; private chats and basic groups share World's counter. */
  nextMessageId: number;
  /** 'none' = the bot was never added (groups only). */
  botStatus: MemberStatus | 'none';
  members: Map<number, MemberStatus>;
  migratedTo?: number;
  deleted: boolean;
}

export interface StoredFile {
  fileId: string;
  fileUniqueId: string;
  fileName?: string;
  mimeType?: string;
  data: Buffer;
}

export interface CallbackAnswer { text?: string; show_alert?: boolean }

/** A button press waiting for answerCallbackQuery. */
export interface PendingCallback {
  /** Date.now() of the press: answers later than the window are refused. */
  at: number;
  /** undefined = never answered. */
  resolve(answer: CallbackAnswer | undefined): void;
}

/** What a new message carries besides id, date, chat and sender. */
export type MessageContent = Partial<Omit<Message, 'message_id' | 'date' | 'chat' | 'from'>>;

const MIME_BY_EXT: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  doc: 'application/msword',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  txt: 'text/plain',
  csv: 'text/csv',
  zip: 'application/zip',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
};

export function mimeOf(fileName: string): string {
  const ext = fileName.split('.').pop()?.toLowerCase() ?? '';
  return MIME_BY_EXT[ext] ?? 'application/octet-stream';
}

/** Drops undefined fields so objects look like Telegram's JSON (and compare equal). */
export function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export function unixNow(): number {
  return Math.floor(Date.now() / 1000);
}

/** Users, chats, messages and files: everything the people and the bot can see. */
export class World {
  readonly users = new Map<number, UserState>();
  readonly chats = new Map<number, ChatState>();
  readonly files = new Map<string, StoredFile>();
  readonly commands = new Map<string, BotCommand[]>();
  /** Callback queries waiting for answerCallbackQuery, by query id; removed once answered or expired. */
  readonly callbacks = new Map<string, PendingCallback>();
  private nextUserId = 1001;
  /**
   * Telegram numbers a bot's messages in private chats and basic groups with one counter
   * (the bot's own message box); only supergroups count per chat.
   */
  private nextSharedMessageId = 1;
  private nextGroupSeq = 1;
  private nextSupergroupSeq = 1;
  private nextFileSeq = 1;

  constructor(readonly bot: User) {}

  addUser(p: Omit<User, 'id' | 'is_bot'> & { id?: number }): User {
    const id = p.id ?? this.nextUserId++;
    const user = compact<User>({ id, is_bot: false, first_name: p.first_name, last_name: p.last_name, username: p.username, language_code: p.language_code });
    this.users.set(id, { user, privateOpen: false, blocked: false, deactivated: false });
    return user;
  }

  addGroup(p: { id?: number; title: string; type?: 'group' | 'supergroup' }): Chat {
    const type = p.type ?? 'group';
    const id = p.id ?? (type === 'group' ? -(1000 + this.nextGroupSeq++) : this.newSupergroupId());
    const chat = { id, type, title: p.title } as Chat;
    this.chats.set(id, { chat, messages: new Map(), nextMessageId: 1, botStatus: 'none', members: new Map(), deleted: false });
    return chat;
  }

  /** Supergroup ids look like Telegram's: -100 followed by ten digits. */
  newSupergroupId(): number {
    return -(1_000_000_000_000 + 1_000_000_000 + this.nextSupergroupSeq++);
  }

  userState(id: number): UserState {
    const state = this.users.get(id);
    if (!state) throw new Error(`emulator: unknown user ${id}; create it with emu.user()`);
    return state;
  }

  /** The user's private chat with the bot (chat id = user id), created on first use. */
  privateChat(user: User): ChatState {
    const existing = this.chats.get(user.id);
    if (existing) return existing;
    const chat = compact({ id: user.id, type: 'private', first_name: user.first_name, last_name: user.last_name, username: user.username }) as Chat;
    const state: ChatState = { chat, messages: new Map(), nextMessageId: 1, botStatus: 'member', members: new Map(), deleted: false };
    this.chats.set(user.id, state);
    return state;
  }

  /** Resolves a chat_id parameter to a chat the bot can see; Telegram's 400 otherwise. */
  knownChat(chatId: unknown): ChatState {
    if (chatId === undefined || chatId === null || chatId === '') throw ApiError.badRequest('chat_id is empty');
    const id = Number(chatId);
    const userState = Number.isInteger(id) && id > 0 ? this.users.get(id) : undefined;
    const state = userState ? this.privateChat(userState.user) : this.chats.get(id);
    if (!state || state.deleted) throw ApiError.badRequest('chat not found');
    return state;
  }

  /** A chat the bot may post to right now; Telegram's 400/403 otherwise. */
  writableChat(chatId: unknown): ChatState {
    const state = this.knownChat(chatId);
    const { chat } = state;
    if (chat.type === 'private') {
      const user = this.userState(chat.id);
      if (user.deactivated) throw ApiError.forbidden('user is deactivated');
      if (user.blocked) throw ApiError.forbidden('bot was blocked by the user');
      if (!user.privateOpen) throw ApiError.forbidden("bot can't initiate conversation with a user");
      return state;
    }
    if (state.migratedTo !== undefined) {
      throw new ApiError(400, 'Bad Request: group chat was upgraded to a supergroup chat', { migrate_to_chat_id: state.migratedTo });
    }
    const kind = chat.type === 'supergroup' ? 'supergroup chat' : 'group chat';
    if (state.botStatus === 'kicked') throw ApiError.forbidden(`bot was kicked from the ${kind}`);
    if (state.botStatus === 'left' || state.botStatus === 'none') throw ApiError.forbidden(`bot is not a member of the ${kind}`);
    return state;
  }

  appendMessage(state: ChatState, from: User, content: MessageContent, replyTo?: EmuMessage): EmuMessage {
    const raw = compact({
      message_id: this.takeMessageId(state),
      from,
      date: unixNow(),
      chat: state.chat,
      ...content,
      reply_to_message: replyTo ? withoutReply(replyTo.raw) : undefined,
    }) as Message;
    const emu: EmuMessage = {
      message_id: raw.message_id,
      chatId: state.chat.id,
      from: from.id === this.bot.id ? 'bot' : from.id,
      date: raw.date,
      buttons: [],
      pinned: false,
      edits: 0,
      history: [],
      raw,
    };
    if (replyTo) emu.replyTo = replyTo.message_id;
    syncFromRaw(emu);
    state.messages.set(emu.message_id, emu);
    return emu;
  }

  private takeMessageId(state: ChatState): number {
    return state.chat.type === 'supergroup' ? state.nextMessageId++ : this.nextSharedMessageId++;
  }

  storeFile(data: Buffer, fileName?: string, mimeType?: string): StoredFile {
    const seq = this.nextFileSeq++;
    const file = compact<StoredFile>({
      fileId: `BQACAgIAAxkBAAE${seq.toString(36).padStart(6, '0')}emu`,
      fileUniqueId: `AgAD${seq.toString(36).padStart(4, '0')}`,
      fileName,
      mimeType,
      data,
    });
    this.files.set(file.fileId, file);
    return file;
  }
}

export function documentOf(file: StoredFile): Document {
  return compact<Document>({ file_id: file.fileId, file_unique_id: file.fileUniqueId, file_name: file.fileName, mime_type: file.mimeType, file_size: file.data.length });
}

/** Telegram sends a small and a large size of every photo. */
export function photoSizesOf(file: StoredFile): PhotoSize[] {
  return [
    { file_id: `${file.fileId}_s`, file_unique_id: `${file.fileUniqueId}s`, width: 90, height: 90, file_size: Math.min(file.data.length, 1000) },
    { file_id: file.fileId, file_unique_id: file.fileUniqueId, width: 1280, height: 960, file_size: file.data.length },
  ];
}

/** Telegram never nests reply_to_message more than one level deep. */
export function withoutReply(m: Message): Message {
  const { reply_to_message: _, ...rest } = m;
  return rest;
}

/** Re-derives the convenience fields of an EmuMessage after its raw message changed. */
export function syncFromRaw(emu: EmuMessage): void {
  const raw = emu.raw;
  emu.text = raw.text;
  emu.caption = raw.caption;
  emu.reply_markup = raw.reply_markup;
  emu.buttons = buttonsOf(raw.reply_markup);
  emu.document = raw.document
    ? compact({ file_id: raw.document.file_id, file_name: raw.document.file_name, size: raw.document.file_size ?? 0 })
    : undefined;
  emu.photo = raw.photo ? true : undefined;
  for (const key of ['text', 'caption', 'reply_markup', 'document', 'photo'] as const) {
    if (emu[key] === undefined) delete emu[key];
  }
}

function buttonsOf(markup: InlineKeyboardMarkup | undefined): EmuMessage['buttons'] {
  return (markup?.inline_keyboard ?? []).map((row) =>
    row.map((b) => compact({ text: b.text, data: 'callback_data' in b ? b.callback_data : undefined, url: 'url' in b ? b.url : undefined })),
  );
}

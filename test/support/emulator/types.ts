import type { InlineKeyboardMarkup, Message } from 'grammy/types';

/** Telegram's flood limits, as documented in the Bot FAQ. */
export interface Limits {
  globalPerSec: number;
  privatePerSec: number;
  groupPerMin: number;
  groupEditsPerMin: number;
}

export const TELEGRAM_LIMITS: Limits = { globalPerSec: 30, privatePerSec: 1, groupPerMin: 20, groupEditsPerMin: 20 };

export interface Faults {
  /** Probability (0..1) that a call is answered 502 Bad Gateway without being performed. */
  error5xxRate?: number;
  /** Probability (0..1) that a call is answered `slowMs` late, after it was performed. */
  slowRate?: number;
  slowMs?: number;
  seed?: number;
}

export interface EmulatorOptions {
  token?: string;
  botUsername?: string;
  limits?: Limits | false;
  scale?: number;
  latencyMs?: number;
  faults?: Faults;
  /** Webhook deliveries allowed in flight at once (setWebhook's max_connections overrides). Default 1. */
  webhookConcurrency?: number;
  /**
   * Telegram's privacy mode, on by default as for every new bot: in groups the bot hears only
   * commands (to it or to no bot in particular), replies to its own messages and service
   * messages, unless it is an administrator there. `false` = it hears everything.
   */
  privacyMode?: boolean;
  /**
   * How long after a button press answerCallbackQuery is still accepted (Telegram: about
   * 15 s); later, or a second answer, is refused. pressButton waits this long. Default 15000.
   */
  callbackAnswerWindowMs?: number;
}

/** A message as a person in the chat sees it now. */
export interface EmuMessage {
  message_id: number;
  chatId: number;
  from: 'bot' | number;
  date: number;
  text?: string;
  /** As the bot sent it, when parse_mode was HTML. */
  html?: string;
  caption?: string;
  reply_markup?: InlineKeyboardMarkup;
  buttons: { text: string; data?: string; url?: string }[][];
  document?: { file_id: string; file_name?: string; size: number };
  photo?: boolean;
  pinned: boolean;
  edits: number;
  /** Earlier texts (or captions), oldest first. */
  history: string[];
  replyTo?: number;
  raw: Message;
}

export interface ApiCall {
  method: string;
  /** Parsed request body; uploaded files are replaced by { fileName, size }. */
  params: Record<string, unknown>;
  /** Date.now() when the request arrived. */
  at: number;
  ok: boolean;
  error_code?: number;
  chatId?: number;
  /** Set when the slow fault delayed this answer (the call was performed; only the answer is late). */
  slow?: boolean;
  /**
   * Set when the client hung up (e.g. timed out) before the answer was sent, or closed the
   * connection within 100 ms after it (a keep-alive client does that only when it gave up on
   * the answer); the call was performed all the same.
   */
  abandoned?: boolean;
}

export interface WebhookDelivery {
  update_id: number;
  /** HTTP status of the bot's answer; 0 when the connection failed. */
  status: number;
  /** Set on the last attempt when the update was given up on. */
  dropped?: boolean;
}

export interface ResponseParameters {
  retry_after?: number;
  migrate_to_chat_id?: number;
}

export interface ApiErrorShape {
  error_code: number;
  description: string;
  parameters?: ResponseParameters;
}

/** Thrown by method handlers; turned into Telegram's `{ ok: false, ... }` answer. */
export class ApiError extends Error {
  constructor(
    readonly error_code: number,
    readonly description: string,
    readonly parameters?: ResponseParameters,
  ) {
    super(description);
  }

  static from(e: ApiErrorShape): ApiError {
    return new ApiError(e.error_code, e.description, e.parameters);
  }

  static badRequest(what: string): ApiError {
    return new ApiError(400, `Bad Request: ${what}`);
  }

  static forbidden(what: string): ApiError {
    return new ApiError(403, `Forbidden: ${what}`);
  }
}

/** A file that came in a multipart upload. */
export interface Upload {
  fileName: string;
  data: Buffer;
}

export type Params = Record<string, unknown>;

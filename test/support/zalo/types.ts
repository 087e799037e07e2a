/** What the Zalo Bot API emulator models: people, chats, messages, calls (see emulator.ts). */

/** A Zalo account as the bot sees it: an opaque string id and a display name. */
export interface ZaloUser {
  id: string;
  display_name: string;
}

export type ChatType = 'PRIVATE' | 'GROUP';

/** A group people write in; the bot is in it only where its account may join groups. */
export interface ZaloGroup {
  id: string;
  chat_type: 'GROUP';
  title: string;
}

/** A message as the people in a chat see it. */
export interface ZaloSeen {
  message_id: string;
  chatId: string;
  /** 'bot', or the id of the person who wrote it. */
  from: string;
  text?: string;
  photo?: string;
  caption?: string;
  sticker?: string;
  /** Milliseconds, as Zalo dates its messages. */
  date: number;
}

/** One call of the API, for assertions and benchmarks. */
export interface ZaloCall {
  method: string;
  params: Record<string, unknown>;
  at: number;
  ok: boolean;
  error_code?: number;
  chatId?: string;
}

/** An event as getUpdates returns it (one per answer) and the webhook posts it. */
export interface ZaloEvent {
  event_name: string;
  message: {
    message_id: string;
    date: number;
    chat: { id: string; chat_type: ChatType };
    from: { id: string; display_name: string; is_bot: false };
    text?: string;
    photo?: string;
    caption?: string;
    sticker?: string;
  };
}

/** Zalo publishes no limits: these are the emulator's, configurable per test. */
export interface ZaloLimits {
  /** Sends per second, whole bot. */
  perSec: number;
  /** Sends per second to one chat. */
  perChatPerSec: number;
}

export interface ZaloErrorShape {
  error_code: number;
  description: string;
}

export interface ZaloEmulatorOptions {
  /** `<bot_id>:<secret>`, as Zalo issues it. */
  token?: string;
  /** getMe's can_join_groups: false by default, as integrators report for most bots. */
  canJoinGroups?: boolean;
  /** Sending limits; none by default. */
  limits?: ZaloLimits | false;
  /** Every call answered this much later. */
  latencyMs?: number;
  accountName?: string;
}

export interface ZaloWebhookDelivery {
  at: number;
  status: number;
  event: string;
}

export class ZaloApiError extends Error {
  constructor(
    readonly error_code: number,
    readonly description: string,
  ) {
    super(description);
  }
}

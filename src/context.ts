import type { I18nFlavor } from '@grammyjs/i18n';
import type { Queue } from 'bullmq';
import type { Context } from 'grammy';
import type { Message } from 'grammy/types';
import type { Effects } from '#root/actions/effects.js';
import type { Config } from '#root/config.js';
import type { Actor } from '#root/domain/roles.js';
import type { Translator } from '#root/i18n.js';
import type { Logger } from '#root/logger.js';
import type { Metrics } from '#root/metrics.js';
import type { RateLimiter } from '#root/telegram/limiter.js';
import type { Outbox } from '#root/telegram/outbox.js';
import type { Store } from '#root/store/index.js';
import type { Member, UserPrefs } from '#root/store/members.js';

/** What every handler and job can reach. Built once in app.ts. */
export interface Services {
  config: Config;
  log: Logger;
  store: Store;
  t: Translator;
  outbox: Outbox;
  /** Telegram's limits, shared with every process through Redis. */
  limiter: RateLimiter;
  /** Background work that is not a message: fan-outs, menus, progress refreshes. */
  tasks: Queue;
  metrics: Metrics;
  /** What actions may ask for (announce, schedule, notify), wired to the queues in app.ts. */
  effects: Effects;
  /** Live counters of this process, for tests and metrics. */
  activity: { updatesInFlight: number };
  /** Names this process in update claims and logs. */
  instance: string;
}

interface AppFlavor {
  svc: Services;
  /** A child logger carrying the update id, chat and user. */
  log: Logger;
  actor: Actor;
  member: Member | undefined;
  prefs: UserPrefs | undefined;
  /** Replies in HTML, split under Telegram's length limit (buttons on the last part); the messages sent. */
  say(text: string, extra?: Parameters<Context['reply']>[1]): Promise<Message.TextMessage[]>;
}

export type BotContext = Context & I18nFlavor & AppFlavor;

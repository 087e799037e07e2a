import { randomBytes } from 'node:crypto';
import type { Chat, User } from 'grammy/types';
import { createApp, type App, type Role } from '#root/app.js';
import { loadConfig, type Config } from '#root/config.js';
import { createLogger, type Logger } from '#root/logger.js';
import { BotApiEmulator, type EmuMessage, type EmulatorOptions } from './emulator.js';

/** Telegram's limits as the bot's configuration, for tests that run the emulator with TELEGRAM_LIMITS. */
export const REAL_LIMITS = { SEND_GLOBAL_PER_SEC: '30', SEND_PRIVATE_PER_SEC: '1', SEND_GROUP_PER_MIN: '20', SEND_GROUP_EDITS_PER_MIN: '20' };

export interface Harness {
  emu: BotApiEmulator;
  app: App;
  config: Config;
  /** Sends as a person and waits for the bot's next message in that chat. */
  ask(from: User, chat: Chat | 'private', text: string, opts?: { replyTo?: number }): Promise<EmuMessage>;
  /** The bot's next message in a chat after `since` messages, e.g. a private notification. */
  nextBotMessage(chatId: number, since: number, timeout?: number): Promise<EmuMessage>;
  /** Waits until every update was handled and both queues are drained. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  emulator?: EmulatorOptions;
  role?: Role;
  /** Reuse an emulator (e.g. for a second process); default: start one. */
  emu?: BotApiEmulator;
  redisUrl?: string;
  prefix?: string;
  /** The app's logger (e.g. one writing to a stream the test reads); default: at LOG_LEVEL. */
  log?: Logger;
}

export function testConfig(emu: BotApiEmulator, env: Record<string, string> = {}, redisUrl: string, prefix = `t${randomBytes(4).toString('hex')}`): Config {
  return loadConfig({
    BOT_TOKEN: emu.token,
    TELEGRAM_API_ROOT: emu.apiRoot,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    HTTP_PORT: '0',
    HTTP_HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // The emulator enforces no limits unless a test asks for them, so neither does the bot:
    // a test about limits passes Telegram's real figures (see REAL_LIMITS).
    SEND_GLOBAL_PER_SEC: '1000',
    SEND_PRIVATE_PER_SEC: '1000',
    SEND_GROUP_PER_MIN: '60000',
    SEND_GROUP_EDITS_PER_MIN: '60000',
    ...env,
  });
}

/** Inside vitest, the run's private Redis; the demo and benchmarks pass their own. */
async function defaultRedisUrl(): Promise<string> {
  const { inject } = await import('vitest');
  return inject('redisUrl');
}

/** The real bot and workers, against the emulator over HTTP and a private Redis. */
export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const emu = opts.emu ?? (await BotApiEmulator.start(opts.emulator));
  const config = testConfig(emu, opts.env, opts.redisUrl ?? (await defaultRedisUrl()), opts.prefix);
  const app = await createApp({ config, botInfo: emu.botInfo, log: opts.log ?? createLogger(config.LOG_LEVEL) });
  await app.start(opts.role ?? 'all');

  const nextBotMessage = (chatId: number, since: number, timeout = 5000) =>
    emu.waitFor(() => emu.botMessages(chatId)[since], { timeout, what: `bot message #${since + 1} in chat ${chatId}` });

  return {
    emu,
    app,
    config,
    nextBotMessage,
    async ask(from, chat, text, o = {}) {
      const chatId = chat === 'private' ? from.id : chat.id;
      const since = emu.botMessages(chatId).length;
      emu.sendText(from, chat, text, o.replyTo ? { replyTo: o.replyTo } : {});
      return nextBotMessage(chatId, since);
    },
    async settle() {
      // Idle twice in a row: handlers may enqueue jobs and jobs may not yet have been picked up.
      let idleRounds = 0;
      const deadline = Date.now() + 15_000;
      while (idleRounds < 2) {
        if (Date.now() > deadline) throw new Error('harness did not settle within 15 s');
        const counts = await Promise.all(app.queues.all.map((q) => q.getJobCounts('waiting', 'active', 'prioritized')));
        // Delayed jobs far ahead (a reminder next week) are not work in progress.
        const soon = Date.now() + 3000;
        const delayed = (await Promise.all(app.queues.all.map((q) => q.getDelayed(0, 1000)))).flat();
        const dueSoon = delayed.filter((j) => j.timestamp + (j.opts.delay ?? 0) <= soon).length;
        const idle =
          emu.pendingUpdates() === 0 &&
          app.svc.activity.updatesInFlight === 0 &&
          dueSoon === 0 &&
          counts.every((c) => Object.values(c).every((n) => n === 0));
        idleRounds = idle ? idleRounds + 1 : 0;
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async stop() {
      await app.stop();
      if (!opts.emu) await emu.close();
    },
  };
}

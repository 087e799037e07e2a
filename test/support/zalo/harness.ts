import { freePort } from '../redis.js';
import { startHarness, type Harness, type HarnessOptions } from '../harness.js';
import { ZaloEmulator } from './emulator.js';
import type { ZaloEmulatorOptions, ZaloGroup, ZaloSeen, ZaloUser } from './types.js';

/** Zalo's emulator is started by the harness unless one is given. */
export { ZaloEmulator } from './emulator.js';
export type { ZaloGroup, ZaloSeen, ZaloUser } from './types.js';

export interface ZaloHarness extends Harness {
  zalo: ZaloEmulator;
  /** The bot's public address (PUBLIC_URL): where its signed file links point. */
  publicUrl: string;
  /** Writes as a person on Zalo and waits for the bot's next message in that chat. */
  zaloAsk(from: ZaloUser, text: string, chat?: ZaloGroup): Promise<ZaloSeen>;
  /** The bot's next message in a Zalo chat after `since` messages. */
  zaloNext(chatId: string, since: number, timeout?: number): Promise<ZaloSeen>;
}

export interface ZaloHarnessOptions extends HarnessOptions {
  zalo?: ZaloEmulatorOptions;
  zaloEmu?: ZaloEmulator;
  /** Events by webhook (ZALO_MODE=webhook, with this secret) instead of long polling. */
  webhookSecret?: string;
}

/**
 * The real bot and workers with both doors open: Telegram's emulator and Zalo's, one Redis.
 * The HTTP server listens on a known port so PUBLIC_URL (file links) and the Zalo webhook can
 * name it.
 */
export async function startZaloHarness(opts: ZaloHarnessOptions = {}): Promise<ZaloHarness> {
  const zalo = opts.zaloEmu ?? (await ZaloEmulator.start(opts.zalo));
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const webhook: Record<string, string> = opts.webhookSecret ? { ZALO_MODE: 'webhook', ZALO_WEBHOOK_URL: `${publicUrl}/zalo`, ZALO_WEBHOOK_SECRET: opts.webhookSecret } : {};
  const h = await startHarness({
    ...opts,
    env: { ZALO_BOT_TOKEN: zalo.token, ZALO_API_ROOT: zalo.apiRoot, HTTP_PORT: String(port), PUBLIC_URL: publicUrl, ZALO_SEND_PER_SEC: '1000', ZALO_SEND_PER_CHAT_PER_SEC: '1000', ...webhook, ...opts.env },
  });
  const zaloNext = (chatId: string, since: number, timeout = 5000) =>
    zalo.waitFor(() => zalo.botMessages(chatId)[since], { timeout, what: `zalo bot message #${since + 1} in ${chatId}` }).catch((e: Error) => {
      throw new Error(`${e.message}\n--- transcript ---\n${zalo.transcript(chatId)}`);
    });
  const baseSettle = h.settle.bind(h);
  const baseStop = h.stop.bind(h);
  return {
    ...h,
    zalo,
    publicUrl,
    zaloNext,
    async zaloAsk(from, text, chat) {
      const chatId = chat?.id ?? from.id;
      const since = zalo.botMessages(chatId).length;
      zalo.sendText(from, chat ?? 'private', text);
      return zaloNext(chatId, since);
    },
    async settle() {
      // Events still waiting in Zalo's emulator (or in flight to the bot) are work in progress.
      for (let round = 0; round < 2; round++) {
        await zalo.waitFor(() => zalo.pendingUpdates() === 0, { timeout: 15_000, what: 'zalo events taken' });
        await baseSettle();
      }
    },
    async stop() {
      await baseStop();
      if (!opts.zaloEmu) await zalo.close();
    },
  };
}

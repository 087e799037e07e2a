import type { Update } from 'grammy/types';
import type { UpdateQueue } from './updates.js';
import type { Params, WebhookDelivery } from './types.js';

const RETRY_DELAY_MS = 200;
const MAX_ATTEMPTS = 5;

export interface WebhookConfig {
  url: string;
  secret?: string;
  maxConnections: number;
  allowedUpdates?: string[];
}

/**
 * Pushes queued updates to the bot's webhook in order, a bounded number at a time.
 * A failed delivery (non-2xx or network error) is retried after 200 ms, at most 5 attempts.
 * When the bot answers with a method call in the body (webhook reply), `onReply` performs it.
 */
export class WebhookDeliverer {
  readonly deliveries: WebhookDelivery[] = [];
  config: WebhookConfig | undefined;
  lastError: { date: number; message: string } | undefined;
  private readonly inFlight = new Set<number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly queue: UpdateQueue,
    private readonly onReply: (method: string, params: Params) => Promise<unknown>,
    private readonly onChange: () => void,
  ) {}

  set(config: WebhookConfig | undefined): void {
    this.config = config;
    this.pump();
  }

  /** Starts deliveries for queued updates while there is room. */
  pump(): void {
    const config = this.config;
    if (!config || this.stopped) return;
    const room = config.maxConnections - this.inFlight.size;
    if (room <= 0) return;
    for (const update of this.queue.peek(room, this.inFlight)) {
      this.inFlight.add(update.update_id);
      void this.deliver(config, update, 1);
    }
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private async deliver(config: WebhookConfig, update: Update, attempt: number): Promise<void> {
    const status = await this.post(config, update);
    if (this.stopped) return;
    const ok = status >= 200 && status < 300;
    const dropped = !ok && attempt >= MAX_ATTEMPTS;
    this.deliveries.push(dropped ? { update_id: update.update_id, status, dropped } : { update_id: update.update_id, status });
    if (ok || dropped) {
      this.inFlight.delete(update.update_id);
      this.queue.remove(update.update_id);
      this.pump();
      return;
    }
    this.lastError = { date: Math.floor(Date.now() / 1000), message: status === 0 ? 'Connection refused' : `Wrong response from the webhook: ${status}` };
    this.onChange();
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      // The webhook may have been replaced or deleted meanwhile; deliver to the current one.
      const current = this.config;
      if (current) void this.deliver(current, update, attempt + 1);
      else this.inFlight.delete(update.update_id);
    }, RETRY_DELAY_MS);
    this.timers.add(timer);
  }

  /** Returns the HTTP status, or 0 when the bot could not be reached. */
  private async post(config: WebhookConfig, update: Update): Promise<number> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (config.secret) headers['X-Telegram-Bot-Api-Secret-Token'] = config.secret;
    try {
      const res = await fetch(config.url, { method: 'POST', headers, body: JSON.stringify(update) });
      const body = await res.text();
      if (res.ok) await this.performReply(body);
      return res.status;
    } catch {
      return 0;
    }
  }

  private async performReply(body: string): Promise<void> {
    let reply: Params;
    try {
      reply = JSON.parse(body) as Params;
    } catch {
      return; // any 2xx counts as accepted, whatever the body
    }
    if (typeof reply.method === 'string') {
      const { method, ...params } = reply;
      await this.onReply(method, params).catch(() => undefined);
    }
  }
}

import type { Update } from 'grammy/types';
import { ApiError } from './types.js';

/** Update types Telegram sends when allowed_updates is empty or was never set. */
const OPT_IN_TYPES = new Set(['chat_member', 'message_reaction', 'message_reaction_count']);

function updateType(u: Update): string {
  return Object.keys(u).find((k) => k !== 'update_id') ?? '';
}

interface Poller { wake(): void; terminate(result: Update[] | ApiError): void }

/**
 * The bot's pending updates. An update stays here until getUpdates is called with a
 * higher offset, or until the webhook accepted it.
 */
export class UpdateQueue {
  private items: Update[] = [];
  private nextId = 1;
  private poller: Poller | undefined;
  private allowed: string[] | undefined;

  constructor(private readonly onChange: () => void) {}

  push(update: Omit<Update, 'update_id'>): number {
    const full = { ...update, update_id: this.nextId++ };
    this.items.push(full);
    this.poller?.wake();
    this.onChange();
    return full.update_id;
  }

  get size(): number {
    return this.items.length;
  }

  setAllowed(allowed: string[] | undefined): void {
    if (allowed !== undefined) this.allowed = allowed;
  }

  /** The oldest updates not yet handed out, skipping (and dropping) types the bot did not ask for. */
  peek(limit: number, skip: ReadonlySet<number> = new Set()): Update[] {
    this.items = this.items.filter((u) => this.isAllowed(u));
    return this.items.filter((u) => !skip.has(u.update_id)).slice(0, limit);
  }

  remove(updateId: number): void {
    this.items = this.items.filter((u) => u.update_id !== updateId);
    this.onChange();
  }

  clear(): void {
    this.items = [];
    this.onChange();
  }

  /** getUpdates semantics: a positive offset confirms every earlier update, a negative one keeps the last -offset. */
  confirm(offset: number | undefined): void {
    if (offset === undefined || offset === 0) return;
    const before = this.items.length;
    this.items = offset > 0 ? this.items.filter((u) => u.update_id >= offset) : this.items.slice(offset);
    if (this.items.length !== before) this.onChange();
  }

  /**
   * Long poll: resolves as soon as there are updates, or with [] after timeoutMs.
   * A newer poll terminates this one with 409 Conflict, as on Telegram.
   */
  poll(limit: number, timeoutMs: number, gone: AbortSignal): Promise<Update[]> {
    this.poller?.terminate(new ApiError(409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running'));
    const ready = this.peek(limit);
    if (ready.length > 0 || timeoutMs <= 0) return Promise.resolve(ready);
    return new Promise((resolve, reject) => {
      const finish = (result: Update[] | ApiError) => {
        clearTimeout(timer);
        gone.removeEventListener('abort', onGone);
        if (this.poller === poller) this.poller = undefined;
        if (result instanceof ApiError) reject(result);
        else resolve(result);
      };
      const poller: Poller = {
        wake: () => {
          const next = this.peek(limit);
          if (next.length > 0) finish(next);
        },
        terminate: finish,
      };
      const onGone = () => finish([]);
      const timer = setTimeout(() => finish([]), timeoutMs);
      gone.addEventListener('abort', onGone);
      this.poller = poller;
    });
  }

  /** Ends a pending long poll: with `err`, or empty-handed when the emulator closes. */
  release(err?: ApiError): void {
    this.poller?.terminate(err ?? []);
  }

  private isAllowed(u: Update): boolean {
    const type = updateType(u);
    if (!this.allowed || this.allowed.length === 0) return !OPT_IN_TYPES.has(type);
    return this.allowed.includes(type);
  }
}

/**
 * The Zalo Bot API client: every method is `POST <root>/bot<TOKEN>/<method>` with a JSON
 * body, answered `{ ok: true, result }` or `{ ok: false, error_code, description }`. What the
 * documentation leaves open (error codes, limits) is decided here and in `classifyZalo`, so
 * the adapter's assumptions about Zalo stay in one place.
 */

export interface ZaloMe {
  id: string;
  account_name: string;
  account_type: string;
  can_join_groups: boolean;
}

export class ZaloApiError extends Error {
  constructor(
    readonly method: string,
    /** Zalo's error_code, the HTTP status when the body is not Zalo's, 0 for a network failure. */
    readonly code: number,
    readonly description: string,
  ) {
    super(`Zalo ${method}: ${code} ${description}`);
    this.name = 'ZaloApiError';
  }
}

export class ZaloApi {
  constructor(
    private readonly root: string,
    private readonly token: string,
    private readonly timeoutSec: number,
  ) {}

  /** One call. `timeoutSec` overrides the client's (a long poll waits longer than a send). */
  async call<T>(method: string, params: Record<string, unknown> = {}, opts: { timeoutSec?: number; signal?: AbortSignal } = {}): Promise<T> {
    const timeout = AbortSignal.timeout((opts.timeoutSec ?? this.timeoutSec) * 1000);
    const signal = opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout;
    let res: Response;
    try {
      res = await fetch(`${this.root}/bot${this.token}/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(params), signal });
    } catch (err) {
      // The token is in the URL: the error says only what went wrong, never where.
      throw new ZaloApiError(method, 0, (err as Error).name === 'TimeoutError' ? 'timed out' : 'network error');
    }
    let body: { ok?: boolean; result?: T; error_code?: number; description?: string };
    try {
      body = (await res.json()) as typeof body;
    } catch {
      throw new ZaloApiError(method, res.status, 'not a Zalo answer');
    }
    if (body.ok === true) return body.result as T;
    throw new ZaloApiError(method, body.error_code ?? res.status, body.description ?? 'unknown error');
  }

  getMe(): Promise<ZaloMe> {
    return this.call('getMe');
  }

  async sendMessage(chatId: string, text: string): Promise<{ message_id: string; date: number }> {
    return this.call('sendMessage', { chat_id: chatId, text });
  }

  async sendPhoto(chatId: string, photo: string, caption?: string): Promise<{ message_id: string; date: number }> {
    return this.call('sendPhoto', { chat_id: chatId, photo, ...(caption ? { caption } : {}) });
  }
}

/**
 * What a failed call means. Zalo lists no error codes, so: a person or group the bot may not
 * write to (403, or "not found" for the chat) is final for that recipient; a request refused
 * as malformed (other 400s) is final for that message; everything else (429, 5xx, timeouts,
 * unknown codes) is temporary, and every error makes the sender back off (jobs/deliver-zalo.ts).
 */
export type ZaloFailure = { kind: 'recipient'; reason: 'blocked' | 'not-member' | 'chat-not-found' | 'no-private-chat' } | { kind: 'rejected'; description: string } | { kind: 'transient'; description: string };

export function classifyZalo(err: unknown): ZaloFailure {
  if (!(err instanceof ZaloApiError)) return { kind: 'transient', description: err instanceof Error ? err.message : String(err) };
  const d = err.description.toLowerCase();
  if (err.code === 403) {
    if (d.includes('block')) return { kind: 'recipient', reason: 'blocked' };
    if (d.includes('interact')) return { kind: 'recipient', reason: 'no-private-chat' };
    return { kind: 'recipient', reason: 'not-member' };
  }
  if (err.code === 400 && d.includes('chat not found')) return { kind: 'recipient', reason: 'chat-not-found' };
  if (err.code === 400 || err.code === 404) return { kind: 'rejected', description: err.description };
  return { kind: 'transient', description: `${err.code} ${err.description}` };
}

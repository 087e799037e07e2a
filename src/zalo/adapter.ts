import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Services } from '#root/context.js';
import { commandSpec } from '#root/domain/commands.js';
import { makeActor } from '#root/domain/roles.js';
import type { Route } from '#root/http/server.js';
import { preferredLocale } from '#root/i18n.js';
import { mayAsk } from '#root/policy.js';
import { escapeHtml } from '#root/telegram/text.js';
import { ZaloApiError, type ZaloApi } from '#root/zalo/api.js';
import { LINK_CODE } from '#root/store/zalo.js';
import { answerInvite, answerNumber, join, linkAccount, messageNumber, received, substituteName, zaloHandler, type ZaloContext } from '#root/zalo/commands.js';
import { formAnswer } from '#root/zalo/forms.js';
import type { ZaloDelivery, ZaloRouter } from '#root/zalo/route.js';

/**
 * Zalo's door: events (long polling or webhook) go through the same steps as Telegram's
 * updates (README, "the way an update travels"): claimed once, the person identified (their
 * number on Zalo's range, their member record, makeActor), their language, the same flood
 * limit (the same keys), the guard (the catalogue's action, the policy's audience), then the
 * command's handler or a text answer (src/zalo/commands.ts), which calls the same actions.
 * Answers go out through Zalo's queue, in order, with Zalo's limits.
 */

/** An event as Zalo sends it: getUpdates' `result`, or a webhook's body (`{ ok, result }` or the event itself). */
interface ZaloEvent {
  event_name?: string;
  message?: {
    message_id?: string;
    date?: number;
    text?: string;
    caption?: string;
    chat?: { id?: string; chat_type?: string };
    from?: { id?: string; display_name?: string; first_name?: string; is_bot?: boolean };
  };
}

/** An invite's token as /invite makes it: 192 random bits, base64url. */
const TOKEN = /^[A-Za-z0-9_-]{32}$/;

function parseEvent(body: unknown): ZaloEvent | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as { result?: unknown };
  const e = (typeof b.result === 'object' && b.result !== null ? b.result : body) as ZaloEvent;
  return e.message ? e : undefined;
}

/** Lower case, without diacritics: «Đã nhận» and «da nhan» are the same answer. */
function plainWords(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().replace(/\s+/g, ' ').trim();
}

export class ZaloAdapter {
  /** Per chat and per person, one event at a time (as the Telegram runner sequentializes). */
  private readonly chains = new Map<string, Promise<void>>();
  private polling: AbortController | undefined;
  private pollLoop: Promise<void> | undefined;

  constructor(
    private readonly svc: Services,
    private readonly api: ZaloApi,
    private readonly router: ZaloRouter,
  ) {}

  /** Handles an event after the ones before it in the same chat and from the same person. */
  dispatch(body: unknown): Promise<void> {
    const e = parseEvent(body);
    const chat = e?.message?.chat?.id;
    const from = e?.message?.from?.id;
    if (!e || !chat || !from) return Promise.resolve();
    const keys = [`c:${chat}`, `u:${from}`];
    const before = Promise.all(keys.map((k) => this.chains.get(k) ?? Promise.resolve()));
    // Counted from now: an event waiting for the one before it is work in progress too.
    this.svc.activity.updatesInFlight++;
    const run = before
      .then(() => this.handle(e))
      .catch((err: unknown) => this.svc.log.error({ err: err instanceof Error ? err.message : String(err) }, 'zalo event failed'))
      .finally(() => this.svc.activity.updatesInFlight--);
    for (const k of keys) this.chains.set(k, run);
    void run.then(() => {
      for (const k of keys) if (this.chains.get(k) === run) this.chains.delete(k);
    });
    return run;
  }

  private async handle(e: ZaloEvent): Promise<void> {
    const { svc } = this;
    const { store } = svc;
    const m = e.message!;
    const zaloChat = m.chat!.id!;
    const fromId = m.from!.id!;
    if (m.from?.is_bot) return;
    const key = `${zaloChat}:${m.message_id ?? m.date ?? ''}`;
    svc.metrics.updates.inc({ kind: `zalo_${(e.event_name ?? 'message').replace(/\W+/g, '_')}` });
    // A copy of an event already handled (a webhook retried after a timeout) does nothing.
    if (!(await store.zalo.claimEvent(key, svc.instance))) return;
    await this.process(e, key, zaloChat, fromId);
    await store.zalo.finishEvent(key);
  }

  private async process(e: ZaloEvent, key: string, zaloChat: string, fromId: string): Promise<void> {
    const { svc } = this;
    const { store, config } = svc;
    const m = e.message!;
    const isPrivate = m.chat!.chat_type !== 'GROUP';
    const name = m.from?.display_name ?? m.from?.first_name ?? '';
    // Identity: the person's number on Zalo's range, their record, the same makeActor.
    const userId = await store.members.idOfZalo(fromId);
    const chatId = isPrivate ? userId : await store.zalo.groupNumber(zaloChat);
    const [member, prefs, me] = await Promise.all([store.members.get(userId), store.members.prefs(userId), store.zalo.me()]);
    const actor = makeActor(userId, member, { adminIds: config.ADMIN_IDS, councilUnit: config.COUNCIL_UNIT });
    if (isPrivate && (!prefs.private || prefs.inactive)) await store.members.markPrivateOpen(userId, name);
    const locale = preferredLocale(prefs, config.DEFAULT_LOCALE);
    const out: string[] = [];
    const c: ZaloContext = {
      svc,
      // The history records what people do here as done on Zalo.
      deps: { ...svc, via: 'zalo' },
      actor,
      member,
      prefs,
      locale,
      chat: { type: isPrivate ? 'private' : 'group', id: chatId, zaloId: zaloChat },
      from: { zaloId: fromId, name },
      key,
      messageNumber: messageNumber(m.message_id ?? key),
      groupsAllowed: me?.canJoinGroups ?? false,
      say: (html) => out.push(html),
      t: (k, vars) => svc.t(c.locale, k, vars),
    };
    const text = (m.text ?? m.caption ?? '').trim();
    const command = /^\/([A-Za-z0-9_]+)(?:@\S+)?(?:\s+([\s\S]*))?$/.exec(text);
    try {
      // The flood limit: commands, and everything said to the bot in private, count.
      if ((command || isPrivate) && text && !(await this.withinFloodLimit(c))) return;
      if (command) await this.command(c, command[1]!, command[2] ?? '');
      else if (isPrivate && text) await this.answer(c, text);
      else if (isPrivate) c.say(c.t('zalo-text-only'));
    } catch (err) {
      svc.log.error({ err: err instanceof Error ? err.stack : String(err) }, 'zalo handler failed');
      c.say(c.t('error-internal'));
    }
    await this.reply(c, out);
  }

  /** The same limit and keys as Telegram's (@grammyjs/ratelimiter's counter per person). */
  private async withinFloodLimit(c: ZaloContext): Promise<boolean> {
    const { store, config } = this.svc;
    const k = `${store.keys.flood}${c.actor.userId}`;
    const hits = await store.redis.incr(k);
    if (hits === 1) await store.redis.pexpire(k, config.FLOOD_WINDOW_SEC * 1000);
    if (hits <= config.FLOOD_LIMIT) return true;
    if (hits === config.FLOOD_LIMIT + 1) {
      this.svc.log.warn('flood limit reached');
      c.say(c.t('flood'));
    }
    return false;
  }

  /** The guard, then the handler: the catalogue names the action, the policy says who may ask. */
  private async command(c: ZaloContext, word: string, rest: string): Promise<void> {
    const spec = commandSpec(word);
    if (!spec) {
      c.say(c.t('command-unknown', { command: escapeHtml(`/${word}`) }));
      if (c.chat.type === 'private') c.say(c.t('zalo-see-help'));
      return;
    }
    const handler = zaloHandler(spec);
    if (!handler) return c.say(c.t('zalo-telegram-only', { command: escapeHtml(`/${word}`) }));
    const refusal = mayAsk(c.actor, spec.action, this.svc.config.COUNCIL_UNIT);
    if (refusal) return c.say(c.t(refusal.code, refusal.vars));
    const isPrivate = c.chat.type === 'private';
    // /lienketnhom in private links the unit's Zalo members one by one where groups are not allowed.
    if (spec.where === 'group' && isPrivate && !(spec.name === 'linkgroup' && !c.groupsAllowed)) return c.say(c.t('group-only'));
    if (spec.where === 'private' && !isPrivate) return c.say(c.t('zalo-private-only'));
    await handler(c, rest.trim().split(/\s+/).filter(Boolean), rest);
  }

  /** A private message that is not a command: an answer to what the bot last asked, or a token. */
  private async answer(c: ZaloContext, text: string): Promise<void> {
    const { store } = this.svc;
    const words = plainWords(text);
    const pending = await store.pending.get(c.actor.userId);
    // A guided form takes every answer («1» may be a draft's only section) until «hủy».
    if (pending?.kind === 'wizard' && (await formAnswer(c, pending, text, words))) return;
    // Then the short answers: «đã nhận» or 2 is never a substitute's name.
    if (TOKEN.test(text)) return join(c, text);
    if (LINK_CODE.test(text.toUpperCase())) return linkAccount(c, text);
    if (/^[123]$/.test(text)) return answerNumber(c, text);
    const ack = /^(?:da nhan|received)(?: (b\d{1,9}))?[.!]?$/.exec(words);
    if (ack) return received(c, ack[1]?.toUpperCase());
    if (pending?.kind === 'substitute') return substituteName(c, pending.meetingId, text);
    const { invite } = await store.zalo.answers(c.actor.userId);
    if (invite && /^(dong y|xac nhan|ok|yes)[.!]?$/.test(words)) return answerInvite(c, invite, true);
    if (invite && /^(huy|khong|no|cancel)[.!]?$/.test(words)) return answerInvite(c, invite, false);
    c.say(c.t('zalo-unknown-text'));
  }

  /** The answers, in order, through Zalo's queue (one chain: each part after the one before). */
  private async reply(c: ZaloContext, out: string[]): Promise<void> {
    if (out.length === 0) return;
    const base = `zr_${c.key}`;
    const chain = out.reduceRight<ZaloDelivery | undefined>(
      (then, html, i) => ({ id: `${base}_${i}`, chatId: c.chat.id, body: { kind: 'text', html }, lane: 'now', then }),
      undefined,
    );
    await this.router.enqueue([chain!]);
  }

  // ---- intake -------------------------------------------------------------------------------

  /** getMe, remembered in Redis for every process (the router and the workers read can_join_groups). */
  async init(): Promise<void> {
    const me = await this.api.getMe();
    await this.svc.store.zalo.setMe({ id: me.id, canJoinGroups: me.can_join_groups });
    this.svc.log.info({ canJoinGroups: me.can_join_groups }, 'zalo bot ready');
  }

  /** Long polling: one event per answer; "Request timeout" (408) means none came. Errors back off. */
  startPolling(): void {
    const ctrl = new AbortController();
    this.polling = ctrl;
    this.pollLoop = (async () => {
      await this.api.call('deleteWebhook');
      let failures = 0;
      while (!ctrl.signal.aborted) {
        try {
          const event = await this.api.call<unknown>('getUpdates', { timeout: 30 }, { timeoutSec: 45, signal: ctrl.signal });
          failures = 0;
          void this.dispatch(event);
        } catch (err) {
          if (ctrl.signal.aborted) break;
          if (err instanceof ZaloApiError && err.code === 408) continue;
          failures++;
          this.svc.log.warn({ err: err instanceof Error ? err.message : String(err), failures }, 'zalo polling failed: retrying');
          await new Promise((r) => setTimeout(r, Math.min(30_000, 500 * 2 ** Math.min(failures, 6))));
        }
      }
    })().catch((err: unknown) => this.svc.log.error({ err: err instanceof Error ? err.message : String(err) }, 'zalo polling stopped'));
  }

  /**
   * The webhook: an event is handled only with Zalo's secret in X-Bot-Api-Secret-Token (401
   * otherwise), and answered once handled (at most 8 s: a slow handler finishes on its own).
   */
  webhookRoute(secret: string): Route {
    const expected = Buffer.from(secret);
    return async (req, res) => {
      const given = Buffer.from(String(req.headers['x-bot-api-secret-token'] ?? ''));
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        res.writeHead(401, { 'content-type': 'text/plain' }).end('unauthorized');
        return;
      }
      let body: unknown;
      try {
        body = JSON.parse((await readBody(req, 1 << 20)).toString('utf8'));
      } catch {
        res.writeHead(400, { 'content-type': 'text/plain' }).end('bad request');
        return;
      }
      await Promise.race([this.dispatch(body), new Promise((r) => setTimeout(r, 8000))]);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    };
  }

  async setWebhook(url: string, secret: string): Promise<void> {
    await this.api.call('setWebhook', { url, secret_token: secret });
  }

  async stop(): Promise<void> {
    this.polling?.abort();
    await this.pollLoop;
    await Promise.all([...this.chains.values()]);
  }
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req as AsyncIterable<Buffer>) {
    size += c.length;
    if (size > limit) throw new Error('too large');
    chunks.push(c);
  }
  return Buffer.concat(chunks);
}

import { autoRetry } from '@grammyjs/auto-retry';
import type { I18n } from '@grammyjs/i18n';
import { limit } from '@grammyjs/ratelimiter';
import { sequentialize } from '@grammyjs/runner';
import { Bot, GrammyError, type Composer, type Middleware, type Transformer } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { BotContext, Services } from '#root/context.js';
import { isKnownCommand } from '#root/domain/commands.js';
import { makeActor } from '#root/domain/roles.js';
import { localeFromTelegram } from '#root/i18n.js';
import { updateKind } from '#root/metrics.js';
import { anonymousAdmins } from '#root/telegram/anonymous.js';
import { classify } from '#root/telegram/errors.js';
import { limitedApi } from '#root/telegram/limiter.js';
import { guard } from '#root/telegram/guard.js';
import { pendingInput } from '#root/telegram/pending.js';
import { wizardButtons } from '#root/telegram/wizard.js';
import { splitMessage } from '#root/telegram/text.js';

/** Methods whose text we write in HTML. copyMessage is absent on purpose: copies keep their own formatting. */
const HTML_METHODS = new Set(['sendMessage', 'editMessageText', 'sendDocument', 'sendPhoto', 'editMessageCaption']);

const htmlByDefault: Transformer = (prev, method, payload, signal) => {
  const p = payload as Record<string, unknown>;
  if (HTML_METHODS.has(method) && p.parse_mode === undefined && p.entities === undefined && p.caption_entities === undefined) {
    return prev(method, { ...payload, parse_mode: 'HTML', link_preview_options: { is_disabled: true } } as typeof payload, signal);
  }
  return prev(method, payload, signal);
};

export interface BotOptions {
  botInfo?: UserFromGetMe;
  features: Composer<BotContext>[];
  i18n: I18n<BotContext>;
}

export function createBot(svc: Services, opts: BotOptions): Bot<BotContext> {
  const { config } = svc;
  const bot = new Bot<BotContext>(config.BOT_TOKEN, {
    client: { apiRoot: config.TELEGRAM_API_ROOT },
    ...(opts.botInfo ? { botInfo: opts.botInfo } : {}),
  });
  // grammY wraps later transformers around earlier ones. Innermost: every attempt, including
  // auto-retry's, takes a slot in the limits shared with the sender's jobs.
  bot.api.config.use(limitedApi(svc.limiter, () => svc.metrics.flood.inc()));
  // Direct replies wait out a 429 here; outbound jobs go through the rate-limited sender instead.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60 }));
  bot.api.config.use(htmlByDefault);

  // One update at a time per chat and per person, even when the runner handles many at once.
  // A button press waits only for the same person: a group whose replies wait for its own
  // send slots must not hold up the answer to a press (Telegram refuses late answers).
  bot.use(sequentialize<BotContext>((ctx) => (ctx.callbackQuery ? [ctx.from?.id] : [ctx.chat?.id, ctx.from?.id]).filter((x) => x !== undefined).map(String)));
  bot.use(attachServices(svc));
  bot.use(onceOnly);
  bot.use(identify);
  bot.use(anonymousAdmins);
  bot.use(opts.i18n);
  bot.use(floodLimit(svc));
  // The guard refuses a command its policy does not allow, before any handler. Then the
  // pending-input router: a person's next private message goes where their
  // single pending record says (a guided form, a substitute's name, a notice), never to
  // whichever feature happens to be registered first.
  bot.errorBoundary(onHandlerError, guard, pendingInput, wizardButtons, ...opts.features);

  bot.catch((err) => {
    svc.log.error({ err: err.error instanceof Error ? err.error.message : String(err.error), updateId: err.ctx.update.update_id }, 'unhandled bot error');
  });
  return bot;
}

function attachServices(svc: Services): Middleware<BotContext> {
  return async (ctx, next) => {
    ctx.svc = svc;
    ctx.log = svc.log.child({ updateId: ctx.update.update_id, chatId: ctx.chat?.id, userId: ctx.from?.id });
    // Parts in order; buttons only under the last one, where they answer the whole text.
    ctx.say = async (text, extra) => {
      const parts = splitMessage(text);
      const { reply_markup, ...rest } = extra ?? {};
      const sent = [];
      for (const [i, part] of parts.entries()) sent.push(await ctx.reply(part, i === parts.length - 1 ? extra : rest));
      return sent;
    };
    const started = Date.now();
    svc.activity.updatesInFlight++;
    svc.metrics.updates.inc({ kind: updateKind(ctx.update as unknown as Record<string, unknown>) });
    const command = /^\/([a-z0-9_]+)/i.exec(ctx.message?.text ?? '')?.[1]?.toLowerCase();
    try {
      await next();
    } finally {
      svc.activity.updatesInFlight--;
      const seconds = (Date.now() - started) / 1000;
      // Only commands of the catalogue become labels: free text must not grow the label set.
      if (command && isKnownCommand(command)) svc.metrics.commandSeconds.observe({ command }, seconds);
      ctx.log.debug({ ms: Date.now() - started }, 'update handled');
    }
  };
}

/** A copy of an update Telegram already gave us (re-delivery after a timeout) does nothing. */
const onceOnly: Middleware<BotContext> = async (ctx, next) => {
  const { store, instance } = ctx.svc;
  const id = ctx.update.update_id;
  if (!(await store.claimUpdate(id, instance))) {
    ctx.log.info('duplicate update ignored');
    return;
  }
  await next();
  await store.finishUpdate(id);
};

const identify: Middleware<BotContext> = async (ctx, next) => {
  const { store, config } = ctx.svc;
  const from = ctx.from;
  if (!from || from.is_bot) {
    ctx.actor = { userId: 0, role: 'guest', councilWide: false };
    ctx.member = undefined;
    ctx.prefs = undefined;
    return next();
  }
  const [member, prefs] = await Promise.all([store.members.get(from.id), store.members.prefs(from.id)]);
  ctx.member = member;
  ctx.prefs = prefs;
  ctx.actor = makeActor(from.id, member, { adminIds: config.ADMIN_IDS, councilUnit: config.COUNCIL_UNIT });
  if (ctx.chat?.type === 'private' && (!prefs.private || prefs.inactive)) {
    await store.members.markPrivateOpen(from.id, fullName(from));
  }
  const tg = localeFromTelegram(from.language_code);
  if (tg && tg !== prefs.tg) await store.members.setTelegramLang(from.id, tg);
  return next();
};

export function fullName(u: { first_name: string; last_name?: string | undefined }): string {
  return [u.first_name, u.last_name].filter(Boolean).join(' ');
}

/**
 * More than FLOOD_LIMIT updates that make the bot work (commands, replies to the bot's own
 * messages such as a call for comments, button presses) in FLOOD_WINDOW_SEC: one polite
 * message, then silence until the window passes. Plain messages in groups are not counted.
 */
function floodLimit(svc: Services): Middleware<BotContext> {
  return limit<BotContext, typeof svc.store.redis>({
    timeFrame: svc.config.FLOOD_WINDOW_SEC * 1000,
    limit: svc.config.FLOOD_LIMIT,
    storageClient: svc.store.redis,
    keyPrefix: svc.store.keys.flood,
    keyGenerator: (ctx) => {
      const isCommand = ctx.message?.text?.startsWith('/') || ctx.message?.caption?.startsWith('/');
      const repliesToBot = ctx.message?.reply_to_message?.from?.id === ctx.me.id;
      return ctx.from && (isCommand || repliesToBot || ctx.callbackQuery) ? String(ctx.from.id) : undefined;
    },
    // Typed as returning void, but the plugin returns (and the chain awaits) what this returns.
    // eslint-disable-next-line @typescript-eslint/no-misused-promises
    onLimitExceeded: async (ctx) => {
      ctx.log.warn('flood limit reached');
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t('flood'), show_alert: true });
      else await ctx.reply(ctx.t('flood'));
    },
  });
}

async function onHandlerError(err: { error: unknown; ctx: BotContext }): Promise<void> {
  const { ctx } = err;
  // The person's chat cannot be written to (bot removed, blocked, chat gone): nobody to tell.
  if (err.error instanceof GrammyError && classify(err.error).kind === 'recipient') {
    ctx.log.warn({ err: err.error.description }, 'could not answer: chat unreachable');
    return;
  }
  ctx.log.error({ err: err.error instanceof Error ? err.error.stack : String(err.error) }, 'handler failed');
  const text = ctx.t('error-internal');
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text, show_alert: true }).catch(() => undefined);
  else if (ctx.chat) await ctx.reply(text).catch(() => undefined);
}

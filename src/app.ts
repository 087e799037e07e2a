import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Server } from 'node:http';
import { autoRetry } from '@grammyjs/auto-retry';
import { run, type RunnerHandle } from '@grammyjs/runner';
import type { Worker } from 'bullmq';
import { Api, webhookCallback, type Bot } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { Redis } from 'ioredis';
import { createBot } from '#root/bot.js';
import { createDesk } from '#root/desk/routes.js';
import type { Config } from '#root/config.js';
import type { BotContext, Services } from '#root/context.js';
import { BOARD_PATH, bearerOnly, metricsRoute, queueBoard, readiness } from '#root/http/ops.js';
import { startHttp, type Route } from '#root/http/server.js';
import { councilNaming, createI18n, translator, type Translator } from '#root/i18n.js';
import { createLogger, scrubToken, type Logger } from '#root/logger.js';
import { createMetrics } from '#root/metrics.js';
import { createQueues, type Queues } from '#root/queues.js';
import { createRedis } from '#root/redis.js';
import { createStore } from '#root/store/index.js';
import { limitedApi, RateLimiter } from '#root/telegram/limiter.js';
import { Outbox } from '#root/telegram/outbox.js';
import { startWorkers } from '#root/workers.js';
import { FILES_PATH, filesRoute, telegramFiles } from '#root/http/files.js';
import { createZaloSide } from '#root/zalo/side.js';
import { broadcastOutcomes, fanOut, FANOUT_TASK, noticeEffects, PROGRESS_TASK, refreshProgress } from '#jobs/broadcast.js';
import { setDefaultMenus, syncCommandMenus } from '#jobs/commands-menu.js';
import { PROPOSAL_NUDGE_TASK, nudgeSilentUnits, proposalEffects, proposalOutcomes } from '#jobs/proposals.js';
import { setupEffects } from '#jobs/setup.js';
import { termEffects } from '#jobs/terms.js';
import { DIGEST_TASK, runDigest, summaryEffects, syncAllSchedules } from '#jobs/summaries.js';
import { meetingEffects, meetingOutcomes, REFRESH_TASK, refreshAnnouncements, REMIND_TASK, remind } from '#jobs/meetings.js';
import { broadcasts } from '#commands/broadcasts.js';
import { desk } from '#commands/desk.js';
import { groups } from '#commands/groups.js';
import { meetings } from '#commands/meetings.js';
import { proposals } from '#commands/proposals.js';
import { help } from '#commands/help.js';
import { history } from '#commands/history.js';
import { setup } from '#commands/setup.js';
import { units } from '#commands/units.js';
import { summaries } from '#commands/summaries.js';
import { zaloLink } from '#commands/zalo.js';

export type Role = 'all' | 'bot' | 'worker';

export interface App {
  svc: Services;
  bot: Bot<BotContext>;
  queues: Queues;
  /** Port of the HTTP server once started (0 = none). */
  httpPort: number;
  /** Port of the operations server (OPS_PORT) once started (0 = none: operations are on the public one). */
  opsPort: number;
  start(role: Role): Promise<void>;
  stop(): Promise<void>;
}

export interface AppOptions {
  config: Config;
  log?: Logger;
  /** Skips getMe at start (tests and the demo know the bot already). */
  botInfo?: UserFromGetMe;
}

/**
 * The composition root: the one place that builds connections, services, the bot and the
 * workers. main.ts, the tests and the demo all start the app through here.
 */
export async function createApp(opts: AppOptions): Promise<App> {
  const { config } = opts;
  const log = opts.log ?? createLogger(config.LOG_LEVEL);
  const instance = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const redis = createRedis(config.REDIS_URL, log, 'data');
  const queueConn = createRedis(config.REDIS_URL, log, 'queues');
  const store = createStore(redis, config.REDIS_PREFIX);
  const queues = createQueues(queueConn, store.keys.queuePrefix);
  const council = councilNaming(config);
  const i18n = createI18n(config.DEFAULT_LOCALE, council);
  const t: Translator = translator(i18n, council);
  const limiter = new RateLimiter(store.redis, store.keys, config);
  const metrics = createMetrics(queues.all);
  const svc: Services = {
    config,
    log,
    store,
    t,
    limiter,
    metrics,
    outbox: new Outbox(queues.deliver, store.redis, store.keys),
    tasks: queues.tasks,
    instance,
    activity: { updatesInFlight: 0 },
    // Filled in just below, once the services the effects are built over exist.
    effects: {} as Services['effects'],
  };
  // The actions' effects, one line per area: each is built over the services above.
  Object.assign(svc.effects, { meetings: meetingEffects(svc), proposals: proposalEffects(svc), notices: noticeEffects(svc) });
  Object.assign(svc.effects, { setup: setupEffects(svc), summaries: summaryEffects(svc) });
  Object.assign(svc.effects, { terms: termEffects(svc) });
  const bot = createBot(svc, { i18n, features: [setup, units, meetings, proposals, summaries, broadcasts, groups, desk, history, zaloLink, help], ...(opts.botInfo ? { botInfo: opts.botInfo } : {}) });

  // Zalo, when configured: its own queue and sender; the outbox routes deliveries to Zalo's chats there.
  const zalo = config.ZALO_BOT_TOKEN ? createZaloSide(svc, queues, queueConn, config.ZALO_BOT_TOKEN) : undefined;
  let runner: RunnerHandle | undefined;
  let workers: Worker[] = [];
  const servers: Server[] = [];
  const workerConns: Redis[] = [];

  const app: App = {
    svc,
    bot,
    queues,
    httpPort: 0,
    opsPort: 0,
    async start(role) {
      const healthz: Route = (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      // What only operators need: behind OPS_TOKEN when set, and on its own server when OPS_PORT is.
      const guard = (route: Route) => (config.OPS_TOKEN ? bearerOnly(config.OPS_TOKEN, route) : route);
      const ops: Record<string, Route> = {
        'GET /readyz': guard(readiness({ redis, api: config.TELEGRAM_ENABLED ? bot.api : undefined, zalo: zalo?.ping, workers: () => workers, expectWorkers: role !== 'bot', log })),
        'GET /metrics': guard(metricsRoute(metrics)),
      };
      if (config.BULL_BOARD_USER && config.BULL_BOARD_PASSWORD) {
        ops[`* ${BOARD_PATH}`] = queueBoard(queues.all, config.BULL_BOARD_USER, config.BULL_BOARD_PASSWORD);
      }
      const routes: Record<string, Route> = { 'GET /healthz': healthz, ...(config.OPS_PORT === undefined ? ops : {}) };
      // Signed file links (what Zalo cannot carry: reports, calendar files, a notice's file).
      routes[`* ${FILES_PATH}`] = filesRoute(svc, {
        telegramFile: config.TELEGRAM_ENABLED ? telegramFiles(config, bot.api) : undefined,
        botName: () => (bot.isInited() ? bot.botInfo.username : 'giaoban'),
      });
      // The desk (/desk/…): served where updates are received; its writes go through the queues like the chat's.
      if (role !== 'worker') {
        routes['* /desk'] = createDesk({ store, config, log: log.child({ area: 'desk' }), effects: svc.effects, via: 'desk', t, api: bot.api, botUsername: () => (bot.isInited() ? bot.botInfo.username : '') });
      }
      if (role !== 'bot') {
        const conn = createRedis(config.REDIS_URL, log, 'workers');
        workerConns.push(conn);
        const senderApi = config.TELEGRAM_ENABLED ? new Api(config.BOT_TOKEN, { apiRoot: config.TELEGRAM_API_ROOT, timeoutSeconds: config.API_TIMEOUT_SEC }) : undefined;
        const taskApi = new Api(config.BOT_TOKEN, { apiRoot: config.TELEGRAM_API_ROOT, timeoutSeconds: config.API_TIMEOUT_SEC });
        taskApi.config.use(limitedApi(limiter, () => metrics.flood.inc()));
        taskApi.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 60 }));
        workers = startWorkers(svc, {
          connection: conn,
          senderApi,
          taskApi,
          outcomes: { broadcast: broadcastOutcomes(svc), 'meeting-ann': meetingOutcomes(svc), 'proposal-call': proposalOutcomes(svc) },
          tasks: {
            [FANOUT_TASK]: (job) => fanOut(svc, job),
            [PROGRESS_TASK]: (job) => refreshProgress(svc, taskApi, job),
            [REMIND_TASK]: (job, token) => remind(svc, job, token),
            [REFRESH_TASK]: (job) => refreshAnnouncements(svc, job),
            [PROPOSAL_NUDGE_TASK]: (job) => nudgeSilentUnits(svc, job),
            [DIGEST_TASK]: (job) => runDigest(svc, job),
          },
        });
        if (zalo) workers.push(zalo.startWorker(conn, { broadcast: broadcastOutcomes(svc) }));
        // Schedules follow the units' groups; re-applying them is idempotent.
        await syncAllSchedules(svc);
      }
      // Listening before the webhook is set: Telegram starts pushing the moment it is.
      const started = await startHttp(config.HTTP_HOST, config.HTTP_PORT, routes);
      servers.push(started.server);
      app.httpPort = started.port;
      if (config.OPS_PORT !== undefined) {
        const internal = await startHttp(config.OPS_HOST ?? '127.0.0.1', config.OPS_PORT, { 'GET /healthz': healthz, ...ops });
        servers.push(internal.server);
        app.opsPort = internal.port;
      }
      if (role !== 'worker' && config.TELEGRAM_ENABLED) {
        await bot.init();
        await setDefaultMenus(bot.api, t, config.DEFAULT_LOCALE).catch((err: Error) => log.warn({ err: err.message }, 'could not set command menus'));
        await syncCommandMenus(svc, config.ADMIN_IDS);
        if (config.BOT_MODE === 'webhook') {
          const url = new URL(config.WEBHOOK_URL);
          // Answer Telegram within its timeout even if a handler is slow, so it never re-sends.
          routes[`POST ${url.pathname}`] = webhookCallback(bot, 'http', { secretToken: config.WEBHOOK_SECRET, onTimeout: 'return', timeoutMilliseconds: 8000 });
          await bot.api.setWebhook(url.href, { secret_token: config.WEBHOOK_SECRET, allowed_updates: ALLOWED_UPDATES });
        } else {
          await bot.api.deleteWebhook();
          runner = run(bot, { runner: { fetch: { allowed_updates: ALLOWED_UPDATES } } });
          // The runner retries fetches by itself; an error that ends it must be logged, not thrown.
          void runner.task()?.catch((err: Error) => log.error({ err: scrubToken(err.message) }, 'update polling stopped'));
        }
      }
      if (role !== 'worker' && zalo) await zalo.startIntake(routes);
      log.info({ role, mode: config.BOT_MODE, httpPort: started.port, opsPort: app.opsPort || undefined, instance }, 'giao ban started');
    },
    async stop() {
      // Stop intake first, then let in-flight jobs finish, then close connections.
      await zalo?.stop();
      if (runner?.isRunning()) await runner.stop();
      await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all(queues.all.map((q) => q.close()));
      await Promise.all([redis, queueConn, ...workerConns].map((c) => c.quit().catch(() => c.disconnect())));
      log.info('giao ban stopped');
    },
  };
  return app;
}

const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query', 'my_chat_member'] as const;

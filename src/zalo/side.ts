import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Services } from '#root/context.js';
import type { Route } from '#root/http/server.js';
import type { Queues } from '#root/queues.js';
import { ZaloAdapter } from '#root/zalo/adapter.js';
import { ZaloApi } from '#root/zalo/api.js';
import { ZaloRouter } from '#root/zalo/route.js';
import { createZaloQueue, startZaloWorker, zaloLimiter } from '#jobs/deliver-zalo.js';
import type { Outcomes } from '#jobs/deliver.js';

/** The Zalo side of one process, built by the composition root when ZALO_BOT_TOKEN is set. */
export interface ZaloSide {
  /** The sender (worker roles). */
  startWorker(connection: Redis, outcomes: Outcomes): Worker;
  /** getMe, then long polling or the webhook (bot roles); `routes` is the public server's. */
  startIntake(routes: Record<string, Route>): Promise<void>;
  stop(): Promise<void>;
  /** For /readyz: Zalo's Bot API answers getMe (a success is trusted for 15 s). */
  ping: () => Promise<unknown>;
}

/**
 * Zalo's queue joins the app's queues (metrics, dashboard, shutdown), and the outbox routes
 * deliveries to Zalo's chats there. Nothing here starts before `startWorker`/`startIntake`.
 */
export function createZaloSide(svc: Services, queues: Queues, queueConn: Redis, token: string): ZaloSide {
  const { config, store, log } = svc;
  const queue = createZaloQueue(queueConn, store.keys.queuePrefix);
  queues.all.push(queue);
  const router = new ZaloRouter(store, queue, log.child({ channel: 'zalo' }));
  svc.outbox.routeThrough((list) => router.route(list));
  const api = new ZaloApi(config.ZALO_API_ROOT, token, config.API_TIMEOUT_SEC);
  const adapter = new ZaloAdapter({ ...svc, log: log.child({ channel: 'zalo' }) }, api, router);
  let okUntil = 0;
  return {
    startWorker: (connection, outcomes) => startZaloWorker(connection, { svc, api, limiter: zaloLimiter(svc), router, outcomes }),
    async startIntake(routes) {
      await adapter.init();
      if (config.ZALO_MODE === 'webhook') {
        const url = new URL(config.ZALO_WEBHOOK_URL);
        routes[`POST ${url.pathname}`] = adapter.webhookRoute(config.ZALO_WEBHOOK_SECRET);
        await adapter.setWebhook(url.href, config.ZALO_WEBHOOK_SECRET);
      } else {
        adapter.startPolling();
      }
      log.info({ mode: config.ZALO_MODE }, 'zalo side started');
    },
    stop: () => adapter.stop(),
    ping: async () => {
      if (Date.now() < okUntil) return;
      await api.getMe();
      okUntil = Date.now() + 15_000;
    },
  };
}

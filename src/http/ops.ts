import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue, Worker } from 'bullmq';
import type { Api } from 'grammy';
import type { Redis } from 'ioredis';
import type { Metrics } from '#root/metrics.js';
import type { Route } from '#root/http/server.js';

/** /readyz: Redis answers, the Bot API answers (checked at most every 15 s), workers run. */
export function readiness(deps: { redis: Redis; api: Api; workers: () => Worker[]; expectWorkers: boolean }): Route {
  let telegramOkUntil = 0;
  const withTimeout = <T>(p: Promise<T>, ms: number) =>
    Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms))]);
  return async (_req, res) => {
    const checks: Record<string, string> = {};
    checks.redis = await withTimeout(deps.redis.ping(), 1000).then(
      () => 'ok',
      (e: Error) => `down: ${e.message}`,
    );
    if (Date.now() < telegramOkUntil) checks.telegram = 'ok';
    else {
      checks.telegram = await withTimeout(deps.api.getMe(), 3000).then(
        () => {
          telegramOkUntil = Date.now() + 15_000;
          return 'ok';
        },
        (e: Error) => `down: ${e.message.replace(/bot\d+:[\w-]+/g, 'bot<token>')}`,
      );
    }
    if (deps.expectWorkers) {
      const ws = deps.workers();
      checks.workers = ws.length > 0 && ws.every((w) => w.isRunning()) ? 'ok' : 'not running';
    }
    const ok = Object.values(checks).every((v) => v === 'ok');
    res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ ok, checks }));
  };
}

export function metricsRoute(metrics: Metrics): Route {
  return async (_req, res) => {
    const body = await metrics.registry.metrics();
    res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(body);
  };
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export const BOARD_PATH = '/admin/queues';

/** Bull Board's dashboard behind HTTP basic auth (constant-time comparison). */
export function queueBoard(queues: Queue[], user: string, password: string): (req: IncomingMessage, res: ServerResponse) => void {
  const adapter = new ExpressAdapter();
  adapter.setBasePath(BOARD_PATH);
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q)), serverAdapter: adapter });
  const router = adapter.getRouter() as unknown as (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
  const expected = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  return (req, res) => {
    if (!safeEqual(req.headers.authorization ?? '', expected)) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="Giao Ban queues"', 'content-type': 'text/plain' }).end('authentication required');
      return;
    }
    // Express expects the path relative to where the router is mounted.
    const original = req.url ?? '/';
    req.url = original.slice(BOARD_PATH.length) || '/';
    router(req, res, () => res.writeHead(404).end('not found'));
  };
}

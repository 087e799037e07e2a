import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue, Worker } from 'bullmq';
import type { Api } from 'grammy';
import type { Redis } from 'ioredis';
import { scrubToken, type Logger } from '#root/logger.js';
import type { Metrics } from '#root/metrics.js';
import type { Route } from '#root/http/server.js';

/**
 * /readyz: Redis answers, the Bot API answers (checked at most every 15 s), workers run.
 * The answer names each check as ok or failed, never why: error texts can carry hosts and
 * addresses, so they go to the log (warn) instead.
 */
export function readiness(deps: { redis: Redis; api?: Api | undefined; zalo?: (() => Promise<unknown>) | undefined; workers: () => Worker[]; expectWorkers: boolean; log: Logger }): Route {
  let telegramOkUntil = 0;
  const withTimeout = <T>(p: Promise<T>, ms: number) =>
    Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms))]);
  const why = (e: unknown) => scrubToken(e instanceof Error ? e.message : String(e));
  return async (_req, res) => {
    const failures: Record<string, string> = {};
    const checks: Record<string, 'ok' | 'failed'> = {};
    const check = async (name: string, probe: () => Promise<unknown>) => {
      try {
        await probe();
        checks[name] = 'ok';
      } catch (e) {
        checks[name] = 'failed';
        failures[name] = why(e);
      }
    };
    await check('redis', () => withTimeout(deps.redis.ping(), 1000));
    // On Zalo alone there is no Telegram to ask.
    const api = deps.api;
    if (api) {
      await check('telegram', async () => {
        if (Date.now() < telegramOkUntil) return;
        await withTimeout(api.getMe(), 3000);
        telegramOkUntil = Date.now() + 15_000;
      });
    }
    // Zalo's Bot API, when configured (its own cache, like Telegram's).
    if (deps.zalo) await check('zalo', () => withTimeout(deps.zalo!(), 3000));
    if (deps.expectWorkers) {
      await check('workers', async () => {
        const ws = deps.workers();
        if (ws.length === 0 || !ws.every((w) => w.isRunning())) throw new Error('not running');
      });
    }
    const ok = Object.values(checks).every((v) => v === 'ok');
    if (!ok) deps.log.warn({ checks: failures }, 'not ready');
    res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ ok, checks }));
  };
}

/** A route answered only with `Authorization: Bearer <token>` (compared in constant time); 401 otherwise. */
export function bearerOnly(token: string, route: Route): Route {
  const expected = `Bearer ${token}`;
  return (req, res) => {
    if (!safeEqual(req.headers.authorization ?? '', expected)) {
      res.writeHead(401, { 'www-authenticate': 'Bearer', 'content-type': 'text/plain' }).end('authentication required');
      return;
    }
    return route(req, res);
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

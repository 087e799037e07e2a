import { Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { Api } from 'grammy';
import type { Redis } from 'ioredis';
import type { Services } from '#root/context.js';
import { DELIVER_QUEUE, type Delivery } from '#root/telegram/outbox.js';
import { TASKS_QUEUE } from '#root/queues.js';
import { createDeliverProcessor, type Outcomes } from '#jobs/deliver.js';
import { MENU_TASK, setPersonalMenu, type MenuTask } from '#jobs/commands-menu.js';

/**
 * A background task's handler. Its job's data is what the task's producer enqueued, typed by
 * the handler (`Job<RemindTask>`…); `Job<never>` here lets each handler name its own type
 * without an `any` flowing into it.
 */
export type TaskHandler = (job: Job<never>, token?: string) => Promise<unknown>;

/**
 * The worker role: the rate-limited sender and the background tasks. Any number of these
 * processes may run against one Redis; the limits and "sent" records are shared there.
 */
export function startWorkers(svc: Services, deps: { connection: Redis; senderApi?: Api | undefined; taskApi: Api; outcomes: Outcomes; tasks?: Record<string, TaskHandler> }): Worker[] {
  const { config, store, log } = svc;
  const connection = deps.connection as ConnectionOptions;
  const prefix = store.keys.queuePrefix;
  // The next part of a series was routed with the first (src/zalo/route.ts): it goes straight on.
  const outbox = { send: (d: Delivery) => svc.outbox.send(d, { route: false }) };

  // No Telegram sender on Zalo alone (no BOT_TOKEN): nothing may call Telegram.
  const deliver = deps.senderApi && new Worker<Delivery>(
    DELIVER_QUEUE,
    createDeliverProcessor({ metrics: svc.metrics, outbox, api: deps.senderApi, limiter: svc.limiter, store, log: log.child({ queue: DELIVER_QUEUE }), outcomes: deps.outcomes }),
    {
      connection,
      prefix,
      concurrency: config.SEND_CONCURRENCY,
      lockDuration: config.JOB_LOCK_MS,
      stalledInterval: config.JOB_LOCK_MS,
      // A delivery whose worker died is taken over, not failed: deaths are not its fault.
      maxStalledCount: 10,
    },
  );

  const handlers: Record<string, TaskHandler> = {
    [MENU_TASK]: (job: Job<MenuTask>) => setPersonalMenu(deps.taskApi, svc, job.data.userId),
    ...deps.tasks,
  };
  const tasks = new Worker(
    TASKS_QUEUE,
    async (job, token) => {
      const handler = handlers[job.name];
      if (!handler) throw new Error(`no handler for task ${job.name}`);
      // The task's name chose the handler, and the handler's producer chose the data's shape.
      return handler(job as Job<never>, token);
    },
    { connection, prefix, concurrency: config.TASK_CONCURRENCY, lockDuration: config.JOB_LOCK_MS, stalledInterval: config.JOB_LOCK_MS },
  );

  // A delivery BullMQ gave up on (retries or stalls exhausted) is a failure its feature must
  // hear about, so a notice's report names the recipient instead of waiting for it forever.
  deliver?.on('failed', (job, err) => {
    const d = job?.data;
    const final = job && (job.attemptsMade >= (job.opts.attempts ?? 1) || /stalled/i.test(err.message));
    if (final && d?.ref) void deps.outcomes[d.ref.kind]?.failed?.(d.ref.id, d, 'unavailable')?.catch(() => undefined);
  });
  const workers = deliver ? [deliver, tasks] : [tasks];
  for (const w of workers) {
    w.on('failed', (job, err) => log.warn({ queue: w.name, jobId: job?.id, attempts: job?.attemptsMade, err: err.message }, 'job failed'));
    w.on('error', (err) => log.error({ queue: w.name, err: err.message }, 'worker error'));
  }
  return workers;
}

import { Queue, type ConnectionOptions, type DefaultJobOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { DELIVER_QUEUE, type Delivery } from '#root/telegram/outbox.js';

export const TASKS_QUEUE = 'tasks';

/**
 * Completed jobs are kept for a day so a repeated enqueue with the same id is ignored by
 * BullMQ itself; the sender's own "sent" records cover anything older.
 */
const defaults: DefaultJobOptions = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 86_400, count: 50_000 },
  removeOnFail: { age: 7 * 86_400 },
};

export interface Queues {
  deliver: Queue<Delivery>;
  tasks: Queue;
  all: Queue[];
}

export function createQueues(connection: Redis, prefix: string): Queues {
  const opts = { connection: connection as ConnectionOptions, prefix, defaultJobOptions: defaults };
  const deliver = new Queue<Delivery>(DELIVER_QUEUE, opts);
  const tasks = new Queue(TASKS_QUEUE, opts);
  return { deliver, tasks, all: [deliver, tasks] };
}

import { Redis } from 'ioredis';
import type { Logger } from '#root/logger.js';

/**
 * One connection factory for data and queues. `maxRetriesPerRequest: null` is what BullMQ
 * requires for its blocking connections, and it also makes data commands wait through a
 * Redis restart instead of failing: an acknowledged write is only acknowledged once Redis
 * took it.
 */
export function createRedis(url: string, log: Logger, name: string): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    connectionName: `giao-ban:${name}`,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  let wasDown = false;
  redis.on('error', (err: Error) => {
    if (!wasDown) log.warn({ conn: name, err: err.message }, 'redis connection error');
    wasDown = true;
  });
  // An idle connection can lose and regain Redis without an error of its own.
  redis.on('reconnecting', () => {
    wasDown = true;
  });
  redis.on('ready', () => {
    if (wasDown) log.info({ conn: name }, 'redis reconnected');
    wasDown = false;
  });
  return redis;
}

import { Redis } from 'ioredis';
import { ConfigError, loadConfig, type Config } from '#root/config.js';

/** Exit codes of the backup commands. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/**
 * The backup commands never call Telegram, so BOT_TOKEN may be unset: a placeholder that
 * passes the configuration check stands in for it. Everything else is read exactly as
 * `npm start` reads it (REDIS_URL, REDIS_PREFIX, …).
 */
export const PLACEHOLDER_TOKEN = '0:backup-cli-no-telegram';

export const ENV_HELP = `Configuration comes from the environment, as for \`npm start\`: REDIS_URL (default
redis://127.0.0.1:6379) and REDIS_PREFIX (default gb) choose the data. BOT_TOKEN is not
used (Telegram is never called); if it is unset a placeholder is filled in.`;

export function cliConfig(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig({ ...env, BOT_TOKEN: env.BOT_TOKEN || PLACEHOLDER_TOKEN });
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(EXIT.usage);
    }
    throw err;
  }
}

/** Connects once and fails fast: a command line tool should say Redis is down, not wait forever. */
export async function connectRedis(url: string): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2, connectTimeout: 5000, retryStrategy: (times) => (times > 2 ? null : 200) });
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
    return redis;
  } catch (err) {
    redis.disconnect();
    throw new Error(`cannot reach Redis at ${redactUrl(url)}: ${(err as Error).message}`);
  }
}

/** redis://user:secret@host → redis://user:***@host */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.href;
  } catch {
    return '(unparsable REDIS_URL)';
  }
}

export function fail(message: string, code: number = EXIT.failed): never {
  console.error(`error: ${message}`);
  process.exit(code);
}

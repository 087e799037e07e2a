import { createApp, type Role } from '#root/app.js';
import { ConfigError, loadConfig } from '#root/config.js';
import { createLogger } from '#root/logger.js';

/** Entry point: `npm start` runs every role; ROLE=bot or ROLE=worker (or argv) runs one. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const role = (process.argv[2] ?? config.ROLE) as Role;
  if (!['all', 'bot', 'worker'].includes(role)) {
    console.error(`Unknown role "${role}": use all, bot or worker.`);
    process.exit(2);
  }
  const log = createLogger(config.LOG_LEVEL, { role });
  const app = await createApp({ config, log });
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 30_000).unref();
    await app.stop();
    clearTimeout(force);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('unhandledRejection', (reason) => log.error({ err: String(reason) }, 'unhandled rejection'));
  await app.start(role);
}

await main();

/**
 * Runs one role of the app in its own process, for tests that kill workers or run several.
 * Configured entirely from the environment, as in production (ROLE=worker|bot|all).
 */
import { createApp } from '#root/app.js';
import { loadConfig } from '#root/config.js';
import { createLogger } from '#root/logger.js';

const config = loadConfig();
const log = createLogger(config.LOG_LEVEL, { role: config.ROLE, pid: process.pid });
const app = await createApp({ config, log });
await app.start(config.ROLE);
process.send?.({ ready: true });
process.on('SIGTERM', () => {
  void app.stop().then(() => process.exit(0));
});

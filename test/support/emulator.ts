/** Telegram Bot API emulator for end-to-end tests, benchmarks and the demo. */
export { BotApiEmulator, GROUP_ANONYMOUS_BOT } from './emulator/bot-api-emulator.js';
export { TELEGRAM_LIMITS } from './emulator/types.js';
export type { ApiCall, EmuMessage, EmulatorOptions, Limits, WebhookDelivery } from './emulator/types.js';

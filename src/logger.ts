import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * JSON logs. Tokens and message texts never reach info level: the Bot API URL carries the
 * token, so anything that might print it is redacted, and handlers log ids, not texts.
 */
export function createLogger(level: string, base: Record<string, unknown> = {}): Logger {
  return pino({
    level,
    base: { service: 'giao-ban', ...base },
    redact: {
      paths: ['token', '*.token', 'config.BOT_TOKEN', 'BOT_TOKEN', 'WEBHOOK_SECRET', '*.WEBHOOK_SECRET', 'OPS_TOKEN', '*.OPS_TOKEN', 'BULL_BOARD_PASSWORD', '*.BULL_BOARD_PASSWORD', 'text', '*.text', 'caption', '*.caption'],
      censor: '[redacted]',
    },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

/** Removes a bot token from any string (error messages from HTTP clients include the URL). */
export function scrubToken(s: string): string {
  return s.replace(/bot\d+:[\w-]+/g, 'bot<token>');
}

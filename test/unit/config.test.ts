import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '#root/config.js';

const token = '123456:ABCDEFGHIJKLMNOP';

describe('config', () => {
  it('fills the documented defaults', () => {
    const c = loadConfig({ BOT_TOKEN: token });
    expect(c).toMatchObject({
      REDIS_URL: 'redis://127.0.0.1:6379',
      TELEGRAM_API_ROOT: 'https://api.telegram.org',
      BOT_MODE: 'polling',
      COUNCIL_UNIT: 'TP',
      COUNCIL_TIMEZONE: 'Asia/Ho_Chi_Minh',
      DEFAULT_LOCALE: 'vi',
      SEND_GLOBAL_PER_SEC: 30,
      ADMIN_IDS: [],
    });
  });

  it('parses admin ids separated by commas or spaces', () => {
    expect(loadConfig({ BOT_TOKEN: token, ADMIN_IDS: '111, 222 333' }).ADMIN_IDS).toEqual([111, 222, 333]);
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ BOT_TOKEN: token, HTTP_PORT: '' }).HTTP_PORT).toBe(8080);
  });

  it('lists every problem at once', () => {
    let err: unknown;
    try {
      loadConfig({ BOT_TOKEN: 'nope', ADMIN_IDS: '12,abc', COUNCIL_TIMEZONE: 'Mars/Base', BOT_MODE: 'webhook', DEFAULT_LOCALE: 'fr' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems.join('\n');
    for (const key of ['BOT_TOKEN', 'ADMIN_IDS', 'COUNCIL_TIMEZONE', 'DEFAULT_LOCALE', 'WEBHOOK_URL', 'WEBHOOK_SECRET']) {
      expect(problems).toContain(key);
    }
    expect(problems).toContain('"abc" is not a Telegram user id');
  });

  it('requires a missing token to be named', () => {
    expect(() => loadConfig({})).toThrow(/BOT_TOKEN/);
  });
});

import { describe, expect, expectTypeOf, it } from 'vitest';
import { ConfigError, loadConfig, type Config } from '#root/config.js';

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

  it('takes DIGEST_DEFAULT under the rules of /digest, and says why it refuses one', () => {
    expect(loadConfig({ BOT_TOKEN: token }).DIGEST_DEFAULT).toBe('weekly fri 16:00');
    for (const ok of ['daily 08:00', 'off', '0 8 * * 1-5', '0 * * * *']) expect(loadConfig({ BOT_TOKEN: token, DIGEST_DEFAULT: ok }).DIGEST_DEFAULT).toBe(ok);
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig({ BOT_TOKEN: token, ...env });
      } catch (e) {
        return (e as ConfigError).problems;
      }
      return [];
    };
    expect(problems({ DIGEST_DEFAULT: '*/5 * * * * *' })).toEqual(['DIGEST_DEFAULT: a cron pattern has 5 fields (minute hour day-of-month month day-of-week), without seconds']);
    expect(problems({ DIGEST_DEFAULT: '*/5 * * * *' })).toEqual(['DIGEST_DEFAULT: runs more than once an hour: the minute field must name exactly one minute (e.g. 0 16 * * 5)']);
    expect(problems({ DIGEST_DEFAULT: '0,30 8 * * *' })).toEqual(['DIGEST_DEFAULT: runs more than once an hour: the minute field must name exactly one minute (e.g. 0 16 * * 5)']);
    expect(problems({ DIGEST_DEFAULT: 'sometimes' })).toEqual(['DIGEST_DEFAULT: not a schedule: off, daily HH:MM, weekly DAY HH:MM or a 5-field cron pattern']);
  });

  it('SUMMARY_COOLDOWN_SEC and BACKLOG_SKIP_SEC: defaults, 0 turns the cooldown off, nonsense refused', () => {
    expect(loadConfig({ BOT_TOKEN: token })).toMatchObject({ SUMMARY_COOLDOWN_SEC: 300, BACKLOG_SKIP_SEC: 120 });
    expect(loadConfig({ BOT_TOKEN: token, SUMMARY_COOLDOWN_SEC: '0', BACKLOG_SKIP_SEC: '30' })).toMatchObject({ SUMMARY_COOLDOWN_SEC: 0, BACKLOG_SKIP_SEC: 30 });
    expect(() => loadConfig({ BOT_TOKEN: token, SUMMARY_COOLDOWN_SEC: '-1' })).toThrow(/SUMMARY_COOLDOWN_SEC/);
    expect(() => loadConfig({ BOT_TOKEN: token, BACKLOG_SKIP_SEC: '0' })).toThrow(/BACKLOG_SKIP_SEC/);
  });

  it('names the council by COUNCIL_NAME and COUNCIL_KIND, dates documents at COUNCIL_PLACE or else the name', () => {
    expect(loadConfig({ BOT_TOKEN: token })).toMatchObject({ COUNCIL_NAME: 'Hà Nội', COUNCIL_KIND: 'thanhpho', COUNCIL_PLACE: 'Hà Nội' });
    expect(loadConfig({ BOT_TOKEN: token, COUNCIL_NAME: 'Quảng Ninh', COUNCIL_KIND: 'tinh' })).toMatchObject({ COUNCIL_NAME: 'Quảng Ninh', COUNCIL_KIND: 'tinh', COUNCIL_PLACE: 'Quảng Ninh' });
    expect(loadConfig({ BOT_TOKEN: token, COUNCIL_NAME: 'Quảng Ninh', COUNCIL_KIND: 'tinh', COUNCIL_PLACE: 'Hạ Long' }).COUNCIL_PLACE).toBe('Hạ Long');
    // The heading of before (the whole name) would read «HĐND thành phố HĐND THÀNH PHỐ HÀ NỘI»: refused, saying what to write.
    expect(problemsOf({ COUNCIL_NAME: 'HĐND THÀNH PHỐ HÀ NỘI' })).toEqual(['COUNCIL_NAME: the name alone, such as Hà Nội (COUNCIL_KIND gives thành phố or tỉnh)']);
    expect(problemsOf({ COUNCIL_NAME: 'Tỉnh Quảng Ninh' })).toEqual(['COUNCIL_NAME: the name alone, such as Hà Nội (COUNCIL_KIND gives thành phố or tỉnh)']);
    expect(problemsOf({ COUNCIL_KIND: 'huyen' })).toEqual(['COUNCIL_KIND: thanhpho or tinh']);
  });

  const problemsOf = (env: Record<string, string>) => {
    try {
      loadConfig({ BOT_TOKEN: token, ...env });
    } catch (e) {
      return (e as ConfigError).problems;
    }
    return [];
  };

  it('types the webhook settings as present in webhook mode and absent in polling mode', () => {
    const c = loadConfig({ BOT_TOKEN: token, BOT_MODE: 'webhook', WEBHOOK_URL: 'https://example.org/hook', WEBHOOK_SECRET: 'a-secret-of-16-chars' });
    expect(c).toMatchObject({ BOT_MODE: 'webhook', WEBHOOK_URL: 'https://example.org/hook', WEBHOOK_SECRET: 'a-secret-of-16-chars' });
    if (c.BOT_MODE === 'webhook') expectTypeOf(c.WEBHOOK_URL).toEqualTypeOf<string>();
    expectTypeOf<Extract<Config, { BOT_MODE: 'polling' }>>().not.toHaveProperty('WEBHOOK_URL');
    // Polling ignores webhook settings rather than carrying them around half-checked.
    const p = loadConfig({ BOT_TOKEN: token, WEBHOOK_URL: 'https://example.org/hook' });
    expect(p.BOT_MODE).toBe('polling');
    expect('WEBHOOK_URL' in p).toBe(false);
  });

  it('names an unknown BOT_MODE and the webhook settings it lacks, with the other problems', () => {
    expect(problemsOf({ BOT_MODE: 'push' })).toEqual(['BOT_MODE: polling or webhook']);
    expect(problemsOf({ BOT_MODE: 'webhook', WEBHOOK_URL: 'not a url', HTTP_PORT: '-1' }).sort()).toEqual([
      'HTTP_PORT: Too small: expected number to be >=0',
      'WEBHOOK_SECRET: required when BOT_MODE=webhook',
      'WEBHOOK_URL: Invalid URL',
    ]);
  });

  it('OPS_TOKEN, OPS_HOST and OPS_PORT: off by default, checked when set', () => {
    const c = loadConfig({ BOT_TOKEN: token });
    expect(c.OPS_TOKEN).toBeUndefined();
    expect(c.OPS_PORT).toBeUndefined();
    expect(loadConfig({ BOT_TOKEN: token, OPS_PORT: '9100' })).toMatchObject({ OPS_PORT: 9100 });
    expect(loadConfig({ BOT_TOKEN: token, OPS_PORT: '9100', OPS_HOST: '10.0.0.5' })).toMatchObject({ OPS_PORT: 9100, OPS_HOST: '10.0.0.5' });
    // A configuration written back to the environment (as the tests' child processes do) loads again.
    const c2 = loadConfig({ BOT_TOKEN: token, BOT_MODE: 'webhook', WEBHOOK_URL: 'https://example.org/hook', WEBHOOK_SECRET: 'a-secret-of-16-chars' });
    const env = Object.fromEntries(Object.entries(c2).filter(([, v]) => v !== undefined).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)]));
    expect(loadConfig(env)).toEqual(c2);
    expect(loadConfig({ BOT_TOKEN: token, OPS_TOKEN: 'abcdefghijklmnop' }).OPS_TOKEN).toBe('abcdefghijklmnop');
    expect(problemsOf({ OPS_TOKEN: 'short' })).toEqual(['OPS_TOKEN: use 16–256 characters of A-Z a-z 0-9 . _ ~ + / = -']);
    expect(problemsOf({ OPS_PORT: '8080' })).toEqual(['OPS_PORT: must differ from HTTP_PORT (the operations server is a second server)']);
    expect(problemsOf({ OPS_HOST: '10.0.0.5' })).toEqual(['OPS_PORT: required when OPS_HOST is set']);
  });

  it('requires a missing token to be named', () => {
    expect(() => loadConfig({})).toThrow(/BOT_TOKEN/);
  });
});

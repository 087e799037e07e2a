import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '#root/config.js';

/** The desk's settings as the environment gives them. */
const token = '123456:ABCDEFGHIJKLMNOP';
const problems = (env: Record<string, string>): string[] => {
  try {
    loadConfig({ BOT_TOKEN: token, ...env });
    return [];
  } catch (err) {
    return (err as ConfigError).problems;
  }
};

describe('desk configuration', () => {
  it('is off without DESK_URL, with a Secure cookie and the documented limits', () => {
    const c = loadConfig({ BOT_TOKEN: token });
    expect(c.DESK_URL).toBeUndefined();
    expect(c.DESK_COOKIE_SECURE).toBe(true);
    expect([c.DESK_SESSION_TTL_SEC, c.DESK_LINK_TTL_SEC, c.DESK_INIT_DATA_MAX_AGE_SEC, c.DESK_LOGIN_PER_ADDRESS, c.DESK_TRUST_PROXY]).toEqual([28_800, 600, 86_400, 30, false]);
  });

  it('takes the address alone, without its trailing slash', () => {
    expect(loadConfig({ BOT_TOKEN: token, DESK_URL: 'https://giaoban.example.org/' }).DESK_URL).toBe('https://giaoban.example.org');
    expect(problems({ DESK_URL: 'https://giaoban.example.org/bot' })).toEqual(['DESK_URL: the address alone, such as https://bot.example.org (the desk is served at /desk/ under it)']);
  });

  it('relaxes the Secure flag only when told so in words it knows', () => {
    expect(loadConfig({ BOT_TOKEN: token, DESK_COOKIE_SECURE: 'false' }).DESK_COOKIE_SECURE).toBe(false);
    expect(problems({ DESK_COOKIE_SECURE: 'off' })).toEqual(['DESK_COOKIE_SECURE: true or false']);
  });
});

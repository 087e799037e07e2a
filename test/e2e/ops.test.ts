import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotApiEmulator } from '#test/support/emulator.js';
import { startHarness, type Harness } from '#test/support/harness.js';
import { captureLogger } from '#test/support/logs.js';
import { freePort } from '#test/support/redis.js';

/** What an operator sees over HTTP, and webhook mode with its secret. */
describe('health, readiness, metrics and the queue dashboard', () => {
  let h: Harness;
  let base: string;
  beforeAll(async () => {
    h = await startHarness({ env: { BULL_BOARD_USER: 'ops', BULL_BOARD_PASSWORD: 'a-long-password-1' } });
    base = `http://127.0.0.1:${h.app.httpPort}`;
  });
  afterAll(() => h.stop());

  it('answers /healthz and /readyz with each check', async () => {
    expect(await (await fetch(`${base}/healthz`)).text()).toBe('ok');
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ok: true, checks: { redis: 'ok', telegram: 'ok', workers: 'ok' } });
  });

  it('exports Prometheus metrics for updates, commands and queues', async () => {
    const u = h.emu.user({ first_name: 'An' });
    await h.ask(u, 'private', '/whoami');
    await h.settle();
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toMatch(/giaoban_updates_total\{kind="message"\} [1-9]/);
    expect(text).toMatch(/giaoban_command_duration_seconds_count\{command="whoami"\} 1/);
    expect(text).toContain('giaoban_jobs{queue="deliver",state="waiting"} 0');
    expect(text).toContain('giaoban_telegram_429_total 0');
    expect(text).not.toContain(h.config.BOT_TOKEN);
  });

  it('keeps the dashboard behind basic auth', async () => {
    expect((await fetch(`${base}/admin/queues`)).status).toBe(401);
    const wrong = Buffer.from('ops:wrong').toString('base64');
    expect((await fetch(`${base}/admin/queues`, { headers: { authorization: `Basic ${wrong}` } })).status).toBe(401);
    const right = Buffer.from('ops:a-long-password-1').toString('base64');
    const page = await fetch(`${base}/admin/queues`, { headers: { authorization: `Basic ${right}` } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
    const api = await fetch(`${base}/admin/queues/api/queues`, { headers: { authorization: `Basic ${right}` } });
    expect(JSON.stringify(await api.json())).toContain('deliver');
  });

  it('has no dashboard when no credentials are configured', async () => {
    const plain = await startHarness({ emu: h.emu, role: 'worker' });
    try {
      expect((await fetch(`http://127.0.0.1:${plain.app.httpPort}/admin/queues`)).status).toBe(404);
    } finally {
      await plain.stop();
    }
  });
});

describe('webhook mode', () => {
  let emu: BotApiEmulator;
  let h: Harness;
  let url: string;
  const secret = 'webhook-secret-0123456789';

  beforeAll(async () => {
    emu = await BotApiEmulator.start();
    const port = await freePort();
    url = `http://127.0.0.1:${port}/telegram/hook`;
    h = await startHarness({ emu, env: { BOT_MODE: 'webhook', WEBHOOK_URL: url, WEBHOOK_SECRET: secret, HTTP_PORT: String(port) } });
  });
  afterAll(async () => {
    await h.stop();
    await emu.close();
  });

  it('registers the webhook with its secret and serves updates pushed to it', async () => {
    const u = emu.user({ first_name: 'Bình' });
    const before = emu.webhookDeliveries.length;
    expect((await h.ask(u, 'private', '/toila')).text).toContain('Vai trò: chưa đăng ký');
    await h.settle(); // a delivery is recorded when the bot's HTTP answer arrives, after its reply
    // The answer came through the webhook: the emulator pushed the update (accepted with 200)
    // and the bot never polled (getUpdates would be refused while a webhook is set).
    const pushed = emu.webhookDeliveries.slice(before);
    expect(pushed.length).toBeGreaterThan(0);
    expect(pushed.every((d) => d.status === 200)).toBe(true);
    expect(emu.calls.filter((c) => c.method === 'getUpdates')).toHaveLength(0);
    expect(emu.calls.find((c) => c.method === 'setWebhook')?.params).toMatchObject({ url, secret_token: secret });
  });

  it('refuses updates without the secret or with a wrong one, and processes nothing', async () => {
    const u = emu.user({ first_name: 'Kẻ giả mạo' });
    const update = { update_id: 999_001, message: { message_id: 1, date: 0, chat: { id: u.id, type: 'private', first_name: 'x' }, from: u, text: '/whoami', entities: [{ type: 'bot_command', offset: 0, length: 7 }] } };
    const post = (headers: Record<string, string>) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(update) });
    expect((await post({})).status).toBe(401);
    expect((await post({ 'x-telegram-bot-api-secret-token': 'wrong-secret-0123456789' })).status).toBe(401);
    await h.settle();
    expect(emu.botMessages(u.id)).toHaveLength(0);
    expect(await h.app.svc.store.redis.exists(h.app.svc.store.keys.update(999_001))).toBe(0);
  });
});

describe('operations behind a token', () => {
  let h: Harness;
  let base: string;
  const token = 'ops-token-0123456789abcdef';
  beforeAll(async () => {
    h = await startHarness({ env: { OPS_TOKEN: token } });
    base = `http://127.0.0.1:${h.app.httpPort}`;
  });
  afterAll(() => h.stop());

  it('answers /metrics and /readyz only with the bearer token; /healthz stays open', async () => {
    for (const path of ['/metrics', '/readyz']) {
      const none = await fetch(`${base}${path}`);
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toBe('Bearer');
      expect((await fetch(`${base}${path}`, { headers: { authorization: 'Bearer wrong-token-0123456789ab' } })).status).toBe(401);
      expect((await fetch(`${base}${path}`, { headers: { authorization: `Basic ${token}` } })).status).toBe(401);
      expect((await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    }
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});

describe('operations on an internal address', () => {
  let h: Harness;
  beforeAll(async () => {
    // 127.0.0.2 is loopback too: the ops server must be reachable there and only there.
    h = await startHarness({ env: { OPS_HOST: '127.0.0.2', OPS_PORT: '0', BULL_BOARD_USER: 'ops', BULL_BOARD_PASSWORD: 'a-long-password-1' } });
  });
  afterAll(() => h.stop());

  it('serves /metrics, /readyz and the dashboard on OPS_HOST:OPS_PORT and not on the public server', async () => {
    const pub = `http://127.0.0.1:${h.app.httpPort}`;
    const ops = `http://127.0.0.2:${h.app.opsPort}`;
    expect(h.app.opsPort).toBeGreaterThan(0);
    expect(h.app.opsPort).not.toBe(h.app.httpPort);
    expect((await fetch(`${pub}/healthz`)).status).toBe(200);
    for (const path of ['/metrics', '/readyz', '/admin/queues']) expect((await fetch(`${pub}${path}`)).status).toBe(404);
    expect((await fetch(`${ops}/metrics`)).status).toBe(200);
    expect(await (await fetch(`${ops}/readyz`)).json()).toEqual({ ok: true, checks: { redis: 'ok', telegram: 'ok', workers: 'ok' } });
    expect((await fetch(`${ops}/admin/queues`)).status).toBe(401);
    // Bound to OPS_HOST: the same port on another loopback address answers nothing.
    await expect(fetch(`http://127.0.0.1:${h.app.opsPort}/metrics`)).rejects.toThrow();
  });
});

describe('readiness when a check fails', () => {
  it('names the failed check without its error text, which goes to the log at warn', async () => {
    const { log, lines } = captureLogger('info');
    const h = await startHarness({ log });
    try {
      h.emu.failNext('getMe', { error_code: 401, description: 'Unauthorized: internal detail 42' });
      const res = await fetch(`http://127.0.0.1:${h.app.httpPort}/readyz`);
      expect(res.status).toBe(503);
      const body = await res.text();
      expect(JSON.parse(body)).toEqual({ ok: false, checks: { redis: 'ok', telegram: 'failed', workers: 'ok' } });
      expect(body).not.toContain('detail 42');
      const warn = lines.find((l) => l.level === 40 && l.msg === 'not ready');
      expect(JSON.stringify(warn)).toContain('internal detail 42');
    } finally {
      await h.stop();
    }
  });
});

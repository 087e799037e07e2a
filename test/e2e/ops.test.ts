import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotApiEmulator } from '#test/support/emulator.js';
import { startHarness, type Harness } from '#test/support/harness.js';
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
    expect((await h.ask(u, 'private', '/toila')).text).toContain('Vai trò: chưa đăng ký');
    expect(emu.webhookDeliveries.every((d) => d.status === 200)).toBe(true);
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

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZaloEmulator } from './support/zalo/emulator.js';

/** The Zalo emulator is strict to the summary of Zalo's documentation: what it refuses, the tests rely on. */
describe('Zalo Bot API emulator', () => {
  let zalo: ZaloEmulator;
  const call = async (method: string, body?: unknown, init: RequestInit = {}) => {
    const res = await fetch(`${zalo.apiRoot}/bot${zalo.token}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...init,
    });
    return { status: res.status, body: (await res.json()) as { ok: boolean; result?: Record<string, unknown>; error_code?: number; description?: string } };
  };

  beforeAll(async () => {
    zalo = await ZaloEmulator.start();
  });
  afterAll(async () => {
    await zalo.close();
  });

  it('answers getMe with can_join_groups and refuses a wrong token or GET', async () => {
    const me = await call('getMe');
    expect(me.body).toMatchObject({ ok: true, result: { id: zalo.botId, account_type: 'BASIC', can_join_groups: false } });
    const wrong = await fetch(`${zalo.apiRoot}/bot1:nope/getMe`, { method: 'POST' });
    expect(wrong.status).toBe(401);
    const get = await fetch(`${zalo.apiRoot}/bot${zalo.token}/getMe`);
    expect(get.status).toBe(405);
  });

  it('long-polls one event per answer, with string ids and millisecond dates; an empty poll is a 408', async () => {
    const lan = zalo.user({ name: 'Nguyễn Thị Lan' });
    zalo.sendText(lan, 'private', 'Xin chào');
    zalo.sendText(lan, 'private', 'Lần hai');
    const first = await call('getUpdates', { timeout: 1 });
    expect(first.body.ok).toBe(true);
    expect(first.body.result).toMatchObject({ event_name: 'message.text.received', message: { text: 'Xin chào', chat: { id: lan.id, chat_type: 'PRIVATE' }, from: { id: lan.id } } });
    const msg = first.body.result!.message as { message_id: unknown; date: number };
    expect(typeof msg.message_id).toBe('string');
    expect(msg.date).toBeGreaterThan(1e12);
    expect((await call('getUpdates', { timeout: 1 })).body.result).toMatchObject({ message: { text: 'Lần hai' } });
    const empty = await call('getUpdates', { timeout: 0 });
    expect(empty.body).toEqual({ ok: false, error_code: 408, description: 'Request timeout' });
  });

  it('sends 1–2,000 characters to string chat ids only, to people who wrote first, without buttons', async () => {
    const lan = zalo.user({ name: 'Lan' });
    const silent = zalo.user({ name: 'Chưa nhắn' });
    zalo.sendText(lan, 'private', 'hi');
    await call('getUpdates', { timeout: 0 });
    expect((await call('sendMessage', { chat_id: lan.id, text: 'x'.repeat(2000) })).body).toMatchObject({ ok: true, result: { message_id: expect.any(String) } });
    expect((await call('sendMessage', { chat_id: lan.id, text: 'x'.repeat(2001) })).body).toMatchObject({ ok: false, error_code: 400 });
    expect((await call('sendMessage', { chat_id: lan.id, text: '' })).body).toMatchObject({ ok: false, error_code: 400 });
    expect((await call('sendMessage', { chat_id: 12345, text: 'hi' })).body).toMatchObject({ ok: false, error_code: 400 });
    expect((await call('sendMessage', { chat_id: lan.id, text: 'hi', reply_markup: { inline_keyboard: [] } })).body).toMatchObject({ ok: false, error_code: 400 });
    expect((await call('sendMessage', { chat_id: silent.id, text: 'hi' })).body).toMatchObject({ ok: false, error_code: 403 });
    expect((await call('sendPhoto', { chat_id: lan.id, photo: 'not a url' })).body).toMatchObject({ ok: false, error_code: 400 });
    expect((await call('sendPhoto', { chat_id: lan.id, photo: 'https://example.org/a.jpg', caption: 'ảnh' })).body.ok).toBe(true);
    for (const m of ['editMessageText', 'copyMessage', 'answerCallbackQuery', 'sendDocument', 'setMyCommands']) {
      expect((await call(m, { chat_id: lan.id })).body).toMatchObject({ ok: false, error_code: 404 });
    }
    expect(zalo.botMessages(lan.id).map((m) => m.text?.length ?? m.photo)).toEqual([2000, 'https://example.org/a.jpg']);
  });

  it('keeps polling and webhook exclusive, and posts events with the secret header', async () => {
    const seen: { secret: string | undefined; body: unknown }[] = [];
    const { createServer } = await import('node:http');
    const server = createServer((req, res) => {
      let data = '';
      req.on('data', (c: Buffer) => (data += c.toString()));
      req.on('end', () => {
        seen.push({ secret: req.headers['x-bot-api-secret-token'] as string | undefined, body: JSON.parse(data) });
        res.end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`;
    expect((await call('setWebhook', { url, secret_token: 'short' })).body).toMatchObject({ ok: false, error_code: 400 });
    expect((await call('setWebhook', { url: 'http://example.org/hook', secret_token: 'long-enough-secret' })).body).toMatchObject({ ok: false, error_code: 400 });
    expect((await call('setWebhook', { url, secret_token: 'long-enough-secret' })).body).toMatchObject({ ok: true, result: { url } });
    expect((await call('getUpdates', { timeout: 0 })).body).toMatchObject({ ok: false, error_code: 400 });
    const hoa = zalo.user({ name: 'Hoa' });
    zalo.sendText(hoa, 'private', '/toila');
    await zalo.waitFor(() => seen.length === 1);
    expect(seen[0]).toMatchObject({ secret: 'long-enough-secret', body: { ok: true, result: { event_name: 'message.text.received', message: { text: '/toila' } } } });
    await call('deleteWebhook');
    zalo.sendText(hoa, 'private', 'again');
    expect((await call('getUpdates', { timeout: 1 })).body.result).toMatchObject({ message: { text: 'again' } });
    server.close();
  });

  it('lets the bot into groups only where allowed, and answers over-limit sends and injected faults with errors that carry no retry-after', async () => {
    const g = zalo.group({ title: 'Thường trực' });
    expect(() => zalo.addBotToGroup(g)).toThrow(/can_join_groups/);
    expect((await call('sendMessage', { chat_id: g.id, text: 'hi' })).body).toMatchObject({ ok: false, error_code: 403 });
    zalo.setCanJoinGroups(true);
    zalo.addBotToGroup(g);
    expect((await call('sendMessage', { chat_id: g.id, text: 'hi' })).body.ok).toBe(true);

    zalo.setLimits({ perSec: 100, perChatPerSec: 1 });
    expect((await call('sendMessage', { chat_id: g.id, text: 'once' })).body.ok).toBe(true);
    expect((await call('sendMessage', { chat_id: g.id, text: 'again' })).body).toEqual({ ok: false, error_code: 429, description: 'Too many requests' });
    zalo.setLimits(false);
    zalo.failNext('sendMessage', { error_code: 500, description: 'Internal error' });
    expect((await call('sendMessage', { chat_id: g.id, text: 'x' })).body).toEqual({ ok: false, error_code: 500, description: 'Internal error' });
    expect((await call('sendMessage', { chat_id: g.id, text: 'x' })).body.ok).toBe(true);
  });
});

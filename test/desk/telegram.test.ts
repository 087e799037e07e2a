import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InlineKeyboardMarkup } from 'grammy/types';
import { startHarness, type Harness } from '#test/support/harness.js';
import { addMember } from '#test/support/seed.js';

/**
 * The desk as Telegram shows it: /desk's answer with the Mini App button and the browser link
 * (https addresses only, as Telegram requires), the menu button that opens the Mini App for
 * secretaries and admins, and /desk where no DESK_URL is set.
 */
const ADMIN = 9101;
let h: Harness;
let bare: Harness;

beforeAll(async () => {
  h = await startHarness({ env: { ADMIN_IDS: String(ADMIN), DESK_URL: 'https://giaoban.example.org' } });
  bare = await startHarness({ env: { ADMIN_IDS: String(ADMIN) } });
  await h.settle();
}, 60_000);

afterAll(async () => {
  await h?.stop();
  await bare?.stop();
});

describe('the desk in Telegram', () => {
  it('answers /desk with a one-time link, a Mini App button and a browser button', async () => {
    const clerk = h.emu.user({ first_name: 'Trần Thị', last_name: 'Hoa', language_code: 'vi', privateOpen: true });
    await addMember(h, clerk, 'secretary', 'TP');
    const answer = await h.ask(clerk, 'private', '/banlamviec');
    const link = /https:\/\/giaoban\.example\.org\/desk\/login\?t=[\w-]{43}/.exec(answer.text ?? '')?.[0];
    expect(link).toBeDefined();
    expect(answer.text).toContain('dùng một lần, trong 10 phút');
    const keyboard = (answer.raw.reply_markup as InlineKeyboardMarkup).inline_keyboard;
    expect(keyboard[0]![0]).toMatchObject({ text: '🖥 Mở bàn làm việc', web_app: { url: 'https://giaoban.example.org/desk/' } });
    expect(keyboard[1]![0]).toMatchObject({ text: '🌐 Mở trong trình duyệt', url: link });
    // Only the token's hash is stored.
    const keys = await h.app.svc.store.redis.keys(`${h.app.svc.store.keys.prefix}:desk:login:*`);
    expect(keys.length).toBe(1);
    expect(keys[0]).not.toContain(link!.split('t=')[1]!);
  });

  it("sets the admin's menu button to open the desk as a Mini App", () => {
    const call = h.emu.calls.find((c) => c.method === 'setChatMenuButton' && Number(c.params.chat_id) === ADMIN);
    expect(call?.params.menu_button).toEqual({ type: 'web_app', text: 'Bàn làm việc', web_app: { url: 'https://giaoban.example.org/desk/' } });
  });

  it('says the desk is not set up where DESK_URL is missing', async () => {
    const admin = bare.emu.user({ id: ADMIN, first_name: 'Quản trị', language_code: 'vi', privateOpen: true });
    const answer = await bare.ask(admin, 'private', '/banlamviec');
    expect(answer.text).toContain('Bàn làm việc chưa được thiết lập');
    expect(answer.raw.reply_markup).toBeUndefined();
  });
});

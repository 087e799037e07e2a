import { describe, expect, it } from 'vitest';
import { checkInitData, signInitData } from '#root/desk/init-data.js';

/** Telegram's Mini App init data as the desk checks it (the Mini Apps documentation's scheme). */
const TOKEN = '123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11';
const now = Date.UTC(2026, 4, 12, 8, 0);
const fields = (over: Record<string, string> = {}) => ({ query_id: 'AAHdF6IQ', user: JSON.stringify({ id: 279058397, first_name: 'Hoa', language_code: 'vi' }), auth_date: String(now / 1000 - 60), ...over });

describe('Mini App init data', () => {
  it('accepts data signed with the bot token, within the allowed age', () => {
    const r = checkInitData(signInitData(fields(), TOKEN), TOKEN, 86_400, now);
    expect(r).toEqual({ ok: true, user: { id: 279058397, first_name: 'Hoa', language_code: 'vi' }, authDate: now / 1000 - 60 });
  });

  it('matches the documented computation: hex HMAC-SHA256 of the sorted key=value lines under HMAC-SHA256("WebAppData", token)', async () => {
    const { createHmac } = await import('node:crypto');
    const data = new URLSearchParams(signInitData(fields(), TOKEN));
    const check = [...data.entries()].filter(([k]) => k !== 'hash').sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${v}`).join('\n');
    const secret = createHmac('sha256', 'WebAppData').update(TOKEN).digest();
    expect(data.get('hash')).toBe(createHmac('sha256', secret).update(check).digest('hex'));
  });

  it('refuses a changed field, another bot token and a missing hash', () => {
    const signed = signInitData(fields(), TOKEN);
    expect(checkInitData(signed.replace('279058397', '100'), TOKEN, 86_400, now)).toEqual({ ok: false, reason: 'forged' });
    expect(checkInitData(signed, '654321:ANOTHER-token-xxxxxxxx', 86_400, now)).toEqual({ ok: false, reason: 'forged' });
    expect(checkInitData(signed.replace(/&?hash=[0-9a-f]+/, ''), TOKEN, 86_400, now)).toEqual({ ok: false, reason: 'forged' });
    expect(checkInitData('', TOKEN, 86_400, now)).toEqual({ ok: false, reason: 'missing' });
  });

  it('refuses stale data, and data dated in the future', () => {
    expect(checkInitData(signInitData(fields({ auth_date: String(now / 1000 - 86_401) }), TOKEN), TOKEN, 86_400, now)).toEqual({ ok: false, reason: 'stale' });
    expect(checkInitData(signInitData(fields({ auth_date: String(now / 1000 + 3600) }), TOKEN), TOKEN, 86_400, now)).toEqual({ ok: false, reason: 'stale' });
  });

  it('refuses signed data that names no user', () => {
    const noUser = fields();
    delete (noUser as Partial<typeof noUser>).user;
    expect(checkInitData(signInitData(noUser, TOKEN), TOKEN, 86_400, now)).toEqual({ ok: false, reason: 'no-user' });
  });
});

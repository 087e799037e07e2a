/**
 * Telegram Mini App init data: the signed query string Telegram hands a Mini App, checked as
 * the Mini Apps documentation says. The secret key is HMAC-SHA256 of the bot token keyed with
 * the constant "WebAppData"; the data-check-string is every received field but `hash`, sorted
 * by key, as `key=value` lines joined by "\n"; the data is Telegram's when the hex
 * HMAC-SHA256 of that string under the secret key equals `hash`. `auth_date` older than the
 * configured age is refused, so a copied init data string cannot open a session days later.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

interface InitDataUser {
  id: number;
  first_name?: string;
  language_code?: string;
}

export type InitDataCheck = { ok: true; user: InitDataUser; authDate: number } | { ok: false; reason: 'missing' | 'forged' | 'stale' | 'no-user' };

function secretKey(botToken: string): Buffer {
  return createHmac('sha256', 'WebAppData').update(botToken).digest();
}

function dataCheckString(params: URLSearchParams): string {
  return [...params.entries()]
    .filter(([k]) => k !== 'hash')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
}

/** Signs fields as Telegram does (tests, and a local demo of the Mini App path). */
export function signInitData(fields: Record<string, string>, botToken: string): string {
  const params = new URLSearchParams(fields);
  params.delete('hash');
  const hash = createHmac('sha256', secretKey(botToken)).update(dataCheckString(params)).digest('hex');
  params.set('hash', hash);
  return params.toString();
}

/** Whether `raw` is init data Telegram signed for this bot within the last `maxAgeSec` seconds. */
export function checkInitData(raw: string, botToken: string, maxAgeSec: number, now = Date.now()): InitDataCheck {
  if (!raw || raw.length > 8192) return { ok: false, reason: 'missing' };
  const params = new URLSearchParams(raw);
  const hash = params.get('hash') ?? '';
  if (!/^[0-9a-f]{64}$/.test(hash)) return { ok: false, reason: 'forged' };
  const expected = createHmac('sha256', secretKey(botToken)).update(dataCheckString(params)).digest();
  if (!timingSafeEqual(expected, Buffer.from(hash, 'hex'))) return { ok: false, reason: 'forged' };
  const authDate = Number(params.get('auth_date'));
  const age = now / 1000 - authDate;
  // A little clock skew ahead is tolerated; far in the future is as suspect as far in the past.
  if (!Number.isFinite(authDate) || age > maxAgeSec || age < -300) return { ok: false, reason: 'stale' };
  try {
    const user = JSON.parse(params.get('user') ?? 'null') as InitDataUser | null;
    if (!user || !Number.isSafeInteger(user.id) || user.id <= 0) return { ok: false, reason: 'no-user' };
    return { ok: true, user, authDate };
  } catch {
    return { ok: false, reason: 'no-user' };
  }
}

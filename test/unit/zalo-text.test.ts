import { describe, expect, it } from 'vitest';
import { loadConfig } from '#root/config.js';
import { fileLink, readLink } from '#root/links.js';
import { htmlToText, splitText, ZALO_TEXT_LIMIT } from '#root/zalo/text.js';

describe('Telegram HTML as Zalo text', () => {
  it('drops tags, keeps a link’s address, decodes entities once', () => {
    expect(htmlToText('<b>Giao ban</b> &amp; <i>họp</i>: &lt;b&gt; là chữ')).toBe('Giao ban & họp: <b> là chữ');
    expect(htmlToText('Xem <a href="https://hop.hanoi.gov.vn/x?a=1&amp;b=2">dự thảo</a>')).toBe('Xem dự thảo (https://hop.hanoi.gov.vn/x?a=1&b=2)');
    expect(htmlToText('<a href="https://x.vn">https://x.vn</a>')).toBe('https://x.vn');
    expect(htmlToText('a&#39;b &#x1F4C5; &quot;c&quot; &unknown;')).toBe('a\'b 📅 "c" &unknown;');
    expect(htmlToText('<blockquote>trích</blockquote><pre>mã</pre>')).toBe('tríchmã');
  });

  it('splits under 2,000 characters between lines, else at a space, never inside a word or a character', () => {
    const line = 'Đề nghị bổ sung cơ chế giám sát chuyên đề. '.repeat(10).trim();
    const text = Array.from({ length: 12 }, (_, i) => `${i + 1}. ${line}`).join('\n');
    const parts = splitText(text);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => p.length <= ZALO_TEXT_LIMIT)).toBe(true);
    expect(parts.join('\n')).toBe(text);
    const words = splitText('chữ '.repeat(1200).trim());
    expect(words.every((p) => p.length <= ZALO_TEXT_LIMIT && !p.startsWith(' ') && !p.endsWith(' '))).toBe(true);
    expect(words.join(' ')).toBe('chữ '.repeat(1200).trim());
    const emoji = splitText('📅'.repeat(1500));
    expect(emoji.join('')).toBe('📅'.repeat(1500));
    expect(emoji.every((p) => p.length <= ZALO_TEXT_LIMIT && !/^[\udc00-\udfff]/.test(p))).toBe(true);
    expect(splitText('ngắn')).toEqual(['ngắn']);
  });
});

describe('signed file links', () => {
  const config = loadConfig({ ZALO_BOT_TOKEN: '1459232241454765289:zalo-test-secret', PUBLIC_URL: 'https://bot.example.org/', LINK_TTL_SEC: '60' });

  it('needs only Zalo: BOT_TOKEN is optional then, and Telegram is off', () => {
    expect(config.TELEGRAM_ENABLED).toBe(false);
    expect(config.PUBLIC_URL).toBe('https://bot.example.org');
    expect(() => loadConfig({})).toThrow(/BOT_TOKEN: required \(or ZALO_BOT_TOKEN/);
    expect(() => loadConfig({ ZALO_BOT_TOKEN: '1:abcdefgh', ZALO_MODE: 'webhook' })).toThrow(/ZALO_WEBHOOK_URL: required when ZALO_MODE=webhook/);
  });

  it('reads back what it signed until it expires; a changed payload or signature is forged', () => {
    const now = Date.now();
    const link = fileLink(config, { kind: 'report', id: 'DA-01|docx', user: 9_000_000_000_001 }, now)!;
    expect(link.url).toMatch(/^https:\/\/bot\.example\.org\/f\/[\w-]+\.[\w-]+$/);
    const token = link.url.split('/f/')[1]!;
    expect(readLink(config, token, now + 1000)).toEqual({ kind: 'report', id: 'DA-01|docx', user: 9_000_000_000_001, expiresAt: now + 60_000 });
    expect(readLink(config, token, now + 60_000)).toBe('expired');
    const [payload, sig] = token.split('.');
    const other = Buffer.from(JSON.stringify({ k: 'report', i: 'DA-01|docx', u: 1, e: now + 60_000 })).toString('base64url');
    expect(readLink(config, `${other}.${sig}`, now)).toBe('forged');
    expect(readLink(config, `${payload}.${sig!.slice(1)}x`, now)).toBe('forged');
    expect(readLink(config, 'nonsense', now)).toBe('forged');
    expect(readLink({ ...config, LINK_SECRET: 'another-secret-of-at-least-32-characters' }, token, now)).toBe('forged');
    expect(fileLink({ ...config, PUBLIC_URL: undefined }, { kind: 'ics', id: 'M1', user: 1 })).toBeUndefined();
  });
});

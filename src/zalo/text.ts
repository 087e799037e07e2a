/**
 * Zalo shows plain text: the app's messages are written in Telegram's HTML (src/views, the
 * locale files), so they are turned into text here (tags dropped, a link's address kept when
 * it differs from its text, entities decoded) and split under Zalo's 2,000 characters.
 */

/** Zalo's limit for a message text and a photo's caption. */
export const ZALO_TEXT_LIMIT = 2000;

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(s: string): string {
  return s.replace(/&(#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});/g, (whole, body: string) => {
    if (body.startsWith('#x') || body.startsWith('#X')) return codePoint(parseInt(body.slice(2), 16)) ?? whole;
    if (body.startsWith('#')) return codePoint(parseInt(body.slice(1), 10)) ?? whole;
    return NAMED[body.toLowerCase()] ?? whole;
  });
}

function codePoint(n: number): string | undefined {
  return Number.isInteger(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : undefined;
}

/** Telegram HTML as plain text: no tags, entities decoded, `<a href="u">t</a>` as `t (u)` (or `u`). */
export function htmlToText(html: string): string {
  const linked = html.replace(/<a\s[^>]*href\s*=\s*"([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi, (_m, href: string, inner: string) => {
    const text = inner.replace(/<[^>]*>/g, '');
    const url = decodeEntities(href);
    return decodeEntities(text).trim() === url ? text : `${text} (${href})`;
  });
  return decodeEntities(linked.replace(/<br\s*\/?>/gi, '\n').replace(/<\/?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?>/g, ''));
}

/**
 * Splits a text into parts of at most `limit` characters (UTF-16 code units, which is never
 * less than what Zalo could count), between lines where possible, else at a space, and only
 * inside a word that alone is longer than a part. Surrogate pairs are never cut.
 */
export function splitText(text: string, limit = ZALO_TEXT_LIMIT): string[] {
  const parts: string[] = [];
  let rest = text.replace(/\s+$/, '');
  while (rest.length > limit) {
    let cut = rest.lastIndexOf('\n', limit);
    if (cut < limit / 2) {
      const space = rest.lastIndexOf(' ', limit);
      cut = space > 0 ? space : cut > 0 ? cut : limit;
    }
    // Never between the two halves of a character outside the basic plane.
    const code = rest.charCodeAt(cut - 1);
    if (cut === limit && code >= 0xd800 && code <= 0xdbff) cut--;
    const head = rest.slice(0, cut).replace(/\s+$/, '');
    if (head) parts.push(head);
    rest = rest.slice(cut).replace(/^[ \t]*\n?/, '');
  }
  if (rest.trim()) parts.push(rest);
  return parts.length ? parts : [];
}

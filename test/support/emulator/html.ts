import type { MessageEntity } from 'grammy/types';
import { ApiError } from './types.js';

/** Tags Telegram accepts with parse_mode HTML, and the entity each one becomes. */
const TAG_ENTITY: Record<string, MessageEntity['type']> = {
  b: 'bold', strong: 'bold',
  i: 'italic', em: 'italic',
  u: 'underline', ins: 'underline',
  s: 'strikethrough', strike: 'strikethrough', del: 'strikethrough',
  'tg-spoiler': 'spoiler', span: 'spoiler',
  a: 'text_link',
  code: 'code', pre: 'pre',
  blockquote: 'blockquote',
  'tg-emoji': 'custom_emoji',
};

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

interface OpenTag { name: string; attrs: Record<string, string>; offset: number }

function parseError(what: string): ApiError {
  return ApiError.badRequest(`can't parse entities: ${what}`);
}

/**
 * Parses `parse_mode: 'HTML'` text the way Telegram does: only the supported tags,
 * balanced, and every `&` must start an entity. Returns the visible text and its entities.
 */
export function parseHtml(html: string): { text: string; entities: MessageEntity[] } {
  let text = '';
  const entities: MessageEntity[] = [];
  const stack: OpenTag[] = [];
  const byteOffset = (i: number) => Buffer.byteLength(html.slice(0, i));
  let i = 0;
  while (i < html.length) {
    const ch = html[i];
    if (ch === '<') {
      const end = html.indexOf('>', i);
      if (end === -1) throw parseError(`Unclosed start tag at byte offset ${byteOffset(i)}`);
      const tag = html.slice(i + 1, end);
      if (tag.startsWith('/')) {
        const name = tag.slice(1).trim().toLowerCase();
        const open = stack.pop();
        if (!open || open.name !== name) {
          const expected = open ? `expected "</${open.name}>", ` : '';
          throw parseError(`Unmatched end tag at byte offset ${byteOffset(i)}, ${expected}found "</${name}>"`);
        }
        const entity = toEntity(open, text.length);
        if (entity) entities.push(entity);
      } else {
        stack.push({ ...parseStartTag(tag, byteOffset(i)), offset: text.length });
      }
      i = end + 1;
    } else if (ch === '&') {
      const m = /^&(?:#(\d+)|#x([0-9a-f]+)|([a-z]+));/i.exec(html.slice(i, i + 12));
      const decoded = m && decodeEntity(m);
      if (decoded === undefined || !m) throw parseError(`Unsupported HTML entity or bare "&" at byte offset ${byteOffset(i)}`);
      text += decoded;
      i += m[0].length;
    } else {
      text += ch;
      i++;
    }
  }
  const unclosed = stack.pop();
  if (unclosed) throw parseError(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text, entities };
}

function decodeEntity(m: RegExpExecArray): string | undefined {
  if (m[1] !== undefined) return String.fromCodePoint(Number(m[1]));
  if (m[2] !== undefined) return String.fromCodePoint(parseInt(m[2], 16));
  return NAMED_ENTITIES[(m[3] ?? '').toLowerCase()];
}

function parseStartTag(tag: string, at: number): Omit<OpenTag, 'offset'> {
  const nameMatch = /^([a-z][a-z0-9-]*)/i.exec(tag);
  const name = nameMatch?.[1]?.toLowerCase() ?? '';
  if (!(name in TAG_ENTITY)) throw parseError(`Unsupported start tag "${name}" at byte offset ${at}`);
  const attrs: Record<string, string> = {};
  const attrRe = /([a-z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+)))?/gi;
  for (const m of tag.slice(name.length).matchAll(attrRe)) {
    attrs[(m[1] ?? '').toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? '';
  }
  if (name === 'span' && attrs.class !== 'tg-spoiler') {
    throw parseError(`Tag "span" must have class "tg-spoiler" at byte offset ${at}`);
  }
  return { name, attrs };
}

function toEntity(tag: OpenTag, end: number): MessageEntity | undefined {
  const length = end - tag.offset;
  if (length === 0) return undefined;
  const base = { offset: tag.offset, length };
  switch (tag.name) {
    case 'a':
      return tag.attrs.href ? { ...base, type: 'text_link', url: tag.attrs.href } : undefined;
    case 'tg-emoji':
      return { ...base, type: 'custom_emoji', custom_emoji_id: tag.attrs['emoji-id'] ?? '' };
    case 'pre':
      return { ...base, type: 'pre' };
    case 'blockquote':
      return { ...base, type: 'expandable' in tag.attrs ? 'expandable_blockquote' : 'blockquote' };
    default:
      return { ...base, type: TAG_ENTITY[tag.name] } as MessageEntity;
  }
}


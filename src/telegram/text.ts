/**
 * Text for Telegram's HTML parse mode: escaping and splitting into messages.
 *
 * Length: Telegram's 4096 limit counts UTF-16 code units of the text *after* entity
 * parsing (tags removed, `&amp;` → `&`). We count the raw string's `.length` (UTF-16 code
 * units, tags and entities included). That is never less than what Telegram counts, so a
 * part we accept is always accepted by Telegram; it is merely a little conservative.
 *
 * Markup: a split never lands inside a tag (`<a href="…">`) or an entity (`&amp;`). Tags are
 * expected to be balanced and properly nested, as ours are. Callers should keep a tag pair
 * within one line, but the splitter does not rely on it: if a split falls while tags are
 * open (a multi-line `<pre>` or `<blockquote>`, or a long `<b>…</b>` line split at a
 * space), the part is ended with the matching closing tags and the next part starts by
 * re-opening them (with their attributes), so every part is valid HTML on its own. Those
 * added tags are the only characters that are ever added.
 */

/** Escapes text for Telegram's HTML parse mode (`&`, `<`, `>`, `"`). */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Telegram's limit for a message text. */
export const MESSAGE_LIMIT = 4096;

interface Tag {
  start: number;
  end: number; // exclusive
  name: string;
  raw: string;
  closing: boolean;
}

interface Markup {
  /** unsafe[p] = 1: cutting at p (between text[p-1] and text[p]) is not allowed. */
  unsafe: Uint8Array;
  tags: Tag[];
  /** stacks[k]: the opening tags still open after tags[0..k-1] (stacks[0] is empty). */
  stacks: Tag[][];
}

const TAG_RE = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)(?:\s[^<>]*)?>/g;
const ENTITY_RE = /&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});/g;

function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t';
}

function scanMarkup(text: string): Markup {
  const unsafe = new Uint8Array(text.length + 1);
  const mark = (a: number, b: number): void => {
    for (let p = a + 1; p < b; p++) unsafe[p] = 1;
  };
  const tags: Tag[] = [];
  for (const m of text.matchAll(TAG_RE)) {
    const start = m.index;
    const end = start + m[0].length;
    mark(start, end);
    tags.push({ start, end, name: (m[2] as string).toLowerCase(), raw: m[0], closing: m[1] === '/' });
  }
  for (const m of text.matchAll(ENTITY_RE)) mark(m.index, m.index + m[0].length);
  for (let p = 1; p < text.length; p++) {
    const c = text.charCodeAt(p);
    const ch = text[p] as string;
    // Never separate a surrogate pair, a base letter from its combining marks (decomposed
    // Vietnamese diacritics, variation selectors) or the parts of a ZWJ emoji sequence.
    if ((c >= 0xdc00 && c <= 0xdfff) || /\p{M}/u.test(ch) || ch === '\u200d' || text[p - 1] === '\u200d') unsafe[p] = 1;
  }
  const stacks: Tag[][] = [[]];
  let stack: Tag[] = [];
  for (const t of tags) {
    if (!t.closing) stack = [...stack, t];
    else {
      const i = stack.map((s) => s.name).lastIndexOf(t.name);
      if (i >= 0) stack = stack.slice(0, i);
    }
    stacks.push(stack);
  }
  return { unsafe, tags, stacks };
}

/** Tags open at position p (p not inside a tag). */
function openAt(mk: Markup, p: number): Tag[] {
  // Number of tags ending at or before p (binary search on end).
  let lo = 0;
  let hi = mk.tags.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((mk.tags[mid] as Tag).end <= p) lo = mid + 1;
    else hi = mid;
  }
  return mk.stacks[lo] as Tag[];
}

const openers = (stack: Tag[]): string => stack.map((t) => t.raw).join('');
const closers = (stack: Tag[]): string =>
  stack
    .map((t) => `</${t.name}>`)
    .reverse()
    .join('');

/**
 * Splits a text into parts of at most `limit` UTF-16 code units (raw string length, see
 * the module comment), preferring, in this order: the last line break that fits (the `\n`
 * at the split is dropped), the last space that fits (the spaces stay at the end of the
 * earlier part), and as a last resort a hard cut inside a word too long for a message.
 * Nothing else is dropped or reordered: joining the parts with `\n` at line splits and ''
 * elsewhere gives back the input (plus re-balanced tags, see above). Parts that would hold
 * only whitespace (a run of blanks longer than the limit) are left out, since Telegram
 * refuses empty messages. An empty text gives [].
 */
export function splitMessage(text: string, limit = MESSAGE_LIMIT): string[] {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`splitMessage: bad limit ${limit}`);
  const parts: string[] = [];
  const push = (part: string): void => {
    if (part.replace(/<[^<>]*>/g, '').trim() !== '') parts.push(part);
  };
  if (text.length <= limit) {
    push(text);
    return parts;
  }
  const mk = scanMarkup(text);
  let start = 0;
  let prefix = '';
  while (start < text.length) {
    if (prefix.length + (text.length - start) <= limit) {
      push(prefix + text.slice(start));
      break;
    }
    const cut = chooseCut(text, mk, start, prefix, limit);
    let suffix = '';
    let next: string;
    if (cut.balanced) {
      const stack = openAt(mk, cut.end);
      suffix = closers(stack);
      next = openers(stack);
    } else {
      next = '';
    }
    push((cut.balanced ? prefix : '') + text.slice(start, cut.end) + suffix);
    start = cut.resume;
    prefix = next;
  }
  return parts;
}

interface Cut {
  /** The part is text[start, end). */
  end: number;
  /** The next part starts here (end + 1 when a line break is dropped). */
  resume: number;
  /** false only when tags could not be re-balanced within the limit (tiny limits). */
  balanced: boolean;
}

function chooseCut(text: string, mk: Markup, start: number, prefix: string, limit: number): Cut {
  const fits = (p: number): boolean => prefix.length + (p - start) + closers(openAt(mk, p)).length <= limit;
  const maxP = Math.min(text.length - 1, start + limit - prefix.length);
  // Content (not only whitespace) between start and p?
  let firstContent = start;
  while (firstContent < text.length && /\s/.test(text[firstContent] as string)) firstContent++;
  const hasContent = (p: number): boolean => p > firstContent;

  // 1. The last line break that fits.
  for (let p = maxP; p > start; p--) {
    if (text[p] === '\n' && !mk.unsafe[p] && hasContent(p) && fits(p)) return { end: p, resume: p + 1, balanced: true };
  }
  // 2. After the last run of spaces that fits.
  for (let p = maxP; p > start; p--) {
    if (isSpace(text[p - 1]) && !isSpace(text[p]) && !mk.unsafe[p] && hasContent(p) && fits(p)) {
      return { end: p, resume: p, balanced: true };
    }
  }
  // 3. Hard cut at the last safe position that fits.
  for (let p = maxP; p > start; p--) {
    if (!mk.unsafe[p] && fits(p)) return { end: p, resume: p, balanced: true };
  }
  // 4. Nothing fits with the tags re-balanced (limit smaller than the markup): give up on
  // balancing, still avoiding a cut inside a tag or entity if possible, else cut raw.
  const rawMax = Math.min(text.length - 1, start + limit);
  for (let p = rawMax; p > start; p--) if (!mk.unsafe[p]) return { end: p, resume: p, balanced: false };
  const p = Math.max(start + 1, Math.min(text.length, start + limit));
  return { end: p, resume: p, balanced: false };
}

/**
 * Packs whole sections (joined by `sep`) into as few messages as fit in `limit`; a section
 * too long for one message is split with splitMessage into messages of its own. Empty
 * sections are skipped.
 */
export function splitSections(sections: string[], limit = MESSAGE_LIMIT, sep = '\n\n'): string[] {
  const out: string[] = [];
  let current = '';
  for (const section of sections) {
    if (section.trim() === '') continue;
    if (current !== '' && current.length + sep.length + section.length <= limit) {
      current += sep + section;
      continue;
    }
    if (current !== '') out.push(current);
    current = '';
    if (section.length <= limit) current = section;
    else out.push(...splitMessage(section, limit));
  }
  if (current !== '') out.push(current);
  return out;
}

/**
 * Packs sections made of items into as few messages as fit in `limit`, splitting on section
 * boundaries: a section goes whole into the current message if it fits, else whole into the
 * next one. Only a section longer than a message is split, and then between its items (an
 * item is a meeting with its lines, a proposal with its lines), never inside one unless the
 * item alone exceeds a message. A section's first item carries its heading, so a heading
 * never ends a message. Sections are joined by a blank line, items by a line break.
 */
export function packItems(sections: string[][], limit = MESSAGE_LIMIT): string[] {
  const out: string[] = [];
  let current = '';
  const flush = () => {
    if (current !== '') out.push(current);
    current = '';
  };
  for (const raw of sections) {
    const items = raw.filter((i) => i.trim() !== '');
    if (items.length === 0) continue;
    const whole = items.join('\n');
    const sep = current === '' ? '' : '\n\n';
    if (current.length + sep.length + whole.length <= limit) {
      current += sep + whole;
      continue;
    }
    flush();
    if (whole.length <= limit) {
      current = whole;
      continue;
    }
    for (const item of items) {
      const itemSep = current === '' ? '' : '\n';
      if (current.length + itemSep.length + item.length <= limit) {
        current += itemSep + item;
        continue;
      }
      flush();
      if (item.length <= limit) current = item;
      else {
        const pieces = splitMessage(item, limit);
        current = pieces.pop() ?? '';
        out.push(...pieces);
      }
    }
  }
  flush();
  return out;
}

import { describe, it, expect } from 'vitest';
import { escapeHtml, splitMessage, splitSections, MESSAGE_LIMIT } from '../../src/telegram/text.js';

/** True when `input` equals the parts joined with '' or '\n' at each boundary. */
function rejoins(parts: string[], input: string, i = 0, pos = 0): boolean {
  if (i === parts.length) return pos === input.length;
  const part = parts[i] as string;
  if (!input.startsWith(part, pos)) return false;
  const p = pos + part.length;
  if (i === parts.length - 1) return p === input.length;
  return rejoins(parts, input, i + 1, p) || (input[p] === '\n' && rejoins(parts, input, i + 1, p + 1));
}

function check(text: string, limit: number): string[] {
  const parts = splitMessage(text, limit);
  for (const p of parts) {
    expect(p.length).toBeLessThanOrEqual(limit);
    expect(p.trim()).not.toBe('');
  }
  expect(rejoins(parts, text)).toBe(true);
  return parts;
}

/** Removes tags added by the splitter's re-balancing, then checks every part's tags nest. */
function balanced(part: string): boolean {
  const stack: string[] = [];
  for (const m of part.matchAll(/<(\/?)([a-z-]+)[^<>]*>/g)) {
    if (m[1] === '') stack.push(m[2] as string);
    else if (stack.pop() !== m[2]) return false;
  }
  return stack.length === 0;
}

describe('escapeHtml', () => {
  it('escapes & < > "', () => {
    expect(escapeHtml('a & b <c> "d" \'e\'')).toBe('a &amp; b &lt;c&gt; &quot;d&quot; \'e\'');
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
    expect(escapeHtml('Thường trực HĐND')).toBe('Thường trực HĐND');
    expect(escapeHtml('')).toBe('');
  });
});

describe('splitMessage', () => {
  it('keeps a short text whole; empty gives nothing', () => {
    expect(splitMessage('xin chào')).toEqual(['xin chào']);
    expect(splitMessage('')).toEqual([]);
    expect(splitMessage('   \n ')).toEqual([]);
  });

  it('exact limit is one part; one more splits', () => {
    const s = 'a'.repeat(MESSAGE_LIMIT);
    expect(splitMessage(s)).toEqual([s]);
    const lines = 'x'.repeat(10) + '\n' + 'y'.repeat(10);
    expect(check(lines, 21)).toEqual([lines]);
    expect(check(lines, 20)).toEqual(['x'.repeat(10), 'y'.repeat(10)]);
  });

  it('splits on line boundaries, packing lines greedily', () => {
    const lines = Array.from({ length: 10 }, (_, i) => `dòng ${i}`); // 6 chars each
    const text = lines.join('\n');
    const parts = check(text, 20);
    expect(parts).toEqual(['dòng 0\ndòng 1\ndòng 2', 'dòng 3\ndòng 4\ndòng 5', 'dòng 6\ndòng 7\ndòng 8', 'dòng 9']);
  });

  it('a line exactly at the limit, followed by more', () => {
    const text = 'a'.repeat(10) + '\n' + 'b'.repeat(10) + '\n' + 'c';
    expect(check(text, 10)).toEqual(['a'.repeat(10), 'b'.repeat(10), 'c']);
  });

  it('prefers a line break over a later space', () => {
    const text = 'ab\ncd ef gh ij';
    expect(check(text, 10)).toEqual(['ab', 'cd ef gh ij'.slice(0, 9), 'ij']);
  });

  it('splits a long line on spaces, never mid-word', () => {
    const words = Array.from({ length: 200 }, (_, i) => `từ${i}`);
    const text = words.join(' ');
    const parts = check(text, 50);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) {
      // each part ends at a word end (with its trailing space) or the text end
      expect(/^\S/.test(p)).toBe(true);
    }
    expect(parts.join('')).toBe(text);
    const seen = parts.flatMap((p) => p.trim().split(' '));
    expect(seen).toEqual(words);
  });

  it('keeps runs of spaces with the earlier part', () => {
    const parts = check('aaaa    bbbb', 9);
    expect(parts).toEqual(['aaaa    ', 'bbbb']);
  });

  it('hard-splits a word longer than the limit', () => {
    const word = 'x'.repeat(25);
    expect(check(word, 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
    const text = `ngắn ${word} cuối`;
    const parts = check(text, 10);
    expect(parts[0]).toBe('ngắn ');
    expect(parts.join('')).toBe(text);
  });

  it('handles Vietnamese text with diacritics, precomposed and decomposed', () => {
    const para =
      'Nâng cao năng lực, hiệu lực, hiệu quả hoạt động của HĐND các cấp Thành phố giai đoạn 2021 – 2026 gắn với thực hiện thí điểm mô hình chính quyền đô thị.';
    const text = Array.from({ length: 60 }, () => para).join('\n');
    const parts = check(text, MESSAGE_LIMIT);
    // 151-character lines: 26 lines and 25 newlines (3951) fit in 4096, 27 would not (4103)
    expect(para.length).toBe(151);
    expect(parts.map((p) => p.split('\n').length)).toEqual([26, 26, 8]);
    for (const p of parts) expect(p.startsWith('Nâng')).toBe(true);

    const nfd = 'Ý kiến góp ý đối với dự thảo'.normalize('NFD').replace(/ /g, '');
    const hard = check(nfd, 7);
    for (const p of hard) expect(/^\p{M}/u.test(p)).toBe(false); // no orphaned diacritic
    expect(hard.join('')).toBe(nfd);
  });

  it('never splits a surrogate pair or a ZWJ emoji sequence', () => {
    const text = '📅'.repeat(10); // 20 code units
    const parts = check(text, 5);
    for (const p of parts) expect(p.length % 2).toBe(0);
    expect(parts.join('')).toBe(text);
    const family = '👨‍👩‍👧'; // 8 code units
    const t2 = family.repeat(3);
    const p2 = check(t2, 9);
    expect(p2).toEqual([family, family, family]);
  });

  it('never cuts inside a tag or an entity', () => {
    const text = 'aaaa &amp;&amp;&amp; <a href="https://example.com/x y">link</a> bbbb';
    for (let limit = 12; limit <= text.length; limit++) {
      const parts = splitMessage(text, limit);
      for (const p of parts) {
        expect(p.length).toBeLessThanOrEqual(limit);
        expect(/&[a-z]*$/.test(p) || /^[a-z]*;/.test(p)).toBe(false);
        if (limit >= 36) {
          // the longest tag is 36 characters: from there on no tag is ever cut
          expect(/<[^>]*$/.test(p)).toBe(false);
          expect(/^[^<]*>/.test(p)).toBe(false);
        }
      }
    }
    const parts = splitMessage('&amp;'.repeat(5), 12);
    expect(parts).toEqual(['&amp;&amp;', '&amp;&amp;', '&amp;']);
  });

  it('closes and re-opens tags that a split leaves open', () => {
    const body = Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\n');
    const text = `<b>Tiêu đề</b>\n<pre>${body}</pre>\nhết`;
    const parts = splitMessage(text, 60);
    expect(parts.length).toBeGreaterThan(2);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(60);
      expect(balanced(p)).toBe(true);
    }
    // removing the added tags gives back the input (modulo split newlines)
    const stripped = parts.map((p, i) => {
      let s = p;
      if (i > 0 && s.startsWith('<pre>') && !text.includes('\n' + s.slice(0, 20))) s = s.slice('<pre>'.length);
      if (i < parts.length - 1 && s.endsWith('</pre>') && !s.endsWith('line 29</pre>')) s = s.slice(0, -'</pre>'.length);
      return s;
    });
    expect(rejoins(stripped, text)).toBe(true);

    const long = `<a href="https://x.vn/a">${'từ '.repeat(40)}</a>`;
    const lp = splitMessage(long, 50);
    for (const p of lp) {
      expect(p.length).toBeLessThanOrEqual(50);
      expect(balanced(p)).toBe(true);
      expect(p.startsWith('<a href="https://x.vn/a">')).toBe(true);
    }
  });

  it('loses nothing on random input', () => {
    let seed = 42;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const alphabet = ['a', 'ă', 'ệ', ' ', ' ', '\n', 'Đ', 'x', 'ư', '😀'];
    for (let round = 0; round < 200; round++) {
      const len = rnd(300);
      let text = 'z';
      for (let i = 0; i < len; i++) text += alphabet[rnd(alphabet.length)];
      text += 'z';
      const limit = 5 + rnd(60);
      const parts = splitMessage(text, limit);
      for (const p of parts) expect(p.length).toBeLessThanOrEqual(limit);
      // whitespace-only runs longer than the limit may vanish; otherwise exact
      if (!/\s{5,}/.test(text)) expect(rejoins(parts, text)).toBe(true);
      expect(parts.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
    }
  });

  it('rejects a bad limit', () => {
    expect(() => splitMessage('abc', 0)).toThrow(RangeError);
  });
});

describe('splitSections', () => {
  it('packs whole sections', () => {
    const a = 'A'.repeat(30);
    const b = 'B'.repeat(30);
    const c = 'C'.repeat(30);
    expect(splitSections([a, b, c], 70)).toEqual([`${a}\n\n${b}`, c]);
    expect(splitSections([a, b, c], 94)).toEqual([`${a}\n\n${b}\n\n${c}`]);
    expect(splitSections([a, b, c], 93)).toEqual([`${a}\n\n${b}`, c]);
    expect(splitSections([a, '', '  ', b], 100)).toEqual([`${a}\n\n${b}`]);
    expect(splitSections([a, b], 100, '\n—\n')).toEqual([`${a}\n—\n${b}`]);
    expect(splitSections([])).toEqual([]);
  });
  it('splits an oversized section on its own', () => {
    const big = Array.from({ length: 10 }, (_, i) => `mục ${i} ${'x'.repeat(10)}`).join('\n'); // 10 lines of 17-18
    const parts = splitSections(['đầu', big, 'cuối'], 40);
    expect(parts[0]).toBe('đầu');
    expect(parts[parts.length - 1]).toBe('cuối');
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(40);
    expect(rejoins(parts.slice(1, -1), big)).toBe(true);
  });
});

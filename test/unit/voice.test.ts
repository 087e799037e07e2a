import { readFileSync } from 'node:fs';
import { FluentResource } from '@fluent/bundle';
import { describe, expect, it } from 'vitest';
import { createI18n, translator } from '#root/i18n.js';

/**
 * The office's own language (issue 12), checked over every message of the locale files, so
 * a text added later is held to the same rules: no chat or IT words in Vietnamese, the
 * system never speaks as a person, one word for one thing, refusals without ⛔, the
 * council's name from configuration, examples without a year, and English counts in real
 * plural forms.
 */

type Element = string | { type: string; name?: string; selector?: Element; variants?: { key: { value: string | number }; value: Pattern }[] };
type Pattern = string | Element[];
interface Message {
  id: string;
  value: Pattern | null;
  attributes: Record<string, Pattern>;
}

function load(locale: 'vi' | 'en'): Message[] {
  const source = readFileSync(new URL(`../../locales/${locale}.ftl`, import.meta.url), 'utf8');
  return (new FluentResource(source) as unknown as { body: Message[] }).body.filter((m) => !m.id.startsWith('-'));
}

/** The literal text of a pattern, every variant included; `skip` leaves out the variants of some selects. */
function text(p: Pattern | null, skip: (e: Element) => boolean = () => false): string {
  if (p === null) return '';
  if (typeof p === 'string') return p;
  return p
    .map((e) => {
      if (typeof e === 'string') return e;
      if (e.type === 'select' && !skip(e)) return (e.variants ?? []).map((v) => text(v.value, skip)).join(' | ');
      return ' ';
    })
    .join('');
}

const messages = { vi: load('vi'), en: load('en') };
const all = (locale: 'vi' | 'en') => messages[locale].map((m) => ({ id: m.id, text: [m.value, ...Object.values(m.attributes)].map((p) => text(p)).join('\n') }));

/** A whole word, Vietnamese letters included (\b knows only ASCII). */
const word = (w: string) => new RegExp(`(?<![\\p{L}\\p{N}_])${w}(?![\\p{L}\\p{N}_])`, 'iu');

/** Where each offence is, as `key: text`, so a failure names the message to fix. */
function offenders(locale: 'vi' | 'en', test: (text: string, id: string) => boolean): string[] {
  return all(locale)
    .filter((m) => test(m.text, m.id))
    .map((m) => `${m.id}: ${m.text}`);
}

describe('Vietnamese as a council office writes it', () => {
  const forbidden: [string, RegExp][] = [
    ['«bot» (say «hệ thống»)', word('bot')],
    ['«link» (say «đường dẫn»)', word('link')],
    ['«id» (say «mã»)', word('id')],
    ['«không hiểu» (say what is wrong)', /không hiểu/iu],
    ['«không đọc được» (say what is wrong)', /không đọc được/iu],
    ['«chưa hiểu» (say what is wrong)', /chưa hiểu/iu],
    ['«đọc được» (the system takes or refuses, it does not read)', /đọc được/iu],
    ['«hỏi lại» (the system does not speak as a person)', /hỏi lại/iu],
    ['«tôi» (the system has no «I»)', word('tôi')],
    ['«bạn» (say «đồng chí»)', word('bạn')],
    ['«hàng tuần» (say «hằng tuần»)', /hàng tuần/iu],
    ['«hàng ngày» (say «hằng ngày»)', /hàng ngày/iu],
    ['«phản hồi» (say «tiếp thu, giải trình»)', /phản hồi/iu],
    ['⛔ (a refusal states the rule: ℹ️)', /⛔/u],
  ];
  for (const [what, re] of forbidden) {
    it(`has no ${what}`, () => {
      expect(offenders('vi', (t) => re.test(t))).toEqual([]);
    });
  }

  it('mentions cron patterns only in an administrator’s help and in the errors of a pattern someone typed', () => {
    expect(offenders('vi', (t, id) => /cron/iu.test(t) && id !== 'help-digest-cron' && !id.startsWith('digest-error-'))).toEqual([]);
  });

  it('keeps «mục» for a draft’s sections: a form’s fields and items are called otherwise', () => {
    const formish = /^(form-|wizard-|field-meeting-|ask-meeting-|meeting-unchanged$|meeting-edit-help$)/;
    expect(offenders('vi', (t, id) => formish.test(id) && id !== 'form-bad-sections' && word('mục').test(t))).toEqual([]);
  });

  it('uses one politeness marker per sentence', () => {
    const markers = [/vui lòng/giu, /đề nghị/giu, new RegExp(word('xin').source, 'giu'), new RegExp(word('kính').source, 'giu')];
    const tooPolite = (t: string) => t.split(/[.!?;:\n]/u).some((s) => markers.reduce((n, m) => n + (s.match(m)?.length ?? 0), 0) > 1);
    expect(offenders('vi', tooPolite)).toEqual([]);
  });

  it('names the council only through `{ council }` and COUNCIL_KIND, never as a hard-coded «Thành phố» or «TP»', () => {
    const byKind = (e: Element) => typeof e !== 'string' && e.type === 'select' && typeof e.selector !== 'string' && e.selector?.name === 'councilKind';
    const hardCoded = messages.vi
      .filter((m) => m.id !== 'council')
      .filter((m) => /thành phố|(?<![\p{L}])TP(?![\p{L}])/iu.test(text(m.value, byKind)))
      .map((m) => m.id);
    expect(hardCoded).toEqual([]);
  });

  it('gives examples without a year, so they never go stale (a date without a year is the next such date)', () => {
    const dated = /\d{1,2}[/.-]\d{1,2}[/.-](19|20)\d\d/u;
    expect(offenders('vi', (t) => dated.test(t))).toEqual([]);
    expect(offenders('en', (t) => dated.test(t))).toEqual([]);
  });
});

describe('English', () => {
  /** Nouns that follow a number: "{$n} comments" must be a plural select on $n. */
  const COUNTED =
    /^\s*(comments?|groups?|delegates?|members?|uses?|days?|people|persons?|recipients?|notices?|meetings?|units?|characters?|minutes?|hours?|items?|links?|invites?|invite links?|drafts?|sections?|proposals?|answers?|messages?|changes?|pages?|councils?|rows?|secretary|secretaries|entries|entry)\b/;

  function unselectedCounts(p: Pattern | null, selected: Set<string> = new Set()): string[] {
    if (p === null || typeof p === 'string') return [];
    const found: string[] = [];
    p.forEach((e, i) => {
      if (typeof e === 'string') return;
      if (e.type === 'select') {
        const on = typeof e.selector !== 'string' && e.selector?.type === 'var' ? e.selector.name : undefined;
        const inner = new Set(selected);
        if (on) inner.add(on);
        for (const v of e.variants ?? []) found.push(...unselectedCounts(v.value, inner));
        return;
      }
      const next = p[i + 1];
      if (e.type === 'var' && e.name && !selected.has(e.name) && typeof next === 'string' && COUNTED.test(next)) found.push(`{$${e.name}}${next}`);
    });
    return found;
  }

  it('shows every count with a plural select on it ("1 comment", "2 comments")', () => {
    const bad = messages.en.flatMap((m) => unselectedCounts(m.value).map((c) => `${m.id}: ${c}`));
    expect(bad).toEqual([]);
  });

  it('has a [one] form in every select on a count', () => {
    const counts = new Set(['n', 'count', 'groups', 'people', 'comments', 'members', 'uses', 'days', 'total', 'length', 'max', 'units', 'agreed', 'duration']);
    const selects = (p: Pattern | null): Element[] =>
      p === null || typeof p === 'string' ? [] : p.flatMap((e) => (typeof e !== 'string' && e.type === 'select' ? [e, ...(e.variants ?? []).flatMap((v) => selects(v.value))] : []));
    const missing = messages.en.flatMap((m) =>
      selects(m.value)
        .filter((s) => typeof s !== 'string' && typeof s.selector !== 'string' && counts.has(s.selector?.name ?? '') && !(s.variants ?? []).some((v) => v.key.value === 'one'))
        .map(() => m.id),
    );
    expect(missing).toEqual([]);
  });

  it('renders the plural forms', () => {
    const t = translator(createI18n('en'), { councilName: 'Hà Nội', councilKind: 'thanhpho' });
    expect(t('en', 'report-caption', { code: 'DA-01', count: 1 })).toBe('📄 Report on how the comments on draft proposal DA-01 were handled (1 comment).');
    expect(t('en', 'report-caption', { code: 'DA-01', count: 4 })).toBe('📄 Report on how the comments on draft proposal DA-01 were handled (4 comments).');
    expect(t('en', 'minutes', { n: 1 })).toBe('1 minute');
    expect(t('en', 'minutes', { n: 90 })).toBe('90 minutes');
  });
});

describe('the council’s own name, from configuration', () => {
  it('is a city council by default, and a provincial one with COUNCIL_KIND=tinh, in every text that names it', () => {
    const city = translator(createI18n('vi'), { councilName: 'Hà Nội', councilKind: 'thanhpho' });
    const province = translator(createI18n('vi'), { councilName: 'Quảng Ninh', councilKind: 'tinh' });
    expect(city('vi', 'council-only', { unit: 'TP' })).toBe('ℹ️ Việc này thuộc thẩm quyền của thư ký HĐND thành phố Hà Nội (đơn vị TP).');
    expect(province('vi', 'council-only', { unit: 'TINH' })).toBe('ℹ️ Việc này thuộc thẩm quyền của thư ký HĐND tỉnh Quảng Ninh (đơn vị TINH).');
    expect(province('vi', 'summary-council-title', { date: '15/10' })).toBe('📊 TÓM TẮT TOÀN TỈNH · 15/10');
    expect(province('en', 'summary-council-title', { date: '15 Oct' })).toBe('📊 PROVINCE-WIDE SUMMARY · 15 Oct');
    expect(province('en', 'council')).toBe("Quảng Ninh Provincial People's Council");
    expect(province('vi', 'meeting-form-help')).toContain('\nđịa điểm: Trụ sở HĐND tỉnh Quảng Ninh\n');
  });
});

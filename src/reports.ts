import type { Config } from '#root/config.js';
import { targetUnits } from '#root/domain/meetings.js';
import type { Proposal } from '#root/domain/proposals.js';
import type { Locale, Translator } from '#root/i18n.js';
import type { Store } from '#root/store/index.js';
import { reportCsv, reportDocx, reportMd, type ReportInput, type ReportSigner } from '#root/views/report.js';

export const REPORT_FORMATS = ['docx', 'csv', 'md'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** What /report may say beyond the code and format: the registered number, who signs. */
export interface ReportOptions {
  /** `12` for `Số: 12/BC-HĐND`. */
  number?: string;
  /** Instead of REPORT_SIGNER_TITLE / REPORT_SIGNER_NAME. */
  signer?: ReportSigner;
}

export type ReportArgs = { ok: true; code?: string; format: ReportFormat; options: ReportOptions } | { ok: false };

/** `số:` / `so:` / `no:` and `ký:` / `ky:` / `sign:`, at the start or after a space, comma or semicolon. */
const OPTION = /(^|[\s,;])(số|so|no|ký|ky|sign)\s*:/giu;
const NUMBER = /^\d{1,6}$/;
const SIGNER_MAX = 60;

/**
 * `/report CODE [docx|csv|md] [số: 12] [ký: PHÓ CHỦ TỊCH, Nguyễn Văn A]`, options in any
 * order, Vietnamese with or without diacritics or English (`no:`, `sign:`). The signer is a
 * title, then after the first comma a name (the name may be left out: the space is left for
 * it). Anything else after the code and format, a number that is not 1–6 digits, an empty
 * title, a title or name over 60 characters, or an option given twice, is not understood.
 */
export function parseReportArgs(text: string): ReportArgs {
  const s = text.normalize('NFC').trim();
  const found = [...s.matchAll(OPTION)];
  const headEnd = found[0] ? (found[0].index ?? 0) + (found[0][1] ?? '').length : s.length;
  const words = s.slice(0, headEnd).split(/\s+/).filter(Boolean);
  if (words.length > 2) return { ok: false };
  const format = (words[1]?.toLowerCase() ?? 'docx') as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) return { ok: false };
  const options: ReportOptions = {};
  for (let i = 0; i < found.length; i++) {
    const m = found[i] as RegExpMatchArray;
    const start = (m.index ?? 0) + m[0].length;
    const end = found[i + 1]?.index ?? s.length;
    // What separates it from the next option (`, ` or `; `) is not part of the value.
    const value = s.slice(start, end).trim().replace(/[\s,;]+$/u, '');
    const key = (m[2] as string).toLowerCase();
    if (key === 'số' || key === 'so' || key === 'no') {
      if (options.number !== undefined || !NUMBER.test(value)) return { ok: false };
      options.number = value;
    } else {
      if (options.signer) return { ok: false };
      const comma = value.indexOf(',');
      const title = (comma < 0 ? value : value.slice(0, comma)).trim();
      const name = comma < 0 ? '' : value.slice(comma + 1).trim();
      if (!title || title.length > SIGNER_MAX || name.length > SIGNER_MAX) return { ok: false };
      options.signer = name ? { title, name } : { title };
    }
  }
  return { ok: true, ...(words[0] ? { code: words[0] } : {}), format, options };
}

/** What a report is built from: the records and the council's settings. */
export interface ReportSources {
  store: Store;
  config: Config;
}

export interface ReportFile {
  data: Buffer;
  name: string;
  /** How many comments it lists (the active ones). */
  comments: number;
}

/**
 * Gathers a proposal's report from the store (active comments, units consulted, those that
 * agreed and those that said nothing) and the council's settings: its name and kind for the
 * issuing body (`HĐND THÀNH PHỐ HÀ NỘI` / `THƯỜNG TRỰC HĐND`), the number's suffix, the
 * signer unless /report names one. The council's own unit is the issuer, not one of the units
 * consulted, even when the call went to all units.
 */
async function reportInput(src: ReportSources, p: Proposal, locale: Locale, t: Translator, options: ReportOptions = {}, now = new Date()): Promise<ReportInput> {
  const { store, config } = src;
  const [all, agreed, units] = await Promise.all([store.proposals.comments(p.code), store.proposals.agreed(p.code), store.units.list()]);
  // `HĐND thành phố Hà Nội`, from COUNCIL_NAME and COUNCIL_KIND (the locale message `council`).
  const council = t(locale, 'council');
  const names = new Map(units.map((u) => [u.code, u.name]));
  const comments = all.filter((c) => c.status === 'active');
  const commented = new Set(comments.map((c) => c.unit));
  const targets = targetUnits(p, units.map((u) => u.code)).filter((u) => u !== config.COUNCIL_UNIT);
  const unit = (code: string) => ({ code, name: names.get(code) ?? code });
  const configured = config.REPORT_SIGNER_NAME ? { title: config.REPORT_SIGNER_TITLE, name: config.REPORT_SIGNER_NAME } : { title: config.REPORT_SIGNER_TITLE };
  return {
    councilName: council.toLocaleUpperCase(locale),
    committee: t(locale, 'report-committee'),
    committeeInText: t(locale, 'report-committee-in-text', { council }),
    place: config.COUNCIL_PLACE,
    number: { ...(options.number ? { value: options.number } : {}), suffix: config.REPORT_NUMBER_SUFFIX },
    proposal: { code: p.code, title: p.title, sections: p.sections, sentAt: p.createdAt, deadline: p.deadline },
    date: now,
    tz: config.COUNCIL_TIMEZONE,
    locale,
    comments: comments.map((c) => ({
      id: c.id,
      ...(c.section ? { section: c.section } : {}),
      text: c.text,
      authorName: c.authorName,
      unit: c.unit,
      unitName: names.get(c.unit) ?? c.unit,
      createdAt: c.createdAt,
      ...(c.response ? { response: { kind: c.response.kind, text: c.response.text } } : {}),
    })),
    consulted: targets.map(unit),
    agreedUnits: targets.filter((u) => agreed.has(u)).map(unit),
    silentUnits: targets.filter((u) => !agreed.has(u) && !commented.has(u)).map(unit),
    signer: options.signer ?? configured,
  };
}

export async function buildReport(src: ReportSources, p: Proposal, format: ReportFormat, locale: Locale, t: Translator, options: ReportOptions = {}): Promise<ReportFile> {
  const input = await reportInput(src, p, locale, t, options);
  const labels = (key: string, vars?: Record<string, string | number>) => t(locale, key, vars);
  const name = `${t(locale, 'report-file-name', { code: p.code })}.${format}`;
  const data =
    format === 'docx'
      ? await reportDocx(input, labels)
      : Buffer.from(format === 'csv' ? reportCsv(input, labels) : reportMd(input, labels), 'utf8');
  return { data, name, comments: input.comments.length };
}

import type { Config } from '#root/config.js';
import { targetUnits } from '#root/domain/meetings.js';
import type { Proposal } from '#root/domain/proposals.js';
import type { Locale, Translator } from '#root/i18n.js';
import type { Store } from '#root/store/index.js';
import { reportCsv, reportDocx, reportMd, type ReportInput } from '#root/views/report.js';

export const REPORT_FORMATS = ['docx', 'csv', 'md'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

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
 * Gathers a proposal's report from the store (active comments, units that agreed, units
 * that said nothing) and renders it in the chosen format.
 */
export async function reportInput(src: ReportSources, p: Proposal, locale: Locale, t: Translator, now = new Date()): Promise<ReportInput> {
  const { store, config } = src;
  const [all, agreed, units] = await Promise.all([store.proposals.comments(p.code), store.proposals.agreed(p.code), store.units.list()]);
  const names = new Map(units.map((u) => [u.code, u.name]));
  const comments = all.filter((c) => c.status === 'active');
  const commented = new Set(comments.map((c) => c.unit));
  const targets = targetUnits(p, units.map((u) => u.code));
  const unit = (code: string) => ({ code, name: names.get(code) ?? code });
  return {
    councilName: t(locale, 'council').toLocaleUpperCase('vi'),
    committee: t(locale, 'report-committee'),
    place: config.COUNCIL_PLACE,
    proposal: { code: p.code, title: p.title, sections: p.sections },
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
    agreedUnits: targets.filter((u) => agreed.has(u)).map(unit),
    silentUnits: targets.filter((u) => !agreed.has(u) && !commented.has(u)).map(unit),
  };
}

export async function buildReport(src: ReportSources, p: Proposal, format: ReportFormat, locale: Locale, t: Translator): Promise<ReportFile> {
  const input = await reportInput(src, p, locale, t);
  const labels = (key: string, vars?: Record<string, string | number>) => t(locale, key, vars);
  const name = `${t(locale, 'report-file-name', { code: p.code })}.${format}`;
  const data =
    format === 'docx'
      ? await reportDocx(input, labels)
      : Buffer.from(format === 'csv' ? reportCsv(input, labels) : reportMd(input, labels), 'utf8');
  return { data, name, comments: input.comments.length };
}

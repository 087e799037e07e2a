import type { Services } from '#root/context.js';
import { targetUnits } from '#root/domain/meetings.js';
import type { Proposal } from '#root/domain/proposals.js';
import type { Locale } from '#root/i18n.js';
import { reportCsv, reportDocx, reportMd, type ReportInput } from '#root/views/report.js';

export const REPORT_FORMATS = ['docx', 'csv', 'md'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/**
 * Gathers a proposal's report from the store (active comments, units that agreed, units
 * that said nothing) and renders it in the chosen format.
 */
export async function reportInput(svc: Services, p: Proposal, locale: Locale, now = new Date()): Promise<ReportInput> {
  const { store, config, t } = svc;
  const [all, agreed, units] = await Promise.all([store.proposals.comments(p.code), store.proposals.agreed(p.code), store.units.list()]);
  const names = new Map(units.map((u) => [u.code, u.name]));
  const comments = all.filter((c) => c.status === 'active');
  const commented = new Set(comments.map((c) => c.unit));
  const targets = targetUnits(p, units.map((u) => u.code));
  const unit = (code: string) => ({ code, name: names.get(code) ?? code });
  return {
    councilName: config.COUNCIL_NAME,
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

export async function buildReport(
  svc: Services,
  p: Proposal,
  format: ReportFormat,
  locale: Locale,
): Promise<{ data: Buffer; name: string; comments: number }> {
  const input = await reportInput(svc, p, locale);
  const labels = (key: string, vars?: Record<string, string | number>) => svc.t(locale, key, vars);
  const name = `${svc.t(locale, 'report-file-name', { code: p.code })}.${format}`;
  const data =
    format === 'docx'
      ? await reportDocx(input, labels)
      : Buffer.from(format === 'csv' ? reportCsv(input, labels) : reportMd(input, labels), 'utf8');
  return { data, name, comments: input.comments.length };
}

import { TZDate } from '@date-fns/tz';
import { formatDate, summaryWeek } from '#root/domain/time.js';
import type { CouncilSummary, UnitSummary } from '#root/summaries.js';
import { escapeHtml } from '#root/telegram/text.js';
import { when, type ViewCtx } from '#root/views/meetings.js';
import { countdown } from '#root/views/proposals.js';

/** Which words head a summary: a week for weekly schedules, a day otherwise. */
export type Period = 'week' | 'day';

const DAY_MS = 86_400_000;

/** `11–17/10/2021`, `28/09–04/10/2021` (vi); `11–17 Oct 2021`, `28 Sep – 4 Oct 2021` (en). */
function dateRange(v: ViewCtx, from: number, to: number): string {
  const a = new TZDate(from, v.tz);
  const b = new TZDate(to, v.tz);
  const sameYear = a.getFullYear() === b.getFullYear();
  const sameMonth = sameYear && a.getMonth() === b.getMonth();
  const dd = (d: Date) => String(d.getDate()).padStart(2, '0');
  const mm = (d: Date) => String(d.getMonth() + 1).padStart(2, '0');
  if (v.locale === 'vi') {
    if (sameMonth) return `${dd(a)}–${dd(b)}/${mm(b)}/${b.getFullYear()}`;
    if (sameYear) return `${dd(a)}/${mm(a)}–${dd(b)}/${mm(b)}/${b.getFullYear()}`;
    return `${formatDate(a, 'vi', v.tz)}–${formatDate(b, 'vi', v.tz)}`;
  }
  const mon = (d: Date) => d.toLocaleString('en', { month: 'short', timeZone: v.tz });
  if (sameMonth) return `${a.getDate()}–${b.getDate()} ${mon(b)} ${b.getFullYear()}`;
  if (sameYear) return `${a.getDate()} ${mon(a)} – ${b.getDate()} ${mon(b)} ${b.getFullYear()}`;
  return `${formatDate(a, 'en', v.tz)} – ${formatDate(b, 'en', v.tz)}`;
}

/** `NGÀY 15/10/2021`; a week runs Monday to Sunday: the week `summaryWeek` says the summary covers. */
function periodLabel(v: ViewCtx, period: Period, now: number): string {
  if (period === 'day') return v.t(v.locale, 'summary-period-day', { date: formatDate(new Date(now), v.locale, v.tz) });
  const week = summaryWeek(now, v.tz);
  // Its Sunday: half a day before the next Monday's midnight names the same day in any zone.
  return v.t(v.locale, 'summary-period-week', { range: dateRange(v, week.start.getTime(), week.end.getTime() - DAY_MS / 2) });
}

/**
 * A summary as sections of items (see packItems): the heading travels with the first item,
 * each section's title with its first item, and an item's lines stay together. Empty
 * sections are left out; when all are, one line says so.
 */
function withHeading(head: string, sections: string[][], nothing: string): string[][] {
  const kept = sections.filter((items) => items.length > 1);
  if (kept.length === 0) return [[`${head}\n${nothing}`]];
  const [first, ...rest] = kept;
  return [[`${head}\n\n${first![0]}\n${first![1]}`, ...first!.slice(2)], ...rest];
}

export function unitSummarySections(v: ViewCtx, s: UnitSummary, period: Period, now: number): string[][] {
  const head = v.t(v.locale, 'summary-title', { period: periodLabel(v, period, now), unit: escapeHtml(s.unit.name) });

  const meetings = [v.t(v.locale, 'summary-meetings')];
  for (const { m, answers } of s.meetings) {
    const count = (a: string) => answers.filter((x) => x.answer === a).length;
    const silent = answers.filter((x) => !x.answer).map((x) => escapeHtml(x.member.name));
    const lines = [v.t(v.locale, 'summary-meeting', { id: m.id, when: when(v, m.startsAt), title: escapeHtml(m.title), yes: count('yes'), no: count('no'), sub: count('sub') })];
    if (silent.length) lines.push(v.t(v.locale, 'summary-meeting-silent', { names: silent.join(', ') }));
    meetings.push(lines.join('\n'));
  }

  const proposals = [v.t(v.locale, 'summary-proposals')];
  for (const { p, comments, fresh, agreed } of s.proposals) {
    proposals.push(
      [
        v.t(v.locale, 'summary-proposal', { code: p.code, title: escapeHtml(p.title), when: when(v, p.deadline), left: countdown(v, p, now), comments, fresh }),
        v.t(v.locale, agreed ? 'summary-proposal-agreed' : comments > 0 ? 'summary-proposal-commented' : 'summary-proposal-silent', { code: p.code }),
      ].join('\n'),
    );
  }

  const responses = [v.t(v.locale, 'summary-responses')];
  for (const c of s.responses) {
    responses.push(
      v.t(v.locale, 'summary-response', {
        id: c.id,
        code: c.proposal,
        author: escapeHtml(c.authorName),
        kind: v.t(v.locale, `response-kind-${c.response!.kind}`),
        text: escapeHtml(c.response!.text),
      }),
    );
  }

  const notices = [v.t(v.locale, 'summary-notices')];
  for (const { b, pending, total } of s.notices) {
    notices.push(
      v.t(v.locale, 'summary-notice', {
        id: b.id,
        date: formatDate(new Date(b.createdAt), v.locale, v.tz),
        pending: pending.length,
        total,
        names: pending.map((m) => escapeHtml(m.name)).join(', '),
      }),
    );
  }

  const nothing = v.t(v.locale, period === 'week' ? 'summary-nothing-week' : 'summary-nothing');
  return withHeading(head, [meetings, proposals, responses, notices], nothing);
}

export function councilSummarySections(v: ViewCtx, s: CouncilSummary, now: number): string[][] {
  const head = v.t(v.locale, 'summary-council-title', { date: formatDate(new Date(now), v.locale, v.tz) });
  // At 126 units a summary gives counts, and names only the units that need a nudge.
  const behind = (key: string, codes: string[]) => (codes.length ? [v.t(v.locale, key, { count: codes.length, list: codes.join(', ') })] : []);

  const meetings = [v.t(v.locale, 'summary-meetings')];
  for (const { m, counts, expected, byUnit } of s.meetings) {
    const answered = counts.yes + counts.no + counts.sub;
    const lines = [v.t(v.locale, 'summary-council-meeting', { id: m.id, when: when(v, m.startsAt), title: escapeHtml(m.title), answered, expected, yes: counts.yes, no: counts.no, sub: counts.sub })];
    lines.push(...behind('summary-council-meeting-none', byUnit.filter((r) => r.answered === 0).map((r) => r.unit)));
    meetings.push(lines.join('\n'));
  }

  const proposals = [v.t(v.locale, 'summary-proposals')];
  for (const { p, counts, commented, agreed, silent } of s.proposals) {
    proposals.push(
      [
        v.t(v.locale, 'summary-council-proposal', { code: p.code, title: escapeHtml(p.title), when: when(v, p.deadline), left: countdown(v, p, now), comments: counts.active ?? 0 }),
        v.t(v.locale, 'summary-council-tally', { commented: commented.length, agreed: agreed.length, units: commented.length + agreed.length + silent.length }),
        ...(silent.length ? behind('summary-council-silent', silent) : [v.t(v.locale, 'summary-council-all-heard')]),
      ].join('\n'),
    );
  }

  const notices = [v.t(v.locale, 'summary-council-notices')];
  for (const { b, acked, expected, byUnit } of s.notices) {
    const lines = [v.t(v.locale, 'summary-council-notice', { id: b.id, date: formatDate(new Date(b.createdAt), v.locale, v.tz), acked, expected })];
    lines.push(...behind('summary-council-notice-none', byUnit.filter((r) => r.acked === 0).map((r) => r.unit)));
    notices.push(lines.join('\n'));
  }

  return withHeading(head, [meetings, proposals, notices], v.t(v.locale, 'summary-nothing'));
}

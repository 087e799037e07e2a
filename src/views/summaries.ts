import { formatDate } from '#root/domain/time.js';
import type { CouncilSummary, UnitSummary } from '#root/summaries.js';
import { escapeHtml } from '#root/telegram/text.js';
import { when, type ViewCtx } from '#root/views/meetings.js';
import { countdown } from '#root/views/proposals.js';

/** Which words head a summary: a week for weekly schedules, a day otherwise. */
export type Period = 'week' | 'day';

const DAY_MS = 86_400_000;

export function periodLabel(v: ViewCtx, period: Period, now: number): string {
  if (period === 'day') return v.t(v.locale, 'summary-period-day', { date: formatDate(new Date(now), v.locale, v.tz) });
  const from = formatDate(new Date(now - 6 * DAY_MS), v.locale, v.tz);
  const to = formatDate(new Date(now), v.locale, v.tz);
  return v.t(v.locale, 'summary-period-week', { from, to });
}

/** Sections, each a block of lines; empty ones are left out. The caller splits on their boundaries. */
export function unitSummarySections(v: ViewCtx, s: UnitSummary, period: Period, now: number): string[] {
  const head = v.t(v.locale, 'summary-title', { period: periodLabel(v, period, now), unit: escapeHtml(s.unit.name) });
  const sections: string[] = [];

  if (s.meetings.length) {
    const lines = [v.t(v.locale, 'summary-meetings')];
    for (const { m, answers } of s.meetings) {
      const count = (a: string) => answers.filter((x) => x.answer === a).length;
      const silent = answers.filter((x) => !x.answer).map((x) => escapeHtml(x.member.name));
      lines.push(v.t(v.locale, 'summary-meeting', { id: m.id, when: when(v, m.startsAt), title: escapeHtml(m.title), yes: count('yes'), no: count('no'), sub: count('sub') }));
      if (silent.length) lines.push(v.t(v.locale, 'summary-meeting-silent', { names: silent.join(', ') }));
    }
    sections.push(lines.join('\n'));
  }

  if (s.proposals.length) {
    const lines = [v.t(v.locale, 'summary-proposals')];
    for (const { p, comments, fresh, agreed } of s.proposals) {
      lines.push(
        v.t(v.locale, 'summary-proposal', { code: p.code, title: escapeHtml(p.title), when: when(v, p.deadline), left: countdown(v, p, now), comments, fresh }),
      );
      lines.push(v.t(v.locale, agreed ? 'summary-proposal-agreed' : comments > 0 ? 'summary-proposal-commented' : 'summary-proposal-silent', { code: p.code }));
    }
    sections.push(lines.join('\n'));
  }

  if (s.responses.length) {
    const lines = [v.t(v.locale, 'summary-responses')];
    for (const c of s.responses) {
      lines.push(
        v.t(v.locale, 'summary-response', {
          id: c.id,
          code: c.proposal,
          author: escapeHtml(c.authorName),
          kind: v.t(v.locale, `response-kind-${c.response!.kind}`),
          text: escapeHtml(c.response!.text),
        }),
      );
    }
    sections.push(lines.join('\n'));
  }

  if (s.notices.length) {
    const lines = [v.t(v.locale, 'summary-notices')];
    for (const { b, pending, total } of s.notices) {
      lines.push(
        v.t(v.locale, 'summary-notice', {
          id: b.id,
          date: formatDate(new Date(b.createdAt), v.locale, v.tz),
          pending: pending.length,
          total,
          names: pending.map((m) => escapeHtml(m.name)).join(', '),
        }),
      );
    }
    sections.push(lines.join('\n'));
  }

  if (sections.length === 0) return [`${head}\n${v.t(v.locale, period === 'week' ? 'summary-nothing-week' : 'summary-nothing')}`];
  return [head, ...sections];
}

export function councilSummarySections(v: ViewCtx, s: CouncilSummary, now: number): string[] {
  const head = v.t(v.locale, 'summary-council-title', { date: formatDate(new Date(now), v.locale, v.tz) });
  const sections: string[] = [];
  const list = (codes: string[]) => codes.join(', ') || '—';

  if (s.proposals.length) {
    const lines = [v.t(v.locale, 'summary-proposals')];
    for (const { p, counts, commented, agreed, silent } of s.proposals) {
      lines.push(v.t(v.locale, 'summary-council-proposal', { code: p.code, title: escapeHtml(p.title), when: when(v, p.deadline), left: countdown(v, p, now), comments: counts.active ?? 0 }));
      lines.push(v.t(v.locale, 'summary-council-commented', { count: commented.length, list: list(commented) }));
      lines.push(v.t(v.locale, 'summary-council-agreed', { count: agreed.length, list: list(agreed) }));
      lines.push(v.t(v.locale, 'summary-council-silent', { count: silent.length, list: list(silent) }));
    }
    sections.push(lines.join('\n'));
  }

  if (s.meetings.length) {
    const lines = [v.t(v.locale, 'summary-meetings')];
    for (const { m, counts, expected, byUnit } of s.meetings) {
      const answered = counts.yes + counts.no + counts.sub;
      lines.push(v.t(v.locale, 'summary-council-meeting', { id: m.id, when: when(v, m.startsAt), title: escapeHtml(m.title), answered, expected, yes: counts.yes, no: counts.no, sub: counts.sub }));
      if (byUnit.length) lines.push(v.t(v.locale, 'summary-by-unit', { list: byUnit.map((r) => `${r.unit} ${r.answered}/${r.total}`).join(' · ') }));
      const none = byUnit.filter((r) => r.answered === 0).map((r) => r.unit);
      if (none.length) lines.push(v.t(v.locale, 'summary-council-meeting-none', { list: none.join(', ') }));
    }
    sections.push(lines.join('\n'));
  }

  if (s.notices.length) {
    const lines = [v.t(v.locale, 'summary-council-notices')];
    for (const { b, acked, expected, byUnit } of s.notices) {
      lines.push(v.t(v.locale, 'summary-council-notice', { id: b.id, date: formatDate(new Date(b.createdAt), v.locale, v.tz), acked, expected }));
      const behind = byUnit.filter((r) => r.acked < r.total);
      if (behind.length) lines.push(v.t(v.locale, 'summary-by-unit', { list: behind.map((r) => `${r.unit} ${r.acked}/${r.total}`).join(' · ') }));
    }
    sections.push(lines.join('\n'));
  }

  if (sections.length === 0) return [`${head}\n${v.t(v.locale, 'summary-nothing')}`];
  return [head, ...sections];
}

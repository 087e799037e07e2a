import type { CommentRecord, Proposal } from '#root/domain/proposals.js';
import { formatDate, relativeDays } from '#root/domain/time.js';
import type { ProposalCounts } from '#root/store/proposals.js';
import { escapeHtml } from '#root/telegram/text.js';
import { when, type ViewCtx } from '#root/views/meetings.js';

/** How proposals and comments read in Telegram (HTML). */
export function callForComments(v: ViewCtx, p: Proposal): string {
  const lines = [v.t(v.locale, 'proposal-call-title', { code: p.code }), `«${escapeHtml(p.title)}»`];
  if (p.summary) lines.push(escapeHtml(p.summary));
  if (p.link) lines.push(v.t(v.locale, 'proposal-link', { link: escapeHtml(p.link) }));
  if (p.sections.length) lines.push(v.t(v.locale, 'proposal-sections', { sections: escapeHtml(p.sections.join(', ')) }));
  lines.push(v.t(v.locale, 'proposal-deadline', { when: when(v, p.deadline) }));
  lines.push(v.t(v.locale, p.sections.length ? 'proposal-how' : 'proposal-how-nosections', { code: p.code }));
  lines.push(v.t(v.locale, 'proposal-how-agree', { code: p.code }));
  return lines.join('\n');
}

/** "còn 3 ngày", "hạn hôm nay", "đã hết hạn". */
export function countdown(v: ViewCtx, p: Proposal, now: number): string {
  if (now >= p.deadline) return v.t(v.locale, 'proposal-closed');
  const days = relativeDays(new Date(now), new Date(p.deadline), v.tz);
  return days === 0 ? v.t(v.locale, 'proposal-due-today') : v.t(v.locale, 'proposal-days-left', { days });
}

function sectionLabel(v: ViewCtx, section: string | undefined): string {
  return section ? v.t(v.locale, 'comment-section', { section: escapeHtml(section) }) : v.t(v.locale, 'comment-general');
}

function commentState(v: ViewCtx, c: CommentRecord): string {
  if (c.status === 'withdrawn') return v.t(v.locale, 'comment-state-withdrawn');
  return c.response ? v.t(v.locale, `comment-state-${c.response.kind}`) : v.t(v.locale, 'comment-state-pending');
}

export function commentBlock(v: ViewCtx, c: CommentRecord, withAuthor: boolean): string {
  const head = [
    `<b>${c.id}</b>`,
    c.proposal,
    sectionLabel(v, c.section),
    ...(withAuthor ? [`${c.unit} · ${escapeHtml(c.authorName)}`] : []),
    formatDate(new Date(c.createdAt), v.locale, v.tz),
    commentState(v, c),
  ].join(' · ');
  const lines = [head, v.t(v.locale, 'quoted', { text: escapeHtml(c.text) })];
  if (c.attachment) lines.push(v.t(v.locale, 'comment-attachment', { name: escapeHtml(c.attachment.fileName ?? v.t(v.locale, 'comment-photo')) }));
  if (c.response) lines.push(v.t(v.locale, 'comment-response-line', { kind: v.t(v.locale, `response-kind-${c.response.kind}`), text: escapeHtml(c.response.text) }));
  return lines.join('\n');
}

export function countsBlock(v: ViewCtx, p: Proposal, c: ProposalCounts, agreed: string[], targetUnits: string[]): string[] {
  const n = (k: string) => c[k] ?? 0;
  const lines = [v.t(v.locale, 'proposal-counts-total', { active: n('active'), withdrawn: n('withdrawn') })];
  if (p.sections.length) {
    const bySection = [...p.sections.map((s) => `${escapeHtml(s)}: ${n(`s:${s}`)}`), `${v.t(v.locale, 'comment-general')}: ${n('s:')}`];
    lines.push(v.t(v.locale, 'proposal-counts-sections', { list: bySection.join(' · ') }));
  }
  const commented = targetUnits.filter((u) => n(`u:${u}`) > 0);
  const silent = targetUnits.filter((u) => n(`u:${u}`) === 0 && !agreed.includes(u));
  lines.push(v.t(v.locale, 'proposal-counts-units', { list: commented.map((u) => `${u} (${n(`u:${u}`)})`).join(', ') || '—' }));
  lines.push(v.t(v.locale, 'proposal-counts-agreed', { list: agreed.join(', ') || '—' }));
  lines.push(v.t(v.locale, 'proposal-counts-silent', { list: silent.join(', ') || '—' }));
  lines.push(
    v.t(v.locale, 'proposal-counts-responses', { none: n('r:none'), accept: n('r:accept'), partial: n('r:partial'), explain: n('r:explain') }),
  );
  return lines;
}

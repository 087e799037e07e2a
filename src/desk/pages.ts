/**
 * The desk's pages: plain HTML, server-rendered, every text from the Fluent files in the
 * person's language, every value escaped (src/desk/html.ts). Real links and buttons with
 * labels, so everything works from the keyboard and without script; the script
 * (src/desk/assets.ts) only adds conveniences (select all, pick a wording, the theme).
 */
import type { CommentsPage, UnitParticipation } from '#root/actions/desk.js';
import type { AckUnit, NoticeLine } from '#root/actions/notices.js';
import type { ProposalDetails } from '#root/actions/proposals.js';
import type { CommentFilter, CommentRecord, Proposal, ResponseKind } from '#root/domain/proposals.js';
import type { Meeting, Rsvp, RsvpRecord } from '#root/domain/meetings.js';
import type { Locale } from '#root/i18n.js';
import type { Broadcast } from '#root/store/broadcasts.js';
import type { Wording } from '#root/store/desk.js';
import type { Member } from '#root/store/members.js';
import { formatDateTime } from '#root/domain/time.js';
import { html, type Html } from '#root/desk/html.js';

type T = (key: string, vars?: Record<string, string | number>) => string;

export interface DeskView {
  t: T;
  locale: Locale;
  tz: string;
  now: number;
  /** The session's CSRF token: every form that writes carries it. */
  csrf: string;
  /** Who is signed in, as the header shows it. */
  who?: { name: string; role: string; unit?: string | undefined } | undefined;
  /** What the policy lets this person do, for the buttons shown (each write asks again). */
  may: { respond: boolean; report: boolean; remind: boolean; history: boolean };
}

const KINDS: ResponseKind[] = ['accept', 'partial', 'explain'];
const FILTERS: CommentFilter[] = ['pending', 'accept', 'partial', 'explain', 'responded', 'withdrawn'];

export const when = (v: Pick<DeskView, 'locale' | 'tz'>, at: number): string => formatDateTime(new Date(at), v.locale, v.tz);
const enc = encodeURIComponent;

/** The whole document around a page's content. */
function layout(v: Omit<DeskView, 'may'> & { may?: DeskView['may'] }, title: string, main: Html, opts: { nav?: boolean } = {}): string {
  const t = v.t;
  const nav =
    opts.nav !== false && v.who
      ? html`<header class="top">
  <nav aria-label="${t('desk-nav-label')}">
    <a href="/desk/proposals">${t('desk-nav-proposals')}</a>
    <a href="/desk/meetings">${t('desk-nav-meetings')}</a>
    <a href="/desk/notices">${t('desk-nav-notices')}</a>
    ${v.may?.history ? html`<a href="/desk/history">${t('desk-nav-history')}</a>` : ''}
  </nav>
  <div class="who">
    <span>${v.who.name} · ${v.who.role}${v.who.unit ? ` · ${v.who.unit}` : ''}</span>
    <form method="post" action="/desk/logout"><input type="hidden" name="_csrf" value="${v.csrf}"><button type="submit" class="link">${t('desk-logout')}</button></form>
  </div>
</header>`
      : '';
  return `<!doctype html>${html`<html lang="${v.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="referrer" content="no-referrer">
<title>${title} · ${t('desk-title')}</title>
<link rel="stylesheet" href="/desk/static/desk.css">
<script src="/desk/static/desk.js" defer></script>
</head>
<body>
<a class="skip" href="#main">${t('desk-skip')}</a>
${nav}
<main id="main">
${main}
</main>
</body>
</html>`.value}`;
}

/** A page that only says something (refusals, results), with a way on. */
export function messagePage(v: DeskView, title: string, lines: string[], links: { href: string; text: string }[] = [], opts: { nav?: boolean; role?: 'alert' | 'status' } = {}): string {
  return layout(
    v,
    title,
    html`<h1>${title}</h1>
<div class="message" role="${opts.role ?? 'status'}">${lines.map((l) => html`<p>${l}</p>`)}</div>
${links.length ? html`<p class="actions">${links.map((l) => html`<a class="button" href="${l.href}">${l.text}</a> `)}</p>` : ''}`,
    opts.nav === undefined ? {} : { nav: opts.nav },
  );
}

/** Where people land without a session: how to get in, and the Mini App's sign-in by script. */
export function landingPage(v: DeskView, botUsername: string, signedIn: boolean): string {
  const t = v.t;
  return layout(
    v,
    t('desk-title'),
    html`<h1>${t('desk-title')}</h1>
<p>${t('desk-landing-intro')}</p>
${signedIn ? html`<p><a class="button" href="/desk/proposals" id="signed-in">${t('desk-login-button')}</a></p>` : ''}
<div id="webapp-auth" data-action="/desk/auth/webapp" hidden>
  <p role="status" id="webapp-status">${t('desk-webapp-checking')}</p>
</div>
<p>${t('desk-landing-how', { command: '/banlamviec' })}</p>
<p><a class="button" href="https://t.me/${botUsername}">${t('desk-landing-open-bot')}</a></p>`,
    { nav: false },
  );
}

/** The page a one-time link opens: a button that spends the link (script presses it at once). */
export function loginPage(v: DeskView, token: string): string {
  const t = v.t;
  return layout(
    v,
    t('desk-login-title'),
    html`<h1>${t('desk-login-title')}</h1>
<form method="post" action="/desk/login" data-autosubmit>
  <input type="hidden" name="t" value="${token}">
  <p>${t('desk-login-text')}</p>
  <button type="submit">${t('desk-login-button')}</button>
</form>`,
    { nav: false },
  );
}

function stateOf(v: DeskView, p: Proposal, countdown: string): string {
  return v.now < p.deadline ? v.t('desk-proposal-open', { left: countdown }) : v.t('desk-proposal-closed');
}

export function proposalsPage(v: DeskView, rows: { proposal: Proposal; counts: Record<string, number>; countdown: string }[]): string {
  const t = v.t;
  const body = rows.length
    ? html`<div class="table-wrap"><table>
<caption class="sr-only">${t('desk-proposals-title')}</caption>
<thead><tr><th scope="col">${t('desk-col-code')}</th><th scope="col">${t('desk-col-title')}</th><th scope="col">${t('desk-col-state')}</th><th scope="col">${t('desk-col-deadline')}</th><th scope="col" class="num">${t('desk-col-comments')}</th><th scope="col" class="num">${t('desk-col-pending')}</th><th scope="col" class="num">${t('desk-col-withdrawn')}</th></tr></thead>
<tbody>${rows.map(
        ({ proposal: p, counts, countdown }) =>
          html`<tr><td><a href="/desk/p/${enc(p.code)}">${p.code}</a></td><td>${p.title}</td><td>${stateOf(v, p, countdown)}</td><td>${when(v, p.deadline)}</td><td class="num">${counts.active ?? 0}</td><td class="num">${counts['r:none'] ?? 0}</td><td class="num">${counts.withdrawn ?? 0}</td></tr>`,
      )}</tbody>
</table></div>`
    : html`<p>${t('desk-proposals-empty')}</p>`;
  return layout(v, t('desk-proposals-title'), html`<h1>${t('desk-proposals-title')}</h1>${body}`);
}

function commentsHref(code: string, q: Record<string, string>): string {
  const qs = new URLSearchParams(Object.entries(q).filter(([, x]) => x !== '')).toString();
  return `/desk/p/${enc(code)}/comments${qs ? `?${qs}` : ''}`;
}

const STATE_LABEL: Record<UnitParticipation['state'], string> = { commented: 'desk-part-commented', agreed: 'desk-part-agreed', silent: 'desk-part-silent' };

export function proposalPage(v: DeskView, d: ProposalDetails & { participation: UnitParticipation[] }, countdown: string, notice?: string): string {
  const t = v.t;
  const p = d.proposal;
  const c = d.counts;
  const sections = [...p.sections, ''].filter((s) => s !== '' || (c['s:'] ?? 0) > 0);
  const part = d.participation;
  const tally = { commented: 0, agreed: 0, silent: 0 };
  for (const u of part) tally[u.state]++;
  const open = v.now < p.deadline;
  const handling: [string, CommentFilter, number][] = [
    ['desk-state-pending', 'pending', c['r:none'] ?? 0],
    ['desk-state-accept', 'accept', c['r:accept'] ?? 0],
    ['desk-state-partial', 'partial', c['r:partial'] ?? 0],
    ['desk-state-explain', 'explain', c['r:explain'] ?? 0],
    ['desk-state-withdrawn', 'withdrawn', c.withdrawn ?? 0],
  ];
  return layout(
    v,
    t('desk-proposal-heading', { code: p.code }),
    html`<h1>${t('desk-proposal-heading', { code: p.code })}</h1>
${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
<p class="lead">${p.title}</p>
<p>${t('desk-deadline', { when: when(v, p.deadline) })} · ${stateOf(v, p, countdown)}</p>
<p class="actions">
  <a class="button" href="${commentsHref(p.code, {})}">${t('desk-open-comments', { count: c.active ?? 0 })}</a>
  ${v.may.report ? html`<a class="button secondary" href="/desk/p/${enc(p.code)}/report.docx">${t('desk-report-docx')}</a> <a class="button secondary" href="/desk/p/${enc(p.code)}/report.csv">${t('desk-report-csv')}</a>` : ''}
</p>
<div class="grid">
<section aria-labelledby="by-section"><h2 id="by-section">${t('desk-by-section')}</h2>
<div class="table-wrap"><table><thead><tr><th scope="col">${t('desk-col-section')}</th><th scope="col" class="num">${t('desk-col-comments')}</th></tr></thead>
<tbody>${sections.map((s) => html`<tr><td><a href="${commentsHref(p.code, { section: s || '-' })}">${s || t('desk-no-section')}</a></td><td class="num">${c[`s:${s}`] ?? 0}</td></tr>`)}</tbody></table></div>
</section>
<section aria-labelledby="by-handling"><h2 id="by-handling">${t('desk-by-handling')}</h2>
<div class="table-wrap"><table><thead><tr><th scope="col">${t('desk-col-state')}</th><th scope="col" class="num">${t('desk-col-comments')}</th></tr></thead>
<tbody>${handling.map(([key, f, n]) => html`<tr><td><a href="${commentsHref(p.code, { status: f })}">${t(key)}</a></td><td class="num">${n}</td></tr>`)}</tbody></table></div>
</section>
</div>
<section aria-labelledby="by-unit"><h2 id="by-unit">${t('desk-by-unit')}</h2>
<p>${t('desk-part-tally', { commented: tally.commented, agreed: tally.agreed, silent: tally.silent })}</p>
${
  v.may.remind && open && tally.silent > 0
    ? html`<form method="post" action="/desk/p/${enc(p.code)}/remind" class="inline">
  <input type="hidden" name="_csrf" value="${v.csrf}">
  <button type="submit">${t('desk-remind-button', { silent: tally.silent })}</button>
  <span class="hint">${t('desk-remind-hint')}</span>
</form>`
    : ''
}
<div class="table-wrap"><table><thead><tr><th scope="col">${t('desk-col-unit')}</th><th scope="col">${t('desk-col-unit-name')}</th><th scope="col" class="num">${t('desk-col-comments')}</th><th scope="col">${t('desk-col-participation')}</th></tr></thead>
<tbody>${part.map(
      (u) =>
        html`<tr class="part-${u.state}"><td><a href="${commentsHref(p.code, { unit: u.unit })}">${u.unit}</a></td><td>${u.name}</td><td class="num">${u.comments}</td><td>${t(STATE_LABEL[u.state])}</td></tr>`,
    )}</tbody></table></div>
</section>`,
  );
}

export interface CommentsFilters {
  section: string;
  unit: string;
  status: string;
  q: string;
}

function stateText(v: DeskView, c: CommentRecord): string {
  if (c.status === 'withdrawn') return v.t('desk-state-withdrawn');
  return v.t(c.response ? `desk-state-${c.response.kind}` : 'desk-state-pending');
}

function excerpt(s: string, n = 160): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

export function commentsPage(v: DeskView, page: CommentsPage, f: CommentsFilters, units: { code: string; name: string }[], saved: Wording[], notice?: Html): string {
  const t = v.t;
  const p = page.proposal;
  const base = { section: f.section, unit: f.unit, status: f.status, q: f.q };
  const pager = html`<nav class="pager" aria-label="${t('desk-pages')}">
  ${page.page > 1 ? html`<a href="${commentsHref(p.code, { ...base, page: String(page.page - 1) })}" rel="prev">${t('desk-prev')}</a>` : ''}
  <span>${t('desk-page-of', { page: page.page, pages: page.pages })}</span>
  ${page.page < page.pages ? html`<a href="${commentsHref(p.code, { ...base, page: String(page.page + 1) })}" rel="next">${t('desk-next')}</a>` : ''}
</nav>`;
  const canRespond = v.may.respond;
  const rows = page.comments.map(
    (c) => html`<tr>
${canRespond ? html`<td class="pick">${c.status === 'active' ? html`<input type="checkbox" name="id" value="${c.id}" id="pick-${c.id}" form="bulk"><label for="pick-${c.id}" class="sr-only">${t('desk-pick', { id: c.id })}</label>` : ''}</td>` : ''}
<td data-label="${t('desk-col-id')}"><a href="/desk/c/${enc(c.id)}">${c.id}</a></td><td data-label="${t('desk-col-section')}">${c.section ?? '—'}</td><td data-label="${t('desk-col-unit')}">${c.unit}</td><td data-label="${t('desk-col-author')}">${c.authorName}</td><td class="text">${excerpt(c.text)}${c.attachment ? ' 📎' : ''}</td><td data-label="${t('desk-col-state')}">${stateText(v, c)}</td><td class="date">${when(v, c.createdAt)}</td>
</tr>`,
  );
  const filters = html`<form method="get" action="/desk/p/${enc(p.code)}/comments" class="filters" role="search">
  <label>${t('desk-col-section')}
    <select name="section"><option value="">${t('desk-all')}</option>${[...p.sections, '-'].map((s) => html`<option value="${s}"${f.section === s ? html` selected` : ''}>${s === '-' ? t('desk-no-section') : s}</option>`)}</select>
  </label>
  <label>${t('desk-col-unit')}
    <select name="unit"><option value="">${t('desk-all')}</option>${units.map((u) => html`<option value="${u.code}"${f.unit === u.code ? html` selected` : ''}>${u.code} · ${u.name}</option>`)}</select>
  </label>
  <label>${t('desk-col-state')}
    <select name="status"><option value="">${t('desk-state-active')}</option>${FILTERS.map((x) => html`<option value="${x}"${f.status === x ? html` selected` : ''}>${t(`desk-state-${x}`)}</option>`)}</select>
  </label>
  <label>${t('desk-search')}
    <input type="search" name="q" value="${f.q}" maxlength="200">
  </label>
  <button type="submit">${t('desk-filter')}</button>
</form>`;
  const bulk = canRespond
    ? html`<form method="post" action="/desk/p/${enc(p.code)}/respond" id="bulk" class="bulk">
  <input type="hidden" name="_csrf" value="${v.csrf}">
  <fieldset>
    <legend>${t('desk-bulk-legend')}</legend>
    <p class="hint">${t('desk-bulk-hint')}</p>
    <div class="kinds">${KINDS.map((k, i) => html`<label><input type="radio" name="kind" value="${k}"${i === 0 ? html` checked` : ''}> ${t(`response-kind-${k}`)}</label>`)}</div>
    ${
      saved.length
        ? html`<label>${t('desk-wording-pick')}
      <select name="wording" data-wordings><option value="">—</option>${saved.map((w) => html`<option value="${w.id}" data-kind="${w.kind}" data-text="${w.text}">${t(`response-kind-${w.kind}`)}: ${excerpt(w.text, 80)}</option>`)}</select>
    </label>`
        : ''
    }
    <label>${t('desk-wording-text')}
      <textarea name="text" rows="4" maxlength="4000"></textarea>
    </label>
    <label class="check"><input type="checkbox" name="save" value="1"> ${t('desk-wording-save')}</label>
    <button type="submit">${t('desk-bulk-apply')}</button>
  </fieldset>
</form>`
    : '';
  return layout(
    v,
    t('desk-comments-title', { code: p.code }),
    html`<h1>${t('desk-comments-title', { code: p.code })}</h1>
<p><a href="/desk/p/${enc(p.code)}">${t('desk-back-proposal', { code: p.code })}</a></p>
${notice ?? ''}
${filters}
<p role="status">${t('desk-comments-count', { count: page.total })}</p>
${
  page.comments.length
    ? html`<div class="table-wrap"><table class="comments">
<thead><tr>${canRespond ? html`<th scope="col" class="pick"><input type="checkbox" id="pick-all" data-pick-all hidden><label for="pick-all" class="sr-only">${t('desk-pick-all')}</label></th>` : ''}<th scope="col">${t('desk-col-id')}</th><th scope="col">${t('desk-col-section')}</th><th scope="col">${t('desk-col-unit')}</th><th scope="col">${t('desk-col-author')}</th><th scope="col">${t('desk-col-text')}</th><th scope="col">${t('desk-col-state')}</th><th scope="col">${t('desk-col-date')}</th></tr></thead>
<tbody>${rows}</tbody></table></div>
${pager}`
    : html`<p>${t('desk-comments-none')}</p>`
}
${bulk}`,
  );
}

export interface HistoryLine {
  at: number;
  who: string;
  what: string;
  change: string;
}

function historyBlock(v: DeskView, lines: HistoryLine[] | undefined): Html | string {
  if (!lines) return '';
  const t = v.t;
  return html`<section aria-labelledby="audit"><h2 id="audit">${t('desk-audit')}</h2>
${lines.length ? html`<ol class="audit">${lines.map((l) => html`<li><time>${when(v, l.at)}</time> · ${l.who} · ${l.what}${l.change ? html`<div class="change">${l.change}</div>` : ''}</li>`)}</ol>` : html`<p>${t('desk-audit-none')}</p>`}
</section>`;
}

export function commentPage(v: DeskView, c: CommentRecord, p: Proposal | undefined, unitName: string, saved: Wording[], audit: HistoryLine[] | undefined): string {
  const t = v.t;
  const canRespond = v.may.respond && c.status === 'active';
  return layout(
    v,
    t('desk-comment-title', { id: c.id }),
    html`<h1>${t('desk-comment-title', { id: c.id })}</h1>
<p><a href="/desk/p/${enc(c.proposal)}/comments">${t('desk-back-comments', { code: c.proposal })}</a></p>
<dl class="facts">
  <dt>${t('desk-col-proposal')}</dt><dd>${c.proposal}${p ? ` · ${p.title}` : ''}</dd>
  <dt>${t('desk-col-section')}</dt><dd>${c.section ?? t('desk-no-section')}</dd>
  <dt>${t('desk-col-unit')}</dt><dd>${c.unit} · ${unitName}</dd>
  <dt>${t('desk-col-author')}</dt><dd>${c.authorName}</dd>
  <dt>${t('desk-col-date')}</dt><dd>${when(v, c.createdAt)}${c.updatedAt ? ` · ${t('desk-edited', { when: when(v, c.updatedAt) })}` : ''}</dd>
  <dt>${t('desk-col-state')}</dt><dd>${stateText(v, c)}</dd>
</dl>
<section aria-labelledby="text"><h2 id="text">${t('desk-comment-text')}</h2>
<div class="fulltext">${c.text || '—'}</div>
${c.attachment ? html`<p><a class="button secondary" href="/desk/c/${enc(c.id)}/file" download>${t('desk-attachment', { name: c.attachment.fileName ?? (c.attachment.kind === 'photo' ? t('desk-photo') : c.id) })}</a></p>` : ''}
</section>
${
  c.history.length
    ? html`<section aria-labelledby="edits"><h2 id="edits">${t('desk-edits')}</h2><ol class="edits">${c.history.map((h) => html`<li><time>${when(v, h.at)}</time><div class="fulltext">${h.text}</div></li>`)}</ol></section>`
    : ''
}
${
  c.response
    ? html`<section aria-labelledby="resp"><h2 id="resp">${t('desk-response')}</h2>
<p><strong>${t(`response-kind-${c.response.kind}`)}</strong> · ${c.response.byName} · ${when(v, c.response.at)}</p>
<div class="fulltext">${c.response.text}</div></section>`
    : ''
}
${
  canRespond
    ? html`<form method="post" action="/desk/p/${enc(c.proposal)}/respond" class="bulk">
  <input type="hidden" name="_csrf" value="${v.csrf}">
  <input type="hidden" name="id" value="${c.id}">
  <fieldset><legend>${t(c.response ? 'desk-respond-again' : 'desk-respond-one')}</legend>
    <div class="kinds">${KINDS.map((k) => html`<label><input type="radio" name="kind" value="${k}"${(c.response?.kind ?? 'accept') === k ? html` checked` : ''}> ${t(`response-kind-${k}`)}</label>`)}</div>
    ${saved.length ? html`<label>${t('desk-wording-pick')}<select name="wording" data-wordings><option value="">—</option>${saved.map((w) => html`<option value="${w.id}" data-kind="${w.kind}" data-text="${w.text}">${t(`response-kind-${w.kind}`)}: ${excerpt(w.text, 80)}</option>`)}</select></label>` : ''}
    <label>${t('desk-wording-text')}<textarea name="text" rows="4" maxlength="4000"></textarea></label>
    <label class="check"><input type="checkbox" name="save" value="1"> ${t('desk-wording-save')}</label>
    <button type="submit">${t('desk-respond-apply')}</button>
  </fieldset>
</form>`
    : ''
}
${historyBlock(v, audit)}`,
  );
}

export function meetingsPage(v: DeskView, rows: { meeting: Meeting; counts: Record<Rsvp, number>; expected: number }[]): string {
  const t = v.t;
  return layout(
    v,
    t('desk-meetings-title'),
    html`<h1>${t('desk-meetings-title')}</h1>
${
  rows.length
    ? html`<div class="table-wrap"><table><thead><tr><th scope="col">${t('desk-col-id')}</th><th scope="col">${t('desk-col-title')}</th><th scope="col">${t('desk-col-time')}</th><th scope="col" class="num">${t('rsvp-label-yes')}</th><th scope="col" class="num">${t('rsvp-label-no')}</th><th scope="col" class="num">${t('rsvp-label-sub')}</th><th scope="col" class="num">${t('rsvp-label-none')}</th></tr></thead>
<tbody>${rows.map(({ meeting: m, counts, expected }) => {
        const answered = counts.yes + counts.no + counts.sub;
        return html`<tr><td><a href="/desk/m/${enc(m.id)}">${m.id}</a></td><td>${m.title}</td><td>${when(v, m.startsAt)}</td><td class="num">${counts.yes}</td><td class="num">${counts.no}</td><td class="num">${counts.sub}</td><td class="num">${Math.max(0, expected - answered)}</td></tr>`;
      })}</tbody></table></div>`
    : html`<p>${t('desk-meetings-empty')}</p>`
}`,
  );
}

export function meetingPage(v: DeskView, m: Meeting, roster: { unit: string; members: Member[]; answers: Map<number, RsvpRecord> }[], audit: HistoryLine[] | undefined): string {
  const t = v.t;
  const names = (list: string[]) => (list.length ? list.join(', ') : '—');
  return layout(
    v,
    t('desk-meeting-title', { id: m.id }),
    html`<h1>${t('desk-meeting-title', { id: m.id })}</h1>
<p class="lead">${m.title}</p>
<p>${when(v, m.startsAt)}${m.place ? ` · ${m.place}` : ''}${m.status === 'cancelled' ? html` · <strong>${t('desk-meeting-cancelled')}</strong>` : ''}</p>
<section aria-labelledby="answers"><h2 id="answers">${t('desk-answers-by-unit')}</h2>
${
  roster.length
    ? html`<div class="table-wrap"><table><thead><tr><th scope="col">${t('desk-col-unit')}</th><th scope="col">${t('rsvp-label-yes')}</th><th scope="col">${t('rsvp-label-no')}</th><th scope="col">${t('rsvp-label-sub')}</th><th scope="col">${t('rsvp-label-none')}</th></tr></thead>
<tbody>${roster.map((r) => {
        const by = (a: Rsvp) => r.members.filter((x) => r.answers.get(x.id)?.answer === a);
        const subs = by('sub').map((x) => (r.answers.get(x.id)?.sub ? `${x.name} → ${r.answers.get(x.id)!.sub}` : x.name));
        const none = r.members.filter((x) => !r.answers.has(x.id)).map((x) => x.name);
        return html`<tr><th scope="row">${r.unit}</th><td>${names(by('yes').map((x) => x.name))}</td><td>${names(by('no').map((x) => x.name))}</td><td>${names(subs)}</td><td class="${none.length ? 'missing' : ''}">${names(none)}</td></tr>`;
      })}</tbody></table></div>`
    : html`<p>${t('desk-roster-none')}</p>`
}
</section>
${historyBlock(v, audit)}`,
  );
}

export function noticesPage(v: DeskView, lines: NoticeLine[]): string {
  const t = v.t;
  return layout(
    v,
    t('desk-notices-title'),
    html`<h1>${t('desk-notices-title')}</h1>
${
  lines.length
    ? html`<div class="table-wrap"><table><thead><tr><th scope="col">${t('desk-col-id')}</th><th scope="col">${t('desk-col-date')}</th><th scope="col">${t('desk-col-state')}</th><th scope="col" class="num">${t('desk-col-sent')}</th><th scope="col" class="num">${t('desk-col-acked')}</th></tr></thead>
<tbody>${lines.map((l) => html`<tr><td><a href="/desk/n/${enc(l.notice.id)}">${l.notice.id}</a></td><td>${when(v, l.notice.createdAt)}</td><td>${t(`broadcast-status-${l.state}`)}</td><td class="num">${l.counts.sent}/${l.notice.total}</td><td class="num">${l.counts.acked}</td></tr>`)}</tbody></table></div>`
    : html`<p>${t('desk-notices-empty')}</p>`
}`,
  );
}

export function noticePage(v: DeskView, b: Broadcast, acked: number, units: AckUnit[]): string {
  const t = v.t;
  return layout(
    v,
    t('desk-notice-title', { id: b.id }),
    html`<h1>${t('desk-notice-title', { id: b.id })}</h1>
<p>${when(v, b.createdAt)} · ${t(`broadcast-status-${b.status}`)} · ${t('desk-acked-total', { count: acked })}</p>
<section aria-labelledby="acks"><h2 id="acks">${t('desk-acks-by-unit')}</h2>
${
  units.length
    ? html`<div class="table-wrap"><table><thead><tr><th scope="col">${t('desk-col-unit')}</th><th scope="col">${t('desk-col-acked')}</th><th scope="col">${t('desk-col-waiting')}</th></tr></thead>
<tbody>${units.map((u) => html`<tr><th scope="row">${u.unit}</th><td>${u.acked.join(', ') || '—'}</td><td class="${u.waiting.length ? 'missing' : ''}">${u.waiting.join(', ') || '—'}</td></tr>`)}</tbody></table></div>`
    : html`<p>${t('desk-acks-none')}</p>`
}
</section>`,
  );
}

export function historyPage(v: DeskView, lines: HistoryLine[], filters: { kind: string; kinds: { value: string; label: string }[] }, next: string | undefined): string {
  const t = v.t;
  const qs = (extra: Record<string, string>) => new URLSearchParams(Object.entries({ kind: filters.kind, ...extra }).filter(([, x]) => x)).toString();
  return layout(
    v,
    t('desk-history-title'),
    html`<h1>${t('desk-history-title')}</h1>
<form method="get" action="/desk/history" class="filters">
  <label>${t('desk-history-kind')}<select name="kind"><option value="">${t('desk-all')}</option>${filters.kinds.map((k) => html`<option value="${k.value}"${filters.kind === k.value ? html` selected` : ''}>${k.label}</option>`)}</select></label>
  <button type="submit">${t('desk-filter')}</button>
  <a class="button secondary" href="/desk/history.csv?${qs({})}">${t('desk-history-export')}</a>
</form>
${historyBlock(v, lines)}
${next ? html`<nav class="pager"><a href="/desk/history?${qs({ cursor: next })}" rel="next">${t('desk-next')}</a></nav>` : ''}`,
  );
}

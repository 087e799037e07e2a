/**
 * What the units' commands show at the scale of a city: pages of units and members, the report
 * of a units file, and the invites of every unit as files (CSV and DOCX) rather than 126
 * messages. Plain functions over the translator: the same text serves the chat and the
 * command line.
 */
import { AlignmentType, Document, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { UnitsImportOutcome, UnitsOverview } from '#root/actions/units.js';
import type { UnitInvite } from '#root/actions/invites.js';
import type { MemberRole } from '#root/domain/roles.js';
import { formatDate, formatDateTime } from '#root/domain/time.js';
import { showTerm, UNIT_KINDS, type UnitFileProblem } from '#root/domain/units.js';
import type { Locale, Translator } from '#root/i18n.js';
import type { Member } from '#root/store/members.js';
import { escapeHtml } from '#root/telegram/text.js';

export interface View {
  t: Translator;
  locale: Locale;
  tz: string;
}

const UNITS_PER_PAGE = 30;
export const MEMBERS_PER_PAGE = 40;
/** A roster longer than this many pages goes as a file. */
export const MEMBERS_PAGES_MAX = 5;
/** At most this many bad rows are named; the rest are counted. */
const PROBLEMS_SHOWN = 40;
/** Group titles are cut in the list so that a page stays one message. */
const TITLE_SHOWN = 40;

/** Page `page` (from 1) of a list: clamped to the pages there are. */
function pageOf<T>(items: readonly T[], page: number, size: number): { items: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const p = Math.min(Math.max(1, Number.isFinite(page) ? Math.floor(page) : 1), pages);
  return { items: items.slice((p - 1) * size, p * size), page: p, pages };
}

const num = (v: View, n: number) => n.toLocaleString(v.locale === 'vi' ? 'vi-VN' : 'en-US');
const cut = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** One page of /units: the totals (and the groups that removed the bot), then the units. */
export function unitsPage(v: View, o: UnitsOverview, page: number): { text: string; page: number; pages: number } {
  const t = (key: string, vars?: Record<string, string | number>) => v.t(v.locale, key, vars);
  const shown = pageOf(o.units, page, UNITS_PER_PAGE);
  const head = [
    t(o.term ? 'units-head-term' : 'units-head', { count: num(v, o.units.length), term: o.term ? showTerm(o.term.name) : '' }),
    t('units-totals', { linked: num(v, o.linked), members: num(v, o.members) }),
  ];
  if (o.gone.length) head.push(t('units-gone', { count: o.gone.length, list: o.gone.join(', ') }));
  const lines = shown.items.map(({ unit: u, members }) => {
    const title = escapeHtml(cut(u.group?.title ?? '', TITLE_SHOWN));
    const group = !u.group ? t('units-no-group') : t(u.group.active ? 'units-group' : 'units-group-gone', { title });
    return t('units-line', { unit: u.code, unitName: escapeHtml(u.name), group, members });
  });
  const foot = shown.pages > 1 ? [t('list-page', { page: shown.page, pages: shown.pages, next: `/${v.locale === 'vi' ? 'donvi' : 'units'} ${shown.page < shown.pages ? shown.page + 1 : 1}` })] : [];
  return { text: [...head, '', ...lines, ...(foot.length ? ['', ...foot] : [])].join('\n'), page: shown.page, pages: shown.pages };
}

/** One page of /members. */
export function membersPage(v: View, scope: string, members: readonly Member[], page: number): { text: string; page: number; pages: number } {
  const t = (key: string, vars?: Record<string, string | number>) => v.t(v.locale, key, vars);
  const shown = pageOf(members, page, MEMBERS_PER_PAGE);
  const lines = shown.items.map((m) =>
    t('members-line', { name: escapeHtml(m.name), username: m.username ? ` @${escapeHtml(m.username)}` : '', role: t(`role-${m.role}`), unit: m.unit, id: String(m.id) }),
  );
  const foot = shown.pages > 1 ? ['', t('members-page', { page: shown.page, pages: shown.pages })] : [];
  return { text: [t('members-title', { scope, count: num(v, members.length) }), ...lines, ...foot].join('\n'), page: shown.page, pages: shown.pages };
}

/** How many of each role, for the caption of a roster sent as a file. */
export function roleCounts(members: readonly Member[]): Record<MemberRole, number> {
  return { secretary: members.filter((m) => m.role === 'secretary').length, delegate: members.filter((m) => m.role === 'delegate').length };
}

// ---- CSV ----------------------------------------------------------------------------------

function csvField(s: string): string {
  return /[",\r\n]/.test(s) || /^[=+\-@\t]/.test(s) ? `"${(/^[=+\-@\t]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"` : s;
}

/** UTF-8 with a byte order mark and CRLF line ends, as Excel opens it with the diacritics intact. */
function csv(rows: string[][]): Buffer {
  return Buffer.from(`\uFEFF${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`, 'utf8');
}

/** The roster as a CSV file: unit, name, Telegram username, role, id, joined. */
export function membersCsv(v: View, members: readonly Member[], unitNames: ReadonlyMap<string, string>): Buffer {
  const t = (key: string) => v.t(v.locale, key);
  return csv([
    ['members-col-unit', 'members-col-unit-name', 'members-col-name', 'members-col-username', 'members-col-role', 'members-col-id', 'members-col-joined'].map(t),
    ...members.map((m) => [m.unit, unitNames.get(m.unit) ?? m.unit, m.name, m.username ? `@${m.username}` : '', t(`role-${m.role}`), String(m.id), formatDate(new Date(m.joinedAt), v.locale, v.tz)]),
  ]);
}

// ---- the report of a units file -------------------------------------------------------------

function problemLine(v: View, p: UnitFileProblem): string {
  const vars: Record<string, string | number> = { line: p.line };
  if ('value' in p) vars.value = escapeHtml(p.value);
  if ('first' in p) vars.first = p.first;
  if (p.problem === 'kind') vars.kinds = UNIT_KINDS.join(', ');
  return v.t(v.locale, `importunits-problem-${p.problem}`, vars);
}

/** What loading a units file did, or why it did nothing. */
export function importReport(v: View, o: UnitsImportOutcome): string {
  const t = (key: string, vars?: Record<string, string | number>) => v.t(v.locale, key, vars);
  if (o.kind === 'invalid') {
    const shown = o.problems.slice(0, PROBLEMS_SHOWN).map((p) => problemLine(v, p));
    const more = o.problems.length - shown.length;
    return [t('importunits-invalid', { count: o.problems.length }), ...shown, ...(more > 0 ? [t('importunits-more', { count: more })] : []), '', t('importunits-example')].join('\n');
  }
  const r = o.report;
  const lines = [t('importunits-done', { rows: o.rows })];
  lines.push(t('importunits-created', { count: r.created.length }));
  lines.push(t('importunits-renamed', { count: r.renamed.length }));
  for (const x of r.renamed) lines.push(t('importunits-renamed-line', { unit: x.code, from: escapeHtml(x.from), to: escapeHtml(x.to) }));
  if (r.updated.length) lines.push(t('importunits-updated', { count: r.updated.length, list: r.updated.map((x) => x.code).join(', ') }));
  lines.push(t('importunits-unchanged', { count: r.unchanged }));
  if (r.missing.length) {
    lines.push(t('importunits-missing', { count: r.missing.length }));
    for (const x of r.missing) lines.push(t('importunits-missing-line', { unit: x.code, unitName: escapeHtml(x.name) }));
  }
  return lines.join('\n');
}

// ---- every unit's invite, as files --------------------------------------------------------

export interface InvitesFileInput {
  council: string;
  role: MemberRole;
  uses: number;
  invites: readonly UnitInvite[];
  /** The deep link of a token: https://t.me/<bot>?start=<token>. */
  link: (token: string) => string;
  now: Date;
}

export function invitesCsv(v: View, f: InvitesFileInput): Buffer {
  const t = (key: string) => v.t(v.locale, key);
  const role = t(`role-${f.role}`);
  return csv([
    ['invitefile-col-unit', 'invitefile-col-unit-name', 'invitefile-col-role', 'invitefile-col-link', 'invitefile-col-code', 'invitefile-col-uses', 'invitefile-col-expires'].map(t),
    ...f.invites.map((i) => [i.unit, i.unitName, role, f.link(i.token), i.code, String(f.uses), formatDateTime(new Date(i.expiresAt), v.locale, v.tz)]),
  ]);
}

const FONT = 'Times New Roman';
const cell = (text: string, opts: { bold?: boolean; width: number }) =>
  new TableCell({
    width: { size: opts.width, type: WidthType.PERCENTAGE },
    children: [new Paragraph({ children: [new TextRun({ text, bold: opts.bold ?? false, font: FONT, size: 22 })] })],
  });

/** A4 landscape, Times New Roman: the council, the title, the role and expiry, then one row per unit. */
export async function invitesDocx(v: View, f: InvitesFileInput): Promise<Buffer> {
  const t = (key: string, vars?: Record<string, string | number>) => v.t(v.locale, key, vars);
  const widths = [6, 12, 24, 44, 14];
  const header = new TableRow({
    tableHeader: true,
    children: ['invitefile-col-no', 'invitefile-col-unit', 'invitefile-col-unit-name', 'invitefile-col-link', 'invitefile-col-expires'].map((k, i) => cell(t(k), { bold: true, width: widths[i]! })),
  });
  const rows = f.invites.map(
    (inv, n) =>
      new TableRow({
        cantSplit: true,
        children: [String(n + 1), inv.unit, inv.unitName, f.link(inv.token), formatDateTime(new Date(inv.expiresAt), v.locale, v.tz)].map((s, i) => cell(s, { width: widths[i]! })),
      }),
  );
  const para = (text: string, o: { bold?: boolean; size?: number } = {}) =>
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [new TextRun({ text, bold: o.bold ?? false, font: FONT, size: o.size ?? 26 })] });
  const expires = f.invites[0] ? formatDateTime(new Date(f.invites[0].expiresAt), v.locale, v.tz) : '';
  const doc = new Document({
    creator: f.council,
    title: t('invitefile-title'),
    sections: [
      {
        properties: { page: { size: { orientation: PageOrientation.LANDSCAPE }, margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
        children: [
          para(f.council, { bold: true }),
          para(t('invitefile-title'), { bold: true, size: 28 }),
          para(t('invitefile-subtitle', { role: t(`role-${f.role}`), count: f.invites.length, uses: f.uses, expires, date: formatDate(f.now, v.locale, v.tz) })),
          new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows] }),
          new Paragraph({ spacing: { before: 200 }, children: [new TextRun({ text: t('invitefile-note'), italics: true, font: FONT, size: 22 })] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** `inviteall-delegate-2026-03-20.csv` */
export function invitesFileName(v: View, role: MemberRole, now: Date, ext: 'csv' | 'docx'): string {
  return `${v.t(v.locale, `invitefile-name-${role}`)}-${now.toISOString().slice(0, 10)}.${ext}`;
}

/**
 * The báo cáo tiếp thu, giải trình ý kiến góp ý: how the comments on a draft proposal were
 * handled, as DOCX (the official document), CSV (for Excel) and Markdown, from plain data.
 *
 * Every visible word comes from the translator `t` (keys `report-…`), so the report can be
 * produced in English too; only punctuation (` — `, `, `, `: `) is fixed here.
 *
 * The DOCX and the Markdown are the document an office signs (Nghị định 30/2020/NĐ-CP):
 * the issuing body and the number line (`Số:      /BC-HĐND`) on the left, the national motto
 * and the place and date on the right; `BÁO CÁO` and the summary line (trích yếu: the
 * proposal's title in “ ”, no internal code); an opening paragraph (the call for comments:
 * when, to how many units, the deadline) and the tally (units that commented, agreed, did
 * not answer; comments by handling); the table; the units that agreed and those that did
 * not answer; the closing line; the signature block (TM. THƯỜNG TRỰC HĐND / title / name)
 * and «Nơi nhận:». In Vietnamese, unit names mid-sentence start in lower case («phường Ba
 * Đình»): the kind of unit is a common noun, the name after it a proper one.
 *
 * Grouping (all three formats): comments without a section («Ý kiến chung») come FIRST, as
 * Vietnamese reports put general remarks before remarks on particular sections; then the
 * declared sections in their declared order; then any section a comment names that is no
 * longer declared (natural order of its label). Sections without comments are left out.
 * Inside a section, comments are ordered by createdAt, then by id (`C9` before `C12`).
 * The running number (STT) continues across sections.
 *
 * The CSV is a clean table (one header row, one row per comment) so it filters and sorts in
 * Excel; the units that agreed or did not answer appear only in the DOCX and Markdown.
 */
import { AlignmentType, Document, Header, Packer, PageNumber, PageOrientation, Paragraph, TextRun } from 'docx';
import { formatDate, formatDateLong, formatDateTime, type Locale } from '#root/domain/time.js';

type ResponseKind = 'accept' | 'partial' | 'explain';

export interface ReportComment {
  /** `C12` */
  id: string;
  /** Declared section label, e.g. `3.2`; undefined = general comments. */
  section?: string;
  text: string;
  authorName: string;
  /** Unit code, e.g. `BD`. */
  unit: string;
  /** `Phường Ba Đình`, as stored (the report writes it in lower case mid-sentence). */
  unitName: string;
  /** ms */
  createdAt: number;
  response?: { kind: ResponseKind; text: string };
}

export interface ReportUnit {
  code: string;
  /** `Phường Ba Đình`, as stored. */
  name: string;
}

/** Who signs: `PHÓ CHỦ TỊCH` / `Nguyễn Văn A`; without a name the space is left for it. */
export interface ReportSigner {
  title: string;
  name?: string;
}

export interface ReportInput {
  /** `HĐND THÀNH PHỐ HÀ NỘI`, top-left line 1 (the body the committee belongs to). */
  councilName: string;
  /** `THƯỜNG TRỰC HĐND`, top-left line 2, and the signature's `TM.` line. */
  committee: string;
  /** The issuing body mid-sentence: `Thường trực HĐND Thành phố Hà Nội`. */
  committeeInText: string;
  /** `Hà Nội`, for `Hà Nội, ngày 25 tháng 10 năm 2021`. */
  place: string;
  /**
   * The number line `Số: 12/BC-HĐND`: `value` is given once the office has registered the
   * document; left out, the line is `Số:      /BC-HĐND` for the clerk to fill in.
   */
  number: { value?: string; suffix: string };
  /** Declared sections, in order; when the call for comments went out and its deadline (ms). */
  proposal: { code: string; title: string; sections: string[]; sentAt: number; deadline: number };
  /** Report date. */
  date: Date;
  /** Council time zone, e.g. `Asia/Ho_Chi_Minh`. */
  tz: string;
  /**
   * Language of the dates (`vi`: `ngày 25 tháng 10 năm 2021`, `15/10/2021`; `en`:
   * `25 Oct 2021`, `15 Oct 2021`). Default `vi`. Should match the translator's locale.
   */
  locale?: Locale;
  /** Active comments only (withdrawn ones are excluded by the caller), any order. */
  comments: ReportComment[];
  /** The units the call for comments went to. */
  consulted: ReportUnit[];
  agreedUnits: ReportUnit[];
  silentUnits: ReportUnit[];
  signer: ReportSigner;
}

/** Translator bound to the caller's locale. */
export type Labels = (key: string, vars?: Record<string, string | number>) => string;

export interface ReportGroup {
  /** undefined = general comments. */
  section?: string;
  comments: ReportComment[];
}

// ---------------------------------------------------------------------------------------
// Grouping

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

function byTimeThenId(a: ReportComment, b: ReportComment): number {
  return a.createdAt - b.createdAt || collator.compare(a.id, b.id);
}

/**
 * The comments by section: general comments (no section) first, then the declared sections
 * in declared order, then undeclared sections (natural order); empty sections left out.
 * Inside a section: by createdAt, then id.
 */
export function groupBySection(input: ReportInput): ReportGroup[] {
  const general: ReportComment[] = [];
  const bySection = new Map<string, ReportComment[]>();
  for (const c of input.comments) {
    if (c.section === undefined || c.section === '') {
      general.push(c);
      continue;
    }
    let list = bySection.get(c.section);
    if (!list) bySection.set(c.section, (list = []));
    list.push(c);
  }
  const out: ReportGroup[] = [];
  if (general.length > 0) out.push({ comments: general.sort(byTimeThenId) });
  const declared = new Set<string>();
  for (const s of input.proposal.sections) {
    if (declared.has(s)) continue;
    declared.add(s);
    const list = bySection.get(s);
    if (list) out.push({ section: s, comments: list.sort(byTimeThenId) });
  }
  const extra = [...bySection.keys()].filter((s) => !declared.has(s)).sort(collator.compare);
  for (const s of extra) out.push({ section: s, comments: (bySection.get(s) as ReportComment[]).sort(byTimeThenId) });
  return out;
}

// ---------------------------------------------------------------------------------------
// Shared wording

/**
 * Kinds of administrative unit a unit's name may start with, in the order offices list them
 * («các quận, huyện, thị xã», «các xã, phường»). Longer forms first where one starts another.
 */
const UNIT_KINDS = ['thành phố', 'quận', 'huyện', 'thị xã', 'xã', 'phường', 'thị trấn', 'đặc khu', 'tỉnh'] as const;
const KIND_ORDER = ['tỉnh', 'thành phố', 'quận', 'huyện', 'thị xã', 'xã', 'phường', 'thị trấn', 'đặc khu'] as const;
const KIND_PATTERN = new RegExp(`^(${[...UNIT_KINDS].sort((a, b) => b.length - a.length).join('|')})(?=\\s)`, 'iu');

/** The kind a unit's name starts with (`phường`), lower case; undefined if none. */
function unitKind(name: string): string | undefined {
  return KIND_PATTERN.exec(name.trim())?.[1]?.toLocaleLowerCase('vi');
}

/**
 * A unit's name as it is written mid-sentence in Vietnamese: the kind of unit in lower case,
 * the proper name kept (`Phường Ba Đình` → `phường Ba Đình`, `Thị xã Sơn Tây` → `thị xã Sơn
 * Tây`). A council's own name loses its leading `HĐND` (`HĐND Thành phố Hà Nội` → `thành phố
 * Hà Nội`), as the text puts «HĐND» before it. Other names are left as they are.
 */
export function unitInSentence(name: string): string {
  const n = name.trim().replace(/^HĐND\s+/u, '');
  return n.replace(KIND_PATTERN, (k) => k.toLocaleLowerCase('vi'));
}

interface Words {
  locale: Locale;
  kind: Record<ResponseKind, string>;
  general: string;
  /** `Mục 3.2` for each section label, computed once. */
  section: (label: string) => string;
  /** `15/10/2021` (en `15 Oct 2021`) in the council time zone. */
  date: (ms: number) => string;
  /** A unit's name mid-sentence: `phường Ba Đình` in Vietnamese, as stored in English. */
  unit: (name: string) => string;
}

function words(input: ReportInput, t: Labels): Words {
  const locale = input.locale ?? 'vi';
  const sectionCache = new Map<string, string>();
  const dateCache = new Map<number, string>();
  const unitCache = new Map<string, string>();
  return {
    locale,
    kind: { accept: t('report-kind-accept'), partial: t('report-kind-partial'), explain: t('report-kind-explain') },
    general: t('report-general'),
    section: (label) => {
      let s = sectionCache.get(label);
      if (s === undefined) sectionCache.set(label, (s = t('report-section', { section: label })));
      return s;
    },
    // Cached per UTC quarter hour: every zone offset in use is a whole number of quarter hours,
    // so a local midnight never falls inside one (10,000 comments share a few dozen days).
    date: (ms) => {
      const key = Math.floor(ms / 900_000);
      let s = dateCache.get(key);
      if (s === undefined) dateCache.set(key, (s = formatDate(new Date(ms), locale, input.tz)));
      return s;
    },
    unit: (name) => {
      let s = unitCache.get(name);
      if (s === undefined) unitCache.set(name, (s = locale === 'vi' ? unitInSentence(name) : name.trim()));
      return s;
    },
  };
}

function placeDate(input: ReportInput, t: Labels, locale: Locale): string {
  const date = locale === 'vi' ? formatDateLong(input.date, input.tz) : formatDate(input.date, 'en', input.tz);
  return t('report-place-date', { place: input.place, date });
}

/** `Số: 12/BC-HĐND`, or `Số:      /BC-HĐND` with the number left blank for the clerk. */
function numberLine(input: ReportInput, t: Labels): string {
  return t('report-number', { number: input.number.value ?? '\u00A0'.repeat(8), suffix: input.number.suffix });
}

/** The trích yếu: what the report is about, the title in “ ”, without the internal code. */
function subtitle(input: ReportInput, t: Labels): string {
  return t('report-subtitle', { title: input.proposal.title });
}

/** A deadline as offices write it: vi `17h00, thứ Tư, ngày 20/10/2021`, en `Wed 20 Oct 2021, 17:00`. */
function deadlineText(ms: number, input: ReportInput, locale: Locale): string {
  return formatDateTime(new Date(ms), locale, input.tz);
}

/** The opening: on what basis, then the tally of units and of comments by handling. */
function opening(input: ReportInput, t: Labels, w: Words): string[] {
  const count = { accept: 0, partial: 0, explain: 0, pending: 0 };
  const commented = new Set<string>();
  for (const c of input.comments) {
    commented.add(c.unit);
    count[c.response ? c.response.kind : 'pending']++;
  }
  return [
    t('report-basis', {
      sent: w.date(input.proposal.sentAt),
      committee: input.committeeInText,
      title: input.proposal.title,
      units: input.consulted.length,
      deadline: deadlineText(input.proposal.deadline, input, w.locale),
    }),
    t('report-tally-units', {
      date: w.date(input.date.getTime()),
      commented: commented.size,
      comments: input.comments.length,
      agreed: input.agreedUnits.length,
      silent: input.silentUnits.length,
    }),
    t('report-tally-comments', { ...count, comments: input.comments.length }),
    t('report-lead-in'),
  ];
}

function closing(input: ReportInput, t: Labels): string {
  return t('report-closing', { title: input.proposal.title, committee: input.committeeInText });
}

function unitList(units: ReportUnit[], t: Labels, w: Words): string {
  return units.length === 0 ? t('report-none') : units.map((u) => w.unit(u.name)).join(', ');
}

/** Up to this many units are named one by one under «Nơi nhận:»; more go as one line by kind. */
const RECIPIENTS_BY_NAME = 8;

/** «Nơi nhận:» lines: «- Như trên;», the units consulted, «- Lưu: VT.» */
function recipients(input: ReportInput, t: Labels, w: Words): string[] {
  const units = input.consulted;
  let middle: string[];
  if (units.length <= RECIPIENTS_BY_NAME) {
    middle = units.map((u) => t('report-recipient-unit', { unit: w.unit(u.name) }));
  } else {
    const found = new Set(units.map((u) => unitKind(u.name) ?? ''));
    const kinds = found.has('') ? [] : KIND_ORDER.filter((k) => found.has(k));
    middle = [kinds.length > 0 ? t('report-recipient-kinds', { kinds: kinds.join(', '), count: units.length }) : t('report-recipient-units', { count: units.length })];
  }
  return [t('report-recipient-above'), ...middle, t('report-recipient-archive')];
}

/** The author cell: `Thường trực HĐND phường Ba Đình (đ/c Nguyễn Văn A)`. */
function authorLine(c: ReportComment, t: Labels, w: Words): string {
  return t('report-author', { unit: w.unit(c.unitName), name: c.authorName });
}

/** Lines of a user text: CRLF/CR normalised, trailing blank lines dropped. */
function lines(text: string): string[] {
  const ls = text.replace(/\r\n?/g, '\n').split('\n');
  while (ls.length > 1 && (ls[ls.length - 1] as string).trim() === '') ls.pop();
  return ls;
}

// ---------------------------------------------------------------------------------------
// DOCX
//
// The package (styles, settings, fonts, content types, relationships, the page-number header,
// the zip) is made by the docx library; the body, word/document.xml, is written here as
// WordprocessingML and handed to docx as an override. Built from docx objects, a 10,000-row
// table took 5–7 s and 330–650 MB (one object per cell, paragraph, run and property, then a
// generic XML serialiser); written directly it takes a fraction of a second.

/** Twips: 1 cm = 567. A4 is 11906 × 16838; laid out landscape. */
const A4_SHORT = 11906;
const A4_LONG = 16838;
const MARGIN = { top: 1134, bottom: 1134, left: 1701, right: 1134, header: 567, footer: 567 } as const;
const TEXT_WIDTH = A4_LONG - MARGIN.left - MARGIN.right; // 14003
/** STT · Nội dung góp ý · Đơn vị, đại biểu góp ý · Ý kiến tiếp thu, giải trình */
const COLUMNS = [800, 5600, 2900, TEXT_WIDTH - 800 - 5600 - 2900] as const;
const HEAD_COLUMNS = [5400, TEXT_WIDTH - 5400] as const;
const FONT = 'Times New Roman';
/** «Nơi nhận:» left, the signature block right. */
const SIGN_COLUMNS = [6000, TEXT_WIDTH - 6000] as const;
/** Half-points: body 13 pt, table 12 pt, title and summary line 14 pt, «Nơi nhận:» 12 pt and its lines 11 pt. */
const SIZE_BODY = 26;
const SIZE_TABLE = 24;
const SIZE_TITLE = 28;
const SIZE_RECIPIENTS_HEAD = 24;
const SIZE_RECIPIENTS = 22;
/** Twips: 6 pt between paragraphs of text (Nghị định 30: at least 6 pt). */
const SPACE_PARA = 120;
/** Twips: room for the signature and the seal between the signer's title and name (about 3 cm). */
const SPACE_SIGNATURE = 1700;
const STYLE_CELL = 'ReportCell';

const W_NS =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** Text for XML: markup escaped, characters XML 1.0 forbids dropped. */
function xmlText(s: string): string {
  return s
    // eslint-disable-next-line no-control-regex -- these control characters are what XML 1.0 forbids
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

interface RunFormat {
  b?: boolean;
  i?: boolean;
  size?: number;
}

/** One run; tabs become <w:tab/>. */
function run(text: string, f: RunFormat = {}): string {
  if (text === '') return '';
  const props = (f.b ? '<w:b/><w:bCs/>' : '') + (f.i ? '<w:i/><w:iCs/>' : '') + (f.size ? `<w:sz w:val="${f.size}"/><w:szCs w:val="${f.size}"/>` : '');
  const body = xmlText(text)
    .split('\t')
    .map((part) => (part === '' ? '' : `<w:t xml:space="preserve">${part}</w:t>`))
    .join('<w:tab/>');
  return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}${body}</w:r>`;
}

interface ParaFormat {
  style?: string;
  jc?: 'left' | 'center' | 'right' | 'both';
  keepNext?: boolean;
  before?: number;
  after?: number;
  /** Line spacing in 240ths of a line (`240` single, `288` 1.2 lines). */
  line?: number;
  /** First-line indent, twips. */
  firstLine?: number;
}

function para(runs: string, f: ParaFormat = {}): string {
  const spacing =
    f.before !== undefined || f.after !== undefined || f.line !== undefined
      ? `<w:spacing${f.before !== undefined ? ` w:before="${f.before}"` : ''}${f.after !== undefined ? ` w:after="${f.after}"` : ''}${f.line !== undefined ? ` w:line="${f.line}" w:lineRule="auto"` : ''}/>`
      : '';
  const props =
    (f.style ? `<w:pStyle w:val="${f.style}"/>` : '') +
    (f.keepNext ? '<w:keepNext/>' : '') +
    spacing +
    (f.firstLine ? `<w:ind w:firstLine="${f.firstLine}"/>` : '') +
    (f.jc ? `<w:jc w:val="${f.jc}"/>` : '');
  return `<w:p>${props ? `<w:pPr>${props}</w:pPr>` : ''}${runs}</w:p>`;
}

/**
 * A paragraph of the report's text: justified, first line indented 1.27 cm, 6 pt before
 * (Nghị định 30: at least 6 pt between paragraphs), 1.2 lines.
 */
function bodyPara(text: string, f: RunFormat = {}, keepNext = false): string {
  return para(run(text, f), { jc: 'both', before: SPACE_PARA, after: 0, line: 288, firstLine: 720, keepNext });
}

/** A short centred rule under a heading line (Nghị định 30: a solid line under the words). */
function rule(indent: number): string {
  return (
    '<w:p><w:pPr><w:pBdr><w:top w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>' +
    `<w:spacing w:before="80" w:after="40" w:line="120" w:lineRule="exact"/><w:ind w:left="${indent}" w:right="${indent}"/></w:pPr></w:p>`
  );
}

function tc(width: number, content: string, opts: { span?: number; vCenter?: boolean } = {}): string {
  return (
    `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/>${opts.span ? `<w:gridSpan w:val="${opts.span}"/>` : ''}` +
    `${opts.vCenter ? '<w:vAlign w:val="center"/>' : ''}</w:tcPr>${content}</w:tc>`
  );
}

/** `flush`: no cell margins left and right, so the text lines up with the page's text. */
function tableOpen(widths: readonly number[], borders: boolean, flush = false): string {
  const side = (name: string) => (borders ? `<w:${name} w:val="single" w:sz="4" w:space="0" w:color="000000"/>` : `<w:${name} w:val="nil"/>`);
  return (
    `<w:tbl><w:tblPr><w:tblW w:w="${TEXT_WIDTH}" w:type="dxa"/>` +
    `<w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(side).join('')}</w:tblBorders>` +
    `<w:tblLayout w:type="fixed"/>${flush ? '<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>' : ''}<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>` +
    `<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`
  );
}

/** One paragraph per line of text, `first` runs before the first line, `suffix` after the last. */
function textParas(text: string, first = '', suffix = ''): string {
  const ls = lines(text);
  let out = '';
  for (let i = 0; i < ls.length; i++) {
    const line = i === ls.length - 1 ? (ls[i] as string) + suffix : (ls[i] as string);
    out += para((i === 0 ? first : '') + run(line), { style: STYLE_CELL });
  }
  return out;
}

/**
 * The heading, a borderless table of two rows so the number line and the date line stand on
 * one level: the council (regular) and its committee (bold) over a rule, then the number,
 * on the left; the national motto over a rule, then the place and date (italic), on the right.
 */
function headingXml(input: ReportInput, t: Labels, locale: Locale): string {
  const c = (text: string, f: RunFormat = {}) => para(run(text, f), { jc: 'center' });
  const left = c(input.councilName) + c(input.committee, { b: true }) + rule(Math.round(HEAD_COLUMNS[0] * 0.38));
  const right =
    c(t('report-committee-right-1'), { b: true }) +
    c(t('report-committee-right-2'), { b: true, size: SIZE_TITLE }) +
    rule(Math.round(HEAD_COLUMNS[1] * 0.3));
  const number = para(run(numberLine(input, t)), { jc: 'center', before: 60 });
  const date = para(run(placeDate(input, t, locale), { i: true }), { jc: 'center', before: 60 });
  return (
    tableOpen(HEAD_COLUMNS, false) +
    `<w:tr>${tc(HEAD_COLUMNS[0], left)}${tc(HEAD_COLUMNS[1], right)}</w:tr>` +
    `<w:tr>${tc(HEAD_COLUMNS[0], number)}${tc(HEAD_COLUMNS[1], date)}</w:tr></w:tbl>`
  );
}

/**
 * The end: «Nơi nhận:» (bold italic 12 pt, the lines 11 pt) on the left; on the right the
 * signature block: `TM. THƯỜNG TRỰC HĐND`, the signer's title (bold capitals), room for the
 * signature and seal, the signer's name (bold). One row that does not split across pages.
 */
function signatureXml(input: ReportInput, t: Labels, w: Words): string {
  const left =
    para(run(t('report-recipients'), { b: true, i: true, size: SIZE_RECIPIENTS_HEAD }), { before: SPACE_PARA }) +
    recipients(input, t, w)
      .map((line) => para(run(line, { size: SIZE_RECIPIENTS })))
      .join('');
  const signer = input.signer;
  const name = signer.name?.trim() ?? '';
  const right =
    para(run(t('report-sign-on-behalf', { committee: input.committee }), { b: true }), { jc: 'center', before: SPACE_PARA }) +
    para(run(signer.title.trim().toLocaleUpperCase(w.locale), { b: true }), { jc: 'center' }) +
    // Room for the signature and the seal.
    para(run(name, { b: true }), { jc: 'center', before: SPACE_SIGNATURE });
  return `${tableOpen(SIGN_COLUMNS, false, true)}<w:tr><w:trPr><w:cantSplit/></w:trPr>${tc(SIGN_COLUMNS[0], left)}${tc(SIGN_COLUMNS[1], right)}</w:tr></w:tbl>`;
}

function documentXml(input: ReportInput, t: Labels, headerIds: { default: number; first: number }): string {
  const w = words(input, t);
  const summary = subtitle(input, t);
  const parts: string[] = [
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W_NS}><w:body>`,
    headingXml(input, t, w.locale),
    para(run(t('report-title'), { b: true, size: SIZE_TITLE }), { jc: 'center', before: 360 }),
    para(run(summary, { b: true, size: SIZE_TITLE }), { jc: 'center' }),
    rule(Math.round((TEXT_WIDTH - 2800) / 2)),
    ...opening(input, t, w).map((text, i, all) => bodyPara(text, {}, i === all.length - 1)),
    para('', { after: SPACE_PARA }),
    tableOpen(COLUMNS, true),
  ];

  // Header row, repeated on every page.
  const head = (key: string) => para(run(t(key), { b: true }), { style: STYLE_CELL, jc: 'center' });
  parts.push(
    '<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>' +
      tc(COLUMNS[0], head('report-col-no'), { vCenter: true }) +
      tc(COLUMNS[1], head('report-col-comment'), { vCenter: true }) +
      tc(COLUMNS[2], head('report-col-author'), { vCenter: true }) +
      tc(COLUMNS[3], head('report-col-response'), { vCenter: true }) +
      '</w:tr>',
  );

  const kindRuns = {
    accept: run(w.kind.accept, { b: true }),
    partial: run(w.kind.partial, { b: true }),
    explain: run(w.kind.explain, { b: true }),
  };
  const noResponse = para(run(t('report-no-response'), { i: true }), { style: STYLE_CELL });
  let no = 0;
  for (const g of groupBySection(input)) {
    const label = g.section === undefined ? w.general : w.section(g.section);
    parts.push(`<w:tr><w:trPr><w:cantSplit/></w:trPr>${tc(TEXT_WIDTH, para(run(label, { b: true }), { style: STYLE_CELL, keepNext: true }), { span: 4 })}</w:tr>`);
    for (const c of g.comments) {
      const r = c.response;
      const response = !r
        ? noResponse
        : r.text.trim() === ''
          ? para(kindRuns[r.kind], { style: STYLE_CELL })
          : textParas(r.text, kindRuns[r.kind] + run(': '));
      parts.push(
        '<w:tr>' +
          tc(COLUMNS[0], para(run(String(++no)), { style: STYLE_CELL, jc: 'center' })) +
          tc(COLUMNS[1], textParas(c.text, '', ` (${c.id})`)) +
          tc(
            COLUMNS[2],
            para(run(authorLine(c, t, w)), { style: STYLE_CELL, jc: 'left' }) + para(run(w.date(c.createdAt), { i: true }), { style: STYLE_CELL, jc: 'left' }),
          ) +
          tc(COLUMNS[3], response) +
          '</w:tr>',
      );
    }
  }
  parts.push(
    '</w:tbl>',
    bodyPara(t('report-agreed', { units: unitList(input.agreedUnits, t, w) })),
    bodyPara(t('report-silent', { units: unitList(input.silentUnits, t, w) })),
    bodyPara(closing(input, t), {}, true),
    signatureXml(input, t, w),
    '<w:sectPr>' +
      `<w:headerReference w:type="default" r:id="rId${headerIds.default}"/>` +
      `<w:headerReference w:type="first" r:id="rId${headerIds.first}"/>` +
      `<w:pgSz w:w="${A4_LONG}" w:h="${A4_SHORT}" w:orient="landscape"/>` +
      `<w:pgMar w:top="${MARGIN.top}" w:right="${MARGIN.right}" w:bottom="${MARGIN.bottom}" w:left="${MARGIN.left}" w:header="${MARGIN.header}" w:footer="${MARGIN.footer}" w:gutter="0"/>` +
      '<w:cols w:space="708"/><w:titlePg/><w:docGrid w:linePitch="360"/></w:sectPr>',
    '</w:body></w:document>',
  );
  return parts.join('');
}

/**
 * The report as a .docx file, laid out as Nghị định 30/2020/NĐ-CP asks: Times New Roman 13 pt
 * (table 12 pt), A4 landscape, margins 2 cm (left 3 cm); heading block (council, committee
 * and number line left; national motto, place and date right), `BÁO CÁO` and the summary
 * line in 14 pt, the opening and tally, the table (header row repeated on every page, a
 * merged row per section, one row per comment), the units that agreed and those that did not
 * answer, the closing line, then «Nơi nhận:» and the signature block. Paragraphs of text are
 * 6 pt apart. Page numbers centred at the top from page 2.
 */
export async function reportDocx(input: ReportInput, t: Labels): Promise<Buffer> {
  const locale = input.locale ?? 'vi';
  const doc = new Document({
    creator: input.councilName,
    title: `${t('report-title')}: ${subtitle(input, t)}`,
    styles: {
      default: {
        document: {
          run: { font: FONT, size: SIZE_BODY, language: { value: locale === 'vi' ? 'vi-VN' : 'en-GB' } },
          paragraph: { spacing: { before: 0, after: 0 } },
        },
      },
      paragraphStyles: [
        {
          id: STYLE_CELL,
          name: 'Report table',
          basedOn: 'Normal',
          quickFormat: false,
          run: { font: FONT, size: SIZE_TABLE },
          // 3 pt above and below: 6 pt between two paragraphs of a cell.
          paragraph: { spacing: { before: 60, after: 60 }, alignment: AlignmentType.JUSTIFIED },
        },
      ],
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: A4_SHORT, height: A4_LONG, orientation: PageOrientation.LANDSCAPE },
            margin: MARGIN,
          },
        },
        headers: {
          default: new Header({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT] })] })],
          }),
          first: new Header({ children: [new Paragraph({})] }),
        },
        children: [],
      },
    ],
  });
  // The section's headers, in the order docx adds them: default, then first.
  const [def, first] = doc.Headers;
  if (!def || !first) throw new Error('docx did not create the page headers');
  const xml = documentXml(input, t, { default: def.View.ReferenceId, first: first.View.ReferenceId });
  return Packer.toBuffer(doc, false, [{ path: 'word/document.xml', data: xml }]);
}

// ---------------------------------------------------------------------------------------
// CSV

/** RFC 4180 field; text that Excel would read as a formula (= + - @, tab, CR) gets a leading `'`. */
export function csvField(s: string): string {
  let v = s;
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * The comments as CSV for Excel: UTF-8 with BOM, CRLF line ends, RFC 4180 quoting (line
 * breaks inside a comment are kept inside its quoted field). One header row, then one row per
 * comment in report order: STT, id, section, text, unit, author, date, response kind, response
 * text (kind and text empty when there is no response yet). No summary rows.
 */
export function reportCsv(input: ReportInput, t: Labels): string {
  const w = words(input, t);
  const header = ['report-csv-no', 'report-csv-id', 'report-csv-section', 'report-csv-comment', 'report-csv-unit', 'report-csv-author', 'report-csv-date', 'report-csv-kind', 'report-csv-response'];
  const out: string[] = ['\uFEFF' + header.map((k) => csvField(t(k))).join(',')];
  let no = 0;
  for (const g of groupBySection(input)) {
    const section = csvField(g.section ?? w.general);
    for (const c of g.comments) {
      out.push(
        [
          String(++no),
          csvField(c.id),
          section,
          csvField(c.text),
          csvField(c.unitName),
          csvField(c.authorName),
          w.date(c.createdAt),
          c.response ? csvField(w.kind[c.response.kind]) : '',
          c.response ? csvField(c.response.text) : '',
        ].join(','),
      );
    }
  }
  return out.join('\r\n') + '\r\n';
}

// ---------------------------------------------------------------------------------------
// Markdown

/** Inline Markdown text: markup characters escaped, `<` `>` `&` as entities. */
function mdEscape(s: string): string {
  return s.replace(/[\\`*_[\]|~]/g, '\\$&').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A table cell: escaped, line breaks as `<br>`. */
function mdCell(s: string): string {
  return lines(s).map(mdEscape).join('<br>');
}

/**
 * The report as Markdown, in the DOCX's order: heading block (council, committee, number;
 * motto, place and date), title and summary line, the opening and tally, then per section a
 * `##` heading and a table (STT · comment · unit and author · response), the agreed and
 * silent unit lines, the closing line, the signature block and «Nơi nhận:».
 */
export function reportMd(input: ReportInput, t: Labels): string {
  const w = words(input, t);
  const noResponse = `*${mdEscape(t('report-no-response'))}*`;
  const head = `| ${[t('report-col-no'), t('report-col-comment'), t('report-col-author'), t('report-col-response')].map(mdEscape).join(' | ')} |\n| ---: | --- | --- | --- |`;
  const out: string[] = [
    `${mdEscape(input.councilName)}<br>**${mdEscape(input.committee)}**<br>${mdEscape(numberLine(input, t))}`,
    '',
    `**${mdEscape(t('report-committee-right-1'))}**<br>**${mdEscape(t('report-committee-right-2'))}**`,
    '',
    `*${mdEscape(placeDate(input, t, w.locale))}*`,
    '',
    `# ${mdEscape(t('report-title'))}`,
    '',
    `**${mdEscape(subtitle(input, t))}**`,
  ];
  for (const p of opening(input, t, w)) out.push('', mdEscape(p));
  let no = 0;
  for (const g of groupBySection(input)) {
    out.push('', `## ${mdEscape(g.section === undefined ? w.general : w.section(g.section))}`, '', head);
    for (const c of g.comments) {
      const response = c.response
        ? `**${mdEscape(w.kind[c.response.kind])}**${c.response.text.trim() === '' ? '' : `: ${mdCell(c.response.text)}`}`
        : noResponse;
      out.push(`| ${++no} | ${mdCell(c.text)} (${mdEscape(c.id)}) | ${mdEscape(authorLine(c, t, w))}, ${w.date(c.createdAt)} | ${response} |`);
    }
  }
  const name = input.signer.name?.trim();
  out.push(
    '',
    mdEscape(t('report-agreed', { units: unitList(input.agreedUnits, t, w) })),
    '',
    mdEscape(t('report-silent', { units: unitList(input.silentUnits, t, w) })),
    '',
    mdEscape(closing(input, t)),
    '',
    `**${mdEscape(t('report-sign-on-behalf', { committee: input.committee }))}**<br>**${mdEscape(input.signer.title.trim().toLocaleUpperCase(w.locale))}**${name ? `<br><br><br>**${mdEscape(name)}**` : ''}`,
    '',
    `***${mdEscape(t('report-recipients'))}***`,
    '',
    ...recipients(input, t, w).map(mdEscape),
    '',
  );
  return out.join('\n');
}

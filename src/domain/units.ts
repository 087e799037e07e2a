/**
 * Units as a deployment loads them from a file, and the council's terms. Pure functions: no
 * Redis, no Telegram. The file is what `../shared/data/hanoi-2025-units.csv` is: a header
 * `code,name,kind[,official_code]`, then one unit a line.
 */
import { normaliseUnitCode } from '#root/domain/roles.js';

/**
 * Kinds of council a unit can be: the city or province itself, the district level of before
 * 1 July 2025 (quận, huyện, thị xã, thành phố thuộc tỉnh) and the commune level (phường, xã,
 * đặc khu).
 */
export const UNIT_KINDS = ['city', 'province', 'thanh_pho', 'quan', 'huyen', 'thi_xa', 'phuong', 'xa', 'dac_khu'] as const;
type UnitKind = (typeof UNIT_KINDS)[number];

/** Spellings of a kind a file may use, beyond the canonical ones. */
const KIND_ALIASES: Record<string, UnitKind> = { thixa: 'thi_xa', thanhpho: 'thanh_pho', dackhu: 'dac_khu', tinh: 'province' };

function parseUnitKind(raw: string): UnitKind | undefined {
  const k = raw.trim().toLowerCase().replace(/[\s-]+/g, '_');
  return (UNIT_KINDS as readonly string[]).includes(k) ? (k as UnitKind) : KIND_ALIASES[k.replace(/_/g, '')];
}

/** The national list's codes are digits (2 for a province, 3 for a district, 5 for a commune). */
const OFFICIAL_CODE = /^\d{1,10}$/;
const NAME_MAX = 120;
const UNITS_FILE_MAX_ROWS = 5000;

export interface UnitRow {
  /** Where the row starts in the file (1 = the header). */
  line: number;
  code: string;
  name: string;
  kind: UnitKind;
  officialCode?: string | undefined;
}

/**
 * What is wrong with a file, each with its line: `header` (the columns code, name and kind
 * are not all there), `columns` (a row with fewer fields than the header), `name-empty`, `code`, `name`,
 * `kind`, `official-code` (a value that is not one), `duplicate-code` / `duplicate-official`
 * (`first` = the line where it appeared first), `quote` (a quoted field never closed),
 * `empty` (no unit at all), `too-many` (more rows than a file may have).
 */
export type UnitFileProblem =
  | { line: number; problem: 'header' | 'columns' | 'quote' | 'empty' | 'too-many' | 'name-empty' }
  | { line: number; problem: 'code' | 'name' | 'kind' | 'official-code'; value: string }
  | { line: number; problem: 'duplicate-code' | 'duplicate-official'; value: string; first: number };

export type UnitFileResult = { ok: true; rows: UnitRow[] } | { ok: false; problems: UnitFileProblem[] };

/** RFC 4180 records with the line each starts on; `;` instead of `,` when the header uses it (Excel's habit in some locales). */
function records(text: string): { fields: string[]; line: number }[] | { quoteOpenedAt: number } {
  const src = text.replace(/^\uFEFF/, '');
  const firstLine = src.slice(0, src.search(/\r?\n|$/));
  const sep = !firstLine.includes(',') && firstLine.includes(';') ? ';' : ',';
  const out: { fields: string[]; line: number }[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let start = 1;
  let quoted = false;
  let quoteAt = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field.trim() === '') (quoted = true), (quoteAt = line), (field = '');
    else if (c === sep) fields.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      fields.push(field);
      out.push({ fields, line: start });
      fields = [];
      field = '';
      line++;
      start = line;
    } else field += c;
  }
  if (quoted) return { quoteOpenedAt: quoteAt };
  if (field !== '' || fields.length) fields.push(field), out.push({ fields, line: start });
  return out.filter((r) => r.fields.some((f) => f.trim() !== ''));
}

/** A tab, a bell, a NUL…: a name typed by a person has none. */
const hasControl = (s: string) => [...s].some((ch) => ch.charCodeAt(0) < 0x20);

/**
 * Reads a units file completely: every problem is listed with its line, and a file with any
 * problem gives no rows (so nothing is changed). Codes are upper-cased and must then follow
 * the commands' rule (normaliseUnitCode); names are 1–120 characters; kinds are UNIT_KINDS.
 */
export function parseUnitsFile(text: string): UnitFileResult {
  const recs = records(text);
  if (!Array.isArray(recs)) return { ok: false, problems: [{ line: recs.quoteOpenedAt, problem: 'quote' }] };
  const [header, ...body] = recs;
  if (!header) return { ok: false, problems: [{ line: 1, problem: 'empty' }] };
  const cols = header.fields.map((f) => f.trim().toLowerCase());
  const at = { code: cols.indexOf('code'), name: cols.indexOf('name'), kind: cols.indexOf('kind'), official: cols.indexOf('official_code') };
  if (at.code < 0 || at.name < 0 || at.kind < 0) return { ok: false, problems: [{ line: header.line, problem: 'header' }] };
  if (body.length === 0) return { ok: false, problems: [{ line: header.line, problem: 'empty' }] };
  if (body.length > UNITS_FILE_MAX_ROWS) return { ok: false, problems: [{ line: body[UNITS_FILE_MAX_ROWS]!.line, problem: 'too-many' }] };

  const problems: UnitFileProblem[] = [];
  const rows: UnitRow[] = [];
  const codes = new Map<string, number>();
  const officials = new Map<string, number>();
  const needed = Math.max(at.code, at.name, at.kind) + 1;
  for (const { fields, line } of body) {
    if (fields.length < needed) {
      problems.push({ line, problem: 'columns' });
      continue;
    }
    const rawCode = fields[at.code]!.trim();
    const name = fields[at.name]!.trim().replace(/\s+/g, ' ');
    const rawKind = fields[at.kind]!.trim();
    const official = at.official >= 0 ? (fields[at.official] ?? '').trim() : '';
    const code = normaliseUnitCode(rawCode);
    const kind = parseUnitKind(rawKind);
    const before = problems.length;
    if (!code) problems.push({ line, problem: 'code', value: rawCode });
    if (!name) problems.push({ line, problem: 'name-empty' });
    else if (name.length > NAME_MAX || hasControl(name)) problems.push({ line, problem: 'name', value: name.slice(0, 40) });
    if (!kind) problems.push({ line, problem: 'kind', value: rawKind });
    if (official && !OFFICIAL_CODE.test(official)) problems.push({ line, problem: 'official-code', value: official });
    if (code) {
      const first = codes.get(code);
      if (first !== undefined) problems.push({ line, problem: 'duplicate-code', value: code, first });
      else codes.set(code, line);
    }
    if (official && OFFICIAL_CODE.test(official)) {
      const first = officials.get(official);
      if (first !== undefined) problems.push({ line, problem: 'duplicate-official', value: official, first });
      else officials.set(official, line);
    }
    if (problems.length === before && code && kind) rows.push({ line, code, name, kind, ...(official ? { officialCode: official } : {}) });
  }
  return problems.length ? { ok: false, problems } : { ok: true, rows };
}

/**
 * A term of office as people write it: `2026-2031` (or with an en dash). Terms are 1 to 10
 * years; stored as `2026-2031`, shown as `2026–2031`.
 */
export function parseTermName(raw: string | undefined): { name: string; from: number; to: number } | undefined {
  const m = /^\s*(\d{4})\s*[-–—/]\s*(\d{4})\s*$/.exec(raw ?? '');
  if (!m) return undefined;
  const from = Number(m[1]);
  const to = Number(m[2]);
  if (from < 1945 || to <= from || to - from > 10) return undefined;
  return { name: `${from}-${to}`, from, to };
}

export function showTerm(name: string): string {
  return name.replace('-', '–');
}

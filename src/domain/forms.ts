/**
 * `key: value` forms under a command, with keys in English or Vietnamese (with or without
 * diacritics). The same field specs drive the guided conversation, so both ways of filling
 * a form accept and refuse exactly the same values.
 */
export type FieldResult<T> = { ok: true; value: T } | { ok: false; error: string; vars?: Record<string, string | number> };

export interface FieldContext {
  now: Date;
  tz: string;
  unitCodes: ReadonlySet<string>;
  proposalCodes?: ReadonlySet<string>;
}

export interface FieldSpec<T = unknown> {
  key: string;
  aliases: string[];
  required: boolean;
  /** Lines that follow without a key of their own belong to this field (an agenda, a summary). */
  multiline?: boolean;
  parse(raw: string, ctx: FieldContext): FieldResult<T>;
}

export interface FormProblem {
  field?: string;
  error: string;
  vars?: Record<string, string | number>;
}

/** `Thời gian` → `thoigian`: what a key is compared by. */
export function normaliseKey(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
}

export function fieldFor(fields: FieldSpec[], rawKey: string): FieldSpec | undefined {
  const k = normaliseKey(rawKey);
  return fields.find((f) => f.key === k || f.aliases.includes(k));
}

/** Splits a form's lines into raw values per field; reports unknown keys and stray lines. */
export function splitForm(lines: string[], fields: FieldSpec[]): { raw: Map<string, string>; problems: FormProblem[] } {
  const raw = new Map<string, string>();
  const problems: FormProblem[] = [];
  let current: FieldSpec | undefined;
  for (const line of lines) {
    if (!line.trim()) continue;
    const m = /^\s*([^:：]{1,40})[:：]\s*(.*)$/.exec(line);
    const field = m ? fieldFor(fields, m[1]!) : undefined;
    if (m && field) {
      if (raw.has(field.key)) problems.push({ field: field.key, error: 'form-duplicate-key' });
      raw.set(field.key, m[2]!.trim());
      current = field;
    } else if (current?.multiline) {
      const prev = raw.get(current.key);
      raw.set(current.key, prev ? `${prev}\n${line.trim()}` : line.trim());
    } else if (m) {
      problems.push({ error: 'form-unknown-key', vars: { key: m[1]!.trim() } });
    } else {
      problems.push({ error: 'form-stray-line', vars: { line: line.trim() } });
    }
  }
  return { raw, problems };
}

/**
 * Validates every field given (and, unless `partial`, that required ones are present).
 * Nothing is half-accepted: any problem means the caller saves nothing.
 */
export function validateForm(
  raw: Map<string, string>,
  fields: FieldSpec[],
  ctx: FieldContext,
  opts: { partial?: boolean } = {},
): { ok: true; values: Record<string, unknown> } | { ok: false; problems: FormProblem[] } {
  const values: Record<string, unknown> = {};
  const problems: FormProblem[] = [];
  for (const f of fields) {
    const v = raw.get(f.key);
    if (v === undefined || v === '') {
      if (f.required && !opts.partial) problems.push({ field: f.key, error: 'form-missing' });
      continue;
    }
    const res = f.parse(v, ctx);
    if (res.ok) values[f.key] = res.value;
    else problems.push({ field: f.key, error: res.error, ...(res.vars ? { vars: res.vars } : {}) });
  }
  return problems.length ? { ok: false, problems } : { ok: true, values };
}

// --- field parsers shared by forms ---------------------------------------------------------

/**
 * A field longer than this is refused at the form, naming its length and the maximum. The
 * maxima keep each field within what one Telegram message can show with the rest of it;
 * longer texts (an agenda, a summary) are split between messages when sent.
 */
export function text(max: number): FieldSpec['parse'] {
  return (raw) => (raw.length > max ? { ok: false, error: 'form-too-long', vars: { max, length: raw.length } } : { ok: true, value: raw });
}

/** A link longer than this is no link people paste: refused rather than cut. */
export const LINK_MAX = 1000;

export function url(raw: string): FieldResult<string> {
  try {
    const u = new URL(raw);
    if (u.protocol === 'https:' || u.protocol === 'http:') {
      return u.href.length > LINK_MAX ? { ok: false, error: 'form-too-long', vars: { max: LINK_MAX, length: u.href.length } } : { ok: true, value: u.href };
    }
  } catch {
    // fall through
  }
  return { ok: false, error: 'form-bad-link' };
}

const ALL_WORDS = new Set(['all', 'tatca', 'toanbo']);

/** `all` (every unit, also those added later) or unit codes separated by commas or spaces. */
export function units(raw: string, ctx: FieldContext): FieldResult<string[] | 'all'> {
  if (ALL_WORDS.has(normaliseKey(raw))) return { ok: true, value: 'all' };
  const codes = [...new Set(raw.split(/[\s,;]+/).filter(Boolean).map((c) => c.toUpperCase()))];
  const unknown = codes.filter((c) => !ctx.unitCodes.has(c));
  if (unknown.length) return { ok: false, error: 'form-unknown-units', vars: { codes: unknown.join(', ') } };
  return codes.length ? { ok: true, value: codes } : { ok: false, error: 'form-missing' };
}

export const PROPOSAL_CODE = /^[A-Z0-9][A-Z0-9._-]{0,19}$/;

export function proposalRef(raw: string, ctx: FieldContext): FieldResult<string> {
  const code = raw.trim().toUpperCase();
  if (!PROPOSAL_CODE.test(code)) return { ok: false, error: 'form-bad-code' };
  if (ctx.proposalCodes && !ctx.proposalCodes.has(code)) return { ok: false, error: 'form-unknown-proposal', vars: { code } };
  return { ok: true, value: code };
}

/** Items on separate lines or separated by `;`, leading bullets and numbers removed. */
export function list(maxItems: number, maxLen: number): FieldSpec['parse'] {
  return (raw): FieldResult<string[]> => {
    const items = raw
      .split(/\n|;/)
      .map((s) => s.replace(/^\s*(?:[-•*]|\d+[.)])\s*/, '').trim())
      .filter(Boolean);
    if (items.length === 0) return { ok: false, error: 'form-missing' };
    if (items.length > maxItems) return { ok: false, error: 'form-too-many', vars: { max: maxItems } };
    const long = items.findIndex((i) => i.length > maxLen);
    if (long >= 0) return { ok: false, error: 'form-item-too-long', vars: { n: long + 1, max: maxLen, length: items[long]!.length } };
    return { ok: true, value: items };
  };
}

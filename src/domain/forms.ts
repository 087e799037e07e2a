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

/** How one field's text becomes its value (or the reason it cannot). */
export type FieldParser<T> = (raw: string, ctx: FieldContext) => FieldResult<T>;

/**
 * One field of a form. `K` is its key, `T` the type of its value and `R` whether it is
 * required, all kept literal by {@link field}, so a validated form's values are typed per
 * field (see {@link FormValues}).
 */
export interface FieldSpec<K extends string = string, T = unknown, R extends boolean = boolean> {
  key: K;
  aliases: string[];
  required: R;
  /** Lines that follow without a key of their own belong to this field (an agenda, a summary). */
  multiline?: boolean;
  parse: FieldParser<T>;
}

/** Declares a field keeping its key, value type and requiredness literal. */
export function field<const K extends string, T, const R extends boolean>(spec: FieldSpec<K, T, R>): FieldSpec<K, T, R> {
  return spec;
}

type ValueOf<F> = F extends FieldSpec<string, infer T, boolean> ? T : never;

/** The values of a complete form: required fields present, optional ones possibly absent. */
export type FormValues<F extends FieldSpec> = {
  [S in F as S['required'] extends true ? S['key'] : never]: ValueOf<S>;
} & {
  [S in F as S['required'] extends true ? never : S['key']]?: ValueOf<S>;
};

export interface FormProblem {
  field?: string;
  error: string;
  vars?: Record<string, string | number>;
}

/** `Thời gian` → `thoigian`: what a key is compared by. */
function normaliseKey(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
}

function fieldFor<F extends FieldSpec>(fields: readonly F[], rawKey: string): F | undefined {
  const k = normaliseKey(rawKey);
  return fields.find((f) => f.key === k || f.aliases.includes(k));
}

/** Splits a form's lines into raw values per field; reports unknown keys and stray lines. */
export function splitForm(lines: string[], fields: readonly FieldSpec[]): { raw: Map<string, string>; problems: FormProblem[] } {
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

type Validated<V> = { ok: true; values: V } | { ok: false; problems: FormProblem[] };

/**
 * Validates every field given (and, unless `partial`, that required ones are present).
 * Nothing is half-accepted: any problem means the caller saves nothing. The values are
 * typed by the field specs: a complete form has its required fields, a partial one (an
 * edit, one answer of the guided form) only those given.
 */
export function validateForm<F extends FieldSpec>(
  raw: Map<string, string>,
  fields: readonly F[],
  ctx: FieldContext,
  opts: { partial: true },
): Validated<Partial<FormValues<F>>>;
export function validateForm<F extends FieldSpec>(
  raw: Map<string, string>,
  fields: readonly F[],
  ctx: FieldContext,
  opts?: { partial?: false },
): Validated<FormValues<F>>;
export function validateForm<F extends FieldSpec>(
  raw: Map<string, string>,
  fields: readonly F[],
  ctx: FieldContext,
  opts?: { partial?: boolean },
): Validated<Partial<FormValues<F>>>;
export function validateForm(
  raw: Map<string, string>,
  fields: readonly FieldSpec[],
  ctx: FieldContext,
  opts: { partial?: boolean } = {},
): Validated<Record<string, unknown>> {
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
export function text(max: number): FieldParser<string> {
  return (raw) => (raw.length > max ? { ok: false, error: 'form-too-long', vars: { max, length: raw.length } } : { ok: true, value: raw });
}

/** A link longer than this is no link people paste: refused rather than cut. */
const LINK_MAX = 1000;

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
export function list(maxItems: number, maxLen: number): FieldParser<string[]> {
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

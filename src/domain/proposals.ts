import { PROPOSAL_CODE, field, text, units, url, type FieldContext, type FieldResult } from '#root/domain/forms.js';
import { momentProblem, parseDateTime } from '#root/domain/time.js';

export type ResponseKind = 'accept' | 'partial' | 'explain';

export interface Proposal {
  v: 1;
  code: string;
  title: string;
  summary?: string | undefined;
  link?: string | undefined;
  /** Declared section labels, in the draft's order ('1', '2', '3.1'…); empty: no sections. */
  sections: string[];
  deadline: number;
  units: string[] | 'all';
  version: number;
  createdBy: number;
  createdAt: number;
}

export interface CommentRecord {
  v: 1;
  id: string;
  proposal: string;
  section?: string | undefined;
  text: string;
  author: number;
  authorName: string;
  unit: string;
  createdAt: number;
  updatedAt?: number | undefined;
  status: 'active' | 'withdrawn';
  /** Earlier texts, kept when the author edits. */
  history: { text: string; at: number }[];
  attachment?: { kind: 'document' | 'photo'; fileId: string; fileName?: string | undefined } | undefined;
  /** Where it came from: a repeated delivery of the same message records nothing twice. */
  source: { chatId: number; messageId: number };
  response?: { kind: ResponseKind; text: string; by: number; byName: string; at: number } | undefined;
  /**
   * How many times the record was changed (edited, withdrawn, answered); absent on a new one.
   * A change is written only if the record is still at the revision it was checked at.
   */
  rev?: number | undefined;
}

export const COMMENT_MAX = 4000;
export const NUDGE_OFFSETS_MS = [3 * 86_400_000, 86_400_000];

/** `3.2`, `II`, `a`: what a declared section label may look like. */
const SECTION_LABEL = /^[\p{L}\d][\p{L}\d.]{0,11}$/u;

function code(raw: string, ctx: FieldContext): FieldResult<string> {
  const c = raw.trim().toUpperCase();
  if (!PROPOSAL_CODE.test(c)) return { ok: false, error: 'form-bad-code' };
  if (ctx.proposalCodes?.has(c)) return { ok: false, error: 'form-code-taken', vars: { code: c } };
  return { ok: true, value: c };
}

function sections(raw: string): FieldResult<string[]> {
  const labels = [...new Set(raw.split(/[\n,;]+/).map((s) => s.trim().replace(/^#/, '')).filter(Boolean))];
  const bad = labels.filter((l) => !SECTION_LABEL.test(l));
  if (bad.length) return { ok: false, error: 'form-bad-sections', vars: { bad: bad.join(', ') } };
  if (labels.length > 100) return { ok: false, error: 'form-too-many', vars: { max: 100 } };
  return { ok: true, value: labels };
}

function deadline(raw: string, ctx: FieldContext): FieldResult<number> {
  const res = parseDateTime(raw, { now: ctx.now, tz: ctx.tz });
  if (!res.ok) return momentProblem(raw, ctx, res.error);
  if (res.at.getTime() <= ctx.now.getTime()) return { ok: false, error: 'form-past-when' };
  return { ok: true, value: res.at.getTime() };
}

export const PROPOSAL_FIELDS = [
  field({ key: 'code', aliases: ['ma', 'madean', 'kyhieu'], required: true, parse: code }),
  field({ key: 'title', aliases: ['tieude', 'ten', 'tendean'], required: true, parse: text(300) }),
  field({ key: 'summary', aliases: ['tomtat', 'noidung', 'mota'], required: false, multiline: true, parse: text(2000) }),
  field({ key: 'link', aliases: ['duongdan', 'lienket', 'duthao', 'tailieu'], required: false, parse: url }),
  field({ key: 'sections', aliases: ['muc', 'cacmuc', 'phan'], required: false, multiline: true, parse: sections }),
  field({ key: 'deadline', aliases: ['han', 'hangopy', 'thoihan', 'hanchot'], required: true, parse: deadline }),
  field({ key: 'units', aliases: ['donvi', 'phamvi'], required: false, parse: units }),
];

/** Finds a declared section whatever the case: `#ii` is section `II`. */
export function findSection(p: Pick<Proposal, 'sections'>, label: string): string | undefined {
  const l = label.replace(/^#/, '').toLowerCase();
  return p.sections.find((s) => s.toLowerCase() === l);
}

/**
 * `/comment [CODE] [#SECTION] text`: the code is taken only when it names an existing
 * proposal; a first word shaped like a code that names none is reported, not swallowed
 * into the text.
 */
export function parseCommentArgs(
  input: string,
  knownCodes: ReadonlySet<string>,
): { code?: string; section?: string; text: string; unknownCode?: string } {
  let rest = input.trim();
  let code: string | undefined;
  let unknownCode: string | undefined;
  const first = /^(\S+)\s*/.exec(rest);
  if (first) {
    const word = first[1]!.toUpperCase();
    if (knownCodes.has(word)) {
      code = word;
      rest = rest.slice(first[0].length);
    } else if (/^[A-Z]{1,6}[-_.]?\d{1,4}[A-Z]?$/.test(word)) {
      unknownCode = word;
    }
  }
  let section: string | undefined;
  const sec = /^#(\S+)\s*/.exec(rest);
  if (sec) {
    section = sec[1]!;
    rest = rest.slice(sec[0].length);
  }
  return { ...(code ? { code } : {}), ...(section ? { section } : {}), ...(unknownCode ? { unknownCode } : {}), text: rest.trim() };
}

export function isOpen(p: Pick<Proposal, 'deadline'>, now: number): boolean {
  return now < p.deadline;
}

export function parseResponseKind(word: string | undefined): ResponseKind | undefined {
  const w = word?.toLowerCase();
  if (!w) return undefined;
  if (['accept', 'tiepthu'].includes(w)) return 'accept';
  if (['partial', 'motphan', 'tiepthumotphan'].includes(w)) return 'partial';
  if (['explain', 'giaitrinh'].includes(w)) return 'explain';
  return undefined;
}

export type CommentFilter = 'pending' | 'accept' | 'partial' | 'explain' | 'withdrawn' | 'responded';

export function parseCommentFilter(word: string): CommentFilter | undefined {
  const w = word.toLowerCase();
  const map: Record<string, CommentFilter> = {
    pending: 'pending',
    new: 'pending',
    chuaphanhoi: 'pending',
    chuaxuly: 'pending',
    cho: 'pending',
    accepted: 'accept',
    accept: 'accept',
    tiepthu: 'accept',
    partial: 'partial',
    motphan: 'partial',
    explained: 'explain',
    explain: 'explain',
    giaitrinh: 'explain',
    withdrawn: 'withdrawn',
    darut: 'withdrawn',
    rut: 'withdrawn',
    responded: 'responded',
    daphanhoi: 'responded',
    daxuly: 'responded',
    handled: 'responded',
  };
  return map[w];
}

export function matchesFilter(c: CommentRecord, f: CommentFilter | undefined): boolean {
  if (!f) return c.status === 'active';
  if (f === 'withdrawn') return c.status === 'withdrawn';
  if (c.status !== 'active') return false;
  if (f === 'pending') return !c.response;
  if (f === 'responded') return c.response !== undefined;
  return c.response?.kind === f;
}

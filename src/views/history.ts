/**
 * How the audit trail reads: in chat (`/history`, HTML, texts shortened) and as CSV for
 * Excel (every field in full). Pure: every word comes from the locale files; an action or a
 * field the locale does not name yet (added later) shows under its own name.
 */
import type { HistoryView } from '#root/actions/history.js';
import { formatDateTime, formatOffset } from '#root/domain/time.js';
import type { Locale, Translator } from '#root/i18n.js';
import type { Fields, HistoryEntry } from '#root/store/history.js';
import { escapeHtml } from '#root/telegram/text.js';
import { csvField } from '#root/views/report.js';

export interface HistoryViewCtx {
  t: Translator;
  locale: Locale;
  tz: string;
}

/** Values shown in chat are cut to this many characters. */
const SHORT = 80;
/** Fields holding a moment (ms), a list of reminder offsets (ms). */
const MOMENTS = new Set(['startsAt', 'deadline', 'expiresAt']);
const OFFSETS = new Set(['remindersMs']);
/** Fields whose values are words the locale names: `history-value-<field>-<value>`. */
const WORDS: Record<string, (v: string) => string> = {
  status: (v) => `history-status-${v}`,
  answer: (v) => `rsvp-label-${v}`,
  role: (v) => `role-${v}`,
  lang: (v) => `lang-name-${v}`,
};

/** The locale's text for a key, or `fallback` when the locale has no such key. */
function word(v: HistoryViewCtx, key: string, fallback: string, vars?: Record<string, string | number>): string {
  const s = v.t(v.locale, key, vars);
  return s === key ? fallback : s;
}

function shorten(s: string, max: number): string {
  if (max === Infinity) return s;
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** A field's value as a person reads it (plain text; `max` cuts long texts). */
function describeValue(v: HistoryViewCtx, field: string, value: unknown, max = Infinity): string {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return '—';
  if (MOMENTS.has(field) && typeof value === 'number') return formatDateTime(new Date(value), v.locale, v.tz);
  if (OFFSETS.has(field) && Array.isArray(value)) return value.length ? value.map((ms) => formatOffset(Number(ms), v.locale)).join(', ') : '—';
  if (field === 'units' && value === 'all') return v.t(v.locale, 'all-units');
  const named = WORDS[field];
  if (named && typeof value === 'string') return word(v, named(value), value);
  if (field === 'response' && typeof value === 'object') {
    const r = value as { kind?: string; text?: string };
    return `${word(v, `response-kind-${r.kind ?? ''}`, r.kind ?? '')}: ${shorten(r.text ?? '', max)}`;
  }
  if (field === 'group' && typeof value === 'object') {
    const title = (value as { title?: unknown }).title;
    return typeof title === 'string' ? shorten(title, max) : '—';
  }
  if (Array.isArray(value)) return shorten(value.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(', '), max);
  if (typeof value === 'boolean') return v.t(v.locale, value ? 'history-yes' : 'history-no');
  if (typeof value === 'string' || typeof value === 'number') return shorten(String(value), max);
  return shorten(JSON.stringify(value), max);
}

/** The fields an entry changed, in order, with their values before and after. */
function changes(e: HistoryEntry): { field: string; before: unknown; after: unknown; had: boolean; has: boolean }[] {
  const b: Fields = e.before ?? {};
  const a: Fields = e.after ?? {};
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return fields.map((field) => ({ field, before: b[field], after: a[field], had: e.before !== undefined && field in b, has: e.after !== undefined && field in a }));
}

function actionLabel(v: HistoryViewCtx, action: string): string {
  return word(v, `history-action-${action.replace(/\./g, '-')}`, action);
}

function fieldLabel(v: HistoryViewCtx, field: string): string {
  return word(v, `history-field-${field}`, field);
}

function entityLabel(v: HistoryViewCtx, e: { kind: string; id: string }): string {
  return word(v, `history-kind-${e.kind}`, `${e.kind} ${e.id}`, { id: e.id });
}

function who(v: HistoryViewCtx, e: HistoryEntry): string {
  return v.t(v.locale, 'history-who', { name: e.actor.name, role: word(v, `role-${e.actor.role}`, e.actor.role), unit: e.actor.unit ?? '—' });
}

/** An entry as a person reads it, in plain text (not escaped): for the desk's lists and the chat. */
export interface EntryLines {
  at: number;
  /** `Trần Thị Hoa (thư ký, TP)` */
  who: string;
  /** `Sửa ý kiến góp ý: ý kiến C12` (the record named only with `withEntity`). */
  what: string;
  /** Where it was made, when not the chat: ` (trên bàn làm việc)`; else empty. */
  via: string;
  /** One line per changed field: `Nội dung: cũ → mới`, values cut to `max` characters. */
  changes: string[];
}

export function describeEntry(v: HistoryViewCtx, e: HistoryEntry, opts: { withEntity?: boolean; max?: number } = {}): EntryLines {
  const max = opts.max ?? SHORT;
  const action = actionLabel(v, e.action);
  return {
    at: e.at,
    who: who(v, e),
    what: opts.withEntity === false ? action : v.t(v.locale, 'history-what', { action, what: entityLabel(v, e.entity) }),
    via: word(v, `history-via-${e.via}`, e.via),
    changes: changes(e).map(({ field, before, after, had, has }) => {
      const vars = { field: fieldLabel(v, field), before: describeValue(v, field, before, max), after: describeValue(v, field, after, max) };
      return v.t(v.locale, had && has ? 'history-change' : has ? 'history-change-set' : 'history-change-was', vars);
    }),
  };
}

/** One entry in chat (HTML): when, who, what, then each changed field, texts shortened. */
function entryBlock(v: HistoryViewCtx, e: HistoryEntry, withEntity: boolean): string {
  const d = describeEntry(v, e, { withEntity });
  const head = v.t(v.locale, 'history-line', { when: formatDateTime(new Date(e.at), v.locale, v.tz), who: escapeHtml(d.who), via: d.via, what: escapeHtml(d.what) });
  return [head, ...d.changes.map((c) => `• ${escapeHtml(c)}`)].join('\n');
}

/** `/history`: the title, then the entries oldest first (the latest HISTORY_SHOWN), as one HTML text. */
export function historyText(v: HistoryViewCtx, h: HistoryView): string {
  const what = h.entity ? entityLabel(v, h.entity) : undefined;
  if (h.entries.length === 0) return what ? v.t(v.locale, 'history-empty-entity', { what: escapeHtml(what) }) : v.t(v.locale, 'history-empty');
  const title = what
    ? v.t(v.locale, 'history-title-entity', { what: escapeHtml(what), total: h.total })
    : v.t(v.locale, 'history-title', { shown: h.entries.length, total: h.total });
  const earlier = h.total - h.entries.length;
  const blocks = h.entries.map((e) => entryBlock(v, e, !h.entity));
  return [title, ...(earlier > 0 ? [v.t(v.locale, 'history-earlier', { count: earlier })] : []), ...blocks].join('\n\n');
}

/** The CSV's columns, as locale keys. */
const COLUMNS = ['id', 'time', 'person', 'person-id', 'role', 'unit', 'action', 'action-code', 'record', 'record-id', 'field', 'before', 'after', 'via'] as const;

/**
 * The activity log as CSV for Excel, like the report's: UTF-8 with BOM, CRLF line ends,
 * RFC 4180 quoting, formulas defused. One row per changed field (an entry that changed none,
 * a "received" say, has one row with the field empty), texts in full, oldest first.
 */
export function historyCsvHeader(v: HistoryViewCtx): string {
  return `\uFEFF${COLUMNS.map((c) => csvField(v.t(v.locale, `history-csv-${c}`))).join(',')}\r\n`;
}

export function historyCsvRows(ctx: HistoryViewCtx, entries: readonly HistoryEntry[]): string {
  // The same few labels on every row: looked up once per chunk, not per row.
  const seen = new Map<string, string>();
  const t: Translator = (locale, key, vars) => {
    if (vars) return ctx.t(locale, key, vars);
    let s = seen.get(key);
    if (s === undefined) seen.set(key, (s = ctx.t(locale, key)));
    return s;
  };
  const v = { ...ctx, t };
  let out = '';
  for (const e of entries) {
    const base = [
      e.id,
      formatStamp(e.at, v.tz),
      csvField(e.actor.name),
      String(e.actor.userId),
      csvField(word(v, `role-${e.actor.role}`, e.actor.role)),
      csvField(e.actor.unit ?? ''),
      csvField(actionLabel(v, e.action)),
      e.action,
      csvField(word(v, `history-kind-name-${e.entity.kind}`, e.entity.kind)),
      csvField(e.entity.id),
    ];
    const via = csvField(word(v, `history-channel-${e.via}`, e.via));
    const rows = changes(e);
    if (rows.length === 0) out += [...base, '', '', '', via].join(',') + '\r\n';
    for (const r of rows) {
      const before = r.had ? describeValue(v, r.field, r.before) : '';
      const after = r.has ? describeValue(v, r.field, r.after) : '';
      out += [...base, csvField(fieldLabel(v, r.field)), csvField(before), csvField(after), via].join(',') + '\r\n';
    }
  }
  return out;
}

/** `2026-05-12 14:05:09` in the council's time zone: sortable, and read by Excel as a date. */
const stampFormats = new Map<string, Intl.DateTimeFormat>();

function formatStamp(at: number, tz: string): string {
  let f = stampFormats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    stampFormats.set(tz, f);
  }
  const parts = Object.fromEntries(f.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

import { field, list, proposalRef, text, units, url, type FieldContext, type FieldResult } from '#root/domain/forms.js';
import { momentProblem, parseDateTime, parseDuration, parseOffsets } from '#root/domain/time.js';

export type Rsvp = 'yes' | 'no' | 'sub';

export interface Meeting {
  v: 1;
  id: string;
  title: string;
  startsAt: number;
  durationMin: number;
  place?: string | undefined;
  link?: string | undefined;
  /** 'all' follows the units as they are when something is sent, including new ones. */
  units: string[] | 'all';
  proposal?: string | undefined;
  agenda: string[];
  remindersMs: number[];
  status: 'scheduled' | 'cancelled';
  cancelReason?: string | undefined;
  /** Bumped by every edit: reminder jobs of an older version do nothing. */
  version: number;
  createdBy: number;
  createdAt: number;
  updatedAt: number;
}

export interface RsvpRecord {
  answer: Rsvp;
  sub?: string | undefined;
  unit: string;
  name: string;
  at: number;
}

export const DEFAULT_REMINDERS = '1d, 1h';
export const DEFAULT_DURATION_MIN = 120;

function when(raw: string, ctx: FieldContext): FieldResult<number> {
  const res = parseDateTime(raw, { now: ctx.now, tz: ctx.tz });
  if (!res.ok) return momentProblem(raw, ctx, res.error);
  if (res.at.getTime() <= ctx.now.getTime()) return { ok: false, error: 'form-past-when' };
  return { ok: true, value: res.at.getTime() };
}

function duration(raw: string): FieldResult<number> {
  const res = parseDuration(raw);
  return res.ok && res.minutes <= 24 * 60 ? { ok: true, value: res.minutes } : { ok: false, error: 'form-bad-duration' };
}

const NO_REMINDERS = new Set(['none', 'khong', 'không', 'off', 'tat', 'tắt']);

function reminders(raw: string): FieldResult<number[]> {
  if (NO_REMINDERS.has(raw.trim().toLowerCase())) return { ok: true, value: [] };
  const res = parseOffsets(raw);
  if (!res.ok) return { ok: false, error: 'form-bad-reminders', vars: { bad: res.bad.join(', ') } };
  if (res.offsetsMs.length > 5) return { ok: false, error: 'form-too-many', vars: { max: 5 } };
  return { ok: true, value: res.offsetsMs };
}

/** The meeting form: the order here is the order of the guided conversation. */
export const MEETING_FIELDS = [
  field({ key: 'title', aliases: ['tieude', 'ten', 'tencuochop'], required: true, parse: text(200) }),
  field({ key: 'when', aliases: ['thoigian', 'time', 'luc', 'ngay', 'batdau'], required: true, parse: when }),
  field({ key: 'duration', aliases: ['thoiluong', 'sophut'], required: false, parse: duration }),
  field({ key: 'place', aliases: ['diadiem', 'noihop'], required: false, parse: text(200) }),
  field({ key: 'link', aliases: ['duongdan', 'tructuyen', 'online'], required: false, parse: url }),
  field({ key: 'units', aliases: ['donvi', 'thanhphan'], required: false, parse: units }),
  field({ key: 'proposal', aliases: ['dean', 'duthao'], required: false, parse: proposalRef }),
  field({ key: 'agenda', aliases: ['noidung', 'chuongtrinh', 'nghiday'], required: false, multiline: true, parse: list(30, 300) }),
  field({ key: 'reminders', aliases: ['nhac', 'nhaclich', 'nhacnho'], required: false, parse: reminders }),
];

/** Units a meeting concerns, resolved against the units that exist now. */
export function targetUnits(m: Pick<Meeting, 'units'>, allCodes: string[]): string[] {
  return m.units === 'all' ? allCodes : m.units.filter((u) => allCodes.includes(u));
}

/** Reminder moments still ahead of `now`, as [offset, at] pairs, largest offset first. */
export function dueReminders(m: Pick<Meeting, 'startsAt' | 'remindersMs'>, now: number): [number, number][] {
  return m.remindersMs.map((o) => [o, m.startsAt - o] as [number, number]).filter(([, at]) => at > now);
}

export function parseRsvp(word: string | undefined): Rsvp | undefined {
  const w = word?.toLowerCase();
  if (!w) return undefined;
  if (['yes', 'y', 'co', 'thamdu', 'dự', 'du'].includes(w)) return 'yes';
  if (['no', 'n', 'khong', 'vang', 'vắng'].includes(w)) return 'no';
  if (['sub', 'duthay', 'cunguoi', 'cu', 'thay'].includes(w)) return 'sub';
  return undefined;
}

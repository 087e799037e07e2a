/**
 * Dates, times, offsets, durations and digest schedules as the council writes them.
 *
 * Pure functions: every "now" and every time zone is passed in. All wall-clock values are
 * read and written in the council time zone (`COUNCIL_TIMEZONE`, e.g. 'Asia/Ho_Chi_Minh');
 * instants are plain `Date`s (UTC inside).
 */
import { TZDate } from '@date-fns/tz';

export type Locale = 'vi' | 'en';

export type ParseDateTimeResult = { ok: true; at: Date } | { ok: false; error: 'format' | 'invalid' };

export interface ParseOpts {
  now: Date;
  tz: string;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

// ---------------------------------------------------------------------------------------
// Time-zone helpers

interface WallClock {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number; // 0 = Sunday
}

function zoned(at: Date | number, tz: string): WallClock {
  const d = new TZDate(typeof at === 'number' ? at : at.getTime(), tz);
  if (Number.isNaN(d.getTime())) throw new RangeError(`Invalid date or time zone: ${tz}`);
  return {
    year: d.getFullYear(),
    month: d.getMonth() + 1,
    day: d.getDate(),
    hour: d.getHours(),
    minute: d.getMinutes(),
    second: d.getSeconds(),
    weekday: d.getDay(),
  };
}

/** The instant of a wall-clock time in tz. */
function fromWall(tz: string, year: number, month: number, day: number, hour = 0, minute = 0, second = 0): Date {
  const d = new TZDate(year, month - 1, day, hour, minute, second, tz);
  const t = d.getTime();
  if (Number.isNaN(t)) throw new RangeError(`Invalid time zone: ${tz}`);
  return new Date(t);
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeap(y) ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

// ---------------------------------------------------------------------------------------
// Parsing dates and times

interface DateToken {
  day: number;
  month: number;
  year: number | null;
}

interface TimeToken {
  hour: number;
  minute: number;
  second: number;
  /** Explicit UTC offset in minutes (ISO `Z` / `+07:00`); null means "council time zone". */
  offsetMin: number | null;
  /** Written as an hour alone (`8h`, `8 giờ`): «rưỡi» may follow. */
  hourOnly: boolean;
}

/** The part of the day written after an hour: «2 giờ chiều» is 14:00. */
type DayPart = 'sáng' | 'trưa' | 'chiều' | 'tối' | 'đêm';

interface Tokens {
  dates: DateToken[];
  times: TimeToken[];
  weekday: number | null;
  /** «hôm nay» 0, «ngày mai» 1, «ngày kia» / «ngày mốt» 2. */
  relDays: number | null;
  /** «tuần này» 0, «tuần sau» / «tuần tới» 1 (weeks start on Monday). */
  weekOffset: number | null;
  dayPart: DayPart | null;
  unknown: number;
  /** A token that looked like a date or time but had a bad shape (e.g. a 2-digit year). */
  malformed: boolean;
  /** Two different weekdays, days, weeks or parts of the day were written. */
  weekdayConflict: boolean;
  conflict: boolean;
}

/** Words Vietnamese people put around a date or time that carry no meaning here. */
const FILLER = new Set(['lúc', 'luc', 'ngày', 'ngay', 'vào', 'vao', 'hồi', 'hoi', 'hôm', 'hom', 'at', 'on']);

const DAY_PARTS: Record<string, DayPart> = {
  sáng: 'sáng', sang: 'sáng',
  trưa: 'trưa', trua: 'trưa',
  chiều: 'chiều', chieu: 'chiều',
  tối: 'tối', toi: 'tối',
  đêm: 'đêm', dem: 'đêm',
};

/** Days from today: «nay» (hôm nay, chiều nay), «mai» (ngày mai, sáng mai), «kia» / «mốt». */
const RELATIVE_DAYS: Record<string, number> = {
  nay: 0, today: 0,
  mai: 1, tomorrow: 1,
  kia: 2, mốt: 2, mot: 2,
};

/** What follows «tuần»: «tuần này» is this week, «tuần sau» / «tuần tới» the next. */
const WEEK_WORDS: Record<string, number> = { này: 0, nay: 0, sau: 1, tới: 1, toi: 1 };

const VI_WEEKDAY_WORDS: Record<string, number> = {
  hai: 1, '2': 1,
  ba: 2, '3': 2,
  tư: 3, tu: 3, '4': 3,
  năm: 4, nam: 4, '5': 4,
  sáu: 5, sau: 5, '6': 5,
  bảy: 6, bay: 6, '7': 6,
};

function singleWeekdayToken(tok: string): number | null {
  if (tok === 'cn' || tok === 'chủnhật' || tok === 'chunhat') return 0;
  const m = /^(?:t|thứ|thu)([2-7])$/.exec(tok);
  if (m) return Number(m[1]) - 1;
  return null;
}

function parseTimeToken(tok: string): TimeToken | null | 'malformed' {
  let m = /^(\d{1,2})h(\d{1,2})?$/.exec(tok);
  if (m) return { hour: Number(m[1]), minute: m[2] === undefined ? 0 : Number(m[2]), second: 0, offsetMin: null, hourOnly: m[2] === undefined };
  m = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(z|[+-]\d{2}:?\d{2})?$/.exec(tok);
  if (m) {
    let offsetMin: number | null = null;
    const z = m[4];
    if (z === 'z') offsetMin = 0;
    else if (z !== undefined) {
      const sign = z.startsWith('-') ? -1 : 1;
      const digits = z.slice(1).replace(':', '');
      const oh = Number(digits.slice(0, 2));
      const om = Number(digits.slice(2));
      if (oh > 14 || om > 59) return 'malformed';
      offsetMin = sign * (oh * 60 + om);
    }
    return { hour: Number(m[1]), minute: Number(m[2]), second: m[3] === undefined ? 0 : Number(m[3]), offsetMin, hourOnly: false };
  }
  if (/^\d{1,2}:\d/.test(tok)) return 'malformed';
  return null;
}

function parseDateToken(tok: string): DateToken | null | 'malformed' {
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(tok);
  if (m) return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  m = /^(\d{1,2})([/.-])(\d{1,2})(?:\2(\d+))?$/.exec(tok);
  if (m) {
    const y = m[4];
    if (y !== undefined && y.length !== 4) return 'malformed'; // 2-digit years are refused
    return { day: Number(m[1]), month: Number(m[3]), year: y === undefined ? null : Number(y) };
  }
  if (/^\d+[/.-]\d+/.test(tok)) return 'malformed';
  return null;
}

function tokenize(input: string): Tokens {
  let s = input.normalize('NFC').toLowerCase().trim();
  // "14h00, thứ Sáu (15/10)": commas and brackets only separate.
  s = s.replace(/[,()[\]]/g, ' ');
  // ISO 8601: 2021-10-15T14:00
  s = s.replace(/^(\d{4}-\d{1,2}-\d{1,2})t(?=\d)/, '$1 ');
  // "15 / 10 / 2021", "14 : 00" → "15/10/2021", "14:00"
  s = s.replace(/(\d)\s*([:/.-])\s*(?=\d)/g, '$1$2');
  // "15 tháng 10 năm 2026", "15 tháng 10" → "15/10/2026", "15/10" (a bad year stays bad)
  s = s.replace(/(?<![\d/.-])(\d{1,2})\s+(?:tháng|thang)\s+(\d{1,2})(?:\s+(?:năm|nam)\s+(\d+))?(?![\d/.:-])/g, (_m, d: string, mo: string, y: string | undefined) =>
    y === undefined ? `${d}/${mo}` : `${d}/${mo}/${y}`,
  );
  // "14 giờ 30 phút", "14g30", "14 h" → "14h30", "14h"
  s = s.replace(
    /(\d{1,2})\s*(?:giờ|gio|h|g)(?=[\s\d']|$)\s*(?:(\d{1,2})(?![\d/.:-])\s*(?:phút|phut|p|')?)?(?=\s|$)/g,
    (_m, h: string, min: string | undefined) => `${h}h${min ?? ''}`,
  );
  const raw = s.split(/\s+/).filter((t) => t.length > 0 && !FILLER.has(t));

  const out: Tokens = {
    dates: [], times: [], weekday: null, relDays: null, weekOffset: null, dayPart: null,
    unknown: 0, malformed: false, weekdayConflict: false, conflict: false,
  };
  const setWeekday = (w: number): void => {
    if (out.weekday !== null && out.weekday !== w) out.weekdayConflict = true;
    out.weekday = w;
  };
  const set = <K extends 'relDays' | 'weekOffset' | 'dayPart'>(key: K, value: NonNullable<Tokens[K]>): void => {
    if (out[key] !== null && out[key] !== value) out.conflict = true;
    out[key] = value;
  };
  for (let i = 0; i < raw.length; i++) {
    const tok = raw[i] as string;
    const next = raw[i + 1];
    if ((tok === 'thứ' || tok === 'thu') && next !== undefined && VI_WEEKDAY_WORDS[next] !== undefined) {
      setWeekday(VI_WEEKDAY_WORDS[next]);
      i++;
      continue;
    }
    if ((tok === 'chủ' || tok === 'chu') && (next === 'nhật' || next === 'nhat')) {
      setWeekday(0);
      i++;
      continue;
    }
    if ((tok === 'tuần' || tok === 'tuan') && next !== undefined && WEEK_WORDS[next] !== undefined) {
      set('weekOffset', WEEK_WORDS[next]);
      i++;
      continue;
    }
    const w = singleWeekdayToken(tok);
    if (w !== null) {
      setWeekday(w);
      continue;
    }
    if (DAY_PARTS[tok] !== undefined) {
      set('dayPart', DAY_PARTS[tok]);
      continue;
    }
    if (RELATIVE_DAYS[tok] !== undefined) {
      set('relDays', RELATIVE_DAYS[tok]);
      continue;
    }
    if (tok === 'rưỡi' || tok === 'ruoi') {
      // «8 giờ rưỡi»: half past, only right after an hour written alone.
      const last = out.times[out.times.length - 1];
      if (last?.hourOnly && raw[i - 1] !== undefined && parseTimeToken(raw[i - 1] as string) !== null) {
        last.minute = 30;
        last.hourOnly = false;
      } else out.malformed = true;
      continue;
    }
    const t = parseTimeToken(tok);
    if (t === 'malformed') {
      out.malformed = true;
      continue;
    }
    if (t) {
      out.times.push(t);
      continue;
    }
    const d = parseDateToken(tok);
    if (d === 'malformed') {
      out.malformed = true;
      continue;
    }
    if (d) {
      out.dates.push(d);
      continue;
    }
    out.unknown++;
  }
  return out;
}

function timeInRange(t: TimeToken): boolean {
  return t.hour <= 23 && t.minute <= 59 && t.second <= 59;
}

/**
 * The hour on the 24-hour clock for an hour written with a part of the day, or null when
 * the two disagree («14h sáng»): sáng 0–11; trưa 10–12, 1–2 (13–14); chiều 1–7 (13–19),
 * 12–19; tối 6–11 (18–23), 18–23; đêm 9–11 (21–23), 21–23, 0–4.
 */
function withDayPart(hour: number, part: DayPart): number | null {
  switch (part) {
    case 'sáng':
      return hour <= 11 ? hour : null;
    case 'trưa':
      if (hour >= 10 && hour <= 14) return hour;
      return hour >= 1 && hour <= 2 ? hour + 12 : null;
    case 'chiều':
      if (hour >= 12 && hour <= 19) return hour;
      return hour >= 1 && hour <= 7 ? hour + 12 : null;
    case 'tối':
      if (hour >= 18 && hour <= 23) return hour;
      return hour >= 6 && hour <= 11 ? hour + 12 : null;
    case 'đêm':
      if ((hour >= 21 && hour <= 23) || hour <= 4) return hour;
      return hour >= 9 && hour <= 11 ? hour + 12 : null;
  }
}

interface Day {
  year: number;
  month: number;
  day: number;
}

/** The calendar day `n` days after `d` (n may be negative). */
function addDays(d: Day, n: number): Day {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + n));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

function weekdayOf(d: Day): number {
  return new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
}

const sameDay = (a: Day, b: Day): boolean => a.year === b.year && a.month === b.month && a.day === b.day;

/**
 * The day a relative phrase names, counted in the council's calendar from `today`:
 * «ngày mai» (+1), «thứ Sáu tuần sau» (the Friday of next week; weeks run Monday to Sunday),
 * «thứ Sáu tuần này». A weekday with neither is left to the caller; null when nothing
 * relative was written. 'format' for a week without its weekday or a day and a week together.
 */
function relativeDay(tk: Tokens, today: Day): Day | null | 'format' {
  if (tk.relDays !== null && tk.weekOffset !== null) return 'format';
  if (tk.relDays !== null) return addDays(today, tk.relDays);
  if (tk.weekOffset !== null) {
    if (tk.weekday === null) return 'format';
    const monday = addDays(today, -((weekdayOf(today) + 6) % 7));
    return addDays(monday, 7 * tk.weekOffset + ((tk.weekday + 6) % 7));
  }
  return null;
}

type Resolved = { ok: true; at: Date } | { ok: false; error: 'format' | 'invalid'; mismatch?: { at: Date; written: number; actual: number } };

function resolveDateTime(input: string, opts: ParseOpts): Resolved {
  const tk = tokenize(input);
  if (tk.unknown > 0 || tk.malformed || tk.dates.length > 1 || tk.times.length !== 1) return { ok: false, error: 'format' };
  if (tk.weekdayConflict || tk.conflict) return { ok: false, error: 'invalid' };
  const t0 = tk.times[0] as TimeToken;
  if (!timeInRange(t0)) return { ok: false, error: 'invalid' };
  let t = t0;
  if (tk.dayPart !== null) {
    const hour = withDayPart(t0.hour, tk.dayPart);
    if (hour === null) return { ok: false, error: 'invalid' };
    t = { ...t0, hour };
  }
  const build = (d: Day): Date | null => {
    if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > daysInMonth(d.year, d.month)) return null;
    if (t.offsetMin !== null) {
      return new Date(Date.UTC(d.year, d.month - 1, d.day, t.hour, t.minute, t.second) - t.offsetMin * MINUTE_MS);
    }
    return fromWall(opts.tz, d.year, d.month, d.day, t.hour, t.minute, t.second);
  };
  const today = zoned(opts.now, opts.tz);
  const rel = relativeDay(tk, today);
  if (rel === 'format') return { ok: false, error: 'format' };

  let at: Date | null = null;
  const d = tk.dates[0];
  if (d !== undefined) {
    if (d.month < 1 || d.month > 12 || d.day < 1) return { ok: false, error: 'invalid' };
    if (d.year !== null) {
      at = build({ year: d.year, month: d.month, day: d.day });
    } else {
      if (d.day > daysInMonth(2000, d.month)) return { ok: false, error: 'invalid' };
      // 29/02 may need up to 8 years (across a skipped century leap year).
      for (let y = today.year; y <= today.year + 8 && at === null; y++) {
        const c = build({ year: y, month: d.month, day: d.day });
        if (c !== null && c.getTime() > opts.now.getTime()) at = c;
      }
    }
    // «ngày mai, 15/10»: both must name the same day.
    if (at !== null && rel !== null && !sameDay(zoned(at, opts.tz), rel)) return { ok: false, error: 'invalid' };
  } else if (rel !== null) {
    at = build(rel);
  } else if (tk.weekday !== null) {
    // «14h thứ Sáu»: the next Friday at 14:00 (today, if it is Friday and 14:00 is ahead).
    for (let n = 0; n <= 7 && at === null; n++) {
      const day = addDays(today, n);
      const c = weekdayOf(day) === tk.weekday ? build(day) : null;
      if (c !== null && c.getTime() > opts.now.getTime()) at = c;
    }
  } else {
    return { ok: false, error: 'format' }; // a time alone
  }
  if (at === null) return { ok: false, error: 'invalid' };
  const actual = zoned(at, opts.tz).weekday;
  if (tk.weekday !== null && actual !== tk.weekday) return { ok: false, error: 'invalid', mismatch: { at, written: tk.weekday, actual } };
  return { ok: true, at };
}

/**
 * Parses a meeting time as Vietnamese people write it, in the council time zone:
 * `15/10/2021 14:00`, `15/10/2021 14h`, `15/10/2021 14h30`, `14h30 15/10/2021`,
 * `14:00 15/10/2021`, `15.10.2021 14:00`, `15-10-2021 14:00`, `2021-10-15T14:00`,
 * `2021-10-15 14:00`, `14h00 ngày 15/10/2021`, `lúc 14g30 ngày 15/10`, `14 giờ 30 15/10/2021`,
 * `14h ngày 15 tháng 10 năm 2021`; an hour with a part of the day (`2 giờ chiều`, `8h sáng`,
 * `7 giờ tối`) or a half (`8 giờ rưỡi`); a weekday, also in brackets (`15/10/2021 (thứ Sáu)`),
 * which must agree with the date; relative days (`14h ngày mai`, `sáng mai 8h`, `14h hôm nay`,
 * `2 giờ chiều thứ Sáu tuần sau`, `9h thứ Hai tuần này`, `14h thứ Sáu`: the next Friday);
 * and the bot's own output, `14h00, thứ Sáu, ngày 15/10/2021` and `14:00 thứ Sáu, 15/10/2021`.
 * A date without a year is the next such date (this year if still ahead of now). Relative
 * days are counted from `now` in the council's calendar, weeks from Monday.
 * A date alone, a time alone, a 2-digit year or anything unrecognised → 'format';
 * an impossible date or time (31/02, 25:00, wrong weekday, «14h sáng») → 'invalid'.
 */
export function parseDateTime(input: string, opts: ParseOpts): ParseDateTimeResult {
  const r = resolveDateTime(input, opts);
  return r.ok ? r : { ok: false, error: r.error };
}

/**
 * When `input` is refused only because its weekday is not the date's (`14h thứ Sáu, 15/10/2026`
 * when that is a Thursday): the moment the date and time name, the weekday written and the
 * date's own (0 = Sunday). Otherwise undefined.
 */
function weekdayMismatch(input: string, opts: ParseOpts): { at: Date; written: number; actual: number } | undefined {
  const r = resolveDateTime(input, opts);
  return r.ok ? undefined : r.mismatch;
}

/**
 * Why a meeting time or a deadline written in a form is refused, as a form problem (a locale
 * key): `form-bad-when` (not a date and time), `form-weekday-when` (the weekday written is not
 * the date's: the date as dd/mm/yyyy and both weekdays, 0 = Sunday), `form-invalid-when`.
 */
export function momentProblem(
  input: string,
  opts: ParseOpts,
  error: 'format' | 'invalid',
): { ok: false; error: string; vars?: Record<string, string | number> } {
  if (error === 'format') return { ok: false, error: 'form-bad-when' };
  const wrong = weekdayMismatch(input, opts);
  if (wrong) return { ok: false, error: 'form-weekday-when', vars: { date: formatDate(wrong.at, 'vi', opts.tz), written: wrong.written, actual: wrong.actual } };
  return { ok: false, error: 'form-invalid-when' };
}

/**
 * Parses a date without a time (`15/10/2021`, `15.10.2021`, `2021-10-15`, `ngày 15/10`,
 * `ngày 15 tháng 10 năm 2021`, `thứ Sáu, 15/10/2021`, `15/10/2021 (thứ Sáu)`) and returns the
 * start of that day in tz. A date without a year is the next such day (today counts). A time
 * or a relative day in the input → 'format'.
 */
export function parseDate(input: string, opts: ParseOpts): ParseDateTimeResult {
  const tk = tokenize(input);
  if (tk.unknown > 0 || tk.malformed || tk.dates.length !== 1 || tk.times.length !== 0) return { ok: false, error: 'format' };
  if (tk.relDays !== null || tk.weekOffset !== null || tk.dayPart !== null) return { ok: false, error: 'format' };
  if (tk.weekdayConflict) return { ok: false, error: 'invalid' };
  const d = tk.dates[0] as DateToken;
  if (d.month < 1 || d.month > 12 || d.day < 1) return { ok: false, error: 'invalid' };
  let year: number | null = null;
  if (d.year !== null) {
    if (d.day <= daysInMonth(d.year, d.month)) year = d.year;
  } else {
    if (d.day > daysInMonth(2000, d.month)) return { ok: false, error: 'invalid' };
    const today = zoned(opts.now, opts.tz);
    const todayKey = today.month * 100 + today.day;
    for (let y = today.year; y <= today.year + 8 && year === null; y++) {
      if (d.day > daysInMonth(y, d.month)) continue;
      if (y > today.year || d.month * 100 + d.day >= todayKey) year = y;
    }
  }
  if (year === null) return { ok: false, error: 'invalid' };
  const at = fromWall(opts.tz, year, d.month, d.day);
  if (tk.weekday !== null && zoned(at, opts.tz).weekday !== tk.weekday) return { ok: false, error: 'invalid' };
  return { ok: true, at };
}

// ---------------------------------------------------------------------------------------
// Formatting

const VI_WEEKDAYS = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'] as const;
const EN_WEEKDAYS_SHORT = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const EN_WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** vi `thứ Sáu` / `Chủ nhật`, en `Friday` (0 = Sunday). */
export function weekdayName(weekday: number, locale: Locale): string {
  const i = ((weekday % 7) + 7) % 7;
  return (locale === 'vi' ? VI_WEEKDAYS[i] : EN_WEEKDAYS[i]) as string;
}

/** `14:00` in tz. */
export function formatTime(at: Date, tz: string): string {
  const w = zoned(at, tz);
  return `${pad2(w.hour)}:${pad2(w.minute)}`;
}

/** The hour as offices write it: vi `14h00`, `08h30`; en `14:00`. */
export function formatClock(at: Date, locale: Locale, tz: string): string {
  const w = zoned(at, tz);
  return locale === 'vi' ? `${pad2(w.hour)}h${pad2(w.minute)}` : `${pad2(w.hour)}:${pad2(w.minute)}`;
}

/** A day with its weekday: vi `thứ Sáu, ngày 15/10/2021`, en `Fri 15 Oct 2021`. */
export function formatDay(at: Date, locale: Locale, tz: string): string {
  const w = zoned(at, tz);
  if (locale === 'vi') return `${VI_WEEKDAYS[w.weekday] as string}, ngày ${pad2(w.day)}/${pad2(w.month)}/${w.year}`;
  return `${EN_WEEKDAYS_SHORT[w.weekday] as string} ${w.day} ${EN_MONTHS[w.month - 1] as string} ${w.year}`;
}

/** vi `15/10/2021`, en `15 Oct 2021`. */
export function formatDate(at: Date, locale: Locale, tz: string): string {
  const w = zoned(at, tz);
  if (locale === 'vi') return `${pad2(w.day)}/${pad2(w.month)}/${w.year}`;
  return `${w.day} ${EN_MONTHS[w.month - 1] as string} ${w.year}`;
}

/**
 * A moment as offices write it: vi `14h00, thứ Sáu, ngày 15/10/2021` (announcements,
 * reminders, confirmations, documents), en `Fri 15 Oct 2021, 14:00`.
 */
export function formatDateTime(at: Date, locale: Locale, tz: string): string {
  if (locale === 'vi') return `${formatClock(at, 'vi', tz)}, ${formatDay(at, 'vi', tz)}`;
  return `${formatDay(at, 'en', tz)}, ${formatTime(at, tz)}`;
}

/**
 * `ngày 25 tháng 10 năm 2021`, for official documents. Per Nghị định 30/2020/NĐ-CP, days
 * below 10 and the months 1 and 2 take a leading zero (`ngày 05 tháng 02 năm 2021`,
 * `ngày 25 tháng 3 năm 2021`).
 */
export function formatDateLong(at: Date, tz: string): string {
  const w = zoned(at, tz);
  const month = w.month <= 2 ? pad2(w.month) : String(w.month);
  return `ngày ${pad2(w.day)} tháng ${month} năm ${w.year}`;
}

/** The calendar day of an instant in tz (month 1–12, weekday 0 = Sunday). */
export function calendarDay(at: Date | number, tz: string): { year: number; month: number; day: number; weekday: number } {
  const w = zoned(at, tz);
  return { year: w.year, month: w.month, day: w.day, weekday: w.weekday };
}

/**
 * The week a weekly summary sent at `now` covers, in tz: Monday 00:00 to the next Monday
 * 00:00 (`end` is exclusive: Sunday 24:00). Sent on a Monday, it covers the week that has
 * just ended (a Monday-morning summary reviews last week); on any other day, the week it is
 * sent in (the default Friday-afternoon summary covers Monday to Sunday of that week).
 */
export function summaryWeek(now: Date | number, tz: string): { start: Date; end: Date } {
  const w = zoned(now, tz);
  const today: Day = { year: w.year, month: w.month, day: w.day };
  const back = w.weekday === 1 ? 7 : (w.weekday + 6) % 7;
  const monday = addDays(today, -back);
  const next = addDays(monday, 7);
  return { start: fromWall(tz, monday.year, monday.month, monday.day), end: fromWall(tz, next.year, next.month, next.day) };
}

/**
 * Whole calendar days from `from` to `to` in tz (negative if `to` is earlier): for
 * countdowns such as "còn 3 ngày". 23:59 today → 00:01 tomorrow is 1 day.
 */
export function relativeDays(from: Date, to: Date, tz: string): number {
  const a = zoned(from, tz);
  const b = zoned(to, tz);
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / DAY_MS);
}

// ---------------------------------------------------------------------------------------
// Reminder offsets and durations

const UNIT_MS: Record<string, number> = {
  d: DAY_MS, day: DAY_MS, days: DAY_MS, ngày: DAY_MS, ngay: DAY_MS,
  h: HOUR_MS, hour: HOUR_MS, hours: HOUR_MS, giờ: HOUR_MS, gio: HOUR_MS, g: HOUR_MS,
  m: MINUTE_MS, min: MINUTE_MS, mins: MINUTE_MS, minute: MINUTE_MS, minutes: MINUTE_MS,
  phút: MINUTE_MS, phut: MINUTE_MS, p: MINUTE_MS,
  s: 1000, sec: 1000, secs: 1000, second: 1000, seconds: 1000, giây: 1000, giay: 1000,
};

/** `1d 2h30m`, `2h30` (bare minutes after hours), `90 phút` → ms; null if not an amount. */
function parseAmount(item: string): number | null {
  const s = item.normalize('NFC').toLowerCase().trim();
  if (s === '') return null;
  const re = /\s*(\d{1,6})\s*([a-zà-ỹđ]*)\s*/gy;
  let total = 0;
  let pos = 0;
  let prevUnit = 0;
  let m: RegExpExecArray | null;
  while (pos < s.length && (m = re.exec(s)) !== null) {
    if (m[0].length === 0) break;
    pos = re.lastIndex;
    const n = Number(m[1]);
    const unitWord = m[2] as string;
    let unit: number | undefined;
    if (unitWord === '') {
      // "2h30": a bare number right after hours means minutes; anything else is ambiguous.
      if (prevUnit !== HOUR_MS || pos < s.length) return null;
      unit = MINUTE_MS;
    } else {
      unit = UNIT_MS[unitWord];
      if (unit === undefined) return null;
    }
    total += n * unit;
    prevUnit = unit;
  }
  if (pos !== s.length) return null;
  return total;
}

/**
 * Reminder offsets before a meeting: `1d, 1h`, `2h30m`, `15m`, `1d 2h` (one offset of 26 h),
 * `5s` (tests); items separated by `,` or `;`; units d h m s (and ngày/giờ/phút). Sorted
 * descending, duplicates removed. Any zero, negative or unreadable item is returned in `bad`.
 */
export function parseOffsets(input: string): { ok: true; offsetsMs: number[] } | { ok: false; bad: string[] } {
  const items = input.split(/[,;]/).map((s) => s.trim());
  const nonEmpty = items.filter((s) => s !== '');
  if (nonEmpty.length === 0) return { ok: false, bad: [input.trim()] };
  const bad: string[] = [];
  const values = new Set<number>();
  for (const item of nonEmpty) {
    const ms = parseAmount(item);
    if (ms === null || ms <= 0) bad.push(item);
    else values.add(ms);
  }
  if (bad.length > 0) return { ok: false, bad };
  return { ok: true, offsetsMs: [...values].sort((a, b) => b - a) };
}

/** vi `1 ngày`, `2 giờ 30 phút`; en `1 day`, `2 hours 30 minutes`. Rounded to seconds. */
export function formatOffset(ms: number, locale: Locale): string {
  let rest = Math.max(0, Math.round(ms / 1000));
  const parts: [number, string, string, string][] = [];
  const units: [number, string, string, string][] = [
    [86_400, 'ngày', 'day', 'days'],
    [3_600, 'giờ', 'hour', 'hours'],
    [60, 'phút', 'minute', 'minutes'],
    [1, 'giây', 'second', 'seconds'],
  ];
  for (const [size, vi, one, many] of units) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) parts.push([n, vi, one, many]);
  }
  if (parts.length === 0) return locale === 'vi' ? '0 phút' : '0 minutes';
  return parts.map(([n, vi, one, many]) => `${n} ${locale === 'vi' ? vi : n === 1 ? one : many}`).join(' ');
}

/**
 * A meeting's length in whole minutes: `120`, `90 phút`, `90p`, `90 min`, `1h30`, `1h30m`,
 * `2h`, `1 giờ 30 phút`. Zero, negative, fractional, seconds or anything else is refused.
 */
export function parseDuration(input: string): { ok: true; minutes: number } | { ok: false } {
  const s = input.normalize('NFC').trim().toLowerCase();
  if (/^\d{1,5}$/.test(s)) {
    const n = Number(s);
    return n > 0 ? { ok: true, minutes: n } : { ok: false };
  }
  const ms = parseAmount(s);
  if (ms === null || ms <= 0 || ms % MINUTE_MS !== 0) return { ok: false };
  return { ok: true, minutes: ms / MINUTE_MS };
}

// ---------------------------------------------------------------------------------------
// Digest schedule

export type DigestSpec = { kind: 'off' } | { kind: 'cron'; pattern: string; source: 'daily' | 'weekly' | 'cron' };

/**
 * `empty`: nothing given; `kind`: not off/daily/weekly/cron; `time`: bad HH:MM; `day`: bad
 * weekday; `cron`: bad cron field (see `detail`); `seconds`: a 6-field cron (with seconds);
 * `often`: a cron that would run more than once within an hour.
 */
type DigestSpecError = 'empty' | 'kind' | 'time' | 'day' | 'cron' | 'seconds' | 'often';

export type ParseDigestSpecResult =
  | { ok: true; spec: DigestSpec }
  | { ok: false; error: DigestSpecError; detail?: string };

/** Lower case, no diacritics, no spaces: `Thứ Sáu` → `thusau`, `hàng tuần` → `hangtuan`. */
function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, '');
}

const DAY_WORDS: Record<string, number> = {
  sun: 0, sunday: 0, cn: 0, chunhat: 0,
  mon: 1, monday: 1, thu2: 1, t2: 1, thuhai: 1,
  tue: 2, tues: 2, tuesday: 2, thu3: 2, t3: 2, thuba: 2,
  wed: 3, wednesday: 3, thu4: 3, t4: 3, thutu: 3,
  thu: 4, thur: 4, thurs: 4, thursday: 4, thu5: 4, t5: 4, thunam: 4,
  fri: 5, friday: 5, thu6: 5, t6: 5, thusau: 5,
  sat: 6, saturday: 6, thu7: 6, t7: 6, thubay: 6,
};

const OFF_WORDS = new Set(['off', 'tat', 'none', 'khong']);
const DAILY_WORDS = ['daily', 'hangngay']; // hàng ngày, hằng ngày
const WEEKLY_WORDS = ['weekly', 'hangtuan'];

function parseClock(tok: string): { hour: number; minute: number } | null {
  const m = /^(\d{1,2})(?::(\d{2})|[hg](\d{2})?)$/.exec(tok.toLowerCase());
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2] ?? m[3] ?? '0');
  if (hour > 23 || minute > 59) return null;
  return { hour, minute };
}

interface CronField {
  name: string;
  min: number;
  max: number;
  /** Names accepted for this field, valued from `nameBase` up. */
  names?: readonly string[];
  nameBase?: number;
}

const CRON_FIELDS: readonly CronField[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, nameBase: 1, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] },
  { name: 'day-of-week', min: 0, max: 7, nameBase: 0, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];

function cronValue(v: string, f: CronField): number | null {
  if (/^\d{1,2}$/.test(v)) {
    const n = Number(v);
    return n >= f.min && n <= f.max ? n : null;
  }
  if (f.names) {
    const i = f.names.indexOf(v);
    if (i >= 0) return i + (f.nameBase ?? 0);
  }
  return null;
}

function validCronField(text: string, f: CronField): boolean {
  for (const item of text.split(',')) {
    const m = /^(\*|[a-z0-9]+(?:-[a-z0-9]+)?)(?:\/(\d{1,2}))?$/.exec(item);
    if (!m) return false;
    const base = m[1] as string;
    if (m[2] !== undefined) {
      const step = Number(m[2]);
      if (step < 1 || step > f.max - f.min + 1) return false;
    }
    if (base === '*') continue;
    const [a, b] = base.split('-') as [string, string | undefined];
    const va = cronValue(a, f);
    if (va === null) return false;
    if (b !== undefined) {
      const vb = cronValue(b, f);
      if (vb === null || vb < va) return false;
    }
  }
  return true;
}

/**
 * Validates a raw cron pattern: exactly 5 fields (minute hour day-of-month month day-of-week);
 * a 6th field would be seconds, which a summary schedule never needs (detail `seconds`).
 * Each field: `*`, numbers, names (jan…, sun…), lists, ranges, steps. Returns the pattern
 * with single spaces and lower-case names.
 */
export function validateCron(input: string): { ok: true; pattern: string } | { ok: false; detail: string } {
  const fields = input.trim().toLowerCase().split(/\s+/);
  if (fields.length === 6) return { ok: false, detail: 'seconds' };
  if (fields.length !== 5) return { ok: false, detail: 'fields' };
  for (let i = 0; i < fields.length; i++) {
    const def = CRON_FIELDS[i] as CronField;
    if (!validCronField(fields[i] as string, def)) return { ok: false, detail: def.name };
  }
  return { ok: true, pattern: fields.join(' ') };
}

/**
 * At most one summary an hour: a valid pattern runs at most once within any hour exactly when
 * its minute field names one minute (`0`, not `*`, `0,30`, `*\/5` or `0-5`).
 */
function cronAtMostHourly(pattern: string): boolean {
  return /^\d{1,2}$/.test(pattern.split(' ')[0] ?? '');
}

/**
 * `/digest off|daily HH:MM|weekly DAY HH:MM|CRON`. Aliases: `tắt`/`tat`; `hàng ngày`/
 * `hằng ngày`/`hangngay`; `hàng tuần`/`hangtuan`. DAY: `mon`…`sun`, `monday`…, `t2`…`t7`,
 * `thu2`…`thu7`, `cn`, `chunhat`, `thứ sáu`, `thu sau`, `chủ nhật`. Time: `16:00`, `16h`, `16h30`.
 */
export function parseDigestSpec(input: string): ParseDigestSpecResult {
  const s = input.normalize('NFC').trim();
  if (s === '') return { ok: false, error: 'empty' };
  const folded = fold(s);
  if (OFF_WORDS.has(folded)) return { ok: true, spec: { kind: 'off' } };

  // A raw cron pattern starts with a cron-ish field.
  if (/^[\d*]/.test(s)) {
    const c = validateCron(s);
    if (!c.ok) return c.detail === 'seconds' ? { ok: false, error: 'seconds' } : { ok: false, error: 'cron', detail: c.detail };
    if (!cronAtMostHourly(c.pattern)) return { ok: false, error: 'often' };
    return { ok: true, spec: { kind: 'cron', pattern: c.pattern, source: 'cron' } };
  }

  const words = s.split(/\s+/);
  // The keyword may be one or two words (`hàng tuần`).
  let kind: 'daily' | 'weekly' | null = null;
  let restWords: string[] = [];
  for (const n of [1, 2]) {
    const head = fold(words.slice(0, n).join(' '));
    if (DAILY_WORDS.includes(head)) kind = 'daily';
    else if (WEEKLY_WORDS.includes(head)) kind = 'weekly';
    if (kind !== null) {
      restWords = words.slice(n);
      break;
    }
  }
  if (kind === null) return { ok: false, error: 'kind' };
  if (restWords.length === 0) return { ok: false, error: kind === 'weekly' ? 'day' : 'time' };

  if (kind === 'daily') {
    if (restWords.length !== 1) return { ok: false, error: 'time' };
    const t = parseClock(restWords[0] as string);
    if (!t) return { ok: false, error: 'time' };
    return { ok: true, spec: { kind: 'cron', pattern: `${t.minute} ${t.hour} * * *`, source: 'daily' } };
  }

  // weekly: the time is the first or the last word, the day is the rest.
  const dayOf = (ws: string[]): number | undefined => (ws.length === 0 ? undefined : DAY_WORDS[fold(ws.join(' '))]);
  let t = parseClock(restWords[restWords.length - 1] as string);
  let day = dayOf(restWords.slice(0, -1));
  if (!t) {
    t = parseClock(restWords[0] as string);
    day = dayOf(restWords.slice(1));
  }
  if (!t) {
    // No readable time: blame the time if a day is readable without the first or last word.
    const dayOk = [restWords, restWords.slice(0, -1), restWords.slice(1)].some((ws) => dayOf(ws) !== undefined);
    return { ok: false, error: dayOk ? 'time' : 'day' };
  }
  if (day === undefined) return { ok: false, error: 'day' };
  return { ok: true, spec: { kind: 'cron', pattern: `${t.minute} ${t.hour} * * ${day}`, source: 'weekly' } };
}

/**
 * vi `hàng tuần vào 16:00 thứ Sáu`, `hàng ngày lúc 08:00`, `theo lịch cron «…»`, `tắt`;
 * en `weekly on Friday at 16:00`, `daily at 08:00`, `on cron schedule «…»`, `off`.
 */
export function describeDigestSpec(spec: DigestSpec, locale: Locale): string {
  if (spec.kind === 'off') return locale === 'vi' ? 'tắt' : 'off';
  const m = /^(\d{1,2}) (\d{1,2}) \* \* (\*|[0-7])$/.exec(spec.pattern);
  if (m && spec.source !== 'cron') {
    const time = `${pad2(Number(m[2]))}:${pad2(Number(m[1]))}`;
    const dow = m[3] as string;
    if (spec.source === 'daily' && dow === '*') return locale === 'vi' ? `hàng ngày lúc ${time}` : `daily at ${time}`;
    if (spec.source === 'weekly' && dow !== '*') {
      const day = Number(dow);
      return locale === 'vi'
        ? `hàng tuần vào ${time} ${weekdayName(day, 'vi')}`
        : `weekly on ${weekdayName(day, 'en')} at ${time}`;
    }
  }
  return locale === 'vi' ? `theo lịch cron «${spec.pattern}»` : `on cron schedule «${spec.pattern}»`;
}

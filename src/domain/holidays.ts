/**
 * Vietnam's public holidays and the lunar calendar they partly follow, so that a meeting or a
 * deadline set on a day off can be pointed out to the secretary (a warning, never a refusal).
 *
 * Public holidays (Bộ luật Lao động 2019, Điều 112):
 * - Tết Dương lịch: 1/1.
 * - Tết Nguyên đán: five days around the lunar new year. The government fixes the official
 *   days each year (the last day or two of the old year and the first days of the new one,
 *   often joined to weekends); here the usual span, 30 Tết (the last day of the lunar year,
 *   which is the 29th when the twelfth month is short) to mùng 5, is marked as "usual".
 * - Giỗ Tổ Hùng Vương: 10/3 of the lunar calendar.
 * - Ngày Chiến thắng: 30/4. Ngày Quốc tế Lao động: 1/5.
 * - Quốc khánh: 2/9 and one day next to it, 1/9 or 3/9 as the government decides each year:
 *   both are marked as "usual" (possibly a day off).
 * Days off given in compensation (nghỉ bù) and days swapped by decision are not known here.
 *
 * The lunar calendar is the Vietnamese one, reckoned at UTC+7 (which is why Tết can fall on a
 * different day than in China, e.g. 21/1/1985 against 20/2/1985): a month starts on the day of
 * a new moon; the eleventh month is the one holding the winter solstice; in a year of 13
 * months the first month after the eleventh without a major solar term (the sun entering a
 * new 30° sector of longitude) is the leap month. The astronomy is the usual low-precision
 * one, as in Hồ Ngọc Đức's published algorithm: Meeus's series for the mean new moon with its
 * main periodic terms, and the sun's apparent longitude from its mean longitude and anomaly;
 * good to a few minutes, plenty for calendar days over 1900–2100.
 */
import { calendarDay } from '#root/domain/time.js';

// ---------------------------------------------------------------------------------------
// Lunar calendar

/** Hours east of UTC at which the Vietnamese calendar is reckoned. */
const VN_OFFSET_HOURS = 7;
const SYNODIC_MONTH = 29.530588853;
/** Julian date of the new moon of 1 January 1900, new moon number 0 below. */
const NEW_MOON_0 = 2415021.076998695;
const RAD = Math.PI / 180;
/** Julian day number of 1 January 1970. */
const JDN_EPOCH = 2440588;
const DAY_MS = 86_400_000;

/** Julian day number (a whole number per civil day) of a Gregorian date. */
function julianDayNumber(year: number, month: number, day: number): number {
  return Math.round(Date.UTC(year, month - 1, day) / DAY_MS) + JDN_EPOCH;
}

function fromJulianDayNumber(jdn: number): { year: number; month: number; day: number } {
  const d = new Date((jdn - JDN_EPOCH) * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The Julian date (UTC, fractional) of new moon number `k` counted from January 1900. */
function newMoon(k: number): number {
  const t = k / 1236.85; // Julian centuries from 1900
  const t2 = t * t;
  const t3 = t2 * t;
  const mean = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3 + 0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * RAD);
  const sunAnomaly = (359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3) * RAD;
  const moonAnomaly = (306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3) * RAD;
  const latitudeArg = (21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3) * RAD;
  const periodic =
    (0.1734 - 0.000393 * t) * Math.sin(sunAnomaly) +
    0.0021 * Math.sin(2 * sunAnomaly) -
    0.4068 * Math.sin(moonAnomaly) +
    0.0161 * Math.sin(2 * moonAnomaly) -
    0.0004 * Math.sin(3 * moonAnomaly) +
    0.0104 * Math.sin(2 * latitudeArg) -
    0.0051 * Math.sin(sunAnomaly + moonAnomaly) -
    0.0074 * Math.sin(sunAnomaly - moonAnomaly) +
    0.0004 * Math.sin(2 * latitudeArg + sunAnomaly) -
    0.0004 * Math.sin(2 * latitudeArg - sunAnomaly) -
    0.0006 * Math.sin(2 * latitudeArg + moonAnomaly) +
    0.001 * Math.sin(2 * latitudeArg - moonAnomaly) +
    0.0005 * Math.sin(sunAnomaly + 2 * moonAnomaly);
  // Terrestrial to universal time, in days.
  const deltaT =
    t < -11 ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3 : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return mean + periodic - deltaT;
}

/** The civil day (Julian day number, at UTC+7) of new moon number `k`. */
function newMoonDay(k: number): number {
  return Math.floor(newMoon(k) + 0.5 + VN_OFFSET_HOURS / 24);
}

/** Which 30° sector (0–11) of longitude the sun is in at the start of a civil day (UTC+7). */
function sunSector(jdn: number): number {
  const t = (jdn - 2451545.5 - VN_OFFSET_HOURS / 24) / 36525; // Julian centuries from J2000
  const t2 = t * t;
  const anomaly = (357.5291 + 35999.0503 * t - 0.0001559 * t2 - 0.00000048 * t * t2) * RAD;
  const meanLongitude = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  const centre =
    (1.9146 - 0.004817 * t - 0.000014 * t2) * Math.sin(anomaly) + (0.019993 - 0.000101 * t) * Math.sin(2 * anomaly) + 0.00029 * Math.sin(3 * anomaly);
  const longitude = (((meanLongitude + centre) % 360) + 360) % 360;
  return Math.floor(longitude / 30);
}

/** The first day of the eleventh lunar month (the month of the winter solstice) of Gregorian year `year`. */
function eleventhMonthStart(year: number): number {
  const k = Math.floor((julianDayNumber(year, 12, 31) - NEW_MOON_0) / SYNODIC_MONTH);
  const start = newMoonDay(k);
  // The sun past 270° at this new moon: the solstice came before it, in the month before.
  return sunSector(start) >= 9 ? newMoonDay(k - 1) : start;
}

/**
 * In a lunar year of 13 months starting after the eleventh month that begins on `month11`,
 * how many months after it the leap month comes: the first month in which the sun enters no
 * new sector.
 */
function leapMonthAfter(month11: number): number {
  const k = Math.floor((month11 - NEW_MOON_0) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let sector = sunSector(newMoonDay(k + i));
  for (;;) {
    const previous = sector;
    i++;
    sector = sunSector(newMoonDay(k + i));
    if (sector === previous || i >= 14) return i - 1;
  }
}

export interface LunarDate {
  /** The lunar year, named for the Gregorian year in which it mostly falls. */
  year: number;
  /** 1–12. */
  month: number;
  /** 1–30. */
  day: number;
  /** A leap month (tháng nhuận), which repeats the number of the month before it. */
  leap: boolean;
}

/** The Vietnamese lunar date of a Gregorian date. */
export function toLunar(year: number, month: number, day: number): LunarDate {
  const jdn = julianDayNumber(year, month, day);
  const k = Math.floor((jdn - NEW_MOON_0) / SYNODIC_MONTH);
  let monthStart = newMoonDay(k + 1);
  if (monthStart > jdn) monthStart = newMoonDay(k);
  // The eleventh months before and after this day bound the lunar year it belongs to.
  let before = eleventhMonthStart(year);
  let after: number;
  let lunarYear: number;
  if (before >= monthStart) {
    lunarYear = year;
    after = before;
    before = eleventhMonthStart(year - 1);
  } else {
    lunarYear = year + 1;
    after = eleventhMonthStart(year + 1);
  }
  const monthsAfter11 = Math.floor((monthStart - before) / 29);
  let lunarMonth = monthsAfter11 + 11;
  let leap = false;
  if (after - before > 365) {
    const leapAt = leapMonthAfter(before);
    if (monthsAfter11 >= leapAt) {
      lunarMonth = monthsAfter11 + 10;
      leap = monthsAfter11 === leapAt;
    }
  }
  if (lunarMonth > 12) lunarMonth -= 12;
  if (lunarMonth >= 11 && monthsAfter11 < 4) lunarYear -= 1;
  return { year: lunarYear, month: lunarMonth, day: jdn - monthStart + 1, leap };
}

/** The Gregorian date of the first day of lunar year `year` (Tết Nguyên đán, mùng 1 Tết). */
export function lunarNewYear(year: number): { year: number; month: number; day: number } {
  // Mùng 1 Tết falls between 21 January and 20 February.
  for (let jdn = julianDayNumber(year, 1, 21); jdn <= julianDayNumber(year, 2, 20); jdn++) {
    const d = fromJulianDayNumber(jdn);
    const l = toLunar(d.year, d.month, d.day);
    if (l.month === 1 && l.day === 1 && !l.leap) return d;
  }
  throw new RangeError(`no lunar new year found in ${year}`);
}

// ---------------------------------------------------------------------------------------
// Public holidays

type HolidayId = 'new-year' | 'tet' | 'hung-kings' | 'victory' | 'labour' | 'national-day';

export interface Holiday {
  id: HolidayId;
  /**
   * False when the day is off by law every year; true when it is only usually off, the
   * official days being set by the government each year (Tết, the day next to 2/9).
   */
  usual: boolean;
  /** For Tết: the lunar day, `{ month: 12, day: 30 }` is 30 Tết, `{ month: 1, day: 3 }` mùng 3. */
  lunar?: { month: number; day: number };
}

/** The public holiday on a Gregorian date, if any. */
export function holidayOn(year: number, month: number, day: number): Holiday | undefined {
  if (month === 1 && day === 1) return { id: 'new-year', usual: false };
  if (month === 4 && day === 30) return { id: 'victory', usual: false };
  if (month === 5 && day === 1) return { id: 'labour', usual: false };
  if (month === 9 && day === 2) return { id: 'national-day', usual: false };
  if (month === 9 && (day === 1 || day === 3)) return { id: 'national-day', usual: true };
  // The lunar holidays fall between late January and late April.
  if (month > 5) return undefined;
  const l = toLunar(year, month, day);
  if (l.month === 3 && l.day === 10 && !l.leap) return { id: 'hung-kings', usual: false };
  if (l.month === 1 && !l.leap && l.day <= 5) return { id: 'tet', usual: true, lunar: { month: 1, day: l.day } };
  if (l.month === 12 && l.day >= 29) {
    // The last day of the year is 30 Tết, or 29 Tết when the twelfth month has 29 days.
    const next = fromJulianDayNumber(julianDayNumber(year, month, day) + 1);
    const n = toLunar(next.year, next.month, next.day);
    if (n.month === 1 && n.day === 1) return { id: 'tet', usual: true, lunar: { month: 12, day: l.day } };
  }
  return undefined;
}

/** Why a day may be a poor choice for a meeting or a deadline: a public holiday, else a weekend. */
export type DateWarning = { kind: 'holiday'; at: number; holiday: Holiday } | { kind: 'weekend'; at: number };

/**
 * Warnings for a moment in the council time zone: its day is a public holiday (one warning,
 * which says enough even on a weekend), or a Saturday or Sunday. Empty on a working day.
 */
export function dateWarnings(at: number, tz: string): DateWarning[] {
  const d = calendarDay(at, tz);
  const holiday = holidayOn(d.year, d.month, d.day);
  if (holiday) return [{ kind: 'holiday', at, holiday }];
  if (d.weekday === 0 || d.weekday === 6) return [{ kind: 'weekend', at }];
  return [];
}

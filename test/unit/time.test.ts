import { describe, it, expect } from 'vitest';
import {
  parseDateTime,
  parseDate,
  formatDateTime,
  formatDate,
  formatTime,
  formatDateLong,
  formatClock,
  formatDay,
  momentProblem,
  summaryWeek,
  calendarDay,
  parseOffsets,
  formatOffset,
  parseDuration,
  parseDigestSpec,
  describeDigestSpec,
  validateCron,
  relativeDays,
  weekdayName,
} from '../../src/domain/time.js';

const tz = 'Asia/Ho_Chi_Minh';
const now = new Date('2021-10-01T03:00:00Z'); // 10:00 on 1 Oct 2021 in Hà Nội
const opts = { now, tz };
const at1400 = '2021-10-15T07:00:00.000Z'; // 14:00 15/10/2021 +07

function iso(input: string, o = opts): string {
  const r = parseDateTime(input, o);
  if (!r.ok) throw new Error(`expected ok for ${JSON.stringify(input)}, got ${r.error}`);
  return r.at.toISOString();
}

describe('parseDateTime: accepted formats', () => {
  it.each([
    '15/10/2021 14:00',
    '15/10/2021 14h',
    '15/10/2021 14H',
    '15/10/2021 14h00',
    '14h 15/10/2021',
    '14:00 15/10/2021',
    '14h00 15/10/2021',
    '15.10.2021 14:00',
    '15-10-2021 14:00',
    '2021-10-15T14:00',
    '2021-10-15t14:00',
    '2021-10-15 14:00',
    '2021-10-15T14:00:00',
    '14h00 ngày 15/10/2021',
    'lúc 14h ngày 15/10/2021',
    'Lúc 14:00, ngày 15/10/2021',
    'luc 14h ngay 15/10/2021',
    '  15/10/2021    14:00  ',
    '15 / 10 / 2021 14 : 00',
    '15/10/2021 14 h',
    '14g 15/10/2021',
    '14 giờ 15/10/2021',
    '14 giờ 00 phút ngày 15/10/2021',
    '14:00 thứ Sáu, 15/10/2021',
    '14:00 thứ 6 15/10/2021',
    '14:00 T6 15/10/2021',
    '5/10/2021 14:00'.replace('5/10', '15/10'),
    '\u0031\u0034h ng\u0061\u0300y 15/10/2021', // decomposed "ngày" (NFD)
  ])('%s → 14:00 15/10/2021 (+07)', (input) => {
    expect(iso(input)).toBe(at1400);
  });

  it('reads minutes in every form', () => {
    const half = '2021-10-15T07:30:00.000Z';
    expect(iso('15/10/2021 14h30')).toBe(half);
    expect(iso('14h30 15/10/2021')).toBe(half);
    expect(iso('14g30 15/10/2021')).toBe(half);
    expect(iso('14 giờ 30 phút 15/10/2021')).toBe(half);
    expect(iso('14 giờ 30 ngày 15/10/2021')).toBe(half);
    expect(iso('15/10/2021 14:30')).toBe(half);
    expect(iso('15/10/2021 14h05')).toBe('2021-10-15T07:05:00.000Z');
    expect(iso('1/2/2022 8:05')).toBe('2022-02-01T01:05:00.000Z');
  });

  it('honours an explicit ISO offset or Z', () => {
    expect(iso('2021-10-15T14:00Z')).toBe('2021-10-15T14:00:00.000Z');
    expect(iso('2021-10-15T14:00+07:00')).toBe(at1400);
    expect(iso('2021-10-15T14:00-0500')).toBe('2021-10-15T19:00:00.000Z');
  });

  it('is correct around midnight in the council time zone', () => {
    expect(iso('00:30 16/10/2021')).toBe('2021-10-15T17:30:00.000Z');
    expect(iso('23:59 15/10/2021')).toBe('2021-10-15T16:59:00.000Z');
    expect(iso('00:00 01/01/2022')).toBe('2021-12-31T17:00:00.000Z');
  });

  it('uses the given time zone', () => {
    expect(iso('15/10/2021 14:00', { now, tz: 'UTC' })).toBe('2021-10-15T14:00:00.000Z');
    expect(iso('15/10/2021 14:00', { now, tz: 'Europe/Berlin' })).toBe('2021-10-15T12:00:00.000Z');
  });

  it('accepts 29/02 in a leap year', () => {
    expect(iso('29/02/2024 09:00')).toBe('2024-02-29T02:00:00.000Z');
  });
});

describe('parseDateTime: no year means the next such date', () => {
  it('this year when still ahead', () => {
    expect(iso('15/10 14:00')).toBe(at1400);
    expect(iso('14h ngày 15/10')).toBe(at1400);
  });
  it('next year when already past', () => {
    expect(iso('30/09 14:00')).toBe('2022-09-30T07:00:00.000Z');
    // today, earlier hour (now is 10:00 on 1/10) → next year; later hour → today
    expect(iso('01/10 09:00')).toBe('2022-10-01T02:00:00.000Z');
    expect(iso('01/10 11:00')).toBe('2021-10-01T04:00:00.000Z');
  });
  it('decides "this year" in the council time zone', () => {
    // 31/12/2021 23:00 UTC is already 01/01/2022 06:00 in Hà Nội
    const n = new Date('2021-12-31T23:00:00Z');
    expect(iso('02/01 08:00', { now: n, tz })).toBe('2022-01-02T01:00:00.000Z');
    expect(iso('31/12 08:00', { now: n, tz })).toBe('2022-12-31T01:00:00.000Z');
  });
  it('29/02 goes to the next leap year', () => {
    expect(iso('29/02 08:00')).toBe('2024-02-29T01:00:00.000Z');
  });
});

describe('parseDateTime: refusals', () => {
  it.each([
    ['15/10/2021', 'format'],
    ['ngày 15/10/2021', 'format'],
    ['14:00', 'format'],
    ['14h', 'format'],
    ['', 'format'],
    ['   ', 'format'],
    ['mai', 'format'],
    ['15/10/21 14:00', 'format'],
    ['15/10/221 14:00', 'format'],
    ['15/10/2021 14:00 17:00', 'format'],
    ['15/10/2021 16/10/2021 14:00', 'format'],
    ['15/10/2021 14:00 abc', 'format'],
    ['15/10-2021 14:00', 'format'],
    ['15/10/2021 14:0', 'format'],
    ['15/10/2021 2pm', 'format'],
    ['31/02/2021 14:00', 'invalid'],
    ['29/02/2021 14:00', 'invalid'],
    ['31/04/2021 14:00', 'invalid'],
    ['00/10/2021 14:00', 'invalid'],
    ['15/13/2021 14:00', 'invalid'],
    ['15/10/2021 24:00', 'invalid'],
    ['15/10/2021 25h', 'invalid'],
    ['15/10/2021 14:60', 'invalid'],
    ['15/10/2021 14h75', 'invalid'],
    ['31/02 14:00', 'invalid'],
    ['2021-02-30T10:00', 'invalid'],
    ['14:00 thứ Năm, 15/10/2021', 'invalid'],
    ['14:00 thứ Sáu chủ nhật 15/10/2021', 'invalid'],
  ] as const)('%s → %s', (input, error) => {
    expect(parseDateTime(input, opts)).toEqual({ ok: false, error });
  });
});

describe('parseDateTime: dates as people write them', () => {
  // Wednesday 7 October 2026, 10:00 in Hà Nội: relative forms are counted from here.
  const wed = { now: new Date('2026-10-07T03:00:00Z'), tz };
  const at = (input: string, o = wed) => iso(input, o);
  /** The instant of a wall-clock time in Hà Nội (+07, no DST). */
  const hn = (y: number, mo: number, d: number, h: number, mi = 0) => new Date(Date.UTC(y, mo - 1, d, h - 7, mi)).toISOString();

  it('«ngày 15 tháng 10 năm 2026»', () => {
    expect(at('14h ngày 15 tháng 10 năm 2026')).toBe(hn(2026, 10, 15, 14));
    expect(at('ngày 15 tháng 10 năm 2026 lúc 14 giờ 30')).toBe(hn(2026, 10, 15, 14, 30));
    expect(at('Ngày 5 Tháng 1 Năm 2027, 8h')).toBe(hn(2027, 1, 5, 8));
    expect(at('14h ngày 15 tháng 10')).toBe(hn(2026, 10, 15, 14)); // no year: the next 15/10
    expect(at('14h ngay 15 thang 10 nam 2026')).toBe(hn(2026, 10, 15, 14));
  });

  it('an hour with the part of the day: «2 giờ chiều», «8h sáng», «7 giờ tối»', () => {
    expect(at('2 giờ chiều 15/10/2026')).toBe(hn(2026, 10, 15, 14));
    expect(at('8h sáng 15/10/2026')).toBe(hn(2026, 10, 15, 8));
    expect(at('8 giờ sáng ngày 15/10/2026')).toBe(hn(2026, 10, 15, 8));
    expect(at('7 giờ tối 15/10/2026')).toBe(hn(2026, 10, 15, 19));
    expect(at('1 giờ trưa 15/10/2026')).toBe(hn(2026, 10, 15, 13));
    expect(at('11h trưa 15/10/2026')).toBe(hn(2026, 10, 15, 11));
    expect(at('10 giờ đêm 15/10/2026')).toBe(hn(2026, 10, 15, 22));
    expect(at('14h chiều 15/10/2026')).toBe(hn(2026, 10, 15, 14)); // 24-hour clock and the part agree
    expect(at('2h30 chiều 15/10/2026')).toBe(hn(2026, 10, 15, 14, 30));
    expect(at('2 gio chieu 15/10/2026')).toBe(hn(2026, 10, 15, 14));
  });

  it('«8 giờ rưỡi» is half past', () => {
    expect(at('8 giờ rưỡi 15/10/2026')).toBe(hn(2026, 10, 15, 8, 30));
    expect(at('8h rưỡi sáng 15/10/2026')).toBe(hn(2026, 10, 15, 8, 30));
    expect(at('2 giờ rưỡi chiều 15/10/2026')).toBe(hn(2026, 10, 15, 14, 30));
    expect(at('8 gio ruoi 15/10/2026')).toBe(hn(2026, 10, 15, 8, 30));
  });

  it('a weekday in brackets, which must be the date’s', () => {
    expect(at('14h00 ngày 15/10/2026 (thứ Năm)')).toBe(hn(2026, 10, 15, 14));
    expect(at('14h00, thứ Năm (15/10/2026)')).toBe(hn(2026, 10, 15, 14));
    expect(at('14h ngày 18/10/2026 (Chủ nhật)')).toBe(hn(2026, 10, 18, 14));
    expect(parseDateTime('14h00 ngày 15/10/2026 (thứ Sáu)', wed)).toEqual({ ok: false, error: 'invalid' });
  });

  it('«ngày mai», «hôm nay», «ngày kia»', () => {
    expect(at('14h ngày mai')).toBe(hn(2026, 10, 8, 14));
    expect(at('8h sáng mai')).toBe(hn(2026, 10, 8, 8));
    expect(at('sáng mai 8 giờ rưỡi')).toBe(hn(2026, 10, 8, 8, 30));
    expect(at('2 giờ chiều nay')).toBe(hn(2026, 10, 7, 14));
    expect(at('16h hôm nay')).toBe(hn(2026, 10, 7, 16));
    expect(at('7 giờ tối ngày kia')).toBe(hn(2026, 10, 9, 19));
    expect(at('9h ngày mốt')).toBe(hn(2026, 10, 9, 9));
    expect(at('14h ngay mai')).toBe(hn(2026, 10, 8, 14));
    // Across the end of a month and a year.
    expect(at('8h ngày mai', { now: new Date('2026-12-31T03:00:00Z'), tz })).toBe(hn(2027, 1, 1, 8));
    // "Tomorrow" is the council's tomorrow: 23:30 UTC on 7/10 is already 06:30 on 8/10 in Hà Nội.
    expect(at('8h ngày mai', { now: new Date('2026-10-07T23:30:00Z'), tz })).toBe(hn(2026, 10, 9, 8));
  });

  it('«thứ Sáu tuần sau», «thứ Hai tuần này»: weeks run Monday to Sunday', () => {
    expect(at('14h thứ Sáu tuần sau')).toBe(hn(2026, 10, 16, 14));
    expect(at('9h thứ Hai tuần sau')).toBe(hn(2026, 10, 12, 9));
    expect(at('9h Chủ nhật tuần sau')).toBe(hn(2026, 10, 18, 9));
    expect(at('9h thứ 6 tuần tới')).toBe(hn(2026, 10, 16, 9));
    expect(at('14h thứ Sáu tuần này')).toBe(hn(2026, 10, 9, 14));
    expect(at('14h thu sau tuan sau')).toBe(hn(2026, 10, 16, 14));
    // Said on a Sunday, "next week" is the week starting the next day.
    expect(at('9h thứ Hai tuần sau', { now: new Date('2026-10-11T03:00:00Z'), tz })).toBe(hn(2026, 10, 12, 9));
  });

  it('a weekday alone is the next such day', () => {
    expect(at('9h thứ Hai')).toBe(hn(2026, 10, 12, 9));
    expect(at('14h thứ Tư')).toBe(hn(2026, 10, 7, 14)); // today, still ahead
    expect(at('8h thứ Tư')).toBe(hn(2026, 10, 14, 8)); // today, already past: next week
    expect(at('14h T6')).toBe(hn(2026, 10, 9, 14));
  });

  it('combinations with a date or a day', () => {
    expect(at('14h ngày 15/10')).toBe(hn(2026, 10, 15, 14));
    expect(at('2 giờ chiều thứ Sáu tuần sau')).toBe(hn(2026, 10, 16, 14));
    expect(at('8h30 sáng thứ Năm, ngày 15/10/2026')).toBe(hn(2026, 10, 15, 8, 30));
    expect(at('14h ngày mai (thứ Năm)')).toBe(hn(2026, 10, 8, 14));
    expect(at('14h ngày mai, 8/10')).toBe(hn(2026, 10, 8, 14));
    expect(at('14h thứ Sáu tuần sau, 16/10/2026')).toBe(hn(2026, 10, 16, 14));
  });

  it('refuses what does not hold together', () => {
    const no = (input: string) => parseDateTime(input, wed);
    expect(no('14h sáng 15/10/2026')).toEqual({ ok: false, error: 'invalid' });
    expect(no('8h chiều 15/10/2026')).toEqual({ ok: false, error: 'invalid' });
    expect(no('25h tối 15/10/2026')).toEqual({ ok: false, error: 'invalid' });
    expect(no('14h ngày mai (thứ Sáu)')).toEqual({ ok: false, error: 'invalid' });
    expect(no('14h ngày mai, 9/10')).toEqual({ ok: false, error: 'invalid' });
    expect(no('14h thứ Sáu tuần sau, 9/10/2026')).toEqual({ ok: false, error: 'invalid' });
    expect(no('8h sáng chiều mai')).toEqual({ ok: false, error: 'invalid' });
    expect(no('14h tuần sau')).toEqual({ ok: false, error: 'format' });
    expect(no('14h ngày mai tuần sau')).toEqual({ ok: false, error: 'format' });
    expect(no('ngày mai')).toEqual({ ok: false, error: 'format' });
    expect(no('thứ Sáu tuần sau')).toEqual({ ok: false, error: 'format' });
    expect(no('chiều mai')).toEqual({ ok: false, error: 'format' });
    expect(no('14h')).toEqual({ ok: false, error: 'format' });
    expect(no('14:00 rưỡi 15/10/2026')).toEqual({ ok: false, error: 'format' });
    expect(no('rưỡi 14h 15/10/2026')).toEqual({ ok: false, error: 'format' });
    expect(no('14h ngày 15 tháng 10 năm 26')).toEqual({ ok: false, error: 'format' });
    expect(no('14h ngày 31 tháng 2 năm 2027')).toEqual({ ok: false, error: 'invalid' });
  });

  it('explains a wrong weekday as a form problem', () => {
    expect(momentProblem('14h00 ngày 15/10/2026 (thứ Sáu)', wed, 'invalid')).toEqual({
      ok: false,
      error: 'form-weekday-when',
      vars: { date: '15/10/2026', written: 5, actual: 4 },
    });
    expect(momentProblem('14h00 ngày 31/02/2027', wed, 'invalid')).toEqual({ ok: false, error: 'form-invalid-when' });
    expect(momentProblem('mai', wed, 'format')).toEqual({ ok: false, error: 'form-bad-when' });
  });

  it('reads back every moment it writes', () => {
    for (let h = 0; h < 24 * 14; h += 7) {
      const moment = new Date(Date.UTC(2026, 9, 8, h, 30));
      expect(at(formatDateTime(moment, 'vi', tz))).toBe(moment.toISOString());
    }
  });
});

describe('summaryWeek: Monday 00:00 to Sunday 24:00 in the council time zone', () => {
  const week = (now: string, zone = tz) => {
    const w = summaryWeek(new Date(now), zone);
    return [w.start.toISOString(), w.end.toISOString()];
  };
  it('the week it is sent in, from Tuesday to Sunday', () => {
    const thisWeek = ['2026-10-04T17:00:00.000Z', '2026-10-11T17:00:00.000Z']; // Mon 5/10 00:00 – Mon 12/10 00:00 (+07)
    expect(week('2026-10-09T09:00:00Z')).toEqual(thisWeek); // Friday 16:00
    expect(week('2026-10-05T17:00:00Z')).toEqual(thisWeek); // Tuesday 00:00
    expect(week('2026-10-11T16:59:00Z')).toEqual(thisWeek); // Sunday 23:59
  });
  it('on a Monday, the week just ended', () => {
    const lastWeek = ['2026-09-27T17:00:00.000Z', '2026-10-04T17:00:00.000Z']; // Mon 28/9 – Mon 5/10 (+07)
    expect(week('2026-10-05T01:00:00Z')).toEqual(lastWeek); // Monday 08:00
    expect(week('2026-10-04T17:00:00Z')).toEqual(lastWeek); // Monday 00:00
  });
  it('counts days in the council time zone, across a year and a DST change', () => {
    // Friday 1/1/2027 in Hà Nội: the week of Monday 28/12/2026.
    expect(week('2027-01-01T03:00:00Z')).toEqual(['2026-12-27T17:00:00.000Z', '2027-01-03T17:00:00.000Z']);
    // Berlin, the week of the October 2026 change (Sunday 25/10): 7 days, 169 hours.
    expect(week('2026-10-23T10:00:00Z', 'Europe/Berlin')).toEqual(['2026-10-18T22:00:00.000Z', '2026-10-25T23:00:00.000Z']);
  });
  it('calendarDay gives the council-zone day', () => {
    expect(calendarDay(new Date('2026-10-07T23:30:00Z'), tz)).toEqual({ year: 2026, month: 10, day: 8, weekday: 4 });
  });
});

describe('parseDate', () => {
  it('returns the start of the day in tz', () => {
    for (const s of ['15/10/2021', '15.10.2021', '15-10-2021', '2021-10-15', 'ngày 15/10/2021', 'thứ Sáu, 15/10/2021']) {
      const r = parseDate(s, opts);
      expect(r).toEqual({ ok: true, at: new Date('2021-10-14T17:00:00.000Z') });
    }
  });
  it('no year: today counts, earlier goes to next year', () => {
    expect(parseDate('01/10', opts)).toEqual({ ok: true, at: new Date('2021-09-30T17:00:00.000Z') });
    expect(parseDate('30/09', opts)).toEqual({ ok: true, at: new Date('2022-09-29T17:00:00.000Z') });
  });
  it('refuses times and bad dates', () => {
    expect(parseDate('15/10/2021 14:00', opts)).toEqual({ ok: false, error: 'format' });
    expect(parseDate('15/10/21', opts)).toEqual({ ok: false, error: 'format' });
    expect(parseDate('hôm nay', opts)).toEqual({ ok: false, error: 'format' });
    expect(parseDate('31/02/2021', opts)).toEqual({ ok: false, error: 'invalid' });
    expect(parseDate('thứ Hai, 15/10/2021', opts)).toEqual({ ok: false, error: 'invalid' });
  });
});

describe('formatting', () => {
  const at = new Date(at1400);
  it('date and time', () => {
    expect(formatDateTime(at, 'vi', tz)).toBe('14h00, thứ Sáu, ngày 15/10/2021');
    expect(formatDateTime(at, 'en', tz)).toBe('Fri 15 Oct 2021, 14:00');
    expect(formatDate(at, 'vi', tz)).toBe('15/10/2021');
    expect(formatDate(at, 'en', tz)).toBe('15 Oct 2021');
    expect(formatTime(at, tz)).toBe('14:00');
    expect(formatClock(at, 'vi', tz)).toBe('14h00');
    expect(formatClock(at, 'en', tz)).toBe('14:00');
    expect(formatDay(at, 'vi', tz)).toBe('thứ Sáu, ngày 15/10/2021');
    expect(formatDay(at, 'en', tz)).toBe('Fri 15 Oct 2021');
  });
  it('shows the council-zone day around midnight', () => {
    const late = new Date('2021-10-15T17:30:00Z');
    expect(formatDateTime(late, 'vi', tz)).toBe('00h30, thứ Bảy, ngày 16/10/2021');
    expect(formatDateTime(late, 'en', tz)).toBe('Sat 16 Oct 2021, 00:30');
    expect(formatDate(late, 'vi', tz)).toBe('16/10/2021');
    expect(formatDateTime(late, 'en', 'UTC')).toBe('Fri 15 Oct 2021, 17:30');
  });
  it('pads and names every weekday', () => {
    const sunday = new Date('2021-10-17T01:05:00Z');
    expect(formatDateTime(sunday, 'vi', tz)).toBe('08h05, Chủ nhật, ngày 17/10/2021');
    expect(formatDateTime(new Date('2021-03-01T02:00:00Z'), 'vi', tz)).toBe('09h00, thứ Hai, ngày 01/03/2021');
    expect([0, 1, 2, 3, 4, 5, 6].map((d) => weekdayName(d, 'vi'))).toEqual([
      'Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy',
    ]);
    expect(weekdayName(5, 'en')).toBe('Friday');
  });
  it('round-trips through parseDateTime', () => {
    const s = formatDateTime(at, 'vi', tz);
    expect(iso(s)).toBe(at1400);
  });
  it('long date for documents (Nghị định 30)', () => {
    expect(formatDateLong(new Date('2021-10-25T03:00:00Z'), tz)).toBe('ngày 25 tháng 10 năm 2021');
    expect(formatDateLong(new Date('2021-02-05T03:00:00Z'), tz)).toBe('ngày 05 tháng 02 năm 2021');
    expect(formatDateLong(new Date('2021-03-09T03:00:00Z'), tz)).toBe('ngày 09 tháng 3 năm 2021');
    expect(formatDateLong(new Date('2021-10-24T18:00:00Z'), tz)).toBe('ngày 25 tháng 10 năm 2021');
  });
});

describe('relativeDays', () => {
  it('counts calendar days in tz', () => {
    expect(relativeDays(new Date('2021-10-12T03:00:00Z'), new Date('2021-10-15T10:00:00Z'), tz)).toBe(3);
    expect(relativeDays(new Date('2021-10-15T01:00:00Z'), new Date('2021-10-15T16:00:00Z'), tz)).toBe(0);
    // 23:59 → 00:01 next day (in +07) is one day
    expect(relativeDays(new Date('2021-10-15T16:59:00Z'), new Date('2021-10-15T17:01:00Z'), tz)).toBe(1);
    // same instants in UTC are the same day
    expect(relativeDays(new Date('2021-10-15T16:59:00Z'), new Date('2021-10-15T17:01:00Z'), 'UTC')).toBe(0);
    expect(relativeDays(new Date('2021-10-15T03:00:00Z'), new Date('2021-10-12T03:00:00Z'), tz)).toBe(-3);
    expect(relativeDays(new Date('2021-12-31T03:00:00Z'), new Date('2022-01-01T03:00:00Z'), tz)).toBe(1);
  });
  it('is not fooled by DST', () => {
    const ny = 'America/New_York';
    expect(relativeDays(new Date('2021-03-13T17:00:00Z'), new Date('2021-03-15T16:00:00Z'), ny)).toBe(2);
  });
});

describe('parseOffsets', () => {
  const H = 3_600_000;
  const M = 60_000;
  it.each([
    ['1d, 1h', [24 * H, H]],
    ['1h, 1d', [24 * H, H]],
    ['1d;1h', [24 * H, H]],
    ['2h30m', [2.5 * H]],
    ['2h30', [2.5 * H]],
    ['15m', [15 * M]],
    ['1d 2h', [26 * H]],
    ['1D, 1H', [24 * H, H]],
    ['5s', [5000]],
    ['1h, 60m, 1h', [H]],
    ['1d, 1h, 15m', [24 * H, H, 15 * M]],
    ['  1 d ,  2 h  ', [24 * H, 2 * H]],
    ['1 ngày, 1 giờ, 30 phút', [24 * H, H, 30 * M]],
    ['1d,,1h,', [24 * H, H]],
  ] as const)('%s', (input, expected) => {
    expect(parseOffsets(input)).toEqual({ ok: true, offsetsMs: expected });
  });
  it.each([
    ['0m', ['0m']],
    ['1d, 0h', ['0h']],
    ['-1h', ['-1h']],
    ['1h, abc, 2x', ['abc', '2x']],
    ['1.5h', ['1.5h']],
    ['15', ['15']],
    ['h', ['h']],
    ['', ['']],
    [' , ', [',']],
  ] as const)('%s is refused', (input, bad) => {
    expect(parseOffsets(input)).toEqual({ ok: false, bad });
  });
});

describe('formatOffset', () => {
  it('vi and en', () => {
    expect(formatOffset(86_400_000, 'vi')).toBe('1 ngày');
    expect(formatOffset(3_600_000, 'vi')).toBe('1 giờ');
    expect(formatOffset(9_000_000, 'vi')).toBe('2 giờ 30 phút');
    expect(formatOffset(86_400_000, 'en')).toBe('1 day');
    expect(formatOffset(3_600_000, 'en')).toBe('1 hour');
    expect(formatOffset(9_000_000, 'en')).toBe('2 hours 30 minutes');
    expect(formatOffset(2 * 86_400_000 + 60_000, 'en')).toBe('2 days 1 minute');
    expect(formatOffset(5000, 'vi')).toBe('5 giây');
    expect(formatOffset(0, 'vi')).toBe('0 phút');
    expect(formatOffset(0, 'en')).toBe('0 minutes');
  });
  it('round-trips parseOffsets', () => {
    const r = parseOffsets('1d, 2h30m, 15m');
    expect(r.ok && r.offsetsMs.map((ms) => formatOffset(ms, 'vi'))).toEqual(['1 ngày', '2 giờ 30 phút', '15 phút']);
  });
});

describe('parseDuration', () => {
  it.each([
    ['120', 120],
    ['90 phút', 90],
    ['90 phut', 90],
    ['90p', 90],
    ['90m', 90],
    ['90 min', 90],
    ['1h30', 90],
    ['1h30m', 90],
    ['1h 30m', 90],
    ['1 giờ 30 phút', 90],
    ['2h', 120],
    [' 45 ', 45],
  ] as const)('%s → %d', (input, minutes) => {
    expect(parseDuration(input)).toEqual({ ok: true, minutes });
  });
  it.each(['0', '-30', '1.5', '1,5h', '', 'abc', '30s', '90 phút nữa', '1h30x', '0h'])('%s is refused', (input) => {
    expect(parseDuration(input)).toEqual({ ok: false });
  });
});

describe('parseDigestSpec', () => {
  const cron = (pattern: string, source: 'daily' | 'weekly' | 'cron') => ({
    ok: true,
    spec: { kind: 'cron', pattern, source },
  });
  it.each(['off', 'OFF', 'tat', 'tắt', 'Tắt'])('%s → off', (input) => {
    expect(parseDigestSpec(input)).toEqual({ ok: true, spec: { kind: 'off' } });
  });
  it.each([
    ['daily 08:00', '0 8 * * *'],
    ['daily 8:05', '5 8 * * *'],
    ['daily 8h', '0 8 * * *'],
    ['hangngay 17h30', '30 17 * * *'],
    ['hàng ngày 08:00', '0 8 * * *'],
    ['Hằng ngày 08:00', '0 8 * * *'],
    ['hang ngay 23:59', '59 23 * * *'],
  ])('%s', (input, pattern) => {
    expect(parseDigestSpec(input)).toEqual(cron(pattern, 'daily'));
  });
  it.each([
    ['weekly fri 16:00', '0 16 * * 5'],
    ['weekly Friday 16:00', '0 16 * * 5'],
    ['weekly mon 08:30', '30 8 * * 1'],
    ['weekly sun 08:00', '0 8 * * 0'],
    ['weekly thu 09:00', '0 9 * * 4'],
    ['weekly 16:00 fri', '0 16 * * 5'],
    ['hangtuan thu6 16:00', '0 16 * * 5'],
    ['hangtuan t6 16:00', '0 16 * * 5'],
    ['hangtuan thu2 16:00', '0 16 * * 1'],
    ['hangtuan t2 16:00', '0 16 * * 1'],
    ['hangtuan t7 16:00', '0 16 * * 6'],
    ['hangtuan cn 16:00', '0 16 * * 0'],
    ['hangtuan chunhat 16:00', '0 16 * * 0'],
    ['hàng tuần chủ nhật 16:00', '0 16 * * 0'],
    ['hàng tuần thứ sáu 16:00', '0 16 * * 5'],
    ['hàng tuần Thứ Sáu 16h', '0 16 * * 5'],
    ['hang tuan thu sau 16:00', '0 16 * * 5'],
    ['weekly thứ 6 16:00', '0 16 * * 5'],
    ['weekly thứ tư 16:00', '0 16 * * 3'],
    ['weekly thứ năm 16:00', '0 16 * * 4'],
    ['weekly thứ bảy 16:00', '0 16 * * 6'],
  ])('%s', (input, pattern) => {
    expect(parseDigestSpec(input)).toEqual(cron(pattern, 'weekly'));
  });
  it.each([
    ['0 8 * * 1-5', '0 8 * * 1-5'],
    ['0 * * * *', '0 * * * *'],
    ['30 */2 * * *', '30 */2 * * *'],
    ['0 8-17 1,15 * *', '0 8-17 1,15 * *'],
    ['0  16 * *  FRI', '0 16 * * fri'],
    ['0 9 1 jan-mar *', '0 9 1 jan-mar *'],
    ['0 0 * * 7', '0 0 * * 7'],
    ['59 23 31 12 *', '59 23 31 12 *'],
  ])('cron %s', (input, pattern) => {
    expect(parseDigestSpec(input)).toEqual(cron(pattern, 'cron'));
  });
  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['sometimes', 'kind'],
    ['daily', 'time'],
    ['daily 25:00', 'time'],
    ['daily 08:60', 'time'],
    ['daily 8', 'time'],
    ['daily 08:00 09:00', 'time'],
    ['weekly', 'day'],
    ['weekly 16:00', 'day'],
    ['weekly fri', 'time'],
    ['weekly funday 16:00', 'day'],
    ['weekly t8 16:00', 'day'],
    ['weekly fri 24:00', 'time'],
    ['60 * * * *', 'cron'],
    ['* 24 * * *', 'cron'],
    ['* * 0 * *', 'cron'],
    ['* * 32 * *', 'cron'],
    ['* * * 13 *', 'cron'],
    ['* * * * 8', 'cron'],
    ['* * * *', 'cron'],
    ['* * * * * * *', 'cron'],
    // Seconds: a 6-field pattern would send a summary every second.
    ['*/5 * * * * *', 'seconds'],
    ['0 0 8 * * *', 'seconds'],
    ['* * * * * *', 'seconds'],
    // More than one run within an hour: the minute must be one minute.
    ['*/5 * * * *', 'often'],
    ['*/15 * * * *', 'often'],
    ['0,30 * * * *', 'often'],
    ['0,30 8-17 1,15 * *', 'often'],
    ['* 8 * * *', 'often'],
    ['0-5 8 * * *', 'often'],
    ['5/10 * * * *', 'often'],
    ['*/60 8 * * *', 'often'],
    ['*/0 * * * *', 'cron'],
    ['5-1 * * * *', 'cron'],
    ['? * * * *', 'kind'],
    ['0 8 * * L', 'cron'],
    ['08:00', 'cron'],
  ] as const)('%s → %s', (input, error) => {
    const r = parseDigestSpec(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toBe(error);
  });
  it('names the bad cron field', () => {
    expect(parseDigestSpec('0 25 * * *')).toEqual({ ok: false, error: 'cron', detail: 'hour' });
    expect(validateCron('0 0 8 * * *')).toEqual({ ok: false, detail: 'seconds' });
    expect(parseDigestSpec('0 0 8 * * *')).toEqual({ ok: false, error: 'seconds' });
    expect(validateCron('1 2 3')).toEqual({ ok: false, detail: 'fields' });
  });
});

describe('describeDigestSpec', () => {
  const spec = (input: string) => {
    const r = parseDigestSpec(input);
    if (!r.ok) throw new Error(r.error);
    return r.spec;
  };
  it('vi', () => {
    expect(describeDigestSpec(spec('weekly fri 16:00'), 'vi')).toBe('hàng tuần vào 16:00 thứ Sáu');
    expect(describeDigestSpec(spec('hangtuan cn 8h'), 'vi')).toBe('hàng tuần vào 08:00 Chủ nhật');
    expect(describeDigestSpec(spec('daily 8:00'), 'vi')).toBe('hàng ngày lúc 08:00');
    expect(describeDigestSpec(spec('0 8 * * 1-5'), 'vi')).toBe('theo lịch cron «0 8 * * 1-5»');
    expect(describeDigestSpec(spec('tắt'), 'vi')).toBe('tắt');
  });
  it('en', () => {
    expect(describeDigestSpec(spec('weekly fri 16:00'), 'en')).toBe('weekly on Friday at 16:00');
    expect(describeDigestSpec(spec('daily 08:00'), 'en')).toBe('daily at 08:00');
    expect(describeDigestSpec(spec('0 8 * * 1-5'), 'en')).toBe('on cron schedule «0 8 * * 1-5»');
    expect(describeDigestSpec(spec('off'), 'en')).toBe('off');
  });
  it('a cron that looks simple is still described as cron', () => {
    expect(describeDigestSpec(spec('0 16 * * 5'), 'en')).toBe('on cron schedule «0 16 * * 5»');
  });
});

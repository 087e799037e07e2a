import { describe, expect, it } from 'vitest';
import { dateWarnings, holidayOn, lunarNewYear, toLunar } from '#root/domain/holidays.js';

const tz = 'Asia/Ho_Chi_Minh';
/** 09:00 of a day in Hà Nội (+07). */
const nine = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d, 2);

describe('the Vietnamese lunar calendar', () => {
  // Mùng 1 Tết as published in Vietnamese calendars.
  it.each([
    [1985, '21/1'], // Vietnam (UTC+7) a month before China (20/2/1985): a different leap month
    [2007, '17/2'], // China 18/2: the new moon fell before midnight at UTC+7, after it at UTC+8
    [2020, '25/1'],
    [2021, '12/2'],
    [2022, '1/2'],
    [2023, '22/1'],
    [2024, '10/2'],
    [2025, '29/1'],
    [2026, '17/2'],
    [2027, '6/2'],
    [2028, '26/1'],
    [2029, '13/2'],
    [2030, '2/2'], // China 3/2
  ])('Tết Nguyên đán %i is on %s', (year, date) => {
    const d = lunarNewYear(year);
    expect(`${d.day}/${d.month}`).toBe(date);
  });

  it('names leap months and the months after them', () => {
    // 2023 had a leap second month; 2025 a leap sixth month; 2020 a leap fourth month.
    expect(toLunar(2023, 3, 22)).toEqual({ year: 2023, month: 2, day: 1, leap: true });
    expect(toLunar(2023, 4, 20)).toEqual({ year: 2023, month: 3, day: 1, leap: false });
    expect(toLunar(2025, 7, 25)).toEqual({ year: 2025, month: 6, day: 1, leap: true });
    expect(toLunar(2025, 8, 23)).toEqual({ year: 2025, month: 7, day: 1, leap: false });
    expect(toLunar(2020, 5, 23)).toEqual({ year: 2020, month: 4, day: 1, leap: true });
  });

  it('puts the days before Tết in the old lunar year', () => {
    expect(toLunar(2026, 2, 16)).toEqual({ year: 2025, month: 12, day: 29, leap: false });
    expect(toLunar(2026, 2, 17)).toEqual({ year: 2026, month: 1, day: 1, leap: false });
    expect(toLunar(2026, 1, 1)).toEqual({ year: 2025, month: 11, day: 13, leap: false });
  });
});

describe('public holidays', () => {
  it('fixed days', () => {
    expect(holidayOn(2026, 1, 1)).toEqual({ id: 'new-year', usual: false });
    expect(holidayOn(2026, 4, 30)).toEqual({ id: 'victory', usual: false });
    expect(holidayOn(2026, 5, 1)).toEqual({ id: 'labour', usual: false });
    expect(holidayOn(2026, 9, 2)).toEqual({ id: 'national-day', usual: false });
  });

  it('the day next to Quốc khánh is only possibly off (1/9 or 3/9, decided each year)', () => {
    expect(holidayOn(2026, 9, 1)).toEqual({ id: 'national-day', usual: true });
    expect(holidayOn(2026, 9, 3)).toEqual({ id: 'national-day', usual: true });
    expect(holidayOn(2026, 9, 4)).toBeUndefined();
    expect(holidayOn(2026, 8, 31)).toBeUndefined();
  });

  it('Giỗ Tổ Hùng Vương, 10/3 of the lunar calendar (not of a leap third month)', () => {
    for (const [y, m, d] of [[2023, 4, 29], [2024, 4, 18], [2025, 4, 7], [2026, 4, 26], [2027, 4, 16]] as const) {
      expect(holidayOn(y, m, d)).toEqual({ id: 'hung-kings', usual: false });
    }
    expect(holidayOn(2026, 4, 25)).toBeUndefined();
    expect(holidayOn(2026, 4, 27)).toBeUndefined();
  });

  it('Tết: the last day of the lunar year to mùng 5, as the usual span', () => {
    // 2026: the twelfth month has 29 days, so the last day is 29 Tết (16/2); mùng 1 is 17/2.
    expect(holidayOn(2026, 2, 15)).toBeUndefined();
    expect(holidayOn(2026, 2, 16)).toEqual({ id: 'tet', usual: true, lunar: { month: 12, day: 29 } });
    expect(holidayOn(2026, 2, 17)).toEqual({ id: 'tet', usual: true, lunar: { month: 1, day: 1 } });
    expect(holidayOn(2026, 2, 21)).toEqual({ id: 'tet', usual: true, lunar: { month: 1, day: 5 } });
    expect(holidayOn(2026, 2, 22)).toBeUndefined();
    // 2024: 30 Tết (9/2), mùng 1 on 10/2.
    expect(holidayOn(2024, 2, 8)).toBeUndefined();
    expect(holidayOn(2024, 2, 9)).toEqual({ id: 'tet', usual: true, lunar: { month: 12, day: 30 } });
    expect(holidayOn(2024, 2, 14)).toEqual({ id: 'tet', usual: true, lunar: { month: 1, day: 5 } });
  });

  it('an ordinary day is none', () => {
    expect(holidayOn(2026, 10, 15)).toBeUndefined();
    expect(holidayOn(2026, 3, 10)).toBeUndefined(); // 10/3 of the solar calendar
  });
});

describe('dateWarnings', () => {
  it('a working day: none', () => {
    expect(dateWarnings(nine(2026, 10, 15), tz)).toEqual([]);
  });
  it('a weekend day', () => {
    expect(dateWarnings(nine(2026, 10, 17), tz)).toEqual([{ kind: 'weekend', at: nine(2026, 10, 17) }]);
    expect(dateWarnings(nine(2026, 10, 18), tz)).toEqual([{ kind: 'weekend', at: nine(2026, 10, 18) }]);
  });
  it('a holiday, even on a weekend, is one warning', () => {
    expect(dateWarnings(nine(2026, 4, 30), tz)).toEqual([{ kind: 'holiday', at: nine(2026, 4, 30), holiday: { id: 'victory', usual: false } }]);
    // 1/1/2028 is a Saturday.
    expect(dateWarnings(nine(2028, 1, 1), tz)).toEqual([{ kind: 'holiday', at: nine(2028, 1, 1), holiday: { id: 'new-year', usual: false } }]);
  });
  it('uses the council-zone day', () => {
    // 20:00 UTC on Thursday 30/4/2026 is already Friday 1/5 03:00 in Hà Nội.
    const at = Date.UTC(2026, 3, 30, 20);
    expect(dateWarnings(at, tz)).toEqual([{ kind: 'holiday', at, holiday: { id: 'labour', usual: false } }]);
    expect(dateWarnings(at, 'UTC')).toEqual([{ kind: 'holiday', at, holiday: { id: 'victory', usual: false } }]);
  });
});

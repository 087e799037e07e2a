import { describe, expect, it } from 'vitest';
import { dateWarnings } from '#root/domain/holidays.js';
import { createI18n, type Translator } from '#root/i18n.js';
import type { UnitSummary } from '#root/summaries.js';
import { dateWarningLines, withDateWarnings } from '#root/views/dates.js';
import type { ViewCtx } from '#root/views/meetings.js';
import { unitSummarySections } from '#root/views/summaries.js';

/** The real texts of locales/*.ftl, through the app's Fluent setup. */
const i18n = createI18n('vi');
const t: Translator = (locale, key, vars) => i18n.t(locale, key, vars);
const tz = 'Asia/Ho_Chi_Minh';
const vi: ViewCtx = { t, locale: 'vi', tz };
const en: ViewCtx = { t, locale: 'en', tz };
/** 14:00 of a day in Hà Nội (+07). */
const two = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d, 7);
const lines = (v: ViewCtx, at: number) => dateWarningLines(v, dateWarnings(at, tz));

describe('day-off warnings, as the secretary reads them', () => {
  it('a working day says nothing', () => {
    expect(lines(vi, two(2026, 10, 15))).toEqual([]);
    expect(withDateWarnings(vi, '✅ Đã tạo.', [])).toBe('✅ Đã tạo.');
  });

  it('a weekend', () => {
    expect(lines(vi, two(2026, 10, 17))).toEqual(['⚠️ Lưu ý: thứ Bảy, ngày 17/10/2026 là ngày nghỉ cuối tuần.']);
    expect(lines(vi, two(2026, 10, 18))).toEqual(['⚠️ Lưu ý: Chủ nhật, ngày 18/10/2026 là ngày nghỉ cuối tuần.']);
    expect(lines(en, two(2026, 10, 17))).toEqual(['⚠️ Note: Sat 17 Oct 2026 is a weekend day.']);
  });

  it('public holidays by law', () => {
    expect(lines(vi, two(2026, 4, 30))).toEqual(['⚠️ Lưu ý: thứ Năm, ngày 30/04/2026 là ngày nghỉ lễ Ngày Chiến thắng (30/4).']);
    expect(lines(vi, two(2026, 4, 26))).toEqual(['⚠️ Lưu ý: Chủ nhật, ngày 26/04/2026 là ngày nghỉ lễ Giỗ Tổ Hùng Vương (10/3 âm lịch).']);
    expect(lines(vi, two(2026, 9, 2))).toEqual(['⚠️ Lưu ý: thứ Tư, ngày 02/09/2026 là ngày nghỉ lễ Quốc khánh (2/9).']);
    expect(lines(vi, two(2027, 1, 1))).toEqual(['⚠️ Lưu ý: thứ Sáu, ngày 01/01/2027 là ngày nghỉ lễ Tết Dương lịch.']);
    expect(lines(en, two(2026, 5, 1))).toEqual(['⚠️ Note: Fri 1 May 2026 is a public holiday: International Labour Day (1 May).']);
  });

  it('Tết and the day next to Quốc khánh: usually off, as the government decides', () => {
    expect(lines(vi, two(2026, 2, 16))).toEqual([
      '⚠️ Lưu ý: thứ Hai, ngày 16/02/2026 có thể là ngày nghỉ Tết Nguyên đán (29 Tết); lịch nghỉ chính thức do Chính phủ quyết định hằng năm.',
    ]);
    expect(lines(vi, two(2026, 2, 18))).toEqual([
      '⚠️ Lưu ý: thứ Tư, ngày 18/02/2026 có thể là ngày nghỉ Tết Nguyên đán (mùng 2 Tết); lịch nghỉ chính thức do Chính phủ quyết định hằng năm.',
    ]);
    expect(lines(vi, two(2026, 9, 3))).toEqual([
      '⚠️ Lưu ý: thứ Năm, ngày 03/09/2026 có thể là ngày nghỉ Quốc khánh (2/9); lịch nghỉ chính thức do Chính phủ quyết định hằng năm.',
    ]);
    expect(lines(en, two(2026, 2, 18))).toEqual([
      '⚠️ Note: Wed 18 Feb 2026 may be a day off for the Lunar New Year (Tết), day 2; the official days off are set by the government each year.',
    ]);
  });

  it('a weekday that is not the date’s is named in the form problem', () => {
    expect(t('vi', 'form-weekday-when', { date: '15/10/2026', written: 5, actual: 4 })).toBe('ngày 15/10/2026 là thứ Năm, không phải thứ Sáu; đề nghị kiểm tra lại ngày hoặc thứ');
    expect(t('en', 'form-weekday-when', { date: '18/10/2026', written: 6, actual: 0 })).toBe('18/10/2026 is a Sunday, not a Saturday; please check the date or the weekday');
  });

  it('is added under the confirmation', () => {
    expect(withDateWarnings(vi, '✅ Đã tạo cuộc họp M1.', dateWarnings(two(2026, 10, 17), tz))).toBe(
      '✅ Đã tạo cuộc họp M1.\n⚠️ Lưu ý: thứ Bảy, ngày 17/10/2026 là ngày nghỉ cuối tuần.',
    );
  });
});

describe('a weekly summary is headed with its Monday-to-Sunday week', () => {
  const empty: UnitSummary = { unit: { code: 'BD', name: 'Phường Ba Đình' }, meetings: [], proposals: [], responses: [], notices: [], seen: {} };
  const head = (v: ViewCtx, now: number) => unitSummarySections(v, empty, 'week', now)[0]![0]!.split('\n')[0];

  it('sent on Friday: the week it is in', () => {
    expect(head(vi, Date.UTC(2026, 9, 9, 9))).toBe('📊 TÓM TẮT TUẦN 05–11/10/2026 · Phường Ba Đình');
    expect(head(en, Date.UTC(2026, 9, 9, 9))).toBe('📊 SUMMARY WEEK 5–11 Oct 2026 · Phường Ba Đình');
  });
  it('sent on Monday morning: the week just ended', () => {
    expect(head(vi, Date.UTC(2026, 9, 5, 1))).toBe('📊 TÓM TẮT TUẦN 28/09–04/10/2026 · Phường Ba Đình');
  });
  it('across a year', () => {
    expect(head(vi, Date.UTC(2027, 0, 1, 9))).toBe('📊 TÓM TẮT TUẦN 28/12/2026–03/01/2027 · Phường Ba Đình');
  });
});

import { dateWarnings } from '#root/domain/holidays.js';
import { createI18n } from '#root/i18n.js';
import { dateWarningLines } from '#root/views/dates.js';

const i18n = createI18n('vi');

/**
 * What a secretary's confirmation ends with when a meeting or a deadline falls on a day off
 * (a weekend or a public holiday): each warning line after a newline; '' on a working day.
 * Tests whose dates are relative to now add it to the confirmation they expect, so they read
 * the same whichever day they run on.
 */
export function dayOffNote(ms: number, locale: 'vi' | 'en' = 'vi', tz = 'Asia/Ho_Chi_Minh'): string {
  const lines = dateWarningLines({ t: (l, key, vars) => i18n.t(l, key, vars), locale, tz }, dateWarnings(ms, tz));
  return lines.map((l) => `\n${l}`).join('');
}

import { weekdayName, type DigestSpec, type Locale } from '#root/domain/time.js';
import type { Translator } from '#root/i18n.js';

/** A summary schedule in words: "hàng tuần vào 16:00 thứ Sáu", "daily at 08:00", "off". */
export function describeSchedule(t: Translator, locale: Locale, spec: DigestSpec): string {
  if (spec.kind === 'off') return t(locale, 'schedule-off');
  const m = /^(\d{1,2}) (\d{1,2}) \* \* (\*|[0-7])$/.exec(spec.pattern);
  if (m && spec.source !== 'cron') {
    const time = `${m[2]!.padStart(2, '0')}:${m[1]!.padStart(2, '0')}`;
    if (m[3] === '*') return t(locale, 'schedule-daily', { time });
    return t(locale, 'schedule-weekly', { time, day: weekdayName(Number(m[3]) % 7, locale) });
  }
  return t(locale, 'schedule-cron', { pattern: spec.pattern });
}

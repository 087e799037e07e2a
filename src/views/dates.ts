import type { DateWarning, Holiday } from '#root/domain/holidays.js';
import { formatDay } from '#root/domain/time.js';
import type { ViewCtx } from '#root/views/meetings.js';

/** `Tết Nguyên đán (mùng 2 Tết)`, `Quốc khánh (2/9)`. */
function holidayName(v: ViewCtx, h: Holiday): string {
  if (h.id === 'tet') {
    const day = h.lunar?.day ?? 1;
    return v.t(v.locale, h.lunar?.month === 12 ? 'holiday-tet-eve' : 'holiday-tet', { day });
  }
  return v.t(v.locale, `holiday-${h.id}`);
}

/**
 * The lines that tell a secretary the day chosen for a meeting or a deadline is a day off
 * (only in the secretary's own confirmation, never in what the groups receive).
 */
export function dateWarningLines(v: ViewCtx, warnings: readonly DateWarning[]): string[] {
  return warnings.map((w) => {
    const day = formatDay(new Date(w.at), v.locale, v.tz);
    if (w.kind === 'weekend') return v.t(v.locale, 'date-warning-weekend', { day });
    const key = w.holiday.usual ? 'date-warning-holiday-usual' : 'date-warning-holiday';
    return v.t(v.locale, key, { day, holiday: holidayName(v, w.holiday) });
  });
}

/** A confirmation followed by its warnings, one a line. */
export function withDateWarnings(v: ViewCtx, text: string, warnings: readonly DateWarning[] | undefined): string {
  return [text, ...dateWarningLines(v, warnings ?? [])].join('\n');
}

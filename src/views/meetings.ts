import type { Meeting, Rsvp, RsvpRecord } from '#root/domain/meetings.js';
import { formatClock, formatDate, formatDateTime, formatOffset, relativeDays, type Locale } from '#root/domain/time.js';
import type { Translator } from '#root/i18n.js';
import type { Button } from '#root/telegram/outbox.js';
import { escapeHtml, MESSAGE_LIMIT, splitMessage } from '#root/telegram/text.js';

/** How a meeting reads in Telegram (HTML). Pure: every text comes from the locale files. */
export interface ViewCtx {
  t: Translator;
  locale: Locale;
  tz: string;
}

export function when(v: ViewCtx, at: number): string {
  return formatDateTime(new Date(at), v.locale, v.tz);
}

export function rsvpButtons(v: ViewCtx, id: string): Button[][] {
  return [(['yes', 'no', 'sub'] as Rsvp[]).map((a) => ({ text: v.t(v.locale, `button-rsvp-${a}`), data: `rsvp:${id}:${a}` }))];
}

function locationLine(v: ViewCtx, m: Meeting): string | undefined {
  const parts = [m.place ? escapeHtml(m.place) : undefined, m.link ? v.t(v.locale, 'meeting-online', { link: escapeHtml(m.link) }) : undefined].filter(Boolean);
  return parts.length ? `📍 ${parts.join(' · ')}` : undefined;
}

/** The body shared by the announcement and /meeting: title, time, place, proposal, agenda. */
export function meetingBody(v: ViewCtx, m: Meeting): string[] {
  const lines = [`<b>${escapeHtml(m.title)}</b>`, v.t(v.locale, 'meeting-when', { when: when(v, m.startsAt), duration: m.durationMin })];
  const loc = locationLine(v, m);
  if (loc) lines.push(loc);
  if (m.proposal) lines.push(v.t(v.locale, 'meeting-proposal', { code: escapeHtml(m.proposal) }));
  if (m.agenda.length) {
    lines.push(v.t(v.locale, 'meeting-agenda'));
    m.agenda.forEach((item, i) => lines.push(`${i + 1}. ${escapeHtml(item)}`));
  }
  return lines;
}

export function countsLine(v: ViewCtx, c: Record<Rsvp, number>, expected: number): string {
  const none = Math.max(0, expected - c.yes - c.no - c.sub);
  return v.t(v.locale, 'meeting-counts', { yes: c.yes, no: c.no, sub: c.sub, none });
}

function announcement(v: ViewCtx, m: Meeting, c: Record<Rsvp, number>, expected: number): { html: string; buttons?: Button[][] } {
  if (m.status === 'cancelled') {
    const lines = [v.t(v.locale, 'meeting-ann-cancelled-title', { id: m.id }), ...meetingBody(v, m)];
    if (m.cancelReason) lines.push(v.t(v.locale, 'meeting-cancel-reason', { reason: escapeHtml(m.cancelReason) }));
    return { html: lines.join('\n') };
  }
  const lines = [v.t(v.locale, 'meeting-ann-title', { id: m.id }), ...meetingBody(v, m), v.t(v.locale, 'meeting-ask'), countsLine(v, c, expected)];
  return { html: lines.join('\n'), buttons: rsvpButtons(v, m.id) };
}

/** The counts line at its widest (five digits each): a split decided with it never moves as answers come in. */
function widestCountsLine(v: ViewCtx): string {
  return v.t(v.locale, 'meeting-counts', { yes: 99_999, no: 99_999, sub: 99_999, none: 99_999 });
}

/**
 * The announcement as Telegram can take it. Most fit one message, exactly as `announcement`
 * renders them. A longer one (a long agenda) goes as its details, split on line boundaries,
 * followed by a short last message with the title, the time, the answers and the buttons.
 * Only that last message is stored and edited as answers come in, so it is self-contained
 * and short whatever the agenda. Whether to split depends on the meeting alone (the counts
 * are measured at their widest), so every refresh renders the same shape as was sent. After
 * /editmeeting the last message is edited too; the change notice tells the groups the rest.
 */
export function announcementParts(v: ViewCtx, m: Meeting, c: Record<Rsvp, number>, expected: number): { parts: string[]; buttons?: Button[][] } {
  const whole = announcement(v, m, c, expected);
  const widest = m.status === 'cancelled' ? whole.html.length : whole.html.length - countsLine(v, c, expected).length + widestCountsLine(v).length;
  if (widest <= MESSAGE_LIMIT) return whole.buttons ? { parts: [whole.html], buttons: whole.buttons } : { parts: [whole.html] };

  const cancelled = m.status === 'cancelled';
  const details = splitMessage([v.t(v.locale, cancelled ? 'meeting-ann-cancelled-title' : 'meeting-ann-title', { id: m.id }), ...meetingBody(v, m)].join('\n'));
  const title = escapeHtml(m.title);
  const time = v.t(v.locale, 'meeting-when', { when: when(v, m.startsAt), duration: m.durationMin });
  if (cancelled) {
    const card = [v.t(v.locale, 'meeting-ann-cancelled-title', { id: m.id }), `<b>${title}</b>`, time];
    if (m.cancelReason) card.push(v.t(v.locale, 'meeting-cancel-reason', { reason: escapeHtml(m.cancelReason) }));
    return { parts: [...details, card.join('\n')] };
  }
  const card = [v.t(v.locale, 'meeting-ann-card', { id: m.id, title }), time, v.t(v.locale, 'meeting-ask'), countsLine(v, c, expected)];
  return { parts: [...details, card.join('\n')], buttons: rsvpButtons(v, m.id) };
}

/** "còn 1 giờ" from the real time left, so a reminder sent late after an outage still tells the truth. */
function timeLeft(v: ViewCtx, m: Meeting, now: number): string {
  const minutes = Math.max(1, Math.round((m.startsAt - now) / 60_000));
  return formatOffset(minutes * 60_000, v.locale);
}

function reminder(v: ViewCtx, m: Meeting, now: number): string {
  const sameDay = relativeDays(new Date(now), new Date(m.startsAt), v.tz) === 0;
  return sameDay
    ? v.t(v.locale, 'meeting-remind-today', { id: m.id, title: escapeHtml(m.title), time: formatClock(new Date(m.startsAt), v.locale, v.tz), left: timeLeft(v, m, now) })
    : v.t(v.locale, 'meeting-remind-later', { id: m.id, title: escapeHtml(m.title), when: when(v, m.startsAt), left: timeLeft(v, m, now) });
}

/**
 * Several meetings due for one group at once: one message instead of a burst, as items
 * (the heading travels with the first) so a long list splits between meetings.
 */
export function reminders(v: ViewCtx, ms: Meeting[], now: number): string[] {
  if (ms.length === 1) return [reminder(v, ms[0]!, now)];
  // Meetings on one day: the day goes in the heading once, each line gives only the hour.
  const days = new Set(ms.map((m) => formatDate(new Date(m.startsAt), v.locale, v.tz)));
  const oneDay = days.size === 1;
  const items = ms.map((m) =>
    v.t(v.locale, 'meeting-remind-item', {
      id: m.id,
      title: escapeHtml(m.title),
      when: oneDay ? formatClock(new Date(m.startsAt), v.locale, v.tz) : when(v, m.startsAt),
      left: timeLeft(v, m, now),
    }),
  );
  const head = oneDay
    ? v.t(v.locale, 'meeting-remind-many-day', { count: ms.length, date: formatDate(new Date(ms[0]!.startsAt), v.locale, v.tz) })
    : v.t(v.locale, 'meeting-remind-many', { count: ms.length });
  return [`${head}\n${items[0]}`, ...items.slice(1)];
}

export function nudge(v: ViewCtx, m: Meeting): string {
  return v.t(v.locale, 'meeting-nudge', { id: m.id, title: escapeHtml(m.title), when: when(v, m.startsAt) });
}

export function cancelNotice(v: ViewCtx, m: Meeting): string {
  const lines = [v.t(v.locale, 'meeting-cancelled-notice', { id: m.id, title: escapeHtml(m.title) })];
  if (m.cancelReason) lines.push(v.t(v.locale, 'meeting-cancel-reason', { reason: escapeHtml(m.cancelReason) }));
  return lines.join('\n');
}

/** A field's value as people read it, for "old → new" lines. */
function fieldValue(v: ViewCtx, m: Meeting, field: string): string {
  switch (field) {
    case 'when':
      return when(v, m.startsAt);
    case 'duration':
      return v.t(v.locale, 'minutes', { n: m.durationMin });
    case 'units':
      return m.units === 'all' ? v.t(v.locale, 'all-units') : escapeHtml(m.units.join(', '));
    case 'agenda':
      return escapeHtml(m.agenda.join('; ')) || '—';
    case 'reminders':
      return m.remindersMs.map((o) => formatOffset(o, v.locale)).join(', ') || '—';
    case 'title':
    case 'place':
    case 'link':
    case 'proposal':
      return m[field] ? escapeHtml(m[field]) : '—';
    default:
      return '—';
  }
}

export function changeNotice(v: ViewCtx, before: Meeting, after: Meeting, fields: string[]): string {
  return fields
    .map((f) =>
      v.t(v.locale, 'meeting-changed', { id: after.id, field: v.t(v.locale, `field-meeting-${f}`).toLocaleLowerCase(v.locale), from: fieldValue(v, before, f), to: fieldValue(v, after, f) }),
    )
    .join('\n');
}

export function rsvpLabel(v: ViewCtx, r: RsvpRecord): string {
  const base = v.t(v.locale, `rsvp-label-${r.answer}`);
  return r.answer === 'sub' && r.sub ? `${base}: ${escapeHtml(r.sub)}` : base;
}

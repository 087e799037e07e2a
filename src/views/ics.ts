import { TZDate } from '@date-fns/tz';
import type { Meeting } from '#root/domain/meetings.js';

/**
 * An iCalendar (RFC 5545) file for one meeting. Start and end are written in the council's
 * time zone (TZID) with a VTIMEZONE carrying that zone's offset at the meeting, so calendar
 * apps show the same wall-clock time the council announced and the instant is exact.
 */
function escapeText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Lines longer than 75 octets are folded, never inside a UTF-8 character. */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > (out.length ? 74 : 75)) {
      out.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += n;
  }
  out.push(current);
  return out.join('\r\n ');
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function local(ms: number, tz: string): string {
  const d = new TZDate(ms, tz);
  return `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}T${pad(d.getHours())}${pad(d.getMinutes())}00`;
}

function utc(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function offset(ms: number, tz: string): string {
  const minutes = -new TZDate(ms, tz).getTimezoneOffset();
  const sign = minutes >= 0 ? '+' : '-';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}

export function meetingIcs(m: Meeting, opts: { tz: string; organizer: string; botUsername: string; now?: number }): string {
  const end = m.startsAt + m.durationMin * 60_000;
  const off = offset(m.startsAt, opts.tz);
  const description = [m.proposal ? `Đề án ${m.proposal}` : '', ...m.agenda.map((a, i) => `${i + 1}. ${a}`), m.link ?? ''].filter(Boolean).join('\n');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//Giao Ban//${opts.botUsername}//VI`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VTIMEZONE',
    `TZID:${opts.tz}`,
    'BEGIN:STANDARD',
    'DTSTART:19700101T000000',
    `TZOFFSETFROM:${off}`,
    `TZOFFSETTO:${off}`,
    'END:STANDARD',
    'END:VTIMEZONE',
    'BEGIN:VEVENT',
    `UID:${m.id}-${m.createdAt}@${opts.botUsername}`,
    `DTSTAMP:${utc(opts.now ?? Date.now())}`,
    `SEQUENCE:${m.version - 1}`,
    `DTSTART;TZID=${opts.tz}:${local(m.startsAt, opts.tz)}`,
    `DTEND;TZID=${opts.tz}:${local(end, opts.tz)}`,
    `SUMMARY:${escapeText(`${m.id} · ${m.title}`)}`,
    ...(m.place ? [`LOCATION:${escapeText(m.place)}`] : []),
    ...(description ? [`DESCRIPTION:${escapeText(description)}`] : []),
    ...(m.link ? [`URL:${m.link}`] : []),
    `ORGANIZER;CN=${escapeText(opts.organizer)}:mailto:noreply@invalid`,
    `STATUS:${m.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}

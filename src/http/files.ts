import type { ServerResponse } from 'node:http';
import type { Api } from 'grammy';
import { meetingForCalendar } from '#root/actions/meetings.js';
import { proposalReport } from '#root/actions/proposals.js';
import type { Services } from '#root/context.js';
import { makeActor } from '#root/domain/roles.js';
import type { Route } from '#root/http/server.js';
import { preferredLocale } from '#root/i18n.js';
import { readLink } from '#root/links.js';
import { REPORT_FORMATS, type ReportFormat } from '#root/reports.js';
import { meetingIcs } from '#root/views/ics.js';
import { htmlToText } from '#root/zalo/text.js';

/** A file the Telegram Bot API holds (a notice's photo or document), fetched through getFile. */
type TelegramFileFetcher = (fileId: string) => Promise<{ data: Buffer; mime?: string | undefined }>;

/** Downloads through the Bot API's file endpoint (the token is in its URL: neither is ever logged). */
export function telegramFiles(config: Pick<Services['config'], 'TELEGRAM_API_ROOT' | 'BOT_TOKEN'>, api: Api): TelegramFileFetcher {
  return async (fileId) => {
    const f = await api.getFile(fileId);
    if (!f.file_path) throw new Error('the Bot API gave no path for the file');
    const res = await fetch(`${config.TELEGRAM_API_ROOT}/file/bot${config.BOT_TOKEN}/${f.file_path}`, { signal: AbortSignal.timeout(30_000) });
    if (!res.ok) throw new Error(`downloading the file failed: HTTP ${res.status}`);
    return { data: Buffer.from(await res.arrayBuffer()), mime: res.headers.get('content-type') ?? undefined };
  };
}

export const FILES_PATH = '/f';

const TYPES: Record<ReportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  csv: 'text/csv; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
};

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' }).end(text);
}

function file(res: ServerResponse, data: Buffer, type: string, name: string): void {
  res
    .writeHead(200, {
      'content-type': type,
      'content-length': data.length,
      'content-disposition': `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    })
    .end(data);
}

/**
 * `GET /f/<token>`: a signed link (src/links.ts) opened. An expired or forged one is refused
 * (403). The file is made now, for the person the link was made for, through the same action
 * as the chat's command (/report, /ics): their rights as they are now decide, so a link kept
 * after someone lost their role gives nothing.
 */
export function filesRoute(svc: Services, deps: { telegramFile?: TelegramFileFetcher | undefined; botName: () => string }): Route {
  const { store, config } = svc;
  return async (req, res) => {
    const token = decodeURIComponent((req.url ?? '').split('?')[0]!.slice(FILES_PATH.length + 1));
    const claim = readLink(config, token);
    if (claim === 'forged') return plain(res, 403, 'Đường dẫn không hợp lệ. / This link is not valid.');
    if (claim === 'expired') return plain(res, 403, 'Đường dẫn đã hết hạn: đồng chí vui lòng yêu cầu lại. / This link has expired: please ask again.');
    const [member, prefs] = await Promise.all([store.members.get(claim.user), store.members.prefs(claim.user)]);
    const actor = makeActor(claim.user, member, { adminIds: config.ADMIN_IDS, councilUnit: config.COUNCIL_UNIT });
    const locale = preferredLocale(prefs, config.DEFAULT_LOCALE);
    const refuse = (r: { code: string; vars?: Record<string, string | number> | undefined }) => plain(res, 403, htmlToText(svc.t(locale, r.code, r.vars)));
    svc.log.info({ kind: claim.kind, id: claim.id, user: claim.user }, 'file link opened');
    switch (claim.kind) {
      case 'report': {
        const [code, fmt] = claim.id.split('|');
        const format = REPORT_FORMATS.find((f) => f === fmt) ?? 'docx';
        const r = await proposalReport(svc, actor, { code, format, locale, t: svc.t });
        if (!r.ok) return refuse(r.refusal);
        return file(res, r.value.data, TYPES[format], r.value.name);
      }
      case 'ics': {
        const r = await meetingForCalendar(svc, actor, { id: claim.id });
        if (!r.ok) return refuse(r.refusal);
        const ics = meetingIcs(r.value, { tz: config.COUNCIL_TIMEZONE, organizer: config.COUNCIL_NAME, botUsername: deps.botName() });
        return file(res, Buffer.from(ics, 'utf8'), 'text/calendar; charset=utf-8', `${r.value.id}.ics`);
      }
      case 'notice-file': {
        // Only a notice that went out, to a person it was for (frozen recipient, or of a unit it went to).
        const b = await store.broadcasts.get(claim.id);
        const content = await store.zalo.notice(claim.id);
        const forThem = b && (b.status === 'sending' || b.status === 'done') && ((await store.broadcasts.recipient(b.id, claim.user)) !== undefined || (actor.unit !== undefined && b.units.includes(actor.unit)));
        if (!forThem || !content?.file || !deps.telegramFile) return plain(res, 404, 'Không còn tệp này. / This file is no longer available.');
        const f = await deps.telegramFile(content.file.fileId);
        return file(res, f.data, f.mime ?? 'application/octet-stream', content.file.name ?? `${claim.id}${content.file.kind === 'photo' ? '.jpg' : ''}`);
      }
    }
  };
}

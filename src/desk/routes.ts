/**
 * The desk: the bot's own HTTP server answers `/desk/…` with server-rendered pages for the
 * drafting team and the secretaries (src/app.ts mounts it).
 *
 * Who is asking is decided on every request: the session cookie names a Redis session (by
 * the SHA-256 of its secret), the session names a Telegram user, and the actor is rebuilt
 * from that user's member record (and ADMIN_IDS) as it is now, so a removed member's session
 * ends on their next request and a changed role applies at once. Every page and every write
 * then calls the same actions as the chat, which ask the same policy (src/policy.ts): a
 * unit's secretary sees their own unit's comments and answers, the council's secretaries and
 * admins everything, delegates a page saying the desk is for secretaries.
 *
 * Sessions open two ways: a one-time link sent by `/desk` in the private chat (a random token
 * stored hashed, valid DESK_LINK_TTL_SEC, spent on first use), or Telegram's signed Mini App
 * init data (src/desk/init-data.ts). Login attempts are rate-limited per address and per
 * token. Every write carries the session's CSRF token. No comment text is ever logged: the
 * log names the route, the status, the time taken and the person's id.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Api } from 'grammy';
import { bulkRespond, deskComment, deskComments, deskProposal, mayOpenDesk, saveWording, wordings } from '#root/actions/desk.js';
import { expectedCount, listMeetings, viewMeeting } from '#root/actions/meetings.js';
import { listNotices, noticeAcks } from '#root/actions/notices.js';
import { listProposals, proposalReport, remindSilentUnits } from '#root/actions/proposals.js';
import type { ActionDeps, Actor } from '#root/actions/types.js';
import { parseCommentFilter, parseResponseKind } from '#root/domain/proposals.js';
import { makeActor } from '#root/domain/roles.js';
import { DESK_CSS, DESK_JS } from '#root/desk/assets.js';
import { attachment, clientAddress, cookies, readForm, sameSecret, securityHeaders } from '#root/desk/http.js';
import { checkInitData } from '#root/desk/init-data.js';
import { CommentListing } from '#root/desk/listing.js';
import * as pages from '#root/desk/pages.js';
import type { DeskView } from '#root/desk/pages.js';
import { deskAudit } from '#root/desk/audit.js';
import { localeFromTelegram, preferredLocale, type Locale, type Translator } from '#root/i18n.js';
import { can, type Refusal } from '#root/policy.js';
import type { DeskSession } from '#root/store/desk.js';
import type { Member } from '#root/store/members.js';
import type { Route } from '#root/http/server.js';
import { countdown } from '#root/views/proposals.js';

export interface DeskDeps extends ActionDeps {
  t: Translator;
  /** The bot's API: getFile for attachments. */
  api: Api;
  /** The bot's username, for the "open the bot" link. */
  botUsername(): string;
}

const COOKIE = 'gb_desk';
/** Login attempts per link token in a window (per client address: DESK_LOGIN_PER_ADDRESS). */
const PER_TOKEN = 5;
const WINDOW_SEC = 600;

interface Visit {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  started: number;
  v: DeskView;
  actor: Actor;
  member: Member | undefined;
  sessionId: string;
  session: DeskSession;
}

type Handler = (visit: Visit, m: RegExpExecArray) => Promise<void>;

/** A refusal read in the desk: the chat's text without its Telegram markup, dates as the person reads them. */
function refusalText(v: DeskView, r: Refusal): string {
  const vars = Object.fromEntries(Object.entries(r.vars ?? {}).map(([k, x]) => [k, k === 'when' && typeof x === 'number' ? pages.when(v, x) : x]));
  return v
    .t(r.code, vars)
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

const NOT_FOUND = new Set(['proposal-unknown', 'comment-unknown', 'meeting-unknown', 'broadcast-unknown', 'respond-unknown']);

export function createDesk(deps: DeskDeps): Route {
  const { config, store, log } = deps;
  const council = config.COUNCIL_UNIT;
  const listing = new CommentListing(store);
  const audit = deskAudit(deps);

  const viewFor = (locale: Locale, extra: Partial<DeskView> = {}): DeskView => ({
    t: (key, vars) => deps.t(locale, key, vars),
    locale,
    tz: config.COUNCIL_TIMEZONE,
    now: Date.now(),
    csrf: '',
    may: { respond: false, report: false, remind: false, history: false },
    ...extra,
  });

  function send(res: ServerResponse, started: number, status: number, body: string | Buffer, type = 'text/html; charset=utf-8', headers: Record<string, string | string[]> = {}): void {
    securityHeaders(res);
    res.setHeader('server-timing', `app;dur=${(performance.now() - started).toFixed(1)}`);
    res.writeHead(status, { 'content-type': type, ...headers }).end(body);
  }

  function redirect(res: ServerResponse, started: number, location: string, headers: Record<string, string | string[]> = {}): void {
    send(res, started, 303, '', 'text/plain', { location, ...headers });
  }

  const cookie = (value: string, maxAge: number): string =>
    `${COOKIE}=${value}; Path=/desk; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${config.DESK_COOKIE_SECURE ? '; Secure' : ''}`;

  const fail = (vi: Visit, r: Refusal, status?: number): void =>
    send(vi.res, vi.started, status ?? (NOT_FOUND.has(r.code) ? 404 : 403), pages.messagePage(vi.v, vi.v.t('desk-refused-title'), [refusalText(vi.v, r)], [{ href: '/desk/proposals', text: vi.v.t('desk-nav-proposals') }], { role: 'alert' }));

  /** The person behind the session, as they are now; or the page that says why not. */
  async function visit(req: IncomingMessage, res: ServerResponse, url: URL, started: number): Promise<Visit | undefined> {
    const sessionId = cookies(req).get(COOKIE) ?? '';
    const session = sessionId ? await store.desk.session(sessionId) : undefined;
    const fallback = viewFor(config.DEFAULT_LOCALE);
    if (!session) {
      if (req.method === 'GET') return void redirect(res, started, '/desk/');
      return void send(res, started, 401, pages.messagePage(fallback, fallback.t('desk-session-ended-title'), [fallback.t('desk-session-ended')], [{ href: '/desk/', text: fallback.t('desk-title') }], { nav: false, role: 'alert' }));
    }
    const [member, prefs] = await Promise.all([store.members.get(session.userId), store.members.prefs(session.userId)]);
    const actor = makeActor(session.userId, member, { adminIds: config.ADMIN_IDS, councilUnit: council });
    const v = viewFor(preferredLocale(prefs, config.DEFAULT_LOCALE), { csrf: session.csrf });
    if (actor.role === 'guest') {
      // Removed (or never a member): the session ends now.
      await store.desk.endSession(sessionId);
      log.info({ user: session.userId }, 'desk session ended: no longer a member');
      send(res, started, 403, pages.messagePage(v, v.t('desk-session-ended-title'), [v.t('desk-not-member')], [], { nav: false, role: 'alert' }), undefined, { 'set-cookie': cookie('', 0) });
      return undefined;
    }
    if (mayOpenDesk(deps, actor)) {
      send(res, started, 403, pages.messagePage(v, v.t('desk-for-secretaries-title'), [v.t('desk-for-secretaries')], [], { nav: false, role: 'alert' }));
      return undefined;
    }
    v.who = { name: member?.name ?? prefs.name ?? String(actor.userId), role: v.t(`role-${actor.role}`), unit: actor.unit };
    v.may = {
      respond: !can(actor, 'comment.respond', {}, council),
      report: !can(actor, 'report.get', {}, council),
      remind: !can(actor, 'proposal.remind', {}, council),
      history: audit.mayView(actor),
    };
    return { req, res, url, started, v, actor, member, sessionId, session };
  }

  /** A write's form, once its CSRF token matches the session's; else the refusal is sent. */
  async function formOf(vi: Visit): Promise<URLSearchParams | undefined> {
    const form = await readForm(vi.req);
    if (!form || !sameSecret(form.get('_csrf') ?? '', vi.session.csrf)) {
      log.warn({ user: vi.actor.userId, path: vi.url.pathname }, 'desk write refused: CSRF token missing or wrong');
      send(vi.res, vi.started, 403, pages.messagePage(vi.v, vi.v.t('desk-refused-title'), [vi.v.t('desk-csrf')], [{ href: '/desk/proposals', text: vi.v.t('desk-nav-proposals') }], { role: 'alert' }));
      return undefined;
    }
    return form;
  }

  const nameOf = (vi: Visit): string => vi.member?.name ?? vi.v.who?.name ?? String(vi.actor.userId);

  // --- pages ---------------------------------------------------------------------------------

  const proposalsList: Handler = async (vi) => {
    const res = await listProposals(deps, vi.actor);
    if (!res.ok) return fail(vi, res.refusal);
    const rows = res.value.map((r) => ({ ...r, countdown: countdown({ t: deps.t, locale: vi.v.locale, tz: vi.v.tz }, r.proposal, vi.v.now) }));
    send(vi.res, vi.started, 200, pages.proposalsPage(vi.v, rows));
  };

  async function proposalView(vi: Visit, code: string, notice?: string): Promise<void> {
    const res = await deskProposal(deps, vi.actor, { code });
    if (!res.ok) return fail(vi, res.refusal);
    const cd = countdown({ t: deps.t, locale: vi.v.locale, tz: vi.v.tz }, res.value.proposal, vi.v.now);
    send(vi.res, vi.started, 200, pages.proposalPage(vi.v, res.value, cd, notice));
    // The comments are usually next: their listing is read now, while the person reads this page.
    listing.rows(res.value.proposal.code).catch((err: Error) => log.warn({ err: err.message }, 'desk listing prefetch failed'));
  }

  const proposal: Handler = (vi, m) => proposalView(vi, decodeURIComponent(m[1]!));

  const remind: Handler = async (vi, m) => {
    if (!(await formOf(vi))) return;
    const res = await remindSilentUnits(deps, vi.actor, { code: decodeURIComponent(m[1]!) });
    if (!res.ok) return fail(vi, res.refusal, 409);
    await proposalView(vi, res.value.proposal.code, vi.v.t('desk-reminded', { count: res.value.groups }));
  };

  const comments: Handler = async (vi, m) => {
    const code = decodeURIComponent(m[1]!);
    const q = vi.url.searchParams;
    const f: pages.CommentsFilters = { section: q.get('section') ?? '', unit: q.get('unit') ?? '', status: q.get('status') ?? '', q: (q.get('q') ?? '').slice(0, 200) };
    const filter = f.status ? parseCommentFilter(f.status) : undefined;
    const res = await deskComments(deps, vi.actor, {
      code,
      // '-': comments given without a section.
      section: f.section && f.section !== '-' ? f.section : undefined,
      noSection: f.section === '-',
      unit: f.unit || undefined,
      filter,
      search: f.q,
      page: Number(q.get('page') ?? 1) || 1,
    }, listing);
    if (!res.ok) return fail(vi, res.refusal);
    const page = res.value;
    const units = (await store.units.list()).filter((u) => !can(vi.actor, 'comment.list', { unit: u.code }, council));
    const saved = vi.v.may.respond ? await wordings(deps, vi.actor, { code: page.proposal.code }) : undefined;
    send(vi.res, vi.started, 200, pages.commentsPage(vi.v, page, f, units, saved?.ok ? saved.value : []));
  };

  const respondMany: Handler = async (vi, m) => {
    const form = await formOf(vi);
    if (!form) return;
    const code = decodeURIComponent(m[1]!).toUpperCase();
    const kind = parseResponseKind(form.get('kind') ?? '');
    let text = (form.get('text') ?? '').trim();
    const wordingId = form.get('wording') ?? '';
    if (!text && wordingId) text = (await store.desk.wording(code, wordingId))?.text ?? '';
    if (!kind) return fail(vi, { code: 'desk-bulk-no-kind' }, 400);
    const res = await bulkRespond(deps, vi.actor, { ids: form.getAll('id'), kind, text, byName: nameOf(vi) });
    if (!res.ok) return fail(vi, res.refusal, 400);
    for (const c of res.value.answered) listing.forget(c.proposal);
    if (form.get('save') && res.value.answered.length) await saveWording(deps, vi.actor, { code, kind, text });
    const { answered, refused } = res.value;
    const lines = [vi.v.t('desk-bulk-done', { count: answered.length, kind: vi.v.t(`response-kind-${kind}`), ids: answered.map((c) => c.id).join(', ') || '—' })];
    if (answered.length) lines.push(vi.v.t('desk-bulk-told'));
    for (const r of refused) lines.push(`${r.id}: ${refusalText(vi.v, r.refusal)}`);
    const back = answered.length === 1 && refused.length === 0 && form.getAll('id').length === 1 ? `/desk/c/${encodeURIComponent(answered[0]!.id)}` : `/desk/p/${encodeURIComponent(code)}/comments`;
    send(vi.res, vi.started, 200, pages.messagePage(vi.v, vi.v.t('desk-bulk-title'), lines, [{ href: back, text: vi.v.t('desk-back') }], { role: refused.length ? 'alert' : 'status' }));
  };

  const report: Handler = async (vi, m) => {
    const format = m[2] as 'docx' | 'csv';
    const res = await proposalReport(deps, vi.actor, { code: decodeURIComponent(m[1]!), format, locale: vi.v.locale, t: deps.t });
    if (!res.ok) return fail(vi, res.refusal);
    const type = format === 'docx' ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' : 'text/csv; charset=utf-8';
    send(vi.res, vi.started, 200, res.value.data, type, { 'content-disposition': attachment(res.value.name) });
  };

  const comment: Handler = async (vi, m) => {
    const res = await deskComment(deps, vi.actor, { id: decodeURIComponent(m[1]!) });
    if (!res.ok) return fail(vi, res.refusal);
    const { comment: c, proposal: p } = res.value;
    const [unit, saved, trail] = await Promise.all([
      store.units.get(c.unit),
      vi.v.may.respond ? wordings(deps, vi.actor, { code: c.proposal }) : undefined,
      audit.forEntity(vi.actor, 'comment', c.id, vi.v),
    ]);
    send(vi.res, vi.started, 200, pages.commentPage(vi.v, c, p, unit?.name ?? c.unit, saved?.ok ? saved.value : [], trail));
  };

  const file: Handler = async (vi, m) => {
    const res = await deskComment(deps, vi.actor, { id: decodeURIComponent(m[1]!) });
    if (!res.ok) return fail(vi, res.refusal);
    const c = res.value.comment;
    if (!c.attachment) return fail(vi, { code: 'desk-no-attachment' }, 404);
    // Through the bot: getFile, then the file's bytes from the Bot API, streamed as they come.
    const f = await deps.api.getFile(c.attachment.fileId);
    if (!f.file_path) return fail(vi, { code: 'desk-no-attachment' }, 404);
    const upstream = await fetch(`${config.TELEGRAM_API_ROOT}/file/bot${config.BOT_TOKEN}/${f.file_path}`);
    if (!upstream.ok || !upstream.body) {
      log.warn({ comment: c.id, status: upstream.status }, 'desk attachment download failed');
      return fail(vi, { code: 'desk-attachment-failed' }, 502);
    }
    const ext = /\.[a-z0-9]{1,5}$/i.exec(f.file_path)?.[0] ?? (c.attachment.kind === 'photo' ? '.jpg' : '');
    securityHeaders(vi.res);
    vi.res.writeHead(200, {
      'content-type': upstream.headers.get('content-type') ?? 'application/octet-stream',
      'content-disposition': attachment(c.attachment.fileName ?? `${c.id}${ext}`),
      ...(upstream.headers.get('content-length') ? { 'content-length': upstream.headers.get('content-length')! } : {}),
    });
    await pipeline(Readable.fromWeb(upstream.body), vi.res);
  };

  const meetings: Handler = async (vi) => {
    const res = await listMeetings(deps, vi.actor);
    if (!res.ok) return fail(vi, res.refusal);
    const rows = await Promise.all(res.value.map(async ({ meeting }) => ({ meeting, counts: await store.meetings.counts(meeting.id), expected: await expectedCount(store, meeting) })));
    send(vi.res, vi.started, 200, pages.meetingsPage(vi.v, rows));
  };

  const meeting: Handler = async (vi, m) => {
    const res = await viewMeeting(deps, vi.actor, { id: decodeURIComponent(m[1]!) });
    if (!res.ok) return fail(vi, res.refusal);
    const trail = await audit.forEntity(vi.actor, 'meeting', res.value.meeting.id, vi.v);
    send(vi.res, vi.started, 200, pages.meetingPage(vi.v, res.value.meeting, res.value.roster ?? [], trail));
  };

  const notices: Handler = async (vi) => {
    const res = await listNotices(deps, vi.actor);
    if (!res.ok) return fail(vi, res.refusal);
    send(vi.res, vi.started, 200, pages.noticesPage(vi.v, res.value));
  };

  const notice: Handler = async (vi, m) => {
    const res = await noticeAcks(deps, vi.actor, { id: decodeURIComponent(m[1]!) });
    if (!res.ok) return fail(vi, res.refusal);
    send(vi.res, vi.started, 200, pages.noticePage(vi.v, res.value.notice, res.value.acked, res.value.units));
  };

  const history: Handler = async (vi) => {
    const kind = vi.url.searchParams.get('kind') ?? '';
    const log_ = await audit.log(vi.actor, { kind, cursor: vi.url.searchParams.get('cursor') ?? undefined }, vi.v);
    if (!log_) return fail(vi, { code: 'desk-history-council' });
    send(vi.res, vi.started, 200, pages.historyPage(vi.v, log_.lines, { kind, kinds: log_.kinds }, log_.next));
  };

  const historyCsv: Handler = async (vi) => {
    const csv = await audit.csv(vi.actor, { kind: vi.url.searchParams.get('kind') ?? undefined }, vi.v);
    if (csv === undefined) return fail(vi, { code: 'desk-history-council' });
    send(vi.res, vi.started, 200, csv, 'text/csv; charset=utf-8', { 'content-disposition': attachment(`${vi.v.t('desk-history-file')}.csv`) });
  };

  const logout: Handler = async (vi) => {
    if (!(await formOf(vi))) return;
    await store.desk.endSession(vi.sessionId);
    redirect(vi.res, vi.started, '/desk/', { 'set-cookie': cookie('', 0) });
  };

  /** `METHOD path-pattern` → handler; every one of these needs a session. */
  const ROUTES: [string, RegExp, Handler][] = [
    ['GET', /^\/desk\/proposals$/, proposalsList],
    ['GET', /^\/desk\/p\/([^/]+)$/, proposal],
    ['POST', /^\/desk\/p\/([^/]+)\/remind$/, remind],
    ['GET', /^\/desk\/p\/([^/]+)\/comments$/, comments],
    ['POST', /^\/desk\/p\/([^/]+)\/respond$/, respondMany],
    ['GET', /^\/desk\/p\/([^/]+)\/report\.(docx|csv)$/, report],
    ['GET', /^\/desk\/c\/([^/]+)$/, comment],
    ['GET', /^\/desk\/c\/([^/]+)\/file$/, file],
    ['GET', /^\/desk\/meetings$/, meetings],
    ['GET', /^\/desk\/m\/([^/]+)$/, meeting],
    ['GET', /^\/desk\/notices$/, notices],
    ['GET', /^\/desk\/n\/([^/]+)$/, notice],
    ['GET', /^\/desk\/history$/, history],
    ['GET', /^\/desk\/history\.csv$/, historyCsv],
    ['POST', /^\/desk\/logout$/, logout],
  ];

  // --- signing in ------------------------------------------------------------------------------

  async function tooMany(req: IncomingMessage, token?: string): Promise<boolean> {
    const address = clientAddress(req, config.DESK_TRUST_PROXY);
    const byAddress = await store.desk.attempt(`ip:${address}`, WINDOW_SEC);
    const byToken = token ? await store.desk.attempt(`token:${token}`, WINDOW_SEC) : 0;
    if (byAddress <= config.DESK_LOGIN_PER_ADDRESS && byToken <= PER_TOKEN) return false;
    log.warn({ address, byAddress, byToken }, 'desk login rate-limited');
    return true;
  }

  /** A new session, and the end of the one this browser had (another person's, perhaps). */
  async function openSession(req: IncomingMessage, res: ServerResponse, userId: number, via: DeskSession['via']): Promise<string> {
    const previous = cookies(req).get(COOKIE);
    if (previous) await store.desk.endSession(previous);
    const { id } = await store.desk.createSession(userId, via, config.DESK_SESSION_TTL_SEC);
    log.info({ user: userId, via }, 'desk session opened');
    res.setHeader('set-cookie', cookie(id, config.DESK_SESSION_TTL_SEC));
    return id;
  }

  async function loginWithLink(req: IncomingMessage, res: ServerResponse, started: number): Promise<void> {
    const v = viewFor(config.DEFAULT_LOCALE);
    const form = await readForm(req, 4096);
    const token = form?.get('t') ?? '';
    if (await tooMany(req, token)) return send(res, started, 429, pages.messagePage(v, v.t('desk-refused-title'), [v.t('desk-too-many')], [], { nav: false, role: 'alert' }), undefined, { 'retry-after': String(WINDOW_SEC) });
    const userId = await store.desk.takeLoginToken(token);
    if (userId === undefined) {
      log.info('desk link refused: unknown, used or expired');
      return send(res, started, 400, pages.messagePage(v, v.t('desk-link-invalid-title'), [v.t('desk-link-invalid', { command: '/banlamviec' })], [], { nav: false, role: 'alert' }));
    }
    await openSession(req, res, userId, 'link');
    redirect(res, started, '/desk/proposals');
  }

  async function loginWithInitData(req: IncomingMessage, res: ServerResponse, started: number): Promise<void> {
    const form = await readForm(req, 16 * 1024);
    const raw = form?.get('initData') ?? '';
    const lang = (() => {
      try {
        return localeFromTelegram((JSON.parse(new URLSearchParams(raw).get('user') ?? '{}') as { language_code?: string }).language_code);
      } catch {
        return undefined;
      }
    })();
    const v = viewFor(lang ?? config.DEFAULT_LOCALE);
    const json = (status: number, body: object) => send(res, started, status, JSON.stringify(body), 'application/json; charset=utf-8');
    if (await tooMany(req)) return json(429, { error: v.t('desk-too-many') });
    const check = checkInitData(raw, config.BOT_TOKEN, config.DESK_INIT_DATA_MAX_AGE_SEC);
    if (!check.ok) {
      log.warn({ reason: check.reason }, 'desk Mini App sign-in refused');
      return json(401, { error: v.t(`desk-webapp-${check.reason}`) });
    }
    await openSession(req, res, check.user.id, 'webapp');
    json(200, { next: '/desk/proposals' });
  }

  /**
   * Where the Mini App opens and sessions end. Not redirected on the server even with a
   * session: the address's fragment may carry Telegram's init data (invisible to the server),
   * which signs in whoever opened it; without it, the script goes on to the proposals.
   */
  async function landing(req: IncomingMessage, res: ServerResponse, started: number): Promise<void> {
    const id = cookies(req).get(COOKIE);
    const signedIn = Boolean(id && (await store.desk.session(id)));
    const v = viewFor(config.DEFAULT_LOCALE);
    send(res, started, 200, pages.landingPage(v, deps.botUsername(), signedIn));
  }

  return async (req, res) => {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://desk.invalid');
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
    const method = req.method ?? 'GET';
    let route = path;
    try {
      if (method === 'GET' && path === '/desk/static/desk.css') return send(res, started, 200, DESK_CSS, 'text/css; charset=utf-8', { 'cache-control': 'public, max-age=3600' });
      if (method === 'GET' && path === '/desk/static/desk.js') return send(res, started, 200, DESK_JS, 'text/javascript; charset=utf-8', { 'cache-control': 'public, max-age=3600' });
      if (method === 'GET' && path === '/desk') return await landing(req, res, started);
      if (method === 'GET' && path === '/desk/login') {
        const v = viewFor(config.DEFAULT_LOCALE);
        return send(res, started, 200, pages.loginPage(v, (url.searchParams.get('t') ?? '').slice(0, 100)));
      }
      if (method === 'POST' && path === '/desk/login') return await loginWithLink(req, res, started);
      if (method === 'POST' && path === '/desk/auth/webapp') return await loginWithInitData(req, res, started);
      for (const [m, pattern, handler] of ROUTES) {
        const match = pattern.exec(path);
        if (!match || m !== method) continue;
        route = pattern.source;
        const vi = await visit(req, res, url, started);
        if (!vi) return;
        return await handler(vi, match);
      }
      const v = viewFor(config.DEFAULT_LOCALE);
      send(res, started, 404, pages.messagePage(v, v.t('desk-not-found'), [], [{ href: '/desk/', text: v.t('desk-title') }], { nav: false }));
    } catch (err) {
      log.error({ route, method, err: err instanceof Error ? err.message : String(err) }, 'desk request failed');
      if (!res.headersSent) {
        const v = viewFor(config.DEFAULT_LOCALE);
        send(res, started, 500, pages.messagePage(v, v.t('desk-error'), [], [], { nav: false, role: 'alert' }));
      } else res.destroy();
    } finally {
      log.debug({ method, route, status: res.statusCode, ms: Math.round(performance.now() - started) }, 'desk request');
    }
  };
}

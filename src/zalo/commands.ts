import { createHash } from 'node:crypto';
import { confirmInvite, createInvite, declineInvite, useInvite, type JoinOutcome } from '#root/actions/invites.js';
import * as meetings from '#root/actions/meetings.js';
import * as comments from '#root/actions/comments.js';
import * as proposals from '#root/actions/proposals.js';
import { addUnit, linkGroup, listMembers, listUnits, setLanguage, unlinkGroup, whoami } from '#root/actions/setup.js';
import { requestPrivateSummary, requestSummary } from '#root/actions/summaries.js';
import { acknowledgeNotice } from '#root/actions/notices.js';
import type { ActionDeps, Actor } from '#root/actions/types.js';
import { useZaloLinkCode } from '#root/actions/zalo.js';
import type { Services } from '#root/context.js';
import { commandsFor, type CommandSpec } from '#root/domain/commands.js';
import { parseRsvp, type Rsvp } from '#root/domain/meetings.js';
import type { MemberRole } from '#root/domain/roles.js';
import { formatTime } from '#root/domain/time.js';
import { isOpen, parseCommentArgs } from '#root/domain/proposals.js';
import { isLocale, type Locale } from '#root/i18n.js';
import { fileLink, type LinkKind } from '#root/links.js';
import type { Audience, Refusal } from '#root/policy.js';
import { parseReportArgs } from '#root/reports.js';
import type { Member, UserPrefs } from '#root/store/members.js';
import { escapeHtml } from '#root/telegram/text.js';
import * as mview from '#root/views/meetings.js';
import * as pview from '#root/views/proposals.js';
import { ZALO_ID_BASE } from '#root/zalo/channel.js';
import { formCommand } from '#root/zalo/forms.js';

/**
 * Zalo's commands and text answers: each parses, calls THE SAME ACTION as its Telegram
 * handler (src/actions/*, where the rules and the policy are) and renders the result or the
 * refusal with the same locale texts, which the sender turns into plain text for Zalo. What
 * Telegram asks with buttons is answered by text here: 1 / 2 / 3 to the last meeting
 * announced to the person, «đã nhận» to the last notice, «đồng ý» / «hủy» to an invite that
 * would change their role, the substitute's name after 3.
 */

/** One Zalo message being handled: who, where, and the answers to send back. */
export interface ZaloContext {
  svc: Services;
  deps: ActionDeps;
  actor: Actor;
  member: Member | undefined;
  prefs: UserPrefs;
  locale: Locale;
  chat: { type: 'private' | 'group'; id: number; zaloId: string };
  from: { zaloId: string; name: string };
  /** The event's key (its chat and message): makes each answer's delivery id. */
  key: string;
  /** The event's message as a number, for records keyed by the message (a comment's source). */
  messageNumber: number;
  /** Whether the bot's Zalo account may be in groups (getMe). */
  groupsAllowed: boolean;
  /** Answers, in order, as the locale files write them (HTML, sent as plain text). */
  say(html: string): void;
  t(key: string, vars?: Record<string, string | number>): string;
}

type Handler = (c: ZaloContext, args: string[], rest: string) => Promise<void>;

/** Someone's message id (an opaque string) as a number: a comment's source is kept by chat and message. */
export function messageNumber(messageId: string): number {
  return Number.parseInt(createHash('sha1').update(messageId).digest('hex').slice(0, 13), 16);
}

const view = (c: ZaloContext): mview.ViewCtx => ({ t: c.svc.t, locale: c.locale, tz: c.svc.config.COUNCIL_TIMEZONE });

/** A refusal in the person's language; values they typed are shown literally, a deadline as a date. */
function refuse(c: ZaloContext, r: Refusal): void {
  const vars = Object.fromEntries(
    Object.entries(r.vars ?? {}).map(([k, x]) => [k, k === 'when' && typeof x === 'number' ? mview.when(view(c), x) : typeof x === 'string' ? escapeHtml(x) : x]),
  );
  c.say(c.t(r.code, vars));
}

function nameOf(c: ZaloContext): string {
  return c.member?.name ?? c.from.name;
}

/** A signed link to a file made on request, or the note that links are not set up. */
function link(c: ZaloContext, kind: LinkKind, id: string, what: string): void {
  const l = fileLink(c.svc.config, { kind, id, user: c.actor.userId });
  if (!l) return c.say(c.t('zalo-links-off'));
  c.say(c.t('zalo-link', { what, link: l.url, until: mview.when(view(c), l.expiresAt) }));
}

// ---- joining ------------------------------------------------------------------------------

async function sayJoined(c: ZaloContext, j: JoinOutcome): Promise<void> {
  const unit = { unit: j.unit, unitName: escapeHtml(j.unitName) };
  if (j.kind === 'confirm') {
    await c.svc.store.zalo.setAnswers(c.actor.userId, { invite: j.code });
    c.say(`${c.t('invite-confirm', { currentRole: c.t(`role-${j.current.role}`), currentUnit: j.current.unit, role: c.t(`role-${j.role}`), ...unit })}\n${c.t('zalo-answer-invite')}`);
    return;
  }
  c.say(c.t(j.kind === 'joined' ? 'invite-joined' : 'invite-unchanged', { role: c.t(`role-${j.role}`), ...unit }));
}

const profile = (c: ZaloContext) => ({ name: c.from.name, zaloId: c.from.zaloId });

/** An invite's token, sent alone or after /start: the same invite as Telegram's link. */
export async function join(c: ZaloContext, token: string): Promise<void> {
  const r = await useInvite(c.deps, c.actor, { token, profile: profile(c), key: c.key });
  if (!r.ok) return refuse(c, r.refusal);
  await sayJoined(c, r.value);
}

/** «đồng ý» / «hủy» to an invite that would change the person's role or unit. */
export async function answerInvite(c: ZaloContext, code: string, yes: boolean): Promise<void> {
  await c.svc.store.zalo.setAnswers(c.actor.userId, { invite: null });
  if (!yes) {
    const r = await declineInvite(c.deps, c.actor, { code });
    if (!r.ok) return refuse(c, r.refusal);
    const cur = r.value.current;
    return c.say(cur ? c.t('invite-confirm-cancelled', { role: c.t(`role-${cur.role}`), unit: cur.unit }) : c.t('invite-confirm-cancelled-plain'));
  }
  const r = await confirmInvite(c.deps, c.actor, { code, profile: profile(c), key: c.key });
  if (!r.ok) return refuse(c, r.refusal);
  await sayJoined(c, r.value);
}

/** A code from /lienketzalo on Telegram: this Zalo account now acts as that member. */
export async function linkAccount(c: ZaloContext, code: string): Promise<void> {
  const r = await useZaloLinkCode(c.deps, c.actor, { code, zaloId: c.from.zaloId });
  if (!r.ok) return refuse(c, r.refusal);
  c.say(c.t('zalo-link-done', { role: c.t(`role-${r.value.role}`), unit: r.value.unit }));
}

// ---- answers by text ----------------------------------------------------------------------

const ANSWER: Record<string, Rsvp> = { '1': 'yes', '2': 'no', '3': 'sub' };

function recorded(c: ZaloContext, id: string, a: Rsvp, sub: string | undefined): string {
  return sub ? c.t('rsvp-sub-saved', { id, name: escapeHtml(sub) }) : c.t(`rsvp-done-${a}`, { id });
}

/** The answer to a meeting (1 / 2 / 3, or /dangky); a substitute without a name is asked for one. */
async function answerMeeting(c: ZaloContext, id: string, a: Rsvp, sub?: string): Promise<void> {
  const res = await meetings.rsvp(c.deps, c.actor, { id, answer: a, sub, name: nameOf(c) });
  if (!res.ok) return refuse(c, res.refusal);
  const { meeting: m } = res.value;
  const text = recorded(c, m.id, a, res.value.sub);
  if (a !== 'sub' || res.value.sub) return c.say(text);
  await c.svc.store.pending.set(c.actor.userId, { kind: 'substitute', meetingId: m.id });
  c.say(`${text}\n${c.t('rsvp-sub-ask', { id: m.id })}`);
}

/** 1, 2 or 3 in private: the answer to the meeting last announced to the person. */
export async function answerNumber(c: ZaloContext, digit: string): Promise<void> {
  const { meeting } = await c.svc.store.zalo.answers(c.actor.userId);
  if (!meeting) return c.say(c.t('zalo-no-meeting'));
  await answerMeeting(c, meeting, ANSWER[digit]!);
}

/** The substitute's name after 3: the same action again, decided with the person as they are now. */
export async function substituteName(c: ZaloContext, meetingId: string, text: string): Promise<void> {
  await c.svc.store.pending.take(c.actor.userId, 'substitute');
  await answerMeeting(c, meetingId, 'sub', text);
}

/** «đã nhận» [B4]: "Received" for the notice named, else the last one sent to the person. */
export async function received(c: ZaloContext, named: string | undefined): Promise<void> {
  const last = await c.svc.store.zalo.answers(c.actor.userId);
  const id = named ?? last.notice;
  if (!id) return c.say(c.t('zalo-no-notice'));
  // A copy they got as a member of a unit's group counts as that group's (see acknowledgeNotice).
  let via = id === last.notice ? last.noticeVia : undefined;
  if (via === undefined && c.actor.unit) via = (await c.svc.store.units.get(c.actor.unit))?.group?.chatId;
  const res = await acknowledgeNotice(c.deps, c.actor, { id, copyChatId: via });
  if (!res.ok) return refuse(c, res.refusal);
  c.say(c.t(res.value.first ? 'broadcast-ack-done' : 'broadcast-ack-again', { id: res.value.id }));
}

// ---- commands -----------------------------------------------------------------------------

const start: Handler = async (c, [token]) => {
  if (token) return join(c, token);
  const me = await whoami(c.deps, c.actor);
  if (!me.ok) return refuse(c, me.refusal);
  const { registered, role, unit } = me.value;
  c.say(registered ? c.t('start-member', { name: escapeHtml(c.from.name), role: c.t(`role-${role}`), unit: unit?.code ?? '' }) : c.t('zalo-start-guest', { name: escapeHtml(c.from.name) }));
};

const help: Handler = async (c) => {
  const me = await whoami(c.deps, c.actor);
  if (!me.ok) return refuse(c, me.refusal);
  const where = c.chat.type;
  const lines = zaloCommands(me.value.level, where, c.groupsAllowed).map((s) => {
    const name = c.locale === 'vi' && s.alias ? `/${s.alias}` : `/${s.name}`;
    const other = s.alias ? (c.locale === 'vi' ? ` (/${s.name})` : ` (/${s.alias})`) : '';
    const argHint = s.args ? ` ${escapeHtml(c.t(`args-${s.name}`))}` : '';
    return `${name}${argHint}${other} — ${c.t(`cmd-${s.name}`)}`;
  });
  c.say([c.t('help-title', { role: c.t(`role-${me.value.role}`) }), ...lines, '', c.t('zalo-help-footer')].join('\n'));
};

const lang: Handler = async (c, [choice]) => {
  const l = choice?.toLowerCase();
  if (!isLocale(l)) return c.say(c.t('lang-usage', { current: c.locale }));
  const r = await setLanguage(c.deps, c.actor, { lang: l });
  if (!r.ok) return refuse(c, r.refusal);
  c.locale = l;
  c.say(c.t('lang-set'));
};

const whoamiCmd: Handler = async (c) => {
  const r = await whoami(c.deps, c.actor);
  if (!r.ok) return refuse(c, r.refusal);
  const { role, unit } = r.value;
  c.say(
    [
      c.t('whoami-role', { role: c.t(`role-${role}`) }),
      unit ? c.t('whoami-unit', { unit: unit.code, unitName: escapeHtml(unit.name) }) : c.t('whoami-no-unit'),
      c.t('whoami-lang', { lang: c.t(`lang-name-${c.locale}`) }),
      c.t('zalo-whoami-id', { id: String(c.actor.userId) }),
    ].join('\n'),
  );
};

const units: Handler = async (c) => {
  const r = await listUnits(c.deps, c.actor);
  if (!r.ok) return refuse(c, r.refusal);
  const lines: string[] = [];
  for (const { unit: u, members } of r.value) {
    const group = !u.group ? c.t('units-no-group') : c.t(u.group.active ? 'units-group' : 'units-group-gone', { title: escapeHtml(u.group.title) });
    let line = c.t('units-line', { unit: u.code, unitName: escapeHtml(u.name), group, members });
    // Where the unit's group is on Telegram, its Zalo members get the group's messages privately.
    const onZalo = (await c.svc.store.redis.smembers(c.svc.store.keys.unitMembers(u.code))).filter((id) => Number(id) >= ZALO_ID_BASE).length;
    if (onZalo > 0 && u.group && Math.abs(u.group.chatId) < ZALO_ID_BASE) line += ` · ${c.t('zalo-units-private', { count: onZalo })}`;
    lines.push(line);
  }
  c.say([c.t('units-title', { count: r.value.length }), ...lines].join('\n'));
};

const ROLE_WORDS: Record<string, MemberRole> = { delegate: 'delegate', daibieu: 'delegate', dai_bieu: 'delegate', secretary: 'secretary', thuky: 'secretary', thu_ky: 'secretary' };

/** /themdonvi CODE name…: so a council on Zalo alone can be set up there. */
const addunit: Handler = async (c, [code], rest) => {
  const r = await addUnit(c.deps, c.actor, { code, name: rest.trim().split(/\s+/).slice(1).join(' ') });
  if (!r.ok) return refuse(c, r.refusal);
  c.say(c.t(r.value.created ? 'addunit-created' : 'addunit-renamed', { unit: r.value.code, unitName: escapeHtml(r.value.name) }));
};

/** /moi daibieu|thuky UNIT [uses] [days]: the invite's code, which works on both channels; only in private. */
const invite: Handler = async (c, [roleWord, unit, usesWord, daysWord]) => {
  if (c.chat.type !== 'private') return c.say(c.t('zalo-private-only'));
  const r = await createInvite(c.deps, c.actor, {
    role: roleWord ? ROLE_WORDS[roleWord.toLowerCase()] : undefined,
    unit,
    uses: usesWord === undefined ? 1 : Number(usesWord),
    days: daysWord === undefined ? c.svc.config.INVITE_DEFAULT_DAYS : Number(daysWord),
  });
  if (!r.ok) return refuse(c, r.refusal);
  const inv = r.value;
  c.say(c.t('zalo-invite', { role: c.t(`role-${inv.role}`), unit: inv.unit, unitName: escapeHtml(inv.unitName), uses: inv.uses, expires: mview.when(view(c), inv.expiresAt), token: inv.token, code: inv.code }));
};

/** /thanhvien [UNIT]: a roster with names, so only in private. */
const members: Handler = async (c, [unit]) => {
  if (c.chat.type !== 'private') return c.say(c.t('zalo-private-only'));
  const r = await listMembers(c.deps, c.actor, { unit });
  if (!r.ok) return refuse(c, r.refusal);
  const { scope = c.t('members-all'), members: list } = r.value;
  if (list.length === 0) return c.say(c.t('members-empty', { scope }));
  const lines = list.map((m) => c.t('members-line', { name: escapeHtml(m.name), username: m.username ? ` @${escapeHtml(m.username)}` : '', role: c.t(`role-${m.role}`), unit: m.unit, id: String(m.id) }));
  c.say([c.t('members-title', { scope, count: list.length }), ...lines].join('\n'));
};

/**
 * /lienketnhom UNIT: in a Zalo group (where the bot's account may join groups) it becomes the
 * unit's group; where it may not, sent in private it links the unit's Zalo members one by one:
 * what goes to the unit's group then goes to each of them privately.
 */
const linkgroup: Handler = async (c, [unit]) => {
  let chat: { id: number; title: string };
  if (c.chat.type === 'group') chat = { id: c.chat.id, title: c.t('zalo-group-title', { unit: unit?.toUpperCase() ?? '' }) };
  else if (c.groupsAllowed) return c.say(c.t('group-only'));
  else if (!unit) return c.say(c.t('linkgroup-usage'));
  else chat = { id: await c.svc.store.zalo.unitChat(unit.toUpperCase()), title: c.t('zalo-unit-members-title') };
  const r = await linkGroup(c.deps, c.actor, { chat, unit });
  if (!r.ok) return refuse(c, r.refusal);
  const lines = [c.t(c.chat.type === 'group' ? 'linkgroup-done' : 'zalo-linkgroup-private-done', { unit: r.value.unit, unitName: escapeHtml(r.value.unitName) })];
  if (r.value.replaced) lines.push(c.t('linkgroup-replaced', { title: escapeHtml(r.value.replaced.title) }));
  c.say(lines.join('\n'));
};

const unlinkgroup: Handler = async (c) => {
  const r = await unlinkGroup(c.deps, c.actor, { chatId: c.chat.id });
  if (!r.ok) return refuse(c, r.refusal);
  c.say(c.t('unlinkgroup-done', { unit: r.value.unit }));
};

const meetingsCmd: Handler = async (c) => {
  const res = await meetings.listMeetings(c.deps, c.actor);
  if (!res.ok) return refuse(c, res.refusal);
  if (res.value.length === 0) return c.say(c.t('meetings-empty'));
  const v = view(c);
  const lines = [c.t('meetings-title')];
  for (const { meeting: m, mine } of res.value) {
    lines.push(c.t('meetings-line', { id: m.id, when: mview.when(v, m.startsAt), title: escapeHtml(m.title), answer: mine ? mview.rsvpLabel(v, mine) : c.t('rsvp-label-none') }));
  }
  c.say(lines.join('\n'));
};

const meeting: Handler = async (c, [id]) => {
  const res = await meetings.viewMeeting(c.deps, c.actor, { id });
  if (!res.ok) return refuse(c, res.refusal);
  const { meeting: m, counts, expected, mine, roster } = res.value;
  const v = view(c);
  const title = m.status === 'cancelled' ? c.t('meeting-ann-cancelled-title', { id: m.id }) : c.t('meeting-details-title', { id: m.id });
  const lines = [title, ...mview.meetingBody(v, m), mview.countsLine(v, counts, expected)];
  lines.push(c.t('meeting-your-answer', { id: m.id, answer: mine ? mview.rsvpLabel(v, mine) : c.t('rsvp-label-none') }));
  if (m.status === 'scheduled' && c.chat.type === 'private') {
    await c.svc.store.zalo.setAnswers(c.actor.userId, { meeting: m.id });
    lines.push(c.t('zalo-answer-meeting', { id: m.id }));
  }
  // Who answered what: names, so only in private.
  if (roster?.length && c.chat.type === 'private') {
    lines.push('', c.t('meeting-roster-title', { id: m.id }));
    for (const { unit, members, answers } of roster) {
      lines.push(c.t('meeting-roster-unit', { unit, answered: answers.size, total: members.length }));
      for (const p of members) {
        const a = answers.get(p.id);
        if (a) lines.push(`  • ${escapeHtml(p.name)}: ${mview.rsvpLabel(v, a)}`);
      }
      const silent = members.filter((p) => !answers.has(p.id)).map((p) => escapeHtml(p.name));
      if (silent.length) lines.push(c.t('meeting-roster-silent', { names: silent.join(', ') }));
    }
  }
  c.say(lines.join('\n'));
};

const rsvp: Handler = async (c, [idWord, answerWord, ...nameWords]) => {
  const a = parseRsvp(answerWord);
  if (!idWord || !a) return c.say(c.t('rsvp-usage'));
  await answerMeeting(c, idWord, a, nameWords.join(' '));
};

const ics: Handler = async (c, [id]) => {
  const res = await meetings.meetingForCalendar(c.deps, c.actor, { id });
  if (!res.ok) return refuse(c, res.refusal);
  link(c, 'ics', res.value.id, c.t('zalo-link-ics', { id: res.value.id }));
};

const proposalsCmd: Handler = async (c) => {
  const res = await proposals.listProposals(c.deps, c.actor);
  if (!res.ok) return refuse(c, res.refusal);
  if (res.value.length === 0) return c.say(c.t('proposals-empty'));
  const v = view(c);
  const now = Date.now();
  const lines = [c.t('proposals-title')];
  for (const { proposal: p, counts } of res.value) {
    lines.push(
      c.t(isOpen(p, now) ? 'proposals-line-open' : 'proposals-line-closed', {
        code: p.code,
        title: escapeHtml(p.title),
        when: mview.when(v, p.deadline),
        left: pview.countdown(v, p, now),
        comments: counts.active ?? 0,
      }),
    );
  }
  c.say(lines.join('\n'));
};

const proposal: Handler = async (c, [code]) => {
  const res = await proposals.viewProposal(c.deps, c.actor, { code });
  if (!res.ok) return refuse(c, res.refusal);
  const { proposal: p, counts, agreed, units: us } = res.value;
  const v = view(c);
  c.say([pview.callForComments(v, p), '', c.t('proposal-state', { left: pview.countdown(v, p, Date.now()) }), ...pview.countsBlock(v, p, counts, agreed, us)].join('\n'));
};

const comment: Handler = async (c, _args, rest) => {
  const codes = new Set(await c.svc.store.proposals.codes());
  const res = await comments.comment(c.deps, c.actor, { ...parseCommentArgs(rest, codes), authorName: nameOf(c), source: { chatId: c.chat.id, messageId: c.messageNumber } });
  if (!res.ok) return refuse(c, res.refusal);
  if (res.value.status !== 'recorded') return;
  const { id, proposal: code, section } = res.value;
  c.say(c.t(section ? 'comment-recorded-section' : 'comment-recorded', { id, code, section: escapeHtml(section ?? '') }));
};

const agree: Handler = async (c, [code]) => {
  const res = await comments.agree(c.deps, c.actor, { code });
  if (!res.ok) return refuse(c, res.refusal);
  c.say(c.t(res.value.first ? 'agree-done' : 'agree-already', { code: res.value.proposal, unit: res.value.unit }));
};

const mycomments: Handler = async (c, [code]) => {
  const res = await comments.myComments(c.deps, c.actor, { code });
  if (!res.ok) return refuse(c, res.refusal);
  if (res.value.length === 0) return c.say(c.t('mycomments-empty'));
  c.say([c.t('mycomments-title', { count: res.value.length }), ...res.value.map((x) => pview.commentBlock(view(c), x, false))].join('\n\n'));
};

/**
 * /tomtat: in a linked Zalo group, the unit's summary there; in private, where people on Zalo
 * are not in their unit's group, the person's own unit's summary privately (the council: the
 * council-wide one).
 */
const summary: Handler = async (c) => {
  if (c.chat.type === 'group') {
    const r = await requestSummary(c.deps, c.actor, { chat: { type: 'group', id: c.chat.id }, locale: c.locale, key: `z${c.messageNumber}` });
    if (!r.ok) return refuse(c, r.refusal);
    if (r.value.kind === 'recent') {
      const { at } = r.value.last;
      const tz = c.svc.config.COUNCIL_TIMEZONE;
      c.say(c.t('summary-recent', { time: formatTime(new Date(at), tz), next: formatTime(new Date(at + c.svc.config.SUMMARY_COOLDOWN_SEC * 1000), tz) }));
    }
    return;
  }
  const r = await requestPrivateSummary(c.deps, c.actor, { chatId: c.chat.id, locale: c.locale, key: `z${c.messageNumber}` });
  if (!r.ok) refuse(c, r.refusal);
};

/** /baocao CODE [docx|csv|md]: a signed link; the file is made when it is opened, for this person. */
const report: Handler = async (c, _args, rest) => {
  const parsed = parseReportArgs(rest);
  if (!parsed.ok) return c.say(c.t('report-usage'));
  const res = await proposals.proposalReport(c.deps, c.actor, { code: parsed.code, format: parsed.format, locale: c.locale, t: c.svc.t });
  if (!res.ok) return refuse(c, res.refusal);
  const p = res.value.proposal;
  link(c, 'report', `${p.code}|${parsed.format}`, c.t('zalo-link-report', { code: p.code, count: res.value.comments, format: parsed.format.toUpperCase() }));
};

/** /taohop and /taodean: the `key: value` form, or alone in private the guided questions. */
const newmeeting: Handler = (c, _args, rest) => formCommand(c, 'meeting', rest);
const newproposal: Handler = (c, _args, rest) => formCommand(c, 'proposal', rest);

/** The commands that work on Zalo, by their catalogue name. */
const HANDLERS: Record<string, Handler> = {
  start,
  help,
  lang,
  whoami: whoamiCmd,
  units,
  addunit,
  invite,
  members,
  linkgroup,
  unlinkgroup,
  meetings: meetingsCmd,
  meeting,
  rsvp,
  ics,
  proposals: proposalsCmd,
  proposal,
  comment,
  agree,
  mycomments,
  summary,
  report,
  newmeeting,
  newproposal,
};

export function zaloHandler(spec: CommandSpec): Handler | undefined {
  return HANDLERS[spec.name];
}

/**
 * What /help lists on Zalo: the catalogue's commands for the person's level that work on
 * Zalo, where they can be used (/lienketnhom also in private when the bot may not join groups).
 */
function zaloCommands(level: Audience, where: 'private' | 'group', groupsAllowed: boolean): CommandSpec[] {
  return commandsFor(level)
    .filter((s) => s.name in HANDLERS)
    .filter((s) => s.where === 'any' || s.where === where || (s.name === 'linkgroup' && !groupsAllowed && where === 'private'));
}

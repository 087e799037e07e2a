import { Composer, InputFile } from 'grammy';
import type { BotContext } from '#root/context.js';
import { names } from '#root/domain/commands.js';
import { splitForm, validateForm } from '#root/domain/forms.js';
import { DEFAULT_DURATION_MIN, DEFAULT_REMINDERS, MEETING_FIELDS, parseRsvp, targetUnits, type Meeting, type Rsvp } from '#root/domain/meetings.js';
import { atLeast, canManageUnit, isConcerned } from '#root/domain/roles.js';
import { parseOffsets } from '#root/domain/time.js';
import { describeProblems, fieldContext, formCommand, formLines } from '#root/telegram/forms.js';
import { args, refuse, reply, replyPrivately, requireCouncil, requireRole, viewOf } from '#root/telegram/reply.js';
import { classify } from '#root/telegram/errors.js';
import { escapeHtml } from '#root/telegram/text.js';
import { onPending } from '#root/telegram/pending.js';
import { createWizards } from '#root/telegram/wizard.js';
import { meetingIcs } from '#root/views/ics.js';
import * as view from '#root/views/meetings.js';
import {
  announce,
  expectedCount,
  groupLocaleView,
  meetingGroups,
  notifyGroups,
  scheduleRefresh,
  scheduleReminders,
  unscheduleReminders,
} from '#jobs/meetings.js';

export const meetings = new Composer<BotContext>();

async function findMeeting(ctx: BotContext, raw: string | undefined): Promise<Meeting | undefined> {
  const id = raw?.toUpperCase();
  const m = id && /^M\d{1,9}$/.test(id) ? await ctx.svc.store.meetings.get(id) : undefined;
  if (!m) await refuse(ctx, raw ? 'meeting-unknown' : 'meeting-id-missing', { id: escapeHtml(raw ?? '') });
  return m;
}

/** Creates the meeting from raw form values, announces it and schedules its reminders. */
async function createMeeting(ctx: BotContext, raw: Map<string, string>): Promise<void> {
  const res = validateForm(raw, MEETING_FIELDS, await fieldContext(ctx));
  if (!res.ok) return void (await ctx.say(`${describeProblems(ctx, 'meeting', res.problems)}\n\n${ctx.t('meeting-form-help')}`, reply(ctx)));
  const v = res.values;
  const m = await ctx.svc.store.meetings.create({
    title: v.title as string,
    startsAt: v.when as number,
    durationMin: (v.duration as number | undefined) ?? DEFAULT_DURATION_MIN,
    place: v.place as string | undefined,
    link: v.link as string | undefined,
    units: (v.units as string[] | 'all' | undefined) ?? 'all',
    proposal: v.proposal as string | undefined,
    agenda: (v.agenda as string[] | undefined) ?? [],
    remindersMs: (v.reminders as number[] | undefined) ?? (parseOffsets(DEFAULT_REMINDERS) as { ok: true; offsetsMs: number[] }).offsetsMs,
    createdBy: ctx.actor.userId,
  });
  await announce(ctx.svc, m);
  await scheduleReminders(ctx.svc, m);
  ctx.log.info({ meeting: m.id }, 'meeting created');
  const groups = (await ctx.svc.store.units.list()).filter((u) => targetUnits(m, [u.code]).length && u.group?.active).length;
  await ctx.reply(ctx.t('meeting-created', { id: m.id, when: view.when(await viewOf(ctx), m.startsAt), groups }), reply(ctx));
}

const wizards = createWizards([{ name: 'meeting', action: 'meeting.create', fields: MEETING_FIELDS, fieldContext, submit: createMeeting }]);

// /newmeeting + form, or alone in private chat: the guided conversation.
meetings.command(names('newmeeting'), async (ctx) => {
  if (!(await requireCouncil(ctx))) return;
  await formCommand(ctx, {
    name: 'meeting',
    fields: MEETING_FIELDS,
    helpKey: 'meeting-form-help',
    guided: () => wizards.start(ctx, 'meeting'),
    submit: (raw) => createMeeting(ctx, raw),
  });
});

function visibleTo(ctx: BotContext, m: Meeting, allCodes: string[]): boolean {
  return isConcerned(ctx.actor, targetUnits(m, allCodes));
}

// /meetings: upcoming meetings the caller is concerned by.
meetings.command(names('meetings'), async (ctx) => {
  if (!(await requireRole(ctx, 'delegate'))) return;
  const codes = await ctx.svc.store.units.codes();
  const list = (await ctx.svc.store.meetings.upcoming(Date.now())).filter((m) => m.status === 'scheduled' && visibleTo(ctx, m, codes));
  if (list.length === 0) return refuse(ctx, 'meetings-empty');
  const v = await viewOf(ctx);
  const lines = [ctx.t('meetings-title')];
  for (const m of list) {
    const mine = await ctx.svc.store.meetings.rsvpOf(m.id, ctx.actor.userId);
    lines.push(
      ctx.t('meetings-line', {
        id: m.id,
        when: view.when(v, m.startsAt),
        title: escapeHtml(m.title),
        answer: mine ? view.rsvpLabel(v, mine) : ctx.t('rsvp-label-none'),
      }),
    );
  }
  await ctx.say(lines.join('\n'), reply(ctx));
});

// /meeting M<n>: details; secretaries also see who answered what, by unit.
meetings.command(names('meeting'), async (ctx) => {
  if (!(await requireRole(ctx, 'delegate'))) return;
  const m = await findMeeting(ctx, args(ctx)[0]);
  if (!m) return;
  const codes = await ctx.svc.store.units.codes();
  if (!visibleTo(ctx, m, codes)) return refuse(ctx, 'meeting-unknown', { id: m.id });
  const v = await viewOf(ctx);
  const counts = await ctx.svc.store.meetings.counts(m.id);
  const head = [m.status === 'cancelled' ? ctx.t('meeting-ann-cancelled-title', { id: m.id }) : ctx.t('meeting-details-title', { id: m.id }), ...view.meetingBody(v, m)];
  head.push(view.countsLine(v, counts, await expectedCount(ctx.svc, m)));
  const mine = await ctx.svc.store.meetings.rsvpOf(m.id, ctx.actor.userId);
  head.push(ctx.t('meeting-your-answer', { id: m.id, answer: mine ? view.rsvpLabel(v, mine) : ctx.t('rsvp-label-none') }));
  await ctx.say(head.join('\n'), reply(ctx));
  if (!atLeast(ctx.actor, 'secretary')) return;
  const rsvps = await ctx.svc.store.meetings.rsvps(m.id);
  const lines = [ctx.t('meeting-roster-title', { id: m.id })];
  for (const unit of targetUnits(m, codes).filter((u) => canManageUnit(ctx.actor, u))) {
    const members = await ctx.svc.store.members.list(unit);
    if (members.length === 0) continue;
    const answered = members.filter((p) => rsvps.has(p.id));
    lines.push(ctx.t('meeting-roster-unit', { unit, answered: answered.length, total: members.length }));
    for (const p of answered) lines.push(`  • ${escapeHtml(p.name)}: ${view.rsvpLabel(v, rsvps.get(p.id)!)}`);
    const silent = members.filter((p) => !rsvps.has(p.id)).map((p) => escapeHtml(p.name));
    if (silent.length) lines.push(ctx.t('meeting-roster-silent', { names: silent.join(', ') }));
  }
  if (lines.length > 1) await replyPrivately(ctx, lines.join('\n'));
});

/** `/editmeeting M3` then `key: value` lines: only the fields given change. */
meetings.command(names('editmeeting'), async (ctx) => {
  if (!(await requireCouncil(ctx))) return;
  const [first = '', ...rest] = formLines(ctx);
  const [idWord, ...firstRest] = first.trim().split(/\s+/);
  const m = await findMeeting(ctx, idWord);
  if (!m) return;
  if (m.status === 'cancelled') return refuse(ctx, 'meeting-is-cancelled', { id: m.id });
  const { raw, problems } = splitForm([firstRest.join(' '), ...rest], MEETING_FIELDS);
  if (raw.size === 0 && problems.length === 0) return refuse(ctx, 'meeting-edit-help', { id: m.id });
  const res = problems.length ? { ok: false as const, problems } : validateForm(raw, MEETING_FIELDS, await fieldContext(ctx), { partial: true });
  if (!res.ok) return void (await ctx.say(`${describeProblems(ctx, 'meeting', res.problems)}\n\n${ctx.t('meeting-edit-help', { id: m.id })}`, reply(ctx)));
  const v = res.values;
  const next: Meeting = {
    ...m,
    ...(v.title !== undefined ? { title: v.title as string } : {}),
    ...(v.when !== undefined ? { startsAt: v.when as number } : {}),
    ...(v.duration !== undefined ? { durationMin: v.duration as number } : {}),
    ...(v.place !== undefined ? { place: v.place as string } : {}),
    ...(v.link !== undefined ? { link: v.link as string } : {}),
    ...(v.units !== undefined ? { units: v.units as string[] | 'all' } : {}),
    ...(v.proposal !== undefined ? { proposal: v.proposal as string } : {}),
    ...(v.agenda !== undefined ? { agenda: v.agenda as string[] } : {}),
    ...(v.reminders !== undefined ? { remindersMs: v.reminders as number[] } : {}),
    version: m.version + 1,
    updatedAt: Date.now(),
  };
  const gv = groupLocaleView(ctx.svc);
  const prop: Record<string, keyof Meeting> = { when: 'startsAt', duration: 'durationMin', reminders: 'remindersMs' };
  const changed = [...raw.keys()].filter((f) => JSON.stringify(m[prop[f] ?? (f as keyof Meeting)]) !== JSON.stringify(next[prop[f] ?? (f as keyof Meeting)]));
  if (changed.length === 0) return refuse(ctx, 'meeting-unchanged', { id: m.id });
  const groupsBefore = new Set((await meetingGroups(ctx.svc, m)).map((g) => g.chatId));
  await unscheduleReminders(ctx.svc, m);
  await ctx.svc.store.meetings.save(next);
  await scheduleReminders(ctx.svc, next);
  // Groups of units the edit removed are told too: the change concerns them most.
  await notifyGroups(ctx.svc, next, `chg_v${next.version}`, view.changeNotice(gv, m, next, changed), groupsBefore);
  await scheduleRefresh(ctx.svc, m.id);
  // Units added by the edit get the announcement they never had.
  const added = new Set((await meetingGroups(ctx.svc, next)).map((g) => g.chatId).filter((c) => !groupsBefore.has(c)));
  if (added.size) await announce(ctx.svc, next, added);
  ctx.log.info({ meeting: m.id, changed }, 'meeting edited');
  await ctx.say(view.changeNotice(await viewOf(ctx), m, next, changed) + '\n' + ctx.t('meeting-edited', { id: m.id }), reply(ctx));
});

// /cancelmeeting M<n> [reason]
meetings.command(names('cancelmeeting'), async (ctx) => {
  if (!(await requireCouncil(ctx))) return;
  const [idWord, ...reasonWords] = args(ctx);
  const m = await findMeeting(ctx, idWord);
  if (!m) return;
  if (m.status === 'cancelled') return refuse(ctx, 'meeting-is-cancelled', { id: m.id });
  const reason = reasonWords.join(' ').slice(0, 500) || undefined;
  const next: Meeting = { ...m, status: 'cancelled', cancelReason: reason, version: m.version + 1, updatedAt: Date.now() };
  await unscheduleReminders(ctx.svc, m);
  await ctx.svc.store.meetings.save(next);
  await notifyGroups(ctx.svc, next, 'cancel', view.cancelNotice(groupLocaleView(ctx.svc), next));
  await scheduleRefresh(ctx.svc, m.id);
  ctx.log.info({ meeting: m.id }, 'meeting cancelled');
  await ctx.reply(ctx.t('meeting-cancel-done', { id: m.id }), reply(ctx));
});

type AnswerResult = { ok: true; key: string; vars: Record<string, string> } | { ok: false; key: string; vars?: Record<string, string> };

/** The one path for buttons and /rsvp: permission, state, record, refresh. */
async function answer(ctx: BotContext, m: Meeting, a: Rsvp, sub?: string): Promise<AnswerResult> {
  const codes = await ctx.svc.store.units.codes();
  const unit = ctx.actor.unit;
  if (!unit || ctx.actor.role === 'guest' || !targetUnits(m, codes).includes(unit)) return { ok: false, key: 'rsvp-not-member' };
  if (m.status !== 'scheduled') return { ok: false, key: 'rsvp-cancelled', vars: { id: m.id } };
  if (Date.now() >= m.startsAt) return { ok: false, key: 'rsvp-started', vars: { id: m.id } };
  await ctx.svc.store.meetings.rsvp(m.id, ctx.actor.userId, {
    answer: a,
    ...(sub ? { sub: sub.slice(0, 200) } : {}),
    unit,
    name: ctx.member?.name ?? ctx.from?.first_name ?? String(ctx.actor.userId),
    at: Date.now(),
  });
  await scheduleRefresh(ctx.svc, m.id);
  ctx.log.info({ meeting: m.id, answer: a }, 'rsvp recorded');
  return { ok: true, key: a === 'sub' && sub ? 'rsvp-sub-saved' : `rsvp-done-${a}`, vars: { id: m.id, name: escapeHtml(sub ?? '') } };
}

meetings.callbackQuery(/^rsvp:(M\d+):(yes|no|sub)$/, async (ctx) => {
  const m = await ctx.svc.store.meetings.get(ctx.match[1]!);
  if (!m) return ctx.answerCallbackQuery({ text: ctx.t('meeting-unknown', { id: ctx.match[1]! }), show_alert: true });
  const a = ctx.match[2] as Rsvp;
  const res = await answer(ctx, m, a);
  if (!res.ok) return ctx.answerCallbackQuery({ text: ctx.t(res.key, res.vars ?? {}), show_alert: true });
  if (a !== 'sub') return ctx.answerCallbackQuery({ text: ctx.t(res.key, res.vars) });
  // A substitute needs a name: asked privately, the next private message is the answer. The
  // press is answered first (Telegram refuses late answers, and the private message waits for
  // its chat's send slot): whether the bot may write privately is known from the records.
  const canWrite = ctx.prefs?.private === '1' && ctx.prefs.inactive === undefined;
  await ctx.answerCallbackQuery(
    canWrite ? { text: ctx.t('rsvp-sub-see-private', { id: m.id }) } : { text: ctx.t('rsvp-sub-use-command', { id: m.id }), show_alert: true },
  );
  if (!canWrite) return;
  await ctx.svc.store.pending.set(ctx.actor.userId, { kind: 'substitute', meetingId: m.id });
  await ctx.api.sendMessage(ctx.actor.userId, ctx.t('rsvp-sub-ask', { id: m.id })).catch(async (err: unknown) => {
    // Blocked since: remembered, so the next press gets the text command instead.
    const f = classify(err);
    if (f.kind === 'recipient') await ctx.svc.store.members.markInactive(ctx.actor.userId, f.reason);
    else throw err;
  });
});

// The name of the substitute, after pressing "send a substitute": the answer is checked
// again as it is now (the person may have left the unit, the meeting may be cancelled).
onPending('substitute', async (ctx, p, next) => {
  const text = ctx.msg?.text;
  if (text === undefined) return next();
  await ctx.svc.store.pending.take(ctx.actor.userId, 'substitute');
  const m = await ctx.svc.store.meetings.get(p.meetingId);
  if (!m) return refuse(ctx, 'meeting-unknown', { id: p.meetingId });
  const res = await answer(ctx, m, 'sub', text.trim());
  await ctx.reply(ctx.t(res.key, res.vars ?? {}));
});

// /rsvp M<n> yes|no|sub [name]: the text form of the buttons.
meetings.command(names('rsvp'), async (ctx) => {
  const [idWord, answerWord, ...nameWords] = args(ctx);
  const a = parseRsvp(answerWord);
  if (!idWord || !a) return refuse(ctx, 'rsvp-usage');
  const m = await findMeeting(ctx, idWord);
  if (!m) return;
  const name = nameWords.join(' ');
  const res = await answer(ctx, m, a, name || undefined);
  if (res.ok && a === 'sub' && !name) await ctx.svc.store.pending.set(ctx.actor.userId, { kind: 'substitute', meetingId: m.id });
  const text = ctx.t(res.key, res.vars ?? {});
  await ctx.reply(res.ok && a === 'sub' && !name ? `${text}\n${ctx.t('rsvp-sub-ask', { id: m.id })}` : text, reply(ctx));
});

// /ics M<n>: the meeting as a calendar file.
meetings.command(names('ics'), async (ctx) => {
  if (!(await requireRole(ctx, 'delegate'))) return;
  const m = await findMeeting(ctx, args(ctx)[0]);
  if (!m) return;
  if (!visibleTo(ctx, m, await ctx.svc.store.units.codes())) return refuse(ctx, 'meeting-unknown', { id: m.id });
  const ics = meetingIcs(m, { tz: ctx.svc.config.COUNCIL_TIMEZONE, organizer: ctx.svc.config.COUNCIL_NAME, botUsername: ctx.me.username });
  await ctx.replyWithDocument(new InputFile(Buffer.from(ics, 'utf8'), `${m.id}.ics`), {
    caption: ctx.t('ics-caption', { id: m.id }),
    ...reply(ctx),
  });
});

import { Composer, InputFile } from 'grammy';
import * as act from '#root/actions/meetings.js';
import type { BotContext } from '#root/context.js';
import { names } from '#root/domain/commands.js';
import { splitForm, validateForm } from '#root/domain/forms.js';
import { MEETING_FIELDS, parseRsvp, type Rsvp } from '#root/domain/meetings.js';
import type { Refusal } from '#root/policy.js';
import { classify } from '#root/telegram/errors.js';
import { describeProblems, fieldContext, formCommand, formLines } from '#root/telegram/forms.js';
import { onPending } from '#root/telegram/pending.js';
import { args, refuse, reply, replyPrivately, viewOf } from '#root/telegram/reply.js';
import { escapeHtml } from '#root/telegram/text.js';
import { createWizards } from '#root/telegram/wizard.js';
import { withDateWarnings } from '#root/views/dates.js';
import { meetingIcs } from '#root/views/ics.js';
import * as view from '#root/views/meetings.js';

/**
 * The meetings in Telegram: each handler parses, calls its action (src/actions/meetings.ts,
 * where the rules are) and renders the result or the refusal.
 */
export const meetings = new Composer<BotContext>();

/** A refusal as a reply; its values may be what the person typed, so they are shown literally. */
function refuseWith(ctx: BotContext, r: Refusal): Promise<void> {
  const vars = Object.fromEntries(Object.entries(r.vars ?? {}).map(([k, v]) => [k, typeof v === 'string' ? escapeHtml(v) : v]));
  return refuse(ctx, r.code, vars);
}

/** How the person is called in an answer: their member name, else their Telegram name. */
function nameOf(ctx: BotContext): string {
  return ctx.member?.name ?? ctx.from?.first_name ?? String(ctx.actor.userId);
}

async function createMeeting(ctx: BotContext, raw: Map<string, string>): Promise<void> {
  const form = validateForm(raw, MEETING_FIELDS, await fieldContext(ctx));
  if (!form.ok) return void (await ctx.say(`${describeProblems(ctx, 'meeting', form.problems)}\n\n${ctx.t('meeting-form-help')}`, reply(ctx)));
  const res = await act.createMeeting(ctx.svc, ctx.actor, form.values);
  if (!res.ok) return refuseWith(ctx, res.refusal);
  const { meeting: m, groups, warnings } = res.value;
  const v = await viewOf(ctx);
  await ctx.reply(withDateWarnings(v, ctx.t('meeting-created', { id: m.id, when: view.when(v, m.startsAt), groups }), warnings), reply(ctx));
}

// The guided form's last answer calls the action again, as the person is then.
const wizards = createWizards([{ name: 'meeting', action: 'meeting.create', fields: MEETING_FIELDS, fieldContext, submit: createMeeting }]);

// /newmeeting + form, or alone in private chat: the guided conversation.
meetings.command(names('newmeeting'), (ctx) =>
  formCommand(ctx, {
    name: 'meeting',
    fields: MEETING_FIELDS,
    helpKey: 'meeting-form-help',
    guided: () => wizards.start(ctx, 'meeting'),
    submit: (raw) => createMeeting(ctx, raw),
  }),
);

// /meetings: upcoming meetings the caller is concerned by, with their own answer.
meetings.command(names('meetings'), async (ctx) => {
  const res = await act.listMeetings(ctx.svc, ctx.actor);
  if (!res.ok) return refuseWith(ctx, res.refusal);
  if (res.value.length === 0) return refuse(ctx, 'meetings-empty');
  const v = await viewOf(ctx);
  const lines = [ctx.t('meetings-title')];
  for (const { meeting: m, mine } of res.value) {
    lines.push(ctx.t('meetings-line', { id: m.id, when: view.when(v, m.startsAt), title: escapeHtml(m.title), answer: mine ? view.rsvpLabel(v, mine) : ctx.t('rsvp-label-none') }));
  }
  await ctx.say(lines.join('\n'), reply(ctx));
});

// /meeting M<n>: details; who answered what goes privately to those the policy shows it to.
meetings.command(names('meeting'), async (ctx) => {
  const res = await act.viewMeeting(ctx.svc, ctx.actor, { id: args(ctx)[0] });
  if (!res.ok) return refuseWith(ctx, res.refusal);
  const { meeting: m, counts, expected, mine, roster } = res.value;
  const v = await viewOf(ctx);
  const title = m.status === 'cancelled' ? ctx.t('meeting-ann-cancelled-title', { id: m.id }) : ctx.t('meeting-details-title', { id: m.id });
  const head = [title, ...view.meetingBody(v, m), view.countsLine(v, counts, expected)];
  head.push(ctx.t('meeting-your-answer', { id: m.id, answer: mine ? view.rsvpLabel(v, mine) : ctx.t('rsvp-label-none') }));
  await ctx.say(head.join('\n'), reply(ctx));
  if (!roster?.length) return;
  const lines = [ctx.t('meeting-roster-title', { id: m.id })];
  for (const { unit, members, answers } of roster) {
    lines.push(ctx.t('meeting-roster-unit', { unit, answered: answers.size, total: members.length }));
    for (const p of members) {
      const a = answers.get(p.id);
      if (a) lines.push(`  • ${escapeHtml(p.name)}: ${view.rsvpLabel(v, a)}`);
    }
    const silent = members.filter((p) => !answers.has(p.id)).map((p) => escapeHtml(p.name));
    if (silent.length) lines.push(ctx.t('meeting-roster-silent', { names: silent.join(', ') }));
  }
  await replyPrivately(ctx, lines.join('\n'));
});

/** `/editmeeting M3` then `key: value` lines: only the fields given change. */
meetings.command(names('editmeeting'), async (ctx) => {
  const [first = '', ...rest] = formLines(ctx);
  const [idWord, ...firstRest] = first.trim().split(/\s+/);
  const id = idWord || undefined;
  const { raw, problems } = splitForm([firstRest.join(' '), ...rest], MEETING_FIELDS);
  const form = problems.length ? { ok: false as const, problems } : validateForm(raw, MEETING_FIELDS, await fieldContext(ctx), { partial: true });
  if (!form.ok && id) {
    return void (await ctx.say(`${describeProblems(ctx, 'meeting', form.problems)}\n\n${ctx.t('meeting-edit-help', { id: escapeHtml(id.toUpperCase()) })}`, reply(ctx)));
  }
  // The fields in the order written: the change notice lists them so.
  const change: act.MeetingChange = {};
  if (form.ok) for (const key of raw.keys()) Object.assign(change, { [key]: form.values[key as act.MeetingField] });
  const res = await act.editMeeting(ctx.svc, ctx.actor, { id, change });
  if (!res.ok) return refuseWith(ctx, res.refusal);
  const { before, after, fields, warnings } = res.value;
  const v = await viewOf(ctx);
  await ctx.say(withDateWarnings(v, `${view.changeNotice(v, before, after, fields)}\n${ctx.t('meeting-edited', { id: after.id })}`, warnings), reply(ctx));
});

// /cancelmeeting M<n> [reason]
meetings.command(names('cancelmeeting'), async (ctx) => {
  const [id, ...reasonWords] = args(ctx);
  const res = await act.cancelMeeting(ctx.svc, ctx.actor, { id, reason: reasonWords.join(' ') });
  if (!res.ok) return refuseWith(ctx, res.refusal);
  await ctx.reply(ctx.t('meeting-cancel-done', { id: res.value.meeting.id }), reply(ctx));
});

/** What the person is told once an answer is recorded. */
function recorded(ctx: BotContext, id: string, a: Rsvp, sub: string | undefined): string {
  return sub ? ctx.t('rsvp-sub-saved', { id, name: escapeHtml(sub) }) : ctx.t(`rsvp-done-${a}`, { id });
}

meetings.callbackQuery(/^rsvp:(M\d+):(yes|no|sub)$/, async (ctx) => {
  const a = ctx.match[2] as Rsvp;
  const res = await act.rsvp(ctx.svc, ctx.actor, { id: ctx.match[1]!, answer: a, name: nameOf(ctx) });
  // An alert is plain text: the values go as they are.
  if (!res.ok) return ctx.answerCallbackQuery({ text: ctx.t(res.refusal.code, res.refusal.vars ?? {}), show_alert: true });
  const id = res.value.meeting.id;
  if (a !== 'sub') return ctx.answerCallbackQuery({ text: recorded(ctx, id, a, undefined) });
  // A substitute needs a name: asked privately, the next private message is the answer. The
  // press is answered first (Telegram refuses late answers, and the private message waits for
  // its chat's send slot): whether the bot may write privately is known from the records.
  const canWrite = ctx.prefs?.private === '1' && ctx.prefs.inactive === undefined;
  await ctx.answerCallbackQuery(canWrite ? { text: ctx.t('rsvp-sub-see-private', { id }) } : { text: ctx.t('rsvp-sub-use-command', { id }), show_alert: true });
  if (!canWrite) return;
  await ctx.svc.store.pending.set(ctx.actor.userId, { kind: 'substitute', meetingId: id });
  await ctx.api.sendMessage(ctx.actor.userId, ctx.t('rsvp-sub-ask', { id })).catch(async (err: unknown) => {
    // Blocked since: remembered, so the next press gets the text command instead.
    const f = classify(err);
    if (f.kind === 'recipient') await ctx.svc.store.members.markInactive(ctx.actor.userId, f.reason);
    else throw err;
  });
});

// The name of the substitute, after "send a substitute": the same action again, decided with
// the person as they are now (they may have left the unit, the meeting may be cancelled).
onPending('substitute', async (ctx, p, next) => {
  const text = ctx.msg?.text;
  if (text === undefined) return next();
  await ctx.svc.store.pending.take(ctx.actor.userId, 'substitute');
  const res = await act.rsvp(ctx.svc, ctx.actor, { id: p.meetingId, answer: 'sub', sub: text, name: nameOf(ctx) });
  if (!res.ok) return refuseWith(ctx, res.refusal);
  await ctx.reply(recorded(ctx, res.value.meeting.id, 'sub', res.value.sub));
});

// /rsvp M<n> yes|no|sub [name]: the text form of the buttons.
meetings.command(names('rsvp'), async (ctx) => {
  const [idWord, answerWord, ...nameWords] = args(ctx);
  const a = parseRsvp(answerWord);
  if (!idWord || !a) return refuse(ctx, 'rsvp-usage');
  const res = await act.rsvp(ctx.svc, ctx.actor, { id: idWord, answer: a, sub: nameWords.join(' '), name: nameOf(ctx) });
  if (!res.ok) return refuseWith(ctx, res.refusal);
  const { meeting: m, sub } = res.value;
  const text = recorded(ctx, m.id, a, sub);
  if (a !== 'sub' || sub) return void (await ctx.reply(text, reply(ctx)));
  await ctx.svc.store.pending.set(ctx.actor.userId, { kind: 'substitute', meetingId: m.id });
  await ctx.reply(`${text}\n${ctx.t('rsvp-sub-ask', { id: m.id })}`, reply(ctx));
});

// /ics M<n>: the meeting as a calendar file.
meetings.command(names('ics'), async (ctx) => {
  const res = await act.meetingForCalendar(ctx.svc, ctx.actor, { id: args(ctx)[0] });
  if (!res.ok) return refuseWith(ctx, res.refusal);
  const m = res.value;
  const ics = meetingIcs(m, { tz: ctx.svc.config.COUNCIL_TIMEZONE, organizer: ctx.t('council'), botUsername: ctx.me.username });
  await ctx.replyWithDocument(new InputFile(Buffer.from(ics, 'utf8'), `${m.id}.ics`), { caption: ctx.t('ics-caption', { id: m.id }), ...reply(ctx) });
});

/**
 * Meetings: everything a person can do with one, each as one function of (deps, actor, input)
 * returning a result or a refusal. What happens when a meeting is created, edited, cancelled
 * or answered is here, in order; the Telegram handlers (commands/meetings.ts) parse and
 * render, the jobs (jobs/meetings.ts) carry out the effects asked for here.
 *
 * Every change is decided on the meeting as read and written only if it is still that
 * version (the store's check-and-write): an edit and a cancellation at the same moment end
 * in one of the two orders, never in a mix, and a losing change reads again and decides
 * again. An answer is written only if the meeting and the person's membership are still as
 * they were when it was allowed.
 */
import { changedFields, fieldsOf, historyEntry, historyFor } from '#root/actions/history.js';
import type { ActionDeps, Actor } from '#root/actions/types.js';
import type { FormValues } from '#root/domain/forms.js';
import { dateWarnings, type DateWarning } from '#root/domain/holidays.js';
import { DEFAULT_DURATION_MIN, DEFAULT_REMINDERS, targetUnits, type MEETING_FIELDS, type Meeting, type Rsvp, type RsvpRecord } from '#root/domain/meetings.js';
import { parseOffsets } from '#root/domain/time.js';
import { can, ok, refused, refusedWith, type Refusal, type Result } from '#root/policy.js';
import type { Store } from '#root/store/index.js';
import type { Member } from '#root/store/members.js';

/** A complete meeting form, as validated: title and time required. */
type MeetingForm = FormValues<(typeof MEETING_FIELDS)[number]>;
export type MeetingField = keyof MeetingForm;
/** The fields an edit gives, in the order given (the change notice lists them so). */
export type MeetingChange = Partial<MeetingForm>;

/** What the groups are told about a meeting. */
export type MeetingNotice = { kind: 'changed'; before: Meeting; fields: MeetingField[] } | { kind: 'cancelled' };

/** The effects meeting actions ask for; jobs/meetings.ts carries them out. */
export interface MeetingEffects {
  /** Posts the announcement to the meeting's groups, or only to these chats (units an edit added). */
  announce(m: Meeting, only?: readonly number[]): Promise<void>;
  /** Reminders of this version still ahead, in the queue and the due index. */
  scheduleReminders(m: Meeting): Promise<void>;
  /** Removes this version's reminders. */
  unscheduleReminders(m: Meeting): Promise<void>;
  /** Tells the meeting's groups (and `also`: groups an edit removed) what changed, or that it was cancelled. */
  notifyGroups(m: Meeting, notice: MeetingNotice, also?: readonly number[]): Promise<void>;
  /** Re-renders the announcements (answers, edits), coalesced. */
  scheduleRefresh(id: string): Promise<void>;
}

/** A change that lost the race this many times in a row is refused rather than retried forever. */
const ATTEMPTS = 5;
const DEFAULT_OFFSETS = (parseOffsets(DEFAULT_REMINDERS) as { ok: true; offsetsMs: number[] }).offsetsMs;
const MEETING_ID = /^M\d{1,9}$/;


/** The linked, active groups of a meeting's target units, as they are now. */
export async function meetingChats(store: Store, m: Meeting): Promise<{ unit: string; chatId: number }[]> {
  const units = await store.units.list();
  const targets = new Set(targetUnits(m, units.map((u) => u.code)));
  return units.filter((u) => targets.has(u.code) && u.group?.active).map((u) => ({ unit: u.code, chatId: u.group!.chatId }));
}

/** Everyone who may answer: the members of the target units. */
export async function expectedCount(store: Store, m: Meeting): Promise<number> {
  const codes = targetUnits(m, await store.units.codes());
  const counts = await Promise.all(codes.map((c) => store.units.memberCount(c)));
  return counts.reduce((a, b) => a + b, 0);
}

/** The meeting a typed id names (`m3` is M3); the id as typed is given back in the refusal. */
async function find(deps: ActionDeps, raw: string | undefined): Promise<Result<Meeting>> {
  if (!raw) return refused('meeting-id-missing');
  const id = raw.toUpperCase();
  const m = MEETING_ID.test(id) ? await deps.store.meetings.get(id) : undefined;
  return m ? ok(m) : refused('meeting-unknown', { id: raw });
}

/** Who the meeting is for, as the policy reads it. */
async function audienceOf(deps: ActionDeps, m: Meeting): Promise<string[]> {
  return targetUnits(m, await deps.store.units.codes());
}

/** A meeting the person is not concerned by is, to them, a meeting that does not exist. */
function hidden(r: Refusal, m: Meeting): Refusal {
  return r.code === 'not-concerned' ? { code: 'meeting-unknown', vars: { id: m.id } } : r;
}

// --- create, edit, cancel ------------------------------------------------------------------

/**
 * Creates the meeting, announces it to the target groups and schedules its reminders. A day
 * off (weekend, public holiday) is not refused: `warnings` are for the secretary's reply.
 */
export async function createMeeting(deps: ActionDeps, actor: Actor, input: MeetingForm): Promise<Result<{ meeting: Meeting; groups: number; warnings: DateWarning[] }>> {
  const refusal = can(actor, 'meeting.create', {}, deps.config.COUNCIL_UNIT);
  if (refusal) return refusedWith(refusal);
  const created = {
    title: input.title,
    startsAt: input.when,
    durationMin: input.duration ?? DEFAULT_DURATION_MIN,
    place: input.place,
    link: input.link,
    units: input.units ?? 'all',
    proposal: input.proposal,
    agenda: input.agenda ?? [],
    remindersMs: input.reminders ?? DEFAULT_OFFSETS,
    createdBy: actor.userId,
  };
  const history = await historyFor(deps, actor, 'meeting.create', 'meeting', { after: fieldsOf(created, ['title', 'startsAt', 'durationMin', 'place', 'link', 'units', 'proposal', 'agenda', 'remindersMs']) });
  const m = await deps.store.meetings.create(created, Date.now(), history);
  await deps.effects.meetings.announce(m);
  await deps.effects.meetings.scheduleReminders(m);
  deps.log.info({ meeting: m.id, by: actor.userId }, 'meeting created');
  return ok({ meeting: m, groups: (await meetingChats(deps.store, m)).length, warnings: dateWarnings(m.startsAt, deps.config.COUNCIL_TIMEZONE) });
}

/** The record a form field is kept in. */
const PROP = {
  title: 'title',
  when: 'startsAt',
  duration: 'durationMin',
  place: 'place',
  link: 'link',
  units: 'units',
  proposal: 'proposal',
  agenda: 'agenda',
  reminders: 'remindersMs',
} as const satisfies Record<MeetingField, keyof Meeting>;

function applyChange(m: Meeting, c: MeetingChange, now: number): Meeting {
  return {
    ...m,
    ...(c.title !== undefined ? { title: c.title } : {}),
    ...(c.when !== undefined ? { startsAt: c.when } : {}),
    ...(c.duration !== undefined ? { durationMin: c.duration } : {}),
    ...(c.place !== undefined ? { place: c.place } : {}),
    ...(c.link !== undefined ? { link: c.link } : {}),
    ...(c.units !== undefined ? { units: c.units } : {}),
    ...(c.proposal !== undefined ? { proposal: c.proposal } : {}),
    ...(c.agenda !== undefined ? { agenda: c.agenda } : {}),
    ...(c.reminders !== undefined ? { remindersMs: c.reminders } : {}),
    version: m.version + 1,
    updatedAt: now,
  };
}

/**
 * A change that came after ours already removed the reminders it knew of, possibly before
 * ours were scheduled: if the meeting moved on, ours go too. (Its change was written after
 * ours, and it removes reminders only after writing, so one of the two sees the other.)
 */
async function dropRemindersIfSuperseded(deps: ActionDeps, m: Meeting): Promise<void> {
  const now = await deps.store.meetings.get(m.id);
  if (now?.version !== m.version) await deps.effects.meetings.unscheduleReminders(m);
}

interface MeetingEdited {
  before: Meeting;
  after: Meeting;
  /** The fields that changed, in the order the edit gave them. */
  fields: MeetingField[];
  /** The new time falls on a day off (only when the time changed). */
  warnings: DateWarning[];
}

/**
 * Changes the fields given. Then, in order: the old version's reminders go and the new
 * version's are scheduled; the groups (also those of units the edit removed) are told what
 * changed; the announcements are re-rendered; units the edit added get the announcement.
 */
export async function editMeeting(deps: ActionDeps, actor: Actor, input: { id: string | undefined; change: MeetingChange }): Promise<Result<MeetingEdited>> {
  const refusal = can(actor, 'meeting.edit', {}, deps.config.COUNCIL_UNIT);
  if (refusal) return refusedWith(refusal);
  const given = (Object.keys(input.change) as MeetingField[]).filter((f) => input.change[f] !== undefined);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const found = await find(deps, input.id);
    if (!found.ok) return found;
    const before = found.value;
    if (before.status === 'cancelled') return refused('meeting-is-cancelled', { id: before.id });
    if (given.length === 0) return refused('meeting-edit-help', { id: before.id });
    const after = applyChange(before, input.change, Date.now());
    const fields = given.filter((f) => JSON.stringify(before[PROP[f]]) !== JSON.stringify(after[PROP[f]]));
    if (fields.length === 0) return refused('meeting-unchanged', { id: before.id });
    const chatsBefore = (await meetingChats(deps.store, before)).map((g) => g.chatId);
    const history = await historyEntry(deps, actor, 'meeting.edit', { kind: 'meeting', id: before.id }, changedFields(before, after, fields.map((f) => PROP[f])));
    if (!(await deps.store.meetings.replace(before.version, after, history))) continue;

    const fx = deps.effects.meetings;
    await fx.unscheduleReminders(before);
    await fx.scheduleReminders(after);
    await dropRemindersIfSuperseded(deps, after);
    await fx.notifyGroups(after, { kind: 'changed', before, fields }, chatsBefore);
    await fx.scheduleRefresh(after.id);
    const added = (await meetingChats(deps.store, after)).map((g) => g.chatId).filter((c) => !chatsBefore.includes(c));
    if (added.length) await fx.announce(after, added);
    deps.log.info({ meeting: after.id, fields, by: actor.userId }, 'meeting edited');
    const warnings = fields.includes('when') ? dateWarnings(after.startsAt, deps.config.COUNCIL_TIMEZONE) : [];
    return ok({ before, after, fields, warnings });
  }
  return refused('meeting-busy', { id: input.id?.toUpperCase() ?? '' });
}

/** Cancels the meeting: its reminders go, the groups are told, the announcements say so. */
export async function cancelMeeting(deps: ActionDeps, actor: Actor, input: { id: string | undefined; reason?: string | undefined }): Promise<Result<{ meeting: Meeting }>> {
  const refusal = can(actor, 'meeting.cancel', {}, deps.config.COUNCIL_UNIT);
  if (refusal) return refusedWith(refusal);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const found = await find(deps, input.id);
    if (!found.ok) return found;
    const before = found.value;
    if (before.status === 'cancelled') return refused('meeting-is-cancelled', { id: before.id });
    const reason = input.reason?.trim().slice(0, 500) || undefined;
    const after: Meeting = { ...before, status: 'cancelled', cancelReason: reason, version: before.version + 1, updatedAt: Date.now() };
    const history = await historyEntry(deps, actor, 'meeting.cancel', { kind: 'meeting', id: before.id }, changedFields(before, after, ['status', 'cancelReason']));
    if (!(await deps.store.meetings.replace(before.version, after, history))) continue;

    const fx = deps.effects.meetings;
    await fx.unscheduleReminders(before);
    await fx.notifyGroups(after, { kind: 'cancelled' });
    await fx.scheduleRefresh(after.id);
    deps.log.info({ meeting: after.id, by: actor.userId }, 'meeting cancelled');
    return ok({ meeting: after });
  }
  return refused('meeting-busy', { id: input.id?.toUpperCase() ?? '' });
}

// --- answering -------------------------------------------------------------------------------

interface RsvpInput {
  id: string | undefined;
  answer: Rsvp;
  /** The substitute's name, when sending one and it is known. */
  sub?: string | undefined;
  /** How the person is called (their member name, else their name in the channel). */
  name: string;
}

/**
 * Records the person's answer (the buttons, /rsvp and a substitute's name all come here): only
 * members of the meeting's units, only while it is scheduled and has not started. The check
 * and the write are one step: a meeting edited or cancelled meanwhile is read and decided
 * again; a person removed or moved meanwhile is refused.
 */
export async function rsvp(deps: ActionDeps, actor: Actor, input: RsvpInput): Promise<Result<{ meeting: Meeting; answer: Rsvp; sub?: string | undefined; previous?: Rsvp | undefined }>> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const found = await find(deps, input.id);
    if (!found.ok) return found;
    const m = found.value;
    const unit = actor.unit;
    if (can(actor, 'meeting.rsvp', { units: await audienceOf(deps, m) }, deps.config.COUNCIL_UNIT) || !unit) return refused('rsvp-not-member');
    if (m.status !== 'scheduled') return refused('rsvp-cancelled', { id: m.id });
    if (Date.now() >= m.startsAt) return refused('rsvp-started', { id: m.id });
    const sub = input.sub?.trim().slice(0, 200) || undefined;
    const record: RsvpRecord = { answer: input.answer, ...(sub ? { sub } : {}), unit, name: input.name, at: Date.now() };
    // An admin is one by the configuration, not by a member record: nothing to re-check.
    const memberUnit = actor.role === 'admin' ? undefined : unit;
    // The answer it replaces is the script's to know: the entry gets it as its `before` there.
    const history = await historyEntry(deps, actor, 'meeting.rsvp', { kind: 'meeting', id: m.id }, { name: input.name, after: { answer: input.answer, ...(sub ? { sub } : {}) } }, record.at);
    const w = await deps.store.meetings.rsvp(m.id, actor.userId, record, { version: m.version, memberUnit }, history);
    if (!w.written) {
      if (w.reason === 'meeting-changed') continue;
      return refused('rsvp-not-member');
    }
    await deps.effects.meetings.scheduleRefresh(m.id);
    deps.log.info({ meeting: m.id, answer: input.answer }, 'rsvp recorded');
    return ok({ meeting: m, answer: input.answer, sub, previous: w.previous });
  }
  return refused('meeting-busy', { id: input.id?.toUpperCase() ?? '' });
}

// --- reading -----------------------------------------------------------------------------------

/** Upcoming, scheduled meetings the person is concerned by, soonest first, with their own answer. */
export async function listMeetings(deps: ActionDeps, actor: Actor): Promise<Result<{ meeting: Meeting; mine: RsvpRecord | undefined }[]>> {
  const refusal = can(actor, 'meeting.list', {}, deps.config.COUNCIL_UNIT);
  if (refusal) return refusedWith(refusal);
  const codes = await deps.store.units.codes();
  const visible = (await deps.store.meetings.upcoming(Date.now())).filter(
    (m) => m.status === 'scheduled' && can(actor, 'meeting.view', { units: targetUnits(m, codes) }, deps.config.COUNCIL_UNIT) === undefined,
  );
  return ok(await Promise.all(visible.map(async (meeting) => ({ meeting, mine: await deps.store.meetings.rsvpOf(meeting.id, actor.userId) }))));
}

/** One unit's members and the answers of those who gave one. */
interface RosterUnit {
  unit: string;
  members: Member[];
  answers: Map<number, RsvpRecord>;
}

interface MeetingDetails {
  meeting: Meeting;
  counts: Record<Rsvp, number>;
  expected: number;
  mine: RsvpRecord | undefined;
  /** Who answered what, for the units the person may see it of ('meeting.roster'); absent: none. */
  roster?: RosterUnit[];
}

/** A meeting's details and the person's own answer; for secretaries also who answered what in their units. */
export async function viewMeeting(deps: ActionDeps, actor: Actor, input: { id: string | undefined }): Promise<Result<MeetingDetails>> {
  const found = await find(deps, input.id);
  if (!found.ok) return found;
  const m = found.value;
  const units = await audienceOf(deps, m);
  const refusal = can(actor, 'meeting.view', { units }, deps.config.COUNCIL_UNIT);
  if (refusal) return refusedWith(hidden(refusal, m));
  const { meetings } = deps.store;
  const details: MeetingDetails = {
    meeting: m,
    counts: await meetings.counts(m.id),
    expected: await expectedCount(deps.store, m),
    mine: await meetings.rsvpOf(m.id, actor.userId),
  };
  const rosterUnits = units.filter((u) => can(actor, 'meeting.roster', { units: [u] }, deps.config.COUNCIL_UNIT) === undefined);
  if (rosterUnits.length === 0) return ok(details);
  const roster: RosterUnit[] = [];
  for (const unit of rosterUnits) {
    const members = await deps.store.members.list(unit);
    if (members.length === 0) continue;
    roster.push({ unit, members, answers: await meetings.rsvpsOf(m.id, members.map((p) => p.id)) });
  }
  return ok({ ...details, roster });
}

/** The meeting, for its calendar file. */
export async function meetingForCalendar(deps: ActionDeps, actor: Actor, input: { id: string | undefined }): Promise<Result<Meeting>> {
  const found = await find(deps, input.id);
  if (!found.ok) return found;
  const refusal = can(actor, 'meeting.ics', { units: await audienceOf(deps, found.value) }, deps.config.COUNCIL_UNIT);
  return refusal ? refusedWith(hidden(refusal, found.value)) : found;
}

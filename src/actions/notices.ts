/**
 * Notices (broadcasts): everything a person can do with one, a function each. A secretary
 * drafts a notice for the units they act for (the recipients are frozen at the preview),
 * sends or discards the draft, follows and stops what they sent; a recipient says "Received".
 * Who may is the policy's answer (src/policy.ts), asked with the notice as it is and the
 * person as they are at the moment of each step: Send pressed a day later is decided then.
 */
import { historyEntry, historyFor } from '#root/actions/history.js';
import type { ActionDeps, Actor, Result } from '#root/actions/types.js';
import { ok, refused } from '#root/actions/types.js';
import {
  checkNotice,
  draftExpired,
  DRAFT_TTL_MS,
  leftSincePreview,
  parseAudience,
  selectRecipients,
  type AlbumPart,
  type Audience,
  type NoticeMessage,
  type Recipient,
  type Uncopyable,
} from '#root/domain/broadcasts.js';
import { can, type Refusal, type Target } from '#root/policy.js';
import { finished, type Broadcast, type BroadcastStatus, type Counts } from '#root/store/broadcasts.js';
import { expectedAckers } from '#root/summaries.js';
import { noticeContent } from '#root/zalo/notice.js';

/** What sending a notice sets in motion, wired to the job queues in src/app.ts. */
export interface NoticeEffects {
  /** Sends the copies of a notice that has just moved to "sending". */
  startSending(id: string): Promise<void>;
}

/** Where the notice to copy is (a message the secretary sent the bot) and what it holds. */
export interface NoticeSource {
  chatId: number;
  messageId: number;
  message: NoticeMessage;
}

export type Drafted =
  | { kind: 'drafted'; notice: Broadcast; albumPart?: AlbumPart | undefined }
  /** Telegram could not copy it; nothing stored. `waiting`: the next message is still awaited. */
  | { kind: 'uncopyable'; reason: Uncopyable; waiting: boolean };

const RECENT = 50;
const LISTED = 10;

/** The policy's verdict as a result: undefined when allowed. */
const no = (r: Refusal): { ok: false; refusal: Refusal } => ({ ok: false, refusal: r });

/**
 * Whose business a notice is: the unit its sender acted for, or the council for a
 * council-wide notice. Following it (/acks, /broadcasts) and stopping it are decided on this.
 */
function noticeTarget(deps: ActionDeps, b: Broadcast): Target {
  const unit = b.scopeUnit ?? deps.config.COUNCIL_UNIT;
  return { unit, units: [unit], owner: b.createdBy };
}

/**
 * The units a notice to `audience` reaches for this person: the named units, each of which
 * the policy must let them draft for; or, when none is named, every unit they may draft for.
 */
async function scoped(deps: ActionDeps, actor: Actor, audience: Audience): Promise<Result<{ audience: Audience; allUnits: boolean }>> {
  const council = deps.config.COUNCIL_UNIT;
  const asked = can(actor, 'notice.draft', {}, council);
  if (asked) return no(asked);
  const allUnits = can(actor, 'notice.draft', { unit: council }, council) === undefined;
  if (audience.units) {
    for (const unit of audience.units) {
      const r = can(actor, 'notice.draft', { unit }, council);
      if (r) return no(r);
    }
    return ok({ audience, allUnits });
  }
  if (allUnits) return ok({ audience, allUnits });
  const codes = await deps.store.units.codes();
  const mine = codes.filter((unit) => can(actor, 'notice.draft', { unit }, council) === undefined);
  if (mine.length === 0) return refused('broadcast-nobody');
  return ok({ audience: { ...audience, units: mine }, allUnits });
}

/**
 * `/broadcast AUDIENCE`: who the notice is for, within what this person may reach. A bad
 * audience is refused as 'broadcast-usage' with the words not understood (`bad`, may be empty).
 */
export async function noticeAudience(deps: ActionDeps, actor: Actor, words: string[]): Promise<Result<Audience>> {
  const codes = new Set(await deps.store.units.codes());
  const parsed = parseAudience(words, (w) => codes.has(w));
  if (!parsed.ok) return refused('broadcast-usage', { bad: parsed.bad.join(' ') });
  const s = await scoped(deps, actor, parsed.audience);
  return s.ok ? ok(s.value.audience) : s;
}

/** `/broadcast AUDIENCE` without a notice: the person's next private message is the notice. */
export async function awaitNotice(deps: ActionDeps, actor: Actor, audience: Audience): Promise<Result<void>> {
  const s = await scoped(deps, actor, audience);
  if (!s.ok) return s;
  await deps.store.pending.set(actor.userId, { kind: 'notice', audience: s.value.audience });
  return ok(undefined);
}

/** Cancel on "send the notice now": the next message is no longer a notice. */
export async function stopAwaitingNotice(deps: ActionDeps, actor: Actor): Promise<Result<void>> {
  await deps.store.pending.take(actor.userId, 'notice');
  return ok(undefined);
}

/**
 * The preview: checks that Telegram can copy the notice, freezes its recipients and stores
 * the draft. Nothing is sent. A notice that cannot be copied is refused before anything is
 * stored; if the person had been asked for it (`waiting`), it is still awaited.
 */
export async function draftNotice(
  deps: ActionDeps,
  actor: Actor,
  input: { audience: Audience; source: NoticeSource; locale: 'vi' | 'en'; waiting: boolean },
): Promise<Result<Drafted>> {
  const s = await scoped(deps, actor, input.audience);
  if (!s.ok) return s;
  const { audience, allUnits } = s.value;
  const { store } = deps;
  const check = checkNotice(input.source.message);
  if (!check.ok) {
    if (input.waiting) await store.pending.set(actor.userId, { kind: 'notice', audience });
    return ok({ kind: 'uncopyable', reason: check.reason, waiting: input.waiting });
  }
  const [units, members] = await Promise.all([store.units.list(), store.members.list()]);
  const recipients = selectRecipients(audience, units, members);
  if (recipients.length === 0) return refused('broadcast-nobody');
  const reached = audience.units ?? units.map((u) => u.code);
  const history = await historyFor(deps, actor, 'notice.draft', 'notice', { after: { status: 'draft', units: reached, recipients: recipients.length } });
  const notice = await store.broadcasts.create(
    {
      createdBy: actor.userId,
      ...(allUnits || actor.unit === undefined ? {} : { scopeUnit: actor.unit }),
      audience,
      units: audience.units ?? units.map((u) => u.code),
      notice: { chatId: input.source.chatId, messageId: input.source.messageId },
      locale: input.locale,
    },
    recipients,
    undefined,
    history,
  );
  // What it says, for the channels that cannot copy it (Zalo gets its text and a link to its file).
  await store.zalo.saveNotice(notice.id, noticeContent(input.source.message));
  deps.log.info({ broadcast: notice.id, recipients: notice.total }, 'broadcast drafted');
  return ok({ kind: 'drafted', notice, albumPart: check.albumPart });
}

/** Remembers the preview message carrying Send and Cancel, where progress is shown later. */
export async function attachNoticeControl(deps: ActionDeps, id: string, control: { chatId: number; messageId: number }): Promise<void> {
  await deps.store.broadcasts.transition(id, 'draft', ['draft'], { control });
}

/**
 * Whether this person may still decide about this draft (Send or discard it): its author or
 * an admin, still allowed by the policy to send a notice, and still acting for every unit
 * it goes to. Refusals: 'broadcast-not-yours', or 'broadcast-lost-role' for its author.
 */
function mayDecide(deps: ActionDeps, actor: Actor, b: Broadcast | undefined, id: string): Refusal | undefined {
  const council = deps.config.COUNCIL_UNIT;
  if (!b) return { code: 'broadcast-not-yours' };
  const r = can(actor, 'notice.send', { owner: b.createdBy }, council) ?? b.units.map((unit) => can(actor, 'notice.draft', { unit }, council)).find(Boolean);
  if (!r) return undefined;
  return b.createdBy === actor.userId ? { code: 'broadcast-lost-role', vars: { id } } : { code: 'broadcast-not-yours' };
}

/**
 * Send on the preview. Decided now, with the person as they are now: the policy, the units
 * the notice goes to, and the draft's age (a day). The move to "sending" is one atomic step,
 * so presses at once start one fan-out.
 */
export async function sendNotice(deps: ActionDeps, actor: Actor, input: { id: string }): Promise<Result<Broadcast>> {
  const b = await deps.store.broadcasts.get(input.id);
  const refusal = mayDecide(deps, actor, b, input.id);
  if (refusal || !b) return no(refusal ?? { code: 'broadcast-not-yours' });
  const history = await historyEntry(deps, actor, 'notice.send', { kind: 'notice', id: b.id }, { before: { status: 'draft' }, after: { status: 'sending' } });
  const res = await deps.store.broadcasts.confirm(b.id, DRAFT_TTL_MS, undefined, history);
  if (res === 'expired') return refused('broadcast-draft-expired', { id: b.id });
  if (res !== 'ok') return refused(`broadcast-already-${res}`, { id: b.id });
  // Started before anything else can fail: a notice marked "sending" must go out.
  await deps.effects.notices.startSending(b.id);
  deps.log.info({ broadcast: b.id }, 'broadcast confirmed');
  return ok(b);
}

/** Cancel on the preview: the draft is dropped, nothing is sent. */
export async function discardNotice(deps: ActionDeps, actor: Actor, input: { id: string }): Promise<Result<Broadcast>> {
  const b = await deps.store.broadcasts.get(input.id);
  const refusal = mayDecide(deps, actor, b, input.id);
  if (refusal || !b) return no(refusal ?? { code: 'broadcast-not-yours' });
  // The status it was in is the script's to know: the entry gets it as its `before` there.
  const history = await historyEntry(deps, actor, 'notice.cancel', { kind: 'notice', id: b.id }, { after: { status: 'cancelled' } });
  const res = await deps.store.broadcasts.transition(b.id, 'cancelled', ['draft'], {}, history);
  if (res !== 'ok') return refused(`broadcast-already-${res}`, { id: b.id });
  return ok(b);
}

/** A notice this person may follow, by its id as typed; 'broadcast-unknown' hides the others. */
async function followed(deps: ActionDeps, actor: Actor, raw: string | undefined, action: 'notice.acks' | 'notice.cancel'): Promise<Result<Broadcast>> {
  const id = raw?.toUpperCase();
  const b = id && /^B\d{1,9}$/.test(id) ? await deps.store.broadcasts.get(id) : undefined;
  if (!b || can(actor, action, noticeTarget(deps, b), deps.config.COUNCIL_UNIT)) return refused('broadcast-unknown', { id: raw ?? '' });
  return ok(b);
}

type NoticeState = BroadcastStatus | 'expired';

export interface NoticeLine {
  notice: Broadcast;
  state: NoticeState;
  counts: Counts;
  /** Recipients still to be sent to (0 unless it is being sent). */
  pending: number;
}

/** `/broadcasts`: the recent notices this person may follow, with their counts. */
export async function listNotices(deps: ActionDeps, actor: Actor, now = Date.now()): Promise<Result<NoticeLine[]>> {
  const council = deps.config.COUNCIL_UNIT;
  const asked = can(actor, 'notice.list', {}, council);
  if (asked) return no(asked);
  const recent = (await deps.store.broadcasts.recent(RECENT)).filter((b) => can(actor, 'notice.acks', noticeTarget(deps, b), council) === undefined).slice(0, LISTED);
  return ok(
    await Promise.all(
      recent.map(async (b): Promise<NoticeLine> => {
        const counts = await deps.store.broadcasts.counts(b.id);
        const pending = b.status === 'sending' ? b.total - finished(counts) : 0;
        return { notice: b, state: draftExpired(b, now) ? 'expired' : b.status, counts, pending };
      }),
    ),
  );
}

export interface AckUnit {
  unit: string;
  acked: string[];
  waiting: string[];
}

/** `/acks B<n>`: who said "Received" and who has not, by unit (names to be sent privately). */
export async function noticeAcks(deps: ActionDeps, actor: Actor, input: { id: string | undefined }): Promise<Result<{ notice: Broadcast; acked: number; units: AckUnit[] }>> {
  const found = await followed(deps, actor, input.id, 'notice.acks');
  if (!found.ok) return found;
  const b = found.value;
  const acks = await deps.store.broadcasts.acks(b.id);
  const units: AckUnit[] = [];
  for (const unit of b.units) {
    const expected = expectedAckers(b, await deps.store.members.list(unit));
    if (expected.length === 0) continue;
    units.push({ unit, acked: expected.filter((m) => acks.has(m.id)).map((m) => m.name), waiting: expected.filter((m) => !acks.has(m.id)).map((m) => m.name) });
  }
  return ok({ notice: b, acked: acks.size, units });
}

/** `/cancelbroadcast B<n>`: a draft is dropped; a notice being sent stops where it is. */
export async function stopNotice(deps: ActionDeps, actor: Actor, input: { id: string | undefined }): Promise<Result<{ notice: Broadcast; sent: number }>> {
  const found = await followed(deps, actor, input.id, 'notice.cancel');
  if (!found.ok) return found;
  const b = found.value;
  const history = await historyEntry(deps, actor, 'notice.cancel', { kind: 'notice', id: b.id }, { after: { status: 'cancelled' } });
  const res = await deps.store.broadcasts.transition(b.id, 'cancelled', ['draft', 'sending'], {}, history);
  if (res !== 'ok') return refused(`broadcast-already-${res}`, { id: b.id });
  const { sent } = await deps.store.broadcasts.counts(b.id);
  deps.log.info({ broadcast: b.id, sent }, 'broadcast cancelled');
  return ok({ notice: b, sent });
}

/**
 * "Received" under a copy, pressed in `copyChatId` (the person's private chat or a group).
 * Only a recipient of a notice that was sent: someone in the recipients frozen at the
 * preview, or a member of the unit of the recipient group where the copy was pressed. The
 * policy decides for that unit; the store re-checks the notice's status, the recipients and
 * the member record in the same step as it writes. `first` is false for a repeated press.
 */
export async function acknowledgeNotice(deps: ActionDeps, actor: Actor, input: { id: string; copyChatId?: number | undefined }): Promise<Result<{ id: string; first: boolean }>> {
  const { broadcasts } = deps.store;
  const b = await broadcasts.get(input.id);
  if (!b) return refused('broadcast-ack-unknown');
  const direct = await broadcasts.recipient(b.id, actor.userId);
  const group = direct || input.copyChatId === undefined ? undefined : await broadcasts.recipient(b.id, input.copyChatId);
  const unit = direct?.unit ?? (group?.type === 'group' ? group.unit : undefined);
  if (unit === undefined) return refused('broadcast-ack-not-recipient');
  if (can(actor, 'notice.ack', { unit }, deps.config.COUNCIL_UNIT)) return refused('broadcast-ack-not-member');
  const history = await historyEntry(deps, actor, 'notice.ack', { kind: 'notice', id: b.id }, { after: { received: unit } });
  const res = await broadcasts.acknowledge(b.id, actor.userId, input.copyChatId, undefined, history);
  switch (res) {
    case 'first':
    case 'again':
      return ok({ id: b.id, first: res === 'first' });
    case 'missing':
      return refused('broadcast-ack-unknown');
    case 'not-sent':
      return refused('broadcast-ack-not-sent');
    case 'not-recipient':
      return refused('broadcast-ack-not-recipient');
  }
}

/**
 * At fan-out: who is sent the notice. People frozen at the preview who have since been
 * removed or moved out of its units are recorded as such and not sent it.
 */
export async function recipientsAtSend(deps: ActionDeps, id: string): Promise<{ notice: Broadcast; recipients: Recipient[] } | undefined> {
  const { store } = deps;
  const b = await store.broadcasts.get(id);
  if (b?.status !== 'sending') return undefined;
  const [frozen, members, outcomes] = await Promise.all([store.broadcasts.recipients(b.id), store.members.list(), store.broadcasts.outcomes(b.id)]);
  const byId = new Map(members.map((m) => [m.id, m]));
  const recipients: Recipient[] = [];
  for (const r of frozen) {
    if (outcomes.get(r.chatId) === 'removed' || leftSincePreview(r, byId.get(r.chatId), b.units)) {
      await store.broadcasts.recordOutcome(b.id, r.chatId, { status: 'removed' });
    } else {
      recipients.push(r);
    }
  }
  if (recipients.length < frozen.length) deps.log.info({ broadcast: b.id, removed: frozen.length - recipients.length }, 'broadcast recipients removed since the preview');
  return { notice: b, recipients };
}

import type { Services } from '#root/context.js';
import { targetUnits, type Meeting, type Rsvp } from '#root/domain/meetings.js';
import { isOpen, type CommentRecord, type Proposal } from '#root/domain/proposals.js';
import type { Broadcast } from '#root/store/broadcasts.js';
import type { Member } from '#root/store/members.js';
import type { ProposalCounts } from '#root/store/proposals.js';

/**
 * What the summaries say, gathered from the store. Everything counted here is read from
 * counts kept on write (proposal counts, answer counts), never by scanning comments, so a
 * summary costs the same at 1,000 or 100,000 comments.
 */
const NOTICE_WINDOW_MS = 14 * 86_400_000;
const RECENT_NOTICES = 10;

export interface UnitSummary {
  unit: { code: string; name: string };
  meetings: { m: Meeting; answers: { member: Member; answer?: Rsvp | undefined }[] }[];
  proposals: { p: Proposal; comments: number; fresh: number; agreed: boolean }[];
  responses: CommentRecord[];
  notices: { b: Broadcast; pending: Member[]; total: number }[];
  /** Per proposal, the unit's all-time comment count now: the baseline for the next "new". */
  seen: Record<string, number>;
}

export interface CouncilSummary {
  proposals: { p: Proposal; counts: ProposalCounts; commented: string[]; agreed: string[]; silent: string[] }[];
  meetings: { m: Meeting; counts: Record<Rsvp, number>; expected: number; byUnit: { unit: string; answered: number; total: number }[] }[];
  notices: { b: Broadcast; acked: number; expected: number; byUnit: { unit: string; acked: number; total: number }[] }[];
}

async function upcomingMeetings(svc: Services, now: number): Promise<Meeting[]> {
  return (await svc.store.meetings.upcoming(now)).filter((m) => m.status === 'scheduled' && m.startsAt > now);
}

async function recentNotices(svc: Services, now: number): Promise<Broadcast[]> {
  return (await svc.store.broadcasts.recent(RECENT_NOTICES)).filter((b) => (b.status === 'done' || b.status === 'sending') && now - b.createdAt < NOTICE_WINDOW_MS);
}

/**
 * Who is expected to acknowledge a notice in a unit: everyone for group notices, delegates
 * otherwise; people who joined after it was sent are not behind on it.
 */
export function expectedAckers(b: Broadcast, members: Member[]): Member[] {
  const sentAt = b.confirmedAt ?? b.createdAt;
  return members.filter((m) => (b.audience.groups || m.role === 'delegate') && m.joinedAt <= sentAt);
}

/**
 * A unit's summary at `now`. The responses it lists are those since the last summary, or for a
 * weekly summary those of its `week` (Monday 00:00 to the next Monday 00:00, see summaryWeek).
 */
export async function unitSummary(svc: Services, code: string, now = Date.now(), week?: { start: number; end: number }): Promise<UnitSummary> {
  const { store } = svc;
  const [unit, members, allCodes, state] = await Promise.all([
    store.units.get(code),
    store.members.list(code),
    store.units.codes(),
    store.digests.get(code),
  ]);
  const since = week ? week.start - 1 : (state.lastAt ?? now - 7 * 86_400_000);

  const ids = members.map((p) => p.id);
  const mine = (await upcomingMeetings(svc, now)).filter((m) => targetUnits(m, allCodes).includes(code));
  const answers = await Promise.all(mine.map((m) => store.meetings.rsvpsOf(m.id, ids)));
  const meetings: UnitSummary['meetings'] = mine.map((m, i) => ({ m, answers: members.map((member) => ({ member, answer: answers[i]!.get(member.id)?.answer })) }));

  const open = (await store.proposals.list()).filter((p) => isOpen(p, now) && targetUnits(p, allCodes).includes(code));
  const proposalData = await Promise.all(
    open.map((p) =>
      Promise.all([
        store.proposals.counts(p.code),
        store.proposals.agreed(p.code),
        // New = still active and made since the last summary: a comment withdrawn meanwhile is not news.
        store.proposals.activeSince(p.code, code, state.lastAt ?? 0),
      ]),
    ),
  );
  const seen: Record<string, number> = {};
  const proposals: UnitSummary['proposals'] = open.map((p, i) => {
    const [counts, agreed, fresh] = proposalData[i]!;
    seen[p.code] = counts[`all:${code}`] ?? 0;
    return { p, comments: counts[`u:${code}`] ?? 0, fresh, agreed: agreed.has(code) };
  });

  const answered = await store.proposals.commentsById(await store.proposals.responsesSince(code, since));
  const responses = week ? answered.filter((c) => (c.response?.at ?? 0) < week.end) : answered;

  const concerning = (await recentNotices(svc, now)).filter((b) => b.units.includes(code));
  const acks = await Promise.all(concerning.map((b) => store.broadcasts.acks(b.id)));
  const notices: UnitSummary['notices'] = concerning.flatMap((b, i) => {
    const expected = expectedAckers(b, members);
    const pending = expected.filter((m) => !acks[i]!.has(m.id));
    return pending.length ? [{ b, pending, total: expected.length }] : [];
  });

  return { unit: { code, name: unit?.name ?? code }, meetings, proposals, responses, notices, seen };
}

export async function councilSummary(svc: Services, now = Date.now()): Promise<CouncilSummary> {
  const { store } = svc;
  const [allCodes, members] = await Promise.all([store.units.codes(), store.members.list()]);
  const byUnit = new Map<string, Member[]>();
  for (const m of members) byUnit.set(m.unit, [...(byUnit.get(m.unit) ?? []), m]);

  // Everything below is read in parallel, and only from counts kept on write.
  const open = (await store.proposals.list()).filter((p) => isOpen(p, now));
  const proposalData = await Promise.all(open.map((p) => Promise.all([store.proposals.counts(p.code), store.proposals.agreed(p.code)])));
  const proposals: CouncilSummary['proposals'] = open.map((p, i) => {
    const [counts, agreedMap] = proposalData[i]!;
    const targets = targetUnits(p, allCodes);
    const commented = targets.filter((u) => (counts[`u:${u}`] ?? 0) > 0);
    const agreed = targets.filter((u) => agreedMap.has(u));
    // The council asks; its own unit is not one to be nudged for not answering itself.
    const silent = targets.filter((u) => !commented.includes(u) && !agreed.includes(u) && u !== svc.config.COUNCIL_UNIT);
    return { p, counts, commented, agreed, silent };
  });

  const upcoming = await upcomingMeetings(svc, now);
  const meetingData = await Promise.all(upcoming.map((m) => Promise.all([store.meetings.counts(m.id), store.meetings.answeredByUnit(m.id)])));
  const meetings: CouncilSummary['meetings'] = upcoming.map((m, i) => {
    const [counts, answered] = meetingData[i]!;
    const rows = targetUnits(m, allCodes).map((unit) => ({ unit, answered: answered[unit] ?? 0, total: byUnit.get(unit)?.length ?? 0 }));
    return { m, counts, expected: rows.reduce((a, r) => a + r.total, 0), byUnit: rows.filter((r) => r.total > 0) };
  });

  const notices: CouncilSummary['notices'] = [];
  const recent = await recentNotices(svc, now);
  const allAcks = await Promise.all(recent.map((b) => store.broadcasts.acks(b.id)));
  for (const [i, b] of recent.entries()) {
    const acks = allAcks[i]!;
    const rows = b.units.map((unit) => {
      const expected = expectedAckers(b, byUnit.get(unit) ?? []);
      return { unit, acked: expected.filter((m) => acks.has(m.id)).length, total: expected.length };
    });
    const withPeople = rows.filter((r) => r.total > 0);
    notices.push({ b, acked: withPeople.reduce((a, r) => a + r.acked, 0), expected: withPeople.reduce((a, r) => a + r.total, 0), byUnit: withPeople });
  }
  return { proposals, meetings, notices };
}

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

/** Who is expected to acknowledge a notice in a unit: everyone for group notices, delegates otherwise. */
function expectedAckers(b: Broadcast, members: Member[]): Member[] {
  return members.filter((m) => b.audience.groups || m.role === 'delegate');
}

export async function unitSummary(svc: Services, code: string, now = Date.now()): Promise<UnitSummary> {
  const { store } = svc;
  const [unit, members, allCodes, state] = await Promise.all([
    store.units.get(code),
    store.members.list(code),
    store.units.codes(),
    store.digests.get(code),
  ]);
  const since = state.lastAt ?? now - 7 * 86_400_000;

  const meetings: UnitSummary['meetings'] = [];
  for (const m of await upcomingMeetings(svc, now)) {
    if (!targetUnits(m, allCodes).includes(code)) continue;
    const rsvps = await store.meetings.rsvps(m.id);
    meetings.push({ m, answers: members.map((member) => ({ member, answer: rsvps.get(member.id)?.answer })) });
  }

  const proposals: UnitSummary['proposals'] = [];
  const seen: Record<string, number> = {};
  for (const p of await store.proposals.list()) {
    if (!isOpen(p, now) || !targetUnits(p, allCodes).includes(code)) continue;
    const [counts, agreed] = await Promise.all([store.proposals.counts(p.code), store.proposals.agreed(p.code)]);
    // New = still active and made since the last summary: a comment withdrawn meanwhile is not news.
    const fresh = await store.proposals.activeSince(p.code, code, state.lastAt ?? 0);
    seen[p.code] = counts[`all:${code}`] ?? 0;
    proposals.push({ p, comments: counts[`u:${code}`] ?? 0, fresh, agreed: agreed.has(code) });
  }

  const responses = await store.proposals.commentsById(await store.proposals.responsesSince(code, since));

  const notices: UnitSummary['notices'] = [];
  for (const b of await recentNotices(svc, now)) {
    if (!b.units.includes(code)) continue;
    const acks = await store.broadcasts.acks(b.id);
    const expected = expectedAckers(b, members);
    const pending = expected.filter((m) => !acks.has(m.id));
    if (pending.length) notices.push({ b, pending, total: expected.length });
  }

  return { unit: { code, name: unit?.name ?? code }, meetings, proposals, responses, notices, seen };
}

export async function councilSummary(svc: Services, now = Date.now()): Promise<CouncilSummary> {
  const { store } = svc;
  const [allCodes, members] = await Promise.all([store.units.codes(), store.members.list()]);
  const byUnit = new Map<string, Member[]>();
  for (const m of members) byUnit.set(m.unit, [...(byUnit.get(m.unit) ?? []), m]);

  const proposals: CouncilSummary['proposals'] = [];
  for (const p of await store.proposals.list()) {
    if (!isOpen(p, now)) continue;
    const [counts, agreedMap] = await Promise.all([store.proposals.counts(p.code), store.proposals.agreed(p.code)]);
    const targets = targetUnits(p, allCodes);
    const commented = targets.filter((u) => (counts[`u:${u}`] ?? 0) > 0);
    const agreed = targets.filter((u) => agreedMap.has(u));
    const silent = targets.filter((u) => !commented.includes(u) && !agreed.includes(u));
    proposals.push({ p, counts, commented, agreed, silent });
  }

  const meetings: CouncilSummary['meetings'] = [];
  for (const m of await upcomingMeetings(svc, now)) {
    const [counts, rsvps] = await Promise.all([store.meetings.counts(m.id), store.meetings.rsvps(m.id)]);
    const units = targetUnits(m, allCodes);
    const rows = units.map((unit) => {
      const people = byUnit.get(unit) ?? [];
      return { unit, answered: people.filter((p) => rsvps.has(p.id)).length, total: people.length };
    });
    meetings.push({ m, counts, expected: rows.reduce((a, r) => a + r.total, 0), byUnit: rows.filter((r) => r.total > 0) });
  }

  const notices: CouncilSummary['notices'] = [];
  for (const b of await recentNotices(svc, now)) {
    const acks = await store.broadcasts.acks(b.id);
    const rows = b.units.map((unit) => {
      const expected = expectedAckers(b, byUnit.get(unit) ?? []);
      return { unit, acked: expected.filter((m) => acks.has(m.id)).length, total: expected.length };
    });
    const withPeople = rows.filter((r) => r.total > 0);
    notices.push({ b, acked: withPeople.reduce((a, r) => a + r.acked, 0), expected: withPeople.reduce((a, r) => a + r.total, 0), byUnit: withPeople });
  }
  return { proposals, meetings, notices };
}

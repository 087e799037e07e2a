import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Effects } from '#root/actions/effects.js';
import { viewHistory } from '#root/actions/history.js';
import { cancelMeeting, createMeeting, editMeeting, rsvp } from '#root/actions/meetings.js';
import { agree, comment, editComment, respond, withdrawComment } from '#root/actions/comments.js';
import { createProposal } from '#root/actions/proposals.js';
import { acknowledgeNotice, discardNotice, draftNotice, sendNotice, stopNotice } from '#root/actions/notices.js';
import { addUnit, linkGroup, removeMember, setLanguage, unlinkGroup } from '#root/actions/setup.js';
import { confirmInvite, createInvite, revokeInvite, useInvite } from '#root/actions/invites.js';
import { setDigest } from '#root/actions/summaries.js';
import type { ActionDeps } from '#root/actions/types.js';
import { PLACEHOLDER_TOKEN } from '#root/cli/common.js';
import { loadConfig } from '#root/config.js';
import { makeActor, type Actor } from '#root/domain/roles.js';
import { createLogger } from '#root/logger.js';
import { exportData, importData } from '#root/backup.js';
import type { Result } from '#root/policy.js';
import type { HistoryEntry } from '#root/store/history.js';
import { createStore, type Store } from '#root/store/index.js';

/**
 * The audit trail as the actions write it: every kind of change records exactly one entry,
 * with who, what, the changed fields before → after and from where, written in the same
 * step as the change; a refused change records nothing; concurrent changes each record
 * their own. The actions run against real Redis with their effects (announcements, jobs)
 * replaced by nothing: what is checked here is what is stored.
 */
const ADMIN = 9001;
const DAY = 86_400_000;
let redis: Redis;
let store: Store;
let deps: ActionDeps;

/** Effects that do nothing (what they would send is other tests' business). */
function quietEffects(): Effects {
  const none = async () => undefined;
  const area = (over: Record<string, unknown> = {}): Record<string, unknown> => new Proxy(over, { get: (t, k: string) => t[k] ?? none });
  const off = async () => ({ spec: { kind: 'off' } });
  const areas: Record<string, Record<string, unknown>> = { summaries: area({ reschedule: off, schedule: off }), proposals: area({ announceCall: async () => 0 }) };
  return new Proxy(areas, { get: (t, k: string) => t[k] ?? area() }) as unknown as Effects;
}

async function actorOf(userId: number): Promise<Actor> {
  return makeActor(userId, await store.members.get(userId), { adminIds: [ADMIN], councilUnit: 'TP' });
}

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`refused: ${r.refusal.code} ${JSON.stringify(r.refusal.vars ?? {})}`);
  return r.value;
}

/** Runs `fn` and returns the history entries it wrote, oldest first. */
async function written(fn: () => Promise<unknown>): Promise<HistoryEntry[]> {
  const before = await store.history.count();
  await fn();
  const n = (await store.history.count()) - before;
  if (n === 0) return [];
  return (await store.history.list({ limit: n })).entries.reverse();
}

/** Exactly one entry, of this action, about this record. */
async function one(fn: () => Promise<unknown>, action: string, entity: { kind: string; id: string }): Promise<HistoryEntry> {
  const entries = await written(fn);
  expect(entries.map((e) => `${e.action} ${e.entity.kind}:${e.entity.id}`)).toEqual([`${action} ${entity.kind}:${entity.id}`]);
  return entries[0]!;
}

const clerkId = 9100;
const bdClerkId = 9101;
const delegates = Array.from({ length: 24 }, (_, i) => 9200 + i);

beforeAll(async () => {
  redis = new Redis(inject('redisUrl'));
  store = createStore(redis, `h${randomBytes(4).toString('hex')}`);
  const config = loadConfig({ BOT_TOKEN: PLACEHOLDER_TOKEN, REDIS_URL: inject('redisUrl'), ADMIN_IDS: String(ADMIN), LOG_LEVEL: 'silent' });
  deps = { store, config, log: createLogger('silent'), effects: quietEffects() };
  for (const [c, n] of [['TP', 'HĐND Thành phố'], ['BD', 'Phường Ba Đình'], ['HK', 'Phường Hoàn Kiếm']] as const) await store.units.upsert(c, n);
  await store.members.put({ id: clerkId, name: 'Trần Thị Hoa', role: 'secretary', unit: 'TP', joinedAt: 1, invitedBy: ADMIN });
  await store.members.put({ id: bdClerkId, name: 'Thư ký BD', role: 'secretary', unit: 'BD', joinedAt: 1, invitedBy: ADMIN });
  for (const [i, id] of delegates.entries()) await store.members.put({ id, name: `Đại biểu ${i + 1}`, role: 'delegate', unit: i % 2 ? 'HK' : 'BD', joinedAt: 1, invitedBy: ADMIN });
});
afterAll(() => redis.quit());

describe('every change records one entry, with before → after', () => {
  it('meetings: create, edit (only the changed fields), cancel, answers', async () => {
    const clerk = await actorOf(clerkId);
    const when = Date.now() + 7 * DAY;
    let id = '';
    const created = await written(async () => {
      id = value(await createMeeting(deps, clerk, { title: 'Họp giao ban', when, place: 'Phòng 2' })).meeting.id;
    });
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({
      action: 'meeting.create',
      entity: { kind: 'meeting', id },
      actor: { userId: clerkId, name: 'Trần Thị Hoa', role: 'secretary', unit: 'TP' },
      after: { title: 'Họp giao ban', startsAt: when, place: 'Phòng 2', units: 'all' },
      via: 'telegram',
    });
    expect(created[0]!.before).toBeUndefined();

    const edit = await one(async () => value(await editMeeting(deps, clerk, { id, change: { title: 'Họp giao ban tháng', place: 'Phòng 2' } })), 'meeting.edit', { kind: 'meeting', id });
    // The place was given again unchanged: only the title is a change.
    expect(edit.before).toEqual({ title: 'Họp giao ban' });
    expect(edit.after).toEqual({ title: 'Họp giao ban tháng' });

    const delegate = await actorOf(delegates[0]!);
    const first = await one(async () => value(await rsvp(deps, delegate, { id, answer: 'yes', name: 'Đại biểu 1' })), 'meeting.rsvp', { kind: 'meeting', id });
    expect(first).toMatchObject({ before: { answer: null }, after: { answer: 'yes' }, actor: { name: 'Đại biểu 1', unit: 'BD' } });
    const changed = await one(async () => value(await rsvp(deps, delegate, { id, answer: 'sub', sub: 'Nguyễn Văn Bình', name: 'Đại biểu 1' })), 'meeting.rsvp', { kind: 'meeting', id });
    expect(changed).toMatchObject({ before: { answer: 'yes' }, after: { answer: 'sub', sub: 'Nguyễn Văn Bình' } });

    const cancel = await one(async () => value(await cancelMeeting(deps, clerk, { id, reason: 'Trùng lịch' })), 'meeting.cancel', { kind: 'meeting', id });
    expect(cancel.before).toEqual({ status: 'scheduled', cancelReason: null });
    expect(cancel.after).toEqual({ status: 'cancelled', cancelReason: 'Trùng lịch' });

    // The meeting's whole history, oldest first.
    expect((await store.history.forEntity('meeting', id)).map((e) => e.action)).toEqual(['meeting.create', 'meeting.edit', 'meeting.rsvp', 'meeting.rsvp', 'meeting.cancel']);
  });

  it('proposals and comments: create, comment, edit (old → new text), respond twice, withdraw, agree once', async () => {
    const clerk = await actorOf(clerkId);
    const deadline = Date.now() + 10 * DAY;
    const p = await one(
      async () => value(await createProposal(deps, clerk, { code: 'DA-01', title: 'Dự thảo quy chế', deadline, sections: ['1', '2'], units: ['BD', 'HK'] })),
      'proposal.create',
      { kind: 'proposal', id: 'DA-01' },
    );
    expect(p.after).toEqual({ title: 'Dự thảo quy chế', sections: ['1', '2'], deadline, units: ['BD', 'HK'] });

    const author = await actorOf(delegates[2]!);
    let id = '';
    const c = await written(async () => {
      const r = value(await comment(deps, author, { code: 'DA-01', section: '2', text: 'Đề nghị bổ sung khoản 3', authorName: 'Đại biểu 3', source: { chatId: delegates[2]!, messageId: 1 } }));
      if (r.status === 'recorded') id = r.id;
    });
    expect(c).toHaveLength(1);
    expect(c[0]).toMatchObject({ action: 'comment.create', entity: { kind: 'comment', id }, after: { proposal: 'DA-01', section: '2', text: 'Đề nghị bổ sung khoản 3' } });
    // The same message delivered again records nothing.
    expect(await written(() => comment(deps, author, { code: 'DA-01', text: 'Đề nghị bổ sung khoản 3', authorName: 'Đại biểu 3', source: { chatId: delegates[2]!, messageId: 1 } }))).toEqual([]);

    const edit = await one(async () => value(await editComment(deps, author, { id, text: 'Đề nghị bổ sung khoản 3 và 4' })), 'comment.edit', { kind: 'comment', id });
    expect(edit.before).toEqual({ text: 'Đề nghị bổ sung khoản 3' });
    expect(edit.after).toEqual({ text: 'Đề nghị bổ sung khoản 3 và 4' });

    const r1 = await one(async () => value(await respond(deps, clerk, { id, kind: 'accept', text: 'Tiếp thu', byName: 'Trần Thị Hoa' })), 'comment.respond', { kind: 'comment', id });
    expect(r1).toMatchObject({ before: { response: null }, after: { response: { kind: 'accept', text: 'Tiếp thu' } } });
    const r2 = await one(async () => value(await respond(deps, clerk, { id, kind: 'explain', text: 'Giải trình lại', byName: 'Trần Thị Hoa' })), 'comment.respond', { kind: 'comment', id });
    expect(r2).toMatchObject({ before: { response: { kind: 'accept', text: 'Tiếp thu' } }, after: { response: { kind: 'explain', text: 'Giải trình lại' } } });

    const other = await actorOf(delegates[4]!);
    let id2 = '';
    await written(async () => {
      const r = value(await comment(deps, other, { code: 'DA-01', text: 'Ý kiến sẽ rút', authorName: 'Đại biểu 5', source: { chatId: delegates[4]!, messageId: 1 } }));
      if (r.status === 'recorded') id2 = r.id;
    });
    const w = await one(async () => value(await withdrawComment(deps, other, { id: id2 })), 'comment.withdraw', { kind: 'comment', id: id2 });
    expect(w).toMatchObject({ before: { status: 'active' }, after: { status: 'withdrawn' } });

    const hk = await actorOf(delegates[1]!);
    const a = await one(async () => value(await agree(deps, hk, { code: 'DA-01' })), 'proposal.agree', { kind: 'proposal', id: 'DA-01' });
    expect(a.after).toEqual({ agreed: 'HK' });
    // A second "nhất trí" changes nothing and records nothing.
    expect(await written(async () => expect(value(await agree(deps, await actorOf(delegates[3]!), { code: 'DA-01' })).first).toBe(false))).toEqual([]);

    expect((await store.history.forEntity('comment', id)).map((e) => e.action)).toEqual(['comment.create', 'comment.edit', 'comment.respond', 'comment.respond']);
  });

  it('notices: draft, send, received (once), stop, and a draft discarded', async () => {
    const clerk = await actorOf(clerkId);
    let messageId = 0;
    const draft = async () => {
      const source = { chatId: clerkId, messageId: ++messageId, message: { text: 'Thông báo' } };
      const r = value(await draftNotice(deps, clerk, { audience: { groups: false, delegates: true, units: ['BD'], pin: false }, source, locale: 'vi', waiting: false }));
      if (r.kind !== 'drafted') throw new Error('not drafted');
      return r.notice.id;
    };
    let id = '';
    const d = await written(async () => {
      id = await draft();
    });
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ action: 'notice.draft', entity: { kind: 'notice', id }, after: { status: 'draft', units: ['BD'], recipients: 12 } });

    const s = await one(async () => value(await sendNotice(deps, clerk, { id })), 'notice.send', { kind: 'notice', id });
    expect(s).toMatchObject({ before: { status: 'draft' }, after: { status: 'sending' } });

    const reader = await actorOf(delegates[0]!);
    const ack = await one(async () => value(await acknowledgeNotice(deps, reader, { id })), 'notice.ack', { kind: 'notice', id });
    expect(ack.after).toEqual({ received: 'BD' });
    expect(await written(async () => expect(value(await acknowledgeNotice(deps, reader, { id })).first).toBe(false))).toEqual([]);

    const stop = await one(async () => value(await stopNotice(deps, clerk, { id })), 'notice.cancel', { kind: 'notice', id });
    expect(stop).toMatchObject({ before: { status: 'sending' }, after: { status: 'cancelled' } });

    const id2 = await draft();
    const discard = await one(async () => value(await discardNotice(deps, clerk, { id: id2 })), 'notice.cancel', { kind: 'notice', id: id2 });
    expect(discard).toMatchObject({ before: { status: 'draft' }, after: { status: 'cancelled' } });
  });

  it('set-up: units, groups, invites used and revoked, a role changed, a member removed, language, summary schedule', async () => {
    const admin = await actorOf(ADMIN);
    const add = await one(async () => value(await addUnit(deps, admin, { code: 'XA1', name: 'Xã Một' })), 'unit.add', { kind: 'unit', id: 'XA1' });
    expect(add).toMatchObject({ after: { name: 'Xã Một' }, actor: { role: 'admin', userId: ADMIN } });
    expect(add.before).toBeUndefined();
    const rename = await one(async () => value(await addUnit(deps, admin, { code: 'XA1', name: 'Xã Một Mới' })), 'unit.add', { kind: 'unit', id: 'XA1' });
    expect(rename).toMatchObject({ before: { name: 'Xã Một' }, after: { name: 'Xã Một Mới' } });
    // The same name again changes nothing.
    expect(await written(async () => value(await addUnit(deps, admin, { code: 'XA1', name: 'Xã Một Mới' })))).toEqual([]);

    const link = await one(async () => value(await linkGroup(deps, admin, { chat: { id: -500, title: 'Nhóm Xã Một' }, unit: 'XA1' })), 'group.link', { kind: 'unit', id: 'XA1' });
    expect(link).toMatchObject({ before: { group: null }, after: { group: { chatId: -500, title: 'Nhóm Xã Một' } } });
    const unlink = await one(async () => value(await unlinkGroup(deps, admin, { chatId: -500 })), 'group.unlink', { kind: 'unit', id: 'XA1' });
    expect(unlink).toMatchObject({ before: { group: { chatId: -500, title: 'Nhóm Xã Một' } }, after: { group: null } });

    const bdClerk = await actorOf(bdClerkId);
    let token = '';
    let code = '';
    const inv = await written(async () => {
      ({ token, code } = value(await createInvite(deps, bdClerk, { role: 'delegate', unit: 'BD', uses: 2, days: 3 })));
    });
    expect(inv).toHaveLength(1);
    expect(inv[0]).toMatchObject({ action: 'invite.create', entity: { kind: 'invite', id: code }, after: { role: 'delegate', unit: 'BD', uses: 2 } });

    const joiner = 9500;
    const joined = await one(
      async () => value(await useInvite(deps, await actorOf(joiner), { token, profile: { name: 'Người Mới' }, key: 'k1' })),
      'invite.use',
      { kind: 'member', id: String(joiner) },
    );
    expect(joined).toMatchObject({ actor: { name: 'Người Mới', role: 'guest' }, after: { role: 'delegate', unit: 'BD', invite: code } });
    expect(joined.before).toBeUndefined();

    // Someone with a role already is asked first (nothing recorded), then confirms: their role changes.
    const { token: t2, code: c2 } = value(await createInvite(deps, admin, { role: 'secretary', unit: 'HK', uses: 1, days: 1 }));
    const mover = await actorOf(delegates[5]!);
    expect(await written(async () => expect(value(await useInvite(deps, mover, { token: t2, profile: { name: 'Đại biểu 6' }, key: 'k2' })).kind).toBe('confirm'))).toEqual([]);
    const moved = await one(async () => value(await confirmInvite(deps, mover, { code: c2, profile: { name: 'Đại biểu 6' }, key: 'k3' })), 'invite.use', {
      kind: 'member',
      id: String(delegates[5]),
    });
    expect(moved).toMatchObject({ before: { role: 'delegate', unit: 'HK' }, after: { role: 'secretary', unit: 'HK', invite: c2 } });

    const revoke = await one(async () => value(await revokeInvite(deps, bdClerk, { code })), 'invite.revoke', { kind: 'invite', id: code });
    expect(revoke).toMatchObject({ before: { status: 'live' }, after: { status: 'revoked' } });

    const removed = await one(async () => value(await removeMember(deps, admin, { userId: String(joiner) })), 'member.remove', { kind: 'member', id: String(joiner) });
    expect(removed).toMatchObject({ before: { name: 'Người Mới', role: 'delegate', unit: 'BD' } });
    expect(removed.after).toBeUndefined();

    const me = await actorOf(delegates[6]!);
    const lang1 = await one(async () => value(await setLanguage(deps, me, { lang: 'en' })), 'lang.set', { kind: 'member', id: String(delegates[6]) });
    expect(lang1).toMatchObject({ before: { lang: null }, after: { lang: 'en' } });
    const lang2 = await one(async () => value(await setLanguage(deps, me, { lang: 'vi' })), 'lang.set', { kind: 'member', id: String(delegates[6]) });
    expect(lang2).toMatchObject({ before: { lang: 'en' }, after: { lang: 'vi' } });

    await store.units.linkGroup('BD', { id: -600, title: 'Nhóm BD' }, bdClerkId);
    const d1 = await one(async () => value(await setDigest(deps, bdClerk, { chatId: -600, spec: 'daily 08:00' })), 'digest.set', { kind: 'unit', id: 'BD' });
    expect(d1).toMatchObject({ before: { schedule: null }, after: { schedule: 'daily 08:00' } });
    const d2 = await one(async () => value(await setDigest(deps, bdClerk, { chatId: -600, spec: 'off' })), 'digest.set', { kind: 'unit', id: 'BD' });
    expect(d2).toMatchObject({ before: { schedule: 'daily 08:00' }, after: { schedule: 'off' } });
  });

  it('records where the change came from', async () => {
    const admin = await actorOf(ADMIN);
    const e = await one(async () => value(await addUnit({ ...deps, via: 'desk' }, admin, { code: 'XA2', name: 'Xã Hai' })), 'unit.add', { kind: 'unit', id: 'XA2' });
    expect(e.via).toBe('desk');
  });
});

describe('refusals and races', () => {
  it('a refused change records nothing', async () => {
    const delegate = await actorOf(delegates[0]!);
    const hkClerk = await actorOf(delegates[5]!); // a secretary of HK since the role change above
    const attempts: (() => Promise<Result<unknown>>)[] = [
      () => createMeeting(deps, delegate, { title: 'Không được', when: Date.now() + DAY }),
      () => respond(deps, delegate, { id: 'C1', kind: 'accept', text: 'Không được', byName: 'x' }),
      () => addUnit(deps, delegate, { code: 'ZZ', name: 'Không được' }),
      () => createInvite(deps, hkClerk, { role: 'delegate', unit: 'BD', uses: 1, days: 1 }),
      () => editComment(deps, delegate, { id: 'C1', text: 'không phải của mình' }),
      () => removeMember(deps, delegate, { userId: String(delegates[1]) }),
    ];
    for (const attempt of attempts) {
      const entries = await written(async () => expect((await attempt()).ok).toBe(false));
      expect(entries).toEqual([]);
    }
  });

  it('20 answers at once record 20 entries, each with the answer it replaced', async () => {
    const clerk = await actorOf(clerkId);
    const id = value(await createMeeting(deps, clerk, { title: 'Họp đông người', when: Date.now() + 3 * DAY })).meeting.id;
    const people = delegates.slice(0, 20);
    const actors = await Promise.all(people.map(actorOf));
    const entries = await written(() => Promise.all(actors.map((a, i) => rsvp(deps, a, { id, answer: i % 3 ? 'yes' : 'no', name: `Đại biểu ${i + 1}` }))));
    expect(entries).toHaveLength(20);
    expect(new Set(entries.map((e) => e.actor.userId))).toEqual(new Set(people));
    expect(entries.every((e) => e.action === 'meeting.rsvp' && e.entity.id === id && (e.before as { answer: unknown }).answer === null)).toBe(true);
    expect(new Set(entries.map((e) => e.id)).size).toBe(20);
    expect(await store.history.countFor('meeting', id)).toBe(21);
  });

  it('a response racing a withdrawal: only the change that was written is recorded', async () => {
    const clerk = await actorOf(clerkId);
    const author = await actorOf(delegates[8]!);
    const c = value(await comment(deps, author, { code: 'DA-01', text: 'Ý kiến tranh chấp', authorName: 'Đại biểu 9', source: { chatId: delegates[8]!, messageId: 9 } }));
    if (c.status !== 'recorded') throw new Error('not recorded');
    const [r, w] = await Promise.all([respond(deps, clerk, { id: c.id, kind: 'accept', text: 'Tiếp thu', byName: 'Hoa' }), withdrawComment(deps, author, { id: c.id })]);
    // Whatever the order, one entry per change written, none for the one refused.
    const actions = (await store.history.forEntity('comment', c.id)).map((e) => e.action);
    expect(actions.sort()).toEqual(['comment.create', ...(r.ok ? ['comment.respond'] : []), ...(w.ok ? ['comment.withdraw'] : [])].sort());
    expect(r.ok || w.ok).toBe(true);
  });
});

describe('reading the trail', () => {
  it('pages newest first with a cursor, filtered by person, kind and time', async () => {
    const all: HistoryEntry[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.history.list({ limit: 7, cursor });
      all.push(...page.entries);
      cursor = page.next;
    } while (cursor);
    expect(all).toHaveLength(await store.history.count());
    expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort().reverse());

    const byClerk = (await store.history.list({ actor: clerkId, limit: 500 })).entries;
    expect(byClerk.length).toBeGreaterThan(5);
    expect(byClerk.every((e) => e.actor.userId === clerkId)).toBe(true);
    const meetingsByClerk = (await store.history.list({ actor: clerkId, kind: 'meeting', limit: 500 })).entries;
    expect(meetingsByClerk.length).toBeGreaterThan(0);
    expect(meetingsByClerk.every((e) => e.actor.userId === clerkId && e.entity.kind === 'meeting')).toBe(true);
    expect(meetingsByClerk).toEqual(byClerk.filter((e) => e.entity.kind === 'meeting'));

    const mid = all[Math.floor(all.length / 2)]!.at;
    const older = (await store.history.list({ to: mid, limit: 500 })).entries;
    const newer = (await store.history.list({ from: mid + 1, limit: 500 })).entries;
    expect(older.every((e) => e.at <= mid) && newer.every((e) => e.at > mid)).toBe(true);
    expect(older.length + newer.length).toBe(all.length);

    const ranged: HistoryEntry[] = [];
    for await (const chunk of store.history.range()) ranged.push(...chunk);
    expect(ranged.map((e) => e.id)).toEqual([...all].reverse().map((e) => e.id));
  });

  it('/history is the council’s: one record, or the latest changes', async () => {
    const clerk = await actorOf(clerkId);
    const r = value(await viewHistory(deps, clerk, { ref: 'da-01' }));
    expect(r.entity).toEqual({ kind: 'proposal', id: 'DA-01' });
    expect(r.entries.map((e) => e.action)).toEqual(['proposal.create', 'proposal.agree']);
    const latest = value(await viewHistory(deps, clerk, {}));
    expect(latest.entries).toHaveLength(20);
    expect(latest.total).toBe(await store.history.count());
    expect(latest.entries.at(-1)!.id > latest.entries[0]!.id).toBe(true);
    const unknown = await viewHistory(deps, clerk, { ref: 'KHONGCO' });
    expect(unknown.ok ? 'allowed' : unknown.refusal.code).toBe('history-unknown');
    for (const who of [bdClerkId, delegates[0]!]) {
      const refused = await viewHistory(deps, await actorOf(who), {});
      expect(refused.ok).toBe(false);
    }
  });
});

describe('the export', () => {
  function historyCli(args: string[], prefix: string): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      // What `npm run history -- …` runs, without npm's start-up.
      execFile(
        process.execPath,
        ['--import', 'tsx', 'src/cli/history.ts', ...args],
        { env: { ...process.env, BOT_TOKEN: '', LOG_LEVEL: 'warn', REDIS_URL: inject('redisUrl'), REDIS_PREFIX: prefix }, maxBuffer: 64 * 1024 * 1024 },
        (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });
  }

  it('writes CSV for Excel: BOM, CRLF, one row per changed field, texts in full, filtered by day', async () => {
    const prefix = `hx${randomBytes(4).toString('hex')}`;
    const s = createStore(redis, prefix);
    const actor = { userId: 42, name: 'Trần Thị Hoa', role: 'secretary' as const, unit: 'TP' };
    // 1 May and 2 May 2026, 09:00 in Hanoi (UTC+7).
    const may1 = Date.UTC(2026, 4, 1, 2);
    const may2 = Date.UTC(2026, 4, 2, 2);
    const long = 'Dòng một, có dấu phẩy và "ngoặc kép"\nDòng hai: '.padEnd(300, 'x');
    await s.history.record({ at: may1, actor, action: 'comment.edit', entity: { kind: 'comment', id: 'C7' }, before: { text: '=SUM(A1)' }, after: { text: long }, via: 'desk' });
    await s.history.record({ at: may1 + 60_000, actor, action: 'meeting.edit', entity: { kind: 'meeting', id: 'M2' }, before: { title: 'Cũ', place: null }, after: { title: 'Mới', place: 'Phòng 3' }, via: 'telegram' });
    await s.history.record({ at: may2, actor: { ...actor, userId: 43, name: 'Lan', role: 'delegate', unit: 'BD' }, action: 'notice.ack', entity: { kind: 'notice', id: 'B1' }, after: {}, via: 'telegram' });

    const all = await historyCli(['export'], prefix);
    expect(all.code).toBe(0);
    expect(all.stdout.startsWith('\uFEFFSố thứ tự,Thời gian,Người thực hiện,Mã người dùng,Vai trò,Đơn vị,Thao tác,Mã thao tác,Đối tượng,Mã đối tượng,Nội dung thay đổi,Trước,Sau,Kênh\r\n')).toBe(true);
    expect(all.stdout.endsWith('\r\n')).toBe(true);
    const rows = all.stdout.slice(1).split('\r\n').slice(1, -1);
    // The edit (1 field, its text over two lines inside quotes), the meeting (2 fields), the "received" (no field).
    expect(all.stdout).toContain(
      `000000000001,2026-05-01 09:00:00,Trần Thị Hoa,42,thư ký,TP,Sửa ý kiến góp ý,comment.edit,Ý kiến,C7,Nội dung,'=SUM(A1),"${long.replace(/"/g, '""')}",Bàn làm việc\r\n`,
    );
    expect(all.stdout).toContain('000000000002,2026-05-01 09:01:00,Trần Thị Hoa,42,thư ký,TP,Sửa cuộc họp,meeting.edit,Cuộc họp,M2,Tiêu đề,Cũ,Mới,Telegram\r\n');
    expect(all.stdout).toContain('000000000002,2026-05-01 09:01:00,Trần Thị Hoa,42,thư ký,TP,Sửa cuộc họp,meeting.edit,Cuộc họp,M2,Địa điểm,—,Phòng 3,Telegram\r\n');
    expect(all.stdout).toContain('000000000003,2026-05-02 09:00:00,Lan,43,đại biểu,BD,Xác nhận đã nhận thông báo,notice.ack,Thông báo,B1,,,,Telegram\r\n');
    expect(rows.filter((r) => /^\d{12},/.test(r))).toHaveLength(4);
    expect(all.stderr).toContain('exported 3 changes');

    const day1 = await historyCli(['export', '--from', '2026-05-01', '--to', '2026-05-01', '--lang', 'en'], prefix);
    expect(day1.code).toBe(0);
    expect(day1.stdout.startsWith('\uFEFFNo.,Time,Changed by,User id,Role,Unit,Action,Action code,Record,Record id,Field,Before,After,Channel\r\n')).toBe(true);
    expect(day1.stdout).toContain(',Meeting edited,meeting.edit,Meeting,M2,Title,Cũ,Mới,Telegram\r\n');
    expect(day1.stdout).not.toContain('notice.ack');
    const day2 = await historyCli(['export', '--from', '2026-05-02'], prefix);
    expect(day2.stdout).toContain('notice.ack');
    expect(day2.stdout).not.toContain('comment.edit');

    const bad = await historyCli(['export', '--from', '31/02/2026'], prefix);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--from: expected a day like 2026-05-01');
  });

  it('backups carry the history: exported and imported as it was, and new entries follow on', async () => {
    const backup = await exportData(store);
    expect(backup.history).toHaveLength(await store.history.count());
    const target = createStore(redis, `hb${randomBytes(4).toString('hex')}`);
    const s = await importData(target, JSON.parse(JSON.stringify(backup)));
    expect(s.history).toBe(backup.history.length);
    expect((await exportData(target)).history).toEqual(backup.history);
    expect(await target.history.forEntity('meeting', 'M1')).toEqual(await store.history.forEntity('meeting', 'M1'));
    const next = await target.history.record({ at: Date.now(), actor: { userId: 1, name: 'x', role: 'admin' }, action: 'unit.add', entity: { kind: 'unit', id: 'TP' }, after: { name: 'y' }, via: 'cli' });
    expect(Number(next)).toBe(Number(backup.history.at(-1)!.id) + 1);
  });
});

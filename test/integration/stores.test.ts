import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createStore, type Store } from '#root/store/index.js';
import { hashToken } from '#root/store/invites.js';

let redis: Redis;
let store: Store;

beforeAll(() => {
  redis = new Redis(inject('redisUrl'));
  store = createStore(redis, `s${randomBytes(4).toString('hex')}`);
});
afterAll(() => redis.quit());

/** Joins a new person through an invite as the /start action does: the invite checked and spent with the record written. */
async function join(s: Store, token: string, userId: number, now = Date.now()): Promise<string> {
  const inv = await s.invites.byToken(token);
  if (!inv) return 'unknown';
  const member = { id: userId, name: `P${userId}`, role: inv.role, unit: inv.unit, joinedAt: now, invitedBy: inv.createdBy };
  return s.invites.admit(inv, userId, { offered: false, guards: [[s.keys.member(userId), null]], writes: s.members.writes(member, undefined) }, now);
}

describe('invites', () => {
  it('stores only the hash of a 192-bit token, and a short code', async () => {
    const { token, code } = await store.invites.create({ role: 'delegate', unit: 'BD', createdBy: 1 }, 1, Date.now() + 60_000);
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(code).toMatch(/^I\d+$/);
    const keys = await redis.keys(`${store.keys.prefix}:invite:*`);
    expect(keys).toEqual([store.keys.invite(hashToken(token))]);
    expect(JSON.stringify(await redis.hgetall(keys[0]!))).not.toContain(token);
    expect(await store.invites.get(code)).toMatchObject({ code, role: 'delegate', unit: 'BD', usesLeft: 1, revoked: false });
  });

  it('spends uses, then refuses as used; refuses unknown, expired and revoked invites', async () => {
    const now = Date.now();
    const { token } = await store.invites.create({ role: 'secretary', unit: 'HK', createdBy: 7 }, 2, now + 60_000, now);
    expect(await join(store, token, 601, now)).toBe('ok');
    expect(await store.members.get(601)).toMatchObject({ role: 'secretary', unit: 'HK', invitedBy: 7 });
    expect(await join(store, token, 602, now)).toBe('ok');
    expect(await join(store, token, 603, now)).toBe('used');
    expect(await join(store, 'x'.repeat(32), 604, now)).toBe('unknown');
    expect(await join(store, 'not a token!', 604, now)).toBe('unknown');
    const old = await store.invites.create({ role: 'delegate', unit: 'HK', createdBy: 7 }, 5, now + 1000, now);
    expect(await join(store, old.token, 604, now + 1000)).toBe('expired');
    const revoked = await store.invites.create({ role: 'delegate', unit: 'HK', createdBy: 7 }, 5, now + 60_000, now);
    expect(await store.invites.revoke((await store.invites.get(revoked.code))!, 1, now)).toBe('ok');
    expect(await join(store, revoked.token, 604, now)).toBe('revoked');
    expect((await store.invites.live(now)).map((i) => i.code)).not.toContain(revoked.code);
    expect(await store.members.get(604)).toBeUndefined();
    await Promise.all([601, 602].map((id) => store.members.remove(id)));
  });

  it('lets exactly one of many racers take the last use', async () => {
    const { token } = await store.invites.create({ role: 'delegate', unit: 'BD', createdBy: 1 }, 1, Date.now() + 60_000);
    // Separate connections, so the attempts really arrive at Redis concurrently.
    const conns = Array.from({ length: 20 }, () => new Redis(inject('redisUrl')));
    const racers = conns.map((c) => createStore(c, store.keys.prefix.slice(1, -1)));
    const results = await Promise.all(racers.map((s, i) => join(s, token, 700 + i)));
    await Promise.all(conns.map((c) => c.quit()));
    expect(results.filter((r) => r === 'ok')).toHaveLength(1);
    expect(results.filter((r) => r === 'used')).toHaveLength(19);
    expect(await store.units.memberCount('BD')).toBe(1);
    await store.members.remove(700 + results.indexOf('ok'));
  });
});

describe('units and groups', () => {
  it('creates, renames, links, replaces, migrates and unlinks', async () => {
    expect(await store.units.upsert('BD', 'Quận Ba Đình')).toEqual({ created: true });
    expect(await store.units.upsert('BD', 'Quận Ba Đình (mới)')).toEqual({ created: false });
    await store.units.upsert('HK', 'Quận Hoàn Kiếm');
    expect(await store.units.linkGroup('XX', { id: -1, title: 'g' }, 1)).toEqual({ ok: false, reason: 'unknown-unit' });
    expect(await store.units.linkGroup('BD', { id: -10, title: 'Nhóm A' }, 1)).toEqual({ ok: true });
    expect(await store.units.linkGroup('HK', { id: -10, title: 'Nhóm A' }, 1)).toEqual({ ok: false, reason: 'linked-elsewhere', unit: 'BD' });
    expect(await store.units.linkGroup('BD', { id: -11, title: 'Nhóm B' }, 1)).toEqual({ ok: true, replaced: { chatId: -10, title: 'Nhóm A' } });
    expect(await store.units.unitOfChat(-10)).toBeUndefined();
    expect(await store.units.migrateGroup(-11, -100123)).toBe('BD');
    expect(await store.units.unitOfChat(-100123)).toBe('BD');
    expect((await store.units.get('BD'))?.group).toMatchObject({ chatId: -100123, title: 'Nhóm B', active: true });
    expect(await store.units.setGroupActive(-100123, false)).toBe('BD');
    expect((await store.units.get('BD'))?.group?.active).toBe(false);
    expect(await store.units.unlinkGroup(-100123)).toBe('BD');
    expect((await store.units.get('BD'))?.group).toBeUndefined();
    expect((await store.units.list()).map((u) => [u.code, u.name])).toEqual([
      ['BD', 'Quận Ba Đình (mới)'],
      ['HK', 'Quận Hoàn Kiếm'],
    ]);
  });
});

describe('members', () => {
  it('moves a member between unit indexes and removes them', async () => {
    const base = { name: 'Nguyễn Văn An', joinedAt: 1, invitedBy: 1 };
    await store.members.put({ id: 501, role: 'delegate', unit: 'BD', ...base });
    await store.members.put({ id: 501, role: 'secretary', unit: 'HK', ...base });
    expect(await store.members.list('BD')).toEqual([]);
    expect((await store.members.list('HK')).map((m) => [m.id, m.role])).toEqual([[501, 'secretary']]);
    expect(await store.units.memberCount('HK')).toBe(1);
    expect((await store.members.remove(501))?.unit).toBe('HK');
    expect(await store.members.list()).toEqual([]);
    expect(await store.members.remove(501)).toBeUndefined();
  });
});

describe('update claims', () => {
  it('processes an update once, but again after the claiming process died', async () => {
    expect(await store.claimUpdate(1, 'p1')).toBe(true);
    expect(await store.claimUpdate(1, 'p1')).toBe(false);
    expect(await store.claimUpdate(1, 'p2')).toBe(true);
    await store.finishUpdate(1);
    expect(await store.claimUpdate(1, 'p3')).toBe(false);
  });
});

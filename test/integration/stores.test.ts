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

describe('invites', () => {
  it('stores only the hash of a 192-bit token', async () => {
    const token = await store.invites.create({ role: 'delegate', unit: 'BD', createdBy: 1 }, 1, Date.now() + 60_000);
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const keys = await redis.keys(`${store.keys.prefix}:invite:*`);
    expect(keys).toEqual([store.keys.invite(hashToken(token))]);
    expect(JSON.stringify(await redis.hgetall(keys[0]!))).not.toContain(token);
  });

  it('spends uses, then refuses as used; refuses unknown and expired tokens', async () => {
    const now = Date.now();
    const token = await store.invites.create({ role: 'secretary', unit: 'HK', createdBy: 7 }, 2, now + 60_000, now);
    expect(await store.invites.consume(token, now)).toEqual({ ok: true, grant: { role: 'secretary', unit: 'HK', createdBy: 7 } });
    expect((await store.invites.consume(token, now)).ok).toBe(true);
    expect(await store.invites.consume(token, now)).toEqual({ ok: false, reason: 'used' });
    expect(await store.invites.consume('x'.repeat(32), now)).toEqual({ ok: false, reason: 'unknown' });
    expect(await store.invites.consume('not a token!', now)).toEqual({ ok: false, reason: 'unknown' });
    const old = await store.invites.create({ role: 'delegate', unit: 'HK', createdBy: 7 }, 5, now + 1000, now);
    expect(await store.invites.consume(old, now + 1000)).toEqual({ ok: false, reason: 'expired' });
  });

  it('lets exactly one of many racers take the last use', async () => {
    const token = await store.invites.create({ role: 'delegate', unit: 'BD', createdBy: 1 }, 1, Date.now() + 60_000);
    // Separate connections, so the attempts really arrive at Redis concurrently.
    const conns = Array.from({ length: 20 }, () => new Redis(inject('redisUrl')));
    const racers = conns.map((c) => createStore(c, store.keys.prefix.slice(1, -1)));
    const results = await Promise.all(racers.map((s) => s.invites.consume(token)));
    await Promise.all(conns.map((c) => c.quit()));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.reason === 'used')).toHaveLength(19);
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

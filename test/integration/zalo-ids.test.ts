import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { exportData, importData } from '#root/backup.js';
import { createStore } from '#root/store/index.js';
import { ZALO_ID_BASE } from '#root/zalo/channel.js';

let redis: Redis;
beforeAll(() => {
  redis = new Redis(inject('redisUrl'));
});
afterAll(() => redis.quit());

const fresh = () => createStore(redis, `z${randomBytes(4).toString('hex')}`);

describe('people on Zalo: their numbers', () => {
  it('gives each Zalo id one number of Zalo’s range for good, also when asked at the same moment; groups get negative ones', async () => {
    const store = fresh();
    const many = await Promise.all(Array.from({ length: 20 }, () => store.members.idOfZalo('e4ea2cd5189df1c3a88c')));
    expect(new Set(many).size).toBe(1);
    expect(many[0]).toBe(ZALO_ID_BASE + 1);
    expect(await store.members.idOfZalo('another')).toBe(ZALO_ID_BASE + 2);
    expect(await store.members.zaloIdOf(ZALO_ID_BASE + 1)).toBe('e4ea2cd5189df1c3a88c');
    expect(await store.zalo.groupNumber('g-1')).toBe(-(ZALO_ID_BASE + 1));
    expect(await store.zalo.target(-(ZALO_ID_BASE + 1))).toEqual({ kind: 'group', zaloId: 'g-1' });
    expect(await store.zalo.unitChat('BD')).toBe(-(ZALO_ID_BASE + 2));
    expect(await store.zalo.target(-(ZALO_ID_BASE + 2))).toEqual({ kind: 'unit', unit: 'BD' });
    expect(await store.members.zaloIdOf(123)).toBeUndefined();
  });

  it('comes back with a backup: the member record keeps the Zalo id, the import rebuilds the lookup and numbers on after the highest', async () => {
    const from = fresh();
    await from.units.upsert('BD', 'Quận Ba Đình');
    const lan = await from.members.idOfZalo('zalo-lan');
    await from.members.put({ id: lan, name: 'Lan', role: 'delegate', unit: 'BD', joinedAt: 1, invitedBy: 100, zaloId: 'zalo-lan' });
    await from.members.put({ id: 555, name: 'Hùng', role: 'delegate', unit: 'BD', joinedAt: 1, invitedBy: 100 });
    // Hùng joined on Telegram and joined his Zalo account to his record.
    await from.members.idOfZalo('zalo-hung');
    expect(await from.members.linkZalo(555, 'zalo-hung')).toBe('ok');
    expect(await from.members.idOfZalo('zalo-hung')).toBe(555);
    expect(await from.members.linkZalo(555, 'zalo-lan')).toBe('zalo-member');
    const backup = exportData(from);
    const to = fresh();
    await importData(to, JSON.parse(JSON.stringify(await backup)) as Awaited<typeof backup>);
    expect(await to.members.get(lan)).toMatchObject({ zaloId: 'zalo-lan', name: 'Lan' });
    expect(await to.members.idOfZalo('zalo-lan')).toBe(lan);
    expect(await to.members.zaloIdOf(lan)).toBe('zalo-lan');
    expect(await to.members.idOfZalo('zalo-hung')).toBe(555);
    expect(await to.members.zaloIdOf(555)).toBe('zalo-hung');
    expect(await to.members.idOfZalo('zalo-new')).toBe(lan + 1);
  });
});

import type { Redis } from 'ioredis';
import { HISTORY_LUA, type HistoryWrite } from '#root/store/history.js';

/**
 * Compare and write: the writes happen only if every guarded key still holds exactly what was
 * read (or is still absent), checked and written in one step on the Redis server. A store
 * reads, decides, and writes through this; if someone wrote in between it reads again. So no
 * store writes back a record read earlier over someone else's change.
 *
 * The Lua part is two functions over a slice of KEYS and ARGV (from `k0` and `a0`), so a
 * script with checks of its own (an invite's uses) can guard and write in the same step.
 */
export const CAS_LUA = `${HISTORY_LUA}
local function cas_check(k0, a0)
  local n = tonumber(ARGV[a0])
  for i = 1, n do
    local v = redis.call('GET', KEYS[k0 + i - 1])
    local seen = v and ('=' .. v) or ''
    if seen ~= ARGV[a0 + i] then return false end
  end
  return true
end
local function cas_write(k0, a0)
  local n = tonumber(ARGV[a0])
  local a = a0 + n + 1
  local k = k0 + n
  while k <= #KEYS do
    local op = ARGV[a]
    if op == 'set' then redis.call('SET', KEYS[k], ARGV[a + 1]) a = a + 2
    elseif op == 'del' then redis.call('DEL', KEYS[k]) a = a + 1
    elseif op == 'sadd' then redis.call('SADD', KEYS[k], ARGV[a + 1]) a = a + 2
    elseif op == 'srem' then redis.call('SREM', KEYS[k], ARGV[a + 1]) a = a + 2
    -- The change's history entry (six keys, two values; see HISTORY_LUA).
    elseif op == 'hist' then history_add(k, a + 1) a = a + 3 k = k + 5
    else return redis.error_reply('unknown op ' .. tostring(op)) end
    k = k + 1
  end
end
`;

const CAS = `${CAS_LUA}
if not cas_check(1, 1) then return 0 end
cas_write(1, 1)
return 1
`;

/** A write of the step; `history`: the change's audit entry, written with it (see src/store/history.ts). */
export type WriteOp = { set: string; value: string } | { del: string } | { sadd: string; member: string } | { srem: string; member: string } | { history: HistoryWrite };

/** A key and what it held when read (null: absent). */
export type Guard = [key: string, seen: string | null];

/** KEYS and ARGV for `cas_check` / `cas_write`, to append after a script's own. */
export function casArgs(guards: Guard[], ops: WriteOp[]): { keys: string[]; argv: string[] } {
  const keys = guards.map(([k]) => k);
  const argv: string[] = [String(guards.length), ...guards.map(([, v]) => (v === null ? '' : `=${v}`))];
  for (const op of ops) {
    if ('set' in op) keys.push(op.set), argv.push('set', op.value);
    else if ('del' in op) keys.push(op.del), argv.push('del');
    else if ('sadd' in op) keys.push(op.sadd), argv.push('sadd', op.member);
    else if ('srem' in op) keys.push(op.srem), argv.push('srem', op.member);
    else keys.push(...op.history.keys), argv.push('hist', ...op.history.argv);
  }
  return { keys, argv };
}

export async function compareAndWrite(redis: Redis, guards: Guard[], ops: WriteOp[]): Promise<boolean> {
  const { keys, argv } = casArgs(guards, ops);
  return (await redis.eval(CAS, keys.length, ...keys, ...argv)) === 1;
}

/**
 * Runs read-decide-write until the write finds what it read. Each attempt returns
 * `{ done: value }` when finished, or `undefined` when its guarded write lost a race.
 */
export async function untilSettled<T>(attempt: () => Promise<{ done: T } | undefined>, tries = 20): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const r = await attempt();
    if (r) return r.done;
  }
  throw new Error(`record kept changing: gave up after ${tries} attempts`);
}

import type { Redis } from 'ioredis';

/**
 * A fingerprint of a deployment's records: every key under its prefix, serialized with
 * DUMP and hashed on the server. Keys that change on every update by design are left out:
 * update claims, flood counters, rate-limit schedules, people's chat flags, the queues.
 */
const FINGERPRINT = `
local prefix = ARGV[1]
local skip = { ':update:', ':flood', ':rate:', ':q:', ':sent:', ':remind-sent:' }
local names = {}
local cursor = '0'
repeat
  local r = redis.call('SCAN', cursor, 'MATCH', prefix .. ':*', 'COUNT', 1000)
  cursor = r[1]
  for _, k in ipairs(r[2]) do
    local keep = true
    for _, s in ipairs(skip) do if string.find(k, s, 1, true) then keep = false end end
    if string.find(k, ':user:%d+$') then keep = false end
    if keep then table.insert(names, k) end
  end
until cursor == '0'
table.sort(names)
local parts = {}
for _, k in ipairs(names) do table.insert(parts, k .. '=' .. redis.sha1hex(redis.call('DUMP', k))) end
return { redis.sha1hex(table.concat(parts, '\\n')), #names }
`;

export async function fingerprint(redis: Redis, prefix: string): Promise<{ hash: string; keys: number }> {
  const [hash, keys] = (await redis.eval(FINGERPRINT, 0, prefix)) as [string, number];
  return { hash, keys };
}

import type { Redis } from 'ioredis';
import type { Keys } from '#root/store/keys.js';

/**
 * Per unit: the summary schedule chosen with /digest (absent: the configured default), when
 * its last summary went out, and how many comments each proposal had from the unit then,
 * so the next summary can say how many are new.
 */
export interface DigestState {
  spec?: string | undefined;
  lastAt?: number | undefined;
  seen: Record<string, number>;
}

export class DigestStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  async get(unit: string): Promise<DigestState> {
    const raw = await this.redis.hgetall(this.keys.digest(unit));
    const seen: Record<string, number> = {};
    for (const [k, v] of Object.entries(raw)) if (k.startsWith('seen:')) seen[k.slice(5)] = Number(v);
    return { spec: raw.spec, lastAt: raw.lastAt ? Number(raw.lastAt) : undefined, seen };
  }

  /** Replaces a unit's state as a whole (restoring a backup). */
  async restore(unit: string, state: DigestState): Promise<void> {
    const fields: Record<string, string> = {};
    if (state.spec !== undefined) fields.spec = state.spec;
    if (state.lastAt !== undefined) fields.lastAt = String(state.lastAt);
    for (const [code, n] of Object.entries(state.seen)) fields[`seen:${code}`] = String(n);
    const tx = this.redis.multi().del(this.keys.digest(unit));
    if (Object.keys(fields).length) tx.hset(this.keys.digest(unit), fields);
    await tx.exec();
  }

  async setSpec(unit: string, spec: string): Promise<void> {
    await this.redis.hset(this.keys.digest(unit), 'spec', spec);
  }

  async markSent(unit: string, at: number, seen: Record<string, number>): Promise<void> {
    const fields: Record<string, string> = { lastAt: String(at) };
    for (const [code, n] of Object.entries(seen)) fields[`seen:${code}`] = String(n);
    await this.redis.hset(this.keys.digest(unit), fields);
  }
}

import type { Redis } from 'ioredis';
import { z } from 'zod';
import { compareAndWrite, untilSettled, type Guard, type WriteOp } from '#root/store/cas.js';
import type { Keys } from '#root/store/keys.js';
import { memberSchema, parseMember, type Member } from '#root/store/members.js';

/** The council's term of office (nhiệm kỳ), e.g. `2026-2031`. */
export const termSchema = z.object({
  v: z.literal(1),
  name: z.string(),
  startedAt: z.number(),
  startedBy: z.number(),
});
export type Term = z.infer<typeof termSchema>;

/**
 * A member of a term that ended: their member record as it was, the term they served in (if
 * one was set) and the term whose start ended it. Their comments and answers keep their names
 * (those records carry them); this keeps the roster of the old term for exports and reports.
 */
export const formerMemberSchema = memberSchema.extend({
  term: z.string().optional(),
  endedBy: z.string(),
  endedAt: z.number(),
});
export type FormerMember = z.infer<typeof formerMemberSchema>;

function parseTerm(raw: string | null): Term | undefined {
  return raw ? termSchema.parse(JSON.parse(raw)) : undefined;
}

/** Takes the offer only if it is for this term: a stale or forged Confirm finds nothing. */
const TAKE_OFFER = `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) return 1 end return 0`;

const OFFER_TTL_SEC = 3600;

export class TermStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  async current(): Promise<Term | undefined> {
    return parseTerm(await this.redis.get(this.keys.term));
  }

  /** Remembers that an admin was asked to confirm this term (for an hour). */
  async offer(userId: number, name: string): Promise<void> {
    await this.redis.set(this.keys.termOffer(userId), name, 'EX', OFFER_TTL_SEC);
  }

  /** Confirm or Cancel: true if this admin was asked about this term and had not answered yet. */
  async takeOffer(userId: number, name: string): Promise<boolean> {
    return (await this.redis.eval(TAKE_OFFER, 1, this.keys.termOffer(userId), name)) === 1;
  }

  /**
   * Starts a term: every member record except those `keep` spares becomes a former member
   * record, leaves the member and unit indexes, and loses what the person was typing; the term
   * is written. One step, only if the term and every member record are as read (someone
   * joining or changing meanwhile makes it read and decide again). Units, groups and people's
   * preferences are not touched.
   */
  async start(next: Omit<Term, 'v'>, keep: (userId: number) => boolean): Promise<{ previous?: Term | undefined; former: FormerMember[] }> {
    return untilSettled(async () => {
      const [termRaw, ids] = await Promise.all([this.redis.get(this.keys.term), this.redis.smembers(this.keys.members)]);
      const previous = parseTerm(termRaw);
      const raws = ids.length ? await this.redis.mget(ids.map((id) => this.keys.member(Number(id)))) : [];
      const guards: Guard[] = [[this.keys.term, termRaw]];
      const writes: WriteOp[] = [{ set: this.keys.term, value: JSON.stringify({ v: 1, ...next } satisfies Term) }];
      const former: FormerMember[] = [];
      raws.forEach((raw) => {
        const m: Member | undefined = parseMember(raw ?? null);
        if (!m || keep(m.id)) return;
        const f: FormerMember = { ...m, ...(previous ? { term: previous.name } : {}), endedBy: next.name, endedAt: next.startedAt };
        const id = String(m.id);
        guards.push([this.keys.member(m.id), raw ?? null]);
        writes.push(
          { set: this.keys.formerMember(next.name, m.id), value: JSON.stringify(f) },
          { sadd: this.keys.formerMembers, member: `${next.name}:${id}` },
          { del: this.keys.member(m.id) },
          { srem: this.keys.members, member: id },
          { srem: this.keys.unitMembers(m.unit), member: id },
          { del: this.keys.pending(m.id) },
        );
        former.push(f);
      });
      if (!(await compareAndWrite(this.redis, guards, writes))) return undefined;
      return { done: { previous, former } };
    });
  }

  /** Every former member record, by the term that ended it and then by id. */
  async formerMembers(): Promise<FormerMember[]> {
    const refs = await this.redis.smembers(this.keys.formerMembers);
    if (refs.length === 0) return [];
    const keys = refs.map((r) => {
      const at = r.lastIndexOf(':');
      return this.keys.formerMember(r.slice(0, at), Number(r.slice(at + 1)));
    });
    const out: FormerMember[] = [];
    for (let i = 0; i < keys.length; i += 1000) {
      const raws = await this.redis.mget(keys.slice(i, i + 1000));
      for (const raw of raws) if (raw) out.push(formerMemberSchema.parse(JSON.parse(raw)));
    }
    return out.sort((a, b) => a.endedAt - b.endedAt || a.id - b.id);
  }

  /** Writes the term and former members as they are (restoring a backup). */
  async restore(term: Term | undefined, former: readonly FormerMember[]): Promise<void> {
    const tx = this.redis.multi();
    if (term) tx.set(this.keys.term, JSON.stringify(term));
    for (const f of former) tx.set(this.keys.formerMember(f.endedBy, f.id), JSON.stringify(f)).sadd(this.keys.formerMembers, `${f.endedBy}:${f.id}`);
    await tx.exec();
  }
}

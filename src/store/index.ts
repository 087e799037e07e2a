import type { Redis } from 'ioredis';
import { BroadcastStore } from '#root/store/broadcasts.js';
import { DeskStore } from '#root/store/desk.js';
import { DigestStore } from '#root/store/digests.js';
import { HistoryStore } from '#root/store/history.js';
import { InviteStore } from '#root/store/invites.js';
import { createKeys, type Keys } from '#root/store/keys.js';
import { MeetingStore } from '#root/store/meetings.js';
import { MemberStore } from '#root/store/members.js';
import { PendingStore } from '#root/store/pending.js';
import { ProposalStore } from '#root/store/proposals.js';
import { TermStore } from '#root/store/terms.js';
import { UnitStore } from '#root/store/units.js';
import { ZaloStore } from '#root/store/zalo.js';

export interface Store {
  redis: Redis;
  keys: Keys;
  units: UnitStore;
  /** The Zalo side's ids, handled events, text answers and notices' content. */
  zalo: ZaloStore;
  members: MemberStore;
  invites: InviteStore;
  broadcasts: BroadcastStore;
  meetings: MeetingStore;
  proposals: ProposalStore;
  digests: DigestStore;
  pending: PendingStore;
  terms: TermStore;
  /** The desk's sessions, login links and saved wordings. */
  desk: DeskStore;
  /** The audit trail: every change, who made it, before → after. */
  history: HistoryStore;
  /** Next short id of a kind (M1, C1, B1…): counts up per deployment. */
  nextId(kind: string): Promise<number>;
  /** Sets the id counter of a kind (restoring a backup: the highest number in use). */
  setSeq(kind: string, n: number): Promise<void>;
  /**
   * Claims an update for processing. Telegram re-sends an update it thinks was not
   * received; the second copy must record nothing twice. The claim names this process so a
   * copy re-sent after this process crashed mid-update is processed again.
   */
  claimUpdate(updateId: number, instance: string): Promise<boolean>;
  finishUpdate(updateId: number): Promise<void>;
}

const CLAIM = `
local v = redis.call('GET', KEYS[1])
if v == false then redis.call('SET', KEYS[1], ARGV[1], 'EX', 600) return 1 end
if v == 'done' or v == ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'EX', 600)
return 1
`;

export function createStore(redis: Redis, prefix: string): Store {
  const keys = createKeys(prefix);
  return {
    redis,
    keys,
    units: new UnitStore(redis, keys),
    zalo: new ZaloStore(redis, keys),
    members: new MemberStore(redis, keys),
    invites: new InviteStore(redis, keys),
    broadcasts: new BroadcastStore(redis, keys),
    meetings: new MeetingStore(redis, keys),
    proposals: new ProposalStore(redis, keys),
    digests: new DigestStore(redis, keys),
    pending: new PendingStore(redis, keys),
    terms: new TermStore(redis, keys),
    desk: new DeskStore(redis, keys),
    history: new HistoryStore(redis, keys),
    nextId: (kind) => redis.incr(keys.seq(kind)),
    setSeq: async (kind, n) => {
      await redis.set(keys.seq(kind), String(n));
    },
    claimUpdate: async (updateId, instance) => (await redis.eval(CLAIM, 1, keys.update(updateId), instance)) === 1,
    finishUpdate: async (updateId) => {
      await redis.set(keys.update(updateId), 'done', 'EX', 86_400);
    },
  };
}

import { z } from 'zod';
import { PROPOSAL_CODE } from '#root/domain/forms.js';
import type { Recipient } from '#root/domain/broadcasts.js';
import { normaliseUnitCode } from '#root/domain/roles.js';
import { broadcastSchema, type Outcome } from '#root/store/broadcasts.js';
import { historyEntrySchema, type HistoryEntry } from '#root/store/history.js';
import type { Store } from '#root/store/index.js';
import { meetingSchema, rsvpSchema } from '#root/store/meetings.js';
import { memberSchema, userSchema } from '#root/store/members.js';
import { commentSchema, idNumber, proposalSchema } from '#root/store/proposals.js';
import { formerMemberSchema, termSchema } from '#root/store/terms.js';
import { unitSchema } from '#root/store/units.js';

/**
 * The council's data in one JSON document, for backups and moves: `npm run export` and
 * `npm run import` (src/cli/). Records are the stores' own records (same schemas); what
 * the stores derive (indexes, counts, id counters) is left out and rebuilt on import.
 */
const BACKUP_FORMAT = 'giao-ban-backup';
const BACKUP_VERSION = 1;

const chatMessage = z.object({ chatId: z.number().int(), messageId: z.number().int() });

const digestSchema = z.object({ spec: z.string().optional(), lastAt: z.number().optional(), seen: z.record(z.string(), z.number()) });

const recipientSchema = z.object({ chatId: z.number().int(), type: z.enum(['group', 'user']), unit: z.string(), name: z.string() }) satisfies z.ZodType<Recipient>;

const outcomeSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('sent'), messageId: z.number().int(), pinFailed: z.boolean() }),
  z.object({ status: z.literal('failed'), reason: z.string() }),
  z.object({ status: z.literal('dropped') }),
  z.object({ status: z.literal('removed') }),
]) satisfies z.ZodType<Outcome>;

/** The id counters are rebuilt from the ids, so they must have the stores' shape. */
const shortId = (letter: string) => z.string().regex(new RegExp(`^${letter}[1-9]\\d{0,14}$`), `expected an id like ${letter}12`);

const backupSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  exportedAt: z.string(),
  /** The REDIS_PREFIX it was exported from (information only). */
  prefix: z.string().optional(),
  units: z.array(unitSchema.extend({ digest: digestSchema.optional() })),
  members: z.array(memberSchema.extend({ prefs: userSchema.default({}) })),
  /** The current term (/newterm), and the members of ended terms: absent in files made before terms existed. */
  term: termSchema.optional(),
  formerMembers: z.array(formerMemberSchema).default([]),
  meetings: z.array(
    meetingSchema.extend({
      id: shortId('M'),
      rsvps: z.array(rsvpSchema.extend({ userId: z.number().int() })).default([]),
      announcements: z.array(chatMessage).default([]),
    }),
  ),
  proposals: z.array(
    proposalSchema.extend({
      code: z.string().regex(PROPOSAL_CODE, 'expected a proposal code (A-Z 0-9 . _ -, upper case)'),
      agreed: z.array(z.object({ unit: z.string(), by: z.number(), at: z.number() })).default([]),
      calls: z.array(chatMessage).default([]),
    }),
  ),
  comments: z.array(commentSchema.extend({ id: shortId('C') })),
  broadcasts: z
    .array(
      broadcastSchema.extend({
        id: shortId('B'),
        recipients: z.array(recipientSchema).default([]),
        outcomes: z.array(z.object({ chatId: z.number().int(), outcome: outcomeSchema })).default([]),
        acks: z.array(z.object({ userId: z.number().int(), at: z.number() })).default([]),
      }),
    )
    .default([]),
  /** The audit trail, oldest first, with its ids (files written before it existed have none). */
  history: z.array(historyEntrySchema).default([]),
});
export type Backup = z.output<typeof backupSchema>;

export interface ImportSummary {
  deletedKeys: number;
  units: number;
  members: number;
  formerMembers: number;
  meetings: number;
  rsvps: number;
  proposals: number;
  comments: number;
  responses: number;
  broadcasts: number;
  history: number;
}

export class BackupInvalidError extends Error {
  constructor(readonly problems: string[]) {
    super(`The backup is not valid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'BackupInvalidError';
  }
}

export class TargetNotEmptyError extends Error {
  constructor(
    readonly prefix: string,
    readonly found: Record<string, number>,
  ) {
    const what = Object.entries(found)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${n} ${k}`)
      .join(', ');
    super(`Prefix "${prefix}" already holds data (${what}); nothing was imported. Use --replace to delete this prefix's keys and import.`);
    this.name = 'TargetNotEmptyError';
  }
}

const byNumber = <T>(id: (x: T) => number) => (a: T, b: T) => id(a) - id(b);

/** Reads every record of the deployment through the stores, in a stable order. */
export async function exportData(store: Store, now = new Date()): Promise<Backup> {
  const units = await Promise.all((await store.units.list()).map(async (u) => ({ ...u, digest: await store.digests.get(u.code) })));

  const members = await Promise.all(
    (await store.members.list()).sort(byNumber((m) => m.id)).map(async (m) => ({ ...m, prefs: await store.members.prefs(m.id) })),
  );

  const [term, formerMembers] = await Promise.all([store.terms.current(), store.terms.formerMembers()]);

  const meetings: Backup['meetings'] = [];
  for (const id of (await store.meetings.ids()).sort(byNumber(idNumber))) {
    const m = await store.meetings.get(id);
    if (!m) continue;
    const [rsvps, anns] = await Promise.all([store.meetings.rsvps(id), store.meetings.announcements(id)]);
    meetings.push({
      ...m,
      rsvps: [...rsvps].map(([userId, r]) => ({ userId, ...r })).sort(byNumber((r) => r.userId)),
      announcements: [...anns].map(([chatId, messageId]) => ({ chatId, messageId })).sort(byNumber((a) => a.chatId)),
    });
  }

  const proposals: Backup['proposals'] = [];
  const comments: Backup['comments'] = [];
  for (const p of await store.proposals.list()) {
    const [agreed, calls, cs] = await Promise.all([store.proposals.agreed(p.code), store.proposals.calls(p.code), store.proposals.comments(p.code)]);
    proposals.push({
      ...p,
      agreed: [...agreed].map(([unit, a]) => ({ unit, by: a.by, at: a.at })).sort((a, b) => a.unit.localeCompare(b.unit)),
      calls: [...calls].map(([chatId, messageId]) => ({ chatId, messageId })).sort(byNumber((c) => c.chatId)),
    });
    comments.push(...cs);
  }
  comments.sort(byNumber((c) => idNumber(c.id)));

  const broadcasts: Backup['broadcasts'] = [];
  for (const id of (await store.broadcasts.ids()).sort(byNumber(idNumber))) {
    const b = await store.broadcasts.get(id);
    if (!b) continue;
    const [recipients, outcomes, acks] = await Promise.all([store.broadcasts.recipients(id), store.broadcasts.outcomeList(id), store.broadcasts.acks(id)]);
    broadcasts.push({
      ...b,
      recipients: recipients.sort(byNumber((r) => r.chatId)),
      outcomes: outcomes.sort(byNumber((o) => o.chatId)),
      acks: [...acks].map(([userId, at]) => ({ userId, at })).sort(byNumber((a) => a.userId)),
    });
  }

  const history: HistoryEntry[] = [];
  for await (const chunk of store.history.range()) history.push(...chunk);

  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: now.toISOString(),
    prefix: store.keys.prefix.slice(1, -1),
    units,
    members,
    ...(term ? { term } : {}),
    formerMembers,
    meetings,
    proposals,
    comments,
    broadcasts,
    history,
  };
}

/** `meetings[2].rsvps[0].answer` */
function pathOf(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('') || '(file)';
}

/** Problems that the schema cannot see: duplicates, ids the counters depend on, dangling references. */
function crossCheck(b: Backup): string[] {
  const problems: string[] = [];
  const dupes = <T>(list: readonly T[], key: (x: T) => string, where: (i: number) => string, what: string) => {
    const seen = new Map<string, number>();
    list.forEach((x, i) => {
      const k = key(x);
      const first = seen.get(k);
      if (first === undefined) seen.set(k, i);
      else problems.push(`${where(i)}: ${what} ${k} again (first at ${where(first)})`);
    });
  };

  // Unit codes as the commands take them (/addunit): a code they would refuse could never be
  // typed in /members, /invite or /broadcast, so the file is refused naming each one.
  const code = (where: string, c: string) => {
    if (normaliseUnitCode(c) !== c) problems.push(`${where}: ${JSON.stringify(c)} is not a unit code: 1 to 10 capital letters A–Z or digits, as /addunit takes`);
  };
  b.units.forEach((u, i) => code(`units[${i}].code`, u.code));
  b.members.forEach((m, i) => code(`members[${i}].unit`, m.unit));
  b.formerMembers.forEach((m, i) => code(`formerMembers[${i}].unit`, m.unit));
  b.meetings.forEach((m, i) => m.units !== 'all' && m.units.forEach((u, j) => code(`meetings[${i}].units[${j}]`, u)));
  b.proposals.forEach((p, i) => p.units !== 'all' && p.units.forEach((u, j) => code(`proposals[${i}].units[${j}]`, u)));
  dupes(b.units, (u) => u.code, (i) => `units[${i}]`, 'unit');
  dupes(b.units.filter((u) => u.group), (u) => String(u.group!.chatId), (i) => `units (linked) [${i}]`, 'group chat');
  dupes(b.members, (m) => String(m.id), (i) => `members[${i}]`, 'member');
  dupes(b.formerMembers, (m) => `${m.endedBy}:${m.id}`, (i) => `formerMembers[${i}]`, 'former member');
  dupes(b.meetings, (m) => m.id, (i) => `meetings[${i}]`, 'meeting');
  b.meetings.forEach((m, i) => {
    dupes(m.rsvps, (r) => String(r.userId), (j) => `meetings[${i}].rsvps[${j}]`, 'answer of user');
    dupes(m.announcements, (a) => String(a.chatId), (j) => `meetings[${i}].announcements[${j}]`, 'announcement in chat');
  });
  b.proposals.forEach((p, i) => {
    dupes(p.agreed, (a) => a.unit, (j) => `proposals[${i}].agreed[${j}]`, 'agreement of unit');
    dupes(p.calls, (c) => String(c.chatId), (j) => `proposals[${i}].calls[${j}]`, 'call in chat');
  });
  dupes(b.proposals, (p) => p.code, (i) => `proposals[${i}]`, 'proposal');
  const callOwners = b.proposals.flatMap((p) => p.calls.map((c) => ({ ...c, code: p.code })));
  dupes(callOwners, (c) => `${c.chatId}/${c.messageId}`, (i) => `calls (${callOwners[i]!.code})`, 'call message');
  dupes(b.comments, (c) => c.id, (i) => `comments[${i}]`, 'comment');
  dupes(b.comments, (c) => `${c.source.chatId}/${c.source.messageId}`, (i) => `comments[${i}].source`, 'source message');
  const codes = new Set(b.proposals.map((p) => p.code));
  b.comments.forEach((c, i) => {
    if (!codes.has(c.proposal)) problems.push(`comments[${i}].proposal: no proposal "${c.proposal}" in the file`);
  });
  dupes(b.broadcasts, (x) => x.id, (i) => `broadcasts[${i}]`, 'broadcast');
  b.broadcasts.forEach((x, i) => {
    dupes(x.recipients, (r) => String(r.chatId), (j) => `broadcasts[${i}].recipients[${j}]`, 'recipient');
    dupes(x.outcomes, (o) => String(o.chatId), (j) => `broadcasts[${i}].outcomes[${j}]`, 'outcome for chat');
    dupes(x.acks, (a) => String(a.userId), (j) => `broadcasts[${i}].acks[${j}]`, 'acknowledgement of user');
  });
  dupes(b.history, (e) => e.id, (i) => `history[${i}]`, 'history entry');
  return problems;
}

/** Checks a parsed JSON document completely: every problem is reported, not just the first. */
export function validateBackup(raw: unknown): { ok: true; backup: Backup } | { ok: false; problems: string[] } {
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    const head = raw as Record<string, unknown>;
    // A file of another kind or version: say so instead of listing every field.
    if (head.format !== BACKUP_FORMAT) return { ok: false, problems: [`format: expected "${BACKUP_FORMAT}", found ${JSON.stringify(head.format)}`] };
    if (head.version !== BACKUP_VERSION) return { ok: false, problems: [`version: this program reads version ${BACKUP_VERSION}, the file is version ${JSON.stringify(head.version)}`] };
  }
  const parsed = backupSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => `${pathOf(i.path)}: ${i.message}`) };
  const problems = crossCheck(parsed.data);
  return problems.length ? { ok: false, problems } : { ok: true, backup: parsed.data };
}

/** What the target prefix holds already (0 everywhere: empty). */
async function targetContents(store: Store): Promise<Record<string, number>> {
  const [units, members, meetings, proposals, broadcasts] = await Promise.all([
    store.units.codes(),
    store.members.list(),
    store.meetings.ids(),
    store.proposals.codes(),
    store.broadcasts.ids(),
  ]);
  return { units: units.length, members: members.length, meetings: meetings.length, proposals: proposals.length, broadcasts: broadcasts.length };
}

/** Deletes every key of the store's prefix (data and queues), by SCAN: never FLUSHDB. */
async function deletePrefix(store: Store): Promise<number> {
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await store.redis.scan(cursor, 'MATCH', store.keys.all, 'COUNT', 1000);
    cursor = next;
    if (keys.length) deleted += await store.redis.unlink(...keys);
  } while (cursor !== '0');
  return deleted;
}

async function inChunks<T>(items: readonly T[], size: number, fn: (x: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

/**
 * Writes a backup into the store's prefix and rebuilds what the stores derive. Validates
 * everything first (nothing is written if anything is wrong); refuses a prefix that holds
 * data unless `replace`, which deletes this prefix's keys first. Delayed jobs (reminders,
 * nudges, summary schedules) are not created here: they need the queues (see src/cli/import.ts).
 */
export async function importData(store: Store, backup: Backup, opts: { replace?: boolean } = {}): Promise<ImportSummary> {
  const checked = validateBackup(backup);
  if (!checked.ok) throw new BackupInvalidError(checked.problems);
  const b = checked.backup;

  const found = await targetContents(store);
  let deletedKeys = 0;
  if (Object.values(found).some((n) => n > 0)) {
    if (!opts.replace) throw new TargetNotEmptyError(store.keys.prefix.slice(1, -1), found);
  }
  if (opts.replace) deletedKeys = await deletePrefix(store);

  for (const { digest, ...u } of b.units) {
    await store.units.restore(u);
    if (digest) await store.digests.restore(u.code, digest);
  }
  for (const { prefs, v: _v, ...m } of b.members) {
    await store.members.put(m);
    await store.members.restorePrefs(m.id, prefs);
  }
  // People on Zalo: their Zalo ids find them again, and new ones are numbered after them.
  await store.members.restoreZaloIds(b.members);
  await store.terms.restore(b.term, b.formerMembers);

  let rsvps = 0;
  for (const { rsvps: answers, announcements, ...m } of b.meetings) {
    await store.meetings.save(m);
    // Through the same script as a live answer, so the per-answer counts are rebuilt with them.
    for (const { userId, ...r } of answers) await store.meetings.rsvp(m.id, userId, r);
    for (const a of announcements) await store.meetings.setAnnouncement(m.id, a.chatId, a.messageId);
    rsvps += answers.length;
  }

  for (const { agreed, calls, ...p } of b.proposals) {
    if (!(await store.proposals.create(p))) throw new Error(`proposal ${p.code} exists already`);
    for (const c of calls) await store.proposals.setCall(p.code, c.chatId, c.messageId);
    for (const a of agreed) await store.proposals.agree(p.code, a.unit, a.by, a.at);
  }
  await inChunks(b.comments, 200, (c) => store.proposals.putComment(c));
  for (const p of b.proposals) await store.proposals.recount(p.code);

  for (const { recipients, outcomes, acks, ...x } of b.broadcasts) {
    await store.broadcasts.restore(x, recipients);
    for (const o of outcomes) await store.broadcasts.recordOutcome(x.id, o.chatId, o.outcome);
    for (const a of acks) await store.broadcasts.ack(x.id, a.userId, a.at);
  }

  await store.history.restore(b.history);

  const highest = (ids: { id: string }[]) => ids.reduce((n, x) => Math.max(n, idNumber(x.id)), 0);
  for (const [kind, list] of [['meeting', b.meetings], ['comment', b.comments], ['broadcast', b.broadcasts]] as const) {
    if (list.length) await store.setSeq(kind, highest(list));
  }

  return {
    deletedKeys,
    units: b.units.length,
    members: b.members.length,
    formerMembers: b.formerMembers.length,
    meetings: b.meetings.length,
    rsvps,
    proposals: b.proposals.length,
    comments: b.comments.length,
    responses: b.comments.filter((c) => c.response).length,
    broadcasts: b.broadcasts.length,
    history: b.history.length,
  };
}

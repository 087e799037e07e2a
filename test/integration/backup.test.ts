import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Chat, User } from 'grammy/types';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { exportData, importData, TargetNotEmptyError, validateBackup, type Backup } from '#root/backup.js';
import { createQueues } from '#root/queues.js';
import { createStore, type Store } from '#root/store/index.js';
import { startHarness, type Harness } from '#test/support/harness.js';

/**
 * Backup and restore: data made through the real bot (commands, calls for comments,
 * announcements) and the stores, exported, imported into fresh prefixes and exported again;
 * the refusals; --replace touching only its own prefix; the command line tools end to end.
 */
let h: Harness;
let redis: Redis;
let source: Store;
let original: Backup;
let clerk: User;
let bdClerk: User;
let lan: User;
let john: User;
let hkDel: User;
let groupBD: Chat;
let groupHK: Chat;
const tmp = mkdtempSync(join(tmpdir(), 'giaoban-backup-'));

const fresh = () => createStore(redis, `bk${randomBytes(4).toString('hex')}`);
const withoutTime = (b: Backup) => ({ ...b, exportedAt: undefined, prefix: undefined });

async function member(user: User, role: 'delegate' | 'secretary', unit: string): Promise<void> {
  await source.members.put({ id: user.id, name: [user.first_name, user.last_name].filter(Boolean).join(' '), role, unit, joinedAt: 1_700_000_000_000, invitedBy: clerk.id });
}

async function linked(title: string, unit: string): Promise<Chat> {
  const g = h.emu.group({ title });
  h.emu.addBotToGroup(g, clerk);
  await h.settle();
  await source.units.linkGroup(unit, { id: g.id, title }, clerk.id);
  return g;
}

/** Everything the bot derives and reads back: must be the same after a restore. */
async function derived(store: Store, b: Backup) {
  const nonZero = (c: Record<string, number>) => Object.fromEntries(Object.entries(c).filter(([, n]) => n !== 0));
  const seq = async (kind: string) => Number((await store.redis.get(store.keys.seq(kind))) ?? 0);
  return {
    proposalCounts: await Promise.all(b.proposals.map(async (p) => nonZero(await store.proposals.counts(p.code)))),
    meetingCounts: await Promise.all(b.meetings.map((m) => store.meetings.counts(m.id))),
    broadcastCounts: await Promise.all(b.broadcasts.map((x) => store.broadcasts.counts(x.id))),
    memberCounts: await Promise.all(b.units.map((u) => store.units.memberCount(u.code))),
    unitOfChats: await Promise.all(b.units.map((u) => (u.group ? store.units.unitOfChat(u.group.chatId) : Promise.resolve(undefined)))),
    responses: await Promise.all(b.units.map((u) => store.proposals.responsesSince(u.code, 0))),
    userComments: await Promise.all(b.members.map(async (m) => (await store.proposals.commentsOfUser(m.id)).map((c) => c.id))),
    sources: await Promise.all(b.comments.map((c) => store.proposals.commentIdOfSource(c.source.chatId, c.source.messageId))),
    callMessages: await Promise.all(b.proposals.flatMap((p) => p.calls.map((c) => store.proposals.proposalOfMessage(c.chatId, c.messageId)))),
    prefs: await Promise.all(b.members.map((m) => store.members.prefs(m.id))),
    seq: { meeting: await seq('meeting'), comment: await seq('comment'), broadcast: await seq('broadcast') },
  };
}

/** A time `days` from today at hh:00 in the council's zone, as typed in a form: dd/mm/yyyy HH:MM. */
function daysAhead(days: number, hh: number): string {
  const OFFSET = 7 * 3_600_000; // Asia/Ho_Chi_Minh
  const d = new Date(Math.floor((Date.now() + OFFSET) / 86_400_000) * 86_400_000 + days * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${pad(hh)}:00`;
}

function cli(script: 'export' | 'import', args: string[], env: Record<string, string>, input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // What `npx tsx src/cli/….ts` runs, without npx's start-up (about 3 s a call on two cores).
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', `src/cli/${script}.ts`, ...args],
      { env: { ...process.env, BOT_TOKEN: '', LOG_LEVEL: 'warn', REDIS_URL: inject('redisUrl'), ...env }, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    if (input !== undefined) child.stdin!.end(input);
  });
}

beforeAll(async () => {
  redis = new Redis(inject('redisUrl'));
  h = await startHarness();
  source = h.app.svc.store;
  clerk = h.emu.user({ first_name: 'Trần Thị', last_name: 'Hoa', language_code: 'vi', privateOpen: true });
  bdClerk = h.emu.user({ first_name: 'Lê Văn', last_name: 'Bình', privateOpen: true });
  lan = h.emu.user({ first_name: 'Nguyễn Thị', last_name: 'Lan', privateOpen: true });
  john = h.emu.user({ first_name: 'John', last_name: 'Nguyen', language_code: 'en', privateOpen: true });
  hkDel = h.emu.user({ first_name: 'Hoàng', last_name: 'Minh', privateOpen: true });
  for (const [code, name] of [['TP', 'HĐND Thành phố'], ['BD', 'Quận Ba Đình'], ['HK', 'Quận Hoàn Kiếm'], ['SS', 'Huyện Sóc Sơn']] as const) await source.units.upsert(code, name);
  await member(clerk, 'secretary', 'TP');
  await member(bdClerk, 'secretary', 'BD');
  await member(lan, 'delegate', 'BD');
  await member(john, 'delegate', 'BD');
  await member(hkDel, 'delegate', 'HK');
  groupBD = await linked('Thường trực HĐND quận Ba Đình', 'BD');
  groupHK = await linked('Thường trực HĐND quận Hoàn Kiếm', 'HK');

  // Through the bot: language, a meeting (announced in both groups), a proposal (calls in both).
  expect((await h.ask(john, 'private', '/lang en')).text).toBeTruthy();
  expect((await h.ask(clerk, 'private', `/newmeeting\ntitle: Giao ban quý IV <trực tuyến>\nwhen: ${daysAhead(30, 14)}\nplace: Trụ sở\nunits: BD HK\nagenda: Báo cáo; Thảo luận\nreminders: 1d, 1h`)).text).toContain('M1');
  expect((await h.ask(clerk, 'private', `/newmeeting\ntitle: Họp đã hủy\nwhen: ${daysAhead(31, 9)}\nunits: BD`)).text).toContain('M2');
  expect((await h.ask(clerk, 'private', '/cancelmeeting M2 trùng lịch')).text).toBeTruthy();
  expect((await h.ask(clerk, 'private', `/newproposal\ncode: DA-01\ntitle: Đề án nâng cao hiệu quả giám sát\nsections: 1, 2, 3.1\ndeadline: ${daysAhead(37, 17)}\nunits: BD HK SS`)).text).toContain('DA-01');
  await h.settle();
  const call = (await source.proposals.calls('DA-01')).get(groupBD.id);
  expect(call, 'call for comments in BD').toBeDefined();
  // Comments: private with a section, a reply to the call in the group, then edit, withdraw, respond, agree.
  expect((await h.ask(lan, 'private', '/comment DA-01 #1 Đề nghị bổ sung cơ chế giám sát & tái giám sát.')).text).toContain('C1');
  h.emu.sendText(john, groupBD, 'Cần làm rõ lộ trình thực hiện.', { replyTo: call! });
  await h.settle();
  expect((await h.ask(hkDel, 'private', '/comment DA-01 #2 Ý kiến sẽ rút lại.')).text).toContain('C3');
  expect((await h.ask(hkDel, 'private', '/withdraw C3')).text).toContain('C3');
  expect((await h.ask(lan, 'private', '/editcomment C1 Đề nghị bổ sung cơ chế tái giám sát.')).text).toContain('C1');
  expect((await h.ask(clerk, 'private', '/respond C1 partial Tiếp thu một phần, bổ sung tại mục 1.')).text).toContain('C1');
  expect((await h.ask(clerk, 'private', '/respond C2 accept Đã tiếp thu.')).text).toContain('C2');
  expect((await h.ask(hkDel, 'private', '/agree DA-01')).text).toBeTruthy();
  await h.settle();

  // Through the stores: answers, a summary schedule, a finished broadcast with outcomes and acks.
  await source.meetings.rsvp('M1', lan.id, { answer: 'yes', unit: 'BD', name: 'Nguyễn Thị Lan', at: 1_800_000_000_000 });
  await source.meetings.rsvp('M1', john.id, { answer: 'no', unit: 'BD', name: 'John Nguyen', at: 1_800_000_000_001 });
  await source.meetings.rsvp('M1', john.id, { answer: 'sub', sub: 'Phạm Văn Đức', unit: 'BD', name: 'John Nguyen', at: 1_800_000_000_002 });
  await source.digests.setSpec('BD', 'daily 17:00');
  await source.digests.markSent('HK', 1_800_000_000_000, { 'DA-01': 1 });
  const b = await source.broadcasts.create(
    { createdBy: clerk.id, audience: { groups: true, delegates: true, pin: true }, units: ['BD', 'HK'], notice: { chatId: clerk.id, messageId: 7 }, locale: 'vi' },
    [
      { chatId: groupBD.id, type: 'group', unit: 'BD', name: 'Thường trực BD' },
      { chatId: lan.id, type: 'user', unit: 'BD', name: 'Nguyễn Thị Lan' },
      { chatId: john.id, type: 'user', unit: 'BD', name: 'John Nguyen' },
    ],
  );
  await source.broadcasts.transition(b.id, 'done', ['draft'], { confirmedAt: 1_800_000_000_000, finishedAt: 1_800_000_000_500 });
  await source.broadcasts.recordOutcome(b.id, groupBD.id, { status: 'sent', messageId: 91, pinFailed: true });
  await source.broadcasts.recordOutcome(b.id, lan.id, { status: 'sent', messageId: 12, pinFailed: false });
  await source.broadcasts.recordOutcome(b.id, john.id, { status: 'failed', reason: 'blocked: 403' });
  await source.broadcasts.ack(b.id, lan.id, 1_800_000_001_000);

  original = await exportData(source);
}, 60_000);

afterAll(async () => {
  await h?.stop();
  await redis?.quit();
  rmSync(tmp, { recursive: true, force: true });
});

describe('export', () => {
  it('holds every record with what belongs to it', () => {
    const b = original;
    expect(b).toMatchObject({ format: 'giao-ban-backup', version: 1 });
    expect(b.units.map((u) => u.code)).toEqual(['BD', 'HK', 'SS', 'TP']);
    expect(b.units[0]!.group).toMatchObject({ chatId: groupBD.id, active: true });
    expect(b.units[0]!.digest).toEqual({ spec: 'daily 17:00', seen: {} });
    expect(b.members.find((m) => m.id === john.id)!.prefs).toMatchObject({ lang: 'en' });
    expect(b.meetings.map((m) => [m.id, m.status])).toEqual([['M1', 'scheduled'], ['M2', 'cancelled']]);
    expect(b.meetings[0]!.rsvps).toHaveLength(2);
    expect(b.meetings[0]!.announcements.map((a) => a.chatId).sort()).toEqual([groupBD.id, groupHK.id].sort());
    expect(b.proposals[0]!.calls).toHaveLength(2);
    expect(b.proposals[0]!.agreed.map((a) => a.unit)).toEqual(['HK']);
    expect(b.comments.map((c) => [c.id, c.status, c.response?.kind])).toEqual([['C1', 'active', 'partial'], ['C2', 'active', 'accept'], ['C3', 'withdrawn', undefined]]);
    expect(b.comments[0]!.history).toHaveLength(1);
    expect(b.comments[1]!.source.chatId).toBe(groupBD.id);
    expect(b.broadcasts[0]!.outcomes).toContainEqual({ chatId: groupBD.id, outcome: { status: 'sent', messageId: 91, pinFailed: true } });
    // The changes made through the bot, each in the history.
    expect(b.history.map((e) => e.action)).toEqual(expect.arrayContaining(['lang.set', 'meeting.create', 'meeting.cancel', 'proposal.create', 'comment.create', 'comment.respond', 'comment.withdraw']));
    expect(validateBackup(JSON.parse(JSON.stringify(b)))).toMatchObject({ ok: true });
  });
});

describe('import', () => {
  it('round-trips into a fresh prefix: the same export, the same counts and indexes', async () => {
    const target = fresh();
    const summary = await importData(target, JSON.parse(JSON.stringify(original)) as Backup, {});
    expect(summary).toEqual({ deletedKeys: 0, units: 4, members: 5, formerMembers: 0, meetings: 2, rsvps: 2, proposals: 1, comments: 3, responses: 2, broadcasts: 1, history: original.history.length });
    const again = await exportData(target);
    expect(withoutTime(again)).toEqual(withoutTime(original));
    const before = await derived(source, original);
    expect(before.proposalCounts[0]).toEqual({ total: 3, active: 2, withdrawn: 1, 's:1': 1, 's:': 1, 'u:BD': 2, 'all:BD': 2, 'all:HK': 1, 'r:partial': 1, 'r:accept': 1 });
    expect(before.seq).toEqual({ meeting: 2, comment: 3, broadcast: 1 });
    expect(await derived(target, again)).toEqual(before);
    // The next ids continue after the imported ones.
    expect(await target.nextId('comment')).toBe(4);
  });

  it('refuses an invalid file, naming every problem, and writes nothing', async () => {
    const bad = JSON.parse(JSON.stringify(original)) as Record<string, any>;
    bad.meetings[0].startsAt = 'tomorrow';
    bad.meetings[1].id = 'M-two';
    bad.members[0].role = 'mayor';
    bad.comments[2].id = 'C1';
    bad.comments[1].proposal = 'DA-09';
    const schema = validateBackup(bad);
    expect(schema.ok).toBe(false);
    expect(!schema.ok && schema.problems).toEqual([
      'members[0].role: Invalid option: expected one of "secretary"|"delegate"',
      'meetings[0].startsAt: Invalid input: expected number, received string',
      'meetings[1].id: expected an id like M12',
    ]);
    delete bad.meetings;
    bad.meetings = original.meetings;
    bad.members = original.members;
    const refs = validateBackup(bad);
    expect(!refs.ok && refs.problems).toEqual(['comments[2]: comment C1 again (first at comments[0])', 'comments[1].proposal: no proposal "DA-09" in the file']);
    expect(validateBackup({ format: 'something-else' })).toEqual({ ok: false, problems: ['format: expected "giao-ban-backup", found "something-else"'] });
    expect(validateBackup({ format: 'giao-ban-backup', version: 2 })).toEqual({ ok: false, problems: ['version: this program reads version 1, the file is version 2'] });

    const target = fresh();
    await expect(importData(target, bad as Backup, {})).rejects.toThrow(/no proposal "DA-09"/);
    expect(await redis.keys(target.keys.all)).toEqual([]);
  });

  it('refuses unit codes the commands would refuse, naming each, and writes nothing', async () => {
    const bad = JSON.parse(JSON.stringify(original)) as Record<string, any>;
    bad.units[1].code = 'hk-1';
    bad.units.push({ v: 1, code: 'Ba Đình', name: 'Quận Ba Đình (mã sai)', createdAt: 1 });
    bad.members[0].unit = 'bd ';
    bad.meetings[0].units = ['BD', 'hk'];
    bad.proposals[0].units = ['BD', 'HK', 'SS', 'ABCDEFGHIJK'];
    const checked = validateBackup(bad);
    const rule = 'is not a unit code: 1 to 10 capital letters A–Z or digits, as /addunit takes';
    expect(!checked.ok && checked.problems).toEqual([
      `units[1].code: "hk-1" ${rule}`,
      `units[4].code: "Ba Đình" ${rule}`,
      `members[0].unit: "bd " ${rule}`,
      `meetings[0].units[1]: "hk" ${rule}`,
      `proposals[0].units[3]: "ABCDEFGHIJK" ${rule}`,
    ]);
    const target = fresh();
    await expect(importData(target, bad as Backup, {})).rejects.toThrow(/"hk-1" is not a unit code/);
    expect(await redis.keys(target.keys.all)).toEqual([]);
  });

  it('refuses a prefix that holds data; --replace deletes only that prefix, then imports', async () => {
    const target = fresh();
    await target.units.upsert('XX', 'Đơn vị cũ');
    await target.members.put({ id: 999, name: 'Cũ', role: 'delegate', unit: 'XX', joinedAt: 1, invitedBy: 1 });
    await redis.set(target.keys.pending(999), 'stale');
    const other = fresh();
    await other.units.upsert('ZZ', 'Không được đụng tới');
    await redis.set(`${target.keys.prefix}x:unrelated`, 'keep'); // a prefix that merely starts the same way

    await expect(importData(target, original, {})).rejects.toThrow(TargetNotEmptyError);
    await expect(importData(target, original, {})).rejects.toThrow(/already holds data \(1 units, 1 members\)/);
    expect(await target.units.codes()).toEqual(['XX']);

    const summary = await importData(target, original, { replace: true });
    expect(summary.deletedKeys).toBeGreaterThanOrEqual(5);
    expect(await target.units.codes()).toEqual(['BD', 'HK', 'SS', 'TP']);
    expect(await target.members.get(999)).toBeUndefined();
    expect(await redis.get(target.keys.pending(999))).toBeNull();
    expect(await other.units.codes()).toEqual(['ZZ']);
    expect(await redis.get(`${target.keys.prefix}x:unrelated`)).toBe('keep');
    expect(withoutTime(await exportData(target))).toEqual(withoutTime(original));
  });
});

describe('command line', () => {
  it('exports to a file and to stdout, imports, refuses, replaces and schedules the delayed jobs', async () => {
    const from = source.keys.prefix.slice(1, -1);
    const to = `cli${randomBytes(4).toString('hex')}`;
    const file = join(tmp, 'backup.json');

    const exported = await cli('export', [file], { REDIS_PREFIX: from });
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stderr).toContain(`4 units, 5 members, 2 meetings, 1 proposals, 3 comments, 1 broadcasts, ${original.history.length} history entries`);
    expect(withoutTime(JSON.parse(readFileSync(file, 'utf8')) as Backup)).toEqual(withoutTime(original));
    // Message texts go to the file only: never to the terminal.
    expect(exported.stderr + exported.stdout).not.toContain('giám sát');

    const imported = await cli('import', [file], { REDIS_PREFIX: to });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain(`3 comments (2 responses), 1 broadcasts, ${original.history.length} history entries`);
    expect(imported.stdout).toMatch(/scheduled 2 meeting reminders, 2 proposal nudges/);

    // The delayed jobs of the imported prefix: M1's two reminders (M2 is cancelled), DA-01's nudges, the summary schedulers.
    const conn = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
    const { tasks, all } = createQueues(conn, createStore(conn, to).keys.queuePrefix);
    const delayed = (await tasks.getDelayed(0, 100)).map((j) => j.id).sort();
    expect(delayed.filter((id) => id?.startsWith('remind-'))).toEqual(['remind-M1-v1-3600000', 'remind-M1-v1-86400000']);
    expect(delayed.filter((id) => id?.startsWith('pnudge-'))).toHaveLength(2);
    expect((await tasks.getJobSchedulers()).map((s) => s.key).sort()).toEqual(['digest-BD', 'digest-HK']);
    await Promise.all(all.map((q) => q.close()));
    await conn.quit();

    const stdout = await cli('export', ['-'], { REDIS_PREFIX: to });
    expect(stdout.code, stdout.stderr).toBe(0);
    expect(withoutTime(JSON.parse(stdout.stdout) as Backup)).toEqual(withoutTime(original));

    const refused = await cli('import', [file], { REDIS_PREFIX: to });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`Prefix "${to}" already holds data`);
    expect(refused.stderr).toContain('--replace');

    const replaced = await cli('import', ['-', '--replace'], { REDIS_PREFIX: to }, readFileSync(file, 'utf8'));
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(replaced.stdout).toMatch(/replaced: \d+ keys deleted first/);

    const badFile = join(tmp, 'bad.json');
    writeFileSync(badFile, JSON.stringify({ ...original, units: [{ v: 1, code: 'BD' }], comments: 'none' }));
    const invalid = await cli('import', [badFile], { REDIS_PREFIX: `cli${randomBytes(4).toString('hex')}` });
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('not a valid backup (3 problems); nothing was imported');
    expect(invalid.stderr).toContain('units[0].name: Invalid input: expected string, received undefined');
    expect(invalid.stderr).toContain('comments: Invalid input: expected array, received string');

    writeFileSync(badFile, JSON.stringify({ ...original, units: [...original.units, { v: 1, code: 'ba-dinh', name: 'Sai mã', createdAt: 1 }] }));
    const badCode = await cli('import', [badFile], { REDIS_PREFIX: `cli${randomBytes(4).toString('hex')}` });
    expect(badCode.code).toBe(1);
    expect(badCode.stderr).toContain('not a valid backup (1 problem); nothing was imported');
    expect(badCode.stderr).toContain('units[4].code: "ba-dinh" is not a unit code');

    writeFileSync(badFile, '{"format": "giao-ban-backup", "secret comment text"');
    const notJson = await cli('import', [badFile], { REDIS_PREFIX: to });
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toContain('is not valid JSON');
    expect(notJson.stderr).not.toContain('secret comment text');

    const usage = await cli('import', [], {});
    expect(usage.code).toBe(2);
    const help = await cli('export', ['--help'], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('BOT_TOKEN is not');
    const config = await cli('export', [file], { REDIS_PREFIX: 'bad prefix!' });
    expect(config.code).toBe(2);
    expect(config.stderr).toContain('REDIS_PREFIX');
  }, 120_000);
});

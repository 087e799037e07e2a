import { readFile } from 'node:fs/promises';
import { createApp } from '#root/app.js';
import { BackupInvalidError, importData, TargetNotEmptyError, validateBackup } from '#root/backup.js';
import { dueReminders } from '#root/domain/meetings.js';
import { NUDGE_OFFSETS_MS } from '#root/domain/proposals.js';
import { createLogger } from '#root/logger.js';
import { cliConfig, connectRedis, ENV_HELP, EXIT, fail, redactUrl } from '#root/cli/common.js';
import { scheduleReminders } from '#jobs/meetings.js';
import { scheduleNudges } from '#jobs/proposals.js';
import { syncAllSchedules } from '#jobs/summaries.js';

const HELP = `Usage: npm run import -- <file.json | -> [--replace]

Reads a file written by \`npm run export\` ("-": standard input) into Redis, then rebuilds
what is derived from it (indexes, counts, id counters) and schedules the delayed jobs
(meeting reminders and proposal nudges still ahead, the units' summary schedules).

The whole file is checked first: if anything is wrong every problem is listed and nothing
is written. A prefix that already holds data is refused unless --replace is given; then
every key of that prefix (data and queues, found by SCAN "{prefix}:*") is deleted first.
Other prefixes in the same Redis are not touched. Stop the bot and the workers of that
prefix before importing.

${ENV_HELP}

Exit codes: 0 done, 1 failed (invalid file, prefix not empty, Redis unreachable), 2 wrong usage or configuration.`;

/** JSON.parse messages can quote the file's content (names, comments): keep only where it broke. */
function jsonProblem(err: Error): string {
  const where = /position \d+(?: \(line \d+ column \d+\))?/.exec(err.message);
  return where ? `not valid JSON (${where[0]})` : 'not valid JSON';
}

async function readInput(file: string): Promise<string> {
  if (file !== '-') return readFile(file, 'utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(HELP);
    return;
  }
  const replace = args.includes('--replace');
  const rest = args.filter((a) => a !== '--replace');
  const unknown = rest.filter((a) => a.startsWith('-') && a !== '-');
  if (unknown.length) fail(`unknown option ${unknown.join(', ')}\n\n${HELP}`, EXIT.usage);
  if (rest.length !== 1) fail(`expected one file name (or -)\n\n${HELP}`, EXIT.usage);
  const file = rest[0]!;
  const config = cliConfig();

  let raw: string;
  try {
    raw = await readInput(file);
  } catch (err) {
    return fail(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    return fail(`${file} is ${jsonProblem(err as Error)}; nothing was imported`);
  }
  const checked = validateBackup(json);
  if (!checked.ok) {
    const n = checked.problems.length;
    return fail(`${file} is not a valid backup (${n} problem${n === 1 ? '' : 's'}); nothing was imported:\n${checked.problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  const backup = checked.backup;

  // Fail fast if Redis is unreachable; the app's own connections would wait for it forever.
  (await connectRedis(config.REDIS_URL).catch((err: Error) => fail(err.message))).disconnect();
  // The app's services give the queues for the delayed jobs; it is created, never started.
  const level = ['debug', 'trace'].includes(config.LOG_LEVEL) ? config.LOG_LEVEL : 'warn';
  const app = await createApp({ config, log: createLogger(level, { role: 'import' }) });
  let code: number = EXIT.ok;
  try {
    const s = await importData(app.svc.store, backup, { replace });
    const now = Date.now();
    for (const m of backup.meetings) await scheduleReminders(app.svc, m, now);
    for (const p of backup.proposals) await scheduleNudges(app.svc, p, now);
    await syncAllSchedules(app.svc);
    const reminders = backup.meetings.filter((m) => m.status === 'scheduled').reduce((n, m) => n + dueReminders(m, now).length, 0);
    const nudges = backup.proposals.reduce((n, p) => n + NUDGE_OFFSETS_MS.filter((o) => p.deadline - o > now).length, 0);
    console.log(
      [
        `imported ${file} into prefix "${config.REDIS_PREFIX}" at ${redactUrl(config.REDIS_URL)}` + (replace ? ` (replaced: ${s.deletedKeys} keys deleted first)` : ''),
        `  ${s.units} units, ${s.members} members, ${s.formerMembers} former members (ended terms), ${s.meetings} meetings (${s.rsvps} answers), ${s.proposals} proposals, ${s.comments} comments (${s.responses} responses), ${s.broadcasts} broadcasts, ${s.history} history entries`,
        `  rebuilt: indexes, proposal and answer counts, id counters; scheduled ${reminders} meeting reminders, ${nudges} proposal nudges and the units' summary schedules`,
      ].join('\n'),
    );
  } catch (err) {
    code = EXIT.failed;
    if (err instanceof TargetNotEmptyError || err instanceof BackupInvalidError) console.error(`error: ${err.message}`);
    else console.error(`error: import failed: ${(err as Error).message}\nThe prefix may hold part of the data: fix the cause and run the import again with --replace.`);
  } finally {
    await app.stop().catch(() => undefined);
  }
  process.exit(code);
}

await main();

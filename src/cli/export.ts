import { writeFile, rename } from 'node:fs/promises';
import { exportData } from '#root/backup.js';
import { createStore } from '#root/store/index.js';
import { cliConfig, connectRedis, ENV_HELP, EXIT, fail, redactUrl } from '#root/cli/common.js';

const HELP = `Usage: npm run export -- <file.json | ->

Writes the council's data (units, members, meetings with answers, proposals, comments with
responses, broadcasts, the history of changes) from Redis to one JSON file; "-" writes it
to standard output.
The file holds message texts and names: keep it as safe as the database.

${ENV_HELP}

Exit codes: 0 done, 1 failed (Redis unreachable, file not writable), 2 wrong usage or configuration.`;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(HELP);
    return;
  }
  if (args.length !== 1 || (args[0]!.startsWith('-') && args[0] !== '-')) fail(`expected one file name (or -)\n\n${HELP}`, EXIT.usage);
  const target = args[0]!;
  const config = cliConfig();
  const redis = await connectRedis(config.REDIS_URL).catch((err: Error) => fail(err.message));
  try {
    const backup = await exportData(createStore(redis, config.REDIS_PREFIX));
    const json = `${JSON.stringify(backup, null, 2)}\n`;
    if (target === '-') {
      await new Promise<void>((resolve, reject) => process.stdout.write(json, (err) => (err ? reject(err) : resolve())));
    } else {
      // Written beside the target, then renamed: an interrupted export never leaves half a file.
      const tmp = `${target}.${process.pid}.tmp`;
      await writeFile(tmp, json, { mode: 0o600 });
      await rename(tmp, target);
    }
    console.error(
      `exported prefix "${config.REDIS_PREFIX}" from ${redactUrl(config.REDIS_URL)} to ${target === '-' ? 'standard output' : target}: ` +
        `${backup.units.length} units, ${backup.members.length} members, ${backup.meetings.length} meetings, ${backup.proposals.length} proposals, ` +
        `${backup.comments.length} comments, ${backup.broadcasts.length} broadcasts, ${backup.history.length} history entries`,
    );
  } catch (err) {
    fail((err as Error).message);
  } finally {
    redis.disconnect();
  }
}

await main();

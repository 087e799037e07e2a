import { TZDate } from '@date-fns/tz';
import { createI18n, isLocale, type Locale } from '#root/i18n.js';
import { createStore } from '#root/store/index.js';
import { historyCsvHeader, historyCsvRows } from '#root/views/history.js';
import { cliConfig, connectRedis, ENV_HELP, EXIT, fail, redactUrl } from '#root/cli/common.js';

const HELP = `Usage: npm run history -- export [--from DATE] [--to DATE] [--lang vi|en] > file.csv

Writes the activity log (every change recorded: who, when, what, before → after, from the
chat, the desk, a job or a tool) to standard output as CSV for Excel: UTF-8 with BOM, one
row per changed field, oldest first, texts in full. The file holds names and comment texts:
keep it as safe as the database.

  --from DATE   from this day (YYYY-MM-DD, from 00:00) or moment (YYYY-MM-DDTHH:MM)
  --to DATE     up to this day (to 23:59:59) or moment, inclusive
  --lang vi|en  the language of the headings and words (default: DEFAULT_LOCALE)

Days and moments are read in COUNCIL_TIMEZONE.

${ENV_HELP}

Exit codes: 0 done, 1 failed (Redis unreachable), 2 wrong usage or configuration.`;

/** A day or a moment in the council's zone; a day means its start (`end`: its last millisecond). */
function parseWhen(raw: string, tz: string, end: boolean): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(raw.trim());
  if (!m) return undefined;
  const [y, mo, d, hh, mm, ss] = m.slice(1).map((x) => (x === undefined ? undefined : Number(x)));
  if (mo! < 1 || mo! > 12 || d! < 1 || d! > 31) return undefined;
  const at = hh === undefined ? (end ? new TZDate(y!, mo! - 1, d!, 23, 59, 59, 999, tz) : new TZDate(y!, mo! - 1, d!, 0, 0, 0, 0, tz)) : new TZDate(y!, mo! - 1, d!, hh, mm!, ss ?? 0, end && ss === undefined ? 999 : 0, tz);
  // 31/02 rolls into March: refused rather than read as another day.
  if (at.getDate() !== d || at.getMonth() !== mo! - 1) return undefined;
  return at.getTime();
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (v === undefined || v.startsWith('--')) fail(`${name} needs a value\n\n${HELP}`, EXIT.usage);
  args.splice(i, 2);
  return v;
}

function write(s: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(s, (err) => (err ? reject(err) : resolve())));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(HELP);
    return;
  }
  const config = cliConfig();
  const tz = config.COUNCIL_TIMEZONE;
  const fromRaw = option(args, '--from');
  const toRaw = option(args, '--to');
  const langRaw = option(args, '--lang');
  if (args.length !== 1 || args[0] !== 'export') fail(`expected "export" and options\n\n${HELP}`, EXIT.usage);
  const from = fromRaw === undefined ? undefined : parseWhen(fromRaw, tz, false);
  const to = toRaw === undefined ? undefined : parseWhen(toRaw, tz, true);
  if (fromRaw !== undefined && from === undefined) fail(`--from: expected a day like 2026-05-01 or a moment like 2026-05-01T08:00, got "${fromRaw}"`, EXIT.usage);
  if (toRaw !== undefined && to === undefined) fail(`--to: expected a day like 2026-05-31 or a moment like 2026-05-31T17:00, got "${toRaw}"`, EXIT.usage);
  if (from !== undefined && to !== undefined && from > to) fail('--from is after --to', EXIT.usage);
  if (langRaw !== undefined && !isLocale(langRaw)) fail(`--lang: expected vi or en, got "${langRaw}"`, EXIT.usage);
  const locale: Locale = langRaw !== undefined && isLocale(langRaw) ? langRaw : config.DEFAULT_LOCALE;

  const i18n = createI18n(config.DEFAULT_LOCALE);
  const v = { t: (l: string, key: string, vars?: Record<string, string | number>) => i18n.t(l, key, vars), locale, tz };
  const redis = await connectRedis(config.REDIS_URL).catch((err: Error) => fail(err.message));
  try {
    const store = createStore(redis, config.REDIS_PREFIX);
    await write(historyCsvHeader(v));
    let entries = 0;
    for await (const chunk of store.history.range({ from, to })) {
      await write(historyCsvRows(v, chunk));
      entries += chunk.length;
    }
    console.error(`exported ${entries} change${entries === 1 ? '' : 's'} of prefix "${config.REDIS_PREFIX}" from ${redactUrl(config.REDIS_URL)}${fromRaw ? ` from ${fromRaw}` : ''}${toRaw ? ` to ${toRaw}` : ''}`);
  } catch (err) {
    fail((err as Error).message);
  } finally {
    redis.disconnect();
  }
}

await main();

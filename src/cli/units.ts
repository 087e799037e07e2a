import { readFile } from 'node:fs/promises';
import { createApp } from '#root/app.js';
import { importUnits } from '#root/actions/units.js';
import { isLocale, type Locale } from '#root/i18n.js';
import { createLogger } from '#root/logger.js';
import { cliConfig, connectRedis, ENV_HELP, EXIT, fail, redactUrl } from '#root/cli/common.js';
import { importReport } from '#root/views/units.js';

const HELP = `Usage: npm run units -- import <file.csv | -> [--lang vi|en]

Loads a units file into the deployment, as an administrator's /importunits does: the header
code,name,kind[,official_code], then one unit a line (e.g. ../shared/data/hanoi-2025-units.csv).
New units are created, units whose name changed are renamed, kinds and official codes are
set; group links and members are kept. Nothing is deleted: units the file does not name are
listed and left alone. A file with any bad row changes nothing; every bad row is named with
its line. The report is printed in --lang (default: DEFAULT_LOCALE).

${ENV_HELP}

Exit codes: 0 loaded, 1 not loaded (bad rows, unreadable file, Redis unreachable), 2 wrong usage or configuration.`;

/** The chat's HTML as plain text for a terminal. */
function plain(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

async function readInput(file: string): Promise<string> {
  if (file !== '-') return readFile(file, 'utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2).filter((a) => a !== '--');
  if (argv.includes('--help') || argv.includes('-h') || argv.length === 0) {
    console.log(HELP);
    process.exit(argv.length === 0 ? EXIT.usage : EXIT.ok);
  }
  const langAt = argv.indexOf('--lang');
  const lang = langAt >= 0 ? argv[langAt + 1] : undefined;
  if (langAt >= 0 && !isLocale(lang)) fail(`--lang takes vi or en\n\n${HELP}`, EXIT.usage);
  const rest = langAt >= 0 ? argv.filter((_, i) => i !== langAt && i !== langAt + 1) : argv;
  const [verb, file, ...extra] = rest;
  if (verb !== 'import' || !file || extra.length) fail(`expected: import <file.csv | ->\n\n${HELP}`, EXIT.usage);
  const config = cliConfig();
  const locale: Locale = (lang as Locale | undefined) ?? config.DEFAULT_LOCALE;

  let text: string;
  try {
    text = await readInput(file);
  } catch (err) {
    return fail(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }

  (await connectRedis(config.REDIS_URL).catch((err: Error) => fail(err.message))).disconnect();
  const level = ['debug', 'trace'].includes(config.LOG_LEVEL) ? config.LOG_LEVEL : 'warn';
  // The app's services (store, policy, translator); it is created, never started.
  const app = await createApp({ config, log: createLogger(level, { role: 'units-cli' }) });
  let code: number = EXIT.ok;
  try {
    // Whoever runs this has the deployment's shell: they act as an administrator.
    const admin = { userId: 0, role: 'admin' as const, unit: config.COUNCIL_UNIT, councilWide: true };
    const r = await importUnits(app.svc, admin, { text });
    if (!r.ok) throw new Error(app.svc.t(locale, r.refusal.code, r.refusal.vars));
    const report = plain(importReport({ t: app.svc.t, locale, tz: config.COUNCIL_TIMEZONE }, r.value));
    if (r.value.kind === 'invalid') {
      code = EXIT.failed;
      console.error(report);
    } else {
      console.log(`${file} → prefix "${config.REDIS_PREFIX}" at ${redactUrl(config.REDIS_URL)}\n${report}`);
    }
  } catch (err) {
    code = EXIT.failed;
    console.error(`error: ${(err as Error).message}`);
  } finally {
    await app.stop().catch(() => undefined);
  }
  process.exit(code);
}

await main();

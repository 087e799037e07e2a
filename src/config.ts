import { z } from 'zod';
import { parseDigestSpec } from '#root/domain/time.js';

/**
 * The one place that reads the environment. Every problem is collected and reported
 * together at start, so an operator fixes the configuration in one go.
 */
const idList = z
  .string()
  .default('')
  .transform((s, ctx) => {
    const parts = s.split(/[\s,]+/).filter(Boolean);
    const ids: number[] = [];
    for (const p of parts) {
      if (!/^\d{1,15}$/.test(p)) ctx.addIssue({ code: 'custom', message: `"${p}" is not a Telegram user id` });
      else ids.push(Number(p));
    }
    return ids;
  });

const positiveInt = (def: number) => z.coerce.number().int().positive().default(def);
/** `true`/`false` (also 1/0, yes/no) from the environment. */
const flag = (def: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'true or false' })
    .optional()
    .transform((s) => (s === undefined ? def : ['true', '1', 'yes'].includes(s)));

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Why a DIGEST_DEFAULT would be refused by /digest, in the operator's words; undefined if fine. */
function digestDefaultProblem(s: string): string | undefined {
  const r = parseDigestSpec(s);
  if (r.ok) return undefined;
  if (r.error === 'seconds') return 'a cron pattern has 5 fields (minute hour day-of-month month day-of-week), without seconds';
  if (r.error === 'often') return 'runs more than once an hour: the minute field must name exactly one minute (e.g. 0 16 * * 5)';
  return 'not a schedule: off, daily HH:MM, weekly DAY HH:MM or a 5-field cron pattern';
}

/** What a field must be in one bot mode; says so when it is missing. */
const requiredIn = (mode: string) => ({ error: (iss: { input: unknown }) => (iss.input === undefined ? `required when BOT_MODE=${mode}` : undefined) });

/**
 * How updates arrive, as a union on BOT_MODE: the webhook's URL and secret exist (and are
 * typed as present) only in webhook mode.
 */
const botModeSchema = z.discriminatedUnion(
  'BOT_MODE',
  [
    z.object({ BOT_MODE: z.literal('polling') }),
    z.object({
      BOT_MODE: z.literal('webhook'),
      WEBHOOK_URL: z.string(requiredIn('webhook')).url(),
      WEBHOOK_SECRET: z.string(requiredIn('webhook')).regex(/^[A-Za-z0-9_-]{16,256}$/, 'use 16–256 characters of A-Z a-z 0-9 _ -'),
    }),
  ],
  { error: 'polling or webhook' },
);

/**
 * How Zalo events arrive (when ZALO_BOT_TOKEN is set), as a union on ZALO_MODE: the webhook's
 * URL and secret exist, typed as present, only in webhook mode.
 */
const zaloRequired = { error: (iss: { input: unknown }) => (iss.input === undefined ? 'required when ZALO_MODE=webhook' : undefined) };
const zaloModeSchema = z.discriminatedUnion(
  'ZALO_MODE',
  [
    z.object({ ZALO_MODE: z.literal('polling') }),
    z.object({
      ZALO_MODE: z.literal('webhook'),
      ZALO_WEBHOOK_URL: z.string(zaloRequired).url(),
      ZALO_WEBHOOK_SECRET: z.string(zaloRequired).regex(/^[A-Za-z0-9_-]{8,256}$/, 'use 8–256 characters of A-Z a-z 0-9 _ -'),
    }),
  ],
  { error: 'polling or webhook' },
);

/** Stands in for BOT_TOKEN on Zalo alone; nothing calls Telegram then (TELEGRAM_ENABLED is false). */
const NO_TELEGRAM_TOKEN = '0:telegram-not-configured';

const baseSchema = z
  .object({
    /** The Telegram bot's token; may be left unset when ZALO_BOT_TOKEN is set (Zalo alone: TELEGRAM_ENABLED false). */
    BOT_TOKEN: z.string().regex(/^\d+:[\w-]{10,}$/, 'expected the token from @BotFather, like 123456:ABC-DEF…').optional(),
    /** The Zalo bot's token (from Zalo Bot Creator); unset: no Zalo side. See README, "Zalo". */
    ZALO_BOT_TOKEN: z.string().regex(/^\d+:[^\s:]{8,}$/, 'expected the token from Zalo Bot Creator, like 1459232241454765289:AbCd…').optional(),
    ZALO_API_ROOT: z
      .string()
      .url()
      .transform((s) => s.replace(/\/+$/, ''))
      .default('https://bot-api.zaloplatforms.com'),
    /** Zalo publishes no sending limits: conservative defaults, and every error makes the sender back off. */
    ZALO_SEND_PER_SEC: positiveInt(5),
    ZALO_SEND_PER_CHAT_PER_SEC: positiveInt(1),
    /** The longest pause of all Zalo sends after repeated errors (it doubles from 1 s). */
    ZALO_BACKOFF_MAX_SEC: positiveInt(60),
    /** The bot's public address (https://bot.example.org): signed, short-lived file links (/f/…) point there. */
    PUBLIC_URL: z
      .string()
      .url()
      .transform((s) => s.replace(/\/+$/, ''))
      .optional(),
    /** Signs the file links; unset: derived from the bots' tokens (a new token then voids the links given out). */
    LINK_SECRET: z.string().min(32, 'use at least 32 characters').optional(),
    /** How long a file link works. */
    LINK_TTL_SEC: positiveInt(86_400),
    REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
    REDIS_PREFIX: z.string().regex(/^[\w-]{1,32}$/).default('gb'),
    TELEGRAM_API_ROOT: z.string().url().default('https://api.telegram.org'),
    ADMIN_IDS: idList,
    HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
    HTTP_HOST: z.string().default('0.0.0.0'),
    /** When set, /metrics and /readyz answer only `Authorization: Bearer <OPS_TOKEN>`. */
    OPS_TOKEN: z
      .string()
      .regex(/^[A-Za-z0-9._~+/=-]{16,256}$/, 'use 16–256 characters of A-Z a-z 0-9 . _ ~ + / = -')
      .optional(),
    /** When set, /metrics, /readyz and the queue dashboard move to a second server on OPS_HOST:OPS_PORT. */
    OPS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    /** Where the operations server listens (127.0.0.1 when unset); only with OPS_PORT. */
    OPS_HOST: z.string().min(1).optional(),
    COUNCIL_UNIT: z.string().regex(/^[A-Z0-9]{1,10}$/, 'a unit code such as TP').default('TP'),
    /**
     * The council's own name, without its kind: «Hà Nội». Texts, summaries and documents say
     * «HĐND thành phố Hà Nội» (or «HĐND tỉnh …») from it and COUNCIL_KIND.
     */
    COUNCIL_NAME: z
      .string()
      .trim()
      .min(1)
      .max(60)
      .refine((s) => !/^(hđnd|hdnd|hội đồng|hoi dong|thành phố|thanh pho|tỉnh|tinh)(\s|$)/i.test(s), 'the name alone, such as Hà Nội (COUNCIL_KIND gives thành phố or tỉnh)')
      .default('Hà Nội'),
    /** `thanhpho` (a centrally-run city: «HĐND thành phố Hà Nội») or `tinh` (a province: «HĐND tỉnh …»). */
    COUNCIL_KIND: z.enum(['thanhpho', 'tinh'], { error: 'thanhpho or tinh' }).default('thanhpho'),
    /** Where official documents are dated: "Hà Nội, ngày 25 tháng 10 năm 2021"; COUNCIL_NAME when unset. */
    COUNCIL_PLACE: z.string().trim().min(1).optional(),
    /** The report's number line: `Số:      /BC-HĐND` (the office fills in the number at issue, or /report gives it). */
    REPORT_NUMBER_SUFFIX: z.string().trim().regex(/^[\p{L}\d.-]{1,20}$/u, 'letters, digits, . or - (e.g. HĐND)').default('HĐND'),
    /** Who signs the report for the standing committee, unless /report names someone (`ký: PHÓ CHỦ TỊCH, Nguyễn Văn A`). */
    REPORT_SIGNER_TITLE: z.string().trim().min(1).max(60).default('CHỦ TỊCH'),
    /** The signer's name under the signature; unset: the space is left for it. */
    REPORT_SIGNER_NAME: z.string().trim().min(1).max(60).optional(),
    COUNCIL_TIMEZONE: z.string().refine(isTimeZone, 'not an IANA time zone such as Asia/Ho_Chi_Minh').default('Asia/Ho_Chi_Minh'),
    DEFAULT_LOCALE: z.enum(['vi', 'en']).default('vi'),
    /** Telegram's documented limits; raise SEND_GLOBAL_PER_SEC only with paid broadcasts enabled. */
    SEND_GLOBAL_PER_SEC: positiveInt(30),
    SEND_PRIVATE_PER_SEC: positiveInt(1),
    SEND_GROUP_PER_MIN: positiveInt(20),
    SEND_GROUP_EDITS_PER_MIN: positiveInt(20),
    SEND_CONCURRENCY: positiveInt(100),
    /** A Bot API call that takes longer is abandoned and retried (the sent record stops most repeats). */
    API_TIMEOUT_SEC: positiveInt(30),
    TASK_CONCURRENCY: positiveInt(16),
    /** How long a crashed worker's jobs stay locked before another worker takes them over. */
    JOB_LOCK_MS: positiveInt(30_000),
    FLOOD_LIMIT: positiveInt(10),
    FLOOD_WINDOW_SEC: positiveInt(10),
    /** Comments one person may record on one proposal (withdrawn ones included: they are kept); more are refused, naming it. */
    COMMENTS_PER_PERSON_MAX: positiveInt(50),
    INVITE_DEFAULT_DAYS: positiveInt(7),
    /** Summary schedule of a linked group until its secretary sets one with /digest; same rules as /digest. */
    DIGEST_DEFAULT: z
      .string()
      .superRefine((s, ctx) => {
        const problem = digestDefaultProblem(s);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .default('weekly fri 16:00'),
    /** /summary asked again in a group within this many seconds points to the one just posted; 0 turns that off. */
    SUMMARY_COOLDOWN_SEC: z.coerce.number().int().min(0).default(300),
    /** A scheduled summary is skipped when its group's sends are already booked further ahead than this. */
    BACKLOG_SKIP_SEC: positiveInt(120),
    /** The queue dashboard at /admin/queues, behind basic auth; off unless both are set. */
    BULL_BOARD_USER: z.string().min(1).optional(),
    BULL_BOARD_PASSWORD: z.string().min(12, 'use at least 12 characters').optional(),
    /** The desk's public base URL (https://bot.example.org): links and the Mini App point to `${DESK_URL}/desk/`; unset: /desk answers that the desk is not set up. */
    DESK_URL: z
      .string()
      .url()
      .refine((s) => /^https?:\/\/[^/?#]+\/?$/.test(s), 'the address alone, such as https://bot.example.org (the desk is served at /desk/ under it)')
      .transform((s) => s.replace(/\/+$/, ''))
      .optional(),
    /** The desk's session cookie is Secure (HTTPS only); `false` only for a local demo over http. */
    DESK_COOKIE_SECURE: flag(true),
    /** A desk session ends this long after it was opened. */
    DESK_SESSION_TTL_SEC: positiveInt(8 * 3600),
    /** A one-time login link from /desk works once, within this time. */
    DESK_LINK_TTL_SEC: positiveInt(600),
    /** Mini App init data signed longer ago than this is refused. */
    DESK_INIT_DATA_MAX_AGE_SEC: positiveInt(86_400),
    /** Behind a reverse proxy: take the client's address from X-Forwarded-For (for the login rate limits). */
    DESK_TRUST_PROXY: flag(false),
    /** Sign-in attempts (link or Mini App) one address may make in 10 minutes before 429. */
    DESK_LOGIN_PER_ADDRESS: positiveInt(30),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    ROLE: z.enum(['all', 'bot', 'worker']).default('all'),
  })
  .transform((c) => ({ ...c, COUNCIL_PLACE: c.COUNCIL_PLACE ?? c.COUNCIL_NAME }));

export type Config = Omit<z.output<typeof baseSchema>, 'BOT_TOKEN'> &
  z.output<typeof botModeSchema> &
  z.output<typeof zaloModeSchema> & {
    /** The token, or a placeholder on Zalo alone. */
    BOT_TOKEN: string;
    /** BOT_TOKEN was given: the Telegram side runs. */
    TELEGRAM_ENABLED: boolean;
  };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Empty strings count as unset, as they do in .env files and compose `environment:` lists. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  // Both parts are checked whatever the other says, so every problem is listed at once.
  const base = baseSchema.safeParse(cleaned);
  const mode = botModeSchema.safeParse({ BOT_MODE: 'polling', ...cleaned });
  const zaloMode = zaloModeSchema.safeParse({ ZALO_MODE: 'polling', ...cleaned });
  const problems = [base, mode, zaloMode].flatMap((r) => (r.success ? [] : r.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`)));
  if (base.success && base.data.OPS_PORT !== undefined && base.data.OPS_PORT !== 0 && base.data.OPS_PORT === base.data.HTTP_PORT) {
    problems.push('OPS_PORT: must differ from HTTP_PORT (the operations server is a second server)');
  }
  if (cleaned.OPS_HOST && cleaned.OPS_PORT === undefined) problems.push('OPS_PORT: required when OPS_HOST is set');
  if (!cleaned.BOT_TOKEN && !cleaned.ZALO_BOT_TOKEN) problems.push('BOT_TOKEN: required (or ZALO_BOT_TOKEN, to run on Zalo alone)');
  if (base.success && mode.success && zaloMode.success && problems.length === 0) {
    return { ...base.data, ...mode.data, ...zaloMode.data, BOT_TOKEN: base.data.BOT_TOKEN ?? NO_TELEGRAM_TOKEN, TELEGRAM_ENABLED: base.data.BOT_TOKEN !== undefined };
  }
  throw new ConfigError(problems);
}

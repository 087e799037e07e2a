/**
 * Broadcast throughput: one notice to 100 unit groups and 900 delegates (1000 recipients)
 * through the real bot and workers against the Bot API emulator enforcing Telegram's limits,
 * compared with the theoretical minimum (the global limit binds: 1000 sends at 30/s) and
 * with a plain grammY loop with auto-retry over the same recipients.
 *
 * A second scenario, a small notice (300 groups and 100 delegates) with every call answered
 * 50 ms late, shows what fixed costs (the fan-out after Send, round trips) add when the
 * notice itself is short.
 */
import { autoRetry } from '@grammyjs/auto-retry';
import { Bot } from 'grammy';
import type { Chat, User } from 'grammy/types';
import { BotApiEmulator, TELEGRAM_LIMITS, type ApiCall } from '#test/support/emulator.js';
import { REAL_LIMITS, startHarness, type Harness } from '#test/support/harness.js';
import type { RedisServer } from '#test/support/redis.js';
import { mb, percentile, privateRedis, ratio, sampleEventLoop, sampleMemory, sleep, type Result, type Row, type Target } from './support.js';

const UNITS = 100;
const DELEGATES = 900;
const RECIPIENTS = UNITS + DELEGATES;
/** The small notice: 400 recipients, every Bot API call answered this late. */
const SMALL = { units: 300, delegates: 100, latencyMs: 50 };
const DELIVERY_TIMEOUT_MS = 60_000;
const REPORT_TIMEOUT_MS = 60_000;
/** `BENCH_SCALES=1` runs only the ×1 scenarios (while investigating); default ×1 and ×10. */
const SCALES = (process.env.BENCH_SCALES ?? '1,10').split(',').map(Number).filter((n) => n > 0);

interface World {
  secretary: User;
  groups: Chat[];
  delegates: User[];
  recipients: number[];
}

interface Measured {
  wallMs: number;
  errors429: number;
  duplicates: number;
  losses: number;
  /** From the start signal to the first copy. */
  firstMs: number;
  /** Gaps between consecutive copies (ms). */
  gaps: number[];
  peakRssBytes: number;
  loop: { p99Ms: number; maxMs: number };
  /** When the 429s came, ms after the start signal. */
  at429: number[];
  what429: string[];
  report?: string;
  /** What became of the deliveries that never arrived (BullMQ state of their jobs). */
  lostJobs?: string;
  /** Edits of the secretary's control message that landed before the last copy (live progress). */
  progressEditsDuring?: number;
  /** From the last copy to the final report on the control message. */
  reportAfterMs?: number;
  /** Every edit of the control message after the last copy, before the report. */
  editsAfter?: number;
}

/** How many groups and delegates a notice goes to, and how late the emulator answers. */
interface Size {
  units: number;
  delegates: number;
  latencyMs?: number;
}

const FULL: Size = { units: UNITS, delegates: DELEGATES };

/** The same people and chats in any emulator: a secretary, `units` groups with the bot, `delegates` delegates. */
function createPeople(emu: BotApiEmulator, size: Size = FULL): World {
  const secretary = emu.user({ first_name: 'Thư ký', last_name: 'Thành phố', privateOpen: true });
  const groups: Chat[] = [];
  for (let i = 1; i <= size.units; i++) groups.push(emu.group({ title: `Thường trực HĐND đơn vị U${i}` }));
  const delegates: User[] = [];
  for (let i = 1; i <= size.delegates; i++) delegates.push(emu.user({ first_name: 'Đại biểu', last_name: String(i), privateOpen: true }));
  return { secretary, groups, delegates, recipients: [...groups.map((g) => g.id), ...delegates.map((d) => d.id)] };
}

/**
 * Counts successful copies of one source message per chat, from the emulator's 'call'
 * events (O(1) per call, so watching costs the measured system nothing noticeable).
 */
function watchCopies(emu: BotApiEmulator, recipients: number[], source: { chatId: number; messageId: number }) {
  const wanted = new Set(recipients);
  const copies = new Map<number, number>();
  const times: number[] = [];
  const at429: number[] = [];
  let last = 0;
  const what429: string[] = [];
  const onCall = (c: ApiCall) => {
    if (c.error_code === 429) {
      at429.push(c.at);
      what429.push(`${c.method}→${c.chatId === undefined ? '?' : c.chatId < 0 ? 'group' : 'private'}`);
    }
    if (c.method !== 'copyMessage' || !c.ok || c.chatId === undefined || !wanted.has(c.chatId)) return;
    if (Number(c.params.from_chat_id) !== source.chatId || Number(c.params.message_id) !== source.messageId) return;
    copies.set(c.chatId, (copies.get(c.chatId) ?? 0) + 1);
    times.push(c.at);
    last = Math.max(last, c.at);
  };
  emu.on('call', onCall);
  return {
    reached: () => copies.size,
    missing: () => recipients.filter((id) => !copies.has(id)),
    what429: () => what429,
    allReached: () => copies.size === wanted.size,
    stop: () => emu.off('call', onCall),
    summary(t0: number) {
      let duplicates = 0;
      let losses = 0;
      for (const id of wanted) {
        const n = copies.get(id) ?? 0;
        if (n === 0) losses++;
        else duplicates += n - 1;
      }
      const sorted = [...times].sort((a, b) => a - b);
      const gaps = sorted.slice(1).map((t, i) => t - sorted[i]!);
      return { wallMs: last - t0, duplicates, losses, firstMs: (sorted[0] ?? t0) - t0, gaps, at429: at429.map((t) => t - t0), what429 };
    },
  };
}

/** The app configuration for the emulator's limits scaled by `scale`. */
function appLimits(scale: number): Record<string, string> {
  if (scale === 1) return { ...REAL_LIMITS };
  return {
    SEND_GLOBAL_PER_SEC: String(TELEGRAM_LIMITS.globalPerSec * scale),
    SEND_PRIVATE_PER_SEC: String(TELEGRAM_LIMITS.privatePerSec * scale),
    SEND_GROUP_PER_MIN: String(TELEGRAM_LIMITS.groupPerMin * scale),
    SEND_GROUP_EDITS_PER_MIN: String(TELEGRAM_LIMITS.groupEditsPerMin * scale),
  };
}

/** Giao Ban itself: bot and workers in this process, a fresh emulator and key prefix. */
async function giaoBan(redis: RedisServer, scale: number, size: Size = FULL): Promise<Measured> {
  const recipients = size.units + size.delegates;
  const emu = await BotApiEmulator.start({ limits: TELEGRAM_LIMITS, scale, ...(size.latencyMs ? { latencyMs: size.latencyMs } : {}) });
  let h: Harness | undefined;
  try {
    // Set-up sends nothing that should count, and must not be slowed by the limits.
    emu.setLimits(false);
    h = await startHarness({ emu, redisUrl: redis.url, env: { ...appLimits(scale), FLOOD_LIMIT: '100000', LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent' } });
    const { store } = h.app.svc;
    const w = createPeople(emu, size);
    await store.units.upsert('TP', 'HĐND Thành phố Hà Nội');
    await store.members.put({ id: w.secretary.id, name: 'Thư ký Thành phố', role: 'secretary', unit: 'TP', joinedAt: Date.now(), invitedBy: 1 });
    for (const [i, g] of w.groups.entries()) {
      const code = `U${i + 1}`;
      await store.units.upsert(code, `Đơn vị ${code}`);
      // Linked before the bot joins, so the bot recognises the group and does not greet it.
      await store.units.linkGroup(code, { id: g.id, title: ('title' in g ? g.title : undefined) ?? code }, w.secretary.id);
      emu.addBotToGroup(g, w.secretary);
    }
    for (const [i, d] of w.delegates.entries()) {
      await store.members.put({ id: d.id, name: `Đại biểu ${i + 1}`, role: 'delegate', unit: `U${(i % size.units) + 1}`, joinedAt: Date.now(), invitedBy: 1 });
    }
    await h.settle();

    // Draft (not measured): the notice, then /thongbao tatca replying to it.
    const notice = emu.sendText(w.secretary, 'private', `Thông báo: họp Thường trực mở rộng (×${scale})`);
    const control = await h.ask(w.secretary, 'private', '/thongbao tatca', { replyTo: notice.message_id });
    const id = /mã (B\d+)/.exec(control.text ?? '')?.[1];
    if (!id) throw new Error(`no broadcast drafted; the bot said: ${control.text}`);
    await h.settle();

    // Limits on; the per-chat windows of anything sent during set-up are clear after this wait.
    emu.setLimits(TELEGRAM_LIMITS, scale);
    await sleep(3200);

    const watch = watchCopies(emu, w.recipients, { chatId: w.secretary.id, messageId: notice.message_id });
    const controlEdits: number[] = [];
    const onEdit = (c: ApiCall) => {
      if (c.method === 'editMessageText' && c.ok && c.chatId === w.secretary.id && Number(c.params.message_id) === control.message_id) controlEdits.push(c.at);
    };
    emu.on('call', onEdit);
    const before429 = emu.stats().errors429;
    const memory = sampleMemory();
    const loop = sampleEventLoop();
    const t0 = Date.now();
    const pressed = emu.pressButton(w.secretary, control.raw, `bc:send:${id}`);
    let lostJobs: string | undefined;
    try {
      await emu.waitFor(() => watch.allReached(), { timeout: DELIVERY_TIMEOUT_MS, what: `${recipients} recipients reached` });
    } catch (err) {
      console.error(`  ${(err as Error).message.split(';')[0]} — reached ${watch.reached()}/${recipients}`);
      const states = await Promise.all(
        watch.missing().map(async (chatId) => {
          const job = await h!.app.queues.deliver.getJob(`${id}_${chatId}`);
          return job ? `${await job.getState()} (due in ${((job.timestamp + job.delay - Date.now()) / 1000).toFixed(1)} s)` : 'no job';
        }),
      );
      const counts = await h.app.queues.deliver.getJobCounts('waiting', 'active', 'delayed', 'failed');
      lostJobs = `deliver queue ${JSON.stringify(counts)}; the missing recipients' jobs: ${states.join(', ')}`;
    }
    const peak = memory();
    const loopDelay = loop();
    await pressed;
    let report: string | undefined;
    let reportAt: number | undefined;
    try {
      const m = await emu.waitFor(
        () => emu.botMessages(w.secretary.id).find((x) => x.message_id === control.message_id && /^(✅|🛑)/.test(x.text ?? '')),
        { timeout: watch.allReached() ? REPORT_TIMEOUT_MS : 5_000, what: 'delivery report' },
      );
      report = m.text;
      reportAt = Date.now();
      await h.settle();
    } catch (err) {
      console.error(`  ${(err as Error).message.split(';')[0]}`);
    }
    watch.stop();
    emu.off('call', onEdit);
    const summary = watch.summary(t0);
    const lastCopy = t0 + summary.wallMs;
    // The first edit (0/N, from the Send button's handler) is not progress.
    const progressEditsDuring = controlEdits.filter((t) => t > t0 && t <= lastCopy).length - 1;
    return {
      ...summary,
      errors429: emu.stats().errors429 - before429,
      peakRssBytes: peak.rssMax,
      loop: loopDelay,
      ...(lostJobs ? { lostJobs } : {}),
      progressEditsDuring,
      editsAfter: controlEdits.filter((t) => t > lastCopy).length,
      ...(report && reportAt ? { report, reportAfterMs: reportAt - lastCopy } : {}),
    };
  } finally {
    await h?.stop().catch((err: Error) => console.error(`  harness stop: ${err.message}`));
    await emu.close();
  }
}

/** The baseline: a plain grammY loop with auto-retry, one copy after another. */
async function baseline(scale: number): Promise<Measured> {
  const emu = await BotApiEmulator.start({ limits: TELEGRAM_LIMITS, scale });
  try {
    const w = createPeople(emu);
    for (const g of w.groups) emu.addBotToGroup(g, w.secretary);
    const source = emu.sendText(w.secretary, 'private', `Thông báo: họp Thường trực mở rộng (×${scale})`);
    const bot = new Bot(emu.token, { client: { apiRoot: emu.apiRoot }, botInfo: emu.botInfo });
    bot.api.config.use(autoRetry());
    await sleep(1100); // nothing was sent, but keep the start conditions of the Giao Ban run

    const watch = watchCopies(emu, w.recipients, { chatId: source.chat.id, messageId: source.message_id });
    const before429 = emu.stats().errors429;
    const memory = sampleMemory();
    const loop = sampleEventLoop();
    const t0 = Date.now();
    for (const chatId of w.recipients) {
      try {
        await bot.api.copyMessage(chatId, source.chat.id, source.message_id);
      } catch {
        // a loss: counted from the emulator's side below
      }
    }
    const peak = memory();
    const loopDelay = loop();
    watch.stop();
    return { ...watch.summary(t0), errors429: emu.stats().errors429 - before429, peakRssBytes: peak.rssMax, loop: loopDelay };
  } finally {
    await emu.close();
  }
}

/** The sent/total figures of "… tới 1.000/1.000 người nhận." as numbers. */
function reportedCounts(report: string): number[] {
  const m = /(\S+)\/(\S+) /.exec(report);
  return m ? [m[1]!, m[2]!].map((s) => Number(s.replace(/[.,\u00a0\u202f]/g, ''))) : [];
}

function describe(label: string, m: Measured, scale: number, recipients = RECIPIENTS): Row {
  const gapP50 = percentile(m.gaps, 50);
  const gapP99 = percentile(m.gaps, 99);
  return {
    scenario: label,
    wallS: m.wallMs / 1000,
    minS: recipients / (TELEGRAM_LIMITS.globalPerSec * scale),
    errors429: m.errors429,
    duplicates: m.duplicates,
    losses: m.losses,
    extra: {
      'first copy ms': String(m.firstMs),
      'gap p50/p99 ms': `${gapP50}/${gapP99}`,
      'loop delay p99/max ms': `${m.loop.p99Ms.toFixed(0)}/${m.loop.maxMs.toFixed(0)}`,
      'peak RSS MB': mb(m.peakRssBytes),
    },
  };
}

export async function run(): Promise<Result> {
  const redis = await privateRedis();
  const rows: Row[] = [];
  const targets: Target[] = [];
  const notes: string[] = [];
  try {
    for (const scale of SCALES) {
      const x = `×${scale}`;
      console.log(`  broadcast ${x}: Giao Ban…`);
      const gb = await giaoBan(redis, scale);
      console.log(`  broadcast ${x}: baseline (grammY loop + autoRetry)…`);
      const base = await baseline(scale);
      const gbRow = describe(`Giao Ban ${x}`, gb, scale);
      const baseRow = describe(`grammY loop + autoRetry ${x}`, base, scale);
      gbRow.extra = { 'vs baseline': `${(gb.wallMs / base.wallMs).toFixed(3)}`, ...gbRow.extra };
      baseRow.extra = { 'vs baseline': '1.000', ...baseRow.extra };
      rows.push(gbRow, baseRow);
      notes.push(
        `Giao Ban ${x}: report "${gb.report ?? `(none within ${REPORT_TIMEOUT_MS / 1000} s)`}"` +
          (gb.reportAfterMs !== undefined ? ` ${(gb.reportAfterMs / 1000).toFixed(1)} s after the last copy` : '') +
          `; progress edits of the control message during delivery: ${gb.progressEditsDuring}, after the last copy: ${gb.editsAfter}`,
      );
      if (gb.at429.length) notes.push(`Giao Ban ${x}: 429s at ${gb.at429.map((t, i) => `${(t / 1000).toFixed(2)} s (${gb.what429[i]})`).join(', ')} after Send`);
      if (gb.lostJobs) notes.push(`Giao Ban ${x}: not delivered within ${DELIVERY_TIMEOUT_MS / 1000} s: ${gb.lostJobs}`);

      const limit = scale === 1 ? 1.1 : 1.25;
      targets.push(
        { name: `${x} wall time within ${limit.toFixed(2)}× the minimum`, met: ratio(gbRow) <= limit, detail: `${ratio(gbRow).toFixed(3)}× (${gbRow.wallS.toFixed(2)} s vs ${gbRow.minS.toFixed(2)} s)` },
        { name: `${x} no 429`, met: gb.errors429 === 0, detail: String(gb.errors429) },
        { name: `${x} no duplicates`, met: gb.duplicates === 0, detail: String(gb.duplicates) },
        { name: `${x} no losses`, met: gb.losses === 0, detail: String(gb.losses) },
        {
          name: `${x} report says ${RECIPIENTS}/${RECIPIENTS}`,
          // Fluent formats numbers for the locale: 1000 is "1.000" in Vietnamese.
          met: /^✅ .* (\S+)\/(\S+) /.test(gb.report ?? '') && reportedCounts(gb.report!).every((n) => n === RECIPIENTS),
          detail: gb.report ?? 'no report',
        },
      );
    }
    if (SCALES.includes(1)) {
      // The small notice: counted from the Send press, so the fan-out before the first copy counts.
      const n = SMALL.units + SMALL.delegates;
      const label = `small notice (${SMALL.units} groups + ${SMALL.delegates} delegates), ${SMALL.latencyMs} ms latency, ×1`;
      console.log(`  broadcast ${label}: Giao Ban…`);
      const small = await giaoBan(redis, 1, SMALL);
      const row = describe(label, small, 1, n);
      rows.push(row);
      notes.push(
        `Small notice: first copy ${small.firstMs} ms after Send; report "${small.report ?? `(none within ${REPORT_TIMEOUT_MS / 1000} s)`}"` +
          (small.reportAfterMs !== undefined ? ` ${(small.reportAfterMs / 1000).toFixed(1)} s after the last copy` : ''),
      );
      if (small.at429.length) notes.push(`Small notice: 429s at ${small.at429.map((t, i) => `${(t / 1000).toFixed(2)} s (${small.what429[i]})`).join(', ')} after Send`);
      if (small.lostJobs) notes.push(`Small notice: not delivered within ${DELIVERY_TIMEOUT_MS / 1000} s: ${small.lostJobs}`);
      targets.push(
        { name: `small notice, ${SMALL.latencyMs} ms latency: within 1.10× the minimum from Send`, met: ratio(row) <= 1.1, detail: `${ratio(row).toFixed(3)}× (${row.wallS.toFixed(2)} s vs ${row.minS.toFixed(2)} s; first copy ${small.firstMs} ms)` },
        { name: 'small notice: no 429, duplicates or losses', met: small.errors429 + small.duplicates + small.losses === 0, detail: `${small.errors429} × 429, ${small.duplicates} duplicates, ${small.losses} lost` },
        {
          name: `small notice: report says ${n}/${n}`,
          met: /^✅ .* (\S+)\/(\S+) /.test(small.report ?? '') && reportedCounts(small.report!).every((x) => x === n),
          detail: small.report ?? 'no report',
        },
      );
    }
  } finally {
    await redis.stop();
  }
  return { name: 'broadcast: 1000 recipients (100 groups + 900 delegates); a small notice of 400 with 50 ms latency', rows, targets, notes };
}

/**
 * Comment intake in webhook mode: 10,000 `/gopy DA-01 #n …` messages from 1,000 delegates
 * (in private, ten each), pushed by the Bot API emulator to the app's webhook with 64
 * deliveries in flight, no flood limits. Measured: wall time until every acknowledgement
 * ("✅ Đã ghi nhận ý kiến C…", a reply to the comment) reached the emulator, throughput,
 * and per-update time from the push to its acknowledgement. The baseline, in the same run:
 * a bare grammY webhook bot that only replies "ok", on a fresh emulator, same updates.
 *
 * Updates are pushed in a closed loop: the emulator's queue is topped up to the
 * webhook concurrency whenever an update is accepted, so each bot runs as fast as it can
 * without a backlog of thousands inflating the latencies (they then measure handling, not
 * queueing behind 10,000 updates pushed at once).
 */
import { createServer, type Server } from 'node:http';
import { Bot, webhookCallback } from 'grammy';
import type { User } from 'grammy/types';
import { BotApiEmulator, type ApiCall } from '#test/support/emulator.js';
import { startHarness, type Harness } from '#test/support/harness.js';
import { freePort, type RedisServer } from '#test/support/redis.js';
import { mb, percentile, privateRedis, sampleEventLoop, sampleMemory, sleep, type Result, type Row, type Target } from './support.js';

const DELEGATES = 1000;
const UNITS = 10;
const UPDATES = Number(process.env.BENCH_INTAKE_UPDATES ?? 10_000);
const CONCURRENCY = 64;
const BACKLOG = CONCURRENCY;
const SECTIONS = ['1', '2', '3', '4', '5', '6'];
const SECRET = 'bench-webhook-secret-0123456789';
const TIMEOUT_MS = 180_000;
const TARGET_RATIO = 0.6;

interface Measured {
  wallMs: number;
  acked: number;
  duplicates: number;
  latencies: number[];
  rejected: number;
  peakRssBytes: number;
  loop: { p99Ms: number; maxMs: number };
  /** Webhook deliveries answered with anything but 2xx. */
  non2xx: number;
}

function commentText(k: number): string {
  return `/gopy DA-01 #${SECTIONS[k % SECTIONS.length]} Ý kiến số ${k + 1}: đề nghị làm rõ trách nhiệm giám sát của Thường trực HĐND cấp huyện, bổ sung số liệu tại phụ lục kèm theo dự thảo.`;
}

/**
 * Pushes `total` updates (delegate k % n, in turn) keeping at most BACKLOG queued, and
 * collects the acknowledgements (`isAck` on the reply's text) by the message they answer.
 */
async function drive(emu: BotApiEmulator, delegates: User[], total: number, isAck: (text: string) => boolean): Promise<Measured> {
  const pushedAt = new Map<string, number>();
  const ackAt = new Map<string, number>();
  let duplicates = 0;
  let rejected = 0;
  let lastAck = 0;
  const onCall = (c: ApiCall) => {
    if (c.method !== 'sendMessage' || c.chatId === undefined || c.chatId < 0) return;
    const rp = c.params.reply_parameters as { message_id?: unknown } | undefined;
    const key = `${c.chatId}:${Number(rp?.message_id)}`;
    if (!c.ok || !isAck(String(c.params.text ?? '')) || !pushedAt.has(key)) {
      rejected++;
      return;
    }
    if (ackAt.has(key)) duplicates++;
    else {
      ackAt.set(key, c.at);
      lastAck = Math.max(lastAck, c.at);
    }
  };
  let next = 0;
  let feeding = false;
  const feed = () => {
    if (feeding) return;
    feeding = true;
    try {
      while (next < total && emu.pendingUpdates() < BACKLOG) {
        const k = next++;
        const from = delegates[k % delegates.length]!;
        const at = Date.now();
        const msg = emu.sendText(from, 'private', commentText(k));
        pushedAt.set(`${msg.chat.id}:${msg.message_id}`, at);
      }
    } finally {
      feeding = false;
    }
  };
  const deliveriesBefore = emu.webhookDeliveries.length;
  emu.on('call', onCall);
  emu.on('change', feed);
  const memory = sampleMemory();
  const loop = sampleEventLoop();
  const t0 = Date.now();
  feed();
  try {
    await emu.waitFor(() => ackAt.size >= total, { timeout: TIMEOUT_MS, what: `${total} acknowledgements` });
  } catch (err) {
    console.error(`  ${(err as Error).message.split(';')[0]} — acknowledged ${ackAt.size}/${total}`);
  }
  const peak = memory();
  const loopDelay = loop();
  await sleep(500); // a late duplicate would show here
  emu.off('change', feed);
  emu.off('call', onCall);
  const latencies = [...ackAt].map(([key, at]) => at - pushedAt.get(key)!);
  return {
    wallMs: lastAck - t0,
    acked: ackAt.size,
    duplicates,
    latencies,
    rejected,
    peakRssBytes: peak.rssMax,
    loop: loopDelay,
    non2xx: emu.webhookDeliveries.slice(deliveriesBefore).filter((d) => d.status < 200 || d.status >= 300).length,
  };
}

function people(emu: BotApiEmulator): User[] {
  return Array.from({ length: DELEGATES }, (_, i) => emu.user({ first_name: 'Đại biểu', last_name: String(i + 1), privateOpen: true }));
}

/** Giao Ban in webhook mode, bot and workers in this process. */
async function giaoBan(redis: RedisServer): Promise<Measured & { stored: number; active: number }> {
  const emu = await BotApiEmulator.start({ webhookConcurrency: CONCURRENCY });
  let h: Harness | undefined;
  try {
    const port = await freePort();
    h = await startHarness({
      emu,
      redisUrl: redis.url,
      env: {
        BOT_MODE: 'webhook',
        WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/hook`,
        WEBHOOK_SECRET: SECRET,
        HTTP_PORT: String(port),
        FLOOD_LIMIT: '1000000',
        LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
      },
    });
    const { store } = h.app.svc;
    const delegates = people(emu);
    for (let i = 1; i <= UNITS; i++) await store.units.upsert(`U${i}`, `Đơn vị U${i}`);
    for (let i = 0; i < DELEGATES; i += 100) {
      await Promise.all(
        delegates.slice(i, i + 100).map(async (d, j) => {
          const n = i + j + 1;
          await store.members.put({ id: d.id, name: `Đại biểu ${n}`, role: 'delegate', unit: `U${((n - 1) % UNITS) + 1}`, joinedAt: Date.now(), invitedBy: 1 });
          // They have talked to the bot before: their first comment is not their first message.
          await store.members.markPrivateOpen(d.id, `Đại biểu ${n}`);
        }),
      );
    }
    const now = Date.now();
    await store.proposals.create({
      v: 1,
      code: 'DA-01',
      title: 'Nâng cao năng lực, hiệu lực, hiệu quả hoạt động của HĐND các cấp giai đoạn 2021 – 2026',
      sections: SECTIONS,
      deadline: now + 7 * 86_400_000,
      units: 'all',
      version: 1,
      createdBy: 1,
      createdAt: now,
    });
    await h.settle();

    const m = await drive(emu, delegates, UPDATES, (t) => /^✅ Đã ghi nhận ý kiến C\d+ /.test(t));
    await h.settle();
    const stored = await store.redis.zcard(store.keys.proposal('DA-01:comments'));
    const counts = await store.proposals.counts('DA-01');
    return { ...m, stored, active: counts.active ?? 0 };
  } finally {
    await h?.stop().catch((err: Error) => console.error(`  harness stop: ${err.message}`));
    await emu.close();
  }
}

/** A bare grammY webhook bot that only replies, on its own emulator with the same settings. */
async function bare(total: number): Promise<Measured> {
  const emu = await BotApiEmulator.start({ webhookConcurrency: CONCURRENCY });
  let server: Server | undefined;
  try {
    const delegates = people(emu);
    const bot = new Bot(emu.token, { client: { apiRoot: emu.apiRoot }, botInfo: emu.botInfo });
    bot.on('message', (ctx) => ctx.reply('ok', { reply_parameters: { message_id: ctx.msg.message_id } }));
    const port = await freePort();
    server = createServer(webhookCallback(bot, 'http', { secretToken: SECRET }));
    await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    await bot.api.setWebhook(`http://127.0.0.1:${port}/`, { secret_token: SECRET });
    return await drive(emu, delegates, total, (t) => t === 'ok');
  } finally {
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((r) => server!.close(() => r()));
    }
    await emu.close();
  }
}

function describe(label: string, m: Measured, bareWallMs: number): Row {
  return {
    scenario: label,
    wallS: m.wallMs / 1000,
    minS: bareWallMs / 1000,
    errors429: 0,
    duplicates: m.duplicates,
    losses: UPDATES - m.acked,
    extra: {
      'updates/s': (m.acked / (m.wallMs / 1000)).toFixed(0),
      'ack p50/p99 ms': `${percentile(m.latencies, 50)}/${percentile(m.latencies, 99)}`,
      'ack max ms': String(m.latencies.length ? Math.max(...m.latencies) : Number.NaN),
      'loop delay p99/max ms': `${m.loop.p99Ms.toFixed(0)}/${m.loop.maxMs.toFixed(0)}`,
      'peak RSS MB': mb(m.peakRssBytes),
    },
  };
}

export async function run(): Promise<Result> {
  const redis = await privateRedis();
  try {
    // Warms up the emulator and grammY's code paths shared by both runs (not measured).
    console.log('  intake: warm-up (bare bot, 2,000 updates)…');
    await bare(2000);
    console.log(`  intake: Giao Ban, ${UPDATES} updates…`);
    const gb = await giaoBan(redis);
    console.log(`  intake: bare grammY webhook bot, ${UPDATES} updates…`);
    const base = await bare(UPDATES);

    const gbRate = gb.acked / (gb.wallMs / 1000);
    const baseRate = base.acked / (base.wallMs / 1000);
    const ratio = gbRate / baseRate;
    const rows = [describe('Giao Ban (webhook)', gb, base.wallMs), describe('bare grammY webhook bot', base, base.wallMs)];
    rows[0]!.extra = { '× bare throughput': ratio.toFixed(3), ...rows[0]!.extra };
    rows[1]!.extra = { '× bare throughput': '1.000', ...rows[1]!.extra };
    const targets: Target[] = [
      { name: `throughput at least ${TARGET_RATIO}× the bare bot's`, met: ratio >= TARGET_RATIO, detail: `${ratio.toFixed(3)}× (${gbRate.toFixed(0)} vs ${baseRate.toFixed(0)} updates/s)` },
      { name: `all ${UPDATES} acknowledged once`, met: gb.acked === UPDATES && gb.duplicates === 0, detail: `${gb.acked} acknowledged, ${gb.duplicates} twice` },
      { name: `${UPDATES} comments stored, counts say active=${UPDATES}`, met: gb.stored === UPDATES && gb.active === UPDATES, detail: `${gb.stored} stored, active=${gb.active}` },
    ];
    return {
      name: `intake: ${UPDATES} /gopy updates from ${DELEGATES} delegates through the webhook (${CONCURRENCY} in flight)`,
      rows,
      targets,
      notes: [
        `min s = the bare bot's wall time (ratio = × its time); 429s do not apply (no limits). Ack latency = emulator arrival of the reply − the moment the update was pushed; at most ${BACKLOG} updates queued at a time.`,
        `Giao Ban: p99 ack ${percentile(gb.latencies, 99)} ms; webhook answers other than 2xx: ${gb.non2xx}; other bot messages seen: ${gb.rejected}. Bare: p99 ${percentile(base.latencies, 99)} ms, non-2xx ${base.non2xx}.`,
      ],
    };
  } finally {
    await redis.stop();
  }
}

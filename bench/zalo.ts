/**
 * A notice on Zalo: to 1,000 Zalo recipients, and to 500 + 500 across both channels, at the
 * configured limits (Zalo's defaults, ZALO_SEND_PER_SEC 5 and ZALO_SEND_PER_CHAT_PER_SEC 1,
 * enforced by the Zalo emulator with errors and no retry-after; Telegram's real limits by its
 * emulator). The clock starts at the Send press and stops at the last copy's arrival on either
 * channel. The minimum is the slower channel's: its recipients at its overall limit (the two
 * channels have separate budgets and senders). `BENCH_ZALO_SCALES=1,4` also runs at 4× the
 * limits (both the app and the emulator).
 */
import type { User } from 'grammy/types';
import { BotApiEmulator, TELEGRAM_LIMITS, type ApiCall } from '#test/support/emulator.js';
import { REAL_LIMITS } from '#test/support/harness.js';
import type { RedisServer } from '#test/support/redis.js';
import { startZaloHarness, ZaloEmulator, type ZaloHarness, type ZaloUser } from '#test/support/zalo/harness.js';
import type { ZaloCall } from '#test/support/zalo/types.js';
import { mb, privateRedis, ratio, sampleEventLoop, sampleMemory, sleep, type Result, type Row, type Target } from './support.js';

const ZALO_PER_SEC = 5;
const ZALO_PER_CHAT_PER_SEC = 1;
const SCALES = (process.env.BENCH_ZALO_SCALES ?? '1').split(',').map(Number).filter((n) => n > 0);
const TEXT = 'THÔNG BÁO: Thường trực HĐND Thành phố triệu tập họp Thường trực mở rộng vào 8 giờ sáng thứ Hai.';

interface Measured {
  wallMs: number;
  minMs: number;
  duplicates: number;
  lost: number;
  zaloErrors: number;
  /** What the errors were and when, after Send. */
  zaloErrorList: string[];
  telegram429: number;
  report?: string | undefined;
  peakRssBytes: number;
  loopP99Ms: number;
}

async function scenario(redis: RedisServer, zaloPeople: number, telegramPeople: number, scale: number): Promise<Measured> {
  const zaloLimits = { perSec: ZALO_PER_SEC * scale, perChatPerSec: ZALO_PER_CHAT_PER_SEC * scale };
  const emu = await BotApiEmulator.start({ limits: TELEGRAM_LIMITS });
  const zalo = await ZaloEmulator.start({ limits: false });
  emu.setLimits(false);
  let h: ZaloHarness | undefined;
  try {
    h = await startZaloHarness({
      emu,
      zaloEmu: zalo,
      redisUrl: redis.url,
      env: {
        ...REAL_LIMITS,
        ZALO_SEND_PER_SEC: String(zaloLimits.perSec),
        ZALO_SEND_PER_CHAT_PER_SEC: String(zaloLimits.perChatPerSec),
        FLOOD_LIMIT: '100000',
        LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
      },
    });
    const { store } = h.app.svc;
    await store.units.upsert('TP', 'HĐND Thành phố Hà Nội');
    const clerk = emu.user({ first_name: 'Thư ký', last_name: 'Thành phố', privateOpen: true });
    await store.members.put({ id: clerk.id, name: 'Thư ký Thành phố', role: 'secretary', unit: 'TP', joinedAt: 1, invitedBy: 1 });
    const units = 20;
    for (let u = 1; u <= units; u++) await store.units.upsert(`U${u}`, `Đơn vị U${u}`);
    const zaloUsers: ZaloUser[] = [];
    for (let i = 0; i < zaloPeople; i++) {
      const u = zalo.user({ name: `Đại biểu Zalo ${i + 1}`, interacted: true });
      zaloUsers.push(u);
      const id = await store.members.idOfZalo(u.id);
      await store.members.put({ id, name: u.display_name, role: 'delegate', unit: `U${(i % units) + 1}`, joinedAt: 1, invitedBy: 1, zaloId: u.id });
    }
    const tgUsers: User[] = [];
    for (let i = 0; i < telegramPeople; i++) {
      const u = emu.user({ first_name: 'Đại biểu', last_name: `Telegram ${i + 1}`, privateOpen: true });
      tgUsers.push(u);
      await store.members.put({ id: u.id, name: `Đại biểu Telegram ${i + 1}`, role: 'delegate', unit: `U${(i % units) + 1}`, joinedAt: 1, invitedBy: 1 });
    }
    const notice = emu.sendText(clerk, 'private', TEXT);
    const control = await h.ask(clerk, 'private', '/thongbao daibieu', { replyTo: notice.message_id });
    const id = /mã (B\d+)/.exec(control.text ?? '')?.[1];
    if (!id) throw new Error(`no notice drafted: ${control.text}`);
    await h.settle();
    emu.setLimits(TELEGRAM_LIMITS);
    zalo.setLimits(zaloLimits);
    await sleep(1500);

    // Copies as they arrive: per Zalo chat, per Telegram chat.
    let t0 = Date.now();
    const zaloCopies = new Map<string, number>();
    const tgCopies = new Map<number, number>();
    let last = 0;
    const zaloErrors: string[] = [];
    const onZalo = (c: ZaloCall) => {
      if (!c.ok) zaloErrors.push(`${c.method} ${c.error_code} at ${((c.at - t0) / 1000).toFixed(2)} s`);
      if (c.method !== 'sendMessage' || !c.ok || !c.chatId || !String(c.params.text).includes(TEXT)) return;
      zaloCopies.set(c.chatId, (zaloCopies.get(c.chatId) ?? 0) + 1);
      last = Math.max(last, c.at);
    };
    const onTelegram = (c: ApiCall) => {
      if (c.method !== 'copyMessage' || !c.ok || c.chatId === undefined || c.chatId === clerk.id) return;
      tgCopies.set(c.chatId, (tgCopies.get(c.chatId) ?? 0) + 1);
      last = Math.max(last, c.at);
    };
    zalo.on('call', onZalo);
    emu.on('call', onTelegram);
    const zaloErrorsBefore = zalo.stats().errors;
    const tg429Before = emu.stats().errors429;
    const memory = sampleMemory();
    const loop = sampleEventLoop();
    t0 = Date.now();
    void emu.pressButton(clerk, control.raw, `bc:send:${id}`);
    const minMs = Math.max(zaloPeople / zaloLimits.perSec, telegramPeople / TELEGRAM_LIMITS.globalPerSec) * 1000;
    await zalo
      .waitFor(() => zaloCopies.size === zaloPeople && tgCopies.size === telegramPeople, { timeout: minMs * 1.5 + 30_000, what: 'every copy' })
      .catch((e: Error) => console.error(`  ${e.message.split(';')[0]}: Zalo ${zaloCopies.size}/${zaloPeople}, Telegram ${tgCopies.size}/${telegramPeople}`));
    const peak = memory();
    const loopDelay = loop();
    let report: string | undefined;
    try {
      report = (await emu.waitFor(() => emu.botMessages(clerk.id).find((m) => m.message_id === control.message_id && /^✅/.test(m.text ?? '')), { timeout: 30_000 })).text;
    } catch {
      report = undefined;
    }
    zalo.off('call', onZalo);
    emu.off('call', onTelegram);
    const counts = [...zaloUsers.map((u) => zaloCopies.get(u.id) ?? 0), ...tgUsers.map((u) => tgCopies.get(u.id) ?? 0)];
    return {
      wallMs: last - t0,
      minMs,
      duplicates: counts.reduce((n, c) => n + Math.max(0, c - 1), 0),
      lost: counts.filter((c) => c === 0).length,
      zaloErrors: zalo.stats().errors - zaloErrorsBefore,
      zaloErrorList: zaloErrors,
      telegram429: emu.stats().errors429 - tg429Before,
      report,
      peakRssBytes: peak.rssMax,
      loopP99Ms: loopDelay.p99Ms,
    };
  } finally {
    await h?.stop().catch((err: Error) => console.error(`  harness stop: ${err.message}`));
    await emu.close();
    await zalo.close();
  }
}

export async function run(): Promise<Result> {
  const redis = await privateRedis();
  const rows: Row[] = [];
  const targets: Target[] = [];
  const notes: string[] = [];
  try {
    for (const scale of SCALES) {
      const x = `×${scale}`;
      for (const [label, zaloPeople, telegramPeople] of [
        ['1,000 on Zalo', 1000, 0],
        ['500 on Zalo + 500 on Telegram', 500, 500],
      ] as const) {
        console.log(`  zalo ${x}: ${label}…`);
        const m = await scenario(redis, zaloPeople, telegramPeople, scale);
        const row: Row = {
          scenario: `${label} ${x} (Zalo ${ZALO_PER_SEC * scale}/s, ${ZALO_PER_CHAT_PER_SEC * scale}/s per chat)`,
          wallS: m.wallMs / 1000,
          minS: m.minMs / 1000,
          errors429: m.telegram429,
          duplicates: m.duplicates,
          losses: m.lost,
          extra: { 'Zalo errors': String(m.zaloErrors), 'loop p99 ms': m.loopP99Ms.toFixed(0), 'peak RSS MB': mb(m.peakRssBytes) },
        };
        rows.push(row);
        // Over-limit answers are not a target: Zalo gives no retry-after, the sender pauses on each (their cost is in the wall time).
        notes.push(`${label} ${x}: report "${m.report ?? '(none)'}"${m.zaloErrorList.length ? `; Zalo errors: ${m.zaloErrorList.join(', ')}` : ''}`);
        targets.push(
          { name: `${label} ${x}: within 1.10× the minimum`, met: ratio(row) <= 1.1, detail: `${ratio(row).toFixed(3)}× (${row.wallS.toFixed(2)} s vs ${row.minS.toFixed(2)} s)` },
          { name: `${label} ${x}: 0 duplicates, 0 lost`, met: m.duplicates === 0 && m.lost === 0, detail: `${m.duplicates} duplicates, ${m.lost} lost` },
        );
      }
    }
  } finally {
    await redis.stop();
  }
  return { name: 'zalo: one notice to 1,000 Zalo recipients, and to 500 + 500 across both channels', rows, targets, notes };
}

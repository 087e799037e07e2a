/**
 * Summaries at scale: 30 units, 900 members, 10 open proposals, 50 upcoming meetings with
 * answers, a few notices with acknowledgements; first with 1,000 comments, then with
 * 100,000. Measured: building the council-wide summary (data from Redis + rendering +
 * packing into messages) and one unit's summary, 50 times each after a warm-up: median and
 * p95, heap allocated per build, RSS growth over the runs. Targets: under 50 ms, and the
 * 100,000 case within 1.5× the 1,000 case (the counts are kept on write, not recounted).
 *
 * Set-up goes through the stores (comments through `addComment`, 500 at a time), against a
 * private Redis; the app is created but not started (no bot, no workers).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createApp, type App } from '#root/app.js';
import type { Services } from '#root/context.js';
import type { Rsvp } from '#root/domain/meetings.js';
import { createLogger } from '#root/logger.js';
import { councilSummary, unitSummary } from '#root/summaries.js';
import { packItems } from '#root/telegram/text.js';
import type { ViewCtx } from '#root/views/meetings.js';
import { councilSummarySections, unitSummarySections } from '#root/views/summaries.js';
import { BotApiEmulator } from '#test/support/emulator.js';
import { testConfig } from '#test/support/harness.js';
import { percentile, privateRedis, type Result, type Row, type Target } from './support.js';
import { mulberry32 } from '#test/support/emulator/limits.js';

const UNITS = 30;
const MEMBERS_PER_UNIT = 30;
const PROPOSALS = 10;
const SECTIONS = Array.from({ length: 20 }, (_, i) => `${Math.floor(i / 4) + 1}.${(i % 4) + 1}`);
const MEETINGS = 50;
const NOTICES = 4;
const SIZES = [1_000, 100_000];
const WARMUP = 10;
const RUNS = 50;
const CHUNK = 500;
const TARGET_MS = 50;
const TARGET_GROWTH = 1.5;
const DAY = 86_400_000;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;


const code = (i: number) => `U${i + 1}`;
const memberId = (unit: number, k: number) => 100_000 + unit * 1000 + k;

/** Everything but the comments. */
async function baseWorld(svc: Services, now: number): Promise<void> {
  const { store } = svc;
  const r = mulberry32(11);
  for (let u = 0; u < UNITS; u++) {
    await store.units.upsert(code(u), u % 3 === 0 ? `Huyện Đơn Vị ${u + 1}` : `Quận Đơn Vị ${u + 1}`);
    await store.units.linkGroup(code(u), { id: -1_000_000 - u, title: `Thường trực HĐND ${code(u)}` }, 1, now);
    await Promise.all(
      Array.from({ length: MEMBERS_PER_UNIT }, (_, k) =>
        store.members.put({ id: memberId(u, k), name: `Nguyễn Văn Đại Biểu ${u + 1}-${k + 1}`, role: k === 0 ? 'secretary' : 'delegate', unit: code(u), joinedAt: now - 30 * DAY, invitedBy: 1 }),
      ),
    );
  }
  for (let p = 1; p <= PROPOSALS; p++) {
    const pcode = `DA-${String(p).padStart(2, '0')}`;
    await store.proposals.create({
      v: 1,
      code: pcode,
      title: `Đề án ${p}: nâng cao hiệu lực, hiệu quả hoạt động giám sát của HĐND các cấp giai đoạn 2021 – 2026`,
      sections: SECTIONS,
      deadline: now + (5 + p) * DAY,
      // Most drafts go to every unit; a few to a third of them.
      units: p % 4 === 0 ? Array.from({ length: 10 }, (_, i) => code((i * 3 + p) % UNITS)) : 'all',
      version: 1,
      createdBy: 1,
      createdAt: now - (20 - p) * DAY,
    });
    // A few units said "nhất trí, không có ý kiến".
    for (let u = 0; u < UNITS; u++) if (r() < 0.1) await store.proposals.agree(pcode, code(u), memberId(u, 0), now - DAY);
  }
  const answers: Rsvp[] = ['yes', 'yes', 'yes', 'no', 'sub'];
  for (let i = 0; i < MEETINGS; i++) {
    const all = i % 5 === 0;
    const units = all ? 'all' : [code(i % UNITS), code((i + 7) % UNITS)];
    const m = await store.meetings.create(
      {
        title: `Họp Thường trực HĐND mở rộng: cho ý kiến dự thảo Nghị quyết số ${i + 1}`,
        startsAt: now + (i + 1) * 3_600_000 * 5,
        durationMin: 120,
        place: 'Phòng họp tầng 3',
        units,
        agenda: [],
        remindersMs: [],
        createdBy: 1,
      },
      now - 5 * DAY,
    );
    const targets = all ? Array.from({ length: UNITS }, (_, u) => u) : [i % UNITS, (i + 7) % UNITS];
    await Promise.all(
      targets.flatMap((u) =>
        Array.from({ length: MEMBERS_PER_UNIT }, (_, k) => k)
          .filter(() => r() < 0.6)
          .map((k) => store.meetings.rsvp(m.id, memberId(u, k), { answer: answers[k % answers.length]!, unit: code(u), name: `Nguyễn Văn Đại Biểu ${u + 1}-${k + 1}`, at: now - DAY })),
      ),
    );
  }
  for (let b = 0; b < NOTICES; b++) {
    const units = Array.from({ length: UNITS }, (_, u) => code(u));
    const recipients = units.flatMap((c, u) => [
      { chatId: -1_000_000 - u, type: 'group' as const, unit: c, name: `Thường trực HĐND ${c}` },
      ...Array.from({ length: MEMBERS_PER_UNIT }, (_, k) => ({ chatId: memberId(u, k), type: 'user' as const, unit: c, name: `Đại biểu ${k}` })),
    ]);
    const created = await store.broadcasts.create(
      { createdBy: 1, audience: { groups: true, delegates: true, pin: false }, units, notice: { chatId: 1, messageId: 100 + b }, locale: 'vi' },
      recipients,
      now - (b + 1) * DAY,
    );
    await store.broadcasts.transition(created.id, 'done', ['draft'], { finishedAt: now - b * DAY });
    await Promise.all(recipients.filter((x) => x.type === 'user' && r() < 0.7).map((x) => store.broadcasts.ack(created.id, x.chatId, now - DAY)));
  }
}

const PHRASES = [
  'Đề nghị bổ sung quy định về trách nhiệm của Thường trực HĐND cấp huyện trong việc giám sát',
  'cần làm rõ cơ chế phối hợp giữa Ủy ban nhân dân và các Ban của Hội đồng nhân dân',
  'đề nghị cơ quan soạn thảo rà soát lại số liệu tại phụ lục kèm theo dự thảo',
  'bố trí kinh phí bảo đảm hoạt động của đại biểu chuyên trách ở cấp phường',
];

/** Comments `from`..`to`-1 (numbering by source message), spread over proposals, units, sections and people. */
async function addComments(svc: Services, from: number, to: number, now: number): Promise<void> {
  const { store } = svc;
  for (let i = from; i < to; i += CHUNK) {
    await Promise.all(
      Array.from({ length: Math.min(CHUNK, to - i) }, (_, j) => {
        const n = i + j;
        const u = n % UNITS;
        const k = Math.floor(n / UNITS) % MEMBERS_PER_UNIT;
        // Drafts for a third of the units only get comments from those units; keep to the 'all' ones.
        const p = [1, 2, 3, 5, 6, 7, 9, 10][n % 8]!;
        return store.proposals.addComment({
          proposal: `DA-${String(p).padStart(2, '0')}`,
          section: n % 10 === 0 ? undefined : SECTIONS[n % SECTIONS.length],
          text: `${PHRASES[n % PHRASES.length]}, ${PHRASES[(n + 1) % PHRASES.length]} (ý kiến ${n + 1}).`,
          author: memberId(u, k),
          authorName: `Nguyễn Văn Đại Biểu ${u + 1}-${k + 1}`,
          unit: code(u),
          createdAt: now - 3 * DAY + (n % 1000) * 60_000,
          status: 'active',
          history: [],
          source: { chatId: memberId(u, k), messageId: n + 1 },
        });
      }),
    );
  }
}

interface Timing {
  medianMs: number;
  p95Ms: number;
  /** Median time spent gathering the data (Redis + computing) vs rendering and packing. */
  dataMs: number;
  renderMs: number;
  heapPerBuildKB: number;
  retainedKB: number;
  rssGrowthMB: number;
  parts: number;
  chars: number;
}

async function measure(build: () => Promise<{ data: number; parts: string[] }>): Promise<Timing> {
  for (let i = 0; i < WARMUP; i++) await build();
  gc();
  const rssBefore = process.memoryUsage().rss;
  const times: number[] = [];
  const data: number[] = [];
  let last: string[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const out = await build();
    times.push(performance.now() - t0);
    data.push(out.data);
    last = out.parts;
  }
  const rssAfter = process.memoryUsage().rss;
  // Memory, apart from the timed runs: heap growth across one build started right after a
  // full GC (a young-generation GC inside the build can only make it smaller), and what is
  // still held after the next full GC.
  const heap: number[] = [];
  const retained: number[] = [];
  for (let i = 0; i < 10; i++) {
    gc();
    const h0 = process.memoryUsage().heapUsed;
    await build();
    heap.push(process.memoryUsage().heapUsed - h0);
    gc();
    retained.push(process.memoryUsage().heapUsed - h0);
  }
  const median = percentile(times, 50);
  const dataMedian = percentile(data, 50);
  return {
    medianMs: median,
    p95Ms: percentile(times, 95),
    dataMs: dataMedian,
    renderMs: percentile(times.map((t, i) => t - data[i]!), 50),
    heapPerBuildKB: Math.max(...heap) / 1024,
    retainedKB: percentile(retained, 50) / 1024,
    rssGrowthMB: (rssAfter - rssBefore) / 1024 / 1024,
    parts: last.length,
    chars: last.reduce((a, p) => a + p.length, 0),
  };
}

function councilBuild(svc: Services, v: ViewCtx) {
  return async () => {
    const now = Date.now();
    const t0 = performance.now();
    const s = await councilSummary(svc, now);
    const data = performance.now() - t0;
    return { data, parts: packItems(councilSummarySections(v, s, now)) };
  };
}

function unitBuild(svc: Services, v: ViewCtx, unit: string) {
  return async () => {
    const now = Date.now();
    const t0 = performance.now();
    const s = await unitSummary(svc, unit, now);
    const data = performance.now() - t0;
    return { data, parts: packItems(unitSummarySections(v, s, 'week', now)) };
  };
}

function row(label: string, t: Timing): Row {
  return {
    scenario: label,
    wallS: t.medianMs / 1000,
    minS: TARGET_MS / 1000,
    errors429: 0,
    duplicates: 0,
    losses: 0,
    extra: {
      'median ms': t.medianMs.toFixed(1),
      'p95 ms': t.p95Ms.toFixed(1),
      'data/render ms': `${t.dataMs.toFixed(1)}/${t.renderMs.toFixed(1)}`,
      'heap/build KB': t.heapPerBuildKB.toFixed(0),
      'retained KB': t.retainedKB.toFixed(0),
      'RSS growth MB': t.rssGrowthMB.toFixed(1),
      'parts (chars)': `${t.parts} (${t.chars})`,
    },
  };
}

export async function run(): Promise<Result> {
  const redis = await privateRedis();
  const emu = await BotApiEmulator.start();
  let app: App | undefined;
  try {
    const config = testConfig(emu, { LOG_LEVEL: 'silent' }, redis.url);
    app = await createApp({ config, botInfo: emu.botInfo, log: createLogger('silent') });
    const { svc } = app;
    const v: ViewCtx = { t: svc.t, locale: config.DEFAULT_LOCALE, tz: config.COUNCIL_TIMEZONE };
    const now = Date.now();
    console.log('  summary: set-up (units, members, proposals, meetings with answers, notices)…');
    await baseWorld(svc, now);

    const rows: Row[] = [];
    const results: Record<number, { council: Timing; unit: Timing; setupS: number; active: number }> = {};
    let written = 0;
    for (const size of SIZES) {
      const t0 = Date.now();
      await addComments(svc, written, size, now);
      written = size;
      // Some answers, so the unit summary lists responses (the 50 most recent since the last summary).
      if (size === SIZES[0]) {
        for (let i = 1; i <= 200; i++) {
          const c = await svc.store.proposals.comment(`C${i * 5}`);
          if (c) await svc.store.proposals.respond(c, i % 3 === 0 ? 'explain' : 'accept', 'Cơ quan soạn thảo tiếp thu, chỉnh sửa tại dự thảo.', { id: 1, name: 'Thư ký' }, now - DAY + i);
        }
      }
      const setupS = (Date.now() - t0) / 1000;
      let active = 0;
      for (const p of await svc.store.proposals.list()) active += (await svc.store.proposals.counts(p.code)).active ?? 0;
      console.log(`  summary: ${size} comments written (${setupS.toFixed(1)} s; counts say ${active} active); measuring…`);
      const council = await measure(councilBuild(svc, v));
      const unit = await measure(unitBuild(svc, v, 'U1'));
      results[size] = { council, unit, setupS, active };
      rows.push(row(`council-wide, ${size.toLocaleString('en')} comments`, council), row(`unit U1, ${size.toLocaleString('en')} comments`, unit));
    }

    const small = results[SIZES[0]!]!;
    const big = results[SIZES[1]!]!;
    const growth = big.council.medianMs / small.council.medianMs;
    const unitGrowth = big.unit.medianMs / small.unit.medianMs;
    const targets: Target[] = [
      ...SIZES.flatMap((size) => [
        { name: `council-wide summary under ${TARGET_MS} ms at ${size.toLocaleString('en')} comments (median)`, met: results[size]!.council.medianMs < TARGET_MS, detail: `${results[size]!.council.medianMs.toFixed(1)} ms (p95 ${results[size]!.council.p95Ms.toFixed(1)})` },
        { name: `unit summary under ${TARGET_MS} ms at ${size.toLocaleString('en')} comments (median)`, met: results[size]!.unit.medianMs < TARGET_MS, detail: `${results[size]!.unit.medianMs.toFixed(1)} ms (p95 ${results[size]!.unit.p95Ms.toFixed(1)})` },
      ]),
      { name: `council-wide: 100,000 comments within ${TARGET_GROWTH}× the 1,000 case`, met: growth <= TARGET_GROWTH, detail: `${growth.toFixed(2)}×` },
      { name: `unit: 100,000 comments within ${TARGET_GROWTH}× the 1,000 case`, met: unitGrowth <= TARGET_GROWTH, detail: `${unitGrowth.toFixed(2)}×` },
      { name: 'counts kept on write match the comments written', met: SIZES.every((s) => results[s]!.active === s), detail: SIZES.map((s) => `${results[s]!.active}/${s}`).join(', ') },
    ];
    return {
      name: `summary: council-wide and unit summaries (${UNITS} units, ${UNITS * MEMBERS_PER_UNIT} members, ${PROPOSALS} open proposals, ${MEETINGS} meetings, ${NOTICES} notices)`,
      rows,
      targets,
      notes: [
        `wall s = median build time over ${RUNS} runs after ${WARMUP} warm-up runs; min s = the ${TARGET_MS} ms budget (ratio = share of it). Data = councilSummary/unitSummary (Redis + computing), render = sections + packItems.`,
        `heap/build = the largest heapUsed growth across one build started right after a full GC (10 builds; a young-generation GC inside a build only lowers it); retained = heapUsed after the next full GC, median; RSS growth over the ${RUNS} timed runs.`,
        `Writing the comments through addComment, ${CHUNK} at a time: ${SIZES.map((s) => `${s.toLocaleString('en')} in ${results[s]!.setupS.toFixed(1)} s`).join(', ')} (cumulative).`,
      ],
    };
  } finally {
    await app?.stop().catch((err: Error) => console.error(`  app stop: ${err.message}`));
    await emu.close();
    await redis.stop();
  }
}

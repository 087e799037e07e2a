/**
 * The whole city as it is in 2026 (issue 12): the council and its 126 communes and wards from
 * the units file of the 2025 reform, 3,800 delegates (15–30 in each commune, the city council's
 * 95) and a secretary per unit; one draft sent to every unit with comments from most of them
 * (some units agreed, some silent), a meeting for all with answers, a notice with
 * acknowledgements. Measured: the council-wide summary and the largest unit's summary (data
 * from Redis + rendering + splitting into messages: median and p95 of 30 builds, heap per
 * build, the number of messages), and the báo cáo tiếp thu, giải trình of the draft as DOCX,
 * CSV and Markdown (time, peak RSS, size).
 *
 * Set-up goes through the stores against a private Redis; the app is created, not started.
 */
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createApp, type App } from '#root/app.js';
import type { Services } from '#root/context.js';
import { parseUnitsFile } from '#root/domain/units.js';
import { createLogger } from '#root/logger.js';
import { buildReport, REPORT_FORMATS } from '#root/reports.js';
import { councilSummary, unitSummary } from '#root/summaries.js';
import { packItems } from '#root/telegram/text.js';
import type { ViewCtx } from '#root/views/meetings.js';
import { councilSummarySections, unitSummarySections } from '#root/views/summaries.js';
import { BotApiEmulator } from '#test/support/emulator.js';
import { mulberry32 } from '#test/support/emulator/limits.js';
import { testConfig } from '#test/support/harness.js';
import { percentile, privateRedis, type Result, type Row, type Target } from './support.js';

const DELEGATES = 3_800;
const COUNCIL_DELEGATES = 95;
const PER_UNIT = [15, 30] as const;
/** Units that commented, agreed, and said nothing, of the 126. */
const COMMENTING = 110;
const AGREEING = 10;
const COMMENTS_PER_UNIT = [10, 80] as const;
const SECTIONS = ['1', '2', '3.1', '3.2', '3.3', '4', '5'];
const WARMUP = 5;
const RUNS = 30;
const CHUNK = 500;
const TARGET_SUMMARY_MS = 50;
const TARGET_REPORT_S = 5;
const TARGET_RSS_MB = 300;
const DAY = 86_400_000;
const MB = 1024 * 1024;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * 15–30 delegates in each commune and 95 in the city council, 3,800 in all: that leaves the
 * communes 29.4 on average, so most have 30 and some fewer, down to 15.
 */
function delegatesPerUnit(codes: string[], council: string, r: () => number): Map<string, number> {
  const counts = new Map<string, number>();
  const communes = codes.filter((c) => c !== council);
  for (const c of communes) counts.set(c, PER_UNIT[1]);
  let deficit = communes.length * PER_UNIT[1] - (DELEGATES - COUNCIL_DELEGATES);
  while (deficit > 0) {
    const c = communes[Math.floor(r() * communes.length)]!;
    const cut = Math.min(deficit, counts.get(c)! - PER_UNIT[0], 1 + Math.floor(r() * 15));
    counts.set(c, counts.get(c)! - cut);
    deficit -= cut;
  }
  counts.set(council, DELEGATES - communes.reduce((n, c) => n + counts.get(c)!, 0));
  return counts;
}

interface World {
  members: number;
  delegates: number;
  comments: number;
  units: { commented: number; agreed: number; silent: number };
  /** Units where nobody answered the meeting. */
  unanswered: number;
  biggest: string;
  perUnit: { min: number; max: number };
}

async function buildWorld(svc: Services, now: number): Promise<World> {
  const { store } = svc;
  const council = svc.config.COUNCIL_UNIT;
  const r = mulberry32(2026);
  const parsed = parseUnitsFile(readFileSync(new URL('../data/hanoi-2025-units.csv', import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error('the units file does not parse');
  await store.units.importAll(parsed.rows);
  const codes = await store.units.codes();
  const names = new Map(parsed.rows.map((x) => [x.code, x.name]));
  const perUnit = delegatesPerUnit(codes, council, r);

  // Members: a secretary and the delegates of each unit, ids by unit.
  const people = new Map<string, number[]>();
  let id = 1_000_000;
  for (const [u, code] of codes.entries()) {
    const ids: number[] = [];
    const n = perUnit.get(code)!;
    const batch = [];
    for (let k = 0; k <= n; k++) {
      const memberId = ++id;
      ids.push(memberId);
      batch.push(store.members.put({ id: memberId, name: `Đại biểu ${k + 1} ${names.get(code) ?? code}`, role: k === 0 ? 'secretary' : 'delegate', unit: code, joinedAt: now - 30 * DAY - u, invitedBy: 1 }));
    }
    await Promise.all(batch);
    people.set(code, ids);
  }
  const groups = codes.map((code, u) => ({ code, chatId: -2_000_000 - u }));
  for (const g of groups) await store.units.linkGroup(g.code, { id: g.chatId, title: `Thường trực HĐND ${names.get(g.code)}` }, 1, now);

  // One draft to all; who comments, who agrees, who stays silent.
  await store.proposals.create({
    v: 1,
    code: 'QC-2026',
    title: 'Quy chế phối hợp giữa Thường trực HĐND Thành phố và Thường trực HĐND các xã, phường nhiệm kỳ 2026 – 2031',
    sections: SECTIONS,
    deadline: now + 7 * DAY,
    units: 'all',
    version: 1,
    createdBy: 1,
    createdAt: now - 7 * DAY,
  });
  const communes = codes.filter((c) => c !== council);
  const commenting = communes.slice(0, COMMENTING);
  const agreeing = communes.slice(COMMENTING, COMMENTING + AGREEING);
  for (const code of agreeing) await store.proposals.agree('QC-2026', code, people.get(code)![0]!, now - DAY);
  const comments: Parameters<typeof store.proposals.addComment>[0][] = [];
  let msg = 0;
  for (const code of commenting) {
    const ids = people.get(code)!;
    const n = COMMENTS_PER_UNIT[0] + Math.floor(r() * (COMMENTS_PER_UNIT[1] - COMMENTS_PER_UNIT[0] + 1));
    for (let i = 0; i < n; i++) {
      const author = ids[1 + (i % (ids.length - 1))]!;
      comments.push({
        proposal: 'QC-2026',
        section: r() < 0.1 ? undefined : SECTIONS[Math.floor(r() * SECTIONS.length)],
        text: `Đề nghị bổ sung quy định về chế độ báo cáo của Thường trực HĐND ${names.get(code)} sau khi sắp xếp đơn vị hành chính, bảo đảm thời hạn và nội dung thống nhất (ý kiến ${i + 1}).`,
        author,
        authorName: `Đại biểu ${ids.indexOf(author)} ${names.get(code)}`,
        unit: code,
        createdAt: now - 5 * DAY + msg * 1000,
        status: 'active',
        history: [],
        source: { chatId: author, messageId: ++msg },
      });
    }
  }
  for (let i = 0; i < comments.length; i += CHUNK) await Promise.all(comments.slice(i, i + CHUNK).map((c) => store.proposals.addComment(c)));
  // Half of them answered by the drafting team.
  for (let i = 1; i <= comments.length; i += 2) {
    const c = await store.proposals.comment(`C${i}`);
    if (c) await store.proposals.respond(c, i % 3 === 0 ? 'explain' : 'accept', 'Cơ quan soạn thảo tiếp thu, chỉnh sửa tại dự thảo.', { id: 1, name: 'Thư ký' }, now - DAY);
  }

  // A meeting for all with answers from about 60 % (a few units none at all), a notice acknowledged by half.
  const m = await store.meetings.create({ title: 'Giao ban trực tuyến quý I.2026 với Thường trực HĐND các xã, phường', startsAt: now + 3 * DAY, durationMin: 120, place: 'Trụ sở HĐND Thành phố', units: 'all', agenda: [], remindersMs: [], createdBy: 1 }, now - 2 * DAY);
  const answers = ['yes', 'yes', 'yes', 'no', 'sub'] as const;
  let unanswered = 0;
  for (const [u, code] of codes.entries()) {
    if (u % 20 === 7 && ++unanswered) continue;
    const ids = people.get(code)!.filter(() => r() < 0.6);
    await Promise.all(ids.map((who, k) => store.meetings.rsvp(m.id, who, { answer: answers[k % answers.length]!, unit: code, name: `Đại biểu ${code}`, at: now - DAY })));
  }
  const recipients = codes.flatMap((code) => people.get(code)!.slice(1).map((chatId) => ({ chatId, type: 'user' as const, unit: code, name: `Đại biểu ${code}` })));
  const b = await store.broadcasts.create({ createdBy: 1, audience: { groups: false, delegates: true, pin: false }, units: codes, notice: { chatId: 1, messageId: 1 }, locale: 'vi' }, recipients, now - DAY);
  await store.broadcasts.transition(b.id, 'done', ['draft'], { finishedAt: now - DAY });
  await Promise.all(recipients.filter((x, i) => i % 2 === 0 && !x.unit.startsWith('Y')).map((x) => store.broadcasts.ack(b.id, x.chatId, now - DAY)));

  const counts = [...perUnit.entries()].filter(([c]) => c !== council).map(([, n]) => n);
  const biggest = [...perUnit.entries()].filter(([c]) => c !== council).sort((a, b2) => b2[1] - a[1])[0]![0];
  return {
    members: [...people.values()].reduce((n, ids) => n + ids.length, 0),
    delegates: [...perUnit.values()].reduce((n, x) => n + x, 0),
    comments: comments.length,
    units: { commented: commenting.length, agreed: agreeing.length, silent: communes.length - commenting.length - agreeing.length },
    unanswered,
    biggest,
    perUnit: { min: Math.min(...counts), max: Math.max(...counts) },
  };
}

interface Timing {
  medianMs: number;
  p95Ms: number;
  heapPerBuildKB: number;
  messages: number;
  chars: number;
  longest: number;
}

async function measure(build: () => Promise<string[]>): Promise<Timing> {
  for (let i = 0; i < WARMUP; i++) await build();
  const times: number[] = [];
  let last: string[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    last = await build();
    times.push(performance.now() - t0);
  }
  const heap: number[] = [];
  for (let i = 0; i < 5; i++) {
    gc();
    const h0 = process.memoryUsage().heapUsed;
    await build();
    heap.push(process.memoryUsage().heapUsed - h0);
  }
  return {
    medianMs: percentile(times, 50),
    p95Ms: percentile(times, 95),
    heapPerBuildKB: Math.max(...heap) / 1024,
    messages: last.length,
    chars: last.reduce((n, p) => n + p.length, 0),
    longest: Math.max(...last.map((p) => p.length)),
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
    const v: ViewCtx = { t: svc.t, locale: 'vi', tz: config.COUNCIL_TIMEZONE };
    const now = Date.now();
    console.log('  scale: set-up (127 units, 3,800 delegates, a draft to all with comments, a meeting, a notice)…');
    const t0 = Date.now();
    const world = await buildWorld(svc, now);
    const setupS = (Date.now() - t0) / 1000;
    console.log(`  scale: ${world.members} members, ${world.comments} comments written in ${setupS.toFixed(1)} s; measuring…`);

    const council = await measure(async () => {
      const at = Date.now();
      return packItems(councilSummarySections(v, await councilSummary(svc, at), at));
    });
    const unit = await measure(async () => {
      const at = Date.now();
      return packItems(unitSummarySections(v, await unitSummary(svc, world.biggest, at), 'week', at));
    });
    const sample = packItems(councilSummarySections(v, await councilSummary(svc, Date.now()), Date.now()));

    // The report, each format once, memory sampled every 10 ms and right after each.
    const proposal = (await svc.store.proposals.get('QC-2026'))!;
    gc();
    const baseRss = process.memoryUsage().rss;
    let rssMax = baseRss;
    const take = () => (rssMax = Math.max(rssMax, process.memoryUsage().rss));
    const timer = setInterval(take, 10);
    const reports: { format: string; ms: number; kb: number; peakMB: number }[] = [];
    try {
      for (const format of REPORT_FORMATS) {
        const r0 = performance.now();
        const file = await buildReport(svc, proposal, format, 'vi', svc.t);
        const ms = performance.now() - r0;
        take();
        reports.push({ format, ms, kb: file.data.length / 1024, peakMB: rssMax / MB });
      }
    } finally {
      clearInterval(timer);
    }
    const reportMs = reports.reduce((n, x) => n + x.ms, 0);

    const summaryRow = (label: string, t: Timing): Row => ({
      scenario: label,
      wallS: t.medianMs / 1000,
      minS: TARGET_SUMMARY_MS / 1000,
      errors429: 0,
      duplicates: 0,
      losses: 0,
      extra: { 'median ms': t.medianMs.toFixed(1), 'p95 ms': t.p95Ms.toFixed(1), 'heap/build KB': t.heapPerBuildKB.toFixed(0), messages: String(t.messages), chars: `${t.chars} (longest ${t.longest})` },
    });
    const rows: Row[] = [
      summaryRow(`council-wide summary (127 units, ${world.members.toLocaleString('en')} members)`, council),
      summaryRow(`unit summary (${world.biggest}, the largest commune)`, unit),
      ...reports.map((x) => ({
        scenario: `report ${x.format}, ${world.comments.toLocaleString('en')} comments`,
        wallS: x.ms / 1000,
        minS: TARGET_REPORT_S,
        errors429: 0,
        duplicates: 0,
        losses: 0,
        extra: { 'median ms': x.ms.toFixed(0), 'output KB': x.kb.toFixed(0), 'peak RSS MB': x.peakMB.toFixed(0) },
      })),
    ];
    const targets: Target[] = [
      { name: `council-wide summary under ${TARGET_SUMMARY_MS} ms (median)`, met: council.medianMs < TARGET_SUMMARY_MS, detail: `${council.medianMs.toFixed(1)} ms (p95 ${council.p95Ms.toFixed(1)}), ${council.messages} message(s)` },
      { name: `unit summary under ${TARGET_SUMMARY_MS} ms (median)`, met: unit.medianMs < TARGET_SUMMARY_MS, detail: `${unit.medianMs.toFixed(1)} ms (p95 ${unit.p95Ms.toFixed(1)}), ${unit.messages} message(s)` },
      { name: 'every message within Telegram’s 4,096 characters', met: council.longest <= 4096 && unit.longest <= 4096, detail: `longest ${Math.max(council.longest, unit.longest)}` },
      { name: `report in all three formats under ${TARGET_REPORT_S} s`, met: reportMs < TARGET_REPORT_S * 1000, detail: `${(reportMs / 1000).toFixed(2)} s` },
      { name: `peak RSS while building the report under ${TARGET_RSS_MB} MB`, met: rssMax / MB < TARGET_RSS_MB, detail: `${(rssMax / MB).toFixed(0)} MB (${(baseRss / MB).toFixed(0)} MB before)` },
    ];
    console.log(`\n  the council-wide summary as sent (${sample.length} message(s)):\n${sample.map((p) => p.replace(/^/gm, '  | ')).join('\n  |---\n')}`);
    return {
      name: `scale: the city of 2026 (127 units, ${world.delegates.toLocaleString('en')} delegates, ${world.comments.toLocaleString('en')} comments on a draft to all)`,
      rows,
      targets,
      notes: [
        `Delegates: ${world.perUnit.min}–${world.perUnit.max} per commune, ${COUNCIL_DELEGATES} in the city council; a secretary in each unit (${world.members.toLocaleString('en')} members). The draft: ${world.units.commented} communes commented, ${world.units.agreed} agreed, ${world.units.silent} silent; half the comments answered. A meeting for all (about 60 % answered, ${world.unanswered} units none), a notice to every delegate (half acknowledged).`,
        `Summaries: median and p95 of ${RUNS} builds after ${WARMUP} warm-up builds (councilSummary/unitSummary + sections + packItems); heap/build = the largest heapUsed growth of one build right after a full GC. messages = the Telegram messages it is sent as.`,
        `Report: each format built once through buildReport (store → file), peak RSS sampled every 10 ms, cumulative over the formats; RSS before: ${(baseRss / MB).toFixed(0)} MB. Set-up through the stores: ${setupS.toFixed(1)} s.`,
      ],
    };
  } finally {
    await app?.stop().catch((err: Error) => console.error(`  app stop: ${err.message}`));
    await emu.close();
    await redis.stop();
  }
}

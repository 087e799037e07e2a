/**
 * The desk at scale: one proposal with 10,000 comments from 126 units (Hanoi's communes and
 * wards, plus the council), each from its own delegate. Measured on the server (the desk's
 * Server-Timing header: from the request's arrival to the last byte of the page) and from the
 * client: the comments table's first page, a filtered page (one unit, not yet answered, a
 * search), the proposal's page (counts and participation of 126 units), and one bulk answer
 * to 100 comments, until the page says so and all 100 authors' messages are queued. Memory:
 * the process's peak RSS and heap while it runs.
 *
 * The real app over HTTP (bot role: the desk and the bot, no workers, so the 100 messages stay
 * queued to be counted), against a private Redis and the Bot API emulator. Targets: pages
 * under 200 ms on the server, the bulk answer under 2 s.
 */
import { request } from 'node:http';
import { createApp } from '#root/app.js';
import { createLogger } from '#root/logger.js';
import { BotApiEmulator } from '#test/support/emulator.js';
import { testConfig } from '#test/support/harness.js';
import { freePort } from '#test/support/redis.js';
import { mulberry32 } from '#test/support/emulator/limits.js';
import { mb, percentile, privateRedis, sampleMemory, type Result, type Target } from './support.js';

const UNITS = 126;
const COMMENTS = 10_000;
const BULK = 100;
const RUNS = 20;
const CHUNK = 500;
const TARGET_PAGE_MS = 200;
const TARGET_BULK_MS = 2000;
const COUNCIL_SECRETARY = 7;
const SECTIONS = Array.from({ length: 20 }, (_, i) => `${Math.floor(i / 4) + 1}.${(i % 4) + 1}`);

const PHRASES = [
  'Đề nghị bổ sung quy định về trách nhiệm của Thường trực HĐND cấp xã trong việc giám sát',
  'việc thực hiện mô hình chính quyền địa phương hai cấp cần được đánh giá đầy đủ, khách quan',
  'nên làm rõ cơ chế phối hợp giữa Ủy ban nhân dân và các Ban của Hội đồng nhân dân',
  'đề nghị cơ quan soạn thảo rà soát lại số liệu tại phụ lục kèm theo dự thảo',
  'cần nâng cao chất lượng tiếp xúc cử tri, giải quyết kiến nghị của cử tri đúng hạn',
  'bố trí kinh phí bảo đảm hoạt động của đại biểu chuyên trách ở cấp phường',
];

function text(r: () => number): string {
  let s = '';
  while (s.length < 280) s += (s ? ', ' : '') + PHRASES[Math.floor(r() * PHRASES.length)]!;
  return `${s}.`;
}

interface Answer {
  status: number;
  serverMs: number;
  wallMs: number;
  body: string;
}

function call(port: number, path: string, cookie: string, body?: string): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: body ? 'POST' : 'GET', headers: { cookie, ...(body ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const timing = /dur=([\d.]+)/.exec(String(res.headers['server-timing'] ?? ''))?.[1];
          resolve({ status: res.statusCode ?? 0, serverMs: Number(timing ?? NaN), wallMs: performance.now() - started, body: Buffer.concat(chunks).toString('utf8') });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

interface Measured {
  p50: number;
  p95: number;
  wallP50: number;
  rows: number;
  /** The first request's server time: the listing read from Redis (and, for a search, the texts folded). */
  cold: number;
}

async function measure(port: number, path: string, cookie: string): Promise<Measured> {
  const server: number[] = [];
  const wall: number[] = [];
  let rows = 0;
  let cold = 0;
  for (let i = 0; i < RUNS + 3; i++) {
    const a = await call(port, path, cookie);
    if (a.status !== 200) throw new Error(`${path}: ${a.status}`);
    rows = (a.body.match(/<tr>/g) ?? []).length;
    if (i === 0) cold = a.serverMs;
    if (i < 3) continue; // warm-up
    server.push(a.serverMs);
    wall.push(a.wallMs);
  }
  return { p50: percentile(server, 50), p95: percentile(server, 95), wallP50: percentile(wall, 50), rows, cold };
}

export async function run(): Promise<Result> {
  const redis = await privateRedis();
  const emu = await BotApiEmulator.start({ botUsername: 'GiaoBanBenchBot' });
  const port = await freePort();
  const config = testConfig(emu, { HTTP_PORT: String(port), DESK_URL: `http://127.0.0.1:${port}`, DESK_COOKIE_SECURE: 'false', ADMIN_IDS: '1' }, redis.url, 'deskbench');
  const app = await createApp({ config, botInfo: emu.botInfo, log: createLogger('silent') });
  const stopMemory = sampleMemory(50);
  try {
    await app.start('bot');
    const { store } = app.svc;
    const now = Date.now();
    await store.units.upsert('TP', 'HĐND thành phố Hà Nội');
    const units = Array.from({ length: UNITS }, (_, i) => `X${String(i + 1).padStart(3, '0')}`);
    for (const [i, u] of units.entries()) await store.units.upsert(u, i % 3 === 0 ? `Phường Số ${i + 1}` : `Xã Số ${i + 1}`);
    await store.members.put({ id: COUNCIL_SECRETARY, name: 'Thư ký HĐND thành phố', role: 'secretary', unit: 'TP', joinedAt: now, invitedBy: 1 });
    await store.proposals.create({ v: 1, code: 'DA-01', title: 'Dự thảo Đề án thí điểm', sections: SECTIONS, deadline: now + 7 * 86_400_000, units: 'all', version: 1, createdBy: COUNCIL_SECRETARY, createdAt: now });
    const r = mulberry32(2026);
    const seedStarted = performance.now();
    for (let i = 0; i < COMMENTS; i += CHUNK) {
      await Promise.all(
        Array.from({ length: Math.min(CHUNK, COMMENTS - i) }, (_, k) => {
          const n = i + k;
          const unit = units[Math.floor(r() * UNITS)]!;
          return store.proposals.addComment({
            proposal: 'DA-01',
            section: SECTIONS[Math.floor(r() * SECTIONS.length)],
            text: text(r),
            author: 1_000_000 + n,
            authorName: `Nguyễn Văn Đại Biểu ${n + 1}`,
            unit,
            createdAt: now - 86_400_000 + n,
            status: 'active',
            history: [],
            source: { chatId: 1_000_000 + n, messageId: 1 },
          });
        }),
      );
    }
    const seedS = (performance.now() - seedStarted) / 1000;
    const { id, session } = await store.desk.createSession(COUNCIL_SECRETARY, 'link', 3600);
    const cookie = `gb_desk=${id}`;

    const first = await measure(port, '/desk/p/DA-01/comments', cookie);
    const filtered = await measure(port, `/desk/p/DA-01/comments?unit=X017&status=pending&q=${encodeURIComponent('giam sat')}`, cookie);
    const proposal = await measure(port, '/desk/p/DA-01', cookie);

    // The 100 comments on the first page of "not yet answered", and two of them sent twice: 100 distinct.
    const page = await call(port, '/desk/p/DA-01/comments?status=pending&page=3', cookie);
    const ids = [...page.body.matchAll(/name="id" value="(C\d+)"/g)].map((m) => m[1]!);
    const more = await call(port, '/desk/p/DA-01/comments?status=pending&page=4', cookie);
    ids.push(...[...more.body.matchAll(/name="id" value="(C\d+)"/g)].map((m) => m[1]!));
    const chosen = ids.slice(0, BULK);
    const form = new URLSearchParams({ _csrf: session.csrf, kind: 'explain', text: 'Nội dung này đã được quy định tại kế hoạch triển khai của Ủy ban nhân dân thành phố.' });
    for (const c of chosen) form.append('id', c);
    const before = await app.queues.deliver.count();
    const bulk = await call(port, '/desk/p/DA-01/respond', cookie, form.toString());
    const queued = (await app.queues.deliver.count()) - before;
    const answered = (await store.proposals.counts('DA-01'))['r:explain'] ?? 0;
    // The answer changed the counts: the next page reads the listing again.
    const after = await measure(port, '/desk/p/DA-01/comments?status=pending', cookie);
    const memory = stopMemory();

    const row = (scenario: string, m: Measured) => ({
      scenario,
      wallS: m.wallP50 / 1000,
      minS: m.p50 / 1000,
      errors429: 0,
      duplicates: 0,
      losses: 0,
      extra: { 'server p50 ms': m.p50.toFixed(1), 'server p95 ms': m.p95.toFixed(1), 'first request ms': m.cold.toFixed(1), 'rows shown': String(m.rows) },
    });
    const targets: Target[] = [
      { name: `first page of 10,000 comments under ${TARGET_PAGE_MS} ms on the server (p95; the very first request)`, met: first.p95 < TARGET_PAGE_MS && first.cold < TARGET_PAGE_MS, detail: `${first.p95.toFixed(1)} ms (${first.cold.toFixed(1)} ms)` },
      { name: `filtered page under ${TARGET_PAGE_MS} ms on the server (p95; the first search)`, met: filtered.p95 < TARGET_PAGE_MS && filtered.cold < TARGET_PAGE_MS, detail: `${filtered.p95.toFixed(1)} ms (${filtered.cold.toFixed(1)} ms)` },
      { name: `proposal page (126 units) under ${TARGET_PAGE_MS} ms on the server (p95)`, met: proposal.p95 < TARGET_PAGE_MS, detail: `${proposal.p95.toFixed(1)} ms` },
      {
        name: `bulk answer to ${BULK} comments under ${TARGET_BULK_MS} ms, all ${BULK} authors' messages queued`,
        met: bulk.status === 200 && bulk.wallMs < TARGET_BULK_MS && queued === BULK && answered === BULK,
        detail: `${bulk.wallMs.toFixed(0)} ms (server ${bulk.serverMs.toFixed(0)} ms), ${queued} messages queued, ${answered} answered`,
      },
    ];
    return {
      name: `desk: ${COMMENTS.toLocaleString('en')} comments from ${UNITS} units`,
      rows: [
        row('comments, first page', first),
        row('comments, one unit + not answered + search', filtered),
        row('proposal page (126 units)', proposal),
        row('not answered, after the bulk answer', after),
        { scenario: `bulk answer to ${BULK}`, wallS: bulk.wallMs / 1000, minS: bulk.serverMs / 1000, errors429: 0, duplicates: 0, losses: BULK - queued, extra: { 'server p50 ms': bulk.serverMs.toFixed(0), 'server p95 ms': '', 'first request ms': '', 'rows shown': '' } },
      ],
      targets,
      notes: [
        `wall s = client-side p50 over ${RUNS} requests after 3 warm-up; min s = server time p50 (Server-Timing); first request = the cold one, reading the proposal's listing from Redis. Seeding ${COMMENTS} comments: ${seedS.toFixed(1)} s.`,
        `memory: peak RSS ${mb(memory.rssMax)} MB, peak heap ${mb(memory.heapUsedMax)} MB (bot, desk, emulator in one process).`,
      ],
    };
  } finally {
    await app.stop();
    await emu.close();
    await redis.stop();
  }
}

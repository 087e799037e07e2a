/**
 * The báo cáo tiếp thu, giải trình for a large proposal: 10,000 comments from 30 units over
 * 20 sections (Vietnamese text of about 300 characters, some on several lines, 70 % answered),
 * built as DOCX, CSV and Markdown. Targets: all three formats in under 5 s together, peak RSS
 * under 300 MB.
 *
 * Memory is sampled every 10 ms, and once more after each format: much of the work is
 * synchronous (the timer cannot fire during it), but RSS does not fall back quickly, so the
 * sample right after each format catches its peak.
 */
import { createI18n } from '#root/i18n.js';
import { reportCsv, reportDocx, reportMd, type Labels, type ReportComment, type ReportInput } from '#root/views/report.js';
import type { Result, Row, Target } from './support.js';
import { mulberry32 } from '#test/support/emulator/limits.js';

const COMMENTS = 10_000;
const UNITS = 30;
const SECTIONS = 20;
const TARGET_TOTAL_S = 5;
const TARGET_RSS_MB = 300;

/** The real Vietnamese labels, through the app's Fluent setup. */
const i18n = createI18n('vi');
const t: Labels = (key, vars) => i18n.t('vi', key, vars);


const PHRASES = [
  'Đề nghị bổ sung quy định về trách nhiệm của Thường trực HĐND cấp huyện trong việc giám sát',
  'việc thực hiện thí điểm mô hình chính quyền đô thị cần được đánh giá đầy đủ, khách quan',
  'nên làm rõ cơ chế phối hợp giữa Ủy ban nhân dân và các Ban của Hội đồng nhân dân',
  'đề nghị cơ quan soạn thảo rà soát lại số liệu tại phụ lục kèm theo dự thảo',
  'cần nâng cao chất lượng tiếp xúc cử tri, giải quyết kiến nghị của cử tri đúng hạn',
  'bố trí kinh phí bảo đảm hoạt động của đại biểu chuyên trách ở cấp phường',
  'thống nhất với nội dung dự thảo; đề nghị chỉnh sửa câu chữ cho chặt chẽ hơn',
  'đẩy mạnh ứng dụng công nghệ thông tin, chuyển đổi số trong hoạt động của HĐND',
];

function text(r: () => number, targetLen: number): string {
  let s = '';
  while (s.length < targetLen) {
    const p = PHRASES[Math.floor(r() * PHRASES.length)] as string;
    s += s === '' ? p : r() < 0.15 ? `.\n- ${p}` : `, ${p}`;
  }
  return `${s}.`;
}

export function syntheticInput(n = COMMENTS): ReportInput {
  const r = mulberry32(42);
  const units = Array.from({ length: UNITS }, (_, i) => ({ code: `U${i + 1}`, name: i % 3 === 0 ? `Huyện Đơn Vị ${i + 1}` : `Quận Đơn Vị ${i + 1}` }));
  const sections = Array.from({ length: SECTIONS }, (_, i) => `${Math.floor(i / 4) + 1}.${(i % 4) + 1}`);
  const start = Date.UTC(2021, 9, 10, 1, 0);
  const kinds = ['accept', 'partial', 'explain'] as const;
  const comments: ReportComment[] = [];
  for (let i = 1; i <= n; i++) {
    const u = units[Math.floor(r() * UNITS)]!;
    const x = r();
    comments.push({
      id: `C${i}`,
      section: x < 0.05 ? undefined : sections[Math.floor(r() * SECTIONS)],
      text: text(r, 280 + Math.floor(r() * 40)),
      authorName: `Nguyễn Văn Đại Biểu ${Math.floor(r() * 500) + 1}`,
      unit: u.code,
      unitName: u.name,
      createdAt: start + Math.floor(r() * 12 * 86_400_000),
      response: r() < 0.7 ? { kind: kinds[Math.floor(r() * 3)]!, text: text(r, 150) } : undefined,
    });
  }
  return {
    councilName: 'HĐND THÀNH PHỐ HÀ NỘI',
    committee: 'THƯỜNG TRỰC HĐND',
    committeeInText: 'Thường trực HĐND thành phố Hà Nội',
    place: 'Hà Nội',
    number: { suffix: 'HĐND' },
    proposal: {
      code: 'DA-01',
      title: 'Nâng cao năng lực, hiệu lực, hiệu quả hoạt động của HĐND các cấp Thành phố giai đoạn 2021 – 2026',
      sections,
      sentAt: start - 86_400_000,
      deadline: start + 12 * 86_400_000,
    },
    date: new Date(Date.UTC(2021, 9, 25, 2, 0)),
    tz: 'Asia/Ho_Chi_Minh',
    locale: 'vi',
    comments,
    consulted: units,
    agreedUnits: units.slice(0, 3),
    silentUnits: units.slice(27),
    signer: { title: 'Phó Chủ tịch', name: 'Phùng Thị Hồng Hà' },
  };
}

const MB = 1024 * 1024;

interface Figure {
  format: 'docx' | 'csv' | 'md';
  ms: number;
  outputBytes: number;
  peakRssMB: number;
  heapUsedMB: number;
}

export async function run(): Promise<Result & { figures: Figure[]; totalMs: number; peakRssMB: number; baselineRssMB: number }> {
  const input = syntheticInput();
  let rssMax = 0;
  let heapMax = 0;
  const take = () => {
    const m = process.memoryUsage();
    rssMax = Math.max(rssMax, m.rss);
    heapMax = Math.max(heapMax, m.heapUsed);
  };
  take();
  const baselineRssMB = process.memoryUsage().rss / MB;
  const timer = setInterval(take, 10);
  const figures: Figure[] = [];
  try {
    const jobs: [Figure['format'], () => Promise<Buffer | string> | string][] = [
      ['docx', () => reportDocx(input, t)],
      ['csv', () => reportCsv(input, t)],
      ['md', () => reportMd(input, t)],
    ];
    for (const [format, build] of jobs) {
      heapMax = 0;
      const t0 = performance.now();
      const out = await build();
      const ms = performance.now() - t0;
      take();
      figures.push({
        format,
        ms,
        outputBytes: typeof out === 'string' ? Buffer.byteLength(out) : out.length,
        peakRssMB: rssMax / MB,
        heapUsedMB: heapMax / MB,
      });
    }
  } finally {
    clearInterval(timer);
  }
  take();

  const totalMs = figures.reduce((s, f) => s + f.ms, 0);
  const peakRssMB = rssMax / MB;
  console.log(`report: ${COMMENTS} comments, ${UNITS} units, ${SECTIONS} sections; RSS before building: ${Math.round(baselineRssMB)} MB`);
  console.table(
    figures.map((f) => ({
      format: f.format,
      ms: Math.round(f.ms),
      'output KB': Math.round(f.outputBytes / 1024),
      'peak RSS MB (so far)': Math.round(f.peakRssMB),
      'peak heapUsed MB': Math.round(f.heapUsedMB),
    })),
  );

  const rows: Row[] = figures.map((f) => ({
    scenario: `${f.format}, ${COMMENTS} comments`,
    wallS: f.ms / 1000,
    minS: TARGET_TOTAL_S,
    errors429: 0,
    duplicates: 0,
    losses: 0,
    extra: {
      'output KB': String(Math.round(f.outputBytes / 1024)),
      'peak RSS MB': String(Math.round(f.peakRssMB)),
      'heapUsed MB': String(Math.round(f.heapUsedMB)),
    },
  }));
  const targets: Target[] = [
    { name: `all three formats in under ${TARGET_TOTAL_S} s`, met: totalMs < TARGET_TOTAL_S * 1000, detail: `${(totalMs / 1000).toFixed(2)} s` },
    { name: `peak RSS under ${TARGET_RSS_MB} MB`, met: peakRssMB < TARGET_RSS_MB, detail: `${peakRssMB.toFixed(0)} MB` },
  ];
  return {
    name: `report: ${COMMENTS} comments (${UNITS} units, ${SECTIONS} sections) as DOCX, CSV, Markdown`,
    rows,
    targets,
    notes: [
      `RSS with the input built, before any format: ${Math.round(baselineRssMB)} MB; peak RSS is cumulative over the three formats, run one after another.`,
      'min s is the 5 s budget for all three formats together (ratio = share of it); 429s/dup/lost do not apply.',
    ],
    figures,
    totalMs,
    peakRssMB,
    baselineRssMB,
  };
}

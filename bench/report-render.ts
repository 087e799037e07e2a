/**
 * Renders the báo cáo tiếp thu, giải trình so a person can look at it: the DOCX built from
 * the real labels, converted to PDF by LibreOffice (headless) and to PNG pages by pdftoppm.
 *
 *   npm run report:render                      a sample: 12 wards and communes of 2025, 9 comments
 *   npm run report:render -- --comments 2000   the benchmark's synthetic proposal, that many comments
 *                                              (2,000: 490 pages, about 4 minutes in LibreOffice on 2 cores)
 *   npm run report:render -- --out DIR         where the files go (default: the system's temp dir)
 *   npm run report:render -- --page1 docs/report-page1.png   also copy page 1 there
 *
 * Needs `soffice` and `pdftoppm` (Debian: apt-get install libreoffice-writer-nogui
 * poppler-utils; fonts-liberation gives Liberation Serif, metrically the same as Times New
 * Roman). Not part of `npm test`: a fresh machine may not have LibreOffice.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createI18n } from '#root/i18n.js';
import { reportDocx, type Labels, type ReportComment, type ReportInput } from '#root/views/report.js';
import { syntheticInput } from './report.js';

const DAY = 86_400_000;

const i18n = createI18n('vi');
const t: Labels = (key, vars) => i18n.t('vi', key, vars);

/** Twelve of Hanoi's wards and communes of 2025 (shared/data/hanoi-2025-units.csv). */
const UNITS = [
  ['HOANKIEM', 'Phường Hoàn Kiếm'],
  ['CUANAM', 'Phường Cửa Nam'],
  ['BADINH', 'Phường Ba Đình'],
  ['NGOCHA', 'Phường Ngọc Hà'],
  ['GIANGVO', 'Phường Giảng Võ'],
  ['HAIBATRUNG', 'Phường Hai Bà Trưng'],
  ['CAUGIAY', 'Phường Cầu Giấy'],
  ['TAYHO', 'Phường Tây Hồ'],
  ['SONTAY', 'Phường Sơn Tây'],
  ['BAVI', 'Xã Ba Vì'],
  ['SOCSON', 'Xã Sóc Sơn'],
  ['DONGANH', 'Xã Đông Anh'],
].map(([code, name]) => ({ code: code as string, name: name as string }));

/** A proposal of today: sent three weeks ago, the deadline a week ago, nine comments from five units. */
function sample(now: number): ReportInput {
  const sentAt = now - 21 * DAY;
  const unit = (code: string) => UNITS.find((u) => u.code === code) as { code: string; name: string };
  const c = (id: string, code: string, authorName: string, days: number, text: string, section?: string, response?: ReportComment['response']): ReportComment => ({
    id,
    ...(section ? { section } : {}),
    text,
    authorName,
    unit: code,
    unitName: unit(code).name,
    createdAt: sentAt + days * DAY,
    ...(response ? { response } : {}),
  });
  return {
    councilName: 'HĐND THÀNH PHỐ HÀ NỘI',
    committee: t('report-committee'),
    committeeInText: t('report-committee-in-text', { council: 'HĐND thành phố Hà Nội' }),
    place: 'Hà Nội',
    number: { suffix: 'HĐND' },
    proposal: {
      code: 'DA-03',
      title: 'Nâng cao chất lượng hoạt động giám sát của HĐND xã, phường nhiệm kỳ 2026 – 2031',
      sections: ['I', 'II', 'III'],
      sentAt,
      // 17:00 in Hà Nội, a week ago.
      deadline: Math.floor((now - 7 * DAY) / DAY) * DAY + 10 * 3_600_000,
    },
    date: new Date(now),
    tz: 'Asia/Ho_Chi_Minh',
    locale: 'vi',
    comments: [
      c('C1', 'BADINH', 'Nguyễn Văn An', 3, 'Đề nghị bổ sung căn cứ Luật Tổ chức chính quyền địa phương năm 2025 vào phần căn cứ pháp lý.', undefined, {
        kind: 'accept',
        text: 'Đã bổ sung tại phần căn cứ pháp lý.',
      }),
      c('C2', 'CUANAM', 'Trần Thị Bình', 4, 'Bố cục dự thảo còn dài; đề nghị gộp mục II và mục III.', undefined, {
        kind: 'explain',
        text: 'Giữ bố cục như dự thảo: mục II nêu thực trạng, mục III nêu giải pháp, tách riêng để dễ theo dõi.',
      }),
      c('C3', 'BADINH', 'Lê Văn Cường', 5, 'Số liệu về các cuộc giám sát năm 2025 chưa khớp với báo cáo của Thường trực HĐND phường.', 'I', {
        kind: 'partial',
        text: 'Tiếp thu, rà soát lại số liệu; số liệu quý IV/2025 sẽ cập nhật khi có báo cáo chính thức.',
      }),
      c('C4', 'BAVI', 'Đinh Công Dũng', 6, 'Đề nghị làm rõ trách nhiệm của các Ban HĐND xã trong việc theo dõi kết quả thực hiện kiến nghị sau giám sát.', 'II', {
        kind: 'accept',
        text: 'Đã bổ sung khoản 3 mục II.',
      }),
      c('C5', 'HOANKIEM', 'Phạm Thu Hà', 6, 'Cần có chỉ tiêu cụ thể về số cuộc giám sát chuyên đề mỗi năm.\nĐề nghị tối thiểu 02 cuộc/năm.', 'II'),
      c('C6', 'BAVI', 'Đinh Công Dũng', 7, 'Bổ sung nội dung ứng dụng chuyển đổi số trong giám sát, tiếp nhận kiến nghị của cử tri.', 'III', {
        kind: 'accept',
        text: 'Đã bổ sung giải pháp 4 mục III.',
      }),
      c('C7', 'SOCSON', 'Hoàng Minh Đức', 8, 'Kinh phí bảo đảm hoạt động giám sát của HĐND cấp xã cần được bố trí riêng.', 'III', {
        kind: 'explain',
        text: 'Kinh phí thực hiện theo Nghị quyết của HĐND Thành phố về định mức chi; không quy định riêng trong Đề án.',
      }),
      c('C8', 'CUANAM', 'Trần Thị Bình', 9, 'Đề nghị rút ngắn thời hạn báo cáo kết quả giải quyết kiến nghị sau giám sát xuống 30 ngày.', 'III'),
      c('C9', 'HOANKIEM', 'Phạm Thu Hà', 10, 'Thống nhất với các giải pháp; đề nghị chỉnh sửa câu chữ tại đoạn 2 cho chặt chẽ.', 'III', { kind: 'accept', text: '' }),
    ],
    consulted: UNITS,
    agreedUnits: [unit('NGOCHA'), unit('CAUGIAY'), unit('TAYHO')],
    silentUnits: ['GIANGVO', 'HAIBATRUNG', 'SONTAY', 'DONGANH'].map(unit),
    signer: { title: 'Phó Chủ tịch', name: 'Phùng Thị Hồng Hà' },
  };
}

function need(tool: string): void {
  try {
    execFileSync('which', [tool], { stdio: 'ignore' });
  } catch {
    console.error(`${tool} not found. On Debian: apt-get install -y libreoffice-writer-nogui poppler-utils fonts-liberation`);
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { comments: { type: 'string' }, out: { type: 'string' }, page1: { type: 'string' }, dpi: { type: 'string', default: '80' } } });
  need('soffice');
  need('pdftoppm');
  const out = resolve(values.out ?? join(tmpdir(), 'giao-ban-report'));
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });

  const input = values.comments ? syntheticInput(Number(values.comments)) : sample(Date.now());
  const t0 = performance.now();
  const docx = await reportDocx(input, t);
  const built = performance.now() - t0;
  const docxPath = join(out, 'report.docx');
  writeFileSync(docxPath, docx);

  // A profile of its own, so a LibreOffice already running (or another render) does not take the job.
  const t1 = performance.now();
  execFileSync('soffice', [`-env:UserInstallation=file://${join(out, 'lo-profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', out, docxPath], { stdio: 'pipe', timeout: 600_000 });
  const converted = performance.now() - t1;
  const pdfPath = join(out, 'report.pdf');
  execFileSync('pdftoppm', ['-png', '-r', values.dpi, pdfPath, join(out, 'page')], { stdio: 'pipe' });
  const pages = readdirSync(out)
    .filter((f) => /^page-\d+\.png$/.test(f))
    .sort((a, b) => Number(/\d+/.exec(a)?.[0]) - Number(/\d+/.exec(b)?.[0]));
  rmSync(join(out, 'lo-profile'), { recursive: true, force: true });

  console.log(`report: ${input.comments.length} comments; DOCX ${Math.round(docx.length / 1024)} KB built in ${Math.round(built)} ms; PDF by LibreOffice in ${(converted / 1000).toFixed(1)} s; ${pages.length} page(s)`);
  console.log(`  ${docxPath}\n  ${pdfPath}`);
  // A long report has hundreds of pages: name the first and the last.
  const shown = pages.length <= 6 ? pages : [...pages.slice(0, 3), '…', ...pages.slice(-2)];
  for (const p of shown) console.log(p === '…' ? '  …' : `  ${join(out, p)}`);
  if (values.page1 && pages[0]) {
    copyFileSync(join(out, pages[0]), resolve(values.page1));
    console.log(`page 1 copied to ${values.page1}`);
  }
}

await main();

import { TZDate } from '@date-fns/tz';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Chat, User } from 'grammy/types';
import { addMember, linkedGroup } from '#test/support/seed.js';
import { dayOffNote } from '#test/support/dates.js';
import { startHarness, type Harness } from '#test/support/harness.js';
import type { EmuMessage } from '#test/support/emulator.js';

/**
 * The báo cáo tiếp thu, giải trình (/report in DOCX, CSV and Markdown, opened and read here),
 * the closed comment window, and the deadline nudges that go only to silent units. The
 * commands themselves are in proposals.test.ts.
 */
let h: Harness;
let clerk: User;
let engClerk: User;
let bdClerk: User;
let lan: User;
let hung: User;
let hkDel: User;
let bvDel: User;
let john: User; // BD, Telegram in English
let groupBD: Chat;
let groupHK: Chat;
let groupBV: Chat;

const DAY = 86_400_000;
const TZ = 'Asia/Ho_Chi_Minh';
const VI_WEEKDAYS = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'];
const pad = (n: number) => String(n).padStart(2, '0');

const member = (user: User, role: 'delegate' | 'secretary', unit: string) => addMember(h, user, role, unit);

const linked = (title: string, unit: string): Promise<Chat> => linkedGroup(h, title, unit, clerk);

/** `15h40, thứ Sáu, ngày 27/11/2026`, as the bot writes a time in Vietnamese. */
function viWhen(ms: number): string {
  const d = new TZDate(ms, TZ);
  return `${pad(d.getHours())}h${pad(d.getMinutes())}, ${VI_WEEKDAYS[d.getDay()]}, ngày ${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}`;
}

function viDate(ms: number): string {
  const d = new TZDate(ms, TZ);
  return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}`;
}

/** `2026-11-27T15:40:05` in the council's zone, for a deadline a few seconds ahead. */
function isoLocal(ms: number): string {
  const d = new TZDate(ms, TZ);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

async function commentSeq(): Promise<number> {
  const { store } = h.app.svc;
  return Number((await store.redis.get(store.keys.seq('comment'))) ?? 0);
}

/** The translator the report uses, so data checks hold whatever the labels say. */
const t = (key: string, vars?: Record<string, string | number>) => h.app.svc.t('vi', key, vars);

// --- reading the files ---------------------------------------------------------------------

function xmlDecode(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** The text of each paragraph (<w:p>) in a piece of WordprocessingML. */
function paragraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p>([\s\S]*?)<\/w:p>/g)].map(([, p]) =>
    xmlDecode([...p!.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>|<w:tab\/>/g)].map((m) => (m[0] === '<w:tab/>' ? '\t' : m[1])).join('')),
  );
}

/** Each table as rows of cells, a cell's paragraphs joined with \n. */
function tables(xml: string): string[][][] {
  return [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map(([, tbl]) =>
    [...tbl!.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map(([, tr]) => [...tr!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map(([, tc]) => paragraphs(tc!).join('\n'))),
  );
}

function count(xml: string, re: RegExp): number {
  return [...xml.matchAll(re)].length;
}

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      (row = []), (field = ''), i++;
    } else field += c;
  }
  if (field !== '' || row.length) row.push(field), rows.push(row);
  return rows;
}

async function reportFile(user: User, command: string): Promise<{ message: EmuMessage; data: Buffer }> {
  const message = await h.ask(user, 'private', command);
  expect(message.document, `no document in answer to ${command}: ${message.text}`).toBeDefined();
  return { message, data: h.emu.file(message.document!.file_id)!.data };
}

beforeAll(async () => {
  h = await startHarness({ env: { FLOOD_LIMIT: '1000' } });
  const { units } = h.app.svc.store;
  for (const [code, name] of [['TP', 'HĐND Thành phố Hà Nội'], ['BD', 'Quận Ba Đình'], ['HK', 'Quận Hoàn Kiếm'], ['BV', 'Huyện Ba Vì'], ['ST', 'Thị xã Sơn Tây']] as const) {
    await units.upsert(code, name);
  }
  clerk = h.emu.user({ first_name: 'Trần Thị', last_name: 'Hoa', language_code: 'vi', privateOpen: true });
  engClerk = h.emu.user({ first_name: 'Mary', last_name: 'Tran', language_code: 'en', privateOpen: true });
  bdClerk = h.emu.user({ first_name: 'Lê Văn', last_name: 'Bình', privateOpen: true });
  lan = h.emu.user({ first_name: 'Nguyễn Thị', last_name: 'Lan', privateOpen: true });
  hung = h.emu.user({ first_name: 'Phạm Quốc', last_name: 'Hùng', privateOpen: true });
  hkDel = h.emu.user({ first_name: 'Hoàng', last_name: 'Minh', privateOpen: true });
  bvDel = h.emu.user({ first_name: 'Đinh Công', last_name: 'Ba', privateOpen: true });
  await member(clerk, 'secretary', 'TP');
  await member(engClerk, 'secretary', 'TP');
  await member(bdClerk, 'secretary', 'BD');
  await member(lan, 'delegate', 'BD');
  await member(hung, 'delegate', 'BD');
  await member(hkDel, 'delegate', 'HK');
  await member(bvDel, 'delegate', 'BV');
  john = h.emu.user({ first_name: 'John', last_name: 'Nguyen', language_code: 'en', privateOpen: true });
  await member(john, 'delegate', 'BD');
  groupBD = await linked('Thường trực HĐND quận Ba Đình', 'BD');
  groupHK = await linked('Thường trực HĐND quận Hoàn Kiếm', 'HK');
  groupBV = await linked('Thường trực HĐND huyện Ba Vì', 'BV');
  // ST has no group.
});
afterAll(() => h.stop());

const TITLE = 'Nâng cao năng lực, hiệu lực, hiệu quả hoạt động của HĐND các cấp';

describe('the report (báo cáo tiếp thu, giải trình)', () => {
  const today = () => viDate(Date.now());

  beforeAll(async () => {
    // A month ahead at 17:00 in the council's zone, typed as a secretary would.
    const deadline = new TZDate(Date.now() + 30 * DAY, TZ);
    deadline.setHours(17, 0, 0, 0);
    const typed = `${pad(deadline.getDate())}/${pad(deadline.getMonth() + 1)}/${deadline.getFullYear()} 17:00`;
    const created = await h.ask(clerk, 'private', ['/taodean', 'mã: DA-05', `tiêu đề: ${TITLE}`, 'các mục: I, II', `hạn: ${typed}`, 'đơn vị: BD HK BV ST'].join('\n'));
    expect(created.text).toBe(`✅ Đã tạo đề án DA-05, hạn góp ý ${viWhen(deadline.getTime())}. Lời đề nghị góp ý được gửi tới 3 nhóm.${dayOffNote(deadline.getTime())}`);
    for (const [who, text, id] of [
      [lan, '/gopy DA-05 #II Đề nghị làm rõ "thẩm quyền", phạm vi giám sát.', 'C1'],
      [hung, '/gopy DA-05 Dòng thứ nhất\nDòng thứ hai', 'C2'],
      [hkDel, '/gopy DA-05 #i =SUM(A1) cần xem lại', 'C3'],
      [bdClerk, '/gopy DA-05 #I Ý kiến sẽ được rút', 'C4'],
      [hkDel, '/gopy DA-05 #II Chưa được phản hồi', 'C5'],
    ] as const) {
      expect((await h.ask(who, 'private', text)).text).toMatch(new RegExp(`^✅ Đã ghi nhận ý kiến ${id} về Đề án DA-05`));
    }
    expect((await h.ask(bdClerk, 'private', '/rutgopy C4')).text).toBe('✅ Đã rút ý kiến C4. Ý kiến vẫn được lưu nhưng không đưa vào báo cáo.');
    expect((await h.ask(clerk, 'private', '/tiepthu C1 tiepthu Đã sửa mục II.')).text).toContain('«Tiếp thu»');
    expect((await h.ask(clerk, 'private', '/tiepthu C2 motphan Tiếp thu dòng thứ nhất.')).text).toContain('«Tiếp thu một phần»');
    expect((await h.ask(clerk, 'private', '/tiepthu C3 giaitrinh Giữ như dự thảo.')).text).toContain('«Giải trình»');
    expect((await h.ask(bvDel, groupBV, '/nhattri DA-05')).text).toBe('✅ Đã ghi nhận: đơn vị BV nhất trí, không có ý kiến đối với Đề án DA-05.');
    await h.settle();
  });

  it('sends a proper Word document: general comments first, then each section, withdrawn ones left out', async () => {
    const { message, data } = await reportFile(clerk, '/baocao DA-05');
    expect(message.document!.file_name).toBe('Bao-cao-tiep-thu-giai-trinh-DA-05.docx');
    expect(message.caption).toBe('📄 Báo cáo tiếp thu, giải trình ý kiến góp ý đối với dự thảo Đề án DA-05 (4 ý kiến).');
    expect(data.subarray(0, 2).toString()).toBe('PK');
    const zip = await JSZip.loadAsync(data);
    for (const f of ['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/styles.xml', 'word/_rels/document.xml.rels']) expect(zip.file(f), f).not.toBeNull();
    const xml = await zip.file('word/document.xml')!.async('string');
    // Well formed enough for Word: balanced structure, header references that resolve, A4 landscape, Times New Roman.
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ')).toBe(true);
    expect(count(xml, /<w:tbl>/g)).toBe(count(xml, /<\/w:tbl>/g));
    expect(count(xml, /<w:tr>/g)).toBe(count(xml, /<\/w:tr>/g));
    expect(count(xml, /<w:tc>/g)).toBe(count(xml, /<\/w:tc>/g));
    expect(count(xml, /<w:p>/g)).toBe(count(xml, /<\/w:p>/g));
    const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
    for (const [, id] of xml.matchAll(/r:id="(rId\d+)"/g)) expect(rels).toContain(`Id="${id}"`);
    expect(xml).toContain('<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>');
    expect(await zip.file('word/styles.xml')!.async('string')).toContain('Times New Roman');

    const [heading, table] = tables(xml);
    // COUNCIL_NAME and COUNCIL_KIND (Hà Nội, thành phố by default) name the issuing body.
    expect(heading![0]![0]).toBe(`HĐND THÀNH PHỐ HÀ NỘI\n${t('report-committee')}\n`);
    expect(heading![0]![0]).toContain('THƯỜNG TRỰC HĐND');
    const kind = (k: string) => t(`report-kind-${k}`);
    const author = (unit: string, name: string) => `${t('report-author', { unit, name })}\n${today()}`;
    expect(table!.slice(1)).toEqual([
      [t('report-general')],
      ['1', 'Dòng thứ nhất\nDòng thứ hai (C2)', author('quận Ba Đình', 'Phạm Quốc Hùng'), `${kind('partial')}: Tiếp thu dòng thứ nhất.`],
      [t('report-section', { section: 'I' })],
      ['2', '=SUM(A1) cần xem lại (C3)', author('quận Hoàn Kiếm', 'Hoàng Minh'), `${kind('explain')}: Giữ như dự thảo.`],
      [t('report-section', { section: 'II' })],
      ['3', 'Đề nghị làm rõ "thẩm quyền", phạm vi giám sát. (C1)', author('quận Ba Đình', 'Nguyễn Thị Lan'), `${kind('accept')}: Đã sửa mục II.`],
      ['4', 'Chưa được phản hồi (C5)', author('quận Hoàn Kiếm', 'Hoàng Minh'), t('report-no-response')],
    ]);
    expect(table![0]).toHaveLength(4);
    expect(xml).not.toContain('Ý kiến sẽ được rút');
    const after = paragraphs(xml.slice(xml.indexOf('</w:tbl>', xml.indexOf('<w:tblHeader/>')), xml.lastIndexOf('<w:tbl>'))).filter((p) => p !== '');
    expect(after).toEqual([
      t('report-agreed', { units: 'huyện Ba Vì' }),
      t('report-silent', { units: 'thị xã Sơn Tây' }),
      t('report-closing', { title: TITLE, committee: 'Thường trực HĐND thành phố Hà Nội' }),
    ]);
    // The stored data the report was built from.
    const { proposals } = h.app.svc.store;
    expect((await proposals.comments('DA-05')).map((c) => `${c.id}:${c.status}:${c.response?.kind ?? '-'}`)).toEqual(['C1:active:accept', 'C2:active:partial', 'C3:active:explain', 'C4:withdrawn:-', 'C5:active:-']);
    expect([...(await proposals.agreed('DA-05')).keys()]).toEqual(['BV']);
  });

  it('reads as a Vietnamese administrative report, every label from the locale', async () => {
    const { data } = await reportFile(clerk, '/report DA-05 docx');
    const xml = await (await JSZip.loadAsync(data)).file('word/document.xml')!.async('string');
    const text = paragraphs(xml).join('\n');
    // Labels the report asks for that are missing from locales/*.ftl show as {report-…}.
    expect([...new Set(text.match(/\{report-[a-z0-9-]+\}/g) ?? [])]).toEqual([]);
    const [heading, table] = tables(xml);
    const now = new TZDate(Date.now(), TZ);
    const month = now.getMonth() + 1 <= 2 ? pad(now.getMonth() + 1) : String(now.getMonth() + 1); // Nghị định 30: 05, 02 but 3, 10
    expect(heading![0]![1]).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n');
    // The number left for the office to fill in, the suffix from REPORT_NUMBER_SUFFIX (default HĐND).
    expect(heading![1]).toEqual([`Số: ${'\u00A0'.repeat(8)}/BC-HĐND`, `Hà Nội, ngày ${pad(now.getDate())} tháng ${month} năm ${now.getFullYear()}`]);
    expect(text).toContain(`BÁO CÁO\nTiếp thu, giải trình ý kiến góp ý đối với dự thảo Đề án “${TITLE}”\n`);
    // The basis and the tally: 4 units consulted; BD and HK commented (4 comments), BV agreed, ST silent.
    const created = (await h.app.svc.store.proposals.get('DA-05'))!;
    const deadline = new TZDate(created.deadline, TZ);
    expect(text).toContain(
      `Ngày ${viDate(created.createdAt)}, Thường trực HĐND thành phố Hà Nội đã gửi dự thảo Đề án “${TITLE}” đến 4 đơn vị để xin ý kiến góp ý; thời hạn góp ý đến ${viWhen(deadline.getTime())}.\n` +
        `Tính đến ngày ${today()}, có 2 đơn vị góp ý với tổng số 4 ý kiến; 1 đơn vị nhất trí, không có ý kiến khác; 1 đơn vị chưa có ý kiến.\n` +
        'Trong 4 ý kiến góp ý: tiếp thu 1 ý kiến, tiếp thu một phần 1 ý kiến, giải trình 1 ý kiến, chưa xử lý 1 ý kiến.\n' +
        'Kết quả tiếp thu, giải trình cụ thể như sau:',
    );
    expect(table![0]).toEqual(['STT', 'Nội dung góp ý', 'Đơn vị, đại biểu góp ý', 'Ý kiến tiếp thu, giải trình']);
    expect(table!.map((r) => r[3] ?? '').filter((c) => /^(Tiếp thu|Giải trình)/.test(c))).toEqual([
      'Tiếp thu một phần: Tiếp thu dòng thứ nhất.', 'Giải trình: Giữ như dự thảo.', 'Tiếp thu: Đã sửa mục II.',
    ]);
    expect(table!.filter((r) => r.length === 1).map((r) => r[0])).toEqual(['Ý kiến chung', 'Mục I', 'Mục II']);
    expect(text).toContain('Các đơn vị nhất trí, không có ý kiến: huyện Ba Vì.\nCác đơn vị chưa có ý kiến: thị xã Sơn Tây.\n');
    // Signed as configured (REPORT_SIGNER_TITLE default CHỦ TỊCH, no name: the space is left), sent to the 4 units.
    const sign = tables(xml)[2]!;
    expect(sign[0]![1]).toBe('TM. THƯỜNG TRỰC HĐND\nCHỦ TỊCH\n');
    expect(sign[0]![0]!.split('\n')).toEqual([
      'Nơi nhận:',
      '- Như trên;',
      '- Thường trực HĐND quận Ba Đình;',
      '- Thường trực HĐND quận Hoàn Kiếm;',
      '- Thường trực HĐND huyện Ba Vì;',
      '- Thường trực HĐND thị xã Sơn Tây;',
      '- Lưu: VT.',
    ]);
  });

  it('takes the number and the signer from the command', async () => {
    const { data } = await reportFile(clerk, '/baocao DA-05 số: 15 ký: Phó Chủ tịch, Nguyễn Văn An');
    const xml = await (await JSZip.loadAsync(data)).file('word/document.xml')!.async('string');
    const [heading, , sign] = tables(xml);
    expect(heading![1]![0]).toBe('Số: 15/BC-HĐND');
    expect(sign![0]![1]).toBe('TM. THƯỜNG TRỰC HĐND\nPHÓ CHỦ TỊCH\nNguyễn Văn An');
    const md = (await reportFile(clerk, '/baocao DA-05 md so: 16')).data.toString('utf8');
    expect(md.split('\n')[0]).toBe('HĐND THÀNH PHỐ HÀ NỘI<br>**THƯỜNG TRỰC HĐND**<br>Số: 16/BC-HĐND');
    expect((await h.ask(clerk, 'private', '/baocao DA-05 số: mười')).text).toBe(t('report-usage'));
  });

  it('exports CSV for Excel: BOM, one header row, one row per active comment, Vietnamese intact', async () => {
    const { message, data } = await reportFile(clerk, '/baocao da-05 CSV');
    expect(message.document!.file_name).toBe('Bao-cao-tiep-thu-giai-trinh-DA-05.csv');
    expect([...data.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = data.toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(text.slice(1));
    expect(rows[0]).toEqual(['STT', 'Mã ý kiến', 'Mục', 'Nội dung góp ý', 'Đơn vị', 'Đại biểu', 'Ngày góp ý', 'Hình thức', 'Nội dung tiếp thu, giải trình']);
    expect(rows.slice(1)).toEqual([
      ['1', 'C2', 'Ý kiến chung', 'Dòng thứ nhất\nDòng thứ hai', 'Quận Ba Đình', 'Phạm Quốc Hùng', today(), 'Tiếp thu một phần', 'Tiếp thu dòng thứ nhất.'],
      ['2', 'C3', 'I', "'=SUM(A1) cần xem lại", 'Quận Hoàn Kiếm', 'Hoàng Minh', today(), 'Giải trình', 'Giữ như dự thảo.'],
      ['3', 'C1', 'II', 'Đề nghị làm rõ "thẩm quyền", phạm vi giám sát.', 'Quận Ba Đình', 'Nguyễn Thị Lan', today(), 'Tiếp thu', 'Đã sửa mục II.'],
      ['4', 'C5', 'II', 'Chưa được phản hồi', 'Quận Hoàn Kiếm', 'Hoàng Minh', today(), '', ''],
    ]);
    expect(text).not.toContain('Ý kiến sẽ được rút');
  });

  it('exports Markdown, and English for an English secretary', async () => {
    const md = (await reportFile(clerk, '/baocao DA-05 md')).data.toString('utf8');
    expect(md).toContain(`| 1 | Dòng thứ nhất<br>Dòng thứ hai (C2) | Thường trực HĐND quận Ba Đình (đ/c Phạm Quốc Hùng), ${today()} | **${t('report-kind-partial')}**: Tiếp thu dòng thứ nhất. |`);
    expect(md).toContain(`| 3 | Đề nghị làm rõ "thẩm quyền", phạm vi giám sát. (C1) | Thường trực HĐND quận Ba Đình (đ/c Nguyễn Thị Lan), ${today()} |`);
    expect(md).not.toContain('Ý kiến sẽ được rút');
    const en = await reportFile(engClerk, '/report DA-05 csv');
    expect(en.message.document!.file_name).toBe('Report-comments-DA-05.csv');
    expect(en.message.caption).toBe('📄 Report on how the comments on draft proposal DA-05 were handled (4 comments).');
    const d = new TZDate(Date.now(), TZ);
    const enDate = `${d.getDate()} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getMonth()]} ${d.getFullYear()}`;
    const rows = parseCsv(en.data.toString('utf8').slice(1));
    expect(rows.slice(1).map((r) => [r[1], r[6], r[7]])).toEqual([
      ['C2', enDate, h.app.svc.t('en', 'report-kind-partial')], ['C3', enDate, h.app.svc.t('en', 'report-kind-explain')], ['C1', enDate, h.app.svc.t('en', 'report-kind-accept')], ['C5', enDate, ''],
    ]);
  });

  it('goes privately when asked in a group, and only to council secretaries', async () => {
    const since = h.emu.botMessages(clerk.id).length;
    expect((await h.ask(clerk, groupBD, '/baocao DA-05')).text).toBe('📩 Nội dung đã được gửi vào tin nhắn riêng của đồng chí.');
    const doc = await h.nextBotMessage(clerk.id, since);
    expect(doc.document?.file_name).toBe('Bao-cao-tiep-thu-giai-trinh-DA-05.docx');
    expect(h.emu.botMessages(groupBD.id).some((m) => m.document)).toBe(false);
    expect((await h.ask(lan, 'private', '/baocao DA-05')).text).toBe('ℹ️ Lệnh này chỉ dành cho thư ký. Đồng chí có thể dùng /huongdan để xem các lệnh của mình.');
    expect((await h.ask(bdClerk, 'private', '/baocao DA-05')).text).toBe('ℹ️ Việc này thuộc thẩm quyền của thư ký HĐND thành phố Hà Nội (đơn vị TP).');
    expect((await h.ask(clerk, 'private', '/baocao DA-05 pdf')).text).toBe(t('report-usage'));
    expect(t('report-usage')).toContain('/baocao MÃ_ĐỀ_ÁN [docx|csv|md] [số: 12] [ký: PHÓ CHỦ TỊCH, Nguyễn Văn A]');
    expect((await h.ask(clerk, 'private', '/baocao')).text).toBe('ℹ️ Thiếu mã đề án (ví dụ DA-01). Gửi /dean để xem các đề án.');
    expect((await h.ask(clerk, 'private', '/baocao DA-99')).text).toBe('ℹ️ Không có đề án «DA-99». Gửi /dean để xem các đề án.');
    expect((await h.ask(engClerk, 'private', '/report DA-05 xlsx')).text).toBe(h.app.svc.t('en', 'report-usage'));
    expect(h.app.svc.t('en', 'report-usage')).toContain('/report CODE [docx|csv|md] [no: 12] [sign: VICE CHAIR, Nguyễn Văn A]');
  });
});

describe('deadlines', () => {
  let nudgeDeadline = 0;
  let closeDeadline = 0;
  let callBD7: EmuMessage;

  it('schedules only the nudge still ahead (DA-07: 1 day and 4 s away)', async () => {
    nudgeDeadline = Math.ceil((Date.now() + DAY + 4000) / 1000) * 1000;
    const created = await h.ask(clerk, 'private', ['/taodean', 'mã: DA-07', 'tiêu đề: Đề án <thí điểm> chính quyền đô thị', `hạn: ${isoLocal(nudgeDeadline)}`, 'đơn vị: BD HK BV ST'].join('\n'));
    expect(created.text).toBe(`✅ Đã tạo đề án DA-07, hạn góp ý ${viWhen(nudgeDeadline)}. Lời đề nghị góp ý được gửi tới 3 nhóm.${dayOffNote(nudgeDeadline)}`);
    expect((await h.app.svc.store.proposals.get('DA-07'))?.deadline).toBe(nudgeDeadline);
    // BD comments (by replying to the call), HK agrees, BV says nothing; ST has no group.
    callBD7 = await h.emu.waitFor(() => h.emu.botMessages(groupBD.id).find((m) => m.text?.startsWith('📝 LẤY Ý KIẾN GÓP Ý DỰ THẢO ĐỀ ÁN DA-07')), { what: 'call DA-07' });
    expect((await h.ask(hung, groupBD, 'Đồng ý với dự thảo.', { replyTo: callBD7.message_id })).text).toMatch(/^✅ Đã ghi nhận ý kiến C\d+ về Đề án DA-07\./);
    expect((await h.ask(hkDel, groupHK, '/nhattri DA-07')).text).toBe('✅ Đã ghi nhận: đơn vị HK nhất trí, không có ý kiến đối với Đề án DA-07.');
    expect(Date.now()).toBeLessThan(nudgeDeadline - DAY); // all of that before the nudge is due
    expect(await h.app.queues.tasks.getJob(`pnudge-DA-07-v1-${3 * DAY}`)).toBeUndefined();
    expect(await (await h.app.queues.tasks.getJob(`pnudge-DA-07-v1-${DAY}`))?.getState()).toBe('delayed');
  });

  it('refuses comments, agreement, edits and withdrawals once the window closed, naming the deadline', async () => {
    closeDeadline = Math.ceil((Date.now() + 3000) / 1000) * 1000 + 1000;
    const created = await h.ask(clerk, 'private', ['/taodean', 'mã: DA-06', 'tiêu đề: Đề án hết hạn sớm', 'các mục: 1, 2', `hạn: ${isoLocal(closeDeadline)}`, 'đơn vị: BD'].join('\n'));
    expect(created.text).toBe(`✅ Đã tạo đề án DA-06, hạn góp ý ${viWhen(closeDeadline)}. Lời đề nghị góp ý được gửi tới 1 nhóm.${dayOffNote(closeDeadline)}`);
    const call = await h.emu.waitFor(() => h.emu.botMessages(groupBD.id).find((m) => m.text?.startsWith('📝 LẤY Ý KIẾN GÓP Ý DỰ THẢO ĐỀ ÁN DA-06')), { what: 'call DA-06' });
    const early = await h.ask(lan, 'private', '/gopy DA-06 #1 Gửi kịp trước hạn');
    const id = /ý kiến (C\d+)/.exec(early.text!)![1]!;
    expect(early.text).toBe(`✅ Đã ghi nhận ý kiến ${id} về Đề án DA-06, mục 1. Sửa: /suagopy ${id} … · Rút: /rutgopy ${id}`);
    expect(Date.now()).toBeLessThan(closeDeadline);

    await h.emu.waitFor(() => Date.now() > closeDeadline + 50, { timeout: 8000, what: 'the deadline of DA-06' });
    const seq = await commentSeq();
    const counts = await h.app.svc.store.proposals.counts('DA-06');
    const closed = `ℹ️ Đề án DA-06 đã hết hạn góp ý lúc ${viWhen(closeDeadline)}. Ý kiến chưa được ghi nhận.`;
    expect((await h.ask(lan, 'private', '/gopy DA-06 #2 Gửi muộn')).text).toBe(closed);
    expect((await h.ask(hung, groupBD, 'Trả lời muộn', { replyTo: call.message_id })).text).toBe(closed);
    const docAnswer = h.emu.botMessages(groupBD.id).length;
    h.emu.sendDocument(hung, groupBD, { fileName: 'muon.pdf', caption: '/gopy DA-06 Tệp gửi muộn' });
    expect((await h.nextBotMessage(groupBD.id, docAnswer)).text).toBe(closed);
    expect((await h.ask(hung, 'private', '/nhattri DA-06')).text).toBe(closed);
    expect((await h.ask(lan, 'private', `/suagopy ${id} Sửa sau hạn`)).text).toBe(closed);
    expect((await h.ask(lan, 'private', `/rutgopy ${id}`)).text).toBe(closed);
    // Without a code, the closed proposal is not a candidate: DA-05 and DA-07 are still open to BD.
    expect((await h.ask(lan, 'private', '/gopy Không ghi mã')).text).toBe(
      'ℹ️ Đơn vị đồng chí đang được lấy ý kiến về nhiều đề án (DA-05, DA-07). Đồng chí ghi mã đề án trong lệnh, ví dụ /gopy DA-01 nội dung.',
    );
    expect((await h.ask(john, 'private', '/comment DA-06 Too late')).text).toBe(`ℹ️ Proposal DA-06 closed for comments ${enWhen(closeDeadline)}. Your comment was not recorded.`);
    expect(await commentSeq()).toBe(seq);
    expect(await h.app.svc.store.proposals.counts('DA-06')).toEqual(counts);
    expect((await h.app.svc.store.proposals.agreed('DA-06')).size).toBe(0);
    expect(await h.app.svc.store.proposals.comment(id)).toMatchObject({ text: 'Gửi kịp trước hạn', status: 'active', history: [] });
    expect((await h.ask(clerk, 'private', '/xemdean DA-06')).text).toContain('\nTình trạng: đã hết hạn góp ý.\n📊 Ý kiến: 1 (đã rút 0)');
    expect((await h.ask(clerk, 'private', '/dean')).text).toContain(`• DA-06 «Đề án hết hạn sớm» · đã hết hạn ${viWhen(closeDeadline)} · 1 ý kiến`);
  });

  it('nudges only the groups of target units that neither commented nor agreed', async () => {
    const nudge = await h.emu.waitFor(() => h.emu.botMessages(groupBV.id).find((m) => m.text?.startsWith('⏳ Đề án DA-07')), { timeout: 10_000, what: 'nudge in BV' });
    expect(nudge.text).toBe(
      `⏳ Đề án DA-07 «Đề án <thí điểm> chính quyền đô thị» hết hạn góp ý lúc ${viWhen(nudgeDeadline)} (còn 1 ngày). Đơn vị chưa gửi ý kiến: đề nghị trả lời tin nhắn lấy ý kiến, gửi /gopy DA-07 nội dung, hoặc /nhattri DA-07 nếu nhất trí, không có ý kiến.`,
    );
    await h.settle();
    expect(h.emu.botMessages(groupBV.id).filter((m) => m.text?.startsWith('⏳'))).toHaveLength(1);
    expect(h.emu.botMessages(groupBD.id).some((m) => m.text?.startsWith('⏳'))).toBe(false);
    expect(h.emu.botMessages(groupHK.id).some((m) => m.text?.startsWith('⏳'))).toBe(false);
    expect(await (await h.app.queues.tasks.getJob(`pnudge-DA-07-v1-${DAY}`))?.getState()).toBe('completed');
  });
});

function enWhen(ms: number): string {
  const d = new TZDate(ms, TZ);
  return `${['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getDay()]} ${d.getDate()} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getMonth()]} ${d.getFullYear()}, ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

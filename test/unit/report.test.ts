import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { createI18n } from '#root/i18n.js';
import { groupBySection, reportCsv, reportDocx, reportMd, type Labels, type ReportComment, type ReportInput } from '#root/views/report.js';

/** The real labels of locales/*.ftl, through the app's Fluent setup. */
const i18n = createI18n('vi');
function translator(locale: 'vi' | 'en'): Labels {
  return (key, vars) => i18n.t(locale, key, vars);
}
const t = translator('vi');

/** 15/10/2021 09:00 in Hà Nội (UTC+7). */
const OCT15 = Date.UTC(2021, 9, 15, 2, 0);
const HOUR = 3_600_000;

function comment(id: string, over: Partial<ReportComment> = {}): ReportComment {
  return {
    id,
    text: `Nội dung góp ý ${id}`,
    authorName: 'Nguyễn Văn A',
    unit: 'BD',
    unitName: 'Quận Ba Đình',
    createdAt: OCT15,
    ...over,
  };
}

function input(over: Partial<ReportInput> = {}): ReportInput {
  return {
    councilName: 'HĐND THÀNH PHỐ HÀ NỘI',
    committee: 'THƯỜNG TRỰC',
    place: 'Hà Nội',
    proposal: { code: 'DA-01', title: 'Nâng cao năng lực, hiệu lực, hiệu quả hoạt động của HĐND', sections: ['1', '2', '3.1', '3.2'] },
    date: new Date(Date.UTC(2021, 9, 25, 3, 0)),
    tz: 'Asia/Ho_Chi_Minh',
    locale: 'vi',
    comments: [
      comment('C12', { section: '3.2', text: 'Đề nghị bổ sung «cơ chế phối hợp»\nvà làm rõ trách nhiệm.', response: { kind: 'accept', text: 'Đã bổ sung tại khoản 2.' } }),
      comment('C3', { section: '1', createdAt: OCT15 + HOUR, authorName: 'Trần Thị Bình', unit: 'HK', unitName: 'Quận Hoàn Kiếm', response: { kind: 'partial', text: 'Tiếp thu phần số liệu.' } }),
      comment('C7', { text: 'Ý kiến chung về bố cục <b> & "trích dẫn" \'đơn\'', unit: 'BV', unitName: 'Huyện Ba Vì', authorName: 'Lê Văn Cường', response: { kind: 'explain', text: 'Giữ nguyên vì đã phù hợp.' } }),
      comment('C2', { section: '1', createdAt: OCT15 - HOUR }),
      // 14/10/2021 18:30 UTC is 15/10/2021 01:30 in Hà Nội.
      comment('C9', { section: '3.2', createdAt: Date.UTC(2021, 9, 14, 18, 30) }),
    ],
    agreedUnits: [
      { code: 'CG', name: 'Quận Cầu Giấy' },
      { code: 'TX', name: 'Quận Thanh Xuân' },
    ],
    silentUnits: [{ code: 'ST', name: 'Thị xã Sơn Tây' }],
    ...over,
  };
}

async function documentXml(buf: Buffer): Promise<{ zip: JSZip; xml: string }> {
  const zip = await JSZip.loadAsync(buf);
  const xml = await zip.file('word/document.xml')!.async('string');
  return { zip, xml };
}

/** The text of the document, paragraph by paragraph (runs joined, tags dropped, entities decoded). */
function paragraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p\b[^>]*?(?:\/>|>([\s\S]*?)<\/w:p>)/g)].map((m) =>
    [...(m[1] ?? '').matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)]
      .map((r) => (r[0] === '<w:tab/>' ? '\t' : (r[1] as string)))
      .join('')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&'),
  );
}

/** Rows of the main table, each as its cells' texts (paragraphs joined by \n). */
function tableRows(xml: string): string[][] {
  const tables = [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)];
  const main = tables[1]![1] as string;
  return [...main.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map((r) =>
    [...(r[1] as string).matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => paragraphs(c[1] as string).join('\n')),
  );
}

/** A minimal RFC 4180 parser (for checking, not for production). */
function parseCsv(s: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < s.length) {
    const ch = s[i] as string;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else field += ch;
      i++;
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && s[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
    i++;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

describe('groupBySection', () => {
  it('puts general comments first, then declared sections in order, comments by time then id', () => {
    const groups = groupBySection(input());
    expect(groups.map((g) => g.section)).toEqual([undefined, '1', '3.2']);
    expect(groups.map((g) => g.comments.map((c) => c.id))).toEqual([['C7'], ['C2', 'C3'], ['C9', 'C12']]);
  });

  it('breaks ties on time by the id, numerically', () => {
    const groups = groupBySection(input({ comments: [comment('C12', { section: '2' }), comment('C9', { section: '2' }), comment('C100', { section: '2' })] }));
    expect(groups[0]!.comments.map((c) => c.id)).toEqual(['C9', 'C12', 'C100']);
  });

  it('keeps the declared order rather than the label order, and leaves out empty sections', () => {
    const groups = groupBySection(
      input({
        proposal: { code: 'X', title: 'X', sections: ['10', '2', '1'] },
        comments: [comment('C1', { section: '1' }), comment('C2', { section: '10' })],
      }),
    );
    expect(groups.map((g) => g.section)).toEqual(['10', '1']);
  });

  it('puts sections no longer declared after the declared ones', () => {
    const groups = groupBySection(input({ comments: [comment('C1', { section: '9' }), comment('C2', { section: '2' }), comment('C3')] }));
    expect(groups.map((g) => g.section)).toEqual([undefined, '2', '9']);
  });

  it('returns nothing for no comments', () => {
    expect(groupBySection(input({ comments: [] }))).toEqual([]);
  });
});

describe('reportDocx', () => {
  it('is A4 landscape with margins, Times New Roman 13 pt, page numbers from page 2', async () => {
    const { zip, xml } = await documentXml(await reportDocx(input(), t));
    expect(xml).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701"/);
    expect(xml).toContain('<w:titlePg/>');
    const styles = await zip.file('word/styles.xml')!.async('string');
    expect(styles).toMatch(/<w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman"[^>]*w:hAnsi="Times New Roman"\/><w:sz w:val="26"\/>/);
    expect(styles).toContain('w:styleId="ReportCell"');
    // The header references point at the header parts.
    const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
    for (const [, type, id] of xml.matchAll(/<w:headerReference w:type="(\w+)" r:id="(rId\d+)"\/>/g)) {
      const target = new RegExp(`Id="${id}" Type="[^"]+/header" Target="(header\\d+\\.xml)"`).exec(rels)?.[1];
      expect(target, `${type} header`).toBeDefined();
      const header = await zip.file(`word/${target}`)!.async('string');
      if (type === 'default') expect(header).toContain('PAGE');
    }
    expect([...xml.matchAll(/<w:headerReference/g)]).toHaveLength(2);
  });

  it('writes the heading block, place and date, title and subtitle', async () => {
    const { xml } = await documentXml(await reportDocx(input(), t));
    const ps = paragraphs(xml);
    const at = (s: string) => ps.indexOf(s);
    expect(at('HĐND THÀNH PHỐ HÀ NỘI')).toBe(0);
    expect(at('THƯỜNG TRỰC')).toBe(1);
    expect(at('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')).toBeGreaterThan(1);
    expect(at('Độc lập - Tự do - Hạnh phúc')).toBe(at('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM') + 1);
    expect(at('Hà Nội, ngày 25 tháng 10 năm 2021')).toBeGreaterThan(at('Độc lập - Tự do - Hạnh phúc'));
    expect(at('BÁO CÁO')).toBeGreaterThan(at('Hà Nội, ngày 25 tháng 10 năm 2021'));
    expect(at('Tiếp thu, giải trình ý kiến góp ý đối với dự thảo Đề án DA-01 «Nâng cao năng lực, hiệu lực, hiệu quả hoạt động của HĐND»')).toBe(at('BÁO CÁO') + 1);
    // Committee and motto bold, date italic.
    expect(xml).toContain('<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">THƯỜNG TRỰC</w:t></w:r>');
    expect(xml).toContain('<w:rPr><w:i/><w:iCs/></w:rPr><w:t xml:space="preserve">Hà Nội, ngày 25 tháng 10 năm 2021</w:t>');
    // The heading table has no borders.
    expect(xml.slice(0, xml.indexOf('</w:tbl>'))).toContain('<w:top w:val="nil"/>');
  });

  it('writes the table: repeated header row, a merged row per section, one row per comment in order', async () => {
    const { xml } = await documentXml(await reportDocx(input(), t));
    const rows = tableRows(xml);
    expect(rows).toEqual([
      ['STT', 'Nội dung góp ý', 'Đơn vị, đại biểu góp ý', 'Ý kiến tiếp thu, giải trình'],
      ['Ý kiến chung'],
      ['1', 'Ý kiến chung về bố cục <b> & "trích dẫn" \'đơn\' (C7)', 'Huyện Ba Vì — Lê Văn Cường, 15/10/2021', 'Giải trình: Giữ nguyên vì đã phù hợp.'],
      ['Mục 1'],
      ['2', 'Nội dung góp ý C2 (C2)', 'Quận Ba Đình — Nguyễn Văn A, 15/10/2021', 'Chưa có ý kiến tiếp thu, giải trình'],
      ['3', 'Nội dung góp ý C3 (C3)', 'Quận Hoàn Kiếm — Trần Thị Bình, 15/10/2021', 'Tiếp thu một phần: Tiếp thu phần số liệu.'],
      ['Mục 3.2'],
      ['4', 'Nội dung góp ý C9 (C9)', 'Quận Ba Đình — Nguyễn Văn A, 15/10/2021', 'Chưa có ý kiến tiếp thu, giải trình'],
      ['5', 'Đề nghị bổ sung «cơ chế phối hợp»\nvà làm rõ trách nhiệm. (C12)', 'Quận Ba Đình — Nguyễn Văn A, 15/10/2021', 'Tiếp thu: Đã bổ sung tại khoản 2.'],
    ]);
    expect(xml).toMatch(/<w:tr><w:trPr><w:cantSplit\/><w:tblHeader\/><\/w:trPr>/);
    expect([...xml.matchAll(/<w:tblHeader\/>/g)]).toHaveLength(1);
    expect([...xml.matchAll(/<w:gridSpan w:val="4"\/>/g)]).toHaveLength(3);
    expect(xml).toContain('<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">Mục 3.2</w:t></w:r>');
    expect(xml).toContain('<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">Tiếp thu một phần</w:t></w:r>');
    expect(xml).toContain('<w:r><w:rPr><w:i/><w:iCs/></w:rPr><w:t xml:space="preserve">Chưa có ý kiến tiếp thu, giải trình</w:t></w:r>');
  });

  it('escapes XML special characters and drops characters XML forbids', async () => {
    const { xml } = await documentXml(
      await reportDocx(input({ comments: [comment('C1', { text: 'a < b && c > "d" \u0001 e\u0000', authorName: 'Tom & <Jerry>' })] }), t),
    );
    expect(xml).toContain('a &lt; b &amp;&amp; c &gt; &quot;d&quot;  e (C1)');
    expect(xml).toContain('Tom &amp; &lt;Jerry&gt;');
    // eslint-disable-next-line no-control-regex -- the control characters the input carried
    expect(xml).not.toMatch(/[\u0000\u0001]/);
    expect(xml).not.toContain('<Jerry>');
    expect(xml).not.toContain('<b>');
  });

  it('keeps Vietnamese text intact (NFC, diacritics) and line breaks as paragraphs', async () => {
    const text = 'Đề nghị điều chỉnh: “Ủy ban nhân dân”, ưu tiên ngân sách;\r\nDòng thứ hai — Hội đồng\n\nDòng thứ tư';
    const { xml } = await documentXml(await reportDocx(input({ comments: [comment('C1', { text })] }), t));
    const ps = paragraphs(xml);
    const i = ps.indexOf('Đề nghị điều chỉnh: “Ủy ban nhân dân”, ưu tiên ngân sách;');
    expect(i).toBeGreaterThan(0);
    expect(ps.slice(i, i + 4)).toEqual(['Đề nghị điều chỉnh: “Ủy ban nhân dân”, ưu tiên ngân sách;', 'Dòng thứ hai — Hội đồng', '', 'Dòng thứ tư (C1)']);
  });

  it('writes the agreed and silent unit lines, or «không có»', async () => {
    let { xml } = await documentXml(await reportDocx(input(), t));
    let ps = paragraphs(xml);
    expect(ps).toContain('Các đơn vị nhất trí, không có ý kiến: Quận Cầu Giấy, Quận Thanh Xuân.');
    expect(ps).toContain('Các đơn vị chưa có ý kiến: Thị xã Sơn Tây.');
    expect(xml.lastIndexOf('Các đơn vị nhất trí')).toBeGreaterThan(xml.lastIndexOf('</w:tbl>'));
    ({ xml } = await documentXml(await reportDocx(input({ agreedUnits: [], silentUnits: [] }), t)));
    ps = paragraphs(xml);
    expect(ps).toContain('Các đơn vị nhất trí, không có ý kiến: không có.');
    expect(ps).toContain('Các đơn vị chưa có ý kiến: không có.');
  });

  it('builds with no comments: header row only', async () => {
    const { xml } = await documentXml(await reportDocx(input({ comments: [] }), t));
    expect(tableRows(xml)).toHaveLength(1);
  });

  it('speaks English with English dates', async () => {
    const { xml } = await documentXml(await reportDocx(input({ locale: 'en' }), translator('en')));
    const ps = paragraphs(xml);
    expect(ps).toContain('SOCIALIST REPUBLIC OF VIET NAM');
    expect(ps).toContain('Hà Nội, 25 Oct 2021');
    expect(ps).toContain('General comments');
    expect(ps).toContain('Section 3.2');
    expect(ps).toContain('Quận Ba Đình — Nguyễn Văn A, 15 Oct 2021');
    const styles = await (await JSZip.loadAsync(await reportDocx(input({ locale: 'en' }), translator('en')))).file('word/styles.xml')!.async('string');
    expect(styles).toContain('<w:lang w:val="en-GB"/>');
  });

  it('builds 2,000 comments quickly', async () => {
    const comments = Array.from({ length: 2000 }, (_, i) => comment(`C${i + 1}`, { section: ['1', '2', '3.1', '3.2'][i % 4], createdAt: OCT15 + i * 1000 }));
    const t0 = performance.now();
    const { xml } = await documentXml(await reportDocx(input({ comments }), t));
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(tableRows(xml)).toHaveLength(1 + 4 + 2000);
  });
});

describe('reportCsv', () => {
  it('starts with the BOM, uses CRLF, one header and one row per comment in report order', () => {
    const csv = reportCsv(input(), t);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/\r(?!\n)/);
    const rows = parseCsv(csv.slice(1));
    expect(rows[0]).toEqual(['STT', 'Mã ý kiến', 'Mục', 'Nội dung góp ý', 'Đơn vị', 'Đại biểu', 'Ngày góp ý', 'Hình thức', 'Nội dung tiếp thu, giải trình']);
    expect(rows).toHaveLength(1 + 5);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[2]])).toEqual([
      ['1', 'C7', 'Ý kiến chung'],
      ['2', 'C2', '1'],
      ['3', 'C3', '1'],
      ['4', 'C9', '3.2'],
      ['5', 'C12', '3.2'],
    ]);
    expect(rows[3]).toEqual(['3', 'C3', '1', 'Nội dung góp ý C3', 'Quận Hoàn Kiếm', 'Trần Thị Bình', '15/10/2021', 'Tiếp thu một phần', 'Tiếp thu phần số liệu.']);
    // No response: kind and text empty.
    expect(rows[2]!.slice(7)).toEqual(['', '']);
  });

  it('quotes commas, quotes and line breaks (RFC 4180) and keeps Vietnamese intact', () => {
    const text = 'Một, hai "ba"\nbốn — Ủy ban';
    const csv = reportCsv(input({ comments: [comment('C1', { text, authorName: 'Nguyễn Thị "Hoa", thư ký' })] }), t);
    expect(csv).toContain('"Một, hai ""ba""\nbốn — Ủy ban"');
    expect(csv).toContain('"Nguyễn Thị ""Hoa"", thư ký"');
    const rows = parseCsv(csv.slice(1));
    expect(rows).toHaveLength(2);
    expect(rows[1]![3]).toBe(text);
    expect(rows[1]![5]).toBe('Nguyễn Thị "Hoa", thư ký');
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('defuses text that Excel would run as a formula', () => {
    const csv = reportCsv(input({ comments: [comment('C1', { text: '=HYPERLINK("http://x")' }), comment('C2', { text: '- gạch đầu dòng', createdAt: OCT15 + 1 })] }), t);
    const rows = parseCsv(csv.slice(1));
    expect(rows[1]![3]).toBe('\'=HYPERLINK("http://x")');
    expect(rows[2]![3]).toBe("'- gạch đầu dòng");
  });

  it('is just the header for no comments', () => {
    expect(parseCsv(reportCsv(input({ comments: [] }), t).slice(1))).toHaveLength(1);
  });
});

describe('reportMd', () => {
  it('has the heading, title, a table per section in order and the unit lines', () => {
    const md = reportMd(input(), t);
    const lines = md.split('\n');
    expect(lines).toContain('# BÁO CÁO');
    expect(md).toContain('**Tiếp thu, giải trình ý kiến góp ý đối với dự thảo Đề án DA-01 «Nâng cao năng lực, hiệu lực, hiệu quả hoạt động của HĐND»**');
    expect(md).toContain('*Hà Nội, ngày 25 tháng 10 năm 2021*');
    const headings = lines.filter((l) => l.startsWith('## '));
    expect(headings).toEqual(['## Ý kiến chung', '## Mục 1', '## Mục 3.2']);
    expect(lines.filter((l) => l === '| STT | Nội dung góp ý | Đơn vị, đại biểu góp ý | Ý kiến tiếp thu, giải trình |')).toHaveLength(3);
    const rows = lines.filter((l) => /^\| \d+ \|/.test(l));
    expect(rows.map((r) => /\((C\d+)\)/.exec(r)?.[1])).toEqual(['C7', 'C2', 'C3', 'C9', 'C12']);
    expect(rows[1]).toBe('| 2 | Nội dung góp ý C2 (C2) | Quận Ba Đình — Nguyễn Văn A, 15/10/2021 | *Chưa có ý kiến tiếp thu, giải trình* |');
    expect(rows[4]).toBe('| 5 | Đề nghị bổ sung «cơ chế phối hợp»<br>và làm rõ trách nhiệm. (C12) | Quận Ba Đình — Nguyễn Văn A, 15/10/2021 | **Tiếp thu**: Đã bổ sung tại khoản 2. |');
    expect(lines).toContain('Các đơn vị nhất trí, không có ý kiến: Quận Cầu Giấy, Quận Thanh Xuân.');
    expect(lines).toContain('Các đơn vị chưa có ý kiến: Thị xã Sơn Tây.');
  });

  it('escapes pipes, markup and HTML inside cells', () => {
    const md = reportMd(input({ comments: [comment('C1', { text: 'a | b *c* <script>x</script>\nd_e' })] }), t);
    const row = md.split('\n').find((l) => l.startsWith('| 1 |'))!;
    expect(row).toBe('| 1 | a \\| b \\*c\\* &lt;script&gt;x&lt;/script&gt;<br>d\\_e (C1) | Quận Ba Đình — Nguyễn Văn A, 15/10/2021 | *Chưa có ý kiến tiếp thu, giải trình* |');
    // Every table row has exactly 5 unescaped pipes.
    expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(6);
  });
});

import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { createI18n } from '#root/i18n.js';
import { parseReportArgs } from '#root/reports.js';
import { groupBySection, reportCsv, reportDocx, reportMd, unitInSentence, type Labels, type ReportComment, type ReportInput, type ReportUnit } from '#root/views/report.js';

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

const unit = (code: string, name: string): ReportUnit => ({ code, name });
const CONSULTED = [
  unit('BD', 'Quận Ba Đình'),
  unit('HK', 'Quận Hoàn Kiếm'),
  unit('BV', 'Huyện Ba Vì'),
  unit('CG', 'Quận Cầu Giấy'),
  unit('TX', 'Quận Thanh Xuân'),
  unit('ST', 'Thị xã Sơn Tây'),
];

function input(over: Partial<ReportInput> = {}): ReportInput {
  return {
    councilName: 'HĐND THÀNH PHỐ HÀ NỘI',
    committee: 'THƯỜNG TRỰC HĐND',
    committeeInText: 'Thường trực HĐND thành phố Hà Nội',
    place: 'Hà Nội',
    number: { suffix: 'HĐND' },
    proposal: {
      code: 'DA-01',
      title: 'Nâng cao năng lực, hiệu lực, hiệu quả hoạt động của HĐND',
      sections: ['1', '2', '3.1', '3.2'],
      // Sent 10/10/2021 08:30, deadline 20/10/2021 17:00, Hà Nội time.
      sentAt: Date.UTC(2021, 9, 10, 1, 30),
      deadline: Date.UTC(2021, 9, 20, 10, 0),
    },
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
    consulted: CONSULTED,
    agreedUnits: [unit('CG', 'Quận Cầu Giấy'), unit('TX', 'Quận Thanh Xuân')],
    silentUnits: [unit('ST', 'Thị xã Sơn Tây')],
    signer: { title: 'Phó Chủ tịch', name: 'Nguyễn Văn A' },
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

/** Every table as rows of cells, a cell's paragraphs joined by \n: heading, comments, signature. */
function tables(xml: string): string[][][] {
  return [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((t) =>
    [...(t[1] as string).matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map((r) =>
      [...(r[1] as string).matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => paragraphs(c[1] as string).join('\n')),
    ),
  );
}

/** Rows of the main table, each as its cells' texts (paragraphs joined by \n). */
function tableRows(xml: string): string[][] {
  return tables(xml)[1] as string[][];
}

/** The document's paragraphs outside any table, as XML. */
function outsideTables(xml: string): string[] {
  const body = xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, '<w:tbl/>');
  return [...body.matchAll(/<w:p>[\s\S]*?<\/w:p>|<w:p\/>/g)].map((m) => m[0]);
}

/** The XML of the paragraph whose text is `text`. */
function paragraphXml(xml: string, text: string): string {
  const found = [...xml.matchAll(/<w:p>[\s\S]*?<\/w:p>/g)].map((m) => m[0]).find((p) => paragraphs(p)[0] === text);
  expect(found, `no paragraph «${text}»`).toBeDefined();
  return found as string;
}

const NBSP8 = '\u00A0'.repeat(8);

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
        proposal: { ...input().proposal, sections: ['10', '2', '1'] },
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

  it('writes the heading: council and committee, then the number line on the left; motto, then place and date on the right', async () => {
    const { xml } = await documentXml(await reportDocx(input(), t));
    const [heading] = tables(xml);
    // Two rows, so the number line and the date line stand on one level.
    expect(heading).toEqual([
      ['HĐND THÀNH PHỐ HÀ NỘI\nTHƯỜNG TRỰC HĐND\n', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n'],
      [`Số: ${NBSP8}/BC-HĐND`, 'Hà Nội, ngày 25 tháng 10 năm 2021'],
    ]);
    expect(paragraphs(xml)[0]).toBe('HĐND THÀNH PHỐ HÀ NỘI');
    // Committee and motto bold, the number upright, the date italic.
    expect(xml).toContain('<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">THƯỜNG TRỰC HĐND</w:t></w:r>');
    expect(paragraphXml(xml, `Số: ${NBSP8}/BC-HĐND`)).toContain(`<w:r><w:t xml:space="preserve">Số: ${NBSP8}/BC-HĐND</w:t></w:r>`);
    expect(xml).toContain('<w:rPr><w:i/><w:iCs/></w:rPr><w:t xml:space="preserve">Hà Nội, ngày 25 tháng 10 năm 2021</w:t>');
    // The heading table has no borders.
    expect(xml.slice(0, xml.indexOf('</w:tbl>'))).toContain('<w:top w:val="nil"/>');
  });

  it('fills in the number when given, with the suffix from the configuration', async () => {
    const { xml } = await documentXml(await reportDocx(input({ number: { value: '125', suffix: 'TTHĐND' } }), t));
    expect(tables(xml)[0]![1]![0]).toBe('Số: 125/BC-TTHĐND');
  });

  it('writes BÁO CÁO and the summary line in 14 pt bold: the title in “ ”, without the internal code', async () => {
    const { xml } = await documentXml(await reportDocx(input(), t));
    const ps = paragraphs(xml);
    const summary = 'Tiếp thu, giải trình ý kiến góp ý đối với dự thảo Đề án “Nâng cao năng lực, hiệu lực, hiệu quả hoạt động của HĐND”';
    expect(ps.indexOf('BÁO CÁO')).toBeGreaterThan(ps.indexOf('Hà Nội, ngày 25 tháng 10 năm 2021'));
    expect(ps.indexOf(summary)).toBe(ps.indexOf('BÁO CÁO') + 1);
    expect(paragraphXml(xml, summary)).toContain(`<w:r><w:rPr><w:b/><w:bCs/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr><w:t xml:space="preserve">${summary}</w:t></w:r>`);
    expect(paragraphXml(xml, summary)).toContain('<w:jc w:val="center"/>');
    expect(paragraphXml(xml, 'BÁO CÁO')).toContain('<w:sz w:val="28"/>');
    // The internal code appears only in the table's comment ids, never in the text above it.
    expect(xml.slice(0, xml.indexOf('<w:tblHeader/>'))).not.toContain('DA-01');
  });

  it('opens with the basis and the tally: units that commented, agreed, did not answer; comments by handling', async () => {
    const { xml } = await documentXml(await reportDocx(input(), t));
    const before = paragraphs(xml.slice(0, xml.indexOf('<w:tblHeader/>')));
    const i = before.indexOf('Tiếp thu, giải trình ý kiến góp ý đối với dự thảo Đề án “Nâng cao năng lực, hiệu lực, hiệu quả hoạt động của HĐND”');
    expect(before.slice(i + 1).filter((p) => p !== '')).toEqual([
      'Ngày 10/10/2021, Thường trực HĐND thành phố Hà Nội đã gửi dự thảo Đề án “Nâng cao năng lực, hiệu lực, hiệu quả hoạt động của HĐND” đến 6 đơn vị để xin ý kiến góp ý; thời hạn góp ý đến 17h00, thứ Tư, ngày 20/10/2021.',
      // BD, HK and BV commented (BD twice over), CG and TX agreed, ST is silent.
      'Tính đến ngày 25/10/2021, có 3 đơn vị góp ý với tổng số 5 ý kiến; 2 đơn vị nhất trí, không có ý kiến khác; 1 đơn vị chưa có ý kiến.',
      'Trong 5 ý kiến góp ý: tiếp thu 1 ý kiến, tiếp thu một phần 1 ý kiến, giải trình 1 ý kiến, chưa xử lý 2 ý kiến.',
      'Kết quả tiếp thu, giải trình cụ thể như sau:',
    ]);
  });

  it('counts what it is given: no comments, nobody agreed', async () => {
    const { xml } = await documentXml(await reportDocx(input({ comments: [], agreedUnits: [], silentUnits: CONSULTED }), t));
    const ps = paragraphs(xml);
    expect(ps).toContain('Tính đến ngày 25/10/2021, có 0 đơn vị góp ý với tổng số 0 ý kiến; 0 đơn vị nhất trí, không có ý kiến khác; 6 đơn vị chưa có ý kiến.');
    expect(ps).toContain('Trong 0 ý kiến góp ý: tiếp thu 0 ý kiến, tiếp thu một phần 0 ý kiến, giải trình 0 ý kiến, chưa xử lý 0 ý kiến.');
  });

  it('spaces paragraphs of text at least 6 pt apart (120 twips), justified with the first line indented', async () => {
    const { xml, zip } = await documentXml(await reportDocx(input(), t));
    const body = outsideTables(xml).filter((p) => paragraphs(p)[0] !== '' && p.includes('<w:jc w:val="both"/>'));
    // The basis, two tally lines, the lead-in; the agreed and silent lines, the closing line.
    expect(body).toHaveLength(7);
    for (const p of body) {
      const before = Number(/<w:spacing w:before="(\d+)"/.exec(p)?.[1]);
      expect(before, paragraphs(p)[0]).toBeGreaterThanOrEqual(120);
      expect(p).toContain('<w:ind w:firstLine="720"/>');
    }
    // Table cells: 3 pt above and below each paragraph, 6 pt between two.
    const styles = await zip.file('word/styles.xml')!.async('string');
    const cell = /<w:style [^>]*w:styleId="ReportCell"[\s\S]*?<\/w:style>/.exec(styles)![0];
    const spacing = /<w:spacing [^>]*\/>/.exec(cell)![0];
    const at = (attr: string) => Number(new RegExp(`w:${attr}="(\\d+)"`).exec(spacing)?.[1]);
    expect(at('before') + at('after')).toBeGreaterThanOrEqual(120);
    // The signature block and «Nơi nhận:» stand 6 pt below the closing line.
    expect(paragraphXml(xml, 'Nơi nhận:')).toMatch(/<w:spacing w:before="(1[2-9]\d|[2-9]\d\d|\d{4,})"/);
    expect(paragraphXml(xml, 'TM. THƯỜNG TRỰC HĐND')).toMatch(/<w:spacing w:before="(1[2-9]\d|[2-9]\d\d|\d{4,})"/);
  });

  it('writes the table: repeated header row, a merged row per section, one row per comment in order, the author cell naming the council body', async () => {
    const { xml } = await documentXml(await reportDocx(input(), t));
    const rows = tableRows(xml);
    expect(rows).toEqual([
      ['STT', 'Nội dung góp ý', 'Đơn vị, đại biểu góp ý', 'Ý kiến tiếp thu, giải trình'],
      ['Ý kiến chung'],
      ['1', 'Ý kiến chung về bố cục <b> & "trích dẫn" \'đơn\' (C7)', 'Thường trực HĐND huyện Ba Vì (đ/c Lê Văn Cường)\n15/10/2021', 'Giải trình: Giữ nguyên vì đã phù hợp.'],
      ['Mục 1'],
      ['2', 'Nội dung góp ý C2 (C2)', 'Thường trực HĐND quận Ba Đình (đ/c Nguyễn Văn A)\n15/10/2021', 'Chưa có ý kiến tiếp thu, giải trình'],
      ['3', 'Nội dung góp ý C3 (C3)', 'Thường trực HĐND quận Hoàn Kiếm (đ/c Trần Thị Bình)\n15/10/2021', 'Tiếp thu một phần: Tiếp thu phần số liệu.'],
      ['Mục 3.2'],
      ['4', 'Nội dung góp ý C9 (C9)', 'Thường trực HĐND quận Ba Đình (đ/c Nguyễn Văn A)\n15/10/2021', 'Chưa có ý kiến tiếp thu, giải trình'],
      ['5', 'Đề nghị bổ sung «cơ chế phối hợp»\nvà làm rõ trách nhiệm. (C12)', 'Thường trực HĐND quận Ba Đình (đ/c Nguyễn Văn A)\n15/10/2021', 'Tiếp thu: Đã bổ sung tại khoản 2.'],
    ]);
    expect(xml).toMatch(/<w:tr><w:trPr><w:cantSplit\/><w:tblHeader\/><\/w:trPr>/);
    expect([...xml.matchAll(/<w:tblHeader\/>/g)]).toHaveLength(1);
    expect([...xml.matchAll(/<w:gridSpan w:val="4"\/>/g)]).toHaveLength(3);
    expect(xml).toContain('<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">Mục 3.2</w:t></w:r>');
    expect(xml).toContain('<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">Tiếp thu một phần</w:t></w:r>');
    expect(xml).toContain('<w:r><w:rPr><w:i/><w:iCs/></w:rPr><w:t xml:space="preserve">Chưa có ý kiến tiếp thu, giải trình</w:t></w:r>');
  });

  it('names a commune-level body and the council itself the way an office writes them', async () => {
    const { xml } = await documentXml(
      await reportDocx(
        input({
          comments: [
            comment('C1', { unit: 'BADINH', unitName: 'Phường Ba Đình', authorName: 'Nguyễn Văn A' }),
            comment('C2', { unit: 'BAVI', unitName: 'Xã Ba Vì', authorName: 'Đinh Công Ba', createdAt: OCT15 + 1 }),
            comment('C3', { unit: 'TP', unitName: 'HĐND Thành phố Hà Nội', authorName: 'Trần Thị Hoa', createdAt: OCT15 + 2 }),
          ],
        }),
        t,
      ),
    );
    expect(tableRows(xml).slice(2).map((r) => r[2])).toEqual([
      'Thường trực HĐND phường Ba Đình (đ/c Nguyễn Văn A)\n15/10/2021',
      'Thường trực HĐND xã Ba Vì (đ/c Đinh Công Ba)\n15/10/2021',
      'Thường trực HĐND thành phố Hà Nội (đ/c Trần Thị Hoa)\n15/10/2021',
    ]);
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

  it('after the table: the units that agreed and did not answer in lower case mid-sentence, or «không có», then the closing line', async () => {
    let { xml } = await documentXml(await reportDocx(input(), t));
    const after = paragraphs(xml.slice(xml.indexOf('</w:tbl>', xml.indexOf('<w:tblHeader/>')), xml.lastIndexOf('<w:tbl>')));
    expect(after.filter((p) => p !== '')).toEqual([
      'Các đơn vị nhất trí, không có ý kiến: quận Cầu Giấy, quận Thanh Xuân.',
      'Các đơn vị chưa có ý kiến: thị xã Sơn Tây.',
      'Trên đây là báo cáo tiếp thu, giải trình ý kiến góp ý đối với dự thảo Đề án “Nâng cao năng lực, hiệu lực, hiệu quả hoạt động của HĐND” của Thường trực HĐND thành phố Hà Nội./.',
    ]);
    // The closing line stays on the page of the signature.
    expect(paragraphXml(xml, after[2] as string)).toContain('<w:keepNext/>');
    ({ xml } = await documentXml(await reportDocx(input({ agreedUnits: [], silentUnits: [] }), t)));
    const ps = paragraphs(xml);
    expect(ps).toContain('Các đơn vị nhất trí, không có ý kiến: không có.');
    expect(ps).toContain('Các đơn vị chưa có ý kiến: không có.');
  });

  it('ends with «Nơi nhận:» on the left and the signature block on the right, one row that does not split', async () => {
    const { xml } = await documentXml(await reportDocx(input(), t));
    const all = tables(xml);
    expect(all).toHaveLength(3);
    expect(all[2]).toEqual([
      [
        [
          'Nơi nhận:',
          '- Như trên;',
          '- Thường trực HĐND quận Ba Đình;',
          '- Thường trực HĐND quận Hoàn Kiếm;',
          '- Thường trực HĐND huyện Ba Vì;',
          '- Thường trực HĐND quận Cầu Giấy;',
          '- Thường trực HĐND quận Thanh Xuân;',
          '- Thường trực HĐND thị xã Sơn Tây;',
          '- Lưu: VT.',
        ].join('\n'),
        ['TM. THƯỜNG TRỰC HĐND', 'PHÓ CHỦ TỊCH', 'Nguyễn Văn A'].join('\n'),
      ],
    ]);
    const sign = xml.slice(xml.lastIndexOf('<w:tbl>'));
    expect(sign).toContain('<w:trPr><w:cantSplit/></w:trPr>');
    expect(sign).toContain('<w:top w:val="nil"/>');
    // «Nơi nhận:» bold italic 12 pt; its lines 11 pt.
    expect(sign).toContain('<w:r><w:rPr><w:b/><w:bCs/><w:i/><w:iCs/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr><w:t xml:space="preserve">Nơi nhận:</w:t></w:r>');
    expect(sign).toContain('<w:r><w:rPr><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr><w:t xml:space="preserve">- Như trên;</w:t></w:r>');
    expect(sign).toContain('<w:r><w:rPr><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr><w:t xml:space="preserve">- Lưu: VT.</w:t></w:r>');
    // The signer's title in capitals, bold; the name bold, centred, with room above it for the signature and seal.
    expect(sign).toContain('<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">PHÓ CHỦ TỊCH</w:t></w:r>');
    const name = paragraphXml(sign, 'Nguyễn Văn A');
    expect(name).toContain('<w:b/>');
    expect(name).toContain('<w:jc w:val="center"/>');
    expect(Number(/w:before="(\d+)"/.exec(name)?.[1])).toBeGreaterThanOrEqual(1400);
  });

  it('leaves the room for the name when there is none, and names many units by kind under «Nơi nhận:»', async () => {
    const wards = Array.from({ length: 51 }, (_, i) => unit(`P${i}`, `Phường Số ${i + 1}`));
    const communes = Array.from({ length: 75 }, (_, i) => unit(`X${i}`, `Xã Số ${i + 1}`));
    const { xml } = await documentXml(await reportDocx(input({ consulted: [...wards, ...communes], signer: { title: 'CHỦ TỊCH' } }), t));
    const [[left, right]] = tables(xml)[2] as [[string, string]];
    expect(left.split('\n')).toEqual(['Nơi nhận:', '- Như trên;', '- Thường trực HĐND các xã, phường (126 đơn vị);', '- Lưu: VT.']);
    expect(right.split('\n')).toEqual(['TM. THƯỜNG TRỰC HĐND', 'CHỦ TỊCH', '']);
    // Names with no kind in front: counted, not named.
    const { xml: other } = await documentXml(await reportDocx(input({ consulted: [...wards.slice(0, 8), unit('BPC', 'Ban Pháp chế')] }), t));
    expect((tables(other)[2] as string[][])[0]![0]!.split('\n')[2]).toBe('- Thường trực HĐND 9 đơn vị được xin ý kiến;');
  });

  it('builds with no comments: header row only', async () => {
    const { xml } = await documentXml(await reportDocx(input({ comments: [] }), t));
    expect(tableRows(xml)).toHaveLength(1);
  });

  it('speaks English with English dates, unit names as stored', async () => {
    const { xml } = await documentXml(await reportDocx(input({ locale: 'en', committee: 'STANDING COMMITTEE', committeeInText: 'the Standing Committee of HĐND Thành phố Hà Nội' }), translator('en')));
    const ps = paragraphs(xml);
    expect(ps).toContain('SOCIALIST REPUBLIC OF VIET NAM');
    expect(ps).toContain('Hà Nội, 25 Oct 2021');
    expect(ps).toContain(`No. ${NBSP8}/BC-HĐND`);
    expect(ps).toContain('Responses to the comments on the draft proposal “Nâng cao năng lực, hiệu lực, hiệu quả hoạt động của HĐND”');
    expect(ps).toContain('As of 25 Oct 2021, 3 units have commented (5 comments in all); 2 units agree with no other comment; one unit has not answered.');
    expect(ps).toContain('Of the 5 comments: 1 accepted, 1 partly accepted, 1 explained, 2 not yet handled.');
    expect(ps).toContain('General comments');
    expect(ps).toContain('Section 3.2');
    expect(ps).toContain('Standing Committee, People\'s Council of Quận Ba Đình (Nguyễn Văn A)');
    expect(ps).toContain('15 Oct 2021');
    expect(ps).toContain('Units that agree, with no comments: Quận Cầu Giấy, Quận Thanh Xuân.');
    expect(ps).toContain('ON BEHALF OF THE STANDING COMMITTEE');
    expect(ps).toContain('Recipients:');
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

describe('unitInSentence', () => {
  it('puts the kind of unit in lower case and keeps the proper name', () => {
    expect(unitInSentence('Phường Ba Đình')).toBe('phường Ba Đình');
    expect(unitInSentence('Xã Ba Vì')).toBe('xã Ba Vì');
    expect(unitInSentence('Thị xã Sơn Tây')).toBe('thị xã Sơn Tây');
    expect(unitInSentence('Thị trấn Trâu Quỳ')).toBe('thị trấn Trâu Quỳ');
    expect(unitInSentence('Quận Hoàn Kiếm')).toBe('quận Hoàn Kiếm');
    expect(unitInSentence('Huyện Ba Vì')).toBe('huyện Ba Vì');
    expect(unitInSentence('Thành phố Thủ Đức')).toBe('thành phố Thủ Đức');
    expect(unitInSentence('Đặc khu Phú Quốc')).toBe('đặc khu Phú Quốc');
    expect(unitInSentence('HĐND Thành phố Hà Nội')).toBe('thành phố Hà Nội');
  });

  it('leaves other names alone', () => {
    expect(unitInSentence('Ban Pháp chế')).toBe('Ban Pháp chế');
    expect(unitInSentence('Xã')).toBe('Xã');
    expect(unitInSentence('Xãhội Mới')).toBe('Xãhội Mới');
    expect(unitInSentence('phường Ba Đình')).toBe('phường Ba Đình');
  });
});

describe('parseReportArgs', () => {
  it('takes the code and the format, docx by default', () => {
    expect(parseReportArgs('DA-05')).toEqual({ ok: true, code: 'DA-05', format: 'docx', options: {} });
    expect(parseReportArgs(' da-05  CSV ')).toEqual({ ok: true, code: 'da-05', format: 'csv', options: {} });
    expect(parseReportArgs('')).toEqual({ ok: true, format: 'docx', options: {} });
  });

  it('takes the number and the signer, in any order, with or without diacritics or in English', () => {
    const both = { ok: true, code: 'DA-05', format: 'docx', options: { number: '12', signer: { title: 'PHÓ CHỦ TỊCH', name: 'Nguyễn Văn A' } } };
    expect(parseReportArgs('DA-05 docx số: 12 ký: PHÓ CHỦ TỊCH, Nguyễn Văn A')).toEqual(both);
    expect(parseReportArgs('DA-05 ký: PHÓ CHỦ TỊCH, Nguyễn Văn A; số: 12')).toEqual(both);
    expect(parseReportArgs('DA-05\nso:12\nky: PHÓ CHỦ TỊCH,Nguyễn Văn A')).toEqual(both);
    expect(parseReportArgs('DA-05 no: 12 sign: PHÓ CHỦ TỊCH, Nguyễn Văn A')).toEqual(both);
    // Decomposed diacritics, as some keyboards send them.
    expect(parseReportArgs('DA-05 số: 12 ký: PHÓ CHỦ TỊCH, Nguyễn Văn A'.normalize('NFD'))).toEqual(both);
    expect(parseReportArgs('DA-05 md ký: Chủ tịch')).toEqual({ ok: true, code: 'DA-05', format: 'md', options: { signer: { title: 'Chủ tịch' } } });
    // Separators between options are not part of the values.
    expect(parseReportArgs('DA-05 số: 12, ký: PHÓ CHỦ TỊCH, Nguyễn Văn A.')).toEqual({ ok: true, code: 'DA-05', format: 'docx', options: { number: '12', signer: { title: 'PHÓ CHỦ TỊCH', name: 'Nguyễn Văn A.' } } });
    expect(parseReportArgs('DA-05 ký: PHÓ CHỦ TỊCH, Nguyễn Văn A, số: 12')).toEqual({ ok: true, code: 'DA-05', format: 'docx', options: { number: '12', signer: { title: 'PHÓ CHỦ TỊCH', name: 'Nguyễn Văn A' } } });
  });

  it('refuses what it cannot take', () => {
    for (const bad of [
      'DA-05 pdf',
      'DA-05 docx thêm',
      'DA-05 số: 12a',
      'DA-05 số:',
      'DA-05 số: 1 số: 2',
      'DA-05 ký:',
      'DA-05 ký: , Nguyễn Văn A',
      'DA-05 ký: A, B ký: C, D',
      `DA-05 ký: ${'X'.repeat(61)}, Nguyễn Văn A`,
    ]) {
      expect(parseReportArgs(bad), bad).toEqual({ ok: false });
    }
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
  it('has the heading with the number line, title and summary line, the opening, a table per section in order, the unit lines, signature and «Nơi nhận:»', () => {
    const md = reportMd(input(), t);
    const lines = md.split('\n');
    expect(lines[0]).toBe(`HĐND THÀNH PHỐ HÀ NỘI<br>**THƯỜNG TRỰC HĐND**<br>Số: ${NBSP8}/BC-HĐND`);
    expect(lines).toContain('# BÁO CÁO');
    expect(lines).toContain('**Tiếp thu, giải trình ý kiến góp ý đối với dự thảo Đề án “Nâng cao năng lực, hiệu lực, hiệu quả hoạt động của HĐND”**');
    expect(md).toContain('*Hà Nội, ngày 25 tháng 10 năm 2021*');
    expect(lines).toContain('Tính đến ngày 25/10/2021, có 3 đơn vị góp ý với tổng số 5 ý kiến; 2 đơn vị nhất trí, không có ý kiến khác; 1 đơn vị chưa có ý kiến.');
    expect(lines).toContain('Trong 5 ý kiến góp ý: tiếp thu 1 ý kiến, tiếp thu một phần 1 ý kiến, giải trình 1 ý kiến, chưa xử lý 2 ý kiến.');
    const headings = lines.filter((l) => l.startsWith('## '));
    expect(headings).toEqual(['## Ý kiến chung', '## Mục 1', '## Mục 3.2']);
    expect(lines.filter((l) => l === '| STT | Nội dung góp ý | Đơn vị, đại biểu góp ý | Ý kiến tiếp thu, giải trình |')).toHaveLength(3);
    const rows = lines.filter((l) => /^\| \d+ \|/.test(l));
    expect(rows.map((r) => /\((C\d+)\)/.exec(r)?.[1])).toEqual(['C7', 'C2', 'C3', 'C9', 'C12']);
    expect(rows[1]).toBe('| 2 | Nội dung góp ý C2 (C2) | Thường trực HĐND quận Ba Đình (đ/c Nguyễn Văn A), 15/10/2021 | *Chưa có ý kiến tiếp thu, giải trình* |');
    expect(rows[4]).toBe('| 5 | Đề nghị bổ sung «cơ chế phối hợp»<br>và làm rõ trách nhiệm. (C12) | Thường trực HĐND quận Ba Đình (đ/c Nguyễn Văn A), 15/10/2021 | **Tiếp thu**: Đã bổ sung tại khoản 2. |');
    expect(lines).toContain('Các đơn vị nhất trí, không có ý kiến: quận Cầu Giấy, quận Thanh Xuân.');
    expect(lines).toContain('Các đơn vị chưa có ý kiến: thị xã Sơn Tây.');
    expect(lines).toContain('**TM. THƯỜNG TRỰC HĐND**<br>**PHÓ CHỦ TỊCH**<br><br><br>**Nguyễn Văn A**');
    expect(lines.slice(lines.indexOf('***Nơi nhận:***') + 2, -1)).toEqual([
      '- Như trên;',
      ...['quận Ba Đình', 'quận Hoàn Kiếm', 'huyện Ba Vì', 'quận Cầu Giấy', 'quận Thanh Xuân', 'thị xã Sơn Tây'].map((u) => `- Thường trực HĐND ${u};`),
      '- Lưu: VT.',
    ]);
  });

  it('escapes pipes, markup and HTML inside cells', () => {
    const md = reportMd(input({ comments: [comment('C1', { text: 'a | b *c* <script>x</script>\nd_e' })] }), t);
    const row = md.split('\n').find((l) => l.startsWith('| 1 |'))!;
    expect(row).toBe('| 1 | a \\| b \\*c\\* &lt;script&gt;x&lt;/script&gt;<br>d\\_e (C1) | Thường trực HĐND quận Ba Đình (đ/c Nguyễn Văn A), 15/10/2021 | *Chưa có ý kiến tiếp thu, giải trình* |');
    // Every table row has exactly 5 unescaped pipes.
    expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(6);
  });
});

import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from 'grammy/types';
import { exportData, importData } from '#root/backup.js';
import { parseUnitsFile } from '#root/domain/units.js';
import { createStore } from '#root/store/index.js';
import { addMember, linkedGroup } from '#test/support/seed.js';
import { startHarness, type Harness } from '#test/support/harness.js';
import { fingerprint } from '#test/support/snapshot.js';
import type { EmuMessage } from '#test/support/emulator.js';

/**
 * Onboarding the 126 councils of 2025 and starting the term 2026–2031 (issue 12): one invite
 * per unit in one command, delivered as a CSV and a DOCX table whose links work; a unit's
 * invites revoked at once; then /newterm: Cancel changes nothing, Confirm takes every role of
 * the old term away (each person told privately), keeps their records for exports and
 * reports, revokes the invites and leaves units and groups as they are.
 */
let h: Harness;
const ADMIN = 9401;
const DAY = 86_400_000;
const FILE = readFileSync(new URL('../../data/hanoi-2025-units.csv', import.meta.url), 'utf8');
let admin: User;
let cityClerk: User;
let delegates: User[];
let hkSecretary: User | undefined;
/** The delegates' links of every unit, as the council secretary's file gave them. */
let delegateRows: string[][] = [];

const state = async () => (await fingerprint(h.app.svc.store.redis, h.app.svc.store.keys.prefix)).hash;
const t = (key: string, vars?: Record<string, string | number>) => h.app.svc.t('vi', key, vars);
let seq = 0;
const newcomer = () => h.emu.user({ first_name: `Người mới ${++seq}`, language_code: 'vi', privateOpen: true });

/** RFC 4180 rows of a CSV file as the bot sent it (UTF-8 with BOM, CRLF). */
function csvRows(data: Buffer): string[][] {
  const text = data.toString('utf8').replace(/^\uFEFF/, '');
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
    else if (c === '\r') continue;
    else if (c === '\n') row.push(field), rows.push(row), (row = []), (field = '');
    else field += c;
  }
  return rows;
}

/** Asks for /moitatca and waits for its two files: the CSV, then the DOCX with the caption. */
async function inviteAll(by: User, args: string): Promise<{ csv: string[][]; docx: Buffer; caption: string; csvName: string; docxName: string }> {
  await h.settle();
  const since = h.emu.botMessages(by.id).length;
  h.emu.sendText(by, 'private', `/moitatca ${args}`);
  const first = await h.nextBotMessage(by.id, since);
  if (!first.document) throw new Error(`no file: ${first.text}`);
  const second = await h.nextBotMessage(by.id, since + 1);
  const file = (m: EmuMessage) => h.emu.file(m.document!.file_id)!.data;
  return { csv: csvRows(file(first)), docx: file(second), caption: second.caption ?? '', csvName: first.document.file_name!, docxName: second.document!.file_name! };
}

const tokenOf = (link: string) => /\?start=([A-Za-z0-9_-]{32})$/.exec(link)?.[1];

beforeAll(async () => {
  h = await startHarness({ env: { ADMIN_IDS: String(ADMIN), FLOOD_LIMIT: '100000' } });
  const parsed = parseUnitsFile(FILE);
  if (!parsed.ok) throw new Error('the units file does not parse');
  await h.app.svc.store.units.importAll(parsed.rows);
  admin = h.emu.user({ id: ADMIN, first_name: 'Quản trị', language_code: 'vi', privateOpen: true });
  cityClerk = h.emu.user({ first_name: 'Trần', last_name: 'Hoa', language_code: 'vi', privateOpen: true });
  await addMember(h, cityClerk, 'secretary', 'TP');
  // An administrator who is also a member of the council: /newterm leaves them alone.
  await addMember(h, admin, 'secretary', 'TP');
});
afterAll(() => h.stop());

describe('invites for every unit', () => {
  it('an admin gets one secretary link per unit (126) as a CSV and a DOCX table, and the links admit people', async () => {
    const r = await inviteAll(admin, 'thuky');
    const [header, ...rows] = r.csv;
    expect(header).toEqual(['Mã đơn vị', 'Tên đơn vị', 'Vai trò', 'Đường dẫn mời', 'Mã đường dẫn', 'Số lượt', 'Hết hạn']);
    expect(rows).toHaveLength(126);
    const units = (await h.app.svc.store.units.codes()).filter((c) => c !== 'TP');
    expect(rows.map((x) => x[0]).sort()).toEqual(units);
    expect(rows.find((x) => x[0] === 'HOANKIEM')!.slice(1, 3)).toEqual(['Phường Hoàn Kiếm', 'thư ký']);
    for (const row of rows) {
      expect(row[3]).toMatch(/^https:\/\/t\.me\/\w+\?start=[A-Za-z0-9_-]{32}$/);
      expect(row[4]).toMatch(/^I\d+$/);
      expect(row[5]).toBe('1');
    }
    expect(new Set(rows.map((x) => x[3])).size).toBe(126);
    expect(r.csvName).toMatch(/^duong-dan-moi-thu-ky-\d{4}-\d\d-\d\d\.csv$/);
    expect(r.docxName).toMatch(/^duong-dan-moi-thu-ky-\d{4}-\d\d-\d\d\.docx$/);
    expect(r.caption).toMatch(/^🔗 Đã tạo 126 đường dẫn mời thư ký, mỗi đơn vị một đường dẫn \(1 lượt, hết hạn .+\)\. Danh sách trong hai tệp đính kèm \(CSV, DOCX\)\./);

    // The DOCX: a table with a header row and one row per unit, every link in it.
    const xml = await (await JSZip.loadAsync(r.docx)).file('word/document.xml')!.async('string');
    expect(xml.match(/<w:tr>|<w:tr /g)).toHaveLength(127);
    for (const row of rows) expect(xml).toContain(row[3]!.replace(/&/g, '&amp;'));
    expect(xml).toContain('DANH SÁCH ĐƯỜNG DẪN MỜI THAM GIA HỆ THỐNG GIAO BAN');

    // The links work: two secretaries join their wards with them.
    hkSecretary = newcomer();
    const joined = await h.ask(hkSecretary, 'private', `/start ${tokenOf(rows.find((x) => x[0] === 'HOANKIEM')![3]!)}`);
    expect(joined.text).toBe(t('invite-joined', { unit: 'HOANKIEM', unitName: 'Phường Hoàn Kiếm', role: t('role-secretary') }));
    const cuaNam = newcomer();
    await h.ask(cuaNam, 'private', `/start ${tokenOf(rows.find((x) => x[0] === 'CUANAM')![3]!)}`);
    expect(await h.app.svc.store.members.get(cuaNam.id)).toMatchObject({ role: 'secretary', unit: 'CUANAM' });
  });

  it('a council secretary gets every unit’s delegates’ link (30 uses by default), but not secretaries’ links', async () => {
    expect((await h.ask(cityClerk, 'private', '/moitatca thuky')).text).toBe(t('invite-secretary-admin-only'));
    const r = await inviteAll(cityClerk, 'daibieu');
    const rows = r.csv.slice(1);
    delegateRows = rows;
    expect(rows).toHaveLength(126);
    expect(new Set(rows.map((x) => `${x[2]}/${x[5]}`))).toEqual(new Set(['đại biểu/30']));
    const d = newcomer();
    await h.ask(d, 'private', `/start ${tokenOf(rows.find((x) => x[0] === 'HOANKIEM')![3]!)}`);
    expect(await h.app.svc.store.members.get(d.id)).toMatchObject({ role: 'delegate', unit: 'HOANKIEM' });
    await h.settle(); // the council secretary hears that someone joined
    // Wrong forms, and people who may not.
    expect((await h.ask(cityClerk, 'private', '/moitatca')).text).toBe(t('inviteall-usage'));
    expect((await h.ask(cityClerk, 'private', '/moitatca daibieu 0')).text).toBe(t('inviteall-usage'));
    expect((await h.ask(hkSecretary!, 'private', '/moitatca daibieu')).text).toBe(t('council-only', { unit: 'TP' }));
    expect((await h.ask(d, 'private', '/moitatca daibieu')).text).toBe(t('only-secretary'));
  });

  it('/huymoi UNIT revokes the unit’s links that the person may revoke; the links then admit nobody', async () => {
    const live = async (unit: string) => (await h.app.svc.store.invites.live()).filter((i) => i.unit === unit);
    const [delegateLink] = (await live('NGOCHA')).filter((i) => i.role === 'delegate');
    expect(await live('NGOCHA')).toHaveLength(2);
    expect((await h.ask(hkSecretary!, 'private', '/huymoi NGOCHA')).text).toBe(t('unit-not-yours', { unit: 'NGOCHA' }));
    const answer = await h.ask(cityClerk, 'private', '/huymoi ngocha');
    expect(answer.text).toBe(`✅ Đã thu hồi 1 đường dẫn mời của đơn vị NGOCHA: ${delegateLink!.code}.\nCòn 1 đường dẫn mời thư ký của đơn vị; chỉ quản trị viên thu hồi được.`);
    expect((await h.ask(admin, 'private', '/huymoi NGOCHA')).text).toMatch(/^✅ Đã thu hồi 1 đường dẫn mời của đơn vị NGOCHA: I\d+\.$/);
    expect(await live('NGOCHA')).toEqual([]);
    const late = newcomer();
    expect((await h.ask(late, 'private', `/start ${tokenOf(delegateRows.find((x) => x[0] === 'NGOCHA')![3]!)}`)).text).toBe(t('invite-revoked'));
    expect(await h.app.svc.store.members.get(late.id)).toBeUndefined();
    expect((await h.ask(admin, 'private', '/huymoi NGOCHA')).text).toBe('ℹ️ Đơn vị NGOCHA không có đường dẫn mời nào còn hiệu lực để thu hồi.');
    expect((await h.ask(admin, 'private', '/huymoi KHONGCO')).text).toBe(t('unit-unknown', { unit: 'KHONGCO' }));
  });
});

describe('/newterm 2026-2031', () => {
  let formerIds: number[] = [];
  let groupHK: { id: number };
  let meetingId: string;

  it('shows what it would do and asks; Cancel changes nothing', async () => {
    const s = h.app.svc.store;
    groupHK = await linkedGroup(h, 'Thường trực HĐND phường Hoàn Kiếm', 'HOANKIEM', hkSecretary!);
    delegates = [newcomer(), newcomer(), newcomer()];
    for (const [i, d] of delegates.entries()) await addMember(h, d, 'delegate', ['HOANKIEM', 'CUANAM', 'BADINH'][i]!);
    // A comment and an answer to a meeting from the old term, under their authors' names.
    const deadline = new Date(Date.now() + 10 * DAY);
    const typed = `${String(deadline.getUTCDate()).padStart(2, '0')}/${String(deadline.getUTCMonth() + 1).padStart(2, '0')}/${deadline.getUTCFullYear()} 17:00`;
    await h.ask(cityClerk, 'private', `/taodean\nmã: DA-26\ntiêu đề: Quy chế làm việc nhiệm kỳ mới\nhạn: ${typed}`);
    expect((await h.ask(delegates[0]!, 'private', '/gopy DA-26 Đề nghị bổ sung quy định về họp trực tuyến.')).text).toMatch(/^✅/);
    const m = await s.meetings.create({ title: 'Giao ban cuối nhiệm kỳ', startsAt: Date.now() + 5 * DAY, durationMin: 120, units: 'all', agenda: [], remindersMs: [], createdBy: cityClerk.id });
    meetingId = m.id;
    await s.meetings.rsvp(m.id, delegates[1]!.id, { answer: 'yes', unit: 'CUANAM', name: 'Người mới Cửa Nam', at: Date.now() });
    formerIds = (await s.members.list()).map((x) => x.id).filter((id) => id !== ADMIN);
    expect(formerIds).toHaveLength(7);

    const before = await state();
    const question = await h.ask(admin, 'private', '/nhiemkymoi 2026-2031');
    expect(question.text).toBe(
      [
        'Bắt đầu nhiệm kỳ 2026–2031? Nhiệm kỳ hiện tại: chưa ghi nhận.',
        '• 3 thư ký và 4 đại biểu của 4 đơn vị sẽ không còn vai trò trong hệ thống; mỗi người được báo riêng. Hồ sơ của họ vẫn được lưu trong dữ liệu xuất và báo cáo; tên của họ vẫn hiện ở các ý kiến, trả lời tham dự đã gửi.',
        `• ${(await s.invites.live()).length} đường dẫn mời còn hiệu lực sẽ bị thu hồi.`,
        '• Các đơn vị và nhóm đã liên kết giữ nguyên. Quản trị viên không bị ảnh hưởng.',
      ].join('\n'),
    );
    expect(question.buttons).toEqual([[{ text: t('button-confirm'), data: 'term:ok:2026-2031' }, { text: t('button-cancel'), data: 'term:no:2026-2031' }]]);
    await h.emu.pressButton(admin, question.raw, 'term:no:2026-2031');
    await h.settle();
    expect(h.emu.botMessages(admin.id).find((x) => x.message_id === question.message_id)!.text).toBe('Đã hủy. Nhiệm kỳ 2026–2031 chưa bắt đầu, không có gì thay đổi.');
    expect(await state()).toBe(before);
    // Confirm pressed after Cancel finds nothing to confirm.
    expect(await h.emu.pressButton(admin, question.raw, 'term:ok:2026-2031')).toMatchObject({ show_alert: true, text: t('newterm-stale') });
    expect(await state()).toBe(before);
    expect((await h.ask(admin, 'private', '/nhiemkymoi')).text).toBe(t('newterm-usage'));
    expect((await h.ask(admin, 'private', '/nhiemkymoi 2031-2026')).text).toBe(t('newterm-usage'));
  });

  it('Confirm: the old term’s roles are gone, each person is told privately, the records stay in exports, invites are revoked, units and groups stay', async () => {
    const s = h.app.svc.store;
    const since = new Map(formerIds.map((id) => [id, h.emu.botMessages(id).length]));
    const question = await h.ask(admin, 'private', '/nhiemkymoi 2026–2031');
    await h.emu.pressButton(admin, question.raw, 'term:ok:2026-2031');
    await h.settle();
    expect(h.emu.botMessages(admin.id).find((x) => x.message_id === question.message_id)!.text).toMatch(
      /^✅ Đã bắt đầu nhiệm kỳ 2026–2031\. 3 thư ký và 4 đại biểu của nhiệm kỳ trước đã chuyển sang danh sách thành viên nhiệm kỳ trước; hệ thống đang báo riêng cho từng người\. Đã thu hồi \d+ đường dẫn mời\.\nTiếp theo: \/moitatca thuky để mời thư ký các đơn vị\.$/,
    );

    // Roles: only the administrator's record is left.
    expect((await s.members.list()).map((m) => m.id)).toEqual([ADMIN]);
    expect(await s.units.memberCount('HOANKIEM')).toBe(0);
    // Each one told, privately, once.
    for (const id of formerIds) {
      const told = await h.nextBotMessage(id, since.get(id)!);
      expect(told.text).toMatch(/^Nhiệm kỳ 2026–2031 của HĐND đã bắt đầu\. Vai trò (thư ký|đại biểu) đơn vị [A-Z]+ của đồng chí trong hệ thống Giao Ban kết thúc cùng nhiệm kỳ trước;/);
    }
    expect(h.emu.botMessages(hkSecretary!.id).at(-1)!.text).toContain('Vai trò thư ký đơn vị HOANKIEM');
    // Invites: none left.
    expect(await s.invites.live()).toEqual([]);
    // Units and groups as they were.
    expect(await s.units.codes()).toHaveLength(127);
    expect(await s.units.get('HOANKIEM')).toMatchObject({ group: { chatId: groupHK.id, active: true } });
    expect(await s.units.unitOfChat(groupHK.id)).toBe('HOANKIEM');
    // The records: former members in the export, names on the comment and the answer.
    const backup = await exportData(s);
    expect(backup.term).toMatchObject({ name: '2026-2031', startedBy: ADMIN });
    expect(backup.formerMembers.map((f) => f.id).sort()).toEqual([...formerIds].sort());
    expect(backup.formerMembers.find((f) => f.id === hkSecretary!.id)).toMatchObject({ role: 'secretary', unit: 'HOANKIEM', name: 'Người mới 1', endedBy: '2026-2031' });
    expect(backup.members.map((m) => m.id)).toEqual([ADMIN]);
    expect(backup.comments.find((c) => c.proposal === 'DA-26')).toMatchObject({ authorName: `${delegates[0]!.first_name}`, unit: 'HOANKIEM' });
    expect((await s.meetings.rsvps(meetingId)).get(delegates[1]!.id)).toMatchObject({ name: 'Người mới Cửa Nam' });
    // …and they survive a backup's round trip.
    const other = createStore(s.redis, `copy${Date.now().toString(36)}`);
    await importData(other, backup);
    expect((await exportData(other)).formerMembers).toEqual(backup.formerMembers);
    expect(await other.terms.current()).toEqual(backup.term);
  });

  it('the term shows in /whoami and /units; the former members have no role left', async () => {
    expect((await h.ask(admin, 'private', '/toila')).text).toContain('Nhiệm kỳ: 2026–2031');
    expect((await h.ask(admin, 'private', '/donvi')).text!.split('\n')[0]).toBe('🏛 Danh sách đơn vị (127) · nhiệm kỳ 2026–2031');
    expect((await h.ask(hkSecretary!, 'private', '/toila')).text!.split('\n')[0]).toBe(t('whoami-role', { role: t('role-guest') }));
    expect((await h.ask(hkSecretary!, 'private', '/moi daibieu HOANKIEM')).text).toBe(t('only-secretary'));
    expect((await h.ask(delegates[0]!, 'private', '/gopy DA-26 Ý kiến sau khi hết nhiệm kỳ.')).text).toBe(t('only-delegate'));
  });

  it('a new term must start after the current one; a term cannot be started twice', async () => {
    expect((await h.ask(admin, 'private', '/nhiemkymoi 2026-2031')).text).toBe(t('newterm-not-later', { term: '2026–2031' }));
    expect((await h.ask(admin, 'private', '/nhiemkymoi 2021-2026')).text).toBe(t('newterm-not-later', { term: '2026–2031' }));
    const next = await h.ask(admin, 'private', '/nhiemkymoi 2031-2036');
    expect(next.text!.split('\n')[0]).toBe('Bắt đầu nhiệm kỳ 2031–2036? Nhiệm kỳ hiện tại: 2026–2031.');
    await h.emu.pressButton(admin, next.raw, 'term:no:2031-2036');
  });
});

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Chat, User } from 'grammy/types';
import { addMember, linkedGroup } from '#test/support/seed.js';
import { startHarness, type Harness } from '#test/support/harness.js';
import { fingerprint } from '#test/support/snapshot.js';
import type { EmuMessage } from '#test/support/emulator.js';

/**
 * The units of 2025 loaded in one step (issue 12): the file creates and renames, never
 * deletes (a unit it leaves out is listed and kept with its group and members), a file with
 * bad rows changes nothing and names each line; the same through the command line. Then the
 * lists at that scale: /units in pages with Previous / Next, /members in pages or as a file.
 */
let h: Harness;
const ADMIN = 9301;
const FILE = readFileSync(new URL('../../data/hanoi-2025-units.csv', import.meta.url), 'utf8');
let admin: User;
let cityClerk: User;
let bdClerk: User;
let hkClerk: User;
let groupBD: Chat;

const state = async () => (await fingerprint(h.app.svc.store.redis, h.app.svc.store.keys.prefix)).hash;
const t = (key: string, vars?: Record<string, string | number>) => h.app.svc.t('vi', key, vars);

/** Sends a file with a caption in private and waits for the bot's answer. */
async function sendFile(from: User, data: string, caption?: string): Promise<EmuMessage> {
  const since = h.emu.botMessages(from.id).length;
  h.emu.sendDocument(from, 'private', { fileName: 'don-vi-2025.csv', data, ...(caption ? { caption } : {}) });
  return h.nextBotMessage(from.id, since);
}

beforeAll(async () => {
  h = await startHarness({ env: { ADMIN_IDS: String(ADMIN), FLOOD_LIMIT: '100000' } });
  const s = h.app.svc.store;
  // The deployment as 2021 left it: the council under an older name, a district, a ward renamed since.
  await s.units.upsert('TP', 'HĐND Thành phố');
  await s.units.upsert('BD', 'Quận Ba Đình');
  await s.units.upsert('BADINH', 'Phường Ba Đình (dự kiến)');
  admin = h.emu.user({ id: ADMIN, first_name: 'Quản trị', language_code: 'vi', privateOpen: true });
  cityClerk = h.emu.user({ first_name: 'Trần', last_name: 'Hoa', language_code: 'vi', privateOpen: true });
  bdClerk = h.emu.user({ first_name: 'Lê', last_name: 'Bình', language_code: 'vi', privateOpen: true });
  hkClerk = h.emu.user({ first_name: 'Phạm', last_name: 'Hà', language_code: 'vi', privateOpen: true });
  await addMember(h, cityClerk, 'secretary', 'TP');
  await addMember(h, bdClerk, 'secretary', 'BD');
  groupBD = await linkedGroup(h, 'Thường trực HĐND quận Ba Đình', 'BD', bdClerk);
});
afterAll(() => h.stop());

describe('loading the units of 2025 from the file', () => {
  it('refuses a file with bad rows, naming each by its line, and changes nothing', async () => {
    const before = await state();
    const bad = [
      'code,name,kind,official_code',
      'TP,HĐND Thành phố Hà Nội,city,01',
      'HOÀN KIẾM,Phường Hoàn Kiếm,phuong,00070',
      'CUANAM,,phuong,00082',
      'BADINH,Phường Ba Đình,quận,00004',
      'CUANAM,Phường Cửa Nam,phuong,0008x',
      'NGOCHA,Phường Ngọc Hà,phuong,00004',
    ].join('\n');
    const answer = await sendFile(admin, bad, '/nhapdonvi');
    expect(answer.text).toBe(
      [
        'ℹ️ Chưa nạp tệp: 6 lỗi, danh sách đơn vị chưa thay đổi.',
        '• Dòng 3: mã «HOÀN KIẾM» không hợp lệ; mã đơn vị gồm 1–10 chữ cái A–Z hoặc chữ số, viết liền, không dấu.',
        '• Dòng 4: thiếu tên đơn vị.',
        '• Dòng 5: loại đơn vị «quận» không hợp lệ; dùng một trong: city, province, thanh_pho, quan, huyen, thi_xa, phuong, xa, dac_khu.',
        '• Dòng 6: mã hành chính «0008x» không hợp lệ; mã gồm các chữ số.',
        '• Dòng 6: mã CUANAM trùng với dòng 4.',
        '• Dòng 7: mã hành chính 00004 trùng với dòng 5.',
        '',
        'Tệp cần có dòng tiêu đề code,name,kind (official_code nếu có), mỗi đơn vị một dòng, ví dụ:',
        'HOANKIEM,Phường Hoàn Kiếm,phuong,00070',
      ].join('\n'),
    );
    expect(await state()).toBe(before);
    // A file without the columns, and one with a quote left open.
    expect((await sendFile(admin, 'ma,ten\nTP,Hà Nội', '/nhapdonvi')).text).toContain('• Dòng 1: dòng tiêu đề phải có các cột code, name, kind.');
    expect((await sendFile(admin, 'code,name,kind\nTP,"HĐND Thành phố,city', '/nhapdonvi')).text).toContain('• Dòng 2: dấu ngoặc kép mở nhưng không đóng.');
    expect(await state()).toBe(before);
  });

  it('only an administrator loads units; anyone else is refused before the file is read', async () => {
    const before = await state();
    expect((await sendFile(cityClerk, FILE, '/nhapdonvi')).text).toBe(t('only-admin'));
    expect((await sendFile(bdClerk, FILE, '/importunits')).text).toBe(t('only-admin'));
    expect(await state()).toBe(before);
  });

  it('creates the new units, renames the changed ones and lists the unit missing from the file, which it keeps', async () => {
    const answer = await sendFile(admin, FILE, '/nhapdonvi');
    expect(answer.text).toBe(
      [
        '✅ Đã nạp danh sách đơn vị (127 dòng).',
        '• Tạo mới: 125 đơn vị',
        '• Đổi tên: 2 đơn vị',
        '  TP: «HĐND Thành phố» → «HĐND Thành phố Hà Nội»',
        '  BADINH: «Phường Ba Đình (dự kiến)» → «Phường Ba Đình»',
        '• Giữ nguyên: 0 đơn vị',
        '⚠️ 1 đơn vị có trong hệ thống nhưng không có trong tệp; các đơn vị này được giữ nguyên, không bị xóa:',
        '  BD — Quận Ba Đình',
      ].join('\n'),
    );
    const s = h.app.svc.store;
    expect(await s.units.codes()).toHaveLength(128);
    // BD is kept as it was: its group and its secretary.
    const bd = await s.units.get('BD');
    expect(bd).toMatchObject({ name: 'Quận Ba Đình', group: { chatId: groupBD.id, active: true } });
    expect(bd?.kind).toBeUndefined();
    expect((await s.members.get(bdClerk.id))?.unit).toBe('BD');
    expect(await s.units.get('HOANKIEM')).toMatchObject({ name: 'Phường Hoàn Kiếm', kind: 'phuong', officialCode: '00070' });
    expect(await s.units.get('TP')).toMatchObject({ name: 'HĐND Thành phố Hà Nội', kind: 'city', officialCode: '01' });
    expect((await s.units.list()).filter((u) => u.kind === 'xa')).toHaveLength(75);
  });

  it('the same file again, sent first and then answered with /nhapdonvi, changes nothing and says so', async () => {
    const before = await state();
    h.emu.sendDocument(admin, 'private', { fileName: 'don-vi-2025.csv', data: FILE });
    const file = h.emu.messages(admin.id).at(-1)!;
    const answer = await h.ask(admin, 'private', '/nhapdonvi', { replyTo: file.message_id });
    expect(answer.text!.split('\n').slice(0, 5)).toEqual(['✅ Đã nạp danh sách đơn vị (127 dòng).', '• Tạo mới: 0 đơn vị', '• Đổi tên: 0 đơn vị', '• Giữ nguyên: 127 đơn vị', '⚠️ 1 đơn vị có trong hệ thống nhưng không có trong tệp; các đơn vị này được giữ nguyên, không bị xóa:']);
    expect(await state()).toBe(before);
    // Alone, the command says how to send the file.
    expect((await h.ask(admin, 'private', '/nhapdonvi')).text).toBe(t('importunits-usage'));
  });

  it('the command line loads the same file (npm run units -- import FILE), and refuses a bad one with exit code 1', async () => {
    const prefix = `cli${Date.now().toString(36)}`;
    const run = (file: string) =>
      new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
        const p = spawn(process.execPath, ['--import', 'tsx', 'src/cli/units.ts', 'import', file], {
          cwd: new URL('../..', import.meta.url).pathname,
          env: { ...process.env, REDIS_URL: h.config.REDIS_URL, REDIS_PREFIX: prefix, BOT_TOKEN: '', LOG_LEVEL: 'silent', DEFAULT_LOCALE: 'vi' },
        });
        let out = '';
        let err = '';
        p.stdout.on('data', (d: Buffer) => (out += d.toString()));
        p.stderr.on('data', (d: Buffer) => (err += d.toString()));
        p.on('close', (code) => resolve({ code, out, err }));
      });
    const good = await run('data/hanoi-2025-units.csv');
    expect(good.err).toBe('');
    expect(good.code).toBe(0);
    expect(good.out).toContain('✅ Đã nạp danh sách đơn vị (127 dòng).\n• Tạo mới: 127 đơn vị\n');
    const bad = await run('package.json');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('• Dòng 1: dòng tiêu đề phải có các cột code, name, kind.');
  }, 60_000);
});

describe('/units and /members at the scale of the city', () => {
  it('/units goes in pages of 30 with Next and Previous, and /units N opens a page', async () => {
    const first = await h.ask(cityClerk, 'private', '/donvi');
    const lines = first.text!.split('\n');
    expect(lines.slice(0, 3)).toEqual(['🏛 Danh sách đơn vị (128)', 'Đã liên kết nhóm: 1 đơn vị · thành viên: 2', '']);
    expect(lines.filter((l) => l.startsWith('• '))).toHaveLength(30);
    expect(lines.at(-1)).toBe('Trang 1/5 · xem tiếp: /donvi 2');
    expect(first.buttons).toEqual([[{ text: 'Sau ▶️', data: 'units:pg:2' }]]);
    expect(first.text!.length).toBeLessThan(4096);

    const answer = await h.emu.pressButton(cityClerk, first.raw, 'units:pg:2');
    expect(answer?.show_alert).toBeFalsy();
    await h.settle();
    const second = h.emu.botMessages(cityClerk.id).find((m) => m.message_id === first.message_id)!;
    expect(second.text!.split('\n').at(-1)).toBe('Trang 2/5 · xem tiếp: /donvi 3');
    expect(second.buttons).toEqual([[{ text: '◀️ Trước', data: 'units:pg:1' }, { text: 'Sau ▶️', data: 'units:pg:3' }]]);

    const last = await h.ask(cityClerk, 'private', '/donvi 5');
    expect(last.text!.split('\n').filter((l) => l.startsWith('• '))).toHaveLength(8);
    expect(last.buttons).toEqual([[{ text: '◀️ Trước', data: 'units:pg:4' }]]);
    // Beyond the last page: the last page.
    expect((await h.ask(cityClerk, 'private', '/donvi 40')).text).toBe(last.text);
    expect((await h.ask(cityClerk, 'private', '/donvi hai')).text).toBe(t('units-usage'));
  });

  it('says which groups removed the bot, in the heading, so they are not lost among 128 units', async () => {
    h.emu.removeBotFromGroup(groupBD, bdClerk);
    await h.settle();
    const page = await h.ask(cityClerk, 'private', '/donvi');
    expect(page.text!.split('\n')[2]).toBe('⚠️ Hệ thống không còn trong nhóm của 1 đơn vị: BD. Thư ký đơn vị thêm lại vào nhóm để tiếp tục nhận thông tin.');
    h.emu.addBotToGroup(groupBD, bdClerk);
    await h.settle();
  });

  it('/members of a unit goes in pages of 40; the pages turn only for those who may see them', async () => {
    const s = h.app.svc.store;
    for (let i = 1; i <= 44; i++) await s.members.put({ id: 500_000 + i, name: `Đại biểu Hoàn Kiếm ${String(i).padStart(2, '0')}`, role: 'delegate', unit: 'HOANKIEM', joinedAt: 1, invitedBy: ADMIN });
    await addMember(h, hkClerk, 'secretary', 'HOANKIEM');
    const first = await h.ask(hkClerk, 'private', '/thanhvien');
    expect(first.text!.split('\n')[0]).toBe('👥 Thành viên — HOANKIEM (45):');
    expect(first.text!.split('\n').filter((l) => l.startsWith('• '))).toHaveLength(40);
    expect(first.text!.split('\n').at(-1)).toBe('Trang 1/2');
    expect(first.buttons).toEqual([[{ text: 'Sau ▶️', data: 'mem:pg:HOANKIEM:2' }]]);
    await h.emu.pressButton(hkClerk, first.raw, 'mem:pg:HOANKIEM:2');
    await h.settle();
    const turned = h.emu.botMessages(hkClerk.id).find((m) => m.message_id === first.message_id)!;
    expect(turned.text!.split('\n').filter((l) => l.startsWith('• '))).toHaveLength(5);
    expect(turned.buttons).toEqual([[{ text: '◀️ Trước', data: 'mem:pg:HOANKIEM:1' }]]);

    // Another unit's secretary pressing a forged page of HOANKIEM in their own chat: refused, nothing shown.
    const own = await h.ask(bdClerk, 'private', '/thanhvien');
    const before = own.text;
    const refusal = await h.emu.pressButton(bdClerk, own.raw, 'mem:pg:HOANKIEM:1');
    expect(refusal).toMatchObject({ show_alert: true, text: t('unit-not-yours', { unit: 'HOANKIEM' }) });
    expect(h.emu.botMessages(bdClerk.id).find((m) => m.message_id === own.message_id)!.text).toBe(before);
    // Nor the council's "everyone" list.
    expect(await h.emu.pressButton(bdClerk, own.raw, 'mem:pg:*:1')).toMatchObject({ show_alert: true });
  });

  it('/members of every unit, hundreds of people, goes as a CSV file', async () => {
    const s = h.app.svc.store;
    const codes = (await s.units.codes()).filter((c) => c !== 'TP');
    for (let i = 0; i < 200; i++) await s.members.put({ id: 600_000 + i, name: `Đại biểu ${i}`, role: 'delegate', unit: codes[i % codes.length]!, joinedAt: 1, invitedBy: ADMIN });
    const total = (await s.members.list()).length;
    expect(total).toBeGreaterThan(200);
    const since = h.emu.botMessages(cityClerk.id).length;
    h.emu.sendText(cityClerk, 'private', '/thanhvien');
    const doc = await h.nextBotMessage(cityClerk.id, since);
    expect(doc.document?.file_name).toBe('thanh-vien-all.csv');
    expect(doc.caption).toBe(`👥 Thành viên — tất cả đơn vị: ${total.toLocaleString('vi-VN')} người (3 thư ký, ${(total - 3).toLocaleString('vi-VN')} đại biểu). Danh sách đầy đủ trong tệp đính kèm; xem từng đơn vị: /thanhvien MÃ_ĐƠN_VỊ.`);
    const csv = h.emu.file(doc.document!.file_id)!.data.toString('utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(csv[0]).toBe('Mã đơn vị,Tên đơn vị,Họ và tên,Tên Telegram,Vai trò,Mã Telegram,Ngày tham gia');
    expect(csv).toHaveLength(total + 1);
    expect(csv).toContain(`HOANKIEM,Phường Hoàn Kiếm,Phạm Hà,,thư ký,${hkClerk.id},01/01/1970`);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Chat, User } from 'grammy/types';
import { startHarness, type Harness } from '#test/support/harness.js';

let h: Harness;
let admin: User;
let secretary: User;
let delegate: User;
let stranger: User;
let englishStranger: User;
let group: Chat;

const ADMIN_ID = 9001;

beforeAll(async () => {
  // The flood limit has its own test below; here people type faster than anyone would.
  h = await startHarness({ env: { ADMIN_IDS: String(ADMIN_ID), FLOOD_LIMIT: '1000' } });
  admin = h.emu.user({ id: ADMIN_ID, first_name: 'Quản trị', language_code: 'vi' });
  secretary = h.emu.user({ first_name: 'Lê Thị', last_name: 'Thư', username: 'thuky_bd', language_code: 'vi' });
  delegate = h.emu.user({ first_name: 'Nguyễn Văn', last_name: 'An', language_code: 'vi' });
  stranger = h.emu.user({ first_name: 'Người lạ' });
  englishStranger = h.emu.user({ first_name: 'Alice', language_code: 'en-GB' });
  group = h.emu.group({ title: 'Thường trực HĐND quận Ba Đình' });
});
afterAll(() => h.stop());

/** Opens an invite link the way Telegram does: /start <payload> in the private chat. */
function tokenOf(text: string): string {
  const m = /\?start=([A-Za-z0-9_-]+)/.exec(text);
  if (!m) throw new Error(`no invite link in: ${text}`);
  return m[1]!;
}

describe('units', () => {
  it('lets an admin create and rename units', async () => {
    expect((await h.ask(admin, 'private', '/addunit BD Quận Ba Đình')).text).toBe('✅ Đã tạo đơn vị BD — Quận Ba Đình.');
    expect((await h.ask(admin, 'private', '/themdonvi hk Quận Hoàn Kiếm')).text).toBe('✅ Đã tạo đơn vị HK — Quận Hoàn Kiếm.');
    expect((await h.ask(admin, 'private', '/addunit TP HĐND Thành phố <Hà Nội>')).text).toBe('✅ Đã tạo đơn vị TP — HĐND Thành phố <Hà Nội>.');
    expect((await h.ask(admin, 'private', '/addunit TP HĐND Thành phố Hà Nội')).text).toBe('✅ Đã đổi tên đơn vị TP thành «HĐND Thành phố Hà Nội».');
    expect((await h.app.svc.store.units.get('TP'))?.name).toBe('HĐND Thành phố Hà Nội');
  });

  it('refuses a bad form with the expected form, and saves nothing', async () => {
    for (const bad of ['/addunit', '/addunit BD', '/addunit Ba-Đình Quận', '/addunit ABCDEFGHIJK Quá dài']) {
      const reply = await h.ask(admin, 'private', bad);
      expect(reply.text).toContain('ℹ️ Lệnh chưa đúng mẫu. Cách dùng:');
      expect(reply.text).toContain('/themdonvi BD Phường Ba Đình');
    }
    expect(await h.app.svc.store.units.codes()).toEqual(['BD', 'HK', 'TP']);
  });

  it('refuses non-admins, in their language', async () => {
    expect((await h.ask(stranger, 'private', '/addunit XX Xã X')).text).toBe(
      'ℹ️ Lệnh này chỉ dành cho quản trị viên. Đồng chí có thể dùng /huongdan để xem các lệnh của mình.',
    );
    expect((await h.ask(englishStranger, 'private', '/addunit XX Xã X')).text).toBe(
      'ℹ️ This command is for administrators only. Use /help to see your commands.',
    );
    expect(await h.app.svc.store.units.get('XX')).toBeUndefined();
  });
});

describe('invites', () => {
  let secretaryToken = '';

  it('sends an admin a one-time secretary link; the invitee joins and the admin is told', async () => {
    const reply = await h.ask(admin, 'private', '/invite secretary BD');
    expect(reply.text).toMatch(/^🔗 Đường dẫn mời thư ký đơn vị BD — Quận Ba Đình\nDùng được 1 lượt, hết hạn lúc \d\dh\d\d, (thứ \S+|Chủ nhật), ngày \d\d\/\d\d\/\d{4}\./);
    expect(reply.text).toContain(`https://t.me/${h.emu.botInfo.username}?start=`);
    secretaryToken = tokenOf(reply.text!);
    const adminMessages = h.emu.botMessages(ADMIN_ID).length;

    const joined = await h.ask(secretary, 'private', `/start ${secretaryToken}`);
    expect(joined.text).toBe('✅ Đồng chí đã tham gia đơn vị BD — Quận Ba Đình với vai trò thư ký.\nGửi /huongdan để xem các lệnh của đồng chí.');
    expect(await h.app.svc.store.members.get(secretary.id)).toMatchObject({ role: 'secretary', unit: 'BD', name: 'Lê Thị Thư', username: 'thuky_bd' });
    const notice = await h.nextBotMessage(ADMIN_ID, adminMessages);
    expect(notice.text).toBe('👤 Đồng chí Lê Thị Thư đã tham gia đơn vị BD với vai trò thư ký qua đường dẫn mời.');
  });

  it('refuses a used, an unknown and a malformed token, changing nothing', async () => {
    expect((await h.ask(stranger, 'private', `/start ${secretaryToken}`)).text).toContain('ℹ️ Đường dẫn mời đã dùng hết số lượt.');
    expect((await h.ask(stranger, 'private', `/start ${'A'.repeat(32)}`)).text).toContain('ℹ️ Đường dẫn mời không hợp lệ.');
    expect((await h.ask(englishStranger, 'private', '/start <script>')).text).toContain('ℹ️ This invite link is not valid.');
    expect(await h.app.svc.store.members.get(stranger.id)).toBeUndefined();
  });

  it('lets a secretary invite delegates of their own unit only', async () => {
    expect((await h.ask(secretary, 'private', '/moi daibieu HK')).text).toBe(
      'ℹ️ Đồng chí không phụ trách đơn vị HK. Thư ký chỉ thao tác với đơn vị của mình.',
    );
    expect((await h.ask(secretary, 'private', '/moi thuky BD')).text).toContain('ℹ️ Chỉ quản trị viên mới mời được thư ký.');
    expect((await h.ask(secretary, 'private', '/moi daibieu ZZ')).text).toContain('ℹ️ Không có đơn vị mã «ZZ».');
    for (const bad of ['/moi', '/moi khach BD', '/moi daibieu BD 0', '/moi daibieu BD 5 91', '/moi daibieu BD x']) {
      expect((await h.ask(secretary, 'private', bad)).text).toContain('/moi daibieu|thuky MÃ_ĐƠN_VỊ [số lượt] [số ngày]');
    }
    const link = await h.ask(secretary, 'private', '/moi daibieu BD 2 3');
    expect(link.text).toContain('Dùng được 2 lượt');
    const token = tokenOf(link.text!);
    expect((await h.ask(delegate, 'private', `/start ${token}`)).text).toContain('với vai trò đại biểu');
    expect((await h.ask(englishStranger, 'private', `/start ${token}`)).text).toBe(
      '✅ You have joined unit BD — Quận Ba Đình as delegate.\nSend /help to see your commands.',
    );
    expect((await h.ask(stranger, 'private', `/start ${token}`)).text).toContain('đã dùng hết');
  });

  it('refuses invites from delegates', async () => {
    expect((await h.ask(delegate, 'private', '/invite delegate BD')).text).toContain('ℹ️ Lệnh này chỉ dành cho thư ký.');
  });
});

describe('groups', () => {
  it('greets a new group and lets its secretary link it', async () => {
    const before = h.emu.botMessages(group.id).length;
    h.emu.addBotToGroup(group, secretary);
    expect((await h.nextBotMessage(group.id, before)).text).toContain('/lienketnhom MÃ_ĐƠN_VỊ');
    expect((await h.ask(delegate, group, '/lienketnhom BD')).text).toContain('ℹ️ Lệnh này chỉ dành cho thư ký.');
    expect((await h.ask(secretary, group, '/lienketnhom HK')).text).toContain('không phụ trách đơn vị HK');
    expect((await h.ask(secretary, group, '/lienketnhom')).text).toContain('Cách dùng: /lienketnhom MÃ_ĐƠN_VỊ');
    expect((await h.ask(secretary, 'private', '/lienketnhom BD')).text).toContain('dùng trong nhóm');
    const done = await h.ask(secretary, group, `/linkgroup@${h.emu.botInfo.username} BD`);
    expect(done.text).toContain('✅ Đã liên kết nhóm này là nhóm Thường trực HĐND của đơn vị BD — Quận Ba Đình.');
    expect(done.replyTo).toBeDefined();
    const units = await h.ask(secretary, 'private', '/donvi');
    expect(units.text).toContain('• BD — Quận Ba Đình · nhóm «Thường trực HĐND quận Ba Đình» · 3 thành viên');
    expect(units.text).toContain('• HK — Quận Hoàn Kiếm · chưa liên kết nhóm · 0 thành viên');
  });

  it('follows the bot being removed, re-added and the group being upgraded', async () => {
    h.emu.removeBotFromGroup(group, secretary, true);
    await h.settle();
    expect((await h.ask(secretary, 'private', '/units')).text).toContain('⚠️ hệ thống không còn trong nhóm «Thường trực HĐND quận Ba Đình»');
    h.emu.addBotToGroup(group, secretary);
    await h.settle();
    const upgraded = h.emu.migrateGroup(group);
    await h.settle();
    const unit = await h.app.svc.store.units.get('BD');
    expect(unit?.group).toMatchObject({ chatId: upgraded.id, active: true });
    expect(await h.app.svc.store.units.unitOfChat(upgraded.id)).toBe('BD');
    expect(await h.app.svc.store.units.unitOfChat(group.id)).toBeUndefined();
    expect((await h.ask(secretary, upgraded, '/huylienket')).text).toBe('✅ Đã hủy liên kết nhóm này với đơn vị BD. Nhóm sẽ không nhận tin của đơn vị nữa.');
    expect((await h.ask(secretary, upgraded, '/huylienket')).text).toBe('ℹ️ Nhóm này chưa được liên kết với đơn vị nào.');
    expect((await h.ask(secretary, upgraded, '/lienketnhom BD')).text).toContain('✅');
    group = upgraded;
  });
});

describe('members', () => {
  it('sends rosters privately, with a pointer in the group', async () => {
    const privateBefore = h.emu.botMessages(secretary.id).length;
    expect((await h.ask(secretary, group, '/thanhvien')).text).toBe('📩 Nội dung đã được gửi vào tin nhắn riêng của đồng chí.');
    const roster = await h.nextBotMessage(secretary.id, privateBefore);
    expect(roster.text).toContain('👥 Thành viên — BD (3):');
    expect(roster.text).toContain('• Nguyễn Văn An · đại biểu · BD');
    expect(roster.text).toContain('• Lê Thị Thư @thuky_bd · thư ký · BD');
    expect((await h.ask(secretary, 'private', '/members HK')).text).toContain('không phụ trách đơn vị HK');
    expect((await h.ask(admin, 'private', '/members HK')).text).toBe('Chưa có thành viên nào (HK).');
  });

  it('tells someone with no private chat how to open one', async () => {
    const newcomer = h.emu.user({ id: 777, first_name: 'Mới' });
    await h.app.svc.store.members.put({ id: 777, name: 'Mới', role: 'secretary', unit: 'BD', joinedAt: 1, invitedBy: 1 });
    const reply = await h.ask(newcomer, group, '/members');
    expect(reply.text).toContain(`https://t.me/${h.emu.botInfo.username}`);
    expect(reply.text).toContain('bấm «Bắt đầu» (Start)');
    await h.app.svc.store.members.remove(777);
  });

  it('lets an admin remove a role', async () => {
    expect((await h.ask(secretary, 'private', `/remove ${englishStranger.id}`)).text).toContain('chỉ dành cho quản trị viên');
    expect((await h.ask(admin, 'private', '/xoathanhvien abc')).text).toContain('Cách dùng: /xoathanhvien MÃ_THÀNH_VIÊN');
    expect((await h.ask(admin, 'private', '/xoathanhvien 424242')).text).toBe('ℹ️ Không có thành viên mã 424242. Gửi /thanhvien để xem danh sách thành viên.');
    expect((await h.ask(admin, 'private', `/xoathanhvien ${englishStranger.id}`)).text).toBe('✅ Đã xóa vai trò đại biểu đơn vị BD của đồng chí Alice.');
    expect(await h.app.svc.store.members.get(englishStranger.id)).toBeUndefined();
  });
});

describe('help, language, identity', () => {
  it('lists what each role may use', async () => {
    const forDelegate = (await h.ask(delegate, 'private', '/huongdan')).text!;
    expect(forDelegate).toContain('📖 Các lệnh dành cho đồng chí (đại biểu):');
    expect(forDelegate).toContain('/ngonngu vi|en (/lang) — Chọn ngôn ngữ (vi, en)');
    expect(forDelegate).not.toContain('/moi');
    const forSecretary = (await h.ask(secretary, 'private', '/help')).text!;
    expect(forSecretary).toContain('/moi daibieu|thuky MÃ_ĐƠN_VỊ [số lượt] [số ngày] (/invite)');
    expect(forSecretary).not.toContain('/themdonvi');
    expect(forSecretary).not.toContain('cron');
    // Cron patterns are explained only in an administrator's help.
    const forAdmin = (await h.ask(admin, 'private', '/help')).text!;
    expect(forAdmin).toContain('/themdonvi MÃ Tên đơn vị (/addunit)');
    expect(forAdmin.split('\n').at(-1)).toBe(
      'Quản trị viên: /lichtomtat còn nhận lịch theo biểu thức cron 5 trường (phút giờ ngày tháng thứ), ví dụ /lichtomtat 0 16 * * 5 là 16:00 thứ Sáu hằng tuần; tóm tắt được gửi không quá một lần mỗi giờ.',
    );
  });

  it('switches language and says who you are', async () => {
    expect((await h.ask(delegate, 'private', '/lang fr')).text).toBe('ℹ️ Cách dùng: /ngonngu vi hoặc /ngonngu en\nNgôn ngữ hiện tại: vi.');
    expect((await h.ask(delegate, 'private', '/lang en')).text).toBe('✅ Language set to English.');
    expect((await h.ask(delegate, 'private', '/whoami')).text).toBe(
      `Role: delegate\nUnit: BD — Quận Ba Đình\nLanguage: English\nTelegram id: ${delegate.id}`,
    );
    expect((await h.ask(delegate, 'private', '/help')).text).toContain('/lang vi|en (/ngonngu) — Choose the language (vi, en)');
    expect((await h.ask(delegate, 'private', '/ngonngu vi')).text).toBe('✅ Đã chuyển sang tiếng Việt.');
    expect((await h.ask(stranger, 'private', '/toila')).text).toBe(`Vai trò: chưa đăng ký\nĐơn vị: chưa có\nNgôn ngữ: tiếng Việt\nMã Telegram: ${stranger.id}`);
  });

  it('answers an unknown command in private with help, and ignores ones for other bots in groups', async () => {
    const n = h.emu.botMessages(delegate.id).length;
    h.emu.sendText(delegate, 'private', '/xyz');
    expect((await h.nextBotMessage(delegate.id, n)).text).toBe('ℹ️ Không có lệnh /xyz.');
    expect((await h.nextBotMessage(delegate.id, n + 1)).text).toContain('📖 Các lệnh dành cho đồng chí (đại biểu):');
    const before = h.emu.botMessages(group.id).length;
    h.emu.sendText(delegate, group, '/weather@other_bot');
    await h.settle();
    expect(h.emu.botMessages(group.id)).toHaveLength(before);
  });

  it('registers the command menus per language and scope', async () => {
    await h.settle();
    const vi = h.emu.commands({ type: 'all_private_chats' }, 'vi').map((c) => c.command);
    expect(vi).toEqual(expect.arrayContaining(['start', 'huongdan', 'ngonngu', 'toila']));
    expect(vi).not.toContain('moi');
    const en = h.emu.commands({ type: 'all_private_chats' }, 'en').map((c) => c.command);
    expect(en).toEqual(expect.arrayContaining(['help', 'lang', 'whoami']));
    expect(h.emu.commands({ type: 'all_group_chats' }, 'vi').map((c) => c.command)).toContain('lienketnhom');
    const adminMenu = h.emu.commands({ type: 'chat', chat_id: ADMIN_ID }).map((c) => c.command);
    expect(adminMenu).toEqual(expect.arrayContaining(['themdonvi', 'moi', 'xoathanhvien']));
    const secretaryMenu = h.emu.commands({ type: 'chat', chat_id: secretary.id }).map((c) => c.command);
    expect(secretaryMenu).toContain('moi');
    expect(secretaryMenu).not.toContain('themdonvi');
  });
});

describe('flood limit', () => {
  it('says "slow down" once, serves nothing more until the window passes, then serves again', async () => {
    const f = await startHarness({ env: { FLOOD_LIMIT: '10', FLOOD_WINDOW_SEC: '2' } });
    try {
      const flooder = f.emu.user({ first_name: 'Nhanh' });
      const calm = f.emu.user({ first_name: 'Bình tĩnh' });
      for (let i = 0; i < 15; i++) f.emu.sendText(flooder, 'private', '/whoami');
      expect((await f.ask(calm, 'private', '/whoami')).text).toContain('Vai trò: chưa đăng ký');
      await f.settle();
      const texts = f.emu.botMessages(flooder.id).map((m) => m.text);
      expect(texts.filter((t) => t?.startsWith('Vai trò'))).toHaveLength(10);
      expect(texts.filter((t) => t?.startsWith('⏳'))).toEqual(['⏳ Lệnh được gửi quá nhanh. Đồng chí vui lòng chờ ít giây rồi gửi lại.']);
      await new Promise((r) => setTimeout(r, 2100)); // the window itself is the thing under test
      expect((await f.ask(flooder, 'private', '/whoami')).text).toContain('Vai trò');
    } finally {
      await f.stop();
    }
  });
});

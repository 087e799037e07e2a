import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Chat, User } from 'grammy/types';
import { addMember, linkedGroup } from '#test/support/seed.js';
import { startHarness, type Harness } from '#test/support/harness.js';
import type { EmuMessage } from '#test/support/emulator.js';

let h: Harness;
let cityClerk: User; // secretary of TP: council-wide
let bdClerk: User; // secretary of BD: own unit only
let lan: User;
let hung: User;
let john: User;
let blocked: User;
let neverOpened: User;
let hkDelegate: User;
let stranger: User;
let groupBD: Chat;
let groupHK: Chat;
let groupBV: Chat;
let groupST: Chat;

const member = (user: User, role: 'delegate' | 'secretary', unit: string) => addMember(h, user, role, unit);

const linked = (title: string, unit: string): Promise<Chat> => linkedGroup(h, title, unit, cityClerk);

beforeAll(async () => {
  h = await startHarness({ env: { FLOOD_LIMIT: '1000' } });
  const { units } = h.app.svc.store;
  for (const [code, name] of [['TP', 'HĐND Thành phố Hà Nội'], ['BD', 'Quận Ba Đình'], ['HK', 'Quận Hoàn Kiếm'], ['BV', 'Huyện Ba Vì'], ['ST', 'Thị xã Sơn Tây']] as const) {
    await units.upsert(code, name);
  }
  cityClerk = h.emu.user({ first_name: 'Trần Thị', last_name: 'Hoa', privateOpen: true });
  bdClerk = h.emu.user({ first_name: 'Lê Văn', last_name: 'Bình', privateOpen: true });
  lan = h.emu.user({ first_name: 'Nguyễn Thị', last_name: 'Lan', privateOpen: true });
  hung = h.emu.user({ first_name: 'Phạm Quốc', last_name: 'Hùng', privateOpen: true });
  john = h.emu.user({ first_name: 'John', last_name: 'Nguyen', language_code: 'en', privateOpen: true });
  blocked = h.emu.user({ first_name: 'Đỗ Văn', last_name: 'Chặn', privateOpen: true });
  neverOpened = h.emu.user({ first_name: 'Vũ Thị', last_name: 'Chưa' });
  hkDelegate = h.emu.user({ first_name: 'Hoàng', last_name: 'Minh', privateOpen: true });
  stranger = h.emu.user({ first_name: 'Người lạ', privateOpen: true });
  await member(cityClerk, 'secretary', 'TP');
  await member(bdClerk, 'secretary', 'BD');
  for (const d of [lan, hung, john, blocked, neverOpened]) await member(d, 'delegate', 'BD');
  await member(hkDelegate, 'delegate', 'HK');
  await h.app.svc.store.members.setLang(john.id, 'en');
  groupBD = await linked('Thường trực HĐND quận Ba Đình', 'BD');
  groupHK = await linked('Thường trực HĐND quận Hoàn Kiếm', 'HK');
  groupBV = await linked('Thường trực HĐND huyện Ba Vì', 'BV');
  // Sơn Tây's group became a supergroup while the bot missed the service message.
  const old = await linked('Thường trực HĐND thị xã Sơn Tây', 'ST');
  groupST = h.emu.migrateGroup(old);
  await h.settle();
  await h.app.svc.store.units.linkGroup('ST', { id: old.id, title: 'Thường trực HĐND thị xã Sơn Tây' }, cityClerk.id);
  h.emu.blockBot(blocked);
  h.emu.deleteChat(groupBV.id);
  await h.settle();
});
afterAll(() => h.stop());

function ackOf(m: EmuMessage | undefined): string | undefined {
  return m?.buttons[0]?.[0]?.data;
}

describe('a notice to everyone', () => {
  let control: EmuMessage;
  let notice: EmuMessage;

  it('shows a preview with the exact count and sends nothing before Confirm', async () => {
    h.emu.sendText(cityClerk, 'private', 'THÔNG BÁO: Giao ban trực tuyến quý III lúc 14:00 ngày 15/10.');
    notice = h.emu.messages(cityClerk.id).at(-1)!;
    control = await h.ask(cityClerk, 'private', '/thongbao tatca ghim', { replyTo: notice.message_id });
    expect(control.text).toBe('Thông báo ở trên (mã B1) sẽ được gửi tới 4 nhóm và 6 đại biểu. Gửi ngay?\n📌 Thông báo sẽ được ghim trong các nhóm.');
    expect(control.buttons.flat().map((b) => b.text)).toEqual(['📤 Gửi', '✖️ Hủy']);
    expect(control.replyTo).toBe(notice.message_id);
    await h.settle();
    expect(h.emu.botMessages(groupBD.id).some((m) => m.text?.startsWith('THÔNG BÁO'))).toBe(false);
    expect(h.emu.botMessages(lan.id)).toHaveLength(0);
  });

  it('refuses Confirm from anyone but its author, and forged payloads', async () => {
    expect(await h.emu.pressButton(bdClerk, control.raw, 'bc:send:B1')).toEqual({
      text: 'ℹ️ Chỉ thư ký đã soạn thông báo này mới gửi hoặc hủy được.',
      show_alert: true,
    });
    expect((await h.emu.pressButton(cityClerk, control.raw, 'bc:send:B99'))?.show_alert).toBe(true);
    expect((await h.app.svc.store.broadcasts.get('B1'))?.status).toBe('draft');
  });

  it('delivers copies with a Received button, pins them, follows an upgraded group and reports failures', async () => {
    h.emu.failNext('pinChatMessage', { error_code: 400, description: 'Bad Request: not enough rights to manage pinned messages in the chat' }, 1, groupHK.id);
    expect(await h.emu.pressButton(cityClerk, control.raw, 'bc:send:B1')).toMatchObject({ text: '📤 Bắt đầu gửi thông báo B1.' });
    const report = await h.emu.waitFor(() => {
      const m = h.emu.botMessages(cityClerk.id).find((x) => x.message_id === control.message_id);
      return m?.text?.startsWith('✅ Đã gửi') ? m : undefined;
    }, { timeout: 15_000, what: 'delivery report' });
    expect(report.text!.split('\n').slice(0, 2)).toEqual(['✅ Đã gửi thông báo B1 tới 7/10 người nhận.', 'Không gửi được (3):']);
    const failures = report.text!.split('\n').slice(2, 5).sort();
    expect(failures).toEqual([
      '• Thường trực HĐND huyện Ba Vì (nhóm không còn tồn tại)',
      '• Vũ Thị Chưa (người nhận chưa mở tin nhắn riêng với hệ thống)',
      '• Đỗ Văn Chặn (người nhận đã chặn tin nhắn của hệ thống)',
    ].sort());
    expect(report.text).toContain('📌 Không ghim được (hệ thống cần quyền quản trị nhóm để ghim; thông báo vẫn đã được gửi): Thường trực HĐND quận Hoàn Kiếm');
    expect(report.buttons).toEqual([]);

    const copyBD = h.emu.botMessages(groupBD.id).at(-1)!;
    expect(copyBD.text).toBe('THÔNG BÁO: Giao ban trực tuyến quý III lúc 14:00 ngày 15/10.');
    expect(copyBD.buttons).toEqual([[{ text: '✅ Đã nhận', data: 'ack:B1' }]]);
    expect(copyBD.pinned).toBe(true);
    expect(h.emu.botMessages(groupHK.id).at(-1)!.pinned).toBe(false);
    expect(ackOf(h.emu.botMessages(groupST.id).at(-1))).toBe('ack:B1');
    expect((await h.app.svc.store.units.get('ST'))?.group?.chatId).toBe(groupST.id);
    expect(h.emu.botMessages(john.id).at(-1)!.buttons[0]![0]!.text).toBe('✅ Received');
    for (const d of [lan, hung, john, hkDelegate]) expect(h.emu.botMessages(d.id).filter((m) => ackOf(m) === 'ack:B1')).toHaveLength(1);
    // Unreachable recipients are remembered as such.
    expect((await h.app.svc.store.members.prefs(blocked.id)).inactive).toBe('blocked');
    expect((await h.app.svc.store.units.get('BV'))?.group?.active).toBe(false);
    // Nothing was sent twice.
    const copies = h.emu.calls.filter((c) => c.method === 'copyMessage' && c.ok);
    expect(new Set(copies.map((c) => c.chatId)).size).toBe(copies.length);
  });

  it('records acknowledgements from members of target units only', async () => {
    const copy = h.emu.botMessages(lan.id).at(-1)!;
    expect(await h.emu.pressButton(lan, copy.raw, 'ack:B1')).toEqual({ text: '✅ Đã ghi nhận: đồng chí đã nhận thông báo B1.' });
    expect(await h.emu.pressButton(lan, copy.raw, 'ack:B1')).toEqual({ text: 'Đồng chí đã xác nhận thông báo B1 trước đó.' });
    const groupCopy = h.emu.botMessages(groupBD.id).at(-1)!;
    expect(await h.emu.pressButton(hung, groupCopy.raw, 'ack:B1')).toMatchObject({ text: '✅ Đã ghi nhận: đồng chí đã nhận thông báo B1.' });
    expect(await h.emu.pressButton(stranger, groupCopy.raw, 'ack:B1')).toEqual({
      text: 'ℹ️ Chỉ thành viên của đơn vị nhận thông báo mới xác nhận được.',
      show_alert: true,
    });
    const johnCopy = h.emu.botMessages(john.id).at(-1)!;
    expect(await h.emu.pressButton(john, johnCopy.raw, 'ack:B1')).toEqual({ text: '✅ Noted: you received notice B1.' });
    expect([...(await h.app.svc.store.broadcasts.acks('B1')).keys()].sort()).toEqual([lan.id, hung.id, john.id].sort());
  });

  it('lists notices and who acknowledged, by unit', async () => {
    const list = await h.ask(cityClerk, 'private', '/dsthongbao');
    expect(list.text).toMatch(/^📣 Thông báo gần đây:\n• B1 · \d\dh\d\d, .+ · đã gửi xong · đã gửi 7\/10 · lỗi 3 · chờ 0 · đã nhận 3$/);
    const acks = await h.ask(cityClerk, 'private', '/danhan b1');
    expect(acks.text).toContain('✅ Xác nhận đã nhận thông báo B1: 3 người.');
    expect(acks.text).toContain('BD: 3/6 đã nhận\n  ✅ John Nguyen, Nguyễn Thị Lan, Phạm Quốc Hùng\n  ⏳ Đỗ Văn Chặn, Vũ Thị Chưa, Lê Văn Bình');
    expect(acks.text).toContain('HK: 0/1 đã nhận\n  ⏳ Hoàng Minh');
    expect((await h.ask(cityClerk, 'private', '/danhan B7')).text).toBe('ℹ️ Không có thông báo «B7». Gửi /dsthongbao để xem các thông báo gần đây.');
  });
});

describe('a unit secretary', () => {
  it('reaches only their own unit, and is asked for the notice after the command', async () => {
    expect((await h.ask(bdClerk, 'private', '/thongbao HK')).text).toBe('ℹ️ Đồng chí không phụ trách đơn vị HK. Thư ký chỉ thao tác với đơn vị của mình.');
    expect((await h.ask(bdClerk, 'private', '/thongbao')).text).toContain('Cách dùng: /thongbao NGƯỜI_NHẬN [ghim]');
    expect((await h.ask(bdClerk, 'private', '/thongbao moinguoi')).text).toBe(
      'ℹ️ Lệnh chưa đúng mẫu.\n«moinguoi» không phải là người nhận hợp lệ.\nCách dùng: /thongbao NGƯỜI_NHẬN [ghim]\nNGƯỜI_NHẬN: nhom (các nhóm đã liên kết), daibieu (từng đại biểu, tin nhắn riêng), tatca (cả hai), hoặc mã đơn vị (ví dụ BD HK).\nGửi lệnh khi trả lời (reply) tin nhắn thông báo, hoặc gửi lệnh rồi gửi thông báo ngay sau đó.',
    );
    const prompt = await h.ask(bdClerk, 'private', '/thongbao tatca');
    expect(prompt.text).toContain('✍️ Đồng chí vui lòng gửi nội dung thông báo');
    const before = h.emu.botMessages(bdClerk.id).length;
    h.emu.sendDocument(bdClerk, 'private', { fileName: 'Kế hoạch giao ban.docx', caption: 'Kế hoạch giao ban quý IV' });
    const preview = await h.nextBotMessage(bdClerk.id, before);
    expect(preview.text).toBe('Thông báo ở trên (mã B2) sẽ được gửi tới 1 nhóm và 5 đại biểu. Gửi ngay?');
    expect(await h.emu.pressButton(bdClerk, preview.raw, 'bc:cancel:B2')).toEqual({});
    await h.settle();
    expect(h.emu.lastBotMessage(bdClerk.id)?.text).toBe('✖️ Đã hủy thông báo B2. Không có tin nào được gửi.');
    expect(h.emu.botMessages(groupBD.id).some((m) => m.document)).toBe(false);
    expect((await h.emu.pressButton(bdClerk, preview.raw, 'bc:send:B2'))?.text).toBe('Thông báo B2 đã bị hủy.');
    // Only BD's notices are visible to BD's secretary.
    expect((await h.ask(bdClerk, 'private', '/dsthongbao')).text).not.toContain('B1');
    expect((await h.ask(bdClerk, 'private', '/danhan B1')).text).toContain('ℹ️ Không có thông báo «B1».');
  });

  it('sends a document notice to its own group and delegates', async () => {
    const prompt = await h.ask(bdClerk, 'private', '/thongbao nhom');
    expect(prompt.buttons.flat().map((b) => b.data)).toEqual(['bc:wait-cancel']);
    const before = h.emu.botMessages(bdClerk.id).length;
    h.emu.sendDocument(bdClerk, 'private', { fileName: 'Giấy mời.pdf', caption: 'Giấy mời <họp> & tài liệu' });
    const preview = await h.nextBotMessage(bdClerk.id, before);
    expect(preview.text).toBe('Thông báo ở trên (mã B3) sẽ được gửi tới 1 nhóm và 0 đại biểu. Gửi ngay?');
    await h.emu.pressButton(bdClerk, preview.raw, 'bc:send:B3');
    await h.emu.waitForBotMessage(bdClerk.id, (m) => m.message_id === preview.message_id && m.text === '✅ Đã gửi thông báo B3 tới 1/1 người nhận.', { timeout: 10_000 });
    const copy = h.emu.botMessages(groupBD.id).at(-1)!;
    expect(copy.document?.file_name).toBe('Giấy mời.pdf');
    expect(copy.caption).toBe('Giấy mời <họp> & tài liệu');
  });

  it('can cancel the wait for the notice', async () => {
    const prompt = await h.ask(bdClerk, 'private', '/thongbao daibieu');
    await h.emu.pressButton(bdClerk, prompt.raw, 'bc:wait-cancel');
    await h.settle();
    expect(h.emu.lastBotMessage(bdClerk.id)?.text).toBe('✖️ Đã hủy soạn thông báo.');
    h.emu.sendText(bdClerk, 'private', 'chỉ là tin nhắn thường');
    await h.settle();
    expect(h.emu.lastBotMessage(bdClerk.id)?.text).toBe('✖️ Đã hủy soạn thông báo.');
  });
});

describe('refusals', () => {
  it('refuses delegates and strangers, and points group users to the private chat', async () => {
    expect((await h.ask(lan, 'private', '/thongbao tatca')).text).toContain('ℹ️ Lệnh này chỉ dành cho thư ký.');
    expect((await h.ask(stranger, 'private', '/broadcasts')).text).toContain('ℹ️ Lệnh này chỉ dành cho thư ký.');
    expect((await h.ask(john, 'private', '/acks B1')).text).toBe('ℹ️ This command is for secretaries only. Use /help to see your commands.');
    expect((await h.ask(lan, 'private', '/huythongbao B1')).text).toContain('ℹ️ Lệnh này chỉ dành cho thư ký.');
    expect((await h.ask(bdClerk, groupBD, '/thongbao nhom')).text).toContain('📩 Lệnh này dùng trong tin nhắn riêng với hệ thống.');
    expect((await h.ask(cityClerk, 'private', '/huythongbao B1')).text).toBe('Thông báo B1 đã gửi xong.');
  });
});

describe('recipients lost between the preview and Send', () => {
  it('reports a group that removed the bot and a deleted account, and marks them inactive', async () => {
    h.emu.sendText(cityClerk, 'private', 'Thông báo cho Hoàn Kiếm');
    const notice = h.emu.messages(cityClerk.id).at(-1)!;
    const control = await h.ask(cityClerk, 'private', '/thongbao HK', { replyTo: notice.message_id });
    const id = /mã (B\d+)/.exec(control.text!)![1]!;
    expect(control.text).toContain('sẽ được gửi tới 1 nhóm và 1 đại biểu');
    // The recipients were fixed at the preview; both become unreachable before Send.
    h.emu.removeBotFromGroup(groupHK, cityClerk, true);
    h.emu.deactivateUser(hkDelegate);
    await h.settle();
    await h.emu.pressButton(cityClerk, control.raw, `bc:send:${id}`);
    const report = await h.emu.waitFor(
      () => h.emu.botMessages(cityClerk.id).find((m) => m.message_id === control.message_id && m.text?.startsWith('✅')),
      { timeout: 10_000, what: 'the report' },
    );
    expect(report.text!.split('\n').slice(0, 2)).toEqual([`✅ Đã gửi thông báo ${id} tới 0/2 người nhận.`, 'Không gửi được (2):']);
    expect(report.text).toContain('• Thường trực HĐND quận Hoàn Kiếm (hệ thống đã bị đưa ra khỏi nhóm)');
    expect(report.text).toContain('• Hoàng Minh (tài khoản Telegram đã bị xóa)');
    expect((await h.app.svc.store.members.prefs(hkDelegate.id)).inactive).toBe('deactivated');
    expect((await h.app.svc.store.units.get('HK'))?.group?.active).toBe(false);
  });
});

describe('notices Telegram cannot copy', () => {
  const count = async () => (await h.app.svc.store.broadcasts.recent(1000)).length;

  it('refuses a service message at the preview, in Vietnamese, and stores nothing', async () => {
    const stored = await count();
    h.emu.sendText(cityClerk, 'private', 'Lịch tiếp công dân tháng 11');
    const pinnedText = h.emu.messages(cityClerk.id).at(-1)!.raw;
    const pin = h.emu.sendServiceMessage(cityClerk, 'private', { pinned_message: pinnedText });
    const answer = await h.ask(cityClerk, 'private', '/thongbao tatca', { replyTo: pin.message_id });
    expect(answer.text).toBe([
      '⚠️ Tin này là dòng báo «đã ghim tin nhắn», không phải nội dung thông báo, nên không gửi đi được. Thông báo chưa được lưu.',
      'Đồng chí vui lòng gửi nội dung thông báo dưới dạng văn bản, ảnh hoặc tệp.',
      'Sau đó trả lời (reply) tin nhắn đó bằng lệnh /thongbao như trước.',
    ].join('\n'));
    expect(answer.replyTo).toBe(pin.message_id);
    expect(answer.buttons).toEqual([]);
    await h.settle();
    expect(await count()).toBe(stored);
    expect(h.emu.calls.filter((c) => c.method === 'copyMessage' && c.params.message_id === pin.message_id)).toEqual([]);
  });

  it('refuses a quiz without its answer in English, keeps waiting, then accepts and delivers a regular poll', async () => {
    const clerk = h.emu.user({ first_name: 'Mary', last_name: 'Tran', language_code: 'en', privateOpen: true });
    await member(clerk, 'secretary', 'TP');
    await h.app.svc.store.members.setLang(clerk.id, 'en');
    expect((await h.ask(clerk, 'private', '/broadcast BD delegates')).text).toContain('✍️ Please send the notice now');
    const stored = await count();
    const before = h.emu.botMessages(clerk.id).length;
    const quiz = h.emu.sendPoll(clerk, 'private', { question: 'Founded in?', options: ['1945', '1946'], quiz: { correct: 1 }, forwardedFrom: lan });
    const refusal = await h.nextBotMessage(clerk.id, before);
    expect(refusal.text).toBe([
      '⚠️ This quiz comes without its answer (usually because it was forwarded), and Telegram copies a quiz only when the answer is known. Nothing was saved.',
      'Please send a regular poll instead of the quiz, or create the quiz yourself in this chat.',
      'The notice is still awaited; press “Cancel” if you no longer want to send one.',
    ].join('\n'));
    expect(refusal.replyTo).toBe(quiz.message_id);
    expect(refusal.buttons.flat().map((b) => b.data)).toEqual(['bc:wait-cancel']);
    await h.settle();
    expect(await count()).toBe(stored);

    // Still waiting for the notice: a regular poll is one.
    const poll = h.emu.sendPoll(clerk, 'private', { question: 'Morning or afternoon session?', options: ['Morning', 'Afternoon'] });
    const preview = await h.nextBotMessage(clerk.id, before + 1);
    expect(preview.text).toMatch(/^The notice above \(B\d+\) will be sent to 0 groups and 5 delegates\. Send now\?$/);
    expect(preview.replyTo).toBe(poll.message_id);
    const id = /\((B\d+)\)/.exec(preview.text!)![1]!;
    await h.emu.pressButton(clerk, preview.raw, `bc:send:${id}`);
    await h.emu.waitForBotMessage(clerk.id, (m) => m.message_id === preview.message_id && m.text!.startsWith(`✅ Notice ${id} delivered to 3/5`), { timeout: 10_000 });
    const copy = h.emu.botMessages(lan.id).at(-1)!;
    expect(copy.raw.poll).toMatchObject({ question: 'Morning or afternoon session?', type: 'regular' });
    expect(copy.buttons).toEqual([[{ text: '✅ Đã nhận', data: `ack:${id}` }]]);
  });

  it('says at the preview that only the album part replied to goes', async () => {
    const album = h.emu.sendAlbum(cityClerk, 'private', [{ caption: 'Hội trường tầng 1' }, { caption: 'Hội trường tầng 2' }, {}]);
    const preview = await h.ask(cityClerk, 'private', '/thongbao BD', { replyTo: album[1]!.message_id });
    expect(preview.text!.split('\n')).toEqual([
      expect.stringMatching(/^Thông báo ở trên \(mã B\d+\) sẽ được gửi tới 1 nhóm và 5 đại biểu\. Gửi ngay\?$/),
      '📎 Chỉ ảnh này được gửi, không kèm các phần khác của album. Để gửi cả album, đồng chí gửi từng phần thành thông báo riêng, hoặc gộp vào một tệp (ví dụ PDF).',
    ]);
    expect(preview.replyTo).toBe(album[1]!.message_id);
    const id = /mã (B\d+)/.exec(preview.text!)![1]!;
    const stored = await h.app.svc.store.broadcasts.get(id);
    expect(stored?.notice).toEqual({ chatId: cityClerk.id, messageId: album[1]!.message_id });
    await h.emu.pressButton(cityClerk, preview.raw, `bc:cancel:${id}`);
  });

  it('previews the first part of an album sent after the command, once', async () => {
    await h.ask(bdClerk, 'private', '/thongbao nhom');
    const before = h.emu.botMessages(bdClerk.id).length;
    const album = h.emu.sendAlbum(bdClerk, 'private', [{ fileName: 'Tờ trình.pdf' }, { fileName: 'Dự thảo nghị quyết.docx' }]);
    const preview = await h.nextBotMessage(bdClerk.id, before);
    expect(preview.replyTo).toBe(album[0]!.message_id);
    expect(preview.text).toContain('📎 Chỉ tệp này được gửi, không kèm các phần khác của album.');
    await h.settle();
    expect(h.emu.botMessages(bdClerk.id)).toHaveLength(before + 1);
    const id = /mã (B\d+)/.exec(preview.text!)![1]!;
    await h.emu.pressButton(bdClerk, preview.raw, `bc:cancel:${id}`);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Chat, User } from 'grammy/types';
import { addMember, draftNotice, linkedGroup } from '#test/support/seed.js';
import { startHarness, type Harness } from '#test/support/harness.js';
import type { EmuMessage } from '#test/support/emulator.js';

/**
 * The rules of notices at the moments they are decided: Send re-checks who presses it and
 * when, the fan-out skips people who left since the preview, "Received" counts only people
 * a sent notice reached, and who may follow or stop a notice is the policy's answer.
 */
let h: Harness;
let cityClerk: User; // TP: council-wide
let bdClerk: User; // BD only
let lan: User;
let hung: User;
let mai: User;
let tuan: User;
let minh: User; // HK delegate
let groupBD: Chat;
let groupHK: Chat;

const DAY = 86_400_000;
const member = (user: User, role: 'delegate' | 'secretary', unit: string) => addMember(h, user, role, unit);

beforeAll(async () => {
  h = await startHarness({ env: { FLOOD_LIMIT: '1000' } });
  const { units } = h.app.svc.store;
  for (const [code, name] of [['TP', 'HĐND Thành phố'], ['BD', 'Quận Ba Đình'], ['HK', 'Quận Hoàn Kiếm']] as const) await units.upsert(code, name);
  cityClerk = h.emu.user({ first_name: 'Trần Thị', last_name: 'Hoa', privateOpen: true });
  bdClerk = h.emu.user({ first_name: 'Lê Văn', last_name: 'Bình', privateOpen: true });
  lan = h.emu.user({ first_name: 'Nguyễn Thị', last_name: 'Lan', privateOpen: true });
  hung = h.emu.user({ first_name: 'Phạm Quốc', last_name: 'Hùng', privateOpen: true });
  mai = h.emu.user({ first_name: 'Đỗ Thị', last_name: 'Mai', privateOpen: true });
  tuan = h.emu.user({ first_name: 'Vũ Anh', last_name: 'Tuấn', privateOpen: true });
  minh = h.emu.user({ first_name: 'Hoàng', last_name: 'Minh', privateOpen: true });
  await member(cityClerk, 'secretary', 'TP');
  await member(bdClerk, 'secretary', 'BD');
  for (const d of [lan, hung, mai, tuan]) await member(d, 'delegate', 'BD');
  await member(minh, 'delegate', 'HK');
  groupBD = await linkedGroup(h, 'Thường trực HĐND quận Ba Đình', 'BD', cityClerk);
  groupHK = await linkedGroup(h, 'Thường trực HĐND quận Hoàn Kiếm', 'HK', cityClerk);
});
afterAll(() => h.stop());

const status = async (id: string) => (await h.app.svc.store.broadcasts.get(id))?.status;
const copies = (u: User | Chat, text: string) => h.emu.botMessages(u.id).filter((m) => m.text === text || m.caption === text);

async function report(clerk: User, control: EmuMessage): Promise<string> {
  const m = await h.emu.waitFor(
    () => h.emu.botMessages(clerk.id).find((x) => x.message_id === control.message_id && /^(✅|🛑)/.test(x.text ?? '')),
    { timeout: 10_000, what: 'delivery report' },
  );
  return m.text!;
}

async function sendAndWait(clerk: User, control: EmuMessage, id: string): Promise<string> {
  await h.emu.pressButton(clerk, control.raw, `bc:send:${id}`);
  return report(clerk, control);
}

describe('Send is decided when it is pressed', () => {
  it('refuses Send on a draft older than a day, clearly, and sends nothing', async () => {
    const { control, id } = await draftNotice(h, bdClerk, 'Bản nháp để quên', 'tatca');
    // The preview was made a little over a day ago.
    await h.app.svc.store.broadcasts.transition(id, 'draft', ['draft'], { createdAt: Date.now() - DAY - 60_000 });
    expect(await h.emu.pressButton(bdClerk, control.raw, `bc:send:${id}`)).toEqual({
      text: `⌛ Bản xem trước thông báo ${id} đã quá một ngày nên hết hạn; không có tin nào được gửi. Đồng chí vui lòng soạn lại bằng /thongbao.`,
      show_alert: true,
    });
    await h.settle();
    expect(await status(id)).toBe('draft');
    expect(copies(lan, 'Bản nháp để quên')).toHaveLength(0);
    expect(copies(groupBD, 'Bản nháp để quên')).toHaveLength(0);
    // The preview says so too, without its buttons.
    const edited = h.emu.botMessages(bdClerk.id).find((m) => m.message_id === control.message_id)!;
    expect(edited.text).toContain('hết hạn');
    expect(edited.buttons).toEqual([]);
    expect((await h.ask(bdClerk, 'private', '/dsthongbao')).text).toMatch(new RegExp(`${id} · [^·]+ · hết hạn ·`));
  });

  it('refuses Send by a creator who is no longer a secretary', async () => {
    const { control, id } = await draftNotice(h, bdClerk, 'Thông báo trước khi thôi làm thư ký', 'daibieu');
    await member(bdClerk, 'delegate', 'BD');
    try {
      const answer = await h.emu.pressButton(bdClerk, control.raw, `bc:send:${id}`);
      expect(answer).toEqual({ text: `ℹ️ Đồng chí không còn quyền gửi hay hủy thông báo ${id}: vai trò hoặc đơn vị của đồng chí đã thay đổi. Thông báo chưa được gửi.`, show_alert: true });
      await h.settle();
      expect(await status(id)).toBe('draft');
      expect(copies(lan, 'Thông báo trước khi thôi làm thư ký')).toHaveLength(0);
    } finally {
      await member(bdClerk, 'secretary', 'BD');
    }
  });

  it('refuses Send by a creator who now acts for another unit', async () => {
    const { control, id } = await draftNotice(h, bdClerk, 'Thông báo trước khi chuyển đơn vị', 'daibieu');
    await member(bdClerk, 'secretary', 'HK');
    try {
      expect(await h.emu.pressButton(bdClerk, control.raw, `bc:send:${id}`)).toEqual({
        text: `ℹ️ Đồng chí không còn quyền gửi hay hủy thông báo ${id}: vai trò hoặc đơn vị của đồng chí đã thay đổi. Thông báo chưa được gửi.`,
        show_alert: true,
      });
      await h.settle();
      expect(await status(id)).toBe('draft');
      expect(copies(lan, 'Thông báo trước khi chuyển đơn vị')).toHaveLength(0);
    } finally {
      await member(bdClerk, 'secretary', 'BD');
    }
  });

  it('takes the notice after /thongbao only from someone still allowed to draft it', async () => {
    await h.ask(bdClerk, 'private', '/thongbao tatca');
    await member(bdClerk, 'secretary', 'HK');
    try {
      const stored = (await h.app.svc.store.broadcasts.recent(1000)).length;
      const answer = await h.ask(bdClerk, 'private', 'Nội dung gửi sau khi chuyển đơn vị');
      expect(answer.text).toBe('ℹ️ Đồng chí không phụ trách đơn vị BD. Thư ký chỉ thao tác với đơn vị của mình.');
      expect((await h.app.svc.store.broadcasts.recent(1000)).length).toBe(stored);
    } finally {
      await member(bdClerk, 'secretary', 'BD');
    }
  });

  it('skips people removed or moved out since the preview, and reports them', async () => {
    const text = 'Thông báo gửi các đại biểu Ba Đình';
    const { control, id } = await draftNotice(h, cityClerk, text, 'BD daibieu');
    expect(control.text).toContain('0 nhóm và 4 đại biểu');
    await h.app.svc.store.members.remove(mai.id);
    await member(tuan, 'delegate', 'HK');
    try {
      const final = await sendAndWait(cityClerk, control, id);
      const lines = final.split('\n');
      expect(lines[0]).toBe(`✅ Đã gửi thông báo ${id} tới 2/4 người nhận.`);
      expect(lines).toContain('🚫 Không gửi cho 2 người đã rời đơn vị nhận sau khi xem trước: Đỗ Thị Mai, Vũ Anh Tuấn');
      expect(copies(lan, text)).toHaveLength(1);
      expect(copies(hung, text)).toHaveLength(1);
      expect(copies(mai, text)).toHaveLength(0);
      expect(copies(tuan, text)).toHaveLength(0);
      const counts = await h.app.svc.store.broadcasts.counts(id);
      expect(counts).toMatchObject({ sent: 2, failed: 0, removed: 2 });
      expect((await h.ask(cityClerk, 'private', '/dsthongbao')).text).toMatch(new RegExp(`${id} · .* · đã gửi 2/4 · lỗi 0 · chờ 0 ·`));
    } finally {
      await member(mai, 'delegate', 'BD');
      await member(tuan, 'delegate', 'BD');
    }
  });

  it('sends once when Send is pressed five times at once', async () => {
    const text = 'Thông báo bấm Gửi nhiều lần';
    const { control, id } = await draftNotice(h, bdClerk, text, 'tatca');
    const answers = await Promise.all(Array.from({ length: 5 }, () => h.emu.pressButton(bdClerk, control.raw, `bc:send:${id}`)));
    expect(answers.filter((a) => a?.text === `📤 Bắt đầu gửi thông báo ${id}.`)).toHaveLength(1);
    expect(answers.filter((a) => a?.text === `Thông báo ${id} đang được gửi.` || a?.text === `Thông báo ${id} đã gửi xong.`)).toHaveLength(4);
    expect(await report(bdClerk, control)).toBe(`✅ Đã gửi thông báo ${id} tới 5/5 người nhận.`);
    for (const u of [lan, hung, mai, tuan, groupBD]) expect(copies(u, text)).toHaveLength(1);
  });

  it('Send and Cancel pressed at once: one outcome, all or nothing', async () => {
    const text = 'Thông báo vừa gửi vừa hủy';
    const { control, id } = await draftNotice(h, bdClerk, text, 'daibieu');
    const [send, cancel] = await Promise.all([
      h.emu.pressButton(bdClerk, control.raw, `bc:send:${id}`),
      h.emu.pressButton(bdClerk, control.raw, `bc:cancel:${id}`),
    ]);
    await h.settle();
    const sent = [lan, hung, mai, tuan].map((u) => copies(u, text).length);
    if ((await status(id)) === 'cancelled') {
      expect(cancel).toEqual({});
      expect(send?.show_alert).toBe(true);
      expect(sent).toEqual([0, 0, 0, 0]);
    } else {
      expect(await status(id)).toBe('done');
      expect(send?.text).toBe(`📤 Bắt đầu gửi thông báo ${id}.`);
      expect(cancel?.show_alert).toBe(true);
      expect(sent).toEqual([1, 1, 1, 1]);
    }
  });
});

describe('"Received" counts only people a sent notice reached', () => {
  it('refuses acknowledgements of a notice that was never sent', async () => {
    const { control, id } = await draftNotice(h, bdClerk, 'Bản nháp chưa gửi', 'tatca');
    const somewhere = h.emu.sendText(lan, 'private', 'tin nhắn bất kỳ');
    expect(await h.emu.pressButton(lan, { chat: { id: lan.id }, message_id: somewhere.message_id }, `ack:${id}`)).toEqual({
      text: 'ℹ️ Thông báo này chưa được gửi nên chưa xác nhận được.',
      show_alert: true,
    });
    const groupMsg = h.emu.sendText(hung, groupBD, 'tin nhắn trong nhóm');
    expect((await h.emu.pressButton(hung, { chat: { id: groupBD.id }, message_id: groupMsg.message_id }, `ack:${id}`))?.show_alert).toBe(true);
    await h.emu.pressButton(bdClerk, control.raw, `bc:cancel:${id}`);
    expect((await h.emu.pressButton(lan, { chat: { id: lan.id }, message_id: somewhere.message_id }, `ack:${id}`))?.show_alert).toBe(true);
    expect((await h.app.svc.store.broadcasts.acks(id)).size).toBe(0);
    expect((await h.app.svc.store.broadcasts.counts(id)).acked).toBe(0);
  });

  it('refuses people outside the frozen recipients, and group copies pressed by another unit', async () => {
    const text = 'Thông báo cho Ba Đình và Hoàn Kiếm';
    const { control, id } = await draftNotice(h, cityClerk, text, 'BD HK');
    // Joined after the preview: not among the recipients.
    const late = h.emu.user({ first_name: 'Người', last_name: 'Mới', privateOpen: true });
    await member(late, 'delegate', 'BD');
    await sendAndWait(cityClerk, control, id);
    const note = h.emu.sendText(late, 'private', 'xin chào');
    expect(await h.emu.pressButton(late, { chat: { id: late.id }, message_id: note.message_id }, `ack:${id}`)).toEqual({
      text: 'ℹ️ Chỉ người nhận thông báo mới xác nhận được.',
      show_alert: true,
    });
    // The copy in HK's group was for HK's people: not for BD's secretary nor the late BD joiner.
    const hkCopy = copies(groupHK, text)[0]!;
    expect(await h.emu.pressButton(bdClerk, hkCopy.raw, `ack:${id}`)).toEqual({ text: 'ℹ️ Chỉ thành viên của đơn vị nhận thông báo mới xác nhận được.', show_alert: true });
    expect((await h.emu.pressButton(late, hkCopy.raw, `ack:${id}`))?.show_alert).toBe(true);
    // The copy in BD's group: BD's people may acknowledge it (its secretary, late joiners too).
    const bdCopy = copies(groupBD, text)[0]!;
    expect(await h.emu.pressButton(bdClerk, bdCopy.raw, `ack:${id}`)).toEqual({ text: `✅ Đã ghi nhận: đồng chí đã nhận thông báo ${id}.` });
    expect(await h.emu.pressButton(late, bdCopy.raw, `ack:${id}`)).toEqual({ text: `✅ Đã ghi nhận: đồng chí đã nhận thông báo ${id}.` });
    // People sent a copy of their own may press any copy they see.
    expect(await h.emu.pressButton(minh, bdCopy.raw, `ack:${id}`)).toEqual({ text: `✅ Đã ghi nhận: đồng chí đã nhận thông báo ${id}.` });
    expect(await h.emu.pressButton(minh, hkCopy.raw, `ack:${id}`)).toEqual({ text: `Đồng chí đã xác nhận thông báo ${id} trước đó.` });
    expect(await h.emu.pressButton(hung, copies(hung, text)[0]!.raw, `ack:${id}`)).toEqual({ text: `✅ Đã ghi nhận: đồng chí đã nhận thông báo ${id}.` });
    expect([...(await h.app.svc.store.broadcasts.acks(id)).keys()].sort()).toEqual([bdClerk.id, late.id, minh.id, hung.id].sort());
  });

  it('counts twenty presses at once exactly once per person', async () => {
    const text = 'Thông báo xác nhận đồng loạt';
    const { control, id } = await draftNotice(h, cityClerk, text, 'BD daibieu');
    await sendAndWait(cityClerk, control, id);
    const people = [lan, hung, mai, tuan];
    const presses = Array.from({ length: 20 }, (_, i) => {
      const u = people[i % people.length]!;
      return h.emu.pressButton(u, copies(u, text)[0]!.raw, `ack:${id}`).then((a) => ({ u, a }));
    });
    const answers = await Promise.all(presses);
    for (const u of people) {
      const mine = answers.filter((x) => x.u === u).map((x) => x.a?.text);
      expect(mine.filter((t) => t === `✅ Đã ghi nhận: đồng chí đã nhận thông báo ${id}.`)).toHaveLength(1);
      expect(mine.filter((t) => t === `Đồng chí đã xác nhận thông báo ${id} trước đó.`)).toHaveLength(4);
    }
    const acks = await h.app.svc.store.broadcasts.acks(id);
    expect([...acks.keys()].sort()).toEqual(people.map((u) => u.id).sort());
    expect((await h.app.svc.store.broadcasts.counts(id)).acked).toBe(acks.size);
  });
});

describe('who may follow and stop a notice', () => {
  it('is decided by the unit the notice is for, not by who wrote it', async () => {
    const text = 'Thông báo của thư ký Ba Đình';
    const { control, id } = await draftNotice(h, bdClerk, text, 'daibieu');
    await sendAndWait(bdClerk, control, id);
    expect((await h.ask(bdClerk, 'private', `/danhan ${id}`)).text).toContain(`✅ Xác nhận đã nhận thông báo ${id}`);
    // Now HK's secretary: BD's notices are BD's business.
    await member(bdClerk, 'secretary', 'HK');
    try {
      expect((await h.ask(bdClerk, 'private', `/danhan ${id}`)).text).toBe(`ℹ️ Không có thông báo «${id}». Gửi /dsthongbao để xem các thông báo gần đây.`);
      expect((await h.ask(bdClerk, 'private', `/huythongbao ${id}`)).text).toContain('ℹ️ Không có thông báo');
      expect((await h.ask(bdClerk, 'private', '/dsthongbao')).text).not.toContain(`${id} ·`);
    } finally {
      await member(bdClerk, 'secretary', 'BD');
    }
    expect((await h.ask(cityClerk, 'private', `/danhan ${id}`)).text).toContain(`✅ Xác nhận đã nhận thông báo ${id}`);
  });
});

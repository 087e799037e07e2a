import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from 'grammy/types';
import { addMember, draftNotice } from '#test/support/seed.js';
import { startHarness, type Harness } from '#test/support/harness.js';
import type { EmuMessage } from '#test/support/emulator.js';

/**
 * The rules of set-up that a later step must keep: an invite admits people only while its
 * creator may still invite, invites can be listed and revoked, an invite that would change
 * someone's role asks first, /remove takes away what the person left behind (invites, notice
 * drafts, a form half filled in), and racing for an invite's last use admits one person.
 */
let h: Harness;
const ADMIN = 9101;
let admin: User;
let cityClerk: User; // secretary of TP: council-wide
let bdClerk: User;
let hkClerk: User;
let bdDel: User;

let seq = 0;
/** A person who has never used the bot. */
const newcomer = (lang = 'vi') => h.emu.user({ first_name: `Người mới ${++seq}`, language_code: lang, privateOpen: true });

function tokenOf(text: string | undefined): string {
  const m = /\?start=([A-Za-z0-9_-]+)/.exec(text ?? '');
  if (!m) throw new Error(`no invite link in: ${text}`);
  return m[1]!;
}
/** The invite's short code, as the link message shows it. */
function codeOf(text: string | undefined): string {
  const m = /\/huymoi (I\d+)/.exec(text ?? '') ?? /\/revokeinvite (I\d+)/.exec(text ?? '');
  return m?.[1] ?? '(no code shown)';
}
async function invite(by: User, args: string): Promise<{ token: string; code: string; text: string }> {
  // A join notice to this person may still be on its way: the next message must be the link.
  await h.settle();
  const link = await h.ask(by, 'private', `/moi ${args}`);
  return { token: tokenOf(link.text), code: codeOf(link.text), text: link.text! };
}
async function usesLeft(code: string): Promise<number | undefined> {
  return (await h.app.svc.store.invites.get?.(code))?.usesLeft;
}

beforeAll(async () => {
  h = await startHarness({ env: { ADMIN_IDS: String(ADMIN), FLOOD_LIMIT: '100000' } });
  const s = h.app.svc.store;
  for (const [c, n] of [['TP', 'HĐND Thành phố'], ['BD', 'Quận Ba Đình'], ['HK', 'Quận Hoàn Kiếm']] as const) await s.units.upsert(c, n);
  admin = h.emu.user({ id: ADMIN, first_name: 'Quản trị', privateOpen: true });
  cityClerk = h.emu.user({ first_name: 'Trần', last_name: 'Hoa', privateOpen: true });
  bdClerk = h.emu.user({ first_name: 'Lê', last_name: 'Bình', privateOpen: true });
  hkClerk = h.emu.user({ first_name: 'Phạm', last_name: 'Hà', privateOpen: true });
  bdDel = h.emu.user({ first_name: 'Nguyễn', last_name: 'An', privateOpen: true });
  await addMember(h, cityClerk, 'secretary', 'TP');
  await addMember(h, bdClerk, 'secretary', 'BD');
  await addMember(h, hkClerk, 'secretary', 'HK');
  await addMember(h, bdDel, 'delegate', 'BD');
});
afterAll(() => h.stop());

describe('an invite being used: its creator must still be allowed to invite', () => {
  it('admits nobody once its creator was removed', async () => {
    const clerk = h.emu.user({ first_name: 'Thư ký', last_name: 'Tạm', privateOpen: true });
    await addMember(h, clerk, 'secretary', 'BD');
    const { token } = await invite(clerk, 'daibieu BD 5');
    const first = newcomer();
    expect((await h.ask(first, 'private', `/start ${token}`)).text).toContain('với vai trò đại biểu');
    expect((await h.ask(admin, 'private', `/xoathanhvien ${clerk.id}`)).text).toContain('✅ Đã xóa vai trò thư ký đơn vị BD của đồng chí Thư ký Tạm.');
    const late = newcomer();
    // /remove revokes the invites the person made (see below); the link says so.
    expect((await h.ask(late, 'private', `/start ${token}`)).text).toBe('ℹ️ Đường dẫn mời đã bị thu hồi. Đồng chí liên hệ thư ký đơn vị để nhận đường dẫn mới.');
    expect(await h.app.svc.store.members.get(late.id)).toBeUndefined();
  });

  it('admits nobody once its creator’s record is gone, even if the invite was never revoked', async () => {
    const clerk = h.emu.user({ first_name: 'Thư ký', last_name: 'Sáu', privateOpen: true });
    await addMember(h, clerk, 'secretary', 'BD');
    const { token, code } = await invite(clerk, 'daibieu BD 5');
    // Removed without /remove's clean-up (as before it existed): the invite itself is still live.
    await h.app.svc.store.members.remove(clerk.id);
    expect(await usesLeft(code)).toBe(5);
    const late = newcomer();
    expect((await h.ask(late, 'private', `/start ${token}`)).text).toBe(
      'ℹ️ Đường dẫn mời này không còn hiệu lực vì người tạo không còn quyền mời. Đồng chí liên hệ thư ký đơn vị để nhận đường dẫn mới.',
    );
    expect(await h.app.svc.store.members.get(late.id)).toBeUndefined();
    expect(await usesLeft(code)).toBe(5);
  });

  it('admits nobody once its creator became a delegate or moved to another unit', async () => {
    const clerk = h.emu.user({ first_name: 'Thư ký', last_name: 'Cũ', privateOpen: true });
    await addMember(h, clerk, 'secretary', 'HK');
    const demoted = await invite(clerk, 'daibieu HK 5');
    const moved = await invite(clerk, 'daibieu HK 5');
    await addMember(h, clerk, 'delegate', 'HK');
    const a = newcomer('en');
    expect((await h.ask(a, 'private', `/start ${demoted.token}`)).text).toBe(
      "ℹ️ This invite link is no longer valid: the person who made it may no longer invite. Please ask your unit's secretary for a new link.",
    );
    await addMember(h, clerk, 'secretary', 'BD');
    expect((await h.ask(a, 'private', `/start ${moved.token}`)).text).toContain('ℹ️ This invite link is no longer valid');
    expect(await h.app.svc.store.members.get(a.id)).toBeUndefined();
    // Nothing was spent: the links work again if the creator gets the role back.
    expect(await usesLeft(moved.code)).toBe(5);
  });

  it('an admin’s invite keeps working: admins are named by the configuration', async () => {
    const { token } = await invite(admin, 'daibieu HK');
    const a = newcomer();
    expect((await h.ask(a, 'private', `/start ${token}`)).text).toContain('với vai trò đại biểu');
  });
});

describe('invites listed and revoked', () => {
  it('lists live invites with code, role, unit, uses left, expiry and creator; per unit for a unit’s secretary', async () => {
    const bd = await invite(bdClerk, 'daibieu BD 3 7');
    expect(bd.text).toContain(`Mã đường dẫn: ${bd.code}. Thu hồi bằng lệnh /huymoi ${bd.code}.`);
    const hk = await invite(hkClerk, 'daibieu HK 2');
    const list = (await h.ask(bdClerk, 'private', '/dsmoi')).text!;
    expect(list).toMatch(/^🔗 Đường dẫn mời còn hiệu lực — BD \(\d+\):/);
    expect(list).toMatch(new RegExp(`• ${bd.code} · đại biểu · BD · còn 3/3 lượt · hết hạn \\d\\dh\\d\\d, [^·]+ · người tạo: Lê Bình`));
    expect(list).not.toContain(hk.code);
    expect((await h.ask(bdClerk, 'private', '/dsmoi HK')).text).toBe('ℹ️ Đồng chí không phụ trách đơn vị HK. Thư ký chỉ thao tác với đơn vị của mình.');
    const all = (await h.ask(cityClerk, 'private', '/invites')).text!;
    expect(all).toMatch(/^🔗 Đường dẫn mời còn hiệu lực — tất cả đơn vị \(\d+\):/);
    expect(all).toContain(`• ${bd.code} ·`);
    expect(all).toContain(`• ${hk.code} · đại biểu · HK · còn 2/2 lượt`);
    expect((await h.ask(cityClerk, 'private', '/dsmoi HK')).text).toContain(`• ${hk.code} ·`);
    expect((await h.ask(bdDel, 'private', '/dsmoi')).text).toContain('ℹ️ Lệnh này chỉ dành cho thư ký.');
  });

  it('revokes an invite: the link stops working and leaves the list; other units’ invites are refused', async () => {
    const { token, code } = await invite(bdClerk, 'daibieu BD 3');
    expect((await h.ask(hkClerk, 'private', `/huymoi ${code}`)).text).toBe('ℹ️ Đồng chí không phụ trách đơn vị BD. Thư ký chỉ thao tác với đơn vị của mình.');
    expect(await usesLeft(code)).toBe(3);
    expect((await h.ask(bdDel, 'private', `/huymoi ${code}`)).text).toContain('ℹ️ Lệnh này chỉ dành cho thư ký.');
    expect((await h.ask(bdClerk, 'private', `/huymoi ${code.toLowerCase()}`)).text).toBe(
      `✅ Đã thu hồi đường dẫn mời ${code} (đại biểu, đơn vị BD). Đường dẫn này không dùng được nữa.`,
    );
    const a = newcomer();
    expect((await h.ask(a, 'private', `/start ${token}`)).text).toBe('ℹ️ Đường dẫn mời đã bị thu hồi. Đồng chí liên hệ thư ký đơn vị để nhận đường dẫn mới.');
    expect(await h.app.svc.store.members.get(a.id)).toBeUndefined();
    expect((await h.ask(bdClerk, 'private', '/dsmoi')).text).not.toContain(`${code} ·`);
    expect((await h.ask(bdClerk, 'private', `/revokeinvite ${code}`)).text).toBe(`ℹ️ Không có đường dẫn mời mã «${code}» còn hiệu lực. Gửi /dsmoi để xem danh sách.`);
    expect((await h.ask(bdClerk, 'private', '/huymoi')).text).toContain('Cách dùng: /huymoi I‹số›');
  });

  it('a secretary may not revoke an invite for a secretary', async () => {
    const { code } = await invite(admin, 'thuky BD');
    expect((await h.ask(bdClerk, 'private', `/huymoi ${code}`)).text).toBe('ℹ️ Chỉ quản trị viên mới thu hồi được đường dẫn mời thư ký.');
    expect(await usesLeft(code)).toBe(1);
    expect((await h.ask(admin, 'private', `/huymoi ${code}`)).text).toContain('✅ Đã thu hồi đường dẫn mời');
  });

  it('shows both commands in /help and the secretaries’ menus', async () => {
    const help = (await h.ask(bdClerk, 'private', '/huongdan')).text!;
    expect(help).toContain('/dsmoi [MÃ_ĐƠN_VỊ] (/invites) — Các đường dẫn mời còn hiệu lực');
    expect(help).toContain('/huymoi I‹số›|MÃ_ĐƠN_VỊ (/revokeinvite) — Thu hồi đường dẫn mời');
    expect((await h.ask(bdDel, 'private', '/huongdan')).text).not.toContain('/dsmoi');
  });
});

describe('an invite that would change someone’s role or unit asks first', () => {
  const question = (text: string | undefined) => expect(text).toBe(
    [
      '⚠️ Đồng chí đang là thư ký đơn vị TP. Nếu dùng đường dẫn mời này, đồng chí sẽ trở thành đại biểu đơn vị BD — Quận Ba Đình.',
      'Đồng chí có xác nhận thay đổi không?',
    ].join('\n'),
  );
  const buttonsOf = (m: EmuMessage) => (m.raw.reply_markup?.inline_keyboard ?? []).flat().map((b) => ('callback_data' in b ? b.callback_data : ''));

  it('Cancel changes nothing and spends nothing; Confirm applies it and spends one use', async () => {
    const clerk = h.emu.user({ first_name: 'Thư ký', last_name: 'Thành phố', privateOpen: true });
    await addMember(h, clerk, 'secretary', 'TP');
    const { token, code } = await invite(bdClerk, 'daibieu BD 1');
    const asked = await h.ask(clerk, 'private', `/start ${token}`);
    question(asked.text);
    expect(await h.app.svc.store.members.get(clerk.id)).toMatchObject({ role: 'secretary', unit: 'TP' });
    expect(await usesLeft(code)).toBe(1);
    const [confirm, cancel] = buttonsOf(asked);
    expect([confirm, cancel]).toEqual([`inv:ok:${code}`, `inv:no:${code}`]);

    await h.emu.pressButton(clerk, asked.raw, cancel!);
    await h.settle();
    expect(h.emu.botMessages(clerk.id).at(-1)!.text).toBe('Đã hủy. Vai trò của đồng chí giữ nguyên: thư ký đơn vị TP.');
    expect(await h.app.svc.store.members.get(clerk.id)).toMatchObject({ role: 'secretary', unit: 'TP' });
    expect(await usesLeft(code)).toBe(1);
    // The Confirm of a cancelled question does nothing.
    expect(await h.emu.pressButton(clerk, asked.raw, confirm!)).toMatchObject({ text: 'ℹ️ Yêu cầu xác nhận này không còn hiệu lực. Đồng chí vui lòng mở lại đường dẫn mời.' });
    expect(await h.app.svc.store.members.get(clerk.id)).toMatchObject({ role: 'secretary', unit: 'TP' });

    const again = await h.ask(clerk, 'private', `/start ${token}`);
    question(again.text);
    await h.emu.pressButton(clerk, again.raw, `inv:ok:${code}`);
    await h.settle();
    expect(h.emu.botMessages(clerk.id).at(-1)!.text).toBe('✅ Đồng chí đã tham gia đơn vị BD — Quận Ba Đình với vai trò đại biểu.\nGửi /huongdan để xem các lệnh của đồng chí.');
    expect(await h.app.svc.store.members.get(clerk.id)).toMatchObject({ role: 'delegate', unit: 'BD' });
    expect(await h.app.svc.store.units.memberCount('TP')).toBe(1);
    expect(await usesLeft(code)).toBe(0);
  });

  it('Confirm re-checks the invite: its last use taken meanwhile, its creator demoted, then removed', async () => {
    const clerk = h.emu.user({ first_name: 'Thư ký', last_name: 'Hai', privateOpen: true });
    await addMember(h, clerk, 'secretary', 'TP');
    const used = await invite(bdClerk, 'daibieu BD 1');
    const asked = await h.ask(clerk, 'private', `/start ${used.token}`);
    question(asked.text);
    expect((await h.ask(newcomer(), 'private', `/start ${used.token}`)).text).toContain('với vai trò đại biểu');
    expect(await h.emu.pressButton(clerk, asked.raw, `inv:ok:${used.code}`)).toMatchObject({ text: 'ℹ️ Đường dẫn mời đã dùng hết số lượt. Đồng chí liên hệ thư ký đơn vị để nhận đường dẫn mới.' });
    expect(await h.app.svc.store.members.get(clerk.id)).toMatchObject({ role: 'secretary', unit: 'TP' });

    const temp = h.emu.user({ first_name: 'Thư ký', last_name: 'Ba', privateOpen: true });
    await addMember(h, temp, 'secretary', 'BD');
    const gone = await invite(temp, 'daibieu BD 3');
    const asked2 = await h.ask(clerk, 'private', `/start ${gone.token}`);
    question(asked2.text);
    await addMember(h, temp, 'delegate', 'BD');
    expect(await h.emu.pressButton(clerk, asked2.raw, `inv:ok:${gone.code}`)).toMatchObject({ text: expect.stringContaining('ℹ️ Đường dẫn mời này không còn hiệu lực') });
    await h.ask(admin, 'private', `/xoathanhvien ${temp.id}`);
    expect(await h.emu.pressButton(clerk, asked2.raw, `inv:ok:${gone.code}`)).toMatchObject({ text: expect.stringContaining('ℹ️ Đường dẫn mời đã bị thu hồi') });
    expect(await h.app.svc.store.members.get(clerk.id)).toMatchObject({ role: 'secretary', unit: 'TP' });
  });

  it('a forged or someone else’s Confirm changes nothing; one who already has the role is told so', async () => {
    const { token, code } = await invite(bdClerk, 'daibieu BD 2');
    const asked = await h.ask(cityClerk, 'private', `/start ${token}`);
    question(asked.text);
    const other = newcomer();
    const msg = h.emu.sendText(other, 'private', 'xin chào');
    expect(await h.emu.pressButton(other, msg, `inv:ok:${code}`)).toMatchObject({ text: expect.stringContaining('không còn hiệu lực') });
    expect(await h.app.svc.store.members.get(other.id)).toBeUndefined();
    expect(await usesLeft(code)).toBe(2);
    expect((await h.ask(bdDel, 'private', `/start ${token}`)).text).toBe('Đồng chí đã là đại biểu đơn vị BD — Quận Ba Đình. Đường dẫn mời này không thay đổi gì.');
    expect(await usesLeft(code)).toBe(2);
  });

  it('two Confirm presses at once apply it once and spend one use', async () => {
    const clerk = h.emu.user({ first_name: 'Thư ký', last_name: 'Bốn', privateOpen: true });
    await addMember(h, clerk, 'secretary', 'HK');
    const { token, code } = await invite(admin, 'daibieu BD 5');
    const asked = await h.ask(clerk, 'private', `/start ${token}`);
    expect(asked.text).toContain('⚠️ Đồng chí đang là thư ký đơn vị HK.');
    const answers = await Promise.all([1, 2, 3].map(() => h.emu.pressButton(clerk, asked.raw, `inv:ok:${code}`)));
    await h.settle();
    expect(answers.filter((a) => a?.text?.includes('không còn hiệu lực'))).toHaveLength(2);
    expect(await usesLeft(code)).toBe(4);
    expect(await h.app.svc.store.members.get(clerk.id)).toMatchObject({ role: 'delegate', unit: 'BD' });
    expect(await h.app.svc.store.units.memberCount('HK')).toBe((await h.app.svc.store.members.list('HK')).length);
  });
});

describe('/remove takes away what the person left behind', () => {
  it('revokes their invites, cancels their notice drafts and clears their pending form', async () => {
    const clerk = h.emu.user({ first_name: 'Thư ký', last_name: 'Năm', privateOpen: true });
    await addMember(h, clerk, 'secretary', 'BD');
    const a = await invite(clerk, 'daibieu BD 5');
    const b = await invite(clerk, 'daibieu BD 2');
    const { id: draft } = await draftNotice(h, clerk, 'Thông báo nháp của thư ký sắp bị xóa');
    expect(await h.app.svc.store.broadcasts.get(draft)).toMatchObject({ status: 'draft' });
    // Waiting for the next notice: a pending record.
    expect((await h.ask(clerk, 'private', '/thongbao daibieu')).text).toBeTruthy();
    expect(await h.app.svc.store.pending.get(clerk.id)).toMatchObject({ kind: 'notice' });
    const others = await invite(bdClerk, 'daibieu BD 2');

    const done = await h.ask(admin, 'private', `/xoathanhvien ${clerk.id}`);
    expect(done.text).toBe(
      [
        '✅ Đã xóa vai trò thư ký đơn vị BD của đồng chí Thư ký Năm.',
        `• Đã thu hồi 2 đường dẫn mời do đồng chí này tạo: ${a.code}, ${b.code}.`,
        `• Đã hủy 1 thông báo nháp: ${draft}.`,
        '• Đã hủy việc đồng chí này đang nhập dở.',
      ].join('\n'),
    );
    expect(await h.app.svc.store.invites.get(a.code)).toMatchObject({ usesLeft: 0, revoked: true });
    expect(await h.app.svc.store.invites.get(b.code)).toMatchObject({ usesLeft: 0, revoked: true });
    expect(await usesLeft(others.code)).toBe(2);
    expect((await h.ask(newcomer(), 'private', `/start ${a.token}`)).text).toContain('ℹ️ Đường dẫn mời đã bị thu hồi.');
    expect(await h.app.svc.store.broadcasts.get(draft)).toMatchObject({ status: 'cancelled' });
    expect(await h.app.svc.store.pending.get(clerk.id)).toBeUndefined();
    // The removed person's next message is not taken as the notice.
    h.emu.sendText(clerk, 'private', 'Thông báo gửi sau khi bị xóa');
    await h.settle();
    expect((await h.app.svc.store.broadcasts.recent(50)).filter((x) => x.createdBy === clerk.id).map((x) => x.status)).toEqual(['cancelled']);
  });
});

describe('racing for an invite', () => {
  it('20 people opening a 5-use invite at once: exactly 5 join, counts equal a recount', async () => {
    const { token, code } = await invite(admin, 'daibieu HK 5');
    const people = Array.from({ length: 20 }, () => newcomer());
    const before = (await h.app.svc.store.members.list('HK')).length;
    const replies = await Promise.all(people.map((p) => h.ask(p, 'private', `/start ${token}`)));
    expect(replies.filter((r) => r.text?.startsWith('✅'))).toHaveLength(5);
    expect(replies.filter((r) => r.text?.startsWith('ℹ️ Đường dẫn mời đã dùng hết số lượt'))).toHaveLength(15);
    const joined = (await Promise.all(people.map((p) => h.app.svc.store.members.get(p.id)))).filter(Boolean);
    expect(joined).toHaveLength(5);
    expect(await usesLeft(code)).toBe(0);
    expect(await h.app.svc.store.units.memberCount('HK')).toBe(before + 5);
    expect((await h.app.svc.store.members.list('HK')).length).toBe(before + 5);
  });
});

describe('linking groups at the same moment', () => {
  it('five groups linked to one unit at once: one is its group, and only that one points to it', async () => {
    await h.app.svc.store.units.upsert('LB', 'Quận Long Biên');
    // Five secretaries of the unit, each in a group of their own: nothing orders their updates.
    const clerks = Array.from({ length: 5 }, (_, i) => h.emu.user({ first_name: 'Thư ký', last_name: `Long Biên ${i + 1}`, privateOpen: true }));
    for (const c of clerks) await addMember(h, c, 'secretary', 'LB');
    const clerk = clerks[0]!;
    const groups = Array.from({ length: 5 }, (_, i) => h.emu.group({ title: `Nhóm Long Biên ${i + 1}` }));
    for (const [i, g] of groups.entries()) h.emu.addBotToGroup(g, clerks[i]!);
    await h.settle();
    const replies = await Promise.all(groups.map((g, i) => h.ask(clerks[i]!, g, '/lienketnhom LB')));
    expect(replies.every((r) => r.text?.startsWith('✅ Đã liên kết nhóm này'))).toBe(true);
    const unit = await h.app.svc.store.units.get('LB');
    const pointing = [];
    for (const g of groups) if ((await h.app.svc.store.units.unitOfChat(g.id)) === 'LB') pointing.push(g.id);
    expect(pointing).toEqual([unit!.group!.chatId]);
    // Its schedule follows the one group: unlinking it leaves none.
    const linked = groups.find((g) => g.id === unit!.group!.chatId)!;
    expect((await h.ask(clerk, linked, '/huylienket')).text).toBe('✅ Đã hủy liên kết nhóm này với đơn vị LB. Nhóm sẽ không nhận tin của đơn vị nữa.');
    for (const g of groups) expect(await h.app.svc.store.units.unitOfChat(g.id)).toBeUndefined();
  });
});

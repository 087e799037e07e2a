import { TZDate } from '@date-fns/tz';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Chat, User } from 'grammy/types';
import { comment, editComment, respond, withdrawComment } from '#root/actions/comments.js';
import { createProposal } from '#root/actions/proposals.js';
import type { ActionDeps } from '#root/actions/types.js';
import { makeActor, type Actor } from '#root/domain/roles.js';
import { formatDateTime } from '#root/domain/time.js';
import { countComments } from '#root/store/proposals.js';
import { addMember, linkedGroup } from '#test/support/seed.js';
import { startHarness, type Harness } from '#test/support/harness.js';
import type { EmuMessage } from '#test/support/emulator.js';

/**
 * The rules around comments that hold under pressure: a response racing a withdrawal or an
 * edit of the same comment ends in one consistent state with counts equal to a recount;
 * replies to a call for comments count towards the flood limit; a guest replying in a linked
 * group is told once, not once per message; and a person's comments on one proposal stop at
 * COMMENTS_PER_PERSON_MAX, with nothing stored beyond it.
 */
const DAY = 86_400_000;
const TZ = 'Asia/Ho_Chi_Minh';
const pad = (n: number) => String(n).padStart(2, '0');

/** 17:00 in the council's zone, `days` from today: the moment and how a secretary types it. */
function deadlineIn(days: number): { ms: number; typed: string } {
  const d = new TZDate(Date.now() + days * DAY, TZ);
  d.setHours(17, 0, 0, 0);
  return { ms: d.getTime(), typed: `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()} 17:00` };
}

/** What the actions reach, as the bot builds it: for calling them side by side. */
const depsOf = (h: Harness): ActionDeps => ({ store: h.app.svc.store, config: h.app.svc.config, log: h.app.svc.log, effects: h.app.svc.effects });

async function actorOf(h: Harness, u: User): Promise<Actor> {
  return makeActor(u.id, await h.app.svc.store.members.get(u.id), { adminIds: h.app.svc.config.ADMIN_IDS, councilUnit: h.app.svc.config.COUNCIL_UNIT });
}

const nonZero = (c: Record<string, number>) => Object.fromEntries(Object.entries(c).filter(([, n]) => n !== 0));

async function setUnits(h: Harness): Promise<void> {
  for (const [code, name] of [['TP', 'HĐND Thành phố'], ['BD', 'Quận Ba Đình'], ['HK', 'Quận Hoàn Kiếm']] as const) await h.app.svc.store.units.upsert(code, name);
}

async function callIn(h: Harness, chat: Chat, code: string): Promise<EmuMessage> {
  return h.emu.waitFor(() => h.emu.botMessages(chat.id).find((m) => m.text?.startsWith(`📝 LẤY Ý KIẾN GÓP Ý DỰ THẢO ĐỀ ÁN ${code}\n`)), { what: `call for ${code}` });
}

describe('a comment changed by two people at the same moment', () => {
  let h: Harness;
  let clerk: User;
  const delegates: User[] = [];
  let next = 0;

  beforeAll(async () => {
    h = await startHarness({ env: { FLOOD_LIMIT: '100000' } });
    await setUnits(h);
    clerk = h.emu.user({ first_name: 'Trần Thị', last_name: 'Hoa', privateOpen: true });
    await addMember(h, clerk, 'secretary', 'TP');
    for (let i = 0; i < 80; i++) {
      const d = h.emu.user({ first_name: `Đại biểu ${i + 1}`, privateOpen: true });
      await addMember(h, d, 'delegate', i % 2 ? 'HK' : 'BD');
      delegates.push(d);
    }
    const { typed } = deadlineIn(10);
    const created = await h.ask(clerk, 'private', ['/taodean', 'mã: DA-01', 'tiêu đề: Dự thảo', 'các mục: 1, 2', `hạn: ${typed}`, 'đơn vị: BD HK'].join('\n'));
    expect(created.text).toMatch(/^✅ Đã tạo đề án DA-01/);
    await h.settle();
  });
  afterAll(() => h?.stop());

  /** A fresh comment by the next delegate (one each, so the race is the only thing that varies). */
  async function freshComment(section?: string): Promise<{ id: string; author: User }> {
    const author = delegates[next++]!;
    const answer = await h.ask(author, 'private', `/gopy DA-01 ${section ? `#${section} ` : ''}Ý kiến số ${next}`);
    const id = /ý kiến (C\d+)/.exec(answer.text ?? '')?.[1];
    if (!id) throw new Error(`not recorded: ${answer.text}`);
    return { id, author };
  }

  /**
   * Sends a command in private and waits for its answer, which names the comment: the author's
   * chat may also receive the notice of a response at about the same time.
   */
  async function command(user: User, text: string, id: string): Promise<EmuMessage> {
    const since = h.emu.botMessages(user.id).length;
    const answer = new RegExp(`^(✅|ℹ️) .*\\b${id}\\b`);
    h.emu.sendText(user, 'private', text);
    return h.emu.waitFor(() => h.emu.botMessages(user.id).slice(since).find((m) => answer.test(m.text ?? '')), { what: `the answer to ${text}` });
  }

  /** The stored counts are what the comments themselves add up to, and none is below zero. */
  async function expectCountsConsistent(): Promise<void> {
    const { proposals } = h.app.svc.store;
    const stored = await proposals.counts('DA-01');
    expect(Object.values(stored).every((n) => n >= 0), JSON.stringify(stored)).toBe(true);
    expect(nonZero(stored)).toEqual(nonZero(countComments(await proposals.comments('DA-01'))));
  }

  it('respond vs withdraw, 20 times: one of them wins, the other is refused, counts equal a recount', async () => {
    const outcomes: string[] = [];
    for (let round = 0; round < 20; round++) {
      const { id, author } = await freshComment(round % 3 ? '1' : undefined);
      const [responded, withdrawn] = await Promise.all([
        command(clerk, `/tiepthu ${id} tiepthu Đã tiếp thu vòng ${round}.`, id),
        command(author, `/rutgopy ${id}`, id),
      ]);
      const c = (await h.app.svc.store.proposals.comment(id))!;
      if (c.status === 'withdrawn') {
        // The withdrawal won: no response was recorded, and the drafting team was told why.
        expect(c.response, `${id}: withdrawn and answered`).toBeUndefined();
        expect(withdrawn.text).toBe(`✅ Đã rút ý kiến ${id}. Ý kiến vẫn được lưu nhưng không đưa vào báo cáo.`);
        expect(responded.text).toBe(`ℹ️ Ý kiến ${id} đã được rút.`);
        outcomes.push('withdrawn');
      } else {
        // The response won: the comment stays active with it, and the author was refused.
        expect(c.response?.text, `${id}: active without its response`).toBe(`Đã tiếp thu vòng ${round}.`);
        expect(responded.text).toBe(`✅ Đã ghi nhận hình thức «Tiếp thu» cho ý kiến ${id}; người góp ý được thông báo riêng.`);
        expect(withdrawn.text).toBe(`ℹ️ Ý kiến ${id} đã được cơ quan soạn thảo tiếp thu, giải trình nên không sửa hay rút được nữa.`);
        outcomes.push('responded');
      }
      await expectCountsConsistent();
    }
    expect(outcomes).toHaveLength(20);
    // The unit index of active comments agrees with the records too.
    const { proposals } = h.app.svc.store;
    const active = (await proposals.comments('DA-01')).filter((c) => c.status === 'active');
    for (const unit of ['BD', 'HK']) expect(await proposals.activeSince('DA-01', unit, 0)).toBe(active.filter((c) => c.unit === unit).length);
  });

  it('respond vs edit, 20 times: the response is never lost and the edit never lands after it', async () => {
    for (let round = 0; round < 20; round++) {
      const { id, author } = await freshComment('2');
      const [responded, edited] = await Promise.all([
        command(clerk, `/tiepthu ${id} giaitrinh Giải trình vòng ${round}.`, id),
        command(author, `/suagopy ${id} Nội dung sửa vòng ${round}`, id),
      ]);
      const c = (await h.app.svc.store.proposals.comment(id))!;
      expect(responded.text, `${id}: ${responded.text}`).toMatch(/^✅ /);
      expect(c.response?.text).toBe(`Giải trình vòng ${round}.`);
      if (c.history.length) {
        // The edit came first: the response answers the edited text.
        expect(edited.text).toBe(`✅ Đã sửa ý kiến ${id}; nội dung cũ vẫn được lưu.`);
        expect(c.text).toBe(`Nội dung sửa vòng ${round}`);
      } else {
        expect(edited.text).toBe(`ℹ️ Ý kiến ${id} đã được cơ quan soạn thảo tiếp thu, giải trình nên không sửa hay rút được nữa.`);
        expect(c.text).toMatch(/^Ý kiến số \d+$/);
      }
      await expectCountsConsistent();
    }
  });

  it('edit vs withdraw by the author at once (as from two processes), 20 times: one consistent record', async () => {
    // One process handles one person's updates one at a time; two processes (or the desk and
    // Telegram) need not, so the actions are called side by side here.
    const deps = depsOf(h);
    for (let round = 0; round < 20; round++) {
      const { id, author } = await freshComment();
      const actor = await actorOf(h, author);
      const [edited, withdrawn] = await Promise.all([editComment(deps, actor, { id, text: `Sửa vòng ${round}` }), withdrawComment(deps, actor, { id })]);
      const c = (await h.app.svc.store.proposals.comment(id))!;
      expect(withdrawn.ok).toBe(true);
      expect(c.status).toBe('withdrawn');
      if (edited.ok) {
        expect(c.text).toBe(`Sửa vòng ${round}`);
        expect(c.history).toHaveLength(1);
      } else {
        expect(edited.refusal).toEqual({ code: 'comment-is-withdrawn', vars: { id } });
        expect(c.history).toEqual([]);
      }
      await expectCountsConsistent();
    }
  });

  it('respond, withdraw and edit all at once, 20 times: every outcome is one of the orders', async () => {
    const deps = depsOf(h);
    const council = await actorOf(h, clerk);
    for (let round = 0; round < 20; round++) {
      const { id, author } = await freshComment('1');
      const actor = await actorOf(h, author);
      const [responded, withdrawn, edited] = await Promise.all([
        respond(deps, council, { id, kind: 'partial', text: `Một phần ${round}`, byName: 'Trần Thị Hoa' }),
        withdrawComment(deps, actor, { id }),
        editComment(deps, actor, { id, text: `Sửa ${round}` }),
      ]);
      const c = (await h.app.svc.store.proposals.comment(id))!;
      // Exactly one of respond and withdraw wins; the record says which.
      expect(responded.ok !== withdrawn.ok, `${id}: respond ${responded.ok}, withdraw ${withdrawn.ok}`).toBe(true);
      expect(c.status === 'withdrawn').toBe(withdrawn.ok);
      expect(c.response !== undefined).toBe(responded.ok);
      // An edit that succeeded is in the record; one refused left no trace.
      expect(c.history.length).toBe(edited.ok ? 1 : 0);
      expect(c.rev).toBe(1 + (edited.ok ? 1 : 0));
      await expectCountsConsistent();
    }
  });
});

describe('a guest and a long-winded member', () => {
  let h: Harness;
  let clerk: User;
  let lan: User;
  let hung: User;
  let guest: User;
  let groupBD: Chat;
  let groupHK: Chat;
  let callBD: EmuMessage;
  let callHK: EmuMessage;

  beforeAll(async () => {
    h = await startHarness({ env: { FLOOD_LIMIT: '100000', COMMENTS_PER_PERSON_MAX: '3' } });
    await setUnits(h);
    clerk = h.emu.user({ first_name: 'Trần Thị', last_name: 'Hoa', privateOpen: true });
    lan = h.emu.user({ first_name: 'Nguyễn Thị', last_name: 'Lan', privateOpen: true });
    hung = h.emu.user({ first_name: 'Phạm Quốc', last_name: 'Hùng', language_code: 'en', privateOpen: true });
    guest = h.emu.user({ first_name: 'Người', last_name: 'Lạ', privateOpen: true });
    await addMember(h, clerk, 'secretary', 'TP');
    await addMember(h, lan, 'delegate', 'BD');
    await addMember(h, hung, 'delegate', 'BD');
    await h.app.svc.store.members.setLang(hung.id, 'en');
    groupBD = await linkedGroup(h, 'Thường trực HĐND quận Ba Đình', 'BD', clerk);
    groupHK = await linkedGroup(h, 'Thường trực HĐND quận Hoàn Kiếm', 'HK', clerk);
    const created = await h.ask(clerk, 'private', ['/taodean', 'mã: DA-01', 'tiêu đề: Dự thảo', `hạn: ${deadlineIn(5).typed}`].join('\n'));
    expect(created.text).toMatch(/^✅ Đã tạo đề án DA-01/);
    callBD = await callIn(h, groupBD, 'DA-01');
    callHK = await callIn(h, groupHK, 'DA-01');
    await h.settle();
  });
  afterAll(() => h?.stop());

  it('answers a guest replying to the call once, not once per message, in each group', async () => {
    const notMember = 'ℹ️ Chỉ đại biểu và thư ký đã đăng ký mới gửi được ý kiến. Đồng chí cần đường dẫn mời từ thư ký đơn vị.';
    const seq = await h.app.svc.store.redis.get(h.app.svc.store.keys.seq('comment'));
    const since = h.emu.botMessages(groupBD.id).length;
    for (let i = 0; i < 5; i++) h.emu.sendText(guest, groupBD, `Ý kiến của người lạ ${i}`, { replyTo: callBD.message_id });
    await h.settle();
    expect(h.emu.botMessages(groupBD.id).slice(since).map((m) => m.text)).toEqual([notMember]);
    // Another group hears it once too, and so does another guest in the first group.
    const hkSince = h.emu.botMessages(groupHK.id).length;
    for (let i = 0; i < 3; i++) h.emu.sendText(guest, groupHK, `Lần ${i}`, { replyTo: callHK.message_id });
    const other = h.emu.user({ first_name: 'Khách', privateOpen: true });
    const bdSince = h.emu.botMessages(groupBD.id).length;
    h.emu.sendText(other, groupBD, 'Tôi cũng góp ý', { replyTo: callBD.message_id });
    h.emu.sendText(other, groupBD, 'Góp ý lần hai', { replyTo: callBD.message_id });
    await h.settle();
    expect(h.emu.botMessages(groupHK.id).slice(hkSince).map((m) => m.text)).toEqual([notMember]);
    expect(h.emu.botMessages(groupBD.id).slice(bdSince).map((m) => m.text)).toEqual([notMember]);
    expect(await h.app.svc.store.redis.get(h.app.svc.store.keys.seq('comment'))).toBe(seq);
  });

  it(`stops a person's comments on a proposal at COMMENTS_PER_PERSON_MAX, storing nothing more`, async () => {
    const { store } = h.app.svc;
    for (let i = 1; i <= 3; i++) expect((await h.ask(lan, 'private', `/gopy DA-01 Ý kiến thứ ${i}`)).text).toMatch(/^✅ Đã ghi nhận ý kiến C\d+ về Đề án DA-01\./);
    const seq = await store.redis.get(store.keys.seq('comment'));
    const counts = await store.proposals.counts('DA-01');
    const cap = 'ℹ️ Mỗi người gửi được tối đa 3 ý kiến về Đề án DA-01 và đồng chí đã gửi đủ. Ý kiến này chưa được ghi nhận; đồng chí có thể sửa ý kiến đã gửi bằng /suagopy.';
    expect((await h.ask(lan, 'private', '/gopy DA-01 Ý kiến thứ tư')).text).toBe(cap);
    expect((await h.ask(lan, groupBD, 'Trả lời thêm', { replyTo: callBD.message_id })).text).toBe(cap);
    const doc = h.emu.botMessages(groupBD.id).length;
    h.emu.sendDocument(lan, groupBD, { fileName: 'them.pdf', caption: '/gopy DA-01 Tệp thêm' });
    expect((await h.nextBotMessage(groupBD.id, doc)).text).toBe(cap);
    // A withdrawn comment is still kept, so it still counts.
    const mine = (await store.proposals.commentsOfUser(lan.id)).map((c) => c.id);
    expect((await h.ask(lan, 'private', `/rutgopy ${mine[0]}`)).text).toMatch(/^✅ Đã rút ý kiến/);
    expect((await h.ask(lan, 'private', '/gopy DA-01 Sau khi rút')).text).toBe(cap);
    expect(await store.redis.get(store.keys.seq('comment'))).toBe(seq);
    expect(nonZero(await store.proposals.counts('DA-01'))).toEqual(nonZero({ ...counts, active: counts.active! - 1, withdrawn: 1, 's:': counts['s:']! - 1, 'u:BD': counts['u:BD']! - 1, 'r:none': counts['r:none']! - 1 }));
    expect(await store.proposals.commentsOfUser(lan.id)).toHaveLength(3);
    // Others are not affected, and the refusal is in the person's language.
    for (let i = 1; i <= 3; i++) expect((await h.ask(hung, 'private', `/comment DA-01 Comment ${i}`)).text).toMatch(/^✅ Comment C\d+ on proposal DA-01/);
    expect((await h.ask(hung, 'private', '/comment DA-01 One more')).text).toBe(
      'ℹ️ Each person may send at most 3 comments on proposal DA-01, and you have sent them all. This one was not recorded; you can edit one you sent with /editcomment.',
    );
  });

  it('holds the cap when one person sends many comments at once', async () => {
    const { store } = h.app.svc;
    const burst = h.emu.user({ first_name: 'Gửi dồn', privateOpen: true });
    await addMember(h, burst, 'delegate', 'HK');
    // Through the bot, one person's messages are handled one at a time.
    const since = h.emu.botMessages(groupHK.id).length;
    for (let i = 0; i < 3; i++) {
      h.emu.sendText(burst, 'private', `/gopy DA-01 Riêng ${i}`);
      h.emu.sendText(burst, groupHK, `Nhóm ${i}`, { replyTo: callHK.message_id });
    }
    await h.settle();
    expect(await store.proposals.commentsOfUser(burst.id)).toHaveLength(3);
    const answers = [...h.emu.botMessages(burst.id), ...h.emu.botMessages(groupHK.id).slice(since)].map((m) => m.text ?? '');
    expect(answers.filter((t) => t.startsWith('✅'))).toHaveLength(3);
    expect(answers.filter((t) => t.startsWith('ℹ️ Mỗi người gửi được tối đa 3 ý kiến'))).toHaveLength(3);
    // Side by side (two processes, or the desk and Telegram), the cap holds all the same.
    const other = h.emu.user({ first_name: 'Gửi song song', privateOpen: true });
    await addMember(h, other, 'delegate', 'HK');
    const actor = await actorOf(h, other);
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        comment(depsOf(h), actor, { code: 'DA-01', text: `Song song ${i}`, authorName: 'Gửi song song', source: { chatId: other.id, messageId: 10_000 + i } }),
      ),
    );
    expect(results.filter((r) => r.ok && r.value.status === 'recorded')).toHaveLength(3);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.refusal)).toEqual(Array(9).fill({ code: 'comment-cap', vars: { code: 'DA-01', max: 3 } }));
    expect(await store.proposals.commentsOfUser(other.id)).toHaveLength(3);
    expect(await store.proposals.commentsBy('DA-01', other.id)).toBe(3);
    expect(nonZero(await store.proposals.counts('DA-01'))).toEqual(nonZero(countComments(await store.proposals.comments('DA-01'))));
  });
});

describe('a proposal form finished later', () => {
  let h: Harness;
  let clerk: User;

  beforeAll(async () => {
    h = await startHarness({ env: { FLOOD_LIMIT: '100000' } });
    await setUnits(h);
    clerk = h.emu.user({ first_name: 'Trần Thị', last_name: 'Hoa', privateOpen: true });
    await addMember(h, clerk, 'secretary', 'TP');
  });
  afterAll(() => h?.stop());

  it('creates nothing when the deadline it gave has passed, or its author is no longer a council secretary', async () => {
    const { store } = h.app.svc;
    const form = { code: 'DA-09', title: 'Dự thảo', deadline: Date.now() - 60_000 };
    const late = await createProposal(depsOf(h), await actorOf(h, clerk), form);
    expect(late).toEqual({ ok: false, refusal: { code: 'proposal-deadline-past', vars: { when: form.deadline } } });
    await addMember(h, clerk, 'secretary', 'BD');
    const moved = await createProposal(depsOf(h), await actorOf(h, clerk), { ...form, deadline: deadlineIn(3).ms });
    expect(moved).toEqual({ ok: false, refusal: { code: 'council-only', vars: { unit: 'TP' } } });
    expect(await store.proposals.codes()).toEqual([]);
    expect(await h.app.queues.tasks.getJobCounts('delayed')).toEqual({ delayed: 0 });
  });
});

describe('the flood limit counts replies to the bot', () => {
  let h: Harness;
  let clerk: User;
  let lan: User;
  let groupBD: Chat;

  beforeAll(async () => {
    h = await startHarness({ env: { FLOOD_LIMIT: '3', FLOOD_WINDOW_SEC: '60' } });
    await setUnits(h);
    clerk = h.emu.user({ first_name: 'Trần Thị', last_name: 'Hoa', privateOpen: true });
    lan = h.emu.user({ first_name: 'Nguyễn Thị', last_name: 'Lan', privateOpen: true });
    await addMember(h, clerk, 'secretary', 'TP');
    await addMember(h, lan, 'delegate', 'BD');
    groupBD = await linkedGroup(h, 'Thường trực HĐND quận Ba Đình', 'BD', clerk);
    const created = await h.ask(clerk, 'private', ['/taodean', 'mã: DA-01', 'tiêu đề: Dự thảo', `hạn: ${deadlineIn(5).typed}`, 'đơn vị: BD'].join('\n'));
    expect(created.text).toMatch(/^✅ Đã tạo đề án DA-01/);
    await h.settle();
  });
  afterAll(() => h?.stop());

  it('serves three replies to the call, then slows the person down and records nothing more', async () => {
    const call = await callIn(h, groupBD, 'DA-01');
    const since = h.emu.botMessages(groupBD.id).length;
    for (let i = 0; i < 8; i++) h.emu.sendText(lan, groupBD, `Trả lời số ${i}`, { replyTo: call.message_id });
    await h.settle();
    const answers = h.emu.botMessages(groupBD.id).slice(since).map((m) => m.text ?? '');
    // Three recorded, one polite "slow down", then silence until the window passes.
    expect(answers.map((t) => t.slice(0, 22))).toEqual([...Array(3).fill('✅ Đã ghi nhận ý kiến C'), '⏳ Lệnh được gửi quá nh']);
    expect(await h.app.svc.store.proposals.commentsOfUser(lan.id)).toHaveLength(3);
    // The same person's commands are in the same count: not served either.
    const privately = h.emu.botMessages(lan.id).length;
    h.emu.sendText(lan, 'private', '/dean');
    await h.settle();
    expect(h.emu.botMessages(lan.id)).toHaveLength(privately);
    // Someone else is served as usual.
    expect((await h.ask(clerk, 'private', '/dean')).text).toBe(
      `📝 Các đề án:\n• DA-01 «Dự thảo» · đang lấy ý kiến, hạn ${formatDateTime(new Date(deadlineIn(5).ms), 'vi', TZ)} (còn 5 ngày) · 3 ý kiến`,
    );
  });
});

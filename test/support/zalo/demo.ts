/**
 * The demo's Zalo part: the same council on both channels, side by side. Unit BD has its
 * Telegram group and members on both channels (the bot's Zalo account may not join groups, as
 * for most bots); the council's secretary works on Telegram. A delegate on Telegram and one on
 * Zalo get the same meeting, answer it, get the same notice and confirm it, comment, and ask
 * for the summary: their chats are printed in two columns.
 */
import { TZDate } from '@date-fns/tz';
import type { User } from 'grammy/types';
import type { EmuMessage } from '../emulator.js';
import { startZaloHarness, type ZaloHarness, type ZaloSeen, type ZaloUser } from './harness.js';

const WIDTH = 62;
const pad = (n: number) => String(n).padStart(2, '0');

/** A time `days` from now, as the council writes it: `14:00 18/12`. */
function inDays(days: number, hhmm: string): string {
  const d = new TZDate(Date.now() + days * 86_400_000, 'Asia/Ho_Chi_Minh');
  return `${hhmm} ${pad(d.getDate())}/${pad(d.getMonth() + 1)}`;
}

/** Lines of at most `width` characters, breaking at spaces. */
function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    let line = raw;
    while (line.length > width) {
      const cut = line.lastIndexOf(' ', width) > 0 ? line.lastIndexOf(' ', width) : width;
      out.push(line.slice(0, cut));
      line = `  ${line.slice(cut).trimStart()}`;
    }
    out.push(line);
  }
  return out;
}

function tgLines(h: ZaloHarness, chatId: number, names: Map<number, string>): string[] {
  return h.emu.messages(chatId).flatMap((m: EmuMessage) => {
    const who = m.from === 'bot' ? 'Giao Ban' : (names.get(m.from) ?? String(m.from));
    const buttons = m.buttons.length ? `\n${m.buttons.map((r) => r.map((b) => `[${b.text}]`).join(' ')).join('\n')}` : '';
    return [...wrap(`${who}: ${m.text ?? m.caption ?? '(tệp)'}${buttons}`, WIDTH), ''];
  });
}

function zaloLines(h: ZaloHarness, u: ZaloUser): string[] {
  return h.zalo.messages(u.id).flatMap((m: ZaloSeen) => [...wrap(`${m.from === 'bot' ? 'Giao Ban' : u.display_name}: ${m.photo ? `🖼 ${m.photo} ` : ''}${m.text ?? m.caption ?? ''}`, WIDTH), '']);
}

function sideBySide(left: { title: string; lines: string[] }, right: { title: string; lines: string[] }): string {
  const rows = Math.max(left.lines.length, right.lines.length);
  const out = [`${left.title.padEnd(WIDTH)} │ ${right.title}`, `${'─'.repeat(WIDTH)}─┼─${'─'.repeat(WIDTH)}`];
  for (let i = 0; i < rows; i++) out.push(`${(left.lines[i] ?? '').padEnd(WIDTH)} │ ${right.lines[i] ?? ''}`);
  return out.join('\n');
}

export async function zaloDemo(redisUrl: string, bold: (s: string) => string): Promise<void> {
  const h = await startZaloHarness({ redisUrl, prefix: 'demo-zalo', env: { ADMIN_IDS: '100', FLOOD_LIMIT: '1000' } });
  try {
    const store = h.app.svc.store;
    const admin = h.emu.user({ id: 100, first_name: 'Văn phòng', language_code: 'vi', privateOpen: true });
    const clerk = h.emu.user({ first_name: 'Trần Thị', last_name: 'Hoa', language_code: 'vi' });
    const hung = h.emu.user({ first_name: 'Phạm Quốc', last_name: 'Hùng', language_code: 'vi' });
    const lan = h.zalo.user({ name: 'Nguyễn Thị Lan' });
    await store.units.upsert('TP', 'HĐND Thành phố Hà Nội');
    await store.units.upsert('BD', 'Phường Ba Đình');
    const step = async (u: User, text: string) => {
      h.emu.sendText(u, 'private', text);
      await h.settle();
    };
    const zstep = async (text: string) => {
      h.zalo.sendText(lan, 'private', text);
      await h.settle();
    };
    const tokenOf = (u: User) => /\?start=([\w-]{32})/.exec(h.emu.lastBotMessage(u.id)?.text ?? '')![1]!;

    await step(admin, '/moi thuky TP');
    await step(clerk, `/start ${tokenOf(admin)}`);
    const group = h.emu.group({ title: 'Thường trực HĐND phường Ba Đình' });
    h.emu.addBotToGroup(group, clerk);
    await h.settle();
    h.emu.sendText(clerk, group, '/lienketnhom BD');
    await h.settle();
    // One invite for the unit: Hùng opens it on Telegram, Lan sends its code on Zalo.
    await step(clerk, '/moi daibieu BD 2');
    const token = tokenOf(clerk);
    await step(hung, `/start ${token}`);
    await zstep(token);

    await step(clerk, `/taohop\ntiêu đề: Giao ban Thường trực HĐND phường quý IV\nthời gian: ${inDays(3, '14:00')}\nđơn vị: BD`);
    // On Telegram Hùng presses «Tham dự» under the group's announcement; on Zalo Lan replies 3 and names her substitute.
    const ann = h.emu.botMessages(group.id).findLast((m) => m.buttons.length)!;
    await h.emu.pressButton(hung, ann.raw, 'rsvp:M1:yes');
    await h.settle();
    await zstep('3');
    await zstep('Đỗ Văn Nam, Phó Chủ tịch HĐND phường');

    h.emu.sendText(clerk, 'private', `THÔNG BÁO: Thường trực HĐND Thành phố đề nghị Thường trực HĐND phường gửi báo cáo quý IV trước ${inDays(5, '17:00')}.`);
    await h.settle();
    const notice = h.emu.messages(clerk.id).at(-1)!;
    h.emu.sendText(clerk, 'private', '/thongbao daibieu', { replyTo: notice.message_id });
    await h.settle();
    const preview = h.emu.botMessages(clerk.id).findLast((m) => m.buttons.length)!;
    await h.emu.pressButton(clerk, preview.raw, preview.buttons[0]![0]!.data!);
    await h.settle();
    const copy = h.emu.botMessages(hung.id).findLast((m) => m.buttons.some((r) => r.some((b) => b.data?.startsWith('ack:'))));
    if (copy) await h.emu.pressButton(hung, copy.raw, copy.buttons[0]![0]!.data!);
    await zstep('đã nhận');
    await step(clerk, `/taodean\nmã: DA-02\ntiêu đề: Quy chế phối hợp giữa Thường trực HĐND Thành phố và HĐND các phường\ncác mục: 1, 2\nhạn: ${inDays(10, '17:00')}`);
    await step(hung, '/gopy DA-02 #1 Đề nghị quy định rõ thời hạn gửi tài liệu trước phiên họp.');
    await zstep('/gopy DA-02 #2 Đề nghị bổ sung lịch tiếp xúc cử tri vào chương trình giao ban.');
    await zstep('/tomtat');
    h.emu.sendText(hung, group, '/tomtat');
    await h.settle();

    console.log(`\n${bold('━━ Zalo: the same council on both channels ━━')}`);
    const names = new Map([[hung.id, 'Phạm Quốc Hùng'], [clerk.id, 'Trần Thị Hoa']]);
    const telegram = [`« Nhóm ${group.type !== 'private' ? group.title : ''} »`, '', ...tgLines(h, group.id, names), '« Tin nhắn riêng với hệ thống »', '', ...tgLines(h, hung.id, names)];
    console.log(sideBySide({ title: 'Telegram — đại biểu Phạm Quốc Hùng', lines: telegram }, { title: 'Zalo — đại biểu Nguyễn Thị Lan (tin nhắn riêng)', lines: zaloLines(h, lan) }));
    const m1 = await store.meetings.rsvps('M1');
    console.log(`\nAnswers to M1 as stored: ${[...m1.values()].map((r) => `${r.name}: ${r.answer}${r.sub ? ` (${r.sub})` : ''}`).join('; ')}`);
    console.log(`Zalo Bot API calls: ${h.zalo.stats().calls}, messages sent on Zalo: ${h.zalo.stats().sent}.`);
  } finally {
    await h.stop();
  }
}

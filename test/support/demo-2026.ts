/**
 * The demo's second part: Hà Nội as it is in 2026. The city council and its 126 communes and
 * wards loaded from the units file of the 2025 reform, the term 2026–2031 started, one invite
 * link per unit as a file, every unit's secretary joining through it, a draft sent to all,
 * comments from most units, and the council-wide summary at that scale. Its own emulator and
 * key prefix: the first part (the 2021 article) is left exactly as it was.
 */
import { readFileSync } from 'node:fs';
import type { Chat, User } from 'grammy/types';
import { BotApiEmulator } from './emulator.js';
import { startHarness, type Harness } from './harness.js';

const ADMIN_ID = 100;
const DAY = 86_400_000;

function bold(s: string): string {
  return process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s;
}

async function step(h: Harness, from: User, chat: Chat | 'private', text: string): Promise<void> {
  h.emu.sendText(from, chat, text);
  await h.settle();
}

async function press(h: Harness, from: User, chatId: number, data: string): Promise<void> {
  const message = [...h.emu.botMessages(chatId)].reverse().find((m) => m.buttons.flat().some((b) => b.data === data));
  if (!message) throw new Error(`no button ${data} in chat ${chatId}`);
  await h.emu.pressButton(from, message.raw, data);
  await h.settle();
}

/** The CSV's rows after the header: [unit code, unit name, role, link, …]; fields are quoted only when they must be. */
function csvRows(data: Buffer): string[][] {
  return data
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .slice(1)
    .map((line) => line.split(','));
}

/** A chat's transcript with long runs of one kind of line (126 "joined" notices) folded into one line. */
function folded(h: Harness, chatId: number, fold: RegExp, label: (n: number) => string): string {
  const out: string[] = [];
  let run: string[] = [];
  const flush = () => {
    out.push(...(run.length > 2 ? [`    … ${label(run.length)}`] : run));
    run = [];
  };
  for (const line of h.emu.transcript(chatId).split('\n')) {
    if (fold.test(line)) run.push(line);
    else flush(), out.push(line);
  }
  flush();
  return out.join('\n');
}

function print(title: string, text: string): void {
  console.log(`\n${bold(`━━ ${title} ━━`)}`);
  console.log(text);
}

const COMMENTS = [
  '#1 Đề nghị bổ sung quy định về họp trực tuyến giữa Thường trực HĐND Thành phố và Thường trực HĐND cấp xã.',
  '#2 Đề nghị làm rõ thời hạn gửi báo cáo định kỳ của Thường trực HĐND cấp xã sau khi sắp xếp đơn vị hành chính.',
  '#3 Đề nghị quy định cụ thể việc tiếp xúc cử tri của đại biểu tại phường, xã mới.',
];

export async function demo2026(redisUrl: string): Promise<void> {
  console.log(`\n${bold('════ Phần 2: Hà Nội năm 2026 — 126 xã, phường và nhiệm kỳ 2026–2031 ════')}`);
  const started = Date.now();
  const emu = await BotApiEmulator.start({ botUsername: 'GiaoBanHDNDBot' });
  const h = await startHarness({ emu, redisUrl, prefix: 'demo2026', env: { ADMIN_IDS: String(ADMIN_ID), FLOOD_LIMIT: '100000' } });
  try {
    const admin = emu.user({ id: ADMIN_ID, first_name: 'Văn phòng', last_name: 'HĐND TP', language_code: 'vi' });
    const citySecretary = emu.user({ first_name: 'Nguyễn Thị', last_name: 'Mai', language_code: 'vi' });

    // The units of the 2025 reform, from the file, as an administrator loads them.
    emu.sendDocument(admin, 'private', { fileName: 'hanoi-2025-units.csv', caption: '/nhapdonvi', data: readFileSync(new URL('../../data/hanoi-2025-units.csv', import.meta.url)) });
    await h.settle();
    await step(h, admin, 'private', '/nhiemkymoi 2026-2031');
    await press(h, admin, admin.id, 'term:ok:2026-2031');
    await step(h, admin, 'private', '/moi thuky TP');
    const cityToken = /\?start=([\w-]+)/.exec(emu.lastBotMessage(admin.id)?.text ?? '')?.[1];
    await step(h, citySecretary, 'private', `/start ${cityToken}`);

    // One secretary's link per commune and ward, in one command, as files.
    await step(h, admin, 'private', '/moitatca thuky');
    const csvMessage = emu.botMessages(admin.id).findLast((m) => m.document?.file_name?.endsWith('.csv'));
    const rows = csvRows(emu.file(csvMessage!.document!.file_id)!.data);
    console.log(`\nThe invites file ${csvMessage!.document!.file_name}: ${rows.length} rows, e.g.`);
    for (const r of rows.slice(0, 3)) console.log(`  ${r.slice(0, 4).join(' · ')}`);

    // Every unit's secretary opens the link of their own row.
    const secretaries = new Map<string, User>();
    for (const [code, name, , link] of rows) {
      const u = emu.user({ first_name: 'Thư ký', last_name: name!, language_code: 'vi' });
      secretaries.set(code!, u);
      emu.sendText(u, 'private', `/start ${/start=([\w-]+)/.exec(link!)![1]}`);
    }
    await h.settle();

    // Six of them link their standing committee's group.
    const groups = new Map<string, Chat>();
    for (const [code, name] of rows.filter((_, i) => i % 25 === 0)) {
      const g = emu.group({ title: `Thường trực HĐND ${name!.charAt(0).toLowerCase()}${name!.slice(1)}` });
      emu.addBotToGroup(g, secretaries.get(code!)!);
      groups.set(code!, g);
    }
    await h.settle();
    for (const [code, g] of groups) emu.sendText(secretaries.get(code)!, g, `/lienketnhom ${code}`);
    await h.settle();

    // A draft to every unit; 100 units comment, 10 agree, 16 say nothing yet.
    const deadline = new Date(Date.now() + 10 * DAY);
    const dd = `${String(deadline.getDate()).padStart(2, '0')}/${String(deadline.getMonth() + 1).padStart(2, '0')}`;
    await step(
      h,
      citySecretary,
      'private',
      ['/taodean', 'mã: QC-2026', 'tiêu đề: Quy chế phối hợp giữa Thường trực HĐND Thành phố và Thường trực HĐND các xã, phường nhiệm kỳ 2026 – 2031', 'các mục: 1, 2, 3', `hạn: 17:00 ${dd}`].join('\n'),
    );
    rows.forEach(([code], i) => {
      const who = secretaries.get(code!)!;
      if (i < 100) emu.sendText(who, 'private', `/gopy QC-2026 ${COMMENTS[i % COMMENTS.length]}`);
      else if (i < 110) emu.sendText(who, 'private', '/nhattri QC-2026');
    });
    await h.settle();

    // The council-wide summary, and the units' list, at that scale.
    await step(h, citySecretary, 'private', '/tomtat');
    await step(h, citySecretary, 'private', '/donvi');
    const firstGroup = [...groups.entries()][0]!;
    await step(h, secretaries.get(firstGroup[0])!, firstGroup[1], '/tomtat');

    print('Văn phòng HĐND TP (quản trị viên) — tin nhắn riêng, năm 2026', folded(h, admin.id, /đã tham gia đơn vị .* qua đường (link|dẫn) mời/, (n) => `${n} thông báo «đã tham gia» của thư ký các xã, phường`));
    print('Thư ký HĐND Thành phố — tin nhắn riêng, năm 2026', emu.transcript(citySecretary.id));
    print(`Nhóm «${firstGroup[1].title}»`, emu.transcript(firstGroup[1].id));
    const s = h.app.svc.store;
    const counts = await s.proposals.counts('QC-2026');
    console.log(
      `\nPart 2: ${(await s.units.codes()).length} units, ${(await s.members.list()).length} members, ${counts.active ?? 0} comments on QC-2026, ` +
        `${emu.stats().sent} messages sent, in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
  } finally {
    await h.stop();
    await emu.close();
  }
}

/**
 * `npm run demo`: the whole bot against the local Bot API emulator, no Telegram token, a
 * private Redis, playing a short council scenario and printing the chats as people see them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TZDate } from '@date-fns/tz';
import { spawnSync } from 'node:child_process';
import type { Chat, User } from 'grammy/types';
import { BotApiEmulator } from './emulator.js';
import { demo2026 } from './demo-2026.js';
import { startHarness, type Harness } from './harness.js';
import { zaloDemo } from './zalo/demo.js';
import { freePort, startRedis, type RedisServer } from './redis.js';

const ADMIN_ID = 100;

function bold(s: string): string {
  return process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s;
}

async function privateRedis(): Promise<RedisServer> {
  if (spawnSync('redis-server', ['--version']).error) {
    console.error('The demo needs redis-server on the PATH (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis).');
    process.exit(1);
  }
  return startRedis();
}

function loadUnits(): { code: string; name: string }[] {
  const url = new URL('../../../shared/data/hanoi-2021-units.csv', import.meta.url);
  let csv: string;
  try {
    csv = readFileSync(url, 'utf8');
  } catch {
    csv = 'code,name,kind\nTP,HĐND Thành phố Hà Nội,city\nBD,Quận Ba Đình,quan\nHK,Quận Hoàn Kiếm,quan\nBV,Huyện Ba Vì,huyen';
  }
  return csv
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [code = '', name = ''] = line.split(',');
      return { code, name };
    });
}

export interface DemoCast {
  h: Harness;
  admin: User;
  secretaryTP: User;
  secretaryBD: User;
  delegates: User[];
  groupBD: Chat;
  groupHK: Chat;
  hkDelegate: User;
  bvSecretary: User;
}

async function step(h: Harness, from: User, chat: Chat | 'private', text: string): Promise<void> {
  h.emu.sendText(from, chat, text);
  await h.settle();
}

function tokenIn(h: Harness, chatId: number): string {
  const last = h.emu.lastBotMessage(chatId)?.text ?? '';
  const m = /\?start=([\w-]+)/.exec(last);
  if (!m) throw new Error(`expected an invite link, got: ${last}`);
  return m[1]!;
}

/** Part 1, the foundation: units, invites, linked groups. */
async function foundation(h: Harness): Promise<DemoCast> {
  const admin = h.emu.user({ id: ADMIN_ID, first_name: 'Văn phòng', last_name: 'HĐND TP', language_code: 'vi' });
  const secretaryTP = h.emu.user({ first_name: 'Trần Thị', last_name: 'Hoa', username: 'hoa_vp', language_code: 'vi' });
  const secretaryBD = h.emu.user({ first_name: 'Lê Văn', last_name: 'Bình', language_code: 'vi' });
  const delegates = [
    h.emu.user({ first_name: 'Nguyễn Thị', last_name: 'Lan', language_code: 'vi' }),
    h.emu.user({ first_name: 'Phạm Quốc', last_name: 'Hùng', language_code: 'vi' }),
    h.emu.user({ first_name: 'John', last_name: 'Nguyen', language_code: 'en' }),
  ];
  const groupBD = h.emu.group({ title: 'Thường trực HĐND quận Ba Đình' });
  const groupHK = h.emu.group({ title: 'Thường trực HĐND quận Hoàn Kiếm' });

  await step(h, admin, 'private', '/addunit TP HĐND Thành phố Hà Nội');
  await step(h, admin, 'private', '/themdonvi BD Quận Ba Đình');
  // The remaining units of 2021 come from the data file, as a deployment would import them.
  for (const u of loadUnits()) if (!(await h.app.svc.store.units.get(u.code))) await h.app.svc.store.units.upsert(u.code, u.name);

  await step(h, admin, 'private', '/invite secretary TP');
  await step(h, secretaryTP, 'private', `/start ${tokenIn(h, admin.id)}`);
  await step(h, admin, 'private', '/moi thuky BD');
  await step(h, secretaryBD, 'private', `/start ${tokenIn(h, admin.id)}`);
  await step(h, secretaryBD, 'private', '/moi daibieu BD 3');
  const token = tokenIn(h, secretaryBD.id);
  for (const d of delegates) await step(h, d, 'private', `/start ${token}`);

  h.emu.addBotToGroup(groupBD, secretaryBD);
  await h.settle();
  await step(h, secretaryBD, groupBD, '/lienketnhom BD');
  h.emu.addBotToGroup(groupHK, secretaryTP);
  await h.settle();
  await step(h, secretaryTP, groupHK, '/lienketnhom HK');
  await step(h, secretaryBD, groupBD, '/thanhvien');
  await step(h, delegates[2]!, 'private', '/whoami');
  await step(h, delegates[0]!, 'private', '/huongdan');
  await step(h, secretaryTP, 'private', '/donvi');
  // Two more units take part: a delegate of Hoàn Kiếm and the secretary of Ba Vì.
  const hkDelegate = h.emu.user({ first_name: 'Hoàng Văn', last_name: 'Kiếm', language_code: 'vi' });
  const bvSecretary = h.emu.user({ first_name: 'Đỗ Thị', last_name: 'Vân', language_code: 'vi' });
  await step(h, secretaryTP, 'private', '/moi daibieu HK');
  await step(h, hkDelegate, 'private', `/start ${tokenIn(h, secretaryTP.id)}`);
  await step(h, admin, 'private', '/moi thuky BV');
  await step(h, bvSecretary, 'private', `/start ${tokenIn(h, admin.id)}`);
  return { h, admin, secretaryTP, secretaryBD, delegates, groupBD, groupHK, hkDelegate, bvSecretary };
}

async function press(h: Harness, from: User, chatId: number, data: string): Promise<void> {
  const message = [...h.emu.botMessages(chatId)].reverse().find((m) => m.buttons.flat().some((b) => b.data === data));
  if (!message) throw new Error(`no button ${data} in chat ${chatId}`);
  await h.emu.pressButton(from, message.raw, data);
  await h.settle();
}

/** Part 2, notices: the city's secretary sends one to every group and delegate. */
async function notices(cast: DemoCast): Promise<void> {
  const { h, secretaryTP, delegates, groupBD } = cast;
  await step(h, secretaryTP, 'private', '/thongbao tatca ghim');
  await step(h, secretaryTP, 'private', 'THÔNG BÁO: Thường trực HĐND Thành phố tổ chức giao ban trực tuyến quý III.2021 với Thường trực HĐND các quận, huyện, thị xã vào 14:00 thứ Sáu, 15/10/2021. Đề nghị các đồng chí bố trí dự đầy đủ.');
  await press(h, secretaryTP, secretaryTP.id, 'bc:send:B1');
  await h.emu.waitFor(() => /^✅ Đã gửi thông báo B1/.test(h.emu.botMessages(secretaryTP.id).find((m) => m.text?.includes('B1') && m.text.startsWith('✅'))?.text ?? ''), { timeout: 15_000, what: 'report of B1' });
  await press(h, delegates[0]!, delegates[0]!.id, 'ack:B1');
  await press(h, delegates[1]!, groupBD.id, 'ack:B1');
  await step(h, secretaryTP, 'private', '/danhan B1');
}

/** Part 3, meetings: the article's quarterly online briefing, with answers and a reminder. */
async function meetings(cast: DemoCast): Promise<void> {
  const { h, secretaryTP, delegates, groupBD } = cast;
  await step(
    h,
    secretaryTP,
    'private',
    [
      '/taohop',
      'tiêu đề: Giao ban trực tuyến quý III.2021 giữa Thường trực HĐND Thành phố và Thường trực HĐND các quận, huyện, thị xã',
      'thời gian: 14:00 15/10',
      'địa điểm: Trụ sở HĐND Thành phố',
      'đường dẫn: https://hop.hanoi.gov.vn/giaoban',
      'đề án: DA-01',
      'nội dung: Báo cáo tổng kết tổ chức bộ máy, hoạt động của HĐND các cấp; Thảo luận dự thảo Đề án DA-01',
    ].join('\n'),
  );
  await press(h, delegates[0]!, groupBD.id, 'rsvp:M1:yes');
  await press(h, delegates[1]!, groupBD.id, 'rsvp:M1:no');
  await press(h, delegates[2]!, groupBD.id, 'rsvp:M1:sub');
  await step(h, delegates[2]!, 'private', 'Nguyễn Văn Minh, Phó Chủ tịch HĐND quận');
  await new Promise((r) => setTimeout(r, 1600)); // the announcement's counts are refreshed at most every 1.5 s
  await h.settle();
  // A short preparatory meeting whose reminder fires during the demo.
  const soon = new TZDate(Date.now() + 70_000, h.config.COUNCIL_TIMEZONE);
  const iso = `${soon.getFullYear()}-${pad(soon.getMonth() + 1)}-${pad(soon.getDate())}T${pad(soon.getHours())}:${pad(soon.getMinutes())}:${pad(soon.getSeconds())}`;
  await step(h, secretaryTP, 'private', `/taohop\ntiêu đề: Họp chuẩn bị giao ban\nthời gian: ${iso}\nđơn vị: BD\nnhắc: 65s`);
  await h.emu.waitFor(() => h.emu.botMessages(groupBD.id).find((m) => m.text?.startsWith('⏰')), { timeout: 15_000, what: 'the reminder' });
  await h.settle();
}

/** Part 4, the draft proposal: calls for comments, comments from several units, responses, the report. */
async function proposals(cast: DemoCast): Promise<void> {
  const { h, secretaryTP, delegates, groupBD, groupHK, hkDelegate, bvSecretary } = cast;
  await step(
    h,
    secretaryTP,
    'private',
    [
      '/taodean',
      'mã: DA-01',
      'tiêu đề: Nâng cao năng lực, hiệu lực, hiệu quả hoạt động của HĐND các cấp Thành phố giai đoạn 2021 – 2026 gắn với thực hiện thí điểm mô hình chính quyền đô thị',
      'tóm tắt: Dự thảo lần 2, gồm 3 phần: thực trạng; mục tiêu, nhiệm vụ; giải pháp.',
      'các mục: 1, 2, 3.1, 3.2',
      'hạn: 17:00 22/10',
    ].join('\n'),
  );
  const call = [...h.emu.botMessages(groupBD.id)].reverse().find((m) => m.text?.startsWith('📝'))!;
  h.emu.sendText(delegates[0]!, groupBD, '#3.2 Đề nghị bổ sung cơ chế giám sát chuyên đề và tái giám sát hằng năm.', { replyTo: call.message_id });
  await h.settle();
  await step(h, delegates[1]!, 'private', '/gopy DA-01 #2 Đề nghị làm rõ lộ trình thực hiện thí điểm ở cấp phường.');
  await step(h, hkDelegate, groupHK, '/gopy DA-01 #3.1 Đề nghị tăng số đại biểu hoạt động chuyên trách ở các ban.');
  await step(h, bvSecretary, 'private', '/nhattri DA-01');
  await step(h, secretaryTP, 'private', '/tiepthu C1 tiepthu Đã bổ sung vào mục 3.2 của dự thảo.');
  await step(h, secretaryTP, 'private', '/tiepthu C2 giaitrinh Lộ trình cụ thể sẽ được quy định trong kế hoạch triển khai của UBND Thành phố.');
  await step(h, secretaryTP, 'private', '/xemdean DA-01');
  await step(h, secretaryTP, 'private', '/baocao DA-01');
  const report = h.emu.lastBotMessage(secretaryTP.id)?.document;
  if (report) {
    const path = join(tmpdir(), report.file_name ?? 'bao-cao.docx');
    writeFileSync(path, h.emu.file(report.file_id)!.data);
    console.log(`\nThe report was written to ${path} (open it in Word or LibreOffice).`);
  }
}

/** Part 5, summaries: a group's and the council-wide one. */
async function summaries(cast: DemoCast): Promise<void> {
  const { h, secretaryTP, delegates, groupBD } = cast;
  await step(h, delegates[0]!, groupBD, '/tomtat');
  await step(h, secretaryTP, 'private', '/tomtat');
  await step(h, cast.secretaryBD, groupBD, '/lichtomtat hangtuan thu6 16:00');
}

/**
 * The desk: the council's secretary asks for a one-time link (/banlamviec) and the demo prints
 * it; opened in a browser, it shows the drafting team's view of DA-01. With a terminal, the
 * demo keeps serving until Enter is pressed.
 */
async function desk(cast: DemoCast): Promise<void> {
  const { h, secretaryTP } = cast;
  await step(h, secretaryTP, 'private', '/banlamviec');
  const link = /(http:\/\/\S+\/desk\/login\?t=[\w-]+)/.exec(h.emu.lastBotMessage(secretaryTP.id)?.text ?? '')?.[1];
  if (!link) throw new Error('the desk link was not sent');
  console.log(`\n${bold('━━ Bàn làm việc (the desk) ━━')}`);
  console.log(`The council secretary's one-time link (single use, ${Math.round(h.config.DESK_LINK_TTL_SEC / 60)} min): ${bold(link)}`);
  console.log(`It opens the drafting team's view of DA-01: ${h.config.DESK_URL}/desk/p/DA-01`);
  if (!process.stdin.isTTY || process.env.CI) return void console.log('(Run `npm run demo` in a terminal to keep the desk open and try the link.)');
  console.log('The desk is being served. Press Enter to stop the demo.');
  await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
  process.stdin.pause();
}

const pad = (n: number) => String(n).padStart(2, '0');

function print(h: Harness, title: string, chatId: number): void {
  console.log(`\n${bold(`━━ ${title} ━━`)}`);
  console.log(h.emu.transcript(chatId));
}

async function main(): Promise<void> {
  const redis = await privateRedis();
  const emu = await BotApiEmulator.start({ botUsername: 'GiaoBanHDNDBot' });
  // The desk on a known port of this machine, over plain http: the cookie's Secure flag is relaxed for this local demo only.
  const port = await freePort();
  const deskEnv = { HTTP_PORT: String(port), DESK_URL: `http://127.0.0.1:${port}`, DESK_COOKIE_SECURE: 'false', DESK_LINK_TTL_SEC: '3600' };
  const h = await startHarness({ emu, redisUrl: redis.url, prefix: 'demo', env: { ADMIN_IDS: String(ADMIN_ID), FLOOD_LIMIT: '1000', ...deskEnv } });
  try {
    const cast = await foundation(h);
    await notices(cast);
    await proposals(cast);
    await meetings(cast);
    await summaries(cast);
    print(h, 'Văn phòng HĐND TP (quản trị viên) — tin nhắn riêng', cast.admin.id);
    print(h, 'Thư ký HĐND TP — tin nhắn riêng', cast.secretaryTP.id);
    print(h, 'Thư ký quận Ba Đình — tin nhắn riêng', cast.secretaryBD.id);
    print(h, 'Nhóm «Thường trực HĐND quận Ba Đình»', cast.groupBD.id);
    print(h, 'Nhóm «Thường trực HĐND quận Hoàn Kiếm»', cast.groupHK.id);
    print(h, 'Đại biểu quận Hoàn Kiếm — tin nhắn riêng', cast.hkDelegate.id);
    print(h, 'Thư ký huyện Ba Vì — tin nhắn riêng', cast.bvSecretary.id);
    for (const d of cast.delegates) print(h, `Đại biểu ${d.first_name} ${d.last_name ?? ''} — tin nhắn riêng`, d.id);
    // Part 2: the same bot in 2026, with the 126 communes and wards (its own emulator and prefix).
    await demo2026(redis.url);
    await desk(cast);
    // Part 3: the same council on Zalo and Telegram, side by side (its own emulators and prefix).
    await zaloDemo(redis.url, bold);
    console.log(`\n${bold('Demo finished.')} Bot API calls: ${emu.stats().calls}, messages sent: ${emu.stats().sent}.`);
  } finally {
    await h.stop();
    await emu.close();
    await redis.stop();
  }
}

await main();

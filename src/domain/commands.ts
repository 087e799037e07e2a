/**
 * The command catalogue: every command's English name, its Vietnamese alias (Telegram
 * allows only a-z 0-9 _), the action it asks for and where it is used. Who may use it comes
 * from the policy table (src/policy.ts) through the action: the guard, /help, the command
 * menus (setMyCommands) and the security matrix all read it, so none can miss a command.
 */
import { POLICY, reaches, type ActionName, type Audience } from '#root/policy.js';

export type Where = 'private' | 'group' | 'any';

export interface CommandSpec {
  name: string;
  alias?: string;
  /** What the command asks for; its audience is the policy's. */
  action: ActionName;
  where: Where;
  /** Shown in /help after the command, e.g. "UNIT" (a locale key suffix `args-<name>` if present). */
  args?: boolean;
}

export const COMMANDS: CommandSpec[] = [
  { name: 'start', action: 'session.start', where: 'private' },
  { name: 'help', alias: 'huongdan', action: 'help.show', where: 'any' },
  { name: 'lang', alias: 'ngonngu', action: 'lang.set', where: 'any', args: true },
  { name: 'whoami', alias: 'toila', action: 'whoami.show', where: 'any' },
  { name: 'units', alias: 'donvi', action: 'unit.list', where: 'any', args: true },
  { name: 'members', alias: 'thanhvien', action: 'member.list', where: 'any', args: true },
  { name: 'invite', alias: 'moi', action: 'invite.create', where: 'any', args: true },
  { name: 'invites', alias: 'dsmoi', action: 'invite.list', where: 'any', args: true },
  { name: 'revokeinvite', alias: 'huymoi', action: 'invite.revoke', where: 'any', args: true },
  { name: 'linkgroup', alias: 'lienketnhom', action: 'group.link', where: 'group', args: true },
  { name: 'unlinkgroup', alias: 'huylienket', action: 'group.unlink', where: 'group' },
  { name: 'meetings', alias: 'lichhop', action: 'meeting.list', where: 'any' },
  { name: 'meeting', alias: 'cuochop', action: 'meeting.view', where: 'any', args: true },
  { name: 'rsvp', alias: 'dangky', action: 'meeting.rsvp', where: 'any', args: true },
  { name: 'ics', alias: 'lich', action: 'meeting.ics', where: 'any', args: true },
  { name: 'proposals', alias: 'dean', action: 'proposal.list', where: 'any' },
  { name: 'proposal', alias: 'xemdean', action: 'proposal.view', where: 'any', args: true },
  { name: 'comment', alias: 'gopy', action: 'comment.create', where: 'any', args: true },
  { name: 'agree', alias: 'nhattri', action: 'proposal.agree', where: 'any', args: true },
  { name: 'mycomments', alias: 'gopycuatoi', action: 'comment.mine', where: 'any', args: true },
  { name: 'editcomment', alias: 'suagopy', action: 'comment.edit', where: 'any', args: true },
  { name: 'withdraw', alias: 'rutgopy', action: 'comment.withdraw', where: 'any', args: true },
  { name: 'comments', alias: 'dsgopy', action: 'comment.list', where: 'any', args: true },
  { name: 'newmeeting', alias: 'taohop', action: 'meeting.create', where: 'any', args: true },
  { name: 'editmeeting', alias: 'suahop', action: 'meeting.edit', where: 'any', args: true },
  { name: 'cancelmeeting', alias: 'huyhop', action: 'meeting.cancel', where: 'any', args: true },
  { name: 'newproposal', alias: 'taodean', action: 'proposal.create', where: 'any', args: true },
  { name: 'respond', alias: 'tiepthu', action: 'comment.respond', where: 'any', args: true },
  { name: 'report', alias: 'baocao', action: 'report.get', where: 'any', args: true },
  { name: 'desk', alias: 'banlamviec', action: 'desk.open', where: 'private' },
  { name: 'zalo', alias: 'lienketzalo', action: 'zalo.link', where: 'private' },
  { name: 'summary', alias: 'tomtat', action: 'summary.get', where: 'any' },
  { name: 'digest', alias: 'lichtomtat', action: 'digest.show', where: 'group', args: true },
  { name: 'broadcast', alias: 'thongbao', action: 'notice.draft', where: 'private', args: true },
  { name: 'broadcasts', alias: 'dsthongbao', action: 'notice.list', where: 'any' },
  { name: 'acks', alias: 'danhan', action: 'notice.acks', where: 'any', args: true },
  { name: 'cancelbroadcast', alias: 'huythongbao', action: 'notice.cancel', where: 'any', args: true },
  { name: 'addunit', alias: 'themdonvi', action: 'unit.add', where: 'any', args: true },
  { name: 'remove', alias: 'xoathanhvien', action: 'member.remove', where: 'any', args: true },
  { name: 'history', alias: 'lichsu', action: 'history.view', where: 'any', args: true },
  { name: 'inviteall', alias: 'moitatca', action: 'invite.all', where: 'private', args: true },
  { name: 'importunits', alias: 'nhapdonvi', action: 'unit.import', where: 'private' },
  { name: 'newterm', alias: 'nhiemkymoi', action: 'term.new', where: 'private', args: true },
];

/** Who may ask for a command at all: its action's audience in the policy. */
function audienceOf(c: CommandSpec): Audience {
  return POLICY[c.action].audience;
}

/**
 * Notes /help adds under the commands, each for the audience that may use what it explains
 * (locale keys): the cron form of /digest is an administrator's tool, so only their help
 * shows cron patterns.
 */
const HELP_NOTES: { audience: Audience; key: string }[] = [{ audience: 'admin', key: 'help-digest-cron' }];

export function helpNotesFor(level: Audience): string[] {
  return HELP_NOTES.filter((n) => reaches(level, n.audience)).map((n) => n.key);
}

export function commandsFor(level: Audience, where?: Exclude<Where, 'any'>): CommandSpec[] {
  return COMMANDS.filter((c) => reaches(level, audienceOf(c)) && (!where || c.where === 'any' || c.where === where));
}

/** The catalogue entry of a command word (English name or alias), if any. */
export function commandSpec(word: string): CommandSpec | undefined {
  const w = word.toLowerCase();
  return COMMANDS.find((c) => c.name === w || c.alias === w);
}

/** Both spellings of a command, for grammY's `bot.command([...])`. */
export function names(name: string): string[] {
  const spec = COMMANDS.find((c) => c.name === name);
  if (!spec) throw new Error(`command ${name} is not in the catalogue`);
  return spec.alias ? [spec.name, spec.alias] : [spec.name];
}

export function isKnownCommand(word: string): boolean {
  const w = word.toLowerCase();
  return COMMANDS.some((c) => c.name === w || c.alias === w);
}

/**
 * The buttons the bot puts under its messages, with the action each asks for: the security
 * matrix presses every one of them as every role. `sample` is a press on the test world's
 * records (meeting M1, notice B1).
 */
export interface ButtonSpec {
  /** The callback data's first field(s), as the handlers match it. */
  prefix: string;
  action: ActionName;
  sample: string;
}

export const BUTTONS: ButtonSpec[] = [
  { prefix: 'rsvp', action: 'meeting.rsvp', sample: 'rsvp:M1:yes' },
  { prefix: 'bc:send', action: 'notice.send', sample: 'bc:send:B2' },
  { prefix: 'bc:cancel', action: 'notice.send', sample: 'bc:cancel:B2' },
  { prefix: 'ack', action: 'notice.ack', sample: 'ack:B1' },
  { prefix: 'inv:ok', action: 'invite.use', sample: 'inv:ok:I1' },
  { prefix: 'inv:no', action: 'invite.use', sample: 'inv:no:I1' },
  { prefix: 'units:pg', action: 'unit.list', sample: 'units:pg:2' },
  { prefix: 'mem:pg', action: 'member.list', sample: 'mem:pg:BD:2' },
  { prefix: 'term:ok', action: 'term.new', sample: 'term:ok:2026-2031' },
  { prefix: 'term:no', action: 'term.new', sample: 'term:no:2026-2031' },
];

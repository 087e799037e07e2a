/**
 * The command catalogue: every command's English name, its Vietnamese alias (Telegram
 * allows only a-z 0-9 _), who may use it and where. /help and the command menus
 * (setMyCommands) are both built from this list, so they never disagree with the handlers.
 */
/** `council`: secretaries of the council's own unit, who act council-wide. */
export type Audience = 'anyone' | 'delegate' | 'secretary' | 'council' | 'admin';
export type Where = 'private' | 'group' | 'any';

export interface CommandSpec {
  name: string;
  alias?: string;
  audience: Audience;
  where: Where;
  /** Shown in /help after the command, e.g. "UNIT" (a locale key suffix `args-<name>` if present). */
  args?: boolean;
}

export const COMMANDS: CommandSpec[] = [
  { name: 'start', audience: 'anyone', where: 'private' },
  { name: 'help', alias: 'huongdan', audience: 'anyone', where: 'any' },
  { name: 'lang', alias: 'ngonngu', audience: 'anyone', where: 'any', args: true },
  { name: 'whoami', alias: 'toila', audience: 'anyone', where: 'any' },
  { name: 'units', alias: 'donvi', audience: 'secretary', where: 'any' },
  { name: 'members', alias: 'thanhvien', audience: 'secretary', where: 'any', args: true },
  { name: 'invite', alias: 'moi', audience: 'secretary', where: 'any', args: true },
  { name: 'linkgroup', alias: 'lienketnhom', audience: 'secretary', where: 'group', args: true },
  { name: 'unlinkgroup', alias: 'huylienket', audience: 'secretary', where: 'group' },
  { name: 'meetings', alias: 'lichhop', audience: 'delegate', where: 'any' },
  { name: 'meeting', alias: 'cuochop', audience: 'delegate', where: 'any', args: true },
  { name: 'rsvp', alias: 'dangky', audience: 'delegate', where: 'any', args: true },
  { name: 'ics', alias: 'lich', audience: 'delegate', where: 'any', args: true },
  { name: 'proposals', alias: 'dean', audience: 'delegate', where: 'any' },
  { name: 'proposal', alias: 'xemdean', audience: 'delegate', where: 'any', args: true },
  { name: 'comment', alias: 'gopy', audience: 'delegate', where: 'any', args: true },
  { name: 'agree', alias: 'nhattri', audience: 'delegate', where: 'any', args: true },
  { name: 'mycomments', alias: 'gopycuatoi', audience: 'delegate', where: 'any', args: true },
  { name: 'editcomment', alias: 'suagopy', audience: 'delegate', where: 'any', args: true },
  { name: 'withdraw', alias: 'rutgopy', audience: 'delegate', where: 'any', args: true },
  { name: 'comments', alias: 'dsgopy', audience: 'secretary', where: 'any', args: true },
  { name: 'newmeeting', alias: 'taohop', audience: 'council', where: 'any', args: true },
  { name: 'editmeeting', alias: 'suahop', audience: 'council', where: 'any', args: true },
  { name: 'cancelmeeting', alias: 'huyhop', audience: 'council', where: 'any', args: true },
  { name: 'newproposal', alias: 'taodean', audience: 'council', where: 'any', args: true },
  { name: 'respond', alias: 'tiepthu', audience: 'council', where: 'any', args: true },
  { name: 'report', alias: 'baocao', audience: 'council', where: 'any', args: true },
  { name: 'summary', alias: 'tomtat', audience: 'delegate', where: 'any' },
  { name: 'digest', alias: 'lichtomtat', audience: 'secretary', where: 'group', args: true },
  { name: 'broadcast', alias: 'thongbao', audience: 'secretary', where: 'private', args: true },
  { name: 'broadcasts', alias: 'dsthongbao', audience: 'secretary', where: 'any' },
  { name: 'acks', alias: 'danhan', audience: 'secretary', where: 'any', args: true },
  { name: 'cancelbroadcast', alias: 'huythongbao', audience: 'secretary', where: 'any', args: true },
  { name: 'addunit', alias: 'themdonvi', audience: 'admin', where: 'any', args: true },
  { name: 'remove', alias: 'xoathanhvien', audience: 'admin', where: 'any', args: true },
];

const order: Record<Audience, number> = { anyone: 0, delegate: 1, secretary: 2, council: 3, admin: 4 };

export function commandsFor(level: Audience, where?: Exclude<Where, 'any'>): CommandSpec[] {
  return COMMANDS.filter((c) => order[c.audience] <= order[level] && (!where || c.where === 'any' || c.where === where));
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

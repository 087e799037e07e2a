/**
 * Who a notice goes to. Pure rules: the command layer loads units and members, this decides.
 */
export interface Audience {
  groups: boolean;
  delegates: boolean;
  /** Unit codes, or undefined for every unit the sender may reach. */
  units?: string[] | undefined;
  pin: boolean;
}

const GROUP_WORDS = new Set(['groups', 'nhom', 'cacnhom']);
const DELEGATE_WORDS = new Set(['delegates', 'daibieu']);
const ALL_WORDS = new Set(['all', 'tatca']);
const PIN_WORDS = new Set(['pin', 'ghim']);

export type AudienceParse = { ok: true; audience: Audience } | { ok: false; bad: string[] };

/** `groups|delegates|all|UNIT… [pin]`; a unit code alone means its group and its delegates. */
export function parseAudience(words: string[], isUnitCode: (w: string) => boolean): AudienceParse {
  let groups = false;
  let delegates = false;
  let pin = false;
  const units: string[] = [];
  const bad: string[] = [];
  for (const raw of words) {
    const w = raw.toLowerCase();
    if (GROUP_WORDS.has(w)) groups = true;
    else if (DELEGATE_WORDS.has(w)) delegates = true;
    else if (ALL_WORDS.has(w)) groups = delegates = true;
    else if (PIN_WORDS.has(w)) pin = true;
    else if (isUnitCode(raw.toUpperCase())) units.push(raw.toUpperCase());
    else bad.push(raw);
  }
  if (bad.length || (!groups && !delegates && units.length === 0)) return { ok: false, bad };
  if (!groups && !delegates) groups = delegates = true;
  return { ok: true, audience: { groups, delegates, units: units.length ? [...new Set(units)] : undefined, pin } };
}

export interface Recipient {
  chatId: number;
  type: 'group' | 'user';
  unit: string;
  /** Group title or person's name, for the delivery report. */
  name: string;
}

export interface UnitView {
  code: string;
  group?: { chatId: number; title: string; active: boolean } | undefined;
}
export interface MemberView {
  id: number;
  name: string;
  role: 'delegate' | 'secretary';
  unit: string;
}

/** A preview's recipients are frozen for this long: Send on an older draft is refused. */
export const DRAFT_TTL_MS = 86_400_000;

export function draftExpired(b: { status: string; createdAt: number }, now: number): boolean {
  return b.status === 'draft' && b.createdAt < now - DRAFT_TTL_MS;
}

/**
 * A person frozen at the preview who is no longer a member, or no longer in one of the
 * notice's units, when it is sent: they are not sent it. Groups follow their unit's link.
 */
export function leftSincePreview(r: Recipient, member: { unit: string } | undefined, units: readonly string[]): boolean {
  return r.type === 'user' && (member === undefined || !units.includes(member.unit));
}

/** Linked groups and delegates of the chosen units, each once, groups first. */
export function selectRecipients(audience: Audience, units: UnitView[], members: MemberView[]): Recipient[] {
  const chosen = new Set(audience.units ?? units.map((u) => u.code));
  const out: Recipient[] = [];
  const seen = new Set<number>();
  if (audience.groups) {
    for (const u of units) {
      if (chosen.has(u.code) && u.group?.active && !seen.has(u.group.chatId)) {
        seen.add(u.group.chatId);
        out.push({ chatId: u.group.chatId, type: 'group', unit: u.code, name: u.group.title });
      }
    }
  }
  if (audience.delegates) {
    for (const m of members) {
      if (m.role === 'delegate' && chosen.has(m.unit) && !seen.has(m.id)) {
        seen.add(m.id);
        out.push({ chatId: m.id, type: 'user', unit: m.unit, name: m.name });
      }
    }
  }
  return out;
}

/**
 * Why Telegram's copyMessage would refuse a notice (Bot API: "Service messages, paid media
 * messages, giveaway messages, giveaway winners messages, and invoice messages can't be
 * copied. A quiz poll can be copied only if the value of the field correct_option_id is
 * known to the bot."), plus protected content, which may not be forwarded or saved.
 */
export type Uncopyable =
  | 'service-pinned'
  | 'service-members'
  | 'service-chat'
  | 'service'
  | 'paid-media'
  | 'invoice'
  | 'giveaway'
  | 'quiz-hidden'
  | 'protected';

/** The part of an album that goes out, by what it holds. */
export type AlbumPart = 'photo' | 'video' | 'document' | 'audio';

export type NoticeCheck = { ok: true; albumPart?: AlbumPart } | { ok: false; reason: Uncopyable };

/**
 * What the rule reads of a message; a Telegram message fits it as it is. Content fields are
 * only tested for presence.
 */
export interface NoticeMessage {
  media_group_id?: string | undefined;
  has_protected_content?: boolean | undefined;
  poll?: { type: string; correct_option_id?: number | undefined; correct_option_ids?: number[] | undefined } | undefined;
  text?: unknown; rich_message?: unknown; animation?: unknown; audio?: unknown; document?: unknown;
  live_photo?: unknown; photo?: unknown; sticker?: unknown; story?: unknown; video?: unknown;
  video_note?: unknown; voice?: unknown; contact?: unknown; dice?: unknown; game?: unknown;
  venue?: unknown; location?: unknown; checklist?: unknown;
  paid_media?: unknown; invoice?: unknown; giveaway?: unknown; giveaway_winners?: unknown;
  pinned_message?: unknown; new_chat_members?: unknown; left_chat_member?: unknown;
  new_chat_title?: unknown; new_chat_photo?: unknown; delete_chat_photo?: unknown;
  group_chat_created?: unknown; supergroup_chat_created?: unknown; channel_chat_created?: unknown;
  migrate_to_chat_id?: unknown; migrate_from_chat_id?: unknown; message_auto_delete_timer_changed?: unknown;
}

/** Kinds of content a copy can carry. Anything else (a pin, a member joining, …) is a service message. */
const CONTENT = [
  'text', 'rich_message', 'animation', 'audio', 'document', 'live_photo', 'photo', 'sticker', 'story', 'video',
  'video_note', 'voice', 'contact', 'dice', 'game', 'poll', 'venue', 'location', 'checklist',
] as const satisfies readonly (keyof NoticeMessage)[];

const has = (m: NoticeMessage, keys: readonly (keyof NoticeMessage)[]) => keys.some((k) => m[k] !== undefined && m[k] !== null);

/** Whether a notice can be copied to every recipient, and if not, why; for an album, which part goes. */
export function checkNotice(m: NoticeMessage): NoticeCheck {
  if (has(m, ['paid_media'])) return { ok: false, reason: 'paid-media' };
  if (has(m, ['invoice'])) return { ok: false, reason: 'invoice' };
  if (has(m, ['giveaway', 'giveaway_winners'])) return { ok: false, reason: 'giveaway' };
  if (!has(m, CONTENT)) {
    if (has(m, ['pinned_message'])) return { ok: false, reason: 'service-pinned' };
    if (has(m, ['new_chat_members', 'left_chat_member'])) return { ok: false, reason: 'service-members' };
    const chatEvents = [
      'new_chat_title', 'new_chat_photo', 'delete_chat_photo', 'group_chat_created', 'supergroup_chat_created',
      'channel_chat_created', 'migrate_to_chat_id', 'migrate_from_chat_id', 'message_auto_delete_timer_changed',
    ] as const;
    return { ok: false, reason: has(m, chatEvents) ? 'service-chat' : 'service' };
  }
  if (m.poll?.type === 'quiz' && m.poll.correct_option_id === undefined && m.poll.correct_option_ids === undefined) {
    return { ok: false, reason: 'quiz-hidden' };
  }
  if (m.has_protected_content) return { ok: false, reason: 'protected' };
  if (m.media_group_id === undefined) return { ok: true };
  // copyMessage copies this one message: the rest of its album stays behind.
  const part: AlbumPart = m.photo ? 'photo' : m.video ? 'video' : m.audio ? 'audio' : 'document';
  return { ok: true, albumPart: part };
}

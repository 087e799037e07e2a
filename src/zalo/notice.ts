import type { NoticeContent } from '#root/store/zalo.js';

/** A field of an object we only know to be a Telegram message. */
function field(o: unknown, key: string): unknown {
  return typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[key] : undefined;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

const FILE_KINDS = ['document', 'video', 'audio', 'voice', 'animation'] as const;

/**
 * What a notice says, for the channels that cannot copy a Telegram message (Zalo): its text or
 * caption (or a poll's question), and its photo or file, to be fetched when someone opens the
 * signed link to it. Kept at the preview, when the message is at hand.
 */
export function noticeContent(message: unknown): NoticeContent {
  const poll = field(message, 'poll');
  const text = str(field(message, 'text')) ?? str(field(message, 'caption')) ?? str(field(poll, 'question')) ?? '';
  const photos = field(message, 'photo');
  if (Array.isArray(photos) && photos.length) {
    const fileId = str(field(photos.at(-1), 'file_id'));
    if (fileId) return { text, file: { kind: 'photo', fileId } };
  }
  for (const kind of FILE_KINDS) {
    const f = field(message, kind);
    const fileId = str(field(f, 'file_id'));
    if (fileId) return { text, file: { kind, fileId, ...(str(field(f, 'file_name')) ? { name: str(field(f, 'file_name'))! } : {}) } };
  }
  return { text };
}

/**
 * Which channel a chat is on. People and groups are numbers everywhere in the app (member
 * ids, chat ids of deliveries, unit groups); Telegram's own ids are used as they are. Zalo's
 * ids are opaque strings, so a person or group met on Zalo gets an internal number from a
 * range Telegram never uses: Telegram user ids are far below 9·10¹² (about 8·10⁹ in 2026) and
 * its group ids are above −2·10¹² (supergroups are −100 followed by the group's number), so
 * 9,000,000,000,000 + n is a person on Zalo and −(9,000,000,000,000 + n) a Zalo group (or a
 * unit's Zalo members reached one by one, see src/zalo/route.ts). They stay 13 digits, so
 * `/remove`, ADMIN_IDS and the stores' number fields take them as they take Telegram's.
 */
export const ZALO_ID_BASE = 9_000_000_000_000;

/** Whether a person or group (by their number here) is on Zalo; everything else is Telegram's. */
export function isZalo(chatId: number): boolean {
  return Math.abs(chatId) >= ZALO_ID_BASE;
}

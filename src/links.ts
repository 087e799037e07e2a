import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Config } from '#root/config.js';

/**
 * Signed, short-lived links to files the bot's HTTP server makes on request (`GET /f/<token>`,
 * src/http/files.ts): what Zalo cannot carry (a report, a calendar file, a notice's photo or
 * document) goes as such a link. The token is `<payload>.<signature>`, both base64url: the
 * payload names the file's kind and id, the person it was made for (the file is made for them
 * when opened, with their rights as they are then) and when it stops working; the signature is
 * an HMAC-SHA256 of the payload with the links' secret. Nothing is stored: a link is refused
 * when expired or when its signature does not match.
 */
export type LinkKind = 'report' | 'ics' | 'notice-file';

export interface LinkClaim {
  kind: LinkKind;
  /** `DA-01|docx` for a report, `M3` for a calendar file, `B4` for a notice's file. */
  id: string;
  /** Whom it was made for: their rights decide when it is opened. */
  user: number;
  /** When it stops working (ms since the epoch). */
  expiresAt: number;
}

const KINDS: readonly LinkKind[] = ['report', 'ics', 'notice-file'];

/** LINK_SECRET, or one derived from the bots' tokens (a new token then voids the links given out). */
function secret(config: Pick<Config, 'LINK_SECRET' | 'BOT_TOKEN' | 'ZALO_BOT_TOKEN'>): Buffer {
  if (config.LINK_SECRET) return Buffer.from(config.LINK_SECRET, 'utf8');
  return createHmac('sha256', 'giao-ban file links').update(`${config.BOT_TOKEN}\n${config.ZALO_BOT_TOKEN ?? ''}`).digest();
}

function sign(config: Parameters<typeof secret>[0], payload: string): string {
  return createHmac('sha256', secret(config)).update(payload).digest('base64url');
}

type LinkConfig = Pick<Config, 'PUBLIC_URL' | 'LINK_TTL_SEC' | 'LINK_SECRET' | 'BOT_TOKEN' | 'ZALO_BOT_TOKEN'>;

/** A link to the file for this person, valid LINK_TTL_SEC; undefined when PUBLIC_URL is not set. */
export function fileLink(config: LinkConfig, claim: Omit<LinkClaim, 'expiresAt'>, now = Date.now()): { url: string; expiresAt: number } | undefined {
  if (!config.PUBLIC_URL) return undefined;
  const expiresAt = now + config.LINK_TTL_SEC * 1000;
  const payload = Buffer.from(JSON.stringify({ k: claim.kind, i: claim.id, u: claim.user, e: expiresAt }), 'utf8').toString('base64url');
  return { url: `${config.PUBLIC_URL}/f/${payload}.${sign(config, payload)}`, expiresAt };
}

/** What a token says, if its signature is ours and it has not expired. */
export function readLink(config: LinkConfig, token: string, now = Date.now()): LinkClaim | 'forged' | 'expired' {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return 'forged';
  const expected = Buffer.from(sign(config, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'forged';
  let raw: { k?: unknown; i?: unknown; u?: unknown; e?: unknown };
  try {
    raw = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof raw;
  } catch {
    return 'forged';
  }
  if (!KINDS.includes(raw.k as LinkKind) || typeof raw.i !== 'string' || typeof raw.u !== 'number' || typeof raw.e !== 'number') return 'forged';
  if (now >= raw.e) return 'expired';
  return { kind: raw.k as LinkKind, id: raw.i, user: raw.u, expiresAt: raw.e };
}

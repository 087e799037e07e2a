/**
 * One person on both channels: a member (who joined on Telegram) joins their Zalo account to
 * their record, so what they do on Zalo is done as them, with their role and unit. The code
 * that proves it is asked for on Telegram (`/lienketzalo`) and sent on Zalo within minutes;
 * it works once. Their messages keep reaching them on Telegram, where they joined.
 */
import type { ActionDeps, Actor } from '#root/actions/types.js';
import type { MemberRole } from '#root/domain/roles.js';
import { can, ok, refused, refusedWith, type Result } from '#root/policy.js';

const CODE_TTL_SEC = 600;


/** /lienketzalo on Telegram: a one-time code to send on Zalo. */
export async function zaloLinkCode(deps: ActionDeps, actor: Actor): Promise<Result<{ code: string; minutes: number }>> {
  const denied = can(actor, 'zalo.link', {}, deps.config.COUNCIL_UNIT);
  if (denied) return refusedWith(denied);
  if (!deps.config.ZALO_BOT_TOKEN) return refused('zalo-link-off');
  // The record is what the Zalo account is joined to: an administrator by configuration alone has none.
  if (!(await deps.store.members.get(actor.userId))) return refused('zalo-link-not-member');
  const code = await deps.store.zalo.createLinkCode(actor.userId, CODE_TTL_SEC);
  deps.log.info({ member: actor.userId }, 'zalo link code made');
  return ok({ code, minutes: CODE_TTL_SEC / 60 });
}

/** The code sent on Zalo: the account is joined to the record it was made for. */
export async function useZaloLinkCode(deps: ActionDeps, actor: Actor, input: { code: string; zaloId: string }): Promise<Result<{ role: MemberRole; unit: string }>> {
  const denied = can(actor, 'zalo.join', {}, deps.config.COUNCIL_UNIT);
  if (denied) return refusedWith(denied);
  const memberId = await deps.store.zalo.takeLinkCode(input.code.toUpperCase());
  if (memberId === undefined) return refused('zalo-link-unknown');
  const res = await deps.store.members.linkZalo(memberId, input.zaloId);
  if (res === 'zalo-member') return refused('zalo-link-member-already');
  const m = await deps.store.members.get(memberId);
  if (res === 'no-member' || !m) return refused('zalo-link-unknown');
  deps.log.info({ member: memberId }, 'zalo account joined to a member');
  return ok({ role: m.role, unit: m.unit });
}

import { Composer } from 'grammy';
import type { BotContext } from '#root/context.js';
import { syncSchedule } from '#jobs/summaries.js';

/** Follows what happens to the bot's groups: removal, re-adding, upgrades, renames. */
export const groups = new Composer<BotContext>();

groups.on('my_chat_member', async (ctx) => {
  const { chat, new_chat_member: now, old_chat_member: before } = ctx.myChatMember;
  if (chat.type === 'private' || chat.type === 'channel') {
    if (chat.type === 'private' && now.status === 'kicked') await ctx.svc.store.members.markInactive(chat.id, 'blocked');
    return;
  }
  const present = now.status === 'member' || now.status === 'administrator';
  const wasPresent = before.status === 'member' || before.status === 'administrator';
  if (present === wasPresent) return;
  const unit = await ctx.svc.store.units.setGroupActive(chat.id, present, chat.title);
  if (unit) await syncSchedule(ctx.svc, unit);
  ctx.log.info({ present, unit }, 'bot membership in group changed');
  if (present && !unit) await ctx.reply(ctx.t('group-added'));
});

groups.on('message:migrate_to_chat_id', async (ctx) => {
  const unit = await ctx.svc.store.units.migrateGroup(ctx.chat.id, ctx.msg.migrate_to_chat_id);
  ctx.log.info({ to: ctx.msg.migrate_to_chat_id, unit }, 'group upgraded to supergroup');
});

groups.on('message:new_chat_title', async (ctx) => {
  await ctx.svc.store.units.setGroupActive(ctx.chat.id, true, ctx.msg.new_chat_title);
});

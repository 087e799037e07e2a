import type { Api } from 'grammy';
import type { BotCommand, BotCommandScope } from 'grammy/types';
import type { Services } from '#root/context.js';
import { commandsFor, type Where } from '#root/domain/commands.js';
import { makeActor } from '#root/domain/roles.js';
import { can, levelOf, reaches, type Audience } from '#root/policy.js';
import { preferredLocale, LOCALES, type Locale, type Translator } from '#root/i18n.js';
import { isZalo } from '#root/zalo/channel.js';

export const MENU_TASK = 'command-menu';
export interface MenuTask {
  userId: number;
}

/** Telegram shows the Vietnamese alias to Vietnamese users, the English name to the rest. */
function menu(t: Translator, locale: Locale, level: Audience, where: Exclude<Where, 'any'>): BotCommand[] {
  return commandsFor(level, where).map((c) => ({
    command: locale === 'vi' && c.alias ? c.alias : c.name,
    description: t(locale, `cmd-${c.name}`),
  }));
}

/** The menus everyone sees: delegates' commands in private chats, group commands in groups. */
export async function setDefaultMenus(api: Api, t: Translator, defaultLocale: Locale): Promise<void> {
  const scopes: [BotCommandScope, Exclude<Where, 'any'>][] = [
    [{ type: 'all_private_chats' }, 'private'],
    [{ type: 'all_group_chats' }, 'group'],
  ];
  for (const [scope, where] of scopes) {
    const level: Audience = where === 'group' ? 'secretary' : 'delegate';
    await api.setMyCommands(menu(t, defaultLocale, level, where), { scope });
    for (const locale of LOCALES) await api.setMyCommands(menu(t, locale, level, where), { scope, language_code: locale });
  }
}

/** A secretary's or admin's private chat gets the fuller list, in their language. */
export async function setPersonalMenu(api: Api, svc: Services, userId: number): Promise<void> {
  const { store, config } = svc;
  const member = await store.members.get(userId);
  const actor = makeActor(userId, member, { adminIds: config.ADMIN_IDS, councilUnit: config.COUNCIL_UNIT });
  const level = levelOf(actor);
  const scope: BotCommandScope = { type: 'chat', chat_id: userId };
  const lang = preferredLocale(await store.members.prefs(userId), config.DEFAULT_LOCALE);
  // The menu button opens the desk as a Mini App for those who may use it (Telegram takes only https addresses).
  const desk = config.DESK_URL?.startsWith('https://') && !can(actor, 'desk.open', {}, config.COUNCIL_UNIT);
  await api.setChatMenuButton({ chat_id: userId, menu_button: desk ? { type: 'web_app', text: svc.t(lang, 'desk-menu-button'), web_app: { url: `${config.DESK_URL}/desk/` } } : { type: 'default' } });
  // Everyone below a secretary sees the default menus of their chat type.
  if (!reaches(level, 'secretary')) {
    await api.deleteMyCommands({ scope });
    return;
  }
  await api.setMyCommands(menu(svc.t, lang, level, 'private'), { scope });
}

/** Menus are Bot API calls, not messages to people: a task, so a restart does not lose them. */
export async function syncCommandMenus(svc: Services, userIds: number[]): Promise<void> {
  // Command menus are Telegram's: none on Zalo alone, none for people on Zalo.
  const onTelegram = svc.config.TELEGRAM_ENABLED ? userIds.filter((id) => !isZalo(id)) : [];
  await svc.tasks.addBulk(
    onTelegram.map((userId) => ({ name: MENU_TASK, data: { userId } satisfies MenuTask, opts: { jobId: `menu-${userId}-${Date.now()}` } })),
  );
}

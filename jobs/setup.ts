import type { SetupEffects } from '#root/actions/setup.js';
import type { Services } from '#root/context.js';
import { preferredLocale } from '#root/i18n.js';
import { escapeHtml } from '#root/telegram/text.js';
import { syncCommandMenus } from '#jobs/commands-menu.js';
import { syncSchedule } from '#jobs/summaries.js';

/** What set-up actions ask for, carried out over the services: a notice, menus, schedules. */
export function setupEffects(svc: Services): SetupEffects {
  return {
    // The inviter hears about it through the outbox, in their language: it is not a reply to them.
    async joined(inviterId, who, key) {
      const lang = preferredLocale(await svc.store.members.prefs(inviterId), svc.config.DEFAULT_LOCALE);
      await svc.outbox.send({
        id: `joined_${key}`,
        chatId: inviterId,
        kind: 'text',
        html: svc.t(lang, 'invite-joined-notice', { name: escapeHtml(who.name), role: svc.t(lang, `role-${who.role}`), unit: who.unit }),
      });
    },
    menusChanged: (userIds) => syncCommandMenus(svc, userIds),
    async groupChanged(unit) {
      await syncSchedule(svc, unit);
    },
  };
}

import type { TermEffects } from '#root/actions/units.js';
import type { Services } from '#root/context.js';
import { showTerm } from '#root/domain/units.js';
import { preferredLocale } from '#root/i18n.js';
import type { Delivery } from '#root/telegram/outbox.js';

/** What a new term asks for, carried out over the services. */
export function termEffects(svc: Services): TermEffects {
  return {
    // Each former member is told in a message of their own, in their language, through the
    // outbox in the normal lane: a new term is not urgent, and it must not hold up replies.
    async membersLeft(former, term, key) {
      for (let i = 0; i < former.length; i += 500) {
        const batch = former.slice(i, i + 500);
        const prefs = await Promise.all(batch.map((f) => svc.store.members.prefs(f.id)));
        const deliveries = batch.map((f, n): Delivery => {
          const lang = preferredLocale(prefs[n]!, svc.config.DEFAULT_LOCALE);
          return {
            id: `term_${term}_${key}_${f.id}`,
            chatId: f.id,
            kind: 'text',
            lane: 'normal',
            html: svc.t(lang, 'newterm-told', { term: showTerm(term), role: svc.t(lang, `role-${f.role}`), unit: f.unit }),
          };
        });
        await svc.outbox.send(deliveries);
      }
    },
  };
}

import { fileURLToPath } from 'node:url';
import { I18n } from '@grammyjs/i18n';
import type { BotContext } from '#root/context.js';

export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(s: string | undefined): s is Locale {
  return s === 'vi' || s === 'en';
}

/** Telegram sends IETF tags such as `vi`, `en-US`; anything else falls back to the default. */
export function localeFromTelegram(code: string | undefined): Locale | undefined {
  const base = code?.toLowerCase().split('-')[0];
  return isLocale(base) ? base : undefined;
}

/** For messages the bot starts (jobs): /lang, else the language Telegram last told us, else the default. */
export function preferredLocale(prefs: { lang?: Locale | undefined; tg?: Locale | undefined }, fallback: Locale): Locale {
  return prefs.lang ?? prefs.tg ?? fallback;
}

export type Translator = (locale: string, key: string, vars?: Record<string, string | number>) => string;

/**
 * The council's own name and kind (config COUNCIL_NAME, COUNCIL_KIND), given to every
 * message: the locale files build «HĐND thành phố Hà Nội» from them (message `council`,
 * used as `{ council }`), so no text names the council itself.
 */
export interface CouncilNaming {
  councilName: string;
  councilKind: 'thanhpho' | 'tinh';
}

export function councilNaming(config: { COUNCIL_NAME: string; COUNCIL_KIND: 'thanhpho' | 'tinh' }): CouncilNaming {
  return { councilName: config.COUNCIL_NAME, councilKind: config.COUNCIL_KIND };
}

/**
 * One Fluent instance for handlers (ctx.t) and jobs (t(locale, …), see `translator`).
 * Isolation marks are off: Telegram shows them as stray characters around ids and names.
 */
export function createI18n(defaultLocale: Locale, council: CouncilNaming = { councilName: 'Hà Nội', councilKind: 'thanhpho' }): I18n<BotContext> {
  return new I18n<BotContext>({
    defaultLocale,
    directory: fileURLToPath(new URL('../locales', import.meta.url)),
    useSession: false,
    fluentBundleOptions: { useIsolating: false },
    globalTranslationContext: () => ({ ...council }),
    localeNegotiator: (ctx) => ctx.prefs?.lang ?? localeFromTelegram(ctx.from?.language_code) ?? defaultLocale,
  });
}

/** The jobs' translator: the same messages as ctx.t, with the council's name and kind. */
export function translator(i18n: I18n<BotContext>, council: CouncilNaming): Translator {
  return (locale, key, vars) => i18n.t(locale, key, { ...council, ...vars });
}

import { Composer, InlineKeyboard } from 'grammy';
import type { BotContext } from '#root/context.js';
import { validateForm, type FieldContext, type FieldSpec } from '#root/domain/forms.js';
import { describeProblems } from '#root/telegram/forms.js';

/**
 * The guided conversation behind a form command sent alone in private chat: one question per
 * field, a Cancel button, Skip for optional fields. Its state is one Redis key per person
 * (30 minutes), so it survives restarts and works with several bot processes. Each answer
 * is checked by the same field parser as the `key: value` form.
 */
export interface WizardForm {
  name: string;
  fields: FieldSpec[];
  fieldContext(ctx: BotContext): Promise<FieldContext>;
  /** Receives the raw answers, exactly as a `key: value` form would give them. */
  submit(ctx: BotContext, raw: Map<string, string>): Promise<void>;
}

interface WizardState {
  form: string;
  step: number;
  raw: Record<string, string>;
}

const TTL_SEC = 1800;

export function createWizards(forms: WizardForm[]) {
  const byName = new Map(forms.map((f) => [f.name, f]));
  const key = (ctx: BotContext) => ctx.svc.store.keys.wizard(ctx.actor.userId);

  async function load(ctx: BotContext): Promise<WizardState | undefined> {
    const raw = await ctx.svc.store.redis.get(key(ctx));
    return raw ? (JSON.parse(raw) as WizardState) : undefined;
  }
  async function save(ctx: BotContext, s: WizardState): Promise<void> {
    await ctx.svc.store.redis.set(key(ctx), JSON.stringify(s), 'EX', TTL_SEC);
  }

  async function ask(ctx: BotContext, form: WizardForm, s: WizardState): Promise<void> {
    const field = form.fields[s.step]!;
    const kb = new InlineKeyboard();
    if (!field.required) kb.text(ctx.t('wizard-skip'), 'wiz:skip');
    kb.text(ctx.t('button-cancel'), 'wiz:cancel');
    const head = ctx.t('wizard-step', { n: s.step + 1, total: form.fields.length });
    await ctx.reply(`${head}\n${ctx.t(`ask-${form.name}-${field.key}`)}`, { reply_markup: kb });
  }

  async function advance(ctx: BotContext, form: WizardForm, s: WizardState): Promise<void> {
    s.step++;
    if (s.step < form.fields.length) {
      await save(ctx, s);
      return ask(ctx, form, s);
    }
    await ctx.svc.store.redis.del(key(ctx));
    await form.submit(ctx, new Map(Object.entries(s.raw)));
  }

  const composer = new Composer<BotContext>();

  composer.chatType('private').on('message:text', async (ctx, next) => {
    if (ctx.msg.text.startsWith('/')) return next();
    const s = await load(ctx);
    const form = s && byName.get(s.form);
    if (!s || !form) return next();
    const field = form.fields[s.step]!;
    const res = validateForm(new Map([[field.key, ctx.msg.text.trim()]]), [field], await form.fieldContext(ctx), { partial: true });
    if (!res.ok) {
      await ctx.say(describeProblems(ctx, form.name, res.problems));
      return ask(ctx, form, s);
    }
    s.raw[field.key] = ctx.msg.text.trim();
    await advance(ctx, form, s);
  });

  // Each form's wizard is its own composer: a press for another form's wizard passes on.
  composer.callbackQuery('wiz:cancel', async (ctx, next) => {
    const s = await load(ctx);
    if (s && !byName.has(s.form)) return next();
    await ctx.svc.store.redis.del(key(ctx));
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    await ctx.reply(ctx.t('wizard-cancelled'));
  });

  composer.callbackQuery('wiz:skip', async (ctx, next) => {
    const s = await load(ctx);
    if (s && !byName.has(s.form)) return next();
    const form = s && byName.get(s.form);
    await ctx.answerCallbackQuery();
    if (!s || !form || form.fields[s.step]?.required) return;
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    await advance(ctx, form, s);
  });

  return {
    composer,
    async start(ctx: BotContext, name: string): Promise<void> {
      const form = byName.get(name)!;
      const s: WizardState = { form: name, step: 0, raw: {} };
      await save(ctx, s);
      await ctx.reply(ctx.t(`wizard-intro-${name}`));
      await ask(ctx, form, s);
    },
  };
}

import { Composer, InlineKeyboard } from 'grammy';
import type { BotContext } from '#root/context.js';
import { validateForm, type FieldContext, type FieldSpec } from '#root/domain/forms.js';
import { mayAsk, type ActionName } from '#root/policy.js';
import type { PendingInput } from '#root/store/pending.js';
import { describeProblems } from '#root/telegram/forms.js';
import { onPending } from '#root/telegram/pending.js';
import { refuse } from '#root/telegram/reply.js';

/**
 * The guided conversation behind a form command sent alone in private chat: one question per
 * field, a Cancel button, Skip for optional fields. Its state is the person's pending-input
 * record (a day), so it survives restarts, works with several bot processes and never
 * competes with another "next message" (a substitute's name, a notice). Each answer is
 * checked by the same field parser as the `key: value` form, and every step asks the policy
 * again: a person who lost the right since the form began cannot finish it.
 */
export interface WizardForm {
  name: string;
  /** The action the form ends in: its audience is checked at every step. */
  action: ActionName;
  fields: FieldSpec[];
  fieldContext(ctx: BotContext): Promise<FieldContext>;
  /** Receives the raw answers, exactly as a `key: value` form would give them. */
  submit(ctx: BotContext, raw: Map<string, string>): Promise<void>;
}

type WizardState = Extract<PendingInput, { kind: 'wizard' }>;

/** Every guided form of every feature, by name. */
const forms = new Map<string, WizardForm>();

/** The composer that answers the guided forms' buttons; the answers come through the pending-input router. */
export const wizardButtons = new Composer<BotContext>();

async function save(ctx: BotContext, s: WizardState): Promise<void> {
  await ctx.svc.store.pending.set(ctx.actor.userId, s);
}

async function ask(ctx: BotContext, form: WizardForm, s: WizardState): Promise<void> {
  const field = form.fields[s.step]!;
  const kb = new InlineKeyboard();
  if (!field.required) kb.text(ctx.t('wizard-skip'), 'wiz:skip');
  kb.text(ctx.t('button-cancel'), 'wiz:cancel');
  const head = ctx.t('wizard-step', { n: s.step + 1, total: form.fields.length });
  await ctx.reply(`${head}\n${ctx.t(`ask-${form.name}-${field.key}`)}`, { reply_markup: kb });
}

/** The policy, asked again with the member record as it is now; refuses and ends the form. */
async function stillAllowed(ctx: BotContext, form: WizardForm): Promise<boolean> {
  const refusal = mayAsk(ctx.actor, form.action, ctx.svc.config.COUNCIL_UNIT);
  if (!refusal) return true;
  await ctx.svc.store.pending.clear(ctx.actor.userId);
  await refuse(ctx, refusal.code, refusal.vars);
  return false;
}

async function advance(ctx: BotContext, form: WizardForm, s: WizardState): Promise<void> {
  const next: WizardState = { ...s, step: s.step + 1 };
  if (next.step < form.fields.length) {
    await save(ctx, next);
    return ask(ctx, form, next);
  }
  await ctx.svc.store.pending.clear(ctx.actor.userId);
  if (!(await stillAllowed(ctx, form))) return;
  await form.submit(ctx, new Map(Object.entries(next.raw)));
}

onPending('wizard', async (ctx, s, next) => {
  const form = forms.get(s.form);
  const text = ctx.msg?.text;
  if (!form || text === undefined) return next();
  if (!(await stillAllowed(ctx, form))) return;
  const field = form.fields[s.step];
  if (!field) return next();
  const res = validateForm(new Map([[field.key, text.trim()]]), [field], await form.fieldContext(ctx), { partial: true });
  if (!res.ok) {
    await ctx.say(describeProblems(ctx, form.name, res.problems));
    return ask(ctx, form, s);
  }
  await advance(ctx, form, { ...s, raw: { ...s.raw, [field.key]: text.trim() } });
});

wizardButtons.callbackQuery('wiz:cancel', async (ctx) => {
  const s = await ctx.svc.store.pending.take(ctx.actor.userId, 'wizard');
  await ctx.answerCallbackQuery();
  await ctx.editMessageReplyMarkup().catch(() => undefined);
  if (s) await ctx.reply(ctx.t('wizard-cancelled'));
});

wizardButtons.callbackQuery('wiz:skip', async (ctx) => {
  const s = await ctx.svc.store.pending.get(ctx.actor.userId);
  await ctx.answerCallbackQuery();
  const form = s?.kind === 'wizard' ? forms.get(s.form) : undefined;
  if (s?.kind !== 'wizard' || !form || form.fields[s.step]?.required !== false) return;
  await ctx.editMessageReplyMarkup().catch(() => undefined);
  if (!(await stillAllowed(ctx, form))) return;
  await advance(ctx, form, s);
});

/** Registers a feature's guided forms; `start` opens one for the person. */
export function createWizards(list: WizardForm[]) {
  for (const f of list) forms.set(f.name, f);
  return {
    async start(ctx: BotContext, name: string): Promise<void> {
      const form = forms.get(name)!;
      const s: WizardState = { kind: 'wizard', form: name, step: 0, raw: {} };
      await save(ctx, s);
      await ctx.reply(ctx.t(`wizard-intro-${name}`));
      await ask(ctx, form, s);
    },
  };
}

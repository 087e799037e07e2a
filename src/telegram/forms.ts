import type { BotContext } from '#root/context.js';
import type { FormProblem } from '#root/domain/forms.js';

/** Every problem of a form on its own line, each naming the field in the person's language. */
export function describeProblems(ctx: BotContext, form: string, problems: FormProblem[]): string {
  const lines = problems.map((p) => {
    const text = ctx.t(p.error, p.vars ?? {});
    return p.field ? `• ${ctx.t(`field-${form}-${p.field}`)}: ${text}` : `• ${text}`;
  });
  return [ctx.t('form-problems'), ...lines].join('\n');
}

/** The lines of a form: everything after the command word, the first line included. */
export function formLines(ctx: BotContext): string[] {
  const text = ctx.msg?.text ?? ctx.msg?.caption ?? '';
  const [first = '', ...rest] = text.split('\n');
  const afterCommand = first.replace(/^\/\S+\s*/, '');
  return [afterCommand, ...rest];
}

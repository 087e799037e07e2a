import type { BotContext } from '#root/context.js';
import { splitForm, type FieldContext, type FieldSpec, type FormProblem } from '#root/domain/forms.js';
import { refuse, reply } from '#root/telegram/reply.js';
import { escapeHtml } from '#root/telegram/text.js';

/** How much of a refused value is shown back: enough to find it, never a wall of text. */
const ECHO_MAX = 80;

/** A value the person typed, as it is shown back in a refusal: shortened at a word, escaped. */
function echo(value: string): string {
  const chars = [...value];
  if (chars.length <= ECHO_MAX) return escapeHtml(value);
  const head = chars.slice(0, ECHO_MAX).join('');
  const atSpace = head.lastIndexOf(' ');
  return `${escapeHtml((atSpace > ECHO_MAX / 2 ? head.slice(0, atSpace) : head).trimEnd())}…`;
}

/** Every problem of a form on its own line, each naming the field in the person's language. */
export function describeProblems(ctx: BotContext, form: string, problems: FormProblem[]): string {
  const lines = problems.map((p) => {
    // Values come from the person's own input: shown literally, never as markup.
    const vars = Object.fromEntries(Object.entries(p.vars ?? {}).map(([k, v]) => [k, typeof v === 'string' ? echo(v) : v]));
    const text = ctx.t(p.error, vars);
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

/** What the form fields are checked against: now, the council's time zone, existing codes. */
export async function fieldContext(ctx: BotContext): Promise<FieldContext> {
  const { store, config } = ctx.svc;
  return {
    now: new Date(),
    tz: config.COUNCIL_TIMEZONE,
    unitCodes: new Set(await store.units.codes()),
    proposalCodes: new Set(await store.proposals.codes()),
  };
}

/**
 * A form command: `key: value` lines under the command are split and submitted; the command
 * alone starts the guided questions in private chat, or shows the form in a group.
 */
export async function formCommand(
  ctx: BotContext,
  form: { name: string; fields: FieldSpec[]; helpKey: string; guided(): Promise<void>; submit(raw: Map<string, string>): Promise<void> },
): Promise<void> {
  const lines = formLines(ctx);
  if (lines.every((l) => !l.trim())) {
    if (ctx.chat?.type === 'private') return form.guided();
    return refuse(ctx, form.helpKey);
  }
  const { raw, problems } = splitForm(lines, form.fields);
  if (problems.length) return void (await ctx.say(`${describeProblems(ctx, form.name, problems)}\n\n${ctx.t(form.helpKey)}`, reply(ctx)));
  await form.submit(raw);
}

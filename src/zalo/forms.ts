import { createMeeting } from '#root/actions/meetings.js';
import { createProposal } from '#root/actions/proposals.js';
import { splitForm, validateForm, type FieldContext, type FieldSpec, type FormProblem } from '#root/domain/forms.js';
import { MEETING_FIELDS } from '#root/domain/meetings.js';
import { PROPOSAL_FIELDS } from '#root/domain/proposals.js';
import { mayAsk, type ActionName, type Refusal } from '#root/policy.js';
import type { PendingInput } from '#root/store/pending.js';
import { escapeHtml } from '#root/telegram/text.js';
import { when } from '#root/views/meetings.js';
import type { ZaloContext } from '#root/zalo/commands.js';

/**
 * The forms on Zalo (/taohop, /taodean): `key: value` lines under the command, as on Telegram,
 * or, sent alone in private, the guided questions answered by text: «bỏ qua» skips a field
 * that is not required, «hủy» stops. The answers are kept in the person's one pending-input
 * record (as Telegram's guided forms), checked by the same field parsers, and the form ends in
 * the same action, asked with the person as they are then; the policy is asked at every step.
 */
interface ZaloForm {
  name: 'meeting' | 'proposal';
  action: ActionName;
  fields: readonly FieldSpec[];
  helpKey: string;
  submit(c: ZaloContext, raw: Map<string, string>): Promise<void>;
}

type WizardState = Extract<PendingInput, { kind: 'wizard' }>;

const ECHO_MAX = 80;

async function fieldContext(c: ZaloContext): Promise<FieldContext> {
  const { store, config } = c.svc;
  return { now: new Date(), tz: config.COUNCIL_TIMEZONE, unitCodes: new Set(await store.units.codes()), proposalCodes: new Set(await store.proposals.codes()) };
}

/** Every problem on its own line, naming the field; the values typed shown back literally and short. */
function problems(c: ZaloContext, form: string, list: FormProblem[]): string {
  const echo = (v: string) => escapeHtml([...v].length > ECHO_MAX ? `${[...v].slice(0, ECHO_MAX).join('')}…` : v);
  const lines = list.map((p) => {
    const vars = Object.fromEntries(Object.entries(p.vars ?? {}).map(([k, v]) => [k, typeof v === 'string' ? echo(v) : v]));
    const text = c.t(p.error, vars);
    return p.field ? `• ${c.t(`field-${form}-${p.field}`)}: ${text}` : `• ${text}`;
  });
  return [c.t('form-problems'), ...lines].join('\n');
}

function refuse(c: ZaloContext, r: Refusal): void {
  const vars = Object.fromEntries(Object.entries(r.vars ?? {}).map(([k, x]) => [k, typeof x === 'string' ? escapeHtml(x) : x]));
  c.say(c.t(r.code, vars));
}

const FORMS: Record<ZaloForm['name'], ZaloForm> = {
  meeting: {
    name: 'meeting',
    action: 'meeting.create',
    fields: MEETING_FIELDS,
    helpKey: 'meeting-form-help',
    async submit(c, raw) {
      const form = validateForm(raw, MEETING_FIELDS, await fieldContext(c));
      if (!form.ok) return c.say(`${problems(c, 'meeting', form.problems)}\n\n${c.t('meeting-form-help')}`);
      const res = await createMeeting(c.deps, c.actor, form.values);
      if (!res.ok) return refuse(c, res.refusal);
      const { meeting: m, groups } = res.value;
      c.say(c.t('meeting-created', { id: m.id, when: when({ t: c.svc.t, locale: c.locale, tz: c.svc.config.COUNCIL_TIMEZONE }, m.startsAt), groups }));
    },
  },
  proposal: {
    name: 'proposal',
    action: 'proposal.create',
    fields: PROPOSAL_FIELDS,
    helpKey: 'proposal-form-help',
    async submit(c, raw) {
      const form = validateForm(raw, PROPOSAL_FIELDS, await fieldContext(c));
      if (!form.ok) return c.say(`${problems(c, 'proposal', form.problems)}\n\n${c.t('proposal-form-help')}`);
      const res = await createProposal(c.deps, c.actor, form.values);
      if (!res.ok) return refuse(c, res.refusal);
      const { proposal: p, groups } = res.value;
      c.say(c.t('proposal-created', { code: p.code, when: when({ t: c.svc.t, locale: c.locale, tz: c.svc.config.COUNCIL_TIMEZONE }, p.deadline), groups }));
    },
  },
};

/** The question of the form's current field, with how to skip it or stop; after `before` when given, in one message. */
function ask(c: ZaloContext, form: ZaloForm, s: WizardState, before?: string): void {
  const field = form.fields[s.step]!;
  const head = c.t('wizard-step', { n: s.step + 1, total: form.fields.length });
  const question = `${head}\n${c.t(`ask-${form.name}-${field.key}`)}\n${c.t(field.required ? 'zalo-wizard-cancel' : 'zalo-wizard-skip')}`;
  c.say(before ? `${before}\n\n${question}` : question);
}

/** The form's action asked again with the person as they are now; refuses and ends the form. */
async function stillAllowed(c: ZaloContext, form: ZaloForm): Promise<boolean> {
  const refusal = mayAsk(c.actor, form.action, c.svc.config.COUNCIL_UNIT);
  if (!refusal) return true;
  await c.svc.store.pending.clear(c.actor.userId);
  refuse(c, refusal);
  return false;
}

/** /taohop or /taodean: the lines after the command, or alone in private the guided questions. */
export async function formCommand(c: ZaloContext, name: ZaloForm['name'], text: string): Promise<void> {
  const form = FORMS[name];
  const [first = '', ...rest] = text.split('\n');
  const lines = [first, ...rest];
  if (lines.every((l) => !l.trim())) {
    if (c.chat.type !== 'private') return c.say(c.t(form.helpKey));
    const s: WizardState = { kind: 'wizard', form: `zalo-${name}`, step: 0, raw: {} };
    await c.svc.store.pending.set(c.actor.userId, s);
    return ask(c, form, s, c.t(`zalo-wizard-intro-${name}`));
  }
  const { raw, problems: found } = splitForm(lines, form.fields);
  if (found.length) return c.say(`${problems(c, name, found)}\n\n${c.t(form.helpKey)}`);
  await form.submit(c, raw);
}

/** The next answer of a guided form on Zalo; false when the pending record is not a Zalo form's. */
export async function formAnswer(c: ZaloContext, s: WizardState, text: string, words: string): Promise<boolean> {
  const form = s.form === 'zalo-meeting' ? FORMS.meeting : s.form === 'zalo-proposal' ? FORMS.proposal : undefined;
  if (!form) return false;
  if (/^(huy|cancel)[.!]?$/.test(words)) {
    await c.svc.store.pending.clear(c.actor.userId);
    c.say(c.t('wizard-cancelled'));
    return true;
  }
  if (!(await stillAllowed(c, form))) return true;
  const field = form.fields[s.step];
  if (!field) return false;
  let raw = s.raw;
  if (/^(bo qua|skip)[.!]?$/.test(words)) {
    if (field.required) {
      ask(c, form, s);
      return true;
    }
  } else {
    const res = validateForm(new Map([[field.key, text.trim()]]), [field], await fieldContext(c), { partial: true });
    if (!res.ok) {
      ask(c, form, s, problems(c, form.name, res.problems));
      return true;
    }
    raw = { ...raw, [field.key]: text.trim() };
  }
  const next: WizardState = { ...s, step: s.step + 1, raw };
  if (next.step < form.fields.length) {
    await c.svc.store.pending.set(c.actor.userId, next);
    ask(c, form, next);
    return true;
  }
  await c.svc.store.pending.clear(c.actor.userId);
  await form.submit(c, new Map(Object.entries(raw)));
  return true;
}

/**
 * Proposals: opening one for comments, listing them, looking at one, and the report of how
 * its comments were handled. Each is one function of (deps, actor, input) returning a result
 * or a refusal. The comments themselves are in src/actions/comments.ts. The Telegram handlers
 * (commands/proposals.ts) parse and render; the jobs (jobs/proposals.ts) carry out the
 * effects asked for here: the call for comments, the deadline nudges, the author's notice.
 */
import { fieldsOf, historyEntry } from '#root/actions/history.js';
import type { ActionDeps, Actor } from '#root/actions/types.js';
import type { FormValues } from '#root/domain/forms.js';
import { dateWarnings, type DateWarning } from '#root/domain/holidays.js';
import { targetUnits } from '#root/domain/meetings.js';
import type { CommentRecord, PROPOSAL_FIELDS, Proposal } from '#root/domain/proposals.js';
import type { Locale, Translator } from '#root/i18n.js';
import { can, ok, refused, refusedWith, type Refusal, type Result } from '#root/policy.js';
import { buildReport, type ReportFile, type ReportFormat, type ReportOptions } from '#root/reports.js';
import type { ProposalCounts } from '#root/store/proposals.js';

/** A complete proposal form, as validated: code, title and deadline required. */
export type ProposalForm = FormValues<(typeof PROPOSAL_FIELDS)[number]>;

/** The effects proposal and comment actions ask for; jobs/proposals.ts carries them out. */
export interface ProposalEffects {
  /** Posts the call for comments to the target units' groups; how many groups it goes to. */
  announceCall(p: Proposal): Promise<number>;
  /** The nudges before the deadline to units not yet heard from. */
  scheduleNudges(p: Proposal): Promise<void>;
  /** Tells a comment's author privately how the drafting team answered it. */
  notifyAuthor(c: CommentRecord): Promise<void>;
  /** The deadline nudge, now, to the groups of consulted units that have neither commented nor agreed; how many groups. */
  remindSilent(p: Proposal, at: number): Promise<number>;
}

/** A proposal's silent units are reminded at most once in this long, however often the button is pressed. */
const REMIND_EVERY_SEC = 600;


/** The units a proposal consults, as they exist now. */
export async function consulted(deps: ActionDeps, p: Proposal): Promise<string[]> {
  return targetUnits(p, await deps.store.units.codes());
}

/** The proposal a typed code names (`da-01` is DA-01); the code as typed is given back in the refusal. */
export async function findProposal(deps: ActionDeps, raw: string | undefined): Promise<Result<Proposal>> {
  if (!raw) return refused('proposal-code-missing');
  const p = await deps.store.proposals.get(raw);
  return p ? ok(p) : refused('proposal-unknown', { code: raw });
}

/** A proposal that does not concern the person is, to them, a proposal that does not exist. */
function hidden(r: Refusal, p: Proposal): Refusal {
  return r.code === 'not-concerned' ? { code: 'proposal-unknown', vars: { code: p.code } } : r;
}

/**
 * Opens a proposal for comments: recorded once under its code (a code taken meanwhile is
 * refused), then the call for comments goes to the target groups and the nudges are set.
 */
export async function createProposal(deps: ActionDeps, actor: Actor, form: ProposalForm, now = Date.now()): Promise<Result<{ proposal: Proposal; groups: number; warnings: DateWarning[] }>> {
  const refusal = can(actor, 'proposal.create', {}, deps.config.COUNCIL_UNIT);
  if (refusal) return refusedWith(refusal);
  // A guided form's deadline was checked when it was typed; the form may be finished later.
  if (form.deadline <= now) return refused('proposal-deadline-past', { when: form.deadline });
  const p: Proposal = {
    v: 1,
    code: form.code,
    title: form.title,
    summary: form.summary,
    link: form.link,
    sections: form.sections ?? [],
    deadline: form.deadline,
    units: form.units ?? 'all',
    version: 1,
    createdBy: actor.userId,
    createdAt: now,
  };
  const history = await historyEntry(deps, actor, 'proposal.create', { kind: 'proposal', id: p.code }, { after: fieldsOf(p, ['title', 'summary', 'link', 'sections', 'deadline', 'units']) }, now);
  if (!(await deps.store.proposals.create(p, history))) return refused('form-code-taken', { code: p.code });
  const groups = await deps.effects.proposals.announceCall(p);
  await deps.effects.proposals.scheduleNudges(p);
  deps.log.info({ proposal: p.code, by: actor.userId, groups }, 'proposal created');
  // A deadline on a day off is not refused: the secretary's reply points it out.
  return ok({ proposal: p, groups, warnings: dateWarnings(p.deadline, deps.config.COUNCIL_TIMEZONE) });
}

/** The proposals that concern the person, newest first, with their counts. */
export async function listProposals(deps: ActionDeps, actor: Actor): Promise<Result<{ proposal: Proposal; counts: ProposalCounts }[]>> {
  const refusal = can(actor, 'proposal.list', {}, deps.config.COUNCIL_UNIT);
  if (refusal) return refusedWith(refusal);
  const codes = await deps.store.units.codes();
  const visible = (await deps.store.proposals.list()).filter((p) => !can(actor, 'proposal.view', { units: targetUnits(p, codes) }, deps.config.COUNCIL_UNIT)).reverse();
  return ok(await Promise.all(visible.map(async (proposal) => ({ proposal, counts: await deps.store.proposals.counts(proposal.code) }))));
}

export interface ProposalDetails {
  proposal: Proposal;
  counts: ProposalCounts;
  /** Units that answered "nhất trí, không có ý kiến", sorted. */
  agreed: string[];
  /** The units it consults, as they exist now. */
  units: string[];
}

/** One proposal with its counts by section, unit and response: only to those it concerns. */
export async function viewProposal(deps: ActionDeps, actor: Actor, input: { code: string | undefined }): Promise<Result<ProposalDetails>> {
  const found = await findProposal(deps, input.code);
  if (!found.ok) return found;
  const p = found.value;
  const units = await consulted(deps, p);
  const refusal = can(actor, 'proposal.view', { units }, deps.config.COUNCIL_UNIT);
  if (refusal) return refusedWith(hidden(refusal, p));
  const [counts, agreed] = await Promise.all([deps.store.proposals.counts(p.code), deps.store.proposals.agreed(p.code)]);
  return ok({ proposal: p, counts, agreed: [...agreed.keys()].sort(), units });
}

/** The báo cáo tiếp thu, giải trình of a proposal, as a file in the person's language. */
export async function proposalReport(
  deps: ActionDeps,
  actor: Actor,
  input: { code: string | undefined; format: ReportFormat; locale: Locale; t: Translator; options?: ReportOptions },
): Promise<Result<ReportFile & { proposal: Proposal }>> {
  const refusal = can(actor, 'report.get', {}, deps.config.COUNCIL_UNIT);
  if (refusal) return refusedWith(refusal);
  const found = await findProposal(deps, input.code);
  if (!found.ok) return found;
  const file = await buildReport(deps, found.value, input.format, input.locale, input.t, input.options);
  return ok({ ...file, proposal: found.value });
}

/**
 * The desk's "remind the silent units": the deadline nudge, sent now to the groups of the
 * consulted units that have neither commented nor agreed. Only while comments are open, and
 * at most once in REMIND_EVERY_SEC per proposal (a second press says when to try again).
 */
export async function remindSilentUnits(deps: ActionDeps, actor: Actor, input: { code: string | undefined }, now = Date.now()): Promise<Result<{ proposal: Proposal; groups: number }>> {
  const refusal = can(actor, 'proposal.remind', {}, deps.config.COUNCIL_UNIT);
  if (refusal) return refusedWith(refusal);
  const found = await findProposal(deps, input.code);
  if (!found.ok) return found;
  const p = found.value;
  if (now >= p.deadline) return refused('comment-closed', { code: p.code, when: p.deadline });
  if (!(await deps.store.desk.claimReminder(p.code, REMIND_EVERY_SEC))) return refused('remind-too-soon', { code: p.code, minutes: REMIND_EVERY_SEC / 60 });
  const groups = await deps.effects.proposals.remindSilent(p, now);
  deps.log.info({ proposal: p.code, by: actor.userId, groups }, 'silent units reminded');
  return ok({ proposal: p, groups });
}

/**
 * Comments on a proposal, and a unit's "nhất trí, không có ý kiến": everything a person can do
 * with them, each as one function of (deps, actor, input) returning a result or a refusal.
 * What happens when a comment is recorded, edited, withdrawn or answered is here, in order.
 *
 * A comment is changed only if it is still the record that was checked (the store's
 * check-and-write on its revision): a response and a withdrawal at the same moment end in
 * one of the two orders, never in a mix, and the one that loses reads again and is refused
 * for what the comment has become. The counts move in the same step as the record.
 */
import { historyEntry, historyFor } from '#root/actions/history.js';
import { findProposal, consulted } from '#root/actions/proposals.js';
import type { ActionDeps, Actor } from '#root/actions/types.js';
import { targetUnits } from '#root/domain/meetings.js';
import { COMMENT_MAX, findSection, isOpen, matchesFilter, type CommentFilter, type CommentRecord, type Proposal, type ResponseKind } from '#root/domain/proposals.js';
import { can, mayAsk, ok, refused, refusedWith, type Refusal, type Result } from '#root/policy.js';

/** A guest replying to a call for comments in a group is told why once in this long, not once per message. */
const GUEST_TOLD_EVERY_SEC = 3600;
/** A change that lost the race this many times in a row is refused rather than retried forever. */
const ATTEMPTS = 5;
const COMMENT_ID = /^C\d{1,9}$/;


/** Speaking on a proposal: a comment, or a unit's "nhất trí, không có ý kiến". */
type Speaking = 'comment.create' | 'proposal.agree';

/** The policy's generic refusals, as a person trying to comment hears them. */
function speakRefusal(r: Refusal, actor: Actor, p?: Proposal): Refusal {
  if (r.code === 'only-delegate') return { code: 'comment-not-member' };
  if (r.code === 'not-concerned' && p) return { code: 'comment-unit-not-targeted', vars: { code: p.code, unit: actor.unit ?? '' } };
  return r;
}

/**
 * The one rule for a comment and for "nhất trí": a registered member of a unit the proposal
 * consults (the council's own secretaries included only when their unit is consulted), while
 * its window is open. The refusal names the deadline.
 */
function maySpeak(deps: ActionDeps, actor: Actor, action: Speaking, p: Proposal, units: readonly string[], now: number): Refusal | undefined {
  const refusal = can(actor, action, { units }, deps.config.COUNCIL_UNIT);
  if (refusal) return speakRefusal(refusal, actor, p);
  if (!isOpen(p, now)) return { code: 'comment-closed', vars: { code: p.code, when: p.deadline } };
  return undefined;
}

export interface CommentInput {
  /** The proposal named, or the one whose call for comments was replied to; absent: the only one open to the person's unit. */
  code?: string | undefined;
  /** A first word shaped like a proposal code that names none: refused, not taken as text. */
  unknownCode?: string | undefined;
  /** `3.2` or `#3.2`, as typed: must be one of the draft's sections. */
  section?: string | undefined;
  text: string;
  attachment?: CommentRecord['attachment'];
  /** The author's name as the report shows it. */
  authorName: string;
  /** The message it came in: the same message delivered twice is recorded once. */
  source: { chatId: number; messageId: number };
  /** A reply to a call for comments in a group: a guest is told why once an hour, not once per message. */
  replyInGroup?: boolean | undefined;
}

export type CommentOutcome =
  | { status: 'recorded'; id: string; proposal: string; section?: string | undefined }
  /** The same message again (a repeated delivery): it was answered the first time. */
  | { status: 'repeat' }
  /** A guest already told within the hour in this group: nothing to say. */
  | { status: 'quiet' };

/** Records a comment: every check, then one atomic write that also holds the per-person cap. */
export async function comment(deps: ActionDeps, actor: Actor, input: CommentInput, now = Date.now()): Promise<Result<CommentOutcome>> {
  const { store, config } = deps;
  const asked = mayAsk(actor, 'comment.create', config.COUNCIL_UNIT);
  if (asked) {
    if (input.replyInGroup && !(await store.proposals.tellGuestOnce(input.source.chatId, actor.userId, GUEST_TOLD_EVERY_SEC))) return ok({ status: 'quiet' });
    return refusedWith(speakRefusal(asked, actor));
  }
  if (await store.proposals.commentIdOfSource(input.source.chatId, input.source.messageId)) return ok({ status: 'repeat' });
  if (input.unknownCode) return refused('proposal-unknown', { code: input.unknownCode });
  const codes = await store.units.codes();
  let p: Proposal;
  if (input.code) {
    const found = await findProposal(deps, input.code);
    if (!found.ok) return found;
    p = found.value;
  } else {
    const open = (await store.proposals.list()).filter((x) => isOpen(x, now) && !can(actor, 'comment.create', { units: targetUnits(x, codes) }, config.COUNCIL_UNIT));
    if (open.length === 0) return refused('comment-no-open');
    if (open.length > 1) return refused('comment-which', { codes: open.map((x) => x.code).join(', ') });
    p = open[0]!;
  }
  const refusal = maySpeak(deps, actor, 'comment.create', p, targetUnits(p, codes), now);
  if (refusal) return refusedWith(refusal);
  let section: string | undefined;
  if (input.section) {
    section = findSection(p, input.section);
    if (!section) {
      return p.sections.length
        ? refused('comment-bad-section', { code: p.code, section: input.section.replace(/^#/, ''), sections: p.sections.join(', ') })
        : refused('comment-no-sections', { code: p.code });
    }
  }
  const text = input.text.trim();
  if (!text && !input.attachment) return refused(p.sections.length ? 'comment-empty' : 'comment-empty-nosections', { code: p.code });
  if (text.length > COMMENT_MAX) return refused('comment-too-long', { max: COMMENT_MAX, length: text.length });
  const max = config.COMMENTS_PER_PERSON_MAX;
  const capped = refused('comment-cap', { code: p.code, max });
  if ((await store.proposals.commentsBy(p.code, actor.userId)) >= max) return capped;
  const attachment = input.attachment && { attachment: input.attachment.fileName ?? input.attachment.kind };
  const after = { proposal: p.code, ...(section ? { section } : {}), text, ...attachment };
  const history = await historyFor(deps, actor, 'comment.create', 'comment', { name: input.authorName, after }, now);
  const added = await store.proposals.addComment(
    {
      proposal: p.code,
      section,
      text,
      author: actor.userId,
      authorName: input.authorName,
      // The policy passed: the person's unit is one the proposal consults.
      unit: actor.unit!,
      createdAt: now,
      status: 'active',
      history: [],
      attachment: input.attachment,
      source: input.source,
    },
    max,
    history,
  );
  if (added.status === 'capped') return capped;
  if (added.status === 'repeat') return ok({ status: 'repeat' });
  deps.log.info({ comment: added.id, proposal: p.code }, 'comment recorded');
  return ok({ status: 'recorded', id: added.id, proposal: p.code, section });
}

/** The person's unit answers "nhất trí, không có ý kiến" (once; `first` false when it had already). */
export async function agree(deps: ActionDeps, actor: Actor, input: { code: string | undefined }, now = Date.now()): Promise<Result<{ proposal: string; unit: string; first: boolean }>> {
  const asked = mayAsk(actor, 'proposal.agree', deps.config.COUNCIL_UNIT);
  if (asked) return refusedWith(speakRefusal(asked, actor));
  const found = await findProposal(deps, input.code);
  if (!found.ok) return found;
  const p = found.value;
  const refusal = maySpeak(deps, actor, 'proposal.agree', p, await consulted(deps, p), now);
  if (refusal) return refusedWith(refusal);
  const unit = actor.unit!;
  const history = await historyEntry(deps, actor, 'proposal.agree', { kind: 'proposal', id: p.code }, { after: { agreed: unit } }, now);
  const first = await deps.store.proposals.agree(p.code, unit, actor.userId, now, history);
  deps.log.info({ proposal: p.code, unit, first }, 'unit agreed');
  return ok({ proposal: p.code, unit, first });
}

/** The person's own comments (on one proposal if named), whatever their state. */
export async function myComments(deps: ActionDeps, actor: Actor, input: { code?: string | undefined }): Promise<Result<CommentRecord[]>> {
  const refusal = can(actor, 'comment.mine', {}, deps.config.COUNCIL_UNIT);
  if (refusal) return refusedWith(refusal);
  const code = input.code?.toUpperCase();
  return ok((await deps.store.proposals.commentsOfUser(actor.userId)).filter((c) => !code || c.proposal === code));
}

/**
 * The author's own comment as it is now, if it may still change: active, unanswered, its
 * window open. Someone else's comment is, to them, one that does not exist.
 */
async function ownChangeable(deps: ActionDeps, actor: Actor, action: 'comment.edit' | 'comment.withdraw', raw: string | undefined, now: number): Promise<Result<CommentRecord>> {
  if (!raw) return refused('comment-id-missing');
  const unknown = refused('comment-unknown', { id: raw });
  const c = COMMENT_ID.test(raw.toUpperCase()) ? await deps.store.proposals.comment(raw) : undefined;
  if (!c) return unknown;
  const refusal = can(actor, action, { owner: c.author }, deps.config.COUNCIL_UNIT);
  if (refusal) return refusal.code === 'not-yours' ? unknown : refusedWith(refusal);
  if (c.status === 'withdrawn') return refused('comment-is-withdrawn', { id: c.id });
  if (c.response) return refused('comment-has-response', { id: c.id });
  const p = await deps.store.proposals.get(c.proposal);
  if (!p || !isOpen(p, now)) return refused('comment-closed', { code: c.proposal, when: p?.deadline ?? now });
  return ok(c);
}

/** The author's new text; the earlier one is kept in the history. */
export async function editComment(deps: ActionDeps, actor: Actor, input: { id: string | undefined; text: string }, now = Date.now()): Promise<Result<CommentRecord>> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const found = await ownChangeable(deps, actor, 'comment.edit', input.id, now);
    if (!found.ok) return found;
    const c = found.value;
    const text = input.text.trim();
    if (!text) return refused('editcomment-usage', { id: c.id });
    if (text.length > COMMENT_MAX) return refused('comment-too-long', { max: COMMENT_MAX, length: text.length });
    const history = await historyEntry(deps, actor, 'comment.edit', { kind: 'comment', id: c.id }, { before: { text: c.text }, after: { text } }, now);
    const res = await deps.store.proposals.editComment(c, text, now, history);
    if (res.ok) {
      deps.log.info({ comment: c.id }, 'comment edited');
      return ok(res.comment);
    }
    // Changed since it was read (answered, withdrawn): decide again on the comment as it is now.
  }
  return refused('comment-busy', { id: input.id ?? '' });
}

/** The author takes a comment back: kept and marked, counted apart, left out of the report. */
export async function withdrawComment(deps: ActionDeps, actor: Actor, input: { id: string | undefined }, now = Date.now()): Promise<Result<CommentRecord>> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const found = await ownChangeable(deps, actor, 'comment.withdraw', input.id, now);
    if (!found.ok) return found;
    const history = await historyEntry(deps, actor, 'comment.withdraw', { kind: 'comment', id: found.value.id }, { before: { status: 'active' }, after: { status: 'withdrawn' } }, now);
    const res = await deps.store.proposals.withdrawComment(found.value, now, history);
    if (res.ok) {
      deps.log.info({ comment: found.value.id }, 'comment withdrawn');
      return ok(res.comment);
    }
  }
  return refused('comment-busy', { id: input.id ?? '' });
}

export interface CommentQuery {
  code: string | undefined;
  /** `#3.2` or `3.2`: one of the draft's sections. */
  section?: string | undefined;
  unit?: string | undefined;
  filter?: CommentFilter | undefined;
}

/**
 * What a list of a proposal's comments is about, checked: the person may list comments at
 * all, the proposal exists, the section is one of its own, and the unit (if named) exists
 * and is theirs to see. `/comments` and the desk's table share it.
 */
export async function commentListScope(deps: ActionDeps, actor: Actor, q: CommentQuery): Promise<Result<{ proposal: Proposal; section: string | undefined }>> {
  const council = deps.config.COUNCIL_UNIT;
  const asked = can(actor, 'comment.list', {}, council);
  if (asked) return refusedWith(asked);
  const found = await findProposal(deps, q.code);
  if (!found.ok) return found;
  const p = found.value;
  let section: string | undefined;
  if (q.section !== undefined) {
    section = findSection(p, q.section);
    if (!section) return refused('comment-bad-section', { code: p.code, section: q.section.replace(/^#/, ''), sections: p.sections.join(', ') || '—' });
  }
  if (q.unit !== undefined) {
    if (!(await deps.store.units.codes()).includes(q.unit)) return refused('comments-usage');
    const refusal = can(actor, 'comment.list', { unit: q.unit }, council);
    if (refusal) return refusedWith(refusal);
  }
  return ok({ proposal: p, section });
}

/**
 * The secretaries' list of a proposal's comments, with names: a unit's secretary sees only
 * the comments of units they manage, the council's secretaries all.
 */
export async function listComments(deps: ActionDeps, actor: Actor, q: CommentQuery): Promise<Result<{ proposal: Proposal; comments: CommentRecord[] }>> {
  const council = deps.config.COUNCIL_UNIT;
  const scope = await commentListScope(deps, actor, q);
  if (!scope.ok) return scope;
  const { proposal: p, section } = scope.value;
  const comments = (await deps.store.proposals.comments(p.code)).filter(
    (c) => !can(actor, 'comment.list', { unit: c.unit }, council) && (!section || c.section === section) && (!q.unit || c.unit === q.unit) && matchesFilter(c, q.filter),
  );
  return ok({ proposal: p, comments });
}

/**
 * The drafting team's answer to a comment (a later one replaces it), only while the comment
 * is active; its author is told privately.
 */
export async function respond(
  deps: ActionDeps,
  actor: Actor,
  input: { id: string; kind: ResponseKind; text: string; byName: string },
  now = Date.now(),
): Promise<Result<CommentRecord>> {
  const refusal = can(actor, 'comment.respond', {}, deps.config.COUNCIL_UNIT);
  if (refusal) return refusedWith(refusal);
  const text = input.text.trim();
  if (text.length > COMMENT_MAX) return refused('comment-too-long', { max: COMMENT_MAX, length: text.length });
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const c = COMMENT_ID.test(input.id.toUpperCase()) ? await deps.store.proposals.comment(input.id) : undefined;
    if (!c) return refused('respond-unknown', { id: input.id });
    if (c.status === 'withdrawn') return refused('comment-is-withdrawn', { id: c.id });
    const change = { name: input.byName, before: { response: c.response ? { kind: c.response.kind, text: c.response.text } : null }, after: { response: { kind: input.kind, text } } };
    const history = await historyEntry(deps, actor, 'comment.respond', { kind: 'comment', id: c.id }, change, now);
    const res = await deps.store.proposals.respond(c, input.kind, text, { id: actor.userId, name: input.byName }, now, history);
    if (res.ok) {
      await deps.effects.proposals.notifyAuthor(res.comment);
      deps.log.info({ comment: c.id, kind: input.kind }, 'response recorded');
      return ok(res.comment);
    }
    // Withdrawn or answered meanwhile: read it again.
  }
  return refused('comment-busy', { id: input.id });
}

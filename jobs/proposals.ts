import type { Job } from 'bullmq';
import type { ProposalEffects } from '#root/actions/proposals.js';
import type { Services } from '#root/context.js';
import { preferredLocale } from '#root/i18n.js';
import { targetUnits } from '#root/domain/meetings.js';
import { NUDGE_OFFSETS_MS, type CommentRecord, type Proposal } from '#root/domain/proposals.js';
import { sendTexts, textParts } from '#root/telegram/parts.js';
import { escapeHtml, splitMessage } from '#root/telegram/text.js';
import type { ViewCtx } from '#root/views/meetings.js';
import { when } from '#root/views/meetings.js';
import * as view from '#root/views/proposals.js';
import type { OutcomeHandler } from '#jobs/deliver.js';

export const PROPOSAL_NUDGE_TASK = 'proposal-nudge';
export interface ProposalNudgeTask {
  code: string;
  version: number;
  offset: number;
}

function groupView(svc: Services): ViewCtx {
  return { t: svc.t, locale: svc.config.DEFAULT_LOCALE, tz: svc.config.COUNCIL_TIMEZONE };
}

async function targetGroups(svc: Services, p: Proposal): Promise<{ unit: string; chatId: number }[]> {
  const units = await svc.store.units.list();
  const targets = new Set(targetUnits(p, units.map((u) => u.code)));
  return units.filter((u) => targets.has(u.code) && u.group?.active).map((u) => ({ unit: u.code, chatId: u.group!.chatId }));
}

/** The call for comments to every target group; replies to it are comments. */
async function announceCall(svc: Services, p: Proposal): Promise<number> {
  const parts = splitMessage(view.callForComments(groupView(svc), p));
  const groups = await targetGroups(svc, p);
  // Every part is recorded as the call: a reply to any of them is a comment.
  await sendTexts(
    svc.outbox,
    groups.map((g) => textParts({ id: `${p.code}_call_${g.chatId}`, chatId: g.chatId, ref: { kind: 'proposal-call', id: p.code } }, parts, { refOn: 'all' })),
  );
  return groups.length;
}

export function proposalOutcomes(svc: Services): OutcomeHandler {
  return {
    delivered: async (code, d, messageId) => svc.store.proposals.setCall(code, d.chatId, messageId),
  };
}

/** Nudges 3 days and 1 day before the deadline, as delayed jobs (skipped when already past). */
export async function scheduleNudges(svc: Services, p: Proposal, now = Date.now()): Promise<void> {
  await svc.tasks.addBulk(
    NUDGE_OFFSETS_MS.filter((o) => p.deadline - o > now).map((offset) => ({
      name: PROPOSAL_NUDGE_TASK,
      data: { code: p.code, version: p.version, offset } satisfies ProposalNudgeTask,
      opts: { jobId: `pnudge-${p.code}-v${p.version}-${offset}`, delay: p.deadline - offset - now },
    })),
  );
}

/**
 * The nudge to the groups of target units that have neither commented nor agreed; `tag` makes
 * each delivery's id (a due time of the schedule, or one press of the desk's button). How many
 * groups it went to.
 */
async function nudgeSilent(svc: Services, p: Proposal, tag: string, now = Date.now()): Promise<number> {
  const [counts, agreed] = await Promise.all([svc.store.proposals.counts(p.code), svc.store.proposals.agreed(p.code)]);
  const v = groupView(svc);
  const html = v.t(v.locale, 'proposal-nudge', { code: p.code, title: escapeHtml(p.title), when: when(v, p.deadline), left: view.countdown(v, p, now) });
  const silent = (await targetGroups(svc, p)).filter((g) => (counts[`u:${g.unit}`] ?? 0) === 0 && !agreed.has(g.unit));
  await svc.outbox.send(silent.map((g) => ({ id: `${p.code}_${tag}_${g.chatId}`, chatId: g.chatId, kind: 'text', html })));
  return silent.length;
}

/** Only to the groups of target units that have neither commented nor agreed. */
export async function nudgeSilentUnits(svc: Services, job: Job<ProposalNudgeTask>): Promise<void> {
  const { code, version, offset } = job.data;
  const p = await svc.store.proposals.get(code);
  const now = Date.now();
  if (!p || p.version !== version || now >= p.deadline) return;
  await nudgeSilent(svc, p, `nudge_v${version}_${offset}`, now);
}

/** The author hears privately how the drafting team handled their comment. */
async function notifyAuthor(svc: Services, c: CommentRecord): Promise<void> {
  if (!c.response) return;
  const locale = preferredLocale(await svc.store.members.prefs(c.author), svc.config.DEFAULT_LOCALE);
  // The comment is quoted under the answer (an author may have many); a file alone is not.
  const lines = [svc.t(locale, `response-notice-${c.response.kind}`, { id: c.id, code: c.proposal, text: escapeHtml(c.response.text) })];
  if (c.text) lines.push(svc.t(locale, 'response-notice-comment', { text: escapeHtml(c.text) }));
  const html = lines.join('\n');
  await sendTexts(svc.outbox, [textParts({ id: `${c.id}_resp_${c.response.at}`, chatId: c.author }, html)]);
}

/** What the proposal and comment actions may ask for, carried out over these services. */
export function proposalEffects(svc: Services): ProposalEffects {
  return {
    announceCall: (p) => announceCall(svc, p),
    scheduleNudges: (p) => scheduleNudges(svc, p),
    notifyAuthor: (c) => notifyAuthor(svc, c),
    remindSilent: (p, at) => nudgeSilent(svc, p, `remind_${at}`, at),
  };
}

import { createHash } from 'node:crypto';
import { DelayedError, type Job } from 'bullmq';
import { expectedCount, meetingChats, type MeetingEffects, type MeetingNotice } from '#root/actions/meetings.js';
import type { Services } from '#root/context.js';
import { dueReminders, targetUnits, type Meeting } from '#root/domain/meetings.js';
import { preferredLocale, type Locale } from '#root/i18n.js';
import type { Delivery } from '#root/telegram/outbox.js';
import { sendTexts, textParts } from '#root/telegram/parts.js';
import { packItems, splitMessage } from '#root/telegram/text.js';
import * as view from '#root/views/meetings.js';
import type { OutcomeHandler } from '#jobs/deliver.js';

export const REMIND_TASK = 'meeting-remind';
export const REFRESH_TASK = 'meeting-refresh';


export interface RemindTask {
  id: string;
  version: number;
  offset: number;
  /** The earliest reminder still ahead when scheduled: it also nudges silent delegates. */
  first?: boolean;
}

function groupView(svc: Services): view.ViewCtx {
  return { t: svc.t, locale: svc.config.DEFAULT_LOCALE, tz: svc.config.COUNCIL_TIMEZONE };
}

async function langOf(svc: Services, userId: number): Promise<Locale> {
  return preferredLocale(await svc.store.members.prefs(userId), svc.config.DEFAULT_LOCALE);
}

/** The effects the meeting actions ask for, carried out on the queues. */
export function meetingEffects(svc: Services): MeetingEffects {
  return {
    announce: (m, only) => announce(svc, m, only && new Set(only)),
    scheduleReminders: (m) => scheduleReminders(svc, m),
    unscheduleReminders: (m) => unscheduleReminders(svc, m),
    notifyGroups: (m, notice, also) => notifyGroups(svc, m, notice, also),
    scheduleRefresh: (id) => scheduleRefresh(svc, id),
  };
}

/** Posts the announcement to the target groups (or only to `chats`, e.g. units added by an edit). */
async function announce(svc: Services, m: Meeting, only?: Set<number>): Promise<void> {
  const v = groupView(svc);
  const ann = view.announcementParts(v, m, await svc.store.meetings.counts(m.id), await expectedCount(svc.store, m));
  const groups = (await meetingChats(svc.store, m)).filter((g) => !only || only.has(g.chatId));
  // A long one goes in parts; only the last (buttons, counts) is recorded: refreshes edit it.
  await sendTexts(
    svc.outbox,
    groups.map((g) => textParts({ id: `${m.id}_ann_${g.chatId}`, chatId: g.chatId, ref: { kind: 'meeting-ann', id: m.id } }, ann.parts, { buttons: ann.buttons })),
  );
}

export function meetingOutcomes(svc: Services): OutcomeHandler {
  return {
    delivered: async (id, d, messageId) => {
      if (d.kind === 'text') await svc.store.meetings.setAnnouncement(id, d.chatId, messageId);
    },
    // The supergroup numbers its messages anew, so the old announcement cannot be edited:
    // the current one is posted there and its new id kept for the next edits.
    migrated: async (id, d, newChatId) => {
      await svc.store.meetings.removeAnnouncement(id, d.chatId);
      const m = await svc.store.meetings.get(id);
      if (m?.status === 'scheduled') await announce(svc, m, new Set([newChatId]));
    },
  };
}

function reminderJobId(m: Pick<Meeting, 'id' | 'version'>, offset: number): string {
  return `remind-${m.id}-v${m.version}-${offset}`;
}

function dueEntry(m: Pick<Meeting, 'id' | 'version'>, offset: number, first: boolean): string {
  return `${m.id}|${m.version}|${offset}|${first ? 1 : 0}`;
}

/**
 * One delayed job per reminder offset still ahead (they live in Redis, so restarts keep
 * them), and the same reminders in the due index that lets one job send them all together.
 */
export async function scheduleReminders(svc: Services, m: Meeting, now = Date.now()): Promise<void> {
  if (m.status !== 'scheduled') return;
  const due = dueReminders(m, now);
  const firstOffset = Math.max(...due.map(([offset]) => offset));
  await svc.store.meetings.addDue(due.map(([offset, at]) => ({ entry: dueEntry(m, offset, offset === firstOffset), at })));
  await svc.tasks.addBulk(
    due.map(([offset, at]) => ({
      name: REMIND_TASK,
      data: { id: m.id, version: m.version, offset, first: offset === firstOffset } satisfies RemindTask,
      opts: { jobId: reminderJobId(m, offset), delay: at - now },
    })),
  );
}

async function unscheduleReminders(svc: Services, m: Meeting): Promise<void> {
  for (const offset of m.remindersMs) await svc.tasks.remove(reminderJobId(m, offset)).catch(() => 0);
  await svc.store.meetings.removeDue(m.remindersMs.flatMap((o) => [dueEntry(m, o, true), dueEntry(m, o, false)]));
}

/** Retry soon when another process is sending the due reminders (ours may be among them). */
const LOCKED_RETRY_MS = 100;

/**
 * A reminder is due. Its job sends every reminder due by now, grouped per group into one
 * message (split between meetings when long): a thousand meetings due together make one
 * message per group, sent at once, and the other jobs find their reminder already sent.
 * Due while the service was down: sent once on return if the meeting has not started,
 * else dropped. A process that dies mid-way leaves the index as it was: the retried job
 * sends what was not marked sent (at least once, never lost).
 */
export async function remind(svc: Services, job: Job<RemindTask>, token?: string): Promise<void> {
  const { meetings } = svc.store;
  if (!(await meetings.isDue(dueEntry(job.data, job.data.offset, job.data.first === true)))) return;
  if (!(await meetings.lockReminders(svc.instance))) {
    await job.moveToDelayed(Date.now() + LOCKED_RETRY_MS, token);
    throw new DelayedError();
  }
  try {
    await sendDueReminders(svc, Date.now());
  } finally {
    await meetings.unlockReminders(svc.instance);
  }
}

async function sendDueReminders(svc: Services, now: number): Promise<void> {
  const { meetings } = svc.store;
  const entries = await meetings.dueBy(now);
  const parsed = entries.map((entry) => {
    const [id = '', version, offset, first] = entry.split('|');
    return { entry, id, version: Number(version), offset: Number(offset), first: first === '1' };
  });
  const records = await meetings.getMany(parsed.map((e) => e.id));
  const live = parsed.flatMap((e, i) => {
    const m = records[i];
    return m && m.status === 'scheduled' && m.version === e.version && now < m.startsAt ? [{ ...e, m }] : [];
  });

  const units = await svc.store.units.list();
  const codes = units.map((u) => u.code);
  const byChat = new Map<number, { entry: string; m: Meeting }[]>();
  for (const e of live) {
    const targets = new Set(targetUnits(e.m, codes));
    for (const u of units) {
      if (!targets.has(u.code) || !u.group?.active) continue;
      const list = byChat.get(u.group.chatId) ?? [];
      list.push(e);
      byChat.set(u.group.chatId, list);
    }
  }
  const v = groupView(svc);
  const sentPairs: string[] = [];
  for (const [chatId, list] of byChat) {
    const pairs = list.map((e) => `${e.entry}:${chatId}`);
    const done = await meetings.sentReminders(pairs);
    const todo = list.filter((_, i) => !done[i]).sort((a, b) => a.m.startsAt - b.m.startsAt);
    if (todo.length === 0) continue;
    const digest = createHash('sha1').update(todo.map((e) => e.entry).join(',')).digest('hex').slice(0, 12);
    const parts = packItems([view.reminders(v, todo.map((e) => e.m), now)]);
    await svc.outbox.sendInOrder(parts.map((html, i) => ({ id: `rem_${chatId}_${digest}_${i}`, chatId, kind: 'text', html, lane: 'now' })));
    sentPairs.push(...todo.map((e) => `${e.entry}:${chatId}`));
  }
  for (const e of live) if (e.first) await nudgeSilent(svc, e.m);
  await meetings.markRemindersSent(sentPairs);
  await meetings.removeDue(entries);
}

/** At the first reminder, delegates of target units who have not answered get a private nudge. */
async function nudgeSilent(svc: Services, m: Meeting): Promise<void> {
  const codes = targetUnits(m, await svc.store.units.codes());
  const answered = await svc.store.meetings.rsvps(m.id);
  const members = (await Promise.all(codes.map((c) => svc.store.members.list(c)))).flat();
  const silent = members.filter((p) => p.role === 'delegate' && !answered.has(p.id));
  const deliveries: Delivery[] = [];
  for (const p of silent) {
    const v = { ...groupView(svc), locale: await langOf(svc, p.id) };
    deliveries.push({ id: `${m.id}_nudge_v${m.version}_${p.id}`, chatId: p.id, kind: 'text', html: view.nudge(v, m), buttons: view.rsvpButtons(v, m.id) });
  }
  await svc.outbox.send(deliveries);
}

/** Answers changed or the meeting was edited: re-render every announcement, coalesced. */
async function scheduleRefresh(svc: Services, id: string): Promise<void> {
  await svc.tasks.add(REFRESH_TASK, { id }, { delay: 1500, deduplication: { id: `mrefresh-${id}`, keepLastIfActive: true }, removeOnComplete: true });
}

export async function refreshAnnouncements(svc: Services, job: Job<{ id: string }>): Promise<void> {
  const m = await svc.store.meetings.get(job.data.id);
  if (!m) return;
  const anns = await svc.store.meetings.announcements(m.id);
  if (anns.size === 0) return;
  const ann = view.announcementParts(groupView(svc), m, await svc.store.meetings.counts(m.id), await expectedCount(svc.store, m));
  const html = ann.parts.at(-1)!; // the recorded message is the last part, the one with the counts
  const seq = await svc.store.meetings.nextRefresh(m.id);
  await svc.outbox.send(
    [...anns].map(([chatId, messageId]) => ({ id: `${m.id}_upd_${seq}_${chatId}`, chatId, kind: 'edit', messageId, html, buttons: ann.buttons ?? [], ref: { kind: 'meeting-ann', id: m.id } })),
  );
}

/** "🔁 Cuộc họp M3 thay đổi thời gian: … → …" to every group (and `also`), or the cancellation notice. */
async function notifyGroups(svc: Services, m: Meeting, notice: MeetingNotice, also: Iterable<number> = []): Promise<void> {
  const v = groupView(svc);
  const [key, html] = notice.kind === 'changed' ? [`chg_v${m.version}`, view.changeNotice(v, notice.before, m, notice.fields)] : ['cancel', view.cancelNotice(v, m)];
  const chats = new Set([...(await meetingChats(svc.store, m)).map((g) => g.chatId), ...also]);
  const parts = splitMessage(html);
  await sendTexts(svc.outbox, [...chats].map((chatId) => textParts({ id: `${m.id}_${key}_${chatId}`, chatId }, parts)));
}

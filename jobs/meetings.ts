import { createHash } from 'node:crypto';
import type { Job } from 'bullmq';
import type { Services } from '#root/context.js';
import { dueReminders, targetUnits, type Meeting } from '#root/domain/meetings.js';
import { preferredLocale, type Locale } from '#root/i18n.js';
import type { Delivery } from '#root/telegram/outbox.js';
import * as view from '#root/views/meetings.js';
import type { OutcomeHandler } from '#jobs/deliver.js';

export const REMIND_TASK = 'meeting-remind';
export const FLUSH_TASK = 'meeting-remind-flush';
export const REFRESH_TASK = 'meeting-refresh';

export interface RemindTask {
  id: string;
  version: number;
  offset: number;
  /** The earliest reminder still ahead when scheduled: it also nudges silent delegates. */
  first?: boolean;
}

/** Groups a meeting concerns right now: the linked, active groups of its target units. */
export async function meetingGroups(svc: Services, m: Meeting): Promise<{ unit: string; chatId: number }[]> {
  const units = await svc.store.units.list();
  const targets = new Set(targetUnits(m, units.map((u) => u.code)));
  return units.filter((u) => targets.has(u.code) && u.group?.active).map((u) => ({ unit: u.code, chatId: u.group!.chatId }));
}

/** Everyone who may answer: the members of the target units. */
export async function expectedCount(svc: Services, m: Meeting): Promise<number> {
  const codes = targetUnits(m, await svc.store.units.codes());
  const counts = await Promise.all(codes.map((c) => svc.store.units.memberCount(c)));
  return counts.reduce((a, b) => a + b, 0);
}

function groupView(svc: Services): view.ViewCtx {
  return { t: svc.t, locale: svc.config.DEFAULT_LOCALE, tz: svc.config.COUNCIL_TIMEZONE };
}

async function langOf(svc: Services, userId: number): Promise<Locale> {
  return preferredLocale(await svc.store.members.prefs(userId), svc.config.DEFAULT_LOCALE);
}

/** Posts the announcement to the target groups (or only to `chats`, e.g. units added by an edit). */
export async function announce(svc: Services, m: Meeting, only?: Set<number>): Promise<void> {
  const v = groupView(svc);
  const ann = view.announcement(v, m, await svc.store.meetings.counts(m.id), await expectedCount(svc, m));
  const groups = (await meetingGroups(svc, m)).filter((g) => !only || only.has(g.chatId));
  await svc.outbox.send(
    groups.map((g) => ({ id: `${m.id}_ann_${g.chatId}`, chatId: g.chatId, kind: 'text', html: ann.html, buttons: ann.buttons, ref: { kind: 'meeting-ann', id: m.id } })),
  );
}

export function meetingOutcomes(svc: Services): OutcomeHandler {
  return {
    delivered: async (id, d, messageId) => {
      if (d.kind === 'text') await svc.store.meetings.setAnnouncement(id, d.chatId, messageId);
    },
  };
}

function reminderJobId(m: Pick<Meeting, 'id' | 'version'>, offset: number): string {
  return `remind-${m.id}-v${m.version}-${offset}`;
}

/** One delayed job per reminder offset still ahead; they live in Redis, so restarts keep them. */
export async function scheduleReminders(svc: Services, m: Meeting, now = Date.now()): Promise<void> {
  if (m.status !== 'scheduled') return;
  const due = dueReminders(m, now);
  const firstOffset = Math.max(...due.map(([offset]) => offset));
  await svc.tasks.addBulk(
    due.map(([offset, at]) => ({
      name: REMIND_TASK,
      data: { id: m.id, version: m.version, offset, first: offset === firstOffset } satisfies RemindTask,
      opts: { jobId: reminderJobId(m, offset), delay: at - now },
    })),
  );
}

export async function unscheduleReminders(svc: Services, m: Meeting): Promise<void> {
  for (const offset of m.remindersMs) await svc.tasks.remove(reminderJobId(m, offset)).catch(() => 0);
}

/**
 * A reminder is due. It is queued per group and flushed shortly after, so reminders of many
 * meetings due together reach a group as one message instead of a burst over its limit.
 * Due while the service was down: sent once on return if the meeting has not started.
 */
export async function remind(svc: Services, job: Job<RemindTask>): Promise<void> {
  const { id, version, offset } = job.data;
  const m = await svc.store.meetings.get(id);
  const now = Date.now();
  if (!m || m.status !== 'scheduled' || m.version !== version || now >= m.startsAt) return;
  const entry = `${id}|${version}|${offset}`;
  for (const g of await meetingGroups(svc, m)) {
    if (!(await svc.store.meetings.claimReminder(entry, g.chatId))) continue;
    await svc.store.meetings.addToBatch(g.chatId, entry);
    await svc.tasks.add(
      FLUSH_TASK,
      { chatId: g.chatId },
      { delay: 300, deduplication: { id: `rflush-${g.chatId}`, ttl: 300, extend: true, replace: true }, removeOnComplete: true },
    );
  }
  if (job.data.first) await nudgeSilent(svc, m);
}

/** At the first reminder, delegates of target units who have not answered get a private nudge. */
async function nudgeSilent(svc: Services, m: Meeting): Promise<void> {
  const codes = new Set(targetUnits(m, await svc.store.units.codes()));
  const answered = await svc.store.meetings.rsvps(m.id);
  const silent = (await svc.store.members.list()).filter((p) => p.role === 'delegate' && codes.has(p.unit) && !answered.has(p.id));
  const deliveries: Delivery[] = [];
  for (const p of silent) {
    const v = { ...groupView(svc), locale: await langOf(svc, p.id) };
    deliveries.push({ id: `${m.id}_nudge_v${m.version}_${p.id}`, chatId: p.id, kind: 'text', html: view.nudge(v, m), buttons: view.rsvpButtons(v, m.id) });
  }
  await svc.outbox.send(deliveries);
}

export async function flushReminders(svc: Services, job: Job<{ chatId: number }>): Promise<void> {
  const { chatId } = job.data;
  const entries = await svc.store.meetings.takeBatch(chatId);
  const now = Date.now();
  const meetings: Meeting[] = [];
  for (const entry of entries) {
    const [id, version] = entry.split('|');
    const m = await svc.store.meetings.get(id!);
    if (m && m.status === 'scheduled' && m.version === Number(version) && now < m.startsAt) meetings.push(m);
  }
  if (meetings.length === 0) return;
  meetings.sort((a, b) => a.startsAt - b.startsAt);
  const digest = createHash('sha1').update(entries.join(',')).digest('hex').slice(0, 12);
  await svc.outbox.send({ id: `rem_${chatId}_${digest}`, chatId, kind: 'text', html: view.reminders(groupView(svc), meetings, now) });
}

/** Answers changed or the meeting was edited: re-render every announcement, coalesced. */
export async function scheduleRefresh(svc: Services, id: string): Promise<void> {
  await svc.tasks.add(REFRESH_TASK, { id }, { delay: 1500, deduplication: { id: `mrefresh-${id}`, keepLastIfActive: true }, removeOnComplete: true });
}

export async function refreshAnnouncements(svc: Services, job: Job<{ id: string }>): Promise<void> {
  const m = await svc.store.meetings.get(job.data.id);
  if (!m) return;
  const anns = await svc.store.meetings.announcements(m.id);
  if (anns.size === 0) return;
  const ann = view.announcement(groupView(svc), m, await svc.store.meetings.counts(m.id), await expectedCount(svc, m));
  const seq = await svc.store.meetings.nextRefresh(m.id);
  await svc.outbox.send(
    [...anns].map(([chatId, messageId]) => ({ id: `${m.id}_upd_${seq}_${chatId}`, chatId, kind: 'edit', messageId, html: ann.html, buttons: ann.buttons ?? [] })),
  );
}

/** "🔁 Cuộc họp M3 thay đổi thời gian: … → …" to every group, and the cancellation notice. */
export async function notifyGroups(svc: Services, m: Meeting, key: string, html: string, also: Iterable<number> = []): Promise<void> {
  const chats = new Set([...(await meetingGroups(svc, m)).map((g) => g.chatId), ...also]);
  await svc.outbox.send([...chats].map((chatId) => ({ id: `${m.id}_${key}_${chatId}`, chatId, kind: 'text', html })));
}

export function groupLocaleView(svc: Services): view.ViewCtx {
  return groupView(svc);
}

import type { Queue } from 'bullmq';
import type { Logger } from '#root/logger.js';
import type { Store } from '#root/store/index.js';
import { LANE_PRIORITY, type Lane, type Step } from '#root/telegram/limiter.js';
import { safeId, type Button, type Delivery } from '#root/telegram/outbox.js';
import { isZalo, ZALO_ID_BASE } from '#root/zalo/channel.js';

/**
 * Deliveries name their channel by their chat: a number of Zalo's range (src/zalo/channel.ts)
 * is a person or group on Zalo. Every feature keeps sending through the one outbox as before;
 * this router takes the Zalo deliveries out and puts them on Zalo's own queue, whose sender
 * (jobs/deliver-zalo.ts) has Zalo's limits. The Telegram ones go on as they were.
 *
 * A unit's group: what goes to a unit's Telegram group also goes to each of the unit's
 * members on Zalo, privately (they are not in that group). A unit whose group is on Zalo gets
 * it there; a unit linked as "its Zalo members one by one" (where the bot's Zalo account may
 * not join groups) gets a private copy per Zalo member. A notice's copy to a group is not
 * repeated to a Zalo member who is a recipient of that notice in person: each gets it once.
 *
 * What a Telegram message asks with buttons is asked by text on Zalo: the buttons of a
 * delivery become what the person may answer (1 / 2 / 3 to a meeting, «đã nhận» to a notice).
 * Edits do not exist on Zalo: an announcement's live counts stay on Telegram.
 */
export const ZALO_DELIVER_QUEUE = 'deliver-zalo';

export interface ZaloDelivery {
  /** Deterministic: a Telegram-shaped delivery's id, or `<its id>~z<member>` for a unit member's copy. */
  id: string;
  /** A person (≥ ZALO_ID_BASE) or a Zalo group (≤ −ZALO_ID_BASE). */
  chatId: number;
  body: { kind: 'text'; html: string } | { kind: 'notice'; id: string };
  /** What the recipient may answer by text (the message's buttons on Telegram). */
  answers?: { meeting?: string | undefined; notice?: string | undefined; noticeVia?: number | undefined } | undefined;
  /** Only a notice's own recipients: its report counts them. */
  ref?: { kind: string; id: string } | undefined;
  lane?: Lane | undefined;
  /** Set by the sender when it parks the delivery (see jobs/deliver.ts). */
  step?: Step | undefined;
  /** Parts of a long text already sent, each once (set by the sender). */
  sentParts?: number | undefined;
  /** Temporary failures so far (set by the sender). */
  tries?: number | undefined;
  then?: ZaloDelivery | undefined;
}

function answersOf(buttons: Button[][] | undefined, via: number | undefined): ZaloDelivery['answers'] {
  const data = (buttons ?? []).flat().flatMap((b) => ('data' in b ? [b.data] : []));
  const meeting = data.map((d) => /^rsvp:(M\d+):/.exec(d)?.[1]).find(Boolean);
  const notice = data.map((d) => /^ack:(B\d+)$/.exec(d)?.[1]).find(Boolean);
  if (!meeting && !notice) return undefined;
  return { ...(meeting ? { meeting } : {}), ...(notice ? { notice, ...(via !== undefined ? { noticeVia: via } : {}) } : {}) };
}

/** A Telegram-shaped delivery as Zalo's, to `chatId`; a copy for a unit's member when `via` (the unit's group) is given. */
function toZalo(d: Delivery, chatId: number, via: number | undefined): ZaloDelivery | undefined {
  if (d.kind === 'edit') return undefined;
  const id = via === undefined ? d.id : `${d.id}~z${chatId}`;
  const body: ZaloDelivery['body'] | undefined = d.kind === 'text' ? { kind: 'text', html: d.html } : d.ref?.kind === 'broadcast' ? { kind: 'notice', id: d.ref.id } : undefined;
  if (!body) return undefined;
  return {
    id,
    chatId,
    body,
    answers: answersOf(d.buttons, via),
    ref: via === undefined && d.ref?.kind === 'broadcast' ? d.ref : undefined,
    lane: d.lane,
    then: d.then && toZalo(d.then, chatId, via),
  };
}

export class ZaloRouter {
  constructor(
    private readonly store: Store,
    private readonly queue: Queue<ZaloDelivery>,
    private readonly log: Logger,
  ) {}

  /** The unit's members who are on Zalo (their numbers are of Zalo's range). */
  private async zaloMembers(unit: string): Promise<number[]> {
    const ids = await this.store.redis.smembers(this.store.keys.unitMembers(unit));
    return ids.map(Number).filter((id) => id >= ZALO_ID_BASE).sort((a, b) => a - b);
  }

  /** Copies of a group's delivery for the unit's Zalo members (not those a notice reaches in person). */
  private async memberCopies(d: Delivery, unit: string, via: number): Promise<ZaloDelivery[]> {
    const out: ZaloDelivery[] = [];
    for (const member of await this.zaloMembers(unit)) {
      if (d.ref?.kind === 'broadcast' && (await this.store.broadcasts.recipient(d.ref.id, member))) continue;
      const z = toZalo(d, member, via);
      if (z) out.push(z);
    }
    return out;
  }

  /** Takes Zalo's share of `list` (enqueued on Zalo's queue) and returns what stays with Telegram. */
  async route(list: Delivery[]): Promise<Delivery[]> {
    const telegram: Delivery[] = [];
    const zalo: ZaloDelivery[] = [];
    for (const d of list) {
      if (!isZalo(d.chatId)) {
        telegram.push(d);
        if (d.chatId < 0 && d.kind !== 'edit') {
          const unit = await this.store.units.unitOfChat(d.chatId);
          if (unit) zalo.push(...(await this.memberCopies(d, unit, d.chatId)));
        }
        continue;
      }
      if (d.kind === 'edit') continue;
      const target = d.chatId < 0 ? await this.store.zalo.target(d.chatId) : undefined;
      if (target?.kind === 'unit') {
        zalo.push(...(await this.memberCopies(d, target.unit, d.chatId)));
        continue;
      }
      const z = toZalo(d, d.chatId, undefined);
      if (z) zalo.push(z);
      else this.log.warn({ deliveryId: d.id }, 'a delivery Zalo cannot carry was dropped');
    }
    await this.enqueue(zalo);
    return telegram;
  }

  /** Zalo deliveries as jobs, one per deterministic id (a repeated enqueue adds nothing). */
  async enqueue(list: ZaloDelivery[]): Promise<void> {
    if (list.length === 0) return;
    await this.queue.addBulk(list.map((d) => ({ name: d.body.kind, data: d, opts: { jobId: safeId(d.id), priority: LANE_PRIORITY[d.lane ?? 'normal'] } })));
  }
}

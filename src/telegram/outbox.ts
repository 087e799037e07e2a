import type { JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Keys } from '#root/store/keys.js';
import { LANE_PRIORITY, type Lane } from '#root/telegram/limiter.js';

export type Button = { text: string; data: string } | { text: string; url: string };

interface DeliveryBase {
  /**
   * Deterministic and unique per message and recipient (e.g. `B4_-1001234`): it is both the
   * job id and the key of the "sent" record, so a repeated enqueue sends nothing twice.
   */
  id: string;
  chatId: number;
  buttons?: Button[][] | undefined;
  /** Whose outcome handler hears about success or failure (e.g. a broadcast). */
  ref?: { kind: string; id: string } | undefined;
  /** Set by the sender when it parks the delivery: the step of the limits to take next, and when. */
  step?: { phase: 0 | 1 | 2; at: number } | undefined;
  /** Sent only once this one is: the parts of a long message arrive in order. */
  then?: Delivery | undefined;
  /**
   * Its place in the queue and in the global budget (default `normal`): `now` for what is due
   * now (reminders), `summary` for summaries, `bulk` for a notice's copies.
   */
  lane?: Lane | undefined;
}
export type Delivery = DeliveryBase &
  (
    | { kind: 'text'; html: string; pin?: boolean }
    | { kind: 'copy'; fromChatId: number; messageId: number; pin?: boolean }
    | { kind: 'edit'; messageId: number; html: string }
  );

export const DELIVER_QUEUE = 'deliver';

/** How long the newest text of a pending edit is kept (an edit older than this is moot). */
const PENDING_EDIT_TTL_SEC = 86_400;

/** Job ids cannot contain ':' in BullMQ; ids of ours never need one. */
export function safeId(id: string): string {
  return id.replace(/:/g, '_');
}

/**
 * The one way outbound messages leave: as jobs on the deliver queue, sent by the rate-limited
 * sender in jobs/deliver.ts. Handlers that answer the person who just wrote use ctx.reply.
 */
export class Outbox {
  /** Another channel's share (src/zalo/route.ts): takes its deliveries out, returns the rest. */
  private router: ((list: Delivery[]) => Promise<Delivery[]>) | undefined;

  constructor(
    private readonly queue: Queue<Delivery>,
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  /** Deliveries to chats of another channel go through `router` (the Zalo side, when configured). */
  routeThrough(router: (list: Delivery[]) => Promise<Delivery[]>): void {
    this.router = router;
  }

  /** `route: false`: already routed (the next part of a series, sent by the Telegram sender). */
  async send(deliveries: Delivery | Delivery[], opts: Pick<JobsOptions, 'delay'> & { route?: boolean } = {}): Promise<void> {
    let list = Array.isArray(deliveries) ? deliveries : [deliveries];
    if (this.router && opts.route !== false) list = await this.router(list);
    if (list.length === 0) return;
    const edits = list.filter((d): d is Extract<Delivery, { kind: 'edit' }> => d.kind === 'edit');
    const rest = list.filter((d) => d.kind !== 'edit');
    if (edits.length) await this.edit(edits);
    if (rest.length) {
      await this.queue.addBulk(rest.map((d) => ({ name: d.kind, data: d, opts: { delay: opts.delay, jobId: safeId(d.id), priority: LANE_PRIORITY[d.lane ?? 'normal'] } })));
    }
  }

  /**
   * Edits supersede each other: at most one is pending per message. The newest text is kept in
   * Redis and the pending job (deduplicated by message) sends whatever is newest when its slot
   * comes; an edit asked for while one is being sent gets one more job after it.
   */
  private async edit(edits: Extract<Delivery, { kind: 'edit' }>[]): Promise<void> {
    const tx = this.redis.multi();
    for (const d of edits) tx.set(this.keys.pendingEdit(d.chatId, d.messageId), JSON.stringify({ html: d.html, buttons: d.buttons ?? [] }), 'EX', PENDING_EDIT_TTL_SEC);
    await tx.exec();
    await this.queue.addBulk(
      edits.map((d) => ({
        name: d.kind,
        data: d,
        opts: {
          priority: LANE_PRIORITY[d.lane ?? 'normal'],
          deduplication: { id: safeId(`edit_${d.chatId}_${d.messageId}`), keepLastIfActive: true },
          removeOnComplete: true,
        },
      })),
    );
  }

  /** The parts of one long text to one chat, each sent only after the one before it. */
  async sendInOrder(parts: Delivery[]): Promise<void> {
    const chain = parts.reduceRight<Delivery | undefined>((next, d) => ({ ...d, then: next }), undefined);
    if (chain) await this.send(chain);
  }
}

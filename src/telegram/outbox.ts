import type { JobsOptions, Queue } from 'bullmq';

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
  /** Set by the sender when it parks the delivery until its reserved moment. */
  slotAt?: number | undefined;
  /** Sent only once this one is: the parts of a long message arrive in order. */
  then?: Delivery | undefined;
  /** Due now (a reminder): may go in a burst instead of waiting for even spacing. */
  urgent?: boolean | undefined;
}
export type Delivery = DeliveryBase &
  (
    | { kind: 'text'; html: string; pin?: boolean }
    | { kind: 'copy'; fromChatId: number; messageId: number; pin?: boolean }
    | { kind: 'edit'; messageId: number; html: string }
  );

export const DELIVER_QUEUE = 'deliver';

/** Job ids cannot contain ':' in BullMQ; ids of ours never need one. */
export function safeId(id: string): string {
  return id.replace(/:/g, '_');
}

/**
 * The one way outbound messages leave: as jobs on the deliver queue, sent by the rate-limited
 * sender in jobs/deliver.ts. Handlers that answer the person who just wrote use ctx.reply.
 */
export class Outbox {
  constructor(private readonly queue: Queue<Delivery>) {}

  async send(deliveries: Delivery | Delivery[], opts: Pick<JobsOptions, 'delay' | 'priority'> = {}): Promise<void> {
    const list = Array.isArray(deliveries) ? deliveries : [deliveries];
    if (list.length === 0) return;
    await this.queue.addBulk(list.map((d) => ({ name: d.kind, data: d, opts: { ...opts, jobId: safeId(d.id) } })));
  }

  /** The parts of one long text to one chat, each sent only after the one before it. */
  async sendInOrder(parts: Delivery[]): Promise<void> {
    const chain = parts.reduceRight<Delivery | undefined>((next, d) => ({ ...d, then: next }), undefined);
    if (chain) await this.send(chain);
  }
}

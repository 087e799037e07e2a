import type { Queue } from 'bullmq';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics of one process. Queue gauges are read from Redis at scrape time, so
 * every process reports the same deployment-wide queue state.
 */
export function createMetrics(queues: Queue[]) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'giaoban_' });
  const updates = new Counter({ name: 'giaoban_updates_total', help: 'Telegram updates handled, by kind', labelNames: ['kind'], registers: [registry] });
  const commandSeconds = new Histogram({
    name: 'giaoban_command_duration_seconds',
    help: 'Time to handle a command, reply included',
    labelNames: ['command'],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const sent = new Counter({ name: 'giaoban_messages_sent_total', help: 'Messages and edits delivered by the sender', labelNames: ['kind'], registers: [registry] });
  const flood = new Counter({ name: 'giaoban_telegram_429_total', help: 'Too Many Requests answers received from Telegram', registers: [registry] });
  const inactive = new Counter({ name: 'giaoban_recipients_inactive_total', help: 'Recipients marked inactive (blocked, removed, deleted)', labelNames: ['reason'], registers: [registry] });
  const failed = new Counter({ name: 'giaoban_deliveries_failed_total', help: 'Deliveries given up', labelNames: ['reason'], registers: [registry] });
  const summariesSkipped = new Counter({
    name: 'giaoban_summaries_skipped_total',
    help: 'Scheduled summaries not posted, by reason (backlog: the group already had a long queue)',
    labelNames: ['reason'],
    registers: [registry],
  });
  new Gauge({
    name: 'giaoban_jobs',
    help: 'Jobs by queue and state',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const q of queues) {
        const counts = await q.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed');
        for (const [state, n] of Object.entries(counts)) this.set({ queue: q.name, state }, n);
      }
    },
  });
  return { registry, updates, commandSeconds, sent, flood, inactive, failed, summariesSkipped };
}

export type Metrics = ReturnType<typeof createMetrics>;

export function updateKind(update: Record<string, unknown>): string {
  return Object.keys(update).find((k) => k !== 'update_id') ?? 'unknown';
}

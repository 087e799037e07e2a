/**
 * What the comments table filters on, per proposal, kept in the desk's process so a page of
 * 10,000 comments does not read 10,000 records: id, section, unit, state and handling, the
 * author's name, and the text folded for search (computed the first time someone searches).
 *
 * A listing is used while the proposal's counts (one HGETALL, kept by the store in the same
 * step as every comment change) are what they were when it was read, for at most MAX_AGE_MS,
 * and is dropped after any answer given from the desk. A new comment, a withdrawal or an
 * answer of another kind changes the counts, so the filters see it at once; only a change
 * that leaves the counts as they were (a second answer of the same kind, an edit of a text)
 * can reach the filters up to MAX_AGE_MS late. The rows a page shows are always read afresh
 * (src/actions/desk.ts), so what is shown is the record as it is.
 */
import type { ResponseKind } from '#root/domain/proposals.js';
import type { Store } from '#root/store/index.js';

export interface ListingRow {
  id: string;
  section: string | undefined;
  unit: string;
  withdrawn: boolean;
  kind: ResponseKind | undefined;
  /** Lower case, without marks: id, author and text; filled on the first search. */
  folded?: string;
  authorName: string;
  text: string;
}

const MAX_AGE_MS = 30_000;
const KEPT = 20;
const CHUNK = 1000;

interface Entry {
  signature: string;
  at: number;
  rows: ListingRow[];
}

export class CommentListing {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly store: Store) {}

  /** The proposal's comments in the order they arrived, as the filters need them. */
  async rows(code: string, now = Date.now()): Promise<ListingRow[]> {
    const signature = JSON.stringify(Object.entries(await this.store.proposals.counts(code)).sort());
    const kept = this.entries.get(code);
    if (kept && kept.signature === signature && now - kept.at < MAX_AGE_MS) return kept.rows;
    const rows = await this.read(code);
    this.entries.delete(code);
    this.entries.set(code, { signature, at: now, rows });
    // The least recently filled go first.
    while (this.entries.size > KEPT) this.entries.delete(this.entries.keys().next().value!);
    return rows;
  }

  /** After an answer given here: the next page reads the proposal again. */
  forget(code: string): void {
    this.entries.delete(code);
  }

  private async read(code: string): Promise<ListingRow[]> {
    const { redis, keys } = this.store;
    const ids = await redis.zrange(keys.proposal(`${code}:comments`), '0', '-1');
    const chunks = await Promise.all(
      Array.from({ length: Math.ceil(ids.length / CHUNK) }, (_, i) => redis.mget(ids.slice(i * CHUNK, (i + 1) * CHUNK).map((id) => keys.comment(id)))),
    );
    const rows: ListingRow[] = [];
    for (const raw of chunks.flat()) {
      if (!raw) continue;
      // Only what the filters read; the rows shown are read and checked in full.
      const c = JSON.parse(raw) as { id: string; section?: string; unit: string; status: string; response?: { kind: ResponseKind }; authorName: string; text: string };
      rows.push({ id: c.id, section: c.section, unit: c.unit, withdrawn: c.status === 'withdrawn', kind: c.response?.kind, authorName: c.authorName, text: c.text });
    }
    return rows;
  }
}

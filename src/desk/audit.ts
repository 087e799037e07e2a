/**
 * The audit trail on the desk: a comment's and a meeting's history on their pages, and the
 * activity log with its export. Read through the history actions (src/actions/history.ts),
 * so the policy decides ('history.view': the council's secretaries and admins), and worded by
 * the history's own views (src/views/history.ts), as in the chat's /history.
 */
import { activityLog, entityHistory } from '#root/actions/history.js';
import type { Actor } from '#root/actions/types.js';
import type { DeskDeps } from '#root/desk/routes.js';
import type { DeskView, HistoryLine } from '#root/desk/pages.js';
import { can } from '#root/policy.js';
import type { EntityKind, HistoryEntry } from '#root/store/history.js';
import { describeEntry, historyCsvHeader, historyCsvRows, type HistoryViewCtx } from '#root/views/history.js';

/** Entries in one CSV export at most (the newest); the command line tool exports everything. */
const EXPORT_MAX = 50_000;
const PAGE = 50;

interface AuditLog {
  lines: HistoryLine[];
  next?: string | undefined;
  kinds: { value: string; label: string }[];
}

interface DeskAudit {
  mayView(actor: Actor): boolean;
  forEntity(actor: Actor, kind: 'comment' | 'meeting', id: string, v: DeskView): Promise<HistoryLine[] | undefined>;
  log(actor: Actor, q: { kind?: string | undefined; cursor?: string | undefined }, v: DeskView): Promise<AuditLog | undefined>;
  csv(actor: Actor, q: { kind?: string | undefined }, v: DeskView): Promise<string | undefined>;
}

function label(v: HistoryViewCtx, key: string, fallback: string): string {
  const s = v.t(v.locale, key);
  return s === key ? fallback : s;
}

function line(hv: HistoryViewCtx, e: HistoryEntry, withEntity: boolean): HistoryLine {
  const d = describeEntry(hv, e, { withEntity, max: 160 });
  return { at: d.at, who: d.who, what: `${d.what}${d.via}`, change: d.changes.join(' · ') };
}

/** The kinds of record the log can be narrowed to. */
const KINDS: EntityKind[] = ['comment', 'meeting', 'proposal', 'notice', 'unit', 'member', 'invite'];
const kindOf = (raw: string | undefined): EntityKind | undefined => KINDS.find((k) => k === raw);

export function deskAudit(deps: DeskDeps): DeskAudit {
  const hvOf = (v: DeskView): HistoryViewCtx => ({ t: deps.t, locale: v.locale, tz: v.tz });
  return {
    mayView: (actor) => can(actor, 'history.view', {}, deps.config.COUNCIL_UNIT) === undefined,
    async forEntity(actor, kind, id, v) {
      const res = await entityHistory(deps, actor, { kind, id });
      if (!res.ok) return undefined;
      const hv = hvOf(v);
      return res.value.map((e) => line(hv, e, false));
    },
    async log(actor, q, v) {
      const res = await activityLog(deps, actor, { kind: kindOf(q.kind), cursor: q.cursor || undefined, limit: PAGE });
      if (!res.ok) return undefined;
      const hv = hvOf(v);
      return {
        lines: res.value.entries.map((e) => line(hv, e, true)),
        next: res.value.next,
        kinds: KINDS.map((k) => ({ value: k, label: label(hv, `history-kind-name-${k}`, k) })),
      };
    },
    async csv(actor, q, v) {
      const entries: HistoryEntry[] = [];
      let cursor: string | undefined;
      do {
        const res = await activityLog(deps, actor, { kind: kindOf(q.kind), cursor, limit: 500 });
        if (!res.ok) return undefined;
        entries.push(...res.value.entries);
        cursor = res.value.next;
      } while (cursor && entries.length < EXPORT_MAX);
      const hv = hvOf(v);
      return historyCsvHeader(hv) + historyCsvRows(hv, entries.reverse());
    },
  };
}

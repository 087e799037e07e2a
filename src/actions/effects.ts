/**
 * The effects actions may ask for, one interface per area, defined next to its actions and
 * wired to the queues in src/app.ts. An action says "announce this meeting"; how (a job on
 * the deliver queue, rate limited, split in parts) is the jobs' business.
 */
import type { MeetingEffects } from '#root/actions/meetings.js';
import type { ProposalEffects } from '#root/actions/proposals.js';
import type { NoticeEffects } from '#root/actions/notices.js';
import type { SetupEffects } from '#root/actions/setup.js';
import type { SummaryEffects } from '#root/actions/summaries.js';
import type { TermEffects } from '#root/actions/units.js';

export interface Effects {
  meetings: MeetingEffects;
  proposals: ProposalEffects;
  notices: NoticeEffects;
  setup: SetupEffects;
  summaries: SummaryEffects;
  terms: TermEffects;
}

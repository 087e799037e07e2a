/**
 * What every action reaches: the store, the configuration, a logger, and the effects it may
 * ask for (announce, schedule, notify), which the composition root wires to the job queues.
 * No grammY, BullMQ or HTML here: the same action serves a Telegram handler, a job processor,
 * the desk and a second channel. An action takes the actor and a typed input and returns a
 * typed result or a refusal (a locale key and its values; see src/policy.ts).
 */
import type { Config } from '#root/config.js';
import type { Logger } from '#root/logger.js';
import type { Store } from '#root/store/index.js';
import type { Effects } from '#root/actions/effects.js';
import type { Via } from '#root/store/history.js';

export type { Actor } from '#root/domain/roles.js';
export { ok, refused, type Result } from '#root/policy.js';

export interface ActionDeps {
  store: Store;
  config: Config;
  log: Logger;
  effects: Effects;
  /** Where the person acts from, as the history records it: absent means the chat ('telegram'). */
  via?: Via | undefined;
}

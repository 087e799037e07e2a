import { GrammyError, HttpError } from 'grammy';

/**
 * What a Bot API failure means for delivery. Recipient errors are final for that recipient
 * (retrying a blocked user forever helps nobody); 429 and transient faults are retried.
 */
export type SendFailure =
  | { kind: 'flood'; retryAfterSec: number }
  | { kind: 'migrated'; newChatId: number }
  | { kind: 'recipient'; reason: RecipientReason }
  | { kind: 'not-modified' }
  | { kind: 'rejected'; description: string }
  | { kind: 'transient'; description: string };

type RecipientReason = 'blocked' | 'kicked' | 'deactivated' | 'no-private-chat' | 'not-member' | 'chat-not-found';
/** Everything a delivery report can say about a recipient that did not get the message. */
export type FailureReason = RecipientReason | 'rejected' | 'unavailable';

export function classify(err: unknown): SendFailure {
  if (err instanceof GrammyError) {
    const d = err.description.toLowerCase();
    if (err.error_code === 429) return { kind: 'flood', retryAfterSec: err.parameters.retry_after ?? 1 };
    if (err.parameters.migrate_to_chat_id) return { kind: 'migrated', newChatId: err.parameters.migrate_to_chat_id };
    if (err.error_code === 403) {
      if (d.includes('blocked')) return { kind: 'recipient', reason: 'blocked' };
      if (d.includes('kicked')) return { kind: 'recipient', reason: 'kicked' };
      if (d.includes('deactivated')) return { kind: 'recipient', reason: 'deactivated' };
      if (d.includes("can't initiate") || d.includes('can not initiate')) return { kind: 'recipient', reason: 'no-private-chat' };
      return { kind: 'recipient', reason: 'not-member' };
    }
    if (err.error_code === 400) {
      if (d.includes('chat not found')) return { kind: 'recipient', reason: 'chat-not-found' };
      if (d.includes('message is not modified')) return { kind: 'not-modified' };
      return { kind: 'rejected', description: err.description };
    }
    if (err.error_code >= 500) return { kind: 'transient', description: err.description };
    return { kind: 'rejected', description: err.description };
  }
  if (err instanceof HttpError) return { kind: 'transient', description: 'network error' };
  return { kind: 'transient', description: err instanceof Error ? err.message : String(err) };
}

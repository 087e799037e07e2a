import type { Button, Delivery, Outbox } from '#root/telegram/outbox.js';
import { splitMessage } from '#root/telegram/text.js';

type TextDelivery = Extract<Delivery, { kind: 'text' }>;

/**
 * One text to one chat as deliveries Telegram accepts: `parts` (or the text split with
 * splitMessage) in order. The buttons go on the last part only, where people expect them
 * under the whole text. `ref` (who hears the outcome) goes on the last part, e.g. the
 * announcement whose message is edited later, or on every part (`refOn: 'all'`), e.g. a call
 * for comments, to which a reply on any part is a comment. The first part keeps the id, so a
 * text that fits in one message is the very delivery it always was; later parts add `_p2`….
 */
export function textParts(
  base: Omit<TextDelivery, 'kind' | 'html' | 'buttons' | 'then'>,
  text: string | string[],
  opts: { buttons?: Button[][] | undefined; refOn?: 'last' | 'all' } = {},
): TextDelivery[] {
  const parts = typeof text === 'string' ? splitMessage(text) : text;
  const { ref, ...rest } = base;
  return parts.map((html, i) => {
    const last = i === parts.length - 1;
    const d: TextDelivery = { ...rest, id: i === 0 ? base.id : `${base.id}_p${i + 1}`, kind: 'text', html };
    if (last && opts.buttons?.length) d.buttons = opts.buttons;
    if (ref && (last || opts.refOn === 'all')) d.ref = ref;
    return d;
  });
}

/**
 * Sends texts of one or more parts, one list per chat: single messages together in one
 * batch, as before; each longer text as an ordered series, so its parts arrive in order.
 */
export async function sendTexts(outbox: Outbox, perChat: Delivery[][]): Promise<void> {
  const single = perChat.filter((parts) => parts.length === 1).map((parts) => parts[0]!);
  await outbox.send(single);
  for (const parts of perChat) if (parts.length > 1) await outbox.sendInOrder(parts);
}

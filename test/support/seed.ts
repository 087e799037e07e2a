import type { Chat, User } from 'grammy/types';
import type { EmuMessage } from './emulator.js';
import type { Harness } from './harness.js';

/** Seeding through the stores, for tests whose subject is not joining or linking. */
export async function addMember(h: Harness, user: User, role: 'delegate' | 'secretary', unit: string): Promise<void> {
  const name = [user.first_name, user.last_name].filter(Boolean).join(' ');
  await h.app.svc.store.members.put({ id: user.id, name, role, unit, joinedAt: 1, invitedBy: 1 });
}

/** A group with the bot in it, linked to the unit. */
export async function linkedGroup(h: Harness, title: string, unit: string, by: User): Promise<Chat> {
  const g = h.emu.group({ title });
  h.emu.addBotToGroup(g, by);
  await h.settle();
  await h.app.svc.store.units.linkGroup(unit, { id: g.id, title }, by.id);
  return g;
}

/**
 * A secretary writes a notice in private and replies to it with `/thongbao AUDIENCE`: the
 * preview with Send and Cancel, and the notice's id. Nothing is sent yet.
 */
export async function draftNotice(h: Harness, clerk: User, text: string, audience = 'daibieu'): Promise<{ control: EmuMessage; id: string }> {
  h.emu.sendText(clerk, 'private', text);
  const notice = h.emu.messages(clerk.id).at(-1)!;
  const control = await h.ask(clerk, 'private', `/thongbao ${audience}`, { replyTo: notice.message_id });
  const id = /mã (B\d+)/.exec(control.text ?? '')?.[1];
  if (!id) throw new Error(`no preview: ${control.text}`);
  return { control, id };
}

import type { Chat, User } from 'grammy/types';
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

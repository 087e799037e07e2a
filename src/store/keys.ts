/**
 * Every Redis key name lives here. The prefix is wrapped in a hash tag so that, on a Redis
 * Cluster, all of a deployment's keys share one slot and multi-key scripts keep working.
 */
export type Keys = ReturnType<typeof createKeys>;

export function createKeys(prefix: string) {
  const p = `{${prefix}}`;
  return {
    prefix: p,
    /** SCAN pattern matching every key of this deployment (data and queues), nothing of another prefix. */
    all: `${p}:*`,
    queuePrefix: `${p}:q`,
    seq: (kind: string) => `${p}:seq:${kind}`,
    units: `${p}:units`,
    unit: (code: string) => `${p}:unit:${code}`,
    unitMembers: (code: string) => `${p}:unit:${code}:members`,
    chatUnit: (chatId: number) => `${p}:chat:${chatId}:unit`,
    members: `${p}:members`,
    member: (userId: number) => `${p}:member:${userId}`,
    user: (userId: number) => `${p}:user:${userId}`,
    invite: (hash: string) => `${p}:invite:${hash}`,
    /** An invite's short public code (I12) → its token hash: to list and revoke it. */
    inviteCode: (code: string) => `${p}:invite-code:${code}`,
    /** Live invites by code, scored by expiry. */
    invites: `${p}:invites`,
    /** The council's current term of office (see TermStore). */
    term: `${p}:term`,
    /** An admin was asked to confirm a new term: which one (taken by Confirm or Cancel). */
    termOffer: (userId: number) => `${p}:term-offer:${userId}`,
    /** A member of a term that ended: their record as it was, kept for exports and reports. */
    formerMember: (endedBy: string, userId: number) => `${p}:former:${endedBy}:${userId}`,
    /** Every former member's `endedBy:userId`. */
    formerMembers: `${p}:former-members`,
    update: (updateId: number) => `${p}:update:${updateId}`,
    broadcasts: `${p}:broadcasts`,
    broadcast: (idAndPart: string) => `${p}:broadcast:${idAndPart}`,
    meetings: `${p}:meetings`,
    meeting: (idAndPart: string) => `${p}:meeting:${idAndPart}`,
    remindSent: (entryAndChat: string) => `${p}:remind-sent:${entryAndChat}`,
    remindDue: `${p}:remind-due`,
    remindLock: `${p}:remind-lock`,
    /** What a person's next private message is for (see PendingStore). */
    pending: (userId: number) => `${p}:pending:${userId}`,
    proposals: `${p}:proposals`,
    proposal: (codeAndPart: string) => `${p}:proposal:${codeAndPart}`,
    callMessage: (chatId: number, messageId: number) => `${p}:call:${chatId}:${messageId}`,
    comment: (id: string) => `${p}:comment:${id}`,
    commentSource: (chatId: number, messageId: number) => `${p}:comment-src:${chatId}:${messageId}`,
    userComments: (userId: number) => `${p}:user:${userId}:comments`,
    unitResponses: (unit: string) => `${p}:unit:${unit}:responses`,
    /** Set for an hour once a guest replying to a call for comments in a group was told why it is not recorded. */
    guestTold: (chatId: number, userId: number) => `${p}:guest-told:${chatId}:${userId}`,
    digest: (unit: string) => `${p}:digest:${unit}`,
    /** The summary last posted in a group (or being posted), kept for SUMMARY_COOLDOWN_SEC. */
    lastSummary: (chatId: number) => `${p}:last-summary:${chatId}`,
    flood: `${p}:flood:`,
    rate: (name: string) => `${p}:rate:${name}`,
    sent: (deliveryId: string) => `${p}:sent:${deliveryId}`,
    /** Zalo (src/zalo): the Zalo ids of people and groups ↔ their numbers here (see src/zalo/channel.ts). */
    zaloIds: `${p}:zalo:ids`,
    zaloOf: `${p}:zalo:of`,
    /** A Zalo event (its chat and message id) being handled or handled: it is handled once. */
    zaloEvent: (id: string) => `${p}:zalo:event:${id}`,
    /** What a person on Zalo answers by text: the meeting last announced to them, the last notice, an invite to confirm. */
    zaloState: (userId: number) => `${p}:zalo:state:${userId}`,
    /** The Zalo bot's getMe (can_join_groups), as last seen. */
    zaloMe: `${p}:zalo:me`,
    /** Consecutive Zalo send errors: the sender's backoff doubles with each. */
    zaloErrors: `${p}:zalo:errors`,
    /** A code that joins a Zalo account to a member's record (→ the member), and the member's live code. */
    zaloLink: (code: string) => `${p}:zalo:link:${code}`,
    zaloLinkOf: (memberId: number) => `${p}:zalo:link-of:${memberId}`,
    /** A notice's text and file, kept at its preview for the channels that cannot copy it (Zalo). */
    noticeContent: (id: string) => `${p}:notice-content:${id}`,
    /** The audit trail (see HistoryStore): entries by id, and their indexes by time. */
    historyEntries: `${p}:history:entries`,
    history: `${p}:history`,
    historyOf: (kind: string, id: string) => `${p}:history:entity:${kind}:${id}`,
    historyBy: (userId: number) => `${p}:history:actor:${userId}`,
    historyKind: (kind: string) => `${p}:history:kind:${kind}`,
    /** The desk (src/desk): sessions and one-time login links by the SHA-256 of their secret, saved wordings per proposal, login attempt counters, the last reminder of a proposal's silent units. */
    deskSession: (hash: string) => `${p}:desk:session:${hash}`,
    deskLogin: (hash: string) => `${p}:desk:login:${hash}`,
    deskTemplates: (code: string) => `${p}:desk:templates:${code}`,
    deskRate: (name: string) => `${p}:desk:rate:${name}`,
    deskReminded: (code: string) => `${p}:desk:reminded:${code}`,
    /** The newest text of the one pending edit of a message (see Outbox). */
    pendingEdit: (chatId: number, messageId: number) => `${p}:edit:${chatId}:${messageId}`,
  };
}

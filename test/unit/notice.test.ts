import { describe, expect, it } from 'vitest';
import { checkNotice } from '#root/domain/broadcasts.js';

/** Telegram's copyMessage rules, as the preview applies them before anything is stored. */
describe('checkNotice', () => {
  it('accepts what copyMessage copies: text, media, a dice, a regular poll, a quiz whose answer is known', () => {
    for (const m of [
      { text: 'Giấy mời họp' },
      { photo: [{}], caption: 'Ảnh' },
      { document: {} },
      { dice: { emoji: '🎲', value: 3 } },
      { poll: { type: 'regular' } },
      { poll: { type: 'quiz', correct_option_id: 0 } },
      { poll: { type: 'quiz', correct_option_ids: [1] } },
      { text: 'chuyển tiếp', forward_origin: { type: 'hidden_user' } },
    ]) expect(checkNotice(m)).toEqual({ ok: true });
  });

  it('refuses service, paid media, invoice and giveaway messages, hidden quizzes and protected content, saying why', () => {
    const cases: [object, string][] = [
      [{ pinned_message: { message_id: 1 } }, 'service-pinned'],
      [{ new_chat_members: [{ id: 1 }] }, 'service-members'],
      [{ left_chat_member: { id: 1 } }, 'service-members'],
      [{ migrate_to_chat_id: -100 }, 'service-chat'],
      [{ group_chat_created: true }, 'service-chat'],
      [{ video_chat_started: {} }, 'service'],
      [{ write_access_allowed: {} }, 'service'],
      [{ paid_media: { star_count: 5, paid_media: [] } }, 'paid-media'],
      [{ invoice: { title: 'x' } }, 'invoice'],
      [{ giveaway: {} }, 'giveaway'],
      [{ giveaway_winners: {} }, 'giveaway'],
      [{ poll: { type: 'quiz' } }, 'quiz-hidden'],
      [{ text: 'mật', has_protected_content: true }, 'protected'],
    ];
    for (const [m, reason] of cases) expect(checkNotice(m), JSON.stringify(m)).toEqual({ ok: false, reason });
  });

  it('names the part of an album that goes', () => {
    expect(checkNotice({ photo: [{}], media_group_id: '1' })).toEqual({ ok: true, albumPart: 'photo' });
    expect(checkNotice({ video: {}, media_group_id: '1' })).toEqual({ ok: true, albumPart: 'video' });
    expect(checkNotice({ document: {}, media_group_id: '1' })).toEqual({ ok: true, albumPart: 'document' });
    expect(checkNotice({ audio: {}, media_group_id: '1' })).toEqual({ ok: true, albumPart: 'audio' });
  });
});

import { describe, expect, it } from 'vitest';
import { textParts } from '#root/telegram/parts.js';

const BUTTONS = [[{ text: 'OK', data: 'ok' }]];
const REF = { kind: 'meeting-ann', id: 'M1' };

describe('textParts', () => {
  it('keeps a text that fits as the one delivery it always was', () => {
    expect(textParts({ id: 'M1_ann_-5', chatId: -5, ref: REF }, 'ngắn', { buttons: BUTTONS })).toEqual([
      { id: 'M1_ann_-5', chatId: -5, kind: 'text', html: 'ngắn', buttons: BUTTONS, ref: REF },
    ]);
  });

  it('splits a long text, buttons and the outcome on the last part only, ids in order', () => {
    const text = Array.from({ length: 3 }, (_, i) => `${i}`.repeat(3000)).join('\n');
    const parts = textParts({ id: 'x', chatId: 7, ref: REF }, text, { buttons: BUTTONS });
    expect(parts.map((p) => [p.id, p.html.length, p.buttons, p.ref])).toEqual([
      ['x', 3000, undefined, undefined],
      ['x_p2', 3000, undefined, undefined],
      ['x_p3', 3000, BUTTONS, REF],
    ]);
  });

  it('puts the outcome on every part when asked (a reply to any part of a call is a comment)', () => {
    const parts = textParts({ id: 'c', chatId: 7, ref: REF }, ['a', 'b'], { refOn: 'all' });
    expect(parts.map((p) => p.ref)).toEqual([REF, REF]);
    expect(parts.map((p) => p.buttons)).toEqual([undefined, undefined]);
  });
});

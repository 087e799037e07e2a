import { describe, expect, expectTypeOf, it } from 'vitest';
import { splitForm, validateForm, type FieldContext } from '#root/domain/forms.js';
import { MEETING_FIELDS } from '#root/domain/meetings.js';
import { PROPOSAL_FIELDS } from '#root/domain/proposals.js';

const ctx: FieldContext = { now: new Date('2026-01-01T00:00:00Z'), tz: 'Asia/Ho_Chi_Minh', unitCodes: new Set(['HN', 'HP']) };

describe('typed forms', () => {
  it('types a complete form per field: required present, optional possibly absent', () => {
    const { raw } = splitForm(['title: Họp', 'when: 05/01/2026 08:00', 'units: HN'], MEETING_FIELDS);
    const res = validateForm(raw, MEETING_FIELDS, ctx);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expectTypeOf(res.values.title).toEqualTypeOf<string>();
    expectTypeOf(res.values.when).toEqualTypeOf<number>();
    expectTypeOf(res.values.units).toEqualTypeOf<string[] | 'all' | undefined>();
    expectTypeOf(res.values.agenda).toEqualTypeOf<string[] | undefined>();
    expect(res.values).toEqual({ title: 'Họp', when: Date.UTC(2026, 0, 5, 1), units: ['HN'] });
  });

  it('types a partial form (an edit) with every field optional', () => {
    const { raw } = splitForm(['deadline: 10/01/2026 17:00'], PROPOSAL_FIELDS);
    const res = validateForm(raw, PROPOSAL_FIELDS, ctx, { partial: true });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expectTypeOf(res.values.code).toEqualTypeOf<string | undefined>();
    expectTypeOf(res.values.deadline).toEqualTypeOf<number | undefined>();
    expect(res.values).toEqual({ deadline: Date.UTC(2026, 0, 10, 10) });
  });

  it('reports every problem at once and gives no values', () => {
    const { raw } = splitForm(['when: 31/02/2026 08:00', 'units: XX'], MEETING_FIELDS);
    const res = validateForm(raw, MEETING_FIELDS, ctx);
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.problems.map((p) => `${p.field}:${p.error}`)).toEqual(['title:form-missing', 'when:form-invalid-when', 'units:form-unknown-units']);
  });
});

import { readFileSync } from 'node:fs';
import { FluentBundle, FluentResource } from '@fluent/bundle';
import { describe, expect, it } from 'vitest';

/**
 * Both locale files carry the same messages with the same variables, and each parses
 * cleanly: a message missing in one language, or a variable one translation forgot, is a
 * crash or a blank for somebody at run time.
 */
function load(locale: string) {
  const source = readFileSync(new URL(`../../locales/${locale}.ftl`, import.meta.url), 'utf8');
  const resource = new FluentResource(source);
  const bundle = new FluentBundle(locale, { useIsolating: false });
  const errors = bundle.addResource(resource);
  const vars = new Map<string, Set<string>>();
  for (const entry of resource.body) {
    if (!('id' in entry) || entry.id.startsWith('-')) continue;
    vars.set(entry.id, new Set(JSON.stringify(entry).match(/"name":"[a-z_]+"/gi)?.map((m) => m.slice(8, -1)) ?? []));
  }
  return { errors, vars, source };
}

describe('locales', () => {
  const vi = load('vi');
  const en = load('en');

  it('parse without errors', () => {
    expect(vi.errors).toEqual([]);
    expect(en.errors).toEqual([]);
  });

  it('have the same messages', () => {
    expect([...vi.vars.keys()].sort()).toEqual([...en.vars.keys()].sort());
  });

  it('use the same variables in both languages', () => {
    const differ = [...vi.vars].filter(([id, names]) => [...names].sort().join() !== [...(en.vars.get(id) ?? [])].sort().join());
    expect(differ.map(([id]) => id)).toEqual([]);
  });

  it('write Vietnamese with its diacritics', () => {
    // A sample of words that must never appear stripped of their marks in Vietnamese text.
    for (const bare of [' dong chi ', ' dai bieu ', ' thu ky ', ' cuoc hop ', ' thong bao ']) expect(vi.source.toLowerCase()).not.toContain(bare);
  });
});

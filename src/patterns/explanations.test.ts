import { describe, expect, it } from 'vitest';
import { EXPLANATIONS } from './explanations.ts';
import { LEAK_RULES } from './rules.ts';
import { PATTERN_IDS } from './types.ts';

describe('explanation pages', () => {
  it('every pattern id has a rule and a page, and ids are stable', () => {
    expect(PATTERN_IDS).toEqual(expect.arrayContaining(['closure-capture', 'syncpool-escape', 'timer-leak', 'goroutine-leak', 'slice-retention', 'map-cache', 'context-leak', 'http-body-leak']));
    for (const id of PATTERN_IDS) {
      expect(EXPLANATIONS[id].id).toBe(id);
      expect(LEAK_RULES.filter((r) => r.id === id)).toHaveLength(1);
    }
  });

  it('every page has the five sections, a leaking program beside its fix, and valid related links', () => {
    for (const id of PATTERN_IDS) {
      const e = EXPLANATIONS[id];
      expect(e.whatLeaks.length, id).toBeGreaterThan(0);
      expect(e.heapProfile.length + e.goroutineProfile.length, id).toBeGreaterThan(1);
      expect(e.sampleTypes.length, id).toBeGreaterThan(0);
      expect(e.leaking, id).toMatch(/func /);
      expect(e.fixed, id).toMatch(/func /);
      expect(e.fixed, id).not.toBe(e.leaking);
      expect(e.confirm.length, id).toBeGreaterThan(0);
      expect(e.related.length, id).toBeGreaterThan(0);
      for (const r of e.related) expect(PATTERN_IDS, `${id} -> ${r}`).toContain(r);
      expect(e.goVersions, id).not.toBe('');
    }
  });

  it('is text, not markup, and needs no network', () => {
    const text = JSON.stringify(EXPLANATIONS);
    expect(text).not.toMatch(/<\/?[a-z][a-z0-9]*[\s>]/i);
    // The only URL is the pprof endpoint in a curl command the reader runs against their own service.
    expect(text).not.toMatch(/https?:\/\/(?!host:6060\/)/);
  });

  it('rules say which profile kinds and sample types they read', () => {
    for (const rule of LEAK_RULES) {
      expect(rule.kinds.length, rule.id).toBeGreaterThan(0);
      expect(rule.sampleTypes.length, rule.id).toBeGreaterThan(0);
      expect(rule.explanation).toBe(EXPLANATIONS[rule.id]);
    }
  });
});

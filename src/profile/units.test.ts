import { describe, expect, it } from 'vitest';
import { exceedsAmount, formatBytes, formatCount, formatNanoseconds, formatPercent, formatSignedDelta, formatValue, parseAmount } from './units.ts';

describe('formatValue', () => {
  it('formats bytes with binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1024)).toBe('1 KiB');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(7812500)).toBe('7.45 MiB');
    expect(formatBytes(100 * 1024)).toBe('100 KiB');
    expect(formatBytes(1000)).toBe('1000 B');
    expect(formatBytes(1024 ** 3 * 2.25)).toBe('2.25 GiB');
    expect(formatBytes(1048575)).toBe('1 MiB');
    expect(formatBytes(-2048)).toBe('-2 KiB');
  });
  it('formats counts with thousands separators', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(-6000)).toBe('-6,000');
    expect(formatCount(12.5)).toBe('12.5');
  });
  it('formats nanoseconds as ns, µs, ms, s', () => {
    expect(formatNanoseconds(500)).toBe('500 ns');
    expect(formatNanoseconds(1500)).toBe('1.5 \u00b5s');
    expect(formatNanoseconds(10_000_000)).toBe('10 ms');
    expect(formatNanoseconds(1_900_000_000)).toBe('1.9 s');
  });
  it('picks the format from the unit', () => {
    expect(formatValue(2048, 'bytes')).toBe('2 KiB');
    expect(formatValue(6000, 'count')).toBe('6,000');
    expect(formatValue(30_000_000, 'nanoseconds')).toBe('30 ms');
  });
});

describe('formatSignedDelta and formatPercent', () => {
  it('always carries a sign', () => {
    expect(formatSignedDelta(1024, 'bytes')).toBe('+1 KiB');
    expect(formatSignedDelta(-1024, 'bytes')).toBe('\u22121 KiB');
    expect(formatSignedDelta(0, 'count')).toBe('+0');
    expect(formatSignedDelta(-6000, 'count')).toBe('\u22126,000');
  });
  it('formats shares and growth', () => {
    expect(formatPercent(1, 4)).toBe('25%');
    expect(formatPercent(1, 3)).toBe('33.3%');
    expect(formatPercent(1, 1000)).toBe('0.1%');
    expect(formatPercent(1, 1e6)).toBe('<0.01%');
    expect(formatPercent(0, 0)).toBe('0%');
    expect(formatPercent(5, 0)).toBe('n/a');
    expect(formatPercent(-1, 4, true)).toBe('\u221225%');
    expect(formatPercent(3, 1, true)).toBe('+300%');
  });
});

describe('parseAmount', () => {
  it('reads bytes, percentages, counts and times', () => {
    expect(parseAmount('10MiB')).toEqual({ ok: true, amount: { kind: 'bytes', value: 10 * 1024 * 1024 } });
    expect(parseAmount('10 MB')).toEqual({ ok: true, amount: { kind: 'bytes', value: 10 * 1024 * 1024 } });
    expect(parseAmount('512KiB')).toEqual({ ok: true, amount: { kind: 'bytes', value: 512 * 1024 } });
    expect(parseAmount('5%')).toEqual({ ok: true, amount: { kind: 'percent', value: 5 } });
    expect(parseAmount('2.5%')).toEqual({ ok: true, amount: { kind: 'percent', value: 2.5 } });
    expect(parseAmount('1000')).toEqual({ ok: true, amount: { kind: 'plain', value: 1000 } });
    expect(parseAmount('1,000')).toEqual({ ok: true, amount: { kind: 'plain', value: 1000 } });
    expect(parseAmount('250ms')).toEqual({ ok: true, amount: { kind: 'nanoseconds', value: 250e6 } });
  });
  it('refuses what is not an amount, saying what would be', () => {
    const bad = parseAmount('lots');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toContain('10MiB');
    const unit = parseAmount('10 parsecs');
    expect(unit.ok).toBe(false);
    if (!unit.ok) expect(unit.error).toContain('unknown unit');
    expect(parseAmount('-5MiB').ok).toBe(false);
  });
});

describe('exceedsAmount', () => {
  it('compares growth with bytes, counts and percentages', () => {
    expect(exceedsAmount(11 * 1024 * 1024, 1, { kind: 'bytes', value: 10 * 1024 * 1024 }, 'bytes')).toMatchObject({ ok: true, exceeds: true });
    expect(exceedsAmount(10 * 1024 * 1024, 1, { kind: 'bytes', value: 10 * 1024 * 1024 }, 'bytes')).toMatchObject({ ok: true, exceeds: false });
    expect(exceedsAmount(6000, 10, { kind: 'plain', value: 100 }, 'count')).toMatchObject({ ok: true, exceeds: true });
    expect(exceedsAmount(6, 100, { kind: 'percent', value: 5 }, 'bytes')).toMatchObject({ ok: true, exceeds: true });
    expect(exceedsAmount(5, 100, { kind: 'percent', value: 5 }, 'bytes')).toMatchObject({ ok: true, exceeds: false });
    expect(exceedsAmount(1, 0, { kind: 'percent', value: 5 }, 'bytes')).toMatchObject({ ok: true, exceeds: true });
  });
  it('refuses a byte amount for a count', () => {
    expect(exceedsAmount(5, 1, { kind: 'bytes', value: 1024 }, 'count')).toMatchObject({ ok: false });
  });
});

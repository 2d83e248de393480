// Human formatting of profile values (bytes, counts, nanoseconds) and parsing of amounts such as
// `10MiB`, `5%`, `1000` or `250ms` given on the command line. Pure functions, no locale dependence.

export type Unit = string;

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;
const MINUS = '\u2212';

export function isByteUnit(unit: Unit): boolean {
  return unit === 'bytes' || unit === 'byte' || unit === 'B';
}

export function isTimeUnit(unit: Unit): boolean {
  return unit === 'nanoseconds' || unit === 'ns';
}

/** 1234567 -> "1,234,567"; fractions keep up to two decimals. */
export function formatCount(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const negative = value < 0;
  const abs = Math.abs(value);
  const rounded = Math.round(abs * 100) / 100;
  const whole = Math.floor(rounded);
  const frac = rounded - whole;
  const digits = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fracText = frac > 0 ? (Math.round(frac * 100) / 100).toFixed(2).slice(1).replace(/0+$/, '') : '';
  return `${negative ? '-' : ''}${digits}${fracText}`;
}

/** Three significant digits at most, no trailing zeros: 1.5, 12.3, 512. */
function compact(n: number): string {
  const abs = Math.abs(n);
  const decimals = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  const text = n.toFixed(decimals);
  return decimals === 0 ? text : text.replace(/\.?0+$/, '');
}

export function formatBytes(value: number): string {
  const negative = value < 0;
  let abs = Math.abs(value);
  let i = 0;
  while (abs >= 1024 && i < BYTE_UNITS.length - 1) {
    abs /= 1024;
    i++;
  }
  // 1023.9 KiB would print as "1024 KiB": move up a unit instead.
  if (i < BYTE_UNITS.length - 1 && Number(compact(abs)) >= 1024) {
    abs /= 1024;
    i++;
  }
  const text = i === 0 ? String(Math.round(abs)) : compact(abs);
  return `${negative ? '-' : ''}${text} ${BYTE_UNITS[i]}`;
}

export function formatNanoseconds(value: number): string {
  const negative = value < 0;
  const abs = Math.abs(value);
  let text: string;
  if (abs < 1e3) text = `${compact(abs)} ns`;
  else if (abs < 1e6) text = `${compact(abs / 1e3)} \u00b5s`;
  else if (abs < 1e9) text = `${compact(abs / 1e6)} ms`;
  else text = `${compact(abs / 1e9)} s`;
  return `${negative ? '-' : ''}${text}`;
}

/** A value in the profile's own unit, for people: "1.5 MiB", "12,345", "3.2 ms". */
export function formatValue(value: number, unit: Unit): string {
  if (isByteUnit(unit)) return formatBytes(value);
  if (isTimeUnit(unit)) return formatNanoseconds(value);
  return formatCount(value);
}

/** Always signed, with a real minus sign: "+1.5 MiB", "−200", "+0". */
export function formatSignedDelta(value: number, unit: Unit): string {
  const text = formatValue(Math.abs(value), unit);
  return value < 0 ? `${MINUS}${text}` : `+${text}`;
}

/**
 * `part` as a percentage of `whole`: "12.3%", "0.05%", "100%". A zero whole gives "n/a" unless the
 * part is zero too ("0%"). With `signed`, growth reads "+12.3%" and shrinkage "−4%".
 */
export function formatPercent(part: number, whole: number, signed = false): string {
  if (whole === 0) return part === 0 ? '0%' : 'n/a';
  const pct = (part / whole) * 100;
  const abs = Math.abs(pct);
  const text = abs === 0 ? '0' : abs >= 10 ? abs.toFixed(1).replace(/\.0$/, '') : abs >= 0.01 ? abs.toFixed(2).replace(/\.?0+$/, '') : '<0.01';
  if (signed) return `${pct < 0 ? MINUS : '+'}${text}%`;
  return `${pct < 0 ? '-' : ''}${text}%`;
}

export type Amount =
  | { readonly kind: 'percent'; readonly value: number }
  | { readonly kind: 'bytes'; readonly value: number }
  | { readonly kind: 'nanoseconds'; readonly value: number }
  /** A bare number: taken in the profile's own unit (a count, bytes or nanoseconds). */
  | { readonly kind: 'plain'; readonly value: number };

export type AmountResult = { readonly ok: true; readonly amount: Amount } | { readonly ok: false; readonly error: string };

// Byte suffixes are binary, as go tool pprof reads them (its "kb" is 1024 bytes).
const BYTE_FACTORS: Readonly<Record<string, number>> = {
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
  t: 1024 ** 4,
  tb: 1024 ** 4,
  tib: 1024 ** 4,
};

const TIME_FACTORS: Readonly<Record<string, number>> = {
  ns: 1,
  us: 1e3,
  '\u00b5s': 1e3,
  ms: 1e6,
  s: 1e9,
  // "m" already means MiB, so minutes are written "min".
  min: 60e9,
  h: 3600e9,
};

/** "10MiB" | "10 MB" | "5%" | "1000" | "1,000" | "250ms" -> an Amount, or an error a user can act on. */
export function parseAmount(text: string): AmountResult {
  const trimmed = text.trim();
  const match = /^([0-9][0-9,_]*(?:\.[0-9]+)?|\.[0-9]+)\s*([a-zA-Z\u00b5%]*)$/.exec(trimmed);
  if (!match) {
    return { ok: false, error: `"${text}" is not an amount: use a number with an optional unit, e.g. 10MiB, 5%, 1000 or 250ms` };
  }
  const value = Number(match[1].replace(/[,_]/g, ''));
  const suffix = match[2];
  const lower = suffix.toLowerCase();
  if (!Number.isFinite(value)) return { ok: false, error: `"${text}" is not a finite number` };
  if (suffix === '') return { ok: true, amount: { kind: 'plain', value } };
  if (suffix === '%') return { ok: true, amount: { kind: 'percent', value } };
  if (lower in BYTE_FACTORS) return { ok: true, amount: { kind: 'bytes', value: value * BYTE_FACTORS[lower] } };
  if (lower in TIME_FACTORS) return { ok: true, amount: { kind: 'nanoseconds', value: value * TIME_FACTORS[lower] } };
  return {
    ok: false,
    error: `"${text}": unknown unit "${suffix}" (bytes: B, KiB, MiB, GiB; time: ns, us, ms, s; or a percentage like 5%)`,
  };
}

/**
 * Whether `growth` (new total − base total, in `unit`) exceeds `amount`. A byte or time amount
 * against a profile of another unit is an error value, not a silent false.
 */
export function exceedsAmount(
  growth: number,
  baseTotal: number,
  amount: Amount,
  unit: Unit,
): { readonly ok: true; readonly exceeds: boolean; readonly limit: string } | { readonly ok: false; readonly error: string } {
  switch (amount.kind) {
    case 'percent': {
      const limit = `${amount.value}%`;
      if (baseTotal === 0) return { ok: true, exceeds: growth > 0, limit };
      return { ok: true, exceeds: (growth / Math.abs(baseTotal)) * 100 > amount.value, limit };
    }
    case 'bytes':
      if (!isByteUnit(unit)) return { ok: false, error: `a byte amount does not apply to values measured in ${unit}` };
      return { ok: true, exceeds: growth > amount.value, limit: formatBytes(amount.value) };
    case 'nanoseconds':
      if (!isTimeUnit(unit)) return { ok: false, error: `a time amount does not apply to values measured in ${unit}` };
      return { ok: true, exceeds: growth > amount.value, limit: formatNanoseconds(amount.value) };
    case 'plain':
      return { ok: true, exceeds: growth > amount.value, limit: formatValue(amount.value, unit) };
    default: {
      const never: never = amount;
      throw new Error(`unexpected amount ${String(never)}`);
    }
  }
}

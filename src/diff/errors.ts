// Why two profiles cannot be diffed (or a sample type cannot be shown), as a value a user can act on.

export type DiffErrorCode =
  | 'incompatible-kinds'
  | 'incompatible-sample-types'
  | 'incompatible-period-types'
  | 'unknown-sample-type';

export class DiffError extends Error {
  readonly code: DiffErrorCode;

  constructor(code: DiffErrorCode, message: string) {
    super(message);
    this.name = 'DiffError';
    this.code = code;
  }
}

export function isDiffError(value: unknown): value is DiffError {
  return value instanceof DiffError;
}

// Every decode failure is a ProfileError: it names the file, says what was wrong, and where.

export type ProfileErrorCode =
  | 'empty'
  | 'not-a-profile'
  | 'gzip'
  | 'too-large'
  | 'protobuf'
  | 'invalid-reference'
  | 'no-samples'
  | 'bad-value'
  | 'text-syntax'
  | 'limit';

export class ProfileError extends Error {
  readonly fileName: string;
  readonly code: ProfileErrorCode;
  readonly detail: string;

  constructor(fileName: string, code: ProfileErrorCode, detail: string) {
    super(`${fileName}: ${detail}`);
    this.name = 'ProfileError';
    this.fileName = fileName;
    this.code = code;
    this.detail = detail;
  }
}

export function isProfileError(value: unknown): value is ProfileError {
  return value instanceof ProfileError;
}

/**
 * A top-level protobuf field that cannot be part of a profile (field number 0, a wire type the field never
 * has): at byte 0 the file is simply not a profile (random bytes, another format); later it may be a damaged one.
 */
export function notPprofError(fileName: string, problem: string, at: number): ProfileError {
  return at === 0
    ? new ProfileError(fileName, 'not-a-profile', `is not a pprof profile (${problem})`)
    : new ProfileError(fileName, 'protobuf', `is corrupt or not a pprof profile (${problem})`);
}

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

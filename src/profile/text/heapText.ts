import { ProfileError } from '../errors.ts';
import type { Profile } from '../model.ts';

export function parseHeapText(_text: string, fileName: string, _byteSize: number): Profile {
  throw new ProfileError(fileName, 'not-a-profile', 'text profiles are not supported yet');
}

// Reads and decodes a profile file for the CLI; a missing file is a CliFailure, a bad one a ProfileError.
import { basename } from 'node:path';
import { decodeProfile } from '../profile/decodeProfile.ts';
import type { Profile } from '../profile/model.ts';
import { gunzipNative } from './gunzipNative.ts';
import { CliFailure, EXIT_BAD_INPUT, type CliIo } from './io.ts';

export function loadProfile(path: string, io: CliIo): Profile {
  let bytes: Uint8Array;
  try {
    bytes = io.readFile(path);
  } catch (e) {
    const code = (e as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : e instanceof Error ? e.message : String(e);
    throw new CliFailure(EXIT_BAD_INPUT, `${path}: cannot read (${why})`);
  }
  return decodeProfile(bytes, basename(path), { gunzip: gunzipNative });
}

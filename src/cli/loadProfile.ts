// Reads and decodes profile files for the CLI; a missing file is a CliFailure, a bad one a ProfileError.
// Several files decode two at a time: one on this thread, the others on a worker thread, when the io offers one.
import { basename } from 'node:path';
import { decodeProfile } from '../profile/decodeProfile.ts';
import { isProfileError } from '../profile/errors.ts';
import type { Profile } from '../profile/model.ts';
import { gunzipNative } from './gunzipNative.ts';
import { CliFailure, EXIT_BAD_INPUT, type CliIo } from './io.ts';

function readProfileFile(path: string, io: CliIo): Uint8Array {
  try {
    return io.readFile(path);
  } catch (e) {
    const code = (e as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : e instanceof Error ? e.message : String(e);
    throw new CliFailure(EXIT_BAD_INPUT, `${path}: cannot read (${why})`);
  }
}

function decodeHere(bytes: Uint8Array, path: string): Profile {
  return decodeProfile(bytes, basename(path), { gunzip: gunzipNative });
}

export function loadProfile(path: string, io: CliIo): Profile {
  return decodeHere(readProfileFile(path, io), path);
}

/**
 * The profiles of `paths`, in order. Every file is read before any is decoded; the first failure in the
 * order given is the one thrown. This thread decodes from the last file back while the io's decode thread
 * (if any) takes them from the first on, so a base and a new profile decode at the same time.
 */
export async function loadProfiles(paths: readonly string[], io: CliIo): Promise<Profile[]> {
  const files = paths.map((path) => ({ path, bytes: readProfileFile(path, io) }));
  const outcomes: ({ ok: true; profile: Profile } | { ok: false; error: unknown })[] = new Array(files.length);
  const settle = async (i: number, decode: () => Profile | Promise<Profile>): Promise<void> => {
    try {
      outcomes[i] = { ok: true, profile: await decode() };
    } catch (error) {
      outcomes[i] = { ok: false, error };
    }
  };
  const thread = files.length > 1 ? io.decodeThread?.() : undefined;
  let front = 0;
  let back = files.length - 1;
  const threaded = (async () => {
    if (!thread) return;
    while (front < back) {
      const i = front++;
      // A profile the thread finds bad is bad; a thread that failed otherwise leaves the file to this one.
      await settle(i, () => thread.decode(files[i].bytes, basename(files[i].path)).catch((e: unknown) => {
        if (isProfileError(e)) throw e;
        return decodeHere(files[i].bytes, files[i].path);
      }));
    }
  })();
  while (back >= front) {
    const i = back--;
    await settle(i, () => decodeHere(files[i].bytes, files[i].path));
    // Let the thread's reply in, so it takes the next file while this one decodes another.
    await new Promise((resolve) => setImmediate(resolve));
  }
  await threaded;
  thread?.close();
  return outcomes.map((o) => {
    if (!o.ok) throw o.error;
    return o.profile;
  });
}

// Where a decode worker sends each decoded profile besides the page: the compute workers, over a
// MessagePort each. Copying a large profile to a worker costs the copying thread 100-200 ms; done by the
// decode worker, that time leaves the page's thread (which only receives its own copy, transferred).
import type { Profile } from '../profile/model.ts';
import type { PackedLabels } from './packedLabels.ts';

/** Gives a port on which the decode worker posts profile `id` once decoded, or null (no worker to take it). */
export type ProfileSink = (id: string) => MessagePort | null;

const sinks = new Set<ProfileSink>();

/** Registers a sink for every profile decoded from now on; returns the unregister function. */
export function addProfileSink(sink: ProfileSink): () => void {
  sinks.add(sink);
  return () => sinks.delete(sink);
}

/** One port per sink that wants profile `id`, in registration order (the view's worker first). */
export function portsForProfile(id: string): MessagePort[] {
  const ports: MessagePort[] = [];
  for (const sink of sinks) {
    const port = sink(id);
    if (port) ports.push(port);
  }
  return ports;
}

/** What a decode worker posts on each port: the profile without labels and its packed labels, or why not. */
export type ForwardedProfile =
  | { readonly profile: Profile; readonly labels: PackedLabels | null }
  | { readonly failed: string };

// Web Worker entry for per-view computations (diff, transforms, function table) on profiles the main
// thread registered by id. Results go back by structured clone: typed arrays are copied as blocks,
// and buffers are not transferred because the diff caches share them between views.
import type { Profile } from '../profile/model.ts';
import type { ComputeMessage, ComputeReply } from './computeProtocol.ts';
import { computeView } from './pipeline.ts';

declare const self: DedicatedWorkerGlobalScope;

const profiles = new Map<string, Profile>();

self.onmessage = (event: MessageEvent<ComputeMessage>) => {
  const message = event.data;
  switch (message.type) {
    case 'register':
      profiles.set(message.id, message.profile);
      return;
    case 'forget':
      profiles.delete(message.id);
      return;
    case 'compute': {
      const { request, requestId } = message;
      const target = profiles.get(request.targetId);
      const base = request.baseId ? profiles.get(request.baseId) : null;
      const reply: ComputeReply =
        !target || base === undefined
          ? { type: 'outcome', requestId, outcome: { ok: false, request, message: 'profile not available to the worker' } }
          : { type: 'outcome', requestId, outcome: computeView(request, base, target) };
      self.postMessage(reply);
      return;
    }
  }
};

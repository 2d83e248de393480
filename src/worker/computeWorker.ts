// Web Worker entry for the named tasks of tasks.ts (the per-view diff first of all) on profiles the main
// thread registered by id. Results go back by structured clone; buffers a result alone holds (a view's
// flame tree) are transferred, the rest copied, because the diff caches share them between views.
import type { Profile } from '../profile/model.ts';
import type { ComputeMessage, ComputeReply } from './computeProtocol.ts';
import { withLazyLabels } from './packedLabels.ts';
import { prepareNextViews, type ViewRequest } from './pipeline.ts';
import { runTask, taskTransferables, type TaskContext } from './tasks.ts';

declare const self: DedicatedWorkerGlobalScope;

const profiles = new Map<string, Profile>();
const context: TaskContext = { profile: (id) => profiles.get(id) };
let idleWork: ReturnType<typeof setTimeout> | undefined;

self.onmessage = (event: MessageEvent<ComputeMessage>) => {
  const message = event.data;
  switch (message.type) {
    case 'register':
      profiles.set(message.id, withLazyLabels(message.profile, message.labels));
      return;
    case 'forget':
      profiles.delete(message.id);
      return;
    case 'task': {
      clearTimeout(idleWork);
      const outcome = runTask(message.name, context, message.args);
      const reply: ComputeReply = { type: 'outcome', requestId: message.requestId, outcome };
      self.postMessage(reply, taskTransferables(message.name, outcome));
      if (message.name === 'view') {
        // Once the view is sent, and unless another request comes first, prepare what the next one may need.
        const request = message.args as ViewRequest;
        idleWork = setTimeout(() => {
          const target = profiles.get(request.targetId);
          const base = request.baseId ? (profiles.get(request.baseId) ?? null) : null;
          try {
            if (target) prepareNextViews(base, target);
          } catch {
            // Only a head start: the next view computes whatever is missing.
          }
        }, 50);
      }
      return;
    }
  }
};

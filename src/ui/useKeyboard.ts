// Global keys: `/` focuses search, Esc resets the zoom (unless a text box is handling it).
import { useEffect } from 'react';
import { useAppStore } from '../store/index.ts';
import { SEARCH_INPUT_ID } from './SearchBox.tsx';

function isTextInput(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
}

export function useKeyboard(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === '/' && !isTextInput(e.target)) {
        const search = document.getElementById(SEARCH_INPUT_ID);
        if (search) {
          e.preventDefault();
          search.focus();
        }
      } else if (e.key === 'Escape') {
        useAppStore.getState().resetZoom();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

// The one file picker (also the e2e hook `input[data-testid=file-input]`); buttons elsewhere click it.
import { useAppStore, type AppState } from '../store/index.ts';

export const FILE_INPUT_ID = 'leakscope-file-input';

export function FileInput() {
  const loadFiles = useAppStore(selectLoadFiles);
  return (
    <input
      id={FILE_INPUT_ID}
      className="visually-hidden"
      type="file"
      multiple
      data-testid="file-input"
      aria-label="Choose profiles"
      onChange={(e) => {
        const files = e.currentTarget.files;
        if (files && files.length > 0) loadFiles([...files]);
        // Reset so choosing the same file again still fires change.
        e.currentTarget.value = '';
      }}
    />
  );
}

const selectLoadFiles = (s: AppState) => s.loadFiles;

export function openFilePicker(): void {
  document.getElementById(FILE_INPUT_ID)?.click();
}

// A shell command shown as code with a Copy button (clipboard when allowed, else the text is selected).
import { useRef, useState } from 'react';

export function CopyableCommand({ command }: { readonly command: string }) {
  const codeRef = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState(false);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(command);
      setCopied(true);
      window.setTimeout(() => setCopied(false), 1500);
    } catch {
      const el = codeRef.current;
      if (el) window.getSelection()?.selectAllChildren(el);
    }
  };

  return (
    <div className="command">
      <code ref={codeRef}>{command}</code>
      <button type="button" className="command-copy" onClick={() => void copy()} aria-label={`Copy: ${command}`}>
        {copied ? 'Copied' : 'Copy'}
      </button>
    </div>
  );
}

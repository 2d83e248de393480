// File names for downloads come from profiles and links (untrusted): reduce them to a plain, short
// base name that no OS treats specially, keeping the extension when it is harmless.

const RESERVED_WINDOWS = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

export function safeFileName(untrusted: string, fallback: string): string {
  // Only the last path segment; both separators, since names may come from any OS.
  const base = untrusted.split(/[\\/]/).pop() ?? '';
  let name = base
    .normalize('NFKC')
    // Control characters, bidi overrides and characters Windows forbids.
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    // No hidden files, no "..", no trailing dots or spaces (Windows strips them).
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  if (name.length > 120) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
    name = name.slice(0, 120 - ext.length) + ext;
  }
  if (name === '' || RESERVED_WINDOWS.test(name)) return fallback;
  return name;
}

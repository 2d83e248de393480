import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { serviceWorkerSource } from './serviceWorkerSource.ts';
import { inlineScriptHashes } from './vitePlugins.ts';

describe('inlineScriptHashes', () => {
  it('hashes the exact text of each inline script, as CSP does, and skips external ones', () => {
    const html = '<head><script type="module" crossorigin>console.log("a<b")\n</script><script src="./x.js"></script><script>1</script></head>';
    const sha = (s: string) => `sha256-${createHash('sha256').update(s).digest('base64')}`;
    expect(inlineScriptHashes(html)).toEqual([sha('console.log("a<b")\n'), sha('1')]);
  });
});

describe('serviceWorkerSource', () => {
  it('is valid JavaScript naming its versioned cache and every file', () => {
    const source = serviceWorkerSource('abc123', ['index.html', 'assets/index-1.js']);
    expect(() => new Function(source)).not.toThrow();
    expect(source).toContain('const CACHE = "leakscope-abc123"');
    expect(source).toContain('const FILES = ["./","index.html","assets/index-1.js"]');
  });
});

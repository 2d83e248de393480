// Build-time plugins for offline hosting: the service worker with its precache list, the
// Content-Security-Policy for the single-file build (hashes of its inline scripts), and inline
// workers so the single file needs nothing beside itself.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';
import { serviceWorkerSource } from './serviceWorkerSource.ts';

export const SERVICE_WORKER_FILE = 'sw.js';

/** Emits sw.js listing every file of the build; its cache name changes whenever any file does. */
export function serviceWorkerPlugin(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'leakscope:service-worker',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    // 'post': index.html is emitted by Vite's own generateBundle, which must have run.
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
      const hash = createHash('sha256');
      const files: string[] = [];
      for (const [fileName, item] of Object.entries(bundle).sort(([a], [b]) => a.localeCompare(b))) {
        if (fileName.endsWith('.map')) continue;
        files.push(fileName);
        hash.update(fileName);
        hash.update(item.type === 'chunk' ? item.code : item.source);
      }
      for (const file of publicFiles(config.publicDir)) {
        files.push(file);
        hash.update(file);
        hash.update(readFileSync(path.join(config.publicDir, file)));
      }
      this.emitFile({
        type: 'asset',
        fileName: SERVICE_WORKER_FILE,
        source: serviceWorkerSource(hash.digest('hex').slice(0, 16), files),
      });
      },
    },
  };
}

function publicFiles(dir: string): string[] {
  if (!dir) return [];
  const out: string[] = [];
  const walk = (rel: string) => {
    let names: string[];
    try {
      names = readdirSync(path.join(dir, rel));
    } catch {
      return;
    }
    for (const name of names) {
      const child = rel ? `${rel}/${name}` : name;
      if (statSync(path.join(dir, child)).isDirectory()) walk(child);
      else out.push(child);
    }
  };
  walk('');
  return out.sort();
}

const CSP_META = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*\/?>/i;

/**
 * Inline scripts are unavoidable in one self-contained file: allow exactly those, by hash,
 * in place of script-src 'self'. Runs after the single-file plugin has inlined everything.
 */
export function inlineScriptCspPlugin(): Plugin {
  return {
    name: 'leakscope:inline-script-csp',
    apply: 'build',
    enforce: 'post',
    // A placeholder hash until the real ones are known: it tells the single-file plugin's CSP check that
    // inline scripts are accounted for, and blocks every script (fails closed) if the step below did not run.
    transformIndexHtml: {
      order: 'pre',
      handler: (html) => html.replace(/script-src [^;"]*/, "script-src 'sha256-pending'"),
    },
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        // Anything left beside the page would be fetched at run time, which file:// cannot do
        // (e.g. a worker created in a way inlineWorkersPlugin does not recognise).
        const leftover = Object.keys(bundle).filter((f) => /\.(m?js|css)$/.test(f));
        if (leftover.length > 0) this.error(`not inlined into the single file: ${leftover.join(', ')}`);
        for (const item of Object.values(bundle)) {
          if (item.type !== 'asset' || !item.fileName.endsWith('.html')) continue;
          const html = String(item.source);
          const match = CSP_META.exec(html);
          if (!match) this.error(`${item.fileName}: no Content-Security-Policy meta tag to update`);
          const hashes = inlineScriptHashes(html).map((h) => `'${h}'`);
          const policy = match[1].replace(/script-src [^;]*/, `script-src ${hashes.join(' ')}`);
          item.source = html.replace(match[0], match[0].replace(match[1], policy));
        }
      },
    },
  };
}

/** sha256-… of the text of every inline <script> (the exact bytes between the tags, as CSP hashes them). */
export function inlineScriptHashes(html: string): string[] {
  const out: string[] = [];
  const re = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    if (/\bsrc\s*=/.test(m[1])) continue;
    out.push(`sha256-${createHash('sha256').update(m[2], 'utf8').digest('base64')}`);
  }
  return out;
}

/**
 * Rewrites `new Worker(new URL('./x.ts', import.meta.url), opts)` to Vite's inline worker
 * (`./x.ts?worker&inline`, started from a blob: URL), so workers run from file:// with no
 * second file. Used by the single-file build only; the normal build keeps separate worker files.
 */
export function inlineWorkersPlugin(): Plugin {
  const pattern = /new\s+Worker\(\s*new\s+URL\(\s*(['"])([^'"]+)\1\s*,\s*import\.meta\.url\s*\)\s*(?:,\s*(\{[^}]*\}))?\s*\)/g;
  return {
    name: 'leakscope:inline-workers',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (id.includes('node_modules') || !/\.[cm]?[jt]sx?$/.test(id) || !code.includes('new Worker(')) return null;
      const imports: string[] = [];
      const rewritten = code.replace(pattern, (_all, _quote: string, spec: string, options: string | undefined) => {
        const local = `__leakscopeInlineWorker${imports.length}`;
        imports.push(`import ${local} from ${JSON.stringify(`${spec}?worker&inline`)};`);
        // Vite's inline worker constructor takes only { name }; a module worker is what it builds.
        const name = options ? /name\s*:\s*(['"][^'"]*['"])/.exec(options)?.[1] : undefined;
        return `new ${local}(${name ? `{ name: ${name} }` : ''})`;
      });
      if (imports.length === 0) return null;
      return { code: `${imports.join('\n')}\n${rewritten}`, map: null };
    },
  };
}

/** `vite` (dev server) injects inline scripts and talks over a websocket: relax the policy there only. */
export function devServerCspPlugin(): Plugin {
  return {
    name: 'leakscope:dev-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html.replace(CSP_META, (tag, policy: string) =>
        tag.replace(policy, policy.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace("connect-src 'self'", "connect-src 'self' ws: wss:")),
      );
    },
  };
}

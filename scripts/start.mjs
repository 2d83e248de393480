// `npm start`: builds the app, serves it on 127.0.0.1:4173 with vite preview and prints the URL that
// opens on the bundled example diff.
import { spawn, spawnSync } from 'node:child_process';

const host = '127.0.0.1';
const port = process.env.PORT ?? '4173';
const outDir = process.env.OUT_DIR ?? 'dist';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

const build = spawnSync(npx, ['vite', 'build', '--outDir', outDir], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const server = spawn(npx, ['vite', 'preview', '--host', host, '--port', port, '--strictPort', '--outDir', outDir], {
  stdio: ['inherit', 'pipe', 'inherit'],
});
let announced = false;
server.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  // vite prints its own banner once it listens; ours follows it so it is the last thing on screen.
  if (!announced && /Local|localhost|127\.0\.0\.1/.test(String(chunk))) {
    announced = true;
    console.log(`\nLeakscope: http://${host}:${port}/#example\n(Ctrl+C to stop)`);
  }
});
server.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));

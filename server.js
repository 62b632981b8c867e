#!/usr/bin/env node
// The product documentation's `node server.js`: runs the built kici-server
// (packages/server/dist/main.js) with the Node flags its shebang names (SERVER_NODE_FLAGS: a
// larger semi-space keeps GC pauses out of the dispatch p99). V8 sizes its heap at start-up,
// so a process started without them runs the server as a child that has them.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { constants } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bin = fileURLToPath(new URL('./packages/server/dist/main.js', import.meta.url));
if (!existsSync(bin)) {
  console.error(
    'kici-server is not built yet: run `npm start` once (it installs and builds the workspace), or `pnpm install && pnpm build`, then `node server.js` again.',
  );
  process.exit(1);
}

// "#!/usr/bin/env -S node --max-semi-space-size=32" → ["--max-semi-space-size=32"]
const shebang = readFileSync(bin, 'utf8').split('\n', 1)[0];
const flags = shebang.split(/\s+/).slice(shebang.split(/\s+/).indexOf('node') + 1);
const args = process.argv.slice(2);

if (flags.every((flag) => process.execArgv.includes(flag))) {
  await import(pathToFileURL(bin).href);
} else {
  const child = spawn(process.execPath, [...process.execArgv, ...flags, bin, ...args], {
    stdio: 'inherit',
  });
  // The child drains on SIGTERM/SIGINT; this process only passes them on and waits for it.
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('exit', (code, signal) => {
    process.exit(code ?? 128 + (constants.signals[signal] ?? 0));
  });
}

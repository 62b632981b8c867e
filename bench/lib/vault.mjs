// The Vault-compatible test server of tests-e2e, as a process (its start helper is TypeScript,
// which a benchmark script cannot import).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export async function startVault() {
  const rootToken = 'hvs.bench-root-token';
  const main = fileURLToPath(
    new URL('../../tests-e2e/vault-test-server/main.mjs', import.meta.url),
  );
  const child = spawn(process.execPath, [main, '--port', '0', '--root-token', rootToken], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [url, controlUrl] = await new Promise((resolve) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /listening on (\S+) control (\S+)/.exec(output);
      if (match) resolve([match[1], match[2]]);
    });
  });
  const control = async (command) => {
    const response = await fetch(`${controlUrl}/__control`, {
      method: 'POST',
      body: JSON.stringify(command),
      headers: { 'content-type': 'application/json' },
    });
    if (!response.ok)
      throw new Error(`control ${command.op}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  return {
    url,
    rootToken,
    control,
    seed: (path, data) => control({ op: 'write', path, data }),
    stop: () => new Promise((resolve) => child.once('exit', resolve).kill('SIGTERM')),
  };
}

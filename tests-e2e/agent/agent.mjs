#!/usr/bin/env node
// A minimal KiCI agent built on @kici/sdk, for the end-to-end tests. Its key pair stays in
// this process, as an agent's does:
//   1. prints `{"agentPublicKey":"<base64>"}` on one line (the dispatcher sends it with the job);
//   2. reads one JSON line on stdin: { url, answer, outputs?, reveal? }, where `answer` is the
//      resolve answer, `outputs` the secret outputs to set ({ KEY: value }), `reveal` the keys
//      whose values it may print (everything else is masked, as a job's log would be);
//   3. opens the bundle, sets the outputs, prints one JSON line: { runId, jobId, environment,
//      secrets: { KEY: { value (masked unless revealed), backend, scope } }, outputs, log }.
// On an error it prints { error, status?, code? } and exits 1.
import { createInterface } from 'node:readline';
import { createJobContext, generateAgentKey, openJobSecrets } from '@kici/sdk';

const print = (value) => process.stdout.write(`${JSON.stringify(value)}\n`);

const agentKey = generateAgentKey();
print({ agentPublicKey: agentKey.publicKeyBase64 });

const lines = createInterface({ input: process.stdin });
const [line] = await lines[Symbol.asyncIterator]()
  .next()
  .then((r) => [r.value]);
lines.close();

try {
  const { url, answer, outputs = {}, reveal = [] } = JSON.parse(line ?? '{}');
  const secrets = openJobSecrets(answer, agentKey);
  const ctx = createJobContext({
    url,
    runId: answer.runId,
    jobId: answer.jobId,
    runPublicKey: answer.runPublicKey,
    credential: answer.credential,
    masker: secrets.masker,
    retry: { attempts: 3, baseDelayMs: 50 },
  });
  const set = [];
  for (const [key, value] of Object.entries(outputs)) {
    const { bytes } = await ctx.setSecretOutput(key, value);
    set.push({ key, bytes });
  }
  const shown = {};
  for (const key of secrets.keys()) {
    const meta = secrets.getMeta(key);
    shown[key] = {
      ...meta,
      value: reveal.includes(key) ? meta.value : secrets.masker.mask(meta.value),
    };
  }
  // What a job's log would show: every value it holds or set, masked.
  const log = secrets.masker.mask(
    [...secrets.keys().map((k) => `${k}=${secrets.get(k)}`), ...Object.values(outputs)].join(' '),
  );
  print({
    runId: secrets.runId,
    jobId: secrets.jobId,
    environment: secrets.environment,
    secrets: shown,
    outputs: set,
    log,
  });
} catch (error) {
  print({ error: String(error?.message ?? error), status: error?.status, code: error?.code });
  process.exitCode = 1;
}

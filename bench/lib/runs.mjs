// The run lifecycle a benchmark needs, over HTTP: create a run, dispatch a job with an agent
// key, put a job's outputs with its credential (sealed as an agent seals them).
import { jobOutputAad } from '@kici/crypto';
import { generateRunKeyPair, sealForRun } from '@kici/crypto/node';

const b64 = (bytes) => Buffer.from(bytes).toString('base64');

export async function internal(server, path, body) {
  const response = await fetch(`${server.url}/internal/v1${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${server.dispatcherToken}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  const answer = await response.json();
  if (response.status !== 200) {
    throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(answer)}`);
  }
  return answer;
}

/** A fresh agent key pair: { publicKey, privateKey, publicKeyBase64 }. */
export function agentKey() {
  const pair = generateRunKeyPair();
  return { ...pair, publicKeyBase64: b64(pair.publicKey) };
}

/** An output envelope: `value` sealed to the run's key, bound to run, job and key. */
export const sealOutput = (runPublicKey, runId, jobId, key, value) =>
  b64(
    sealForRun(
      Buffer.from(runPublicKey, 'base64'),
      Buffer.from(value),
      jobOutputAad(runId, jobId, key),
    ),
  );

/** The agent's PUT of one output: a request for lib/load.mjs. */
export const outputRequest = (server, credential, runId, jobId, key, envelope) => ({
  url: `${server.url}/agent/v1/runs/${runId}/jobs/${jobId}/outputs/${key}`,
  method: 'PUT',
  headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' },
  body: JSON.stringify({ envelope }),
});

export async function putOutput(server, credential, runId, jobId, key, envelope) {
  const request = outputRequest(server, credential, runId, jobId, key, envelope);
  const response = await fetch(request.url, request);
  if (response.status !== 200) {
    throw new Error(`PUT output ${key}: ${response.status} ${await response.text()}`);
  }
}

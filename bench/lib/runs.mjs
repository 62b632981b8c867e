// The run lifecycle a benchmark needs, over HTTP: create a run, dispatch a job with an agent
// key, put a job's outputs with its credential (sealed as an agent seals them).
import { jobBundleAad, jobOutputAad } from '@kici/crypto';
import { generateRunKeyPair, openForRun, sealForRun } from '@kici/crypto/node';

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

/**
 * A job's POST /internal/v1/resolve on `server`, whatever its build: where runs exist (POST
 * /internal/v1/runs answers), the run is created and the body carries an agent key, so the
 * answer is the sealed bundle that `secretsOf` opens; a build from before runs gets the
 * plaintext body and `secretsOf` reads its `secrets`.
 */
export async function jobResolve(server, job) {
  const response = await fetch(`${server.url}/internal/v1/runs`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${server.dispatcherToken}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ orgId: job.orgId, runId: job.runId, jobs: [{ id: job.jobId }] }),
  });
  if (response.status === 404) {
    return { body: JSON.stringify(job), secretsOf: (answer) => answer.secrets ?? {} };
  }
  if (response.status !== 200) {
    throw new Error(`POST /runs: ${response.status} ${await response.text()}`);
  }
  const agent = agentKey();
  const secretsOf = (answer) => {
    const sealed = Buffer.from(answer.bundle ?? '', 'base64');
    const aad = jobBundleAad(job.runId, job.jobId);
    return JSON.parse(Buffer.from(openForRun(agent.privateKey, sealed, aad)).toString()).secrets;
  };
  return { body: JSON.stringify({ ...job, agentPublicKey: agent.publicKeyBase64 }), secretsOf };
}

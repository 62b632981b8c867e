// The dispatcher's side of a run, over real HTTP: create a run, dispatch a job with an agent's
// ephemeral key (the answer's bundle opened with @kici/sdk, as an agent would), finish jobs.
import { jobOutputAad } from '@kici/crypto';
import { sealForRun } from '@kici/crypto/node';
import { type AgentKey, generateAgentKey, type JobSecrets, openJobSecrets } from '@kici/sdk';

export interface Dispatcher {
  readonly url: string;
  readonly dispatcherToken: string;
}

/** Answers' texts, for the leak checks (see orchestrator.ts's Recorder). */
type Fetch = typeof fetch;

export interface JobFields {
  readonly environment: string;
  readonly repository?: string;
  readonly branch?: string;
  readonly trigger?: string;
  readonly fork?: boolean;
}

/** A POST to /internal/v1 with the dispatcher's credential: the status and the parsed answer. */
export async function internal<T = Record<string, unknown>>(
  server: Dispatcher,
  path: string,
  body: unknown,
  fetcher: Fetch = fetch,
): Promise<{ status: number; body: T }> {
  const response = await fetcher(`${server.url}/internal/v1${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${server.dispatcherToken}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

export interface RunJob {
  readonly id: string;
  readonly needs?: readonly string[];
}

export interface CreatedRun {
  readonly runId: string;
  readonly orgId: string;
  readonly state: string;
  readonly publicKey: string;
  readonly expiresAt: string;
}

/** POST /internal/v1/runs; throws unless 200. */
export async function createRun(
  server: Dispatcher,
  orgId: string,
  runId: string,
  jobs: readonly RunJob[],
  fetcher: Fetch = fetch,
): Promise<CreatedRun> {
  const answer = await internal<CreatedRun>(server, '/runs', { orgId, runId, jobs }, fetcher);
  if (answer.status !== 200) {
    throw new Error(`create run ${runId}: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return answer.body;
}

/** The resolve answer (no value in it) and, on 200, the bundle opened with the agent's key. */
export interface DispatchAnswer {
  readonly status: number;
  readonly body: {
    runId?: string;
    jobId?: string;
    runPublicKey?: string;
    bundle?: string;
    credential?: string;
    credentialExpiresAt?: string;
    sources?: Record<string, { backend: string; keys: string[] }>;
    error?: { code: string; message: string };
  };
  readonly secrets?: JobSecrets;
  readonly agentKey: AgentKey;
}

/** POST /internal/v1/resolve for one job of a created run, sealed to a fresh agent key. */
export async function dispatchJob(
  server: Dispatcher,
  orgId: string,
  runId: string,
  jobId: string,
  job: JobFields,
  fetcher: Fetch = fetch,
): Promise<DispatchAnswer> {
  const agentKey = generateAgentKey();
  const answer = await internal<DispatchAnswer['body']>(
    server,
    '/resolve',
    {
      orgId,
      repository: 'acme/api',
      branch: 'main',
      trigger: 'push',
      ...job,
      runId,
      jobId,
      agentPublicKey: agentKey.publicKeyBase64,
    },
    fetcher,
  );
  if (answer.status !== 200 || answer.body.bundle === undefined) return { ...answer, agentKey };
  const secrets = openJobSecrets({ runId, jobId, bundle: answer.body.bundle }, agentKey);
  return { ...answer, secrets, agentKey };
}

/** Every secret of an opened bundle with its meta: `{ KEY: { value, backend, scope } }`. */
export const metas = (secrets: JobSecrets | undefined) =>
  Object.fromEntries((secrets?.keys() ?? []).map((key) => [key, secrets?.getMeta(key)]));

/** POST /internal/v1/runs/:runId/jobs/:jobId/finish. */
export const finishJob = (server: Dispatcher, runId: string, jobId: string, status = 'succeeded') =>
  internal<{ runState: string; deleted?: { keys: number; outputs: number } }>(
    server,
    `/runs/${runId}/jobs/${jobId}/finish`,
    { status },
  );

/** An agent's output envelope: the value sealed to the run's key, bound to run, job and key. */
export function sealOutput(
  runPublicKey: string,
  runId: string,
  jobId: string,
  key: string,
  value: string,
): Uint8Array {
  return sealForRun(
    Buffer.from(runPublicKey, 'base64'),
    new TextEncoder().encode(value),
    jobOutputAad(runId, jobId, key),
  );
}

/** PUT /agent/v1/runs/:runId/jobs/:jobId/outputs/:key with a job credential, raw. */
export async function putOutput(
  server: Pick<Dispatcher, 'url'>,
  credential: string | undefined,
  path: { runId: string; jobId: string; key: string },
  envelope: Uint8Array,
): Promise<{ status: number; body: Record<string, unknown> & { error?: { message: string } } }> {
  const response = await fetch(
    `${server.url}/agent/v1/runs/${path.runId}/jobs/${path.jobId}/outputs/${path.key}`,
    {
      method: 'PUT',
      headers: {
        ...(credential === undefined ? {} : { authorization: `Bearer ${credential}` }),
        'content-type': 'application/json',
      },
      body: JSON.stringify({ envelope: Buffer.from(envelope).toString('base64') }),
    },
  );
  return { status: response.status, body: (await response.json()) as never };
}

// Drives tests-e2e/agent/agent.mjs, a separate process built on @kici/sdk: it makes its own
// key pair, the test dispatches the job with its public key, and hands it the answer.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { type DispatchAnswer, type Dispatcher, internal, type JobFields } from './runs.js';

const AGENT = fileURLToPath(new URL('../agent/agent.mjs', import.meta.url));

export interface AgentReport {
  readonly runId?: string;
  readonly jobId?: string;
  readonly environment?: string;
  readonly secrets?: Record<string, { value: string; backend: string; scope: string }>;
  readonly outputs?: { key: string; bytes: number }[];
  readonly log?: string;
  readonly error?: string;
  readonly status?: number;
}

export interface AgentRun {
  /** The dispatcher's answer (no value in it). */
  readonly dispatch: DispatchAnswer['body'] & { status: number };
  /** What the agent printed: its secrets (masked unless revealed), the outputs it set. */
  readonly report: AgentReport;
  /** Everything it wrote, stdout and stderr. */
  readonly output: string;
  readonly exitCode: number | null;
}

export interface AgentJob extends JobFields {
  readonly outputs?: Record<string, string>;
  readonly reveal?: readonly string[];
}

/** Dispatches `jobId` of `runId` to a fresh agent process and waits for its report. */
export async function runAgent(
  server: Dispatcher,
  orgId: string,
  runId: string,
  jobId: string,
  job: AgentJob,
): Promise<AgentRun> {
  const child = spawn(process.execPath, [AGENT], { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => {
    const { value } = await lines.next();
    output += `${value ?? ''}\n`;
    return JSON.parse(value ?? '{}') as Record<string, unknown>;
  };
  const { agentPublicKey } = (await next()) as { agentPublicKey: string };
  const { outputs, reveal, ...fields } = job;
  const answer = await internal<DispatchAnswer['body']>(server, '/resolve', {
    orgId,
    repository: 'acme/api',
    branch: 'main',
    trigger: 'push',
    ...fields,
    runId,
    jobId,
    agentPublicKey,
  });
  const dispatch = { ...answer.body, status: answer.status };
  if (answer.status !== 200) {
    child.kill();
    await exited;
    return { dispatch, report: {}, output, exitCode: null };
  }
  child.stdin.end(`${JSON.stringify({ url: server.url, answer: answer.body, outputs, reveal })}\n`);
  const report = (await next()) as AgentReport;
  return { dispatch, report, output, exitCode: await exited };
}

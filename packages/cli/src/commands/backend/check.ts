import { type AdminClient, ApiError } from '@kici/contracts';
import type { CliIo } from '../../io.js';
import { printable } from '../../output.js';
import { milliseconds } from './format.js';

/** What `backend add` learned by testing the backend it just added. */
export type Reachability =
  | {
      readonly ok: true;
      readonly health: 'green';
      readonly latencyMs: number;
      readonly message: string;
    }
  | { readonly ok: false; readonly health: 'red'; readonly message: string };

/**
 * Tests a registered backend through POST /backends/test. A refusal from the server (the
 * backend unreachable, its credentials refused) is the answer, not a failure of the add.
 */
export async function checkReachable(admin: AdminClient, name: string): Promise<Reachability> {
  try {
    const { latencyMs, message } = await admin.backends.test({ name });
    return { ok: true, health: 'green', latencyMs, message };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return { ok: false, health: 'red', message: error.message };
  }
}

const RED = '\u001b[31m';
const GREEN = '\u001b[32m';
const RESET = '\u001b[0m';

/** Colour on a terminal only, and never when NO_COLOR is set (no-color.org). */
function paint(io: CliIo, colour: string, text: string): string {
  const tty = (io.stdout as { isTTY?: boolean }).isTTY === true;
  return tty && !io.env.NO_COLOR ? `${colour}${text}${RESET}` : text;
}

interface Added {
  readonly name: string;
  readonly type: string;
  readonly summary: Readonly<Record<string, unknown>>;
}

/** The added line, then the health line: green with the latency, or red with the reason. */
export function renderAdded(result: Added, reach: Reachability, io: CliIo): string {
  const { summary } = result;
  const details =
    result.type === 'gsm'
      ? `project ${String(summary.project)}, endpoint ${String(summary.endpoint)}, service account ${String(summary.clientEmail)}`
      : `url ${String(summary.url)}, auth ${String(summary.authMethod)}`;
  const added = `Added backend ${result.name} (type ${result.type}, ${details})`;
  const health = reach.ok
    ? `${paint(io, GREEN, '● green')} reachable (${milliseconds(reach.latencyMs)} ms)`
    : `${paint(io, RED, '● red')} unreachable: ${printable(reach.message)}`;
  return `${added}\nHealth: ${health}`;
}

import { DecryptError, openForRun } from '@kici/crypto';
import * as v from 'valibot';
import { fromBase64, isBytes } from './base64.js';
import { BundleError } from './errors.js';
import { type AgentKeyInput, agentPrivateKey } from './keys.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Opens a bundle the orchestrator sealed to the agent's key, and checks it against its
 * contract schema. Every failure is a BundleError naming what was wrong, never a value.
 */
export function openBundle<S extends v.GenericSchema>(
  bundle: string | Uint8Array,
  agentKey: AgentKeyInput,
  aad: Uint8Array,
  schema: S,
  what: string,
): v.InferOutput<S> {
  const privateKey = agentPrivateKey(agentKey);
  const envelope = typeof bundle === 'string' ? fromBase64(bundle) : bundle;
  if (!isBytes(envelope)) {
    throw new BundleError(`bundle: expected the ${what} as base64 or bytes`);
  }
  let plaintext: Uint8Array;
  try {
    plaintext = openForRun(privateKey, envelope, aad);
  } catch (error) {
    if (!(error instanceof DecryptError)) throw error;
    throw new BundleError(
      `the ${what} could not be opened: a wrong agent key, or a bundle that was changed or sealed for another run or job`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoder.decode(plaintext));
  } catch {
    throw new BundleError(`the ${what} opened but does not hold JSON`);
  } finally {
    plaintext.fill(0);
  }
  const result = v.safeParse(schema, parsed);
  if (!result.success) {
    // Name where, never what: the issue's message may quote the value it received.
    const path = v.getDotPath(result.issues[0]) ?? '(root)';
    throw new BundleError(`the ${what} opened but is not what the contract says at ${path}`);
  }
  return result.output;
}

import { generateRunKeyPair, openForRun, type RunKeyPair, sealForRun } from '@kici/crypto';
import { invalidInput } from './errors.js';

/**
 * The X25519 envelopes between the orchestrator and its agents. The portable functions of
 * @kici/crypto by default; the server passes @kici/crypto/node's byte-compatible ones, whose
 * native X25519 costs a fraction of pure JS on every dispatch and every output.
 */
export interface RunEnvelopes {
  generateRunKeyPair(): RunKeyPair;
  sealForRun(publicKey: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Uint8Array;
  /** @throws DecryptError, the same for every failure. */
  openForRun(privateKey: Uint8Array, envelope: Uint8Array, aad: Uint8Array): Uint8Array;
}

export const portableRunEnvelopes: RunEnvelopes = { generateRunKeyPair, sealForRun, openForRun };

/**
 * Seals `value` as JSON to an agent's ephemeral key (a job's or a test run's bundle). A key
 * that cannot agree (low order) is the caller's 400, named `agentPublicKey`.
 */
export function sealJsonToAgent(
  envelopes: RunEnvelopes,
  agentPublicKey: Uint8Array,
  value: unknown,
  aad: Uint8Array,
): Uint8Array {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  try {
    return envelopes.sealForRun(agentPublicKey, bytes, aad);
  } catch {
    throw invalidInput('agentPublicKey', 'expected a usable X25519 public key (not low order)');
  } finally {
    bytes.fill(0);
  }
}

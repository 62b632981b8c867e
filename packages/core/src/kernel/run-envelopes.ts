import {
  generateRunKeyPair,
  openForRun,
  type PreparedRunSeal,
  prepareSealForRun,
  type RunKeyPair,
  sealForRun,
} from '@kici/crypto';
import { invalidInput } from './errors.js';

/**
 * The X25519 envelopes between the orchestrator and its agents. The portable functions of
 * @kici/crypto by default; the server passes @kici/crypto/node's byte-compatible ones, whose
 * native X25519 costs a fraction of pure JS on every dispatch and every output.
 */
export interface RunEnvelopes {
  generateRunKeyPair(): RunKeyPair;
  sealForRun(publicKey: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Uint8Array;
  /** The key agreement of a `sealForRun` now, its one seal later. */
  prepareSealForRun(publicKey: Uint8Array): PreparedRunSeal;
  /** @throws DecryptError, the same for every failure. */
  openForRun(privateKey: Uint8Array, envelope: Uint8Array, aad: Uint8Array): Uint8Array;
}

export const portableRunEnvelopes: RunEnvelopes = {
  generateRunKeyPair,
  sealForRun,
  prepareSealForRun,
  openForRun,
};

const UNUSABLE_AGENT_KEY = 'expected a usable X25519 public key (not low order)';

/**
 * The key agreement with an agent's ephemeral key, for one seal (a job's bundle): done before
 * anything is written, so that a key that cannot agree (low order) is the caller's 400, named
 * `agentPublicKey`, and writes nothing.
 */
export function agreeWithAgent(envelopes: RunEnvelopes, agentPublicKey: Uint8Array) {
  try {
    return envelopes.prepareSealForRun(agentPublicKey);
  } catch {
    throw invalidInput('agentPublicKey', UNUSABLE_AGENT_KEY);
  }
}

/** Seals `value` as JSON with a prepared seal; the JSON bytes are wiped after. */
export function sealJson(prepared: PreparedRunSeal, value: unknown, aad: Uint8Array): Uint8Array {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  try {
    return prepared.seal(bytes, aad);
  } finally {
    bytes.fill(0);
  }
}

/** Seals `value` as JSON to an agent's ephemeral key (a test run's bundle). */
export const sealJsonToAgent = (
  envelopes: RunEnvelopes,
  agentPublicKey: Uint8Array,
  value: unknown,
  aad: Uint8Array,
): Uint8Array => sealJson(agreeWithAgent(envelopes, agentPublicKey), value, aad);

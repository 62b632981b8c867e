import { generateRunKeyPair, RUN_PUBLIC_KEY_BYTES } from '@kici/crypto';
import { fromBase64, isBytes, toBase64 } from './base64.js';

/** The agent's ephemeral X25519 key pair: the dispatcher sends `publicKeyBase64`. */
export interface AgentKey {
  readonly publicKey: Uint8Array;
  readonly privateKey: Uint8Array;
  /** What the dispatcher puts in its resolve request as `agentPublicKey`. */
  readonly publicKeyBase64: string;
}

/** A fresh key pair for one job (or one test run). Keep the private key in memory only. */
export function generateAgentKey(): AgentKey {
  const { publicKey, privateKey } = generateRunKeyPair();
  return { publicKey, privateKey, publicKeyBase64: toBase64(publicKey) };
}

/** The agent key as generateAgentKey returns it, or its raw 32-byte private key. */
export type AgentKeyInput = Pick<AgentKey, 'privateKey'> | Uint8Array;

export function agentPrivateKey(agentKey: AgentKeyInput): Uint8Array {
  const key = isBytes(agentKey) ? agentKey : agentKey?.privateKey;
  if (!isBytes(key) || key.length !== RUN_PUBLIC_KEY_BYTES) {
    throw new TypeError(
      'agentKey: expected the key pair from generateAgentKey() or its 32-byte private key',
    );
  }
  return key;
}

/** A raw X25519 public key, as bytes or base64 (as the orchestrator's answers carry it). */
export function parsePublicKey(value: string | Uint8Array, field: string): Uint8Array {
  const bytes = typeof value === 'string' ? fromBase64(value) : value;
  if (!isBytes(bytes) || bytes.length !== RUN_PUBLIC_KEY_BYTES) {
    throw new TypeError(
      `${field}: expected a raw 32-byte X25519 public key, as base64 (44 characters) or bytes`,
    );
  }
  return bytes;
}

/**
 * A GSM backend's configuration: `validateGsmConfig` checks one from the admin API or from
 * code with the one schema `@kici/contracts` defines, checks that the private key really is
 * an RSA key, and fills in the defaults. Errors name the field, never the value.
 */
import { createPrivateKey } from 'node:crypto';
import {
  GSM_DEFAULT_ENDPOINT,
  GSM_DEFAULT_TIMEOUT_MS,
  type GsmServiceAccountKey,
  NamedGsmConfigSchema,
} from '@kici/contracts';
import { invalidInput } from '@kici/core';
import * as v from 'valibot';

export const DEFAULT_ENDPOINT = GSM_DEFAULT_ENDPOINT;
export const DEFAULT_TIMEOUT_MS = GSM_DEFAULT_TIMEOUT_MS;

export interface GsmBackendConfig {
  /** The registered backend name; every error names it. */
  readonly name: string;
  /** The Google Cloud project whose secrets this backend reads (id or number). */
  readonly project: string;
  /** The service-account key file: an object or its JSON text. */
  readonly credentials: unknown;
  /** The API root. Default https://secretmanager.googleapis.com. */
  readonly endpoint?: string;
  /** Where the assertion is exchanged for a token, instead of the key file's `token_uri`. */
  readonly tokenUri?: string;
  /** PEM certificate(s) to trust for https, besides the system's. */
  readonly caCert?: string;
  /** Deadline of every request (token exchange included), in milliseconds. Default 5000. */
  readonly timeoutMs?: number;
}

/** A checked configuration with its defaults filled in: what is stored, sealed. */
export interface ResolvedGsmConfig {
  readonly name: string;
  readonly project: string;
  readonly credentials: GsmServiceAccountKey;
  readonly endpoint: string;
  /** The token endpoint actually used (and the assertion's `aud`). */
  readonly tokenUri: string;
  readonly timeoutMs: number;
  readonly caCert?: string;
}

function isRsaKey(pem: string): boolean {
  try {
    return createPrivateKey(pem).asymmetricKeyType === 'rsa';
  } catch {
    // Node's message may quote the key: it is dropped.
    return false;
  }
}

/**
 * @throws {KiciError} `invalid_input`, naming the field and what was expected (never the value).
 */
export function validateGsmConfig(input: unknown): ResolvedGsmConfig {
  const result = v.safeParse(NamedGsmConfigSchema, input);
  if (!result.success) {
    const message = result.issues[0]?.message ?? 'config: expected a GSM backend configuration';
    const field = message.slice(0, message.indexOf(':'));
    throw invalidInput(field, message.slice(field.length + 2));
  }
  const config = result.output;
  if (!isRsaKey(config.credentials.private_key)) {
    throw invalidInput('credentials.private_key', 'expected an RSA private key in PEM');
  }
  return {
    name: config.name,
    project: config.project,
    credentials: config.credentials,
    endpoint: config.endpoint ?? DEFAULT_ENDPOINT,
    tokenUri: config.tokenUri ?? config.credentials.token_uri,
    timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    ...(config.caCert ? { caCert: config.caCert } : {}),
  };
}

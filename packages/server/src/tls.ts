import { readFileSync } from 'node:fs';
import { createSecureContext, type SecureContextOptions } from 'node:tls';

export interface TlsFiles {
  readonly certFile: string;
  readonly keyFile: string;
}

/** Reads one PEM file; the message names the file and the variable, never its content. */
function readPem(path: string, variable: string, kind: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new Error(`${variable}: cannot read ${path} (${code})`);
  }
  if (!new RegExp(`-----BEGIN [A-Z ]*${kind}-----`).test(text))
    throw new Error(`${variable}: ${path} holds no PEM ${kind.toLowerCase()}`);
  return text;
}

/**
 * The certificate chain and private key from KICI_TLS_CERT_FILE / KICI_TLS_KEY_FILE, checked
 * by building a secure context: a mismatched pair or a damaged PEM fails here, at start-up
 * (or on reload), never on the first client's handshake.
 * @throws {Error} naming the file at fault.
 */
export function loadTls(files: TlsFiles): SecureContextOptions {
  const cert = readPem(files.certFile, 'KICI_TLS_CERT_FILE', 'CERTIFICATE');
  const key = readPem(files.keyFile, 'KICI_TLS_KEY_FILE', 'PRIVATE KEY');
  try {
    createSecureContext({ cert });
  } catch (error) {
    throw new Error(
      `KICI_TLS_CERT_FILE: ${files.certFile} is not a valid PEM certificate (${reason(error)})`,
    );
  }
  try {
    createSecureContext({ cert, key });
  } catch (error) {
    throw new Error(
      `KICI_TLS_KEY_FILE: ${files.keyFile} is not a valid PEM private key for ${files.certFile} (${reason(error)})`,
    );
  }
  return { cert, key };
}

// OpenSSL's reason, e.g. "key values mismatch": short and never key material.
const reason = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0]?.slice(0, 120);

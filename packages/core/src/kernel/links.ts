/**
 * Linked secrets, shared by the secrets domain (which writes and reveals them) and resolution
 * (which follows them at dispatch): a pg secret whose envelope names a key on an external
 * backend instead of holding a value.
 */

/** Reads an external scope live (the backend registry's `readScope`, wired by createCore). */
export type ExternalReader = (backend: string, path: string) => Promise<Record<string, string>>;

/** What a linked secret's sealed envelope holds: where on an external backend the value lives. */
export interface SecretLink {
  readonly backend: string;
  readonly path: string;
  readonly key: string;
}

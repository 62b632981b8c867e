/** The default largest secret or variable value, in UTF-8 bytes (`KICI_MAX_SECRET_BYTES`). */
export const DEFAULT_MAX_SECRET_BYTES = 65536;

/**
 * The largest limit a server may be configured with (`KICI_MAX_SECRET_BYTES`). Clients check
 * values against it, not the default: the server they talk to may allow more, and it refuses
 * what its own limit does not allow, naming that limit.
 */
export const MAX_SECRET_BYTES_LIMIT = 1024 * 1024;

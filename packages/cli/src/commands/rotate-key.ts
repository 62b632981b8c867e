import { defineCommand } from '../command.js';
import { withProgress } from '../progress.js';

/**
 * The server re-encrypts every row in one request, which takes minutes on a large store:
 * an hour by default instead of 30 s. Still bounded, so a dead connection does not hang a
 * script forever; the server finishes the rotation whether or not the client waits.
 */
export const ROTATE_KEY_TIMEOUT_SECONDS = 3_600;

export default defineCommand({
  name: 'rotate-key',
  description:
    'Re-encrypt every secret and config version with the current master key (waits up to an hour unless --timeout)',
  options: [
    {
      flags: '--skip-unreadable',
      description:
        'Re-encrypt what opens and leave rows that fail their integrity check (listed); by default they stop the rotation before anything changes',
    },
  ],
  examples: [
    'kici-admin rotate-key',
    'kici-admin rotate-key --json',
    'kici-admin rotate-key --timeout 7200',
    'kici-admin rotate-key --skip-unreadable',
  ],
  async run({ flags, io, out, client }) {
    const admin = client({ defaultTimeoutSeconds: ROTATE_KEY_TIMEOUT_SECONDS });
    const skipUnreadable = flags.bool('skip-unreadable');
    const result = await withProgress(io, out.json, 'Re-encrypting…', () =>
      admin.rotateKey(skipUnreadable ? { skipUnreadable } : {}),
    );
    // The server's message as it is: "Re-encrypted N secrets, M config versions", then the
    // rows left as they were (coordinates only).
    out.result(result, () =>
      [
        result.message,
        ...(result.skipped ?? []).map(
          (row) =>
            `Skipped (failed its integrity check): ${row.table} ${[row.orgId, row.scope, row.key, row.version].filter((part) => part !== undefined && part !== '').join(' / ')}`,
        ),
      ].join('\n'),
    );
  },
});

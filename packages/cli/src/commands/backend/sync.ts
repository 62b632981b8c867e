import { defineCommand } from '../../command.js';
import { OperationError } from '../../errors.js';
import { printable } from '../../output.js';
import { withProgress } from '../../progress.js';

/** Every backend is listed and walked in one request: five minutes unless --timeout. */
export const SYNC_TIMEOUT_SECONDS = 300;

import { backendName, NAME_OPTION } from './options.js';

export default defineCommand({
  group: 'backend',
  name: 'sync [name]',
  usage: 'sync [--name <name>] [options]',
  description: 'Discover scopes now: one backend, or every one without --name (exit 1 on errors)',
  options: [NAME_OPTION],
  examples: ['kici-admin backend sync --name openbao-prod', 'kici-admin backend sync'],
  async run({ args, flags, io, out, client }) {
    const name = backendName(args, flags, true);
    const admin = client({ defaultTimeoutSeconds: SYNC_TIMEOUT_SECONDS });
    const label = `Syncing ${name ?? 'every backend'}…`;
    const result = await withProgress(io, out.json, label, () => admin.backends.sync(name));
    const { results } = result;
    out.result(result, () =>
      results.length === 0
        ? 'No external backends to sync'
        : results.map((r) => `${r.name}: ${r.status} — ${printable(r.message)}`).join('\n'),
    );
    const failed = results.filter((r) => r.status === 'error').map((r) => r.name);
    if (failed.length > 0) throw new OperationError(`sync failed for ${failed.join(', ')}`);
  },
});

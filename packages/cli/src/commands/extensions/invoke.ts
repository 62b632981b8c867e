import { eventTypeSchema, type JsonValue, TEST_EVENT_TYPE } from '@kici/contracts';
import { defineCommand } from '../../command.js';
import { UsageError } from '../../errors.js';
import type { Flags } from '../../flags.js';
import { readTextFile } from '../../input/read.js';
import { checkFlag } from '../../validate.js';
import { installationOf } from '../marketplace/options.js';
import { reportWaited, WAIT_OPTIONS, waitForDelivery, waitTimeoutOf } from './deliveries/wait.js';
import { ORG_OPTION, PROJECT_OPTION } from './options.js';
import { orgOf } from './target.js';

function parsePayload(text: string, source: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    throw new UsageError(`${source}: expected JSON (e.g. '{"issue":"OPS-1"}')`);
  }
}

/** `--payload` or `--payload-file` (not both), read before any request. */
async function payloadOf(flags: Flags): Promise<JsonValue | undefined> {
  const inline = flags.string('payload');
  const file = flags.string('payload-file');
  if (inline !== undefined && file !== undefined) {
    throw new UsageError('--payload and --payload-file: give one of them');
  }
  if (inline !== undefined) return parsePayload(inline, '--payload');
  if (file !== undefined) return parsePayload(await readTextFile(file), `--payload-file ${file}`);
  return undefined;
}

export default defineCommand({
  group: 'extensions',
  name: 'invoke <extension-id>',
  usage:
    'invoke <extension-id> --project <KEY> [--event <type>] [--payload <json> | --payload-file <file>] [--wait]',
  description: `Send a test event (default ${TEST_EVENT_TYPE}) to an installation: queued, then delivered signed with its secrets`,
  options: [
    PROJECT_OPTION,
    { flags: '--event <type>', description: `The event type (default ${TEST_EVENT_TYPE})` },
    { flags: '--payload <json>', description: "The event's payload, JSON (default {})" },
    { flags: '--payload-file <file>', description: "The event's payload from a JSON file" },
    ...WAIT_OPTIONS,
    ORG_OPTION,
  ],
  examples: [
    'kici-admin extensions invoke com.example.mailer --project OPS --wait',
    'kici-admin extensions invoke com.example.mailer --project OPS --event issue.created --payload \'{"issue":"OPS-1"}\'',
    'kici-admin extensions invoke com.example.mailer --project OPS --payload-file event.json --wait --json',
  ],
  async run(context) {
    const { flags, out, io } = context;
    const { extension, project, id } = installationOf(context.args, flags);
    const event = flags.string('event');
    if (event !== undefined) checkFlag('--event', eventTypeSchema('event'), event);
    const wait = flags.bool('wait');
    const timeout = waitTimeoutOf(flags);
    const payload = await payloadOf(flags);
    const orgId = await orgOf(context);
    const admin = context.client();
    const queued = await admin.deliveries.invoke(
      { orgId, projectKey: project, extensionId: extension },
      {
        ...(event === undefined ? {} : { event_type: event }),
        ...(payload === undefined ? {} : { payload }),
      },
    );
    const type = event ?? TEST_EVENT_TYPE;
    if (!wait) {
      out.result(queued, () => `Queued ${queued.delivery_id} (${type}) for ${id} (org ${orgId})`);
      return;
    }
    // Progress goes where it cannot spoil --json's stdout.
    const note = (line: string) => (out.json ? io.stderr : io.stdout).write(`${line}\n`);
    if (!out.json) note(`Queued ${queued.delivery_id} (${type}) for ${id} (org ${orgId})`);
    const detail = await waitForDelivery(admin, out, note, queued.delivery_id, timeout);
    reportWaited(out, detail, () =>
      detail.status === 'delivered'
        ? `Delivered ${detail.id} to ${id} in ${detail.attempts} attempt${detail.attempts === 1 ? '' : 's'}`
        : `Failed ${detail.id} to ${id}`,
    );
  },
});

import { defineCommand } from '../../../command.js';
import { deliveryIdOf } from './options.js';
import { describeDelivery, installationName } from './render.js';
import { reportWaited, WAIT_OPTIONS, waitForDelivery, waitTimeoutOf } from './wait.js';

export default defineCommand({
  group: 'extensions deliveries',
  name: 'retry <id>',
  description:
    'Send a failed delivery again: back to pending with its attempts reset (409 otherwise)',
  options: WAIT_OPTIONS,
  examples: [
    'kici-admin extensions deliveries retry msg_01JZ3K8Q4W5X6Y7Z8A9B0C1D2E',
    'kici-admin extensions deliveries retry msg_01JZ3K8Q4W5X6Y7Z8A9B0C1D2E --wait',
  ],
  async run({ args, flags, io, out, client }) {
    const id = deliveryIdOf(args);
    const wait = flags.bool('wait');
    const timeout = waitTimeoutOf(flags);
    const admin = client();
    const delivery = await admin.deliveries.retry(id);
    const line = `Queued ${delivery.id} again for ${installationName(delivery)} (org ${delivery.org_id})`;
    if (!wait) {
      out.result(delivery, () => line);
      return;
    }
    const note = (text: string) => (out.json ? io.stderr : io.stdout).write(`${text}\n`);
    if (!out.json) note(line);
    const detail = await waitForDelivery(admin, out, note, id, timeout);
    reportWaited(out, detail, () => describeDelivery(detail));
  },
});

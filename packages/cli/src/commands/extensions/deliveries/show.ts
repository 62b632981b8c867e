import { defineCommand } from '../../../command.js';
import { deliveryIdOf } from './options.js';
import { describeDelivery } from './render.js';

export default defineCommand({
  group: 'extensions deliveries',
  name: 'show <id>',
  description:
    'Show a delivery and each attempt (status, latency, error); the event payload with event_log.read_payload',
  examples: [
    'kici-admin extensions deliveries show msg_01JZ3K8Q4W5X6Y7Z8A9B0C1D2E',
    'kici-admin extensions deliveries show msg_01JZ3K8Q4W5X6Y7Z8A9B0C1D2E --json',
  ],
  async run({ args, out, client }) {
    const id = deliveryIdOf(args);
    const detail = await client().deliveries.show(id);
    out.result(detail, () => describeDelivery(detail));
  },
});

import { defineCommand } from '../command.js';

export default defineCommand({
  name: 'rotate-key',
  description: 'Re-encrypt every secret and config version with the current master key',
  examples: ['kici-admin rotate-key', 'kici-admin rotate-key --json'],
  async run({ out, client }) {
    const result = await client().rotateKey();
    // The server's message as it is: "Re-encrypted N secrets, M config versions".
    out.result(result, () => result.message);
  },
});

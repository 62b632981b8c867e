import { defineCommand } from '../../command.js';
import { cell, table } from '../../output.js';

export default defineCommand({
  group: 'token',
  name: 'list',
  description: 'List admin tokens with their status (never the tokens themselves)',
  examples: ['kici-admin token list', 'kici-admin token list --json'],
  async run({ out, client }) {
    const result = await client().tokens.list();
    out.result(result, () =>
      table(
        [
          'ID',
          'LABEL',
          'ROLE',
          'SURFACE',
          'STATUS',
          'CREATED',
          'CREATED BY',
          'EXPIRES',
          'LAST USED',
        ],
        result.tokens.map((t) => [
          t.id,
          t.label,
          t.role,
          t.surface,
          t.status,
          t.createdAt,
          t.createdBy,
          cell(t.expiresAt),
          cell(t.lastUsedAt),
        ]),
      ),
    );
  },
});

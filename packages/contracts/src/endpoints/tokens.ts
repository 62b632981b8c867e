import * as v from 'valibot';
import { dateTimeSchema, timestampSchema } from '../datetime.js';
import { ActorSchema, RoleSchema, TokenIdSchema, TokenLabelSchema } from '../fields.js';

/**
 * POST /tokens. `expiresAt` is output as a Date; "in the future" is judged when the body
 * is validated (on the client before sending, again on the server).
 */
export const CreateTokenBodySchema = v.strictObject({
  label: TokenLabelSchema,
  role: RoleSchema,
  expiresAt: v.optional(
    v.pipe(
      dateTimeSchema('expiresAt'),
      v.check((at) => at.getTime() > Date.now(), 'expiresAt: expected a date-time in the future'),
    ),
  ),
});

/** The plaintext token appears here once; the server keeps only its hash. */
export const CreateTokenResponseSchema = v.strictObject({
  id: TokenIdSchema,
  label: TokenLabelSchema,
  role: RoleSchema,
  token: v.pipe(
    v.string('token: expected a string'),
    v.minLength(1, 'token: expected a non-empty string'),
  ),
  createdAt: timestampSchema('createdAt'),
  expiresAt: v.nullable(timestampSchema('expiresAt')),
});

export const TOKEN_STATUSES = ['active', 'revoked', 'expired'] as const;

export const TokenInfoSchema = v.strictObject({
  id: TokenIdSchema,
  label: TokenLabelSchema,
  role: RoleSchema,
  status: v.picklist(TOKEN_STATUSES, 'status: expected one of active, revoked, expired'),
  createdAt: timestampSchema('createdAt'),
  createdBy: ActorSchema,
  expiresAt: v.nullable(timestampSchema('expiresAt')),
  revokedAt: v.nullable(timestampSchema('revokedAt')),
  lastUsedAt: v.nullable(timestampSchema('lastUsedAt')),
});

/** GET /tokens: never a token or its hash. */
export const ListTokensResponseSchema = v.strictObject({
  tokens: v.array(TokenInfoSchema, 'tokens: expected an array'),
});

/** The path parameter of DELETE /tokens/:id. */
export const TokenParamsSchema = v.strictObject({ id: TokenIdSchema });

export const RevokeTokenResponseSchema = v.strictObject({
  id: TokenIdSchema,
  revokedAt: timestampSchema('revokedAt'),
});

export type TokenInfo = v.InferOutput<typeof TokenInfoSchema>;

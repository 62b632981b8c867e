import * as v from 'valibot';
import { dateTimeSchema, timestampSchema } from '../datetime.js';
import {
  ActorSchema,
  OrgIdSchema,
  RoleSchema,
  TokenIdSchema,
  TokenLabelSchema,
} from '../fields.js';
import { SurfaceSchema } from '../surface.js';

/**
 * POST /tokens. `expiresAt` is output as a Date; "in the future" is judged when the body
 * is validated (on the client before sending, again on the server). `surface` is the one the
 * token will always act from: `cli` (default, an admin token) or `dashboard` (the
 * dashboard's credential, held to the dashboard-write policy).
 */
export const CreateTokenBodySchema = v.strictObject({
  label: TokenLabelSchema,
  role: RoleSchema,
  surface: v.optional(SurfaceSchema),
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
  surface: SurfaceSchema,
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
  surface: SurfaceSchema,
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

/**
 * GET /whoami: the caller's token and the org the server means when none is named
 * (KICI_ORG_ID, else the only org there is, else null); `orgs` lists the choices.
 */
export const WhoamiResponseSchema = v.strictObject({
  tokenId: TokenIdSchema,
  label: TokenLabelSchema,
  role: RoleSchema,
  surface: SurfaceSchema,
  defaultOrg: v.nullable(OrgIdSchema),
  orgs: v.array(OrgIdSchema, 'orgs: expected an array'),
});

export type TokenInfo = v.InferOutput<typeof TokenInfoSchema>;

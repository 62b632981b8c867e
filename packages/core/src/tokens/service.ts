import { SURFACES, type Surface } from '@kici/contracts/vocabulary';
import { generateAdminToken, hashAdminToken, verifyAdminToken } from '@kici/crypto';
import { isRole, type Role } from '@kici/rbac';
import { type Actor, actorName, SYSTEM_ACTOR_NAME } from '../kernel/actor.js';
import { conflict, KiciError, notFound, unauthorized } from '../kernel/errors.js';
import {
  type AuthFailureLimits,
  createFailureLimiter,
  DEFAULT_AUTH_FAILURE_LIMITS,
  type FailureRecord,
} from '../kernel/failure-limit.js';
import { auditEntry, authorize, failuresAudited } from '../kernel/guard.js';
import type { Store } from '../store.js';
import type { TokenRecord, TokenRepository } from './port.js';

export const BOOTSTRAP_TOKEN_ID = 'bootstrap';
/**
 * How long a token lookup is reused. Revocation on this instance takes effect at once; on
 * other instances sharing the database within this window. Expiry is checked on every use.
 */
export const TOKEN_CACHE_MS = 2_000;
// Refreshing last_used_at on every request would add a write to each read.
const TOUCH_INTERVAL_MS = 60_000;

export type TokenStatus = 'active' | 'revoked' | 'expired';

export interface TokenView extends Omit<TokenRecord, 'hash' | 'role' | 'surface'> {
  readonly role: Role;
  readonly surface: Surface;
  readonly status: TokenStatus;
}

export interface TokenServiceDeps {
  readonly store: Pick<Store, 'tokens' | 'audit' | 'exclusive' | 'transaction'>;
  readonly now?: () => Date;
  readonly cacheMs?: number;
  /** Failed authentications per client address and window (KICI_AUTH_FAILURE_*). */
  readonly failureLimits?: AuthFailureLimits;
}

const newTokenId = () => `tok_${generateAdminToken().slice(-16)}`;
const isSurface = (value: string): value is Surface => SURFACES.includes(value as Surface);

export function createTokenService({
  store,
  now = () => new Date(),
  cacheMs = TOKEN_CACHE_MS,
  failureLimits = DEFAULT_AUTH_FAILURE_LIMITS,
}: TokenServiceDeps) {
  const failures = createFailureLimiter(failureLimits);
  // The windows that ended with uncounted failures: one `auth.failed` row each, with the count.
  async function auditEnded(ended: readonly FailureRecord[]) {
    for (const { client, count, windowStart } of ended) {
      await store.audit.append(
        auditEntry('anonymous', 'auth.failed', 'denied', {
          metadata: {
            reason: 'repeated',
            client,
            count,
            windowStart: windowStart.toISOString(),
            windowMs: failureLimits.windowMs,
          },
        }),
      );
    }
  }

  // hash → the record read at `readAt`: a hot token costs one lookup per window, not per request.
  const lookups = new Map<string, { token: TokenRecord | undefined; readAt: number }>();
  async function lookup(hash: string, at: Date): Promise<TokenRecord | undefined> {
    const cached = lookups.get(hash);
    if (cached && at.getTime() - cached.readAt < cacheMs) return cached.token;
    const token = await store.tokens.findByHash(hash);
    if (lookups.size > 10_000) lookups.clear(); // unknown tokens must not grow it without bound
    lookups.set(hash, { token, readAt: at.getTime() });
    return token;
  }

  const statusOf = (token: Omit<TokenRecord, 'hash'>, at: Date): TokenStatus =>
    token.revokedAt ? 'revoked' : token.expiresAt && token.expiresAt <= at ? 'expired' : 'active';
  // Roles and surfaces are checked on the way in (schemas, ensureBootstrap), so stored ones are valid.
  const view = ({ hash: _hash, ...token }: TokenRecord, at: Date): TokenView => ({
    ...token,
    role: token.role as Role,
    surface: token.surface as Surface,
    status: statusOf(token, at),
  });

  return {
    /**
     * Resolves a bearer token to its actor. Missing, unknown, revoked and expired tokens all
     * get the same 401 (never the token itself in the audit log). Failures are counted per
     * `client` address: the first few of a window are audited one row each, the rest as one
     * row with their count when the window ends, and past the limit the answer is 429. A valid token always passes,
     * so one address's failures never lock out another's (or its own) good token.
     */
    async authenticate(
      bearer: string | undefined,
      routingKey?: string,
      client = 'unknown',
    ): Promise<Actor> {
      const at = now();
      await auditEnded(failures.sweep(at.getTime()));
      const token = bearer ? await lookup(hashAdminToken(bearer), at) : undefined;
      if (
        !bearer ||
        !token ||
        !verifyAdminToken(bearer, token.hash) ||
        statusOf(token, at) !== 'active'
      ) {
        const reason = !bearer ? 'missing' : !token ? 'unknown' : statusOf(token, at);
        const { audit, refuse, ended } = failures.fail(client, at.getTime());
        await auditEnded(ended);
        if (audit) {
          await store.audit.append(
            auditEntry(token ? `token:${token.id}` : 'anonymous', 'auth.failed', 'denied', {
              routingKey: routingKey ?? null,
              metadata: { reason, client },
            }),
          );
        }
        throw refuse ?? unauthorized();
      }
      if (!token.lastUsedAt || at.getTime() - token.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
        await store.tokens.touch(token.id, at);
        lookups.delete(token.hash);
      }
      if (!isRole(token.role) || !isSurface(token.surface)) throw unauthorized();
      // The surface is the token's: the dashboard-write policy cannot be talked around.
      return { tokenId: token.id, label: token.label, role: token.role, surface: token.surface };
    },

    /**
     * Makes sure a bootstrap owner token exists. With `fixedToken` (KICI_BOOTSTRAP_ADMIN_TOKEN)
     * its secret is that token; otherwise one is generated on first start only. Returns the
     * plaintext when one was generated, so the caller prints it once.
     */
    async ensureBootstrap(fixedToken?: string): Promise<{ generated?: string }> {
      return store.exclusive('kici:bootstrap', async () => {
        const existing = await store.tokens.find(BOOTSTRAP_TOKEN_ID);
        if (fixedToken) {
          const hash = hashAdminToken(fixedToken);
          if (existing?.hash === hash && !existing.revokedAt) return {};
          await store.transaction(async (tx) => {
            if (existing) await tx.tokens.replaceHash(BOOTSTRAP_TOKEN_ID, hash);
            else await insertBootstrap(tx.tokens, hash);
            lookups.clear();
            await tx.audit.append(
              auditEntry(SYSTEM_ACTOR_NAME, 'token.bootstrap', 'success', {
                metadata: { source: 'KICI_BOOTSTRAP_ADMIN_TOKEN' },
              }),
            );
          });
          return {};
        }
        if (existing) return {};
        const generated = generateAdminToken();
        await store.transaction(async (tx) => {
          await insertBootstrap(tx.tokens, hashAdminToken(generated));
          await tx.audit.append(
            auditEntry(SYSTEM_ACTOR_NAME, 'token.bootstrap', 'success', {
              metadata: { source: 'generated' },
            }),
          );
        });
        return { generated };
      });
    },

    /** Issues a token; `surface` defaults to `cli` (an admin token), `dashboard` for the dashboard. */
    async create(
      actor: Actor,
      input: {
        label: string;
        role: Role;
        surface?: Surface | undefined;
        expiresAt?: Date | undefined;
      },
    ) {
      const surface = input.surface ?? 'cli';
      await authorize(store, actor, 'token.manage', 'token.create', {
        metadata: { label: input.label, role: input.role, surface },
      });
      if (!isSurface(surface)) {
        throw new KiciError(
          'invalid_input',
          `surface: expected ${SURFACES.join(' or ')}`,
          'surface',
        );
      }
      const at = now();
      if (input.expiresAt && input.expiresAt <= at) {
        throw new KiciError(
          'invalid_input',
          'expiresAt: expected a time in the future',
          'expiresAt',
        );
      }
      const token = generateAdminToken();
      const record = await store.transaction(async (tx) => {
        const inserted = await tx.tokens.insert({
          id: newTokenId(),
          label: input.label,
          role: input.role,
          surface,
          hash: hashAdminToken(token),
          createdBy: actorName(actor),
          expiresAt: input.expiresAt ?? null,
        });
        await tx.audit.append(
          auditEntry(actor, 'token.create', 'success', {
            metadata: {
              tokenId: inserted.id,
              label: inserted.label,
              role: inserted.role,
              surface: inserted.surface,
            },
          }),
        );
        return inserted;
      });
      return { ...view(record, at), token };
    },

    async list(actor: Actor): Promise<TokenView[]> {
      await authorize(store, actor, 'token.manage', 'token.list');
      const at = now();
      const tokens = await store.tokens.list();
      await store.audit.append(
        auditEntry(actor, 'token.list', 'success', { metadata: { count: tokens.length } }),
      );
      return tokens.map((token) => view(token, at));
    },

    /** Revokes a token; the last active owner token cannot be revoked. */
    async revoke(actor: Actor, id: string): Promise<TokenView> {
      await authorize(store, actor, 'token.manage', 'token.revoke', { metadata: { tokenId: id } });
      const at = now();
      const context = { metadata: { tokenId: id } };
      const revoked = await failuresAudited(store, actor, 'token.revoke', context, () =>
        store.exclusive('kici:tokens', () =>
          store.transaction(async (tx) => {
            const token = await tx.tokens.find(id);
            if (!token || token.revokedAt) throw notFound(`Active token ${id}`);
            if (
              token.role === 'owner' &&
              statusOf(token, at) === 'active' &&
              (await tx.tokens.countActiveOwners(at)) <= 1
            ) {
              throw conflict(
                'Refusing to revoke the last active owner token: create another owner token first',
              );
            }
            const result = await tx.tokens.revoke(id, at);
            lookups.delete(token.hash);
            await tx.audit.append(
              auditEntry(actor, 'token.revoke', 'success', {
                metadata: { tokenId: id, label: token.label },
              }),
            );
            return result ?? { ...token, revokedAt: at };
          }),
        ),
      );
      return view(revoked, at);
    },
  };
}

function insertBootstrap(tokens: TokenRepository, hash: string) {
  return tokens.insert({
    id: BOOTSTRAP_TOKEN_ID,
    label: 'bootstrap',
    role: 'owner',
    surface: 'cli',
    hash,
    createdBy: SYSTEM_ACTOR_NAME,
    expiresAt: null,
  });
}

export type TokenService = ReturnType<typeof createTokenService>;

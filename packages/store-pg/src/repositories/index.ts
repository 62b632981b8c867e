import type { Repositories } from '@kici/core';
import type { Db } from '../database.js';
import { drizzleQuery, type RawQuery } from '../rows.js';
import { accessLogRepository } from './access-log.js';
import { auditRepository } from './audit.js';
import { backendRepository } from './backends.js';
import { chainRepository } from './chains.js';
import { configRepository } from './config.js';
import { deliveryRepository } from './deliveries.js';
import { environmentRepository } from './environments.js';
import { extensionRepository } from './extensions.js';
import { keyCheckRepository } from './key-checks.js';
import { notificationRepository } from './notifications.js';
import { orgRepository } from './orgs.js';
import { rotationPolicyRepository } from './rotation-policies.js';
import { runKeyRepository } from './run-keys.js';
import { runRepository } from './runs.js';
import { secretRepository } from './secrets.js';
import { tokenRepository } from './tokens.js';
import { variableRepository } from './variables.js';

/**
 * Every repository over one database handle or transaction. `raw` runs the hot raw statements;
 * inside a transaction it must be the transaction's own (the default).
 */
export function repositories(db: Db, raw: RawQuery = drizzleQuery(db)): Repositories {
  return {
    secrets: secretRepository(db, raw),
    config: configRepository(db),
    tokens: tokenRepository(db),
    audit: auditRepository(db, raw),
    environments: environmentRepository(db, raw),
    runKeys: runKeyRepository(db),
    runs: runRepository(db, raw),
    chains: chainRepository(raw),
    backends: backendRepository(db),
    variables: variableRepository(db),
    orgs: orgRepository(db),
    keyChecks: keyCheckRepository(db),
    extensions: extensionRepository(db, raw),
    deliveries: deliveryRepository(db),
    accessLog: accessLogRepository(db),
    notifications: notificationRepository(db),
    rotationPolicies: rotationPolicyRepository(db),
  };
}

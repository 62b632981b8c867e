import type { Repositories } from '@kici/core';
import type { Db } from '../database.js';
import { auditRepository } from './audit.js';
import { configRepository } from './config.js';
import { secretRepository } from './secrets.js';
import { tokenRepository } from './tokens.js';

/** Every repository over one database handle or transaction. */
export function repositories(db: Db): Repositories {
  return {
    secrets: secretRepository(db),
    config: configRepository(db),
    tokens: tokenRepository(db),
    audit: auditRepository(db),
  };
}

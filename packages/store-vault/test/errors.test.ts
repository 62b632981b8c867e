// Vault's own error texts pass through redaction before they are cut to length: a credential
// straddling the cut must not leave its leading part behind.
import { describe, expect, it } from 'vitest';
import { readFailure, vaultSays } from '../src/errors.js';

const token = 'hvs.CAESIJ-a-token-that-must-never-show-up-0123456789';
const context = {
  backend: 'openbao-prod',
  host: 'vault:8200',
  mountPath: 'secret',
  namespace: undefined,
  timeoutMs: 5000,
  secrets: () => [token],
};

describe('vaultSays', () => {
  it('redacts a credential that crosses the 200-character cut', () => {
    const error = { response: { status: 400, data: { errors: [`${'x'.repeat(180)} ${token}`] } } };
    const said = vaultSays(context, readFailure(error));
    expect(said).not.toContain(token.slice(0, 12));
    expect(said).toContain('[redacted]');
    expect(said.length).toBeLessThanOrEqual(202);
  });
});

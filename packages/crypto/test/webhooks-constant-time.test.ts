// verifyWebhook compares signatures with the constant-time equalBytes, never `===`.
import { describe, expect, it, vi } from 'vitest';

const { equalBytes } = vi.hoisted(() => ({ equalBytes: vi.fn() }));
vi.mock('../src/bytes.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/bytes.js')>();
  equalBytes.mockImplementation(original.equalBytes);
  return { ...original, equalBytes };
});

const { signWebhook, verifyWebhook } = await import('../src/index.js');

describe('constant-time comparison', () => {
  it('compares every received entry against every secret with equalBytes', () => {
    const secrets = [
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      'whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX',
    ];
    const message = { id: 'msg_1', timestamp: 1_700_000_000, body: '{}' };
    const signature = signWebhook({ ...message, secrets });
    equalBytes.mockClear();
    const headers = {
      'webhook-id': message.id,
      'webhook-timestamp': String(message.timestamp),
      'webhook-signature': signature,
    };
    verifyWebhook({ headers, body: message.body, secrets, now: message.timestamp });
    expect(equalBytes).toHaveBeenCalledTimes(4);
    expect(equalBytes.mock.results.map((r) => r.value)).toEqual([true, false, false, true]);
  });
});

export { DELIVERY_ID } from '@kici/contracts/vocabulary';

/** Crockford's base32 alphabet (no I, L, O, U): ids that sort as their creation time. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A delivery id: `msg_` + 26 Crockford base32 characters (a ULID: 48 bits of milliseconds,
 * then 80 random bits), the Standard Webhooks `webhook-id` of every attempt.
 */
export function newDeliveryId(now = Date.now()): string {
  let time = '';
  let ms = now;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[ms % 32] + time;
    ms = Math.floor(ms / 32);
  }
  const random = crypto.getRandomValues(new Uint8Array(16));
  let tail = '';
  for (const byte of random) tail += CROCKFORD[byte % 32];
  return `msg_${time}${tail}`;
}

import { customType, timestamp } from 'drizzle-orm/pg-core';

/** A bytea value as a plain Uint8Array (postgres returns a Buffer, PGlite a Uint8Array). */
export const plainBytes = (value: Uint8Array) =>
  new Uint8Array(value.buffer, value.byteOffset, value.byteLength);

/** bytea as Uint8Array on both drivers. */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (value instanceof Uint8Array ? plainBytes(value) : value),
});

export const createdAt = () =>
  timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

// The two implementations every behavioural test runs against, side by side.
import * as portable from '../src/index.js';
import * as native from '../src/node/index.js';

export const implementations = [
  {
    name: 'portable',
    createKeyring: portable.createKeyring,
    generateRunKeyPair: portable.generateRunKeyPair,
    sealForRun: portable.sealForRun,
    prepareSealForRun: portable.prepareSealForRun,
    openForRun: portable.openForRun,
  },
  {
    name: 'node',
    createKeyring: native.createKeyring,
    generateRunKeyPair: native.generateRunKeyPair,
    sealForRun: native.sealForRun,
    prepareSealForRun: native.prepareSealForRun,
    openForRun: native.openForRun,
  },
] as const;

export type Implementation = (typeof implementations)[number];

/** Every ordered (sealer, opener) pair, the same implementation included. */
export const pairs = implementations.flatMap((sealer) =>
  implementations.map((opener) => ({ sealer, opener, name: `${sealer.name} → ${opener.name}` })),
);

export const hex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'hex'));
export const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
export const bytes = (length: number, fill = 0): Uint8Array => new Uint8Array(length).fill(fill);

export function flipBit(data: Uint8Array, bit: number): Uint8Array {
  const copy = data.slice();
  copy[bit >> 3] = (copy[bit >> 3] as number) ^ (1 << (bit & 7));
  return copy;
}

import type { Keyring } from '@kici/crypto';

/** The keyring in use, replaced when a rotation moves to a new key version. */
export interface KeyringHolder {
  current(): Keyring;
  replace(next: Keyring): void;
}

export function holdKeyring(initial: Keyring): KeyringHolder {
  let keyring = initial;
  return {
    current: () => keyring,
    replace(next) {
      keyring = next;
    },
  };
}

// Published known-answer vectors, run through the adapters both implementations use.
import { describe, expect, it } from 'vitest';
import { type Aead, nobleAead } from '../src/aead.js';
import { nodeAead } from '../src/node/aead.js';
import { nodeRunCrypto } from '../src/node/run-keys.js';
import { nobleRunCrypto, type RunCrypto } from '../src/run-keys.js';
import { hex, toHex } from './implementations.js';

const aeads: [string, Aead][] = [
  ['portable', nobleAead],
  ['node', nodeAead],
];
const runCryptos: [string, RunCrypto][] = [
  ['portable', nobleRunCrypto],
  ['node', nodeRunCrypto],
];

// McGrew & Viega, "The Galois/Counter Mode of Operation (GCM)", revised 2005, Appendix B,
// test cases 13-18 (the 256-bit key cases), as also used by NIST's GCM validation.
const K15 = 'feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308';
const P15 =
  'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72' +
  '1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255';
const P16 = P15.slice(0, 120);
const A16 = 'feedfacedeadbeeffeedfacedeadbeefabaddad2';
const C15 =
  '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa' +
  '8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad';
const gcmVectors = [
  {
    tc: 13,
    k: '00'.repeat(32),
    iv: '00'.repeat(12),
    p: '',
    a: '',
    c: '',
    t: '530f8afbc74536b9a963b4f1c4cb738b',
  },
  {
    tc: 14,
    k: '00'.repeat(32),
    iv: '00'.repeat(12),
    p: '00'.repeat(16),
    a: '',
    c: 'cea7403d4d606b6e074ec5d3baf39d18',
    t: 'd0d1c8a799996bf0265b98b5d48ab919',
  },
  {
    tc: 15,
    k: K15,
    iv: 'cafebabefacedbaddecaf888',
    p: P15,
    a: '',
    c: C15,
    t: 'b094dac5d93471bdec1a502270e3cc6c',
  },
  {
    tc: 16,
    k: K15,
    iv: 'cafebabefacedbaddecaf888',
    p: P16,
    a: A16,
    c: C15.slice(0, 120),
    t: '76fc6ece0f4e1768cddf8853bb2d551b',
  },
  {
    tc: 17,
    k: K15,
    iv: 'cafebabefacedbad',
    p: P16,
    a: A16,
    c:
      'c3762df1ca787d32ae47c13bf19844cbaf1ae14d0b976afac52ff7d79bba9de0' +
      'feb582d33934a4f0954cc2363bc73f7862ac430e64abe499f47c9b1f',
    t: '3a337dbf46a792c45e454913fe2ea8f2',
  },
  {
    tc: 18,
    k: K15,
    iv:
      '9313225df88406e555909c5aff5269aa6a7a9538534f7da1e4c303d2a318a728' +
      'c3c0c95156809539fcf0e2429a6b525416aedbf5a0de6a57a637b39b',
    p: P16,
    a: A16,
    c:
      '5a8def2f0c9e53f1f75d7853659e2a20eeb2b22aafde6419a058ab4f6f746bf4' +
      '0fc0c3b780f244452da3ebf1c5d82cdea2418997200ef82e44ae7e3f',
    t: 'a44a8266ee1c8eb0c8b5d4cf5ae9f19a',
  },
];

describe.each(aeads)('AES-256-GCM known answers (%s)', (_name, aead) => {
  it.each(gcmVectors)('GCM spec test case $tc', ({ k, iv, p, a, c, t }) => {
    const plaintext = hex(p);
    const out = new Uint8Array(plaintext.length + 16);
    aead.encryptInto(out, 0, hex(k), hex(iv), plaintext, [hex(a)]);
    expect(toHex(out)).toBe(c + t);
    expect(toHex(aead.decrypt(hex(k), hex(iv), out, [hex(a)]) ?? hex('ff'))).toBe(p);
  });

  it('authenticates split AAD parts as their concatenation', () => {
    const { k, iv, p, a, c, t } = gcmVectors[3] as (typeof gcmVectors)[number];
    const out = new Uint8Array(p.length / 2 + 16);
    aead.encryptInto(out, 0, hex(k), hex(iv), hex(p), [hex(a.slice(0, 10)), hex(a.slice(10))]);
    expect(toHex(out)).toBe(c + t);
  });

  it('refuses a tag that does not verify', () => {
    const { k, iv, a, c, t } = gcmVectors[3] as (typeof gcmVectors)[number];
    const forged = hex(c + t.slice(0, -2) + (t.endsWith('00') ? '01' : '00'));
    expect(aead.decrypt(hex(k), hex(iv), forged, [hex(a)])).toBeUndefined();
  });
});

// RFC 7748, section 5.2 (scalar multiplication) and section 6.1 (Diffie-Hellman).
const x25519Vectors = [
  {
    scalar: 'a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4',
    u: 'e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c',
    out: 'c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552',
  },
  {
    scalar: '4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d',
    u: 'e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493',
    out: '95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957',
  },
];
const ALICE_PRIVATE = '77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a';
const ALICE_PUBLIC = '8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a';
const BOB_PRIVATE = '5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb';
const BOB_PUBLIC = 'de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f';
const SHARED = '4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742';

describe.each(runCryptos)('X25519 known answers, RFC 7748 (%s)', (_name, rc) => {
  const x25519 = (scalar: Uint8Array, u: Uint8Array) => {
    const agreed = rc.decapsulate(scalar, u);
    if (!agreed) throw new Error('agreement refused');
    return agreed;
  };

  it.each(x25519Vectors)('section 5.2 vector for u = $u', ({ scalar, u, out }) => {
    expect(toHex(x25519(hex(scalar), hex(u)).shared)).toBe(out);
  });

  it('section 5.2 iterated: 1 and 1,000 iterations', () => {
    let k = hex(`09${'00'.repeat(31)}`);
    let u = k;
    for (let i = 1; i <= 1000; i++) {
      const next = x25519(k, u).shared;
      u = k;
      k = next;
      if (i === 1)
        expect(toHex(k)).toBe('422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079');
    }
    expect(toHex(k)).toBe('684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51');
  });

  it('section 6.1: public keys and the shared secret of Alice and Bob', () => {
    const alice = x25519(hex(ALICE_PRIVATE), hex(BOB_PUBLIC));
    const bob = x25519(hex(BOB_PRIVATE), hex(ALICE_PUBLIC));
    expect(toHex(alice.recipientPublic)).toBe(ALICE_PUBLIC);
    expect(toHex(bob.recipientPublic)).toBe(BOB_PUBLIC);
    expect(toHex(alice.shared)).toBe(SHARED);
    expect(toHex(bob.shared)).toBe(SHARED);
  });

  it('refuses low-order points (all-zero shared secret)', () => {
    expect(rc.decapsulate(hex(ALICE_PRIVATE), new Uint8Array(32))).toBeUndefined();
    expect(rc.decapsulate(hex(ALICE_PRIVATE), hex(`01${'00'.repeat(31)}`))).toBeUndefined();
    expect(rc.encapsulate(new Uint8Array(32))).toBeUndefined();
  });
});

// RFC 5869, Appendix A, test cases 1-3 (HKDF with SHA-256).
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => (from + i).toString(16).padStart(2, '0')).join(
    '',
  );
const hkdfVectors = [
  {
    tc: 1,
    ikm: '0b'.repeat(22),
    salt: range(0x00, 0x0c),
    info: range(0xf0, 0xf9),
    length: 42,
    okm: '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865',
  },
  {
    tc: 2,
    ikm: range(0x00, 0x4f),
    salt: range(0x60, 0xaf),
    info: range(0xb0, 0xff),
    length: 82,
    okm:
      'b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c' +
      '59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71' +
      'cc30c58179ec3e87c14c01d5c1f3434f1d87',
  },
  {
    tc: 3,
    ikm: '0b'.repeat(22),
    salt: '',
    info: '',
    length: 42,
    okm: '8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8',
  },
];

describe.each(runCryptos)('HKDF-SHA256 known answers, RFC 5869 (%s)', (_name, rc) => {
  it.each(hkdfVectors)('test case $tc', ({ ikm, salt, info, length, okm }) => {
    expect(toHex(rc.hkdf(hex(ikm), hex(salt), hex(info), length))).toBe(okm);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc_64_go_iso, crc64 } from '../../../src/runtime/shim/crc64.js';
import { expectEventingError as expectError } from '../../helpers/shim-errors.ts';

const expectEventingError = (call: () => unknown, message: string) =>
  expectError(call, message, /crc64\.js/);

/** A bit-at-a-time CRC-64/GO-ISO over BigInt, to check the table-driven 32-bit halves. */
function referenceCrc(bytes: Uint8Array): string {
  const mask = (1n << 64n) - 1n;
  let crc = mask;
  for (const byte of bytes) {
    crc ^= BigInt(byte);
    for (let bit = 0; bit < 8; bit++)
      crc = crc & 1n ? (crc >> 1n) ^ 0xd800000000000000n : crc >> 1n;
  }
  return (crc ^ mask).toString(16).padStart(16, '0');
}

/** The golden values of spec §8.2 for values other than strings, shared by both helpers. */
const GOLDEN_NON_STRINGS: Array<[string, unknown, string]> = [
  ['1', 1, '4320000000000000'],
  ['[1,2,3,4]', [1, 2, 3, 4], '3b8002901291a293'],
  ['{"my_key":"my_value"}', { my_key: 'my_value' }, '756fe1c0128e6be0'],
  ['null', null, '3eeef9ddb0000000'],
  ['false', false, '32cc7ee410300000'],
  ['undefined', undefined, 'fcd0dd899002d36d'],
  ['Symbol()', Symbol(), 'fcd0dd899002d36d'],
  ['new Date("2024-05-10")', new Date('2024-05-10'), '508adbb2e62fe363'],
];

describe('crc_64_go_iso', () => {
  it.each([['"hello"', 'hello', '3c3eeee2d8100000'], ...GOLDEN_NON_STRINGS])(
    'hashes %s to the golden value',
    (_name, value, expected) => {
      expect(crc_64_go_iso(value)).toBe(expected);
    },
  );

  it('gives the CRC-64/GO-ISO check value for "123456789"', () => {
    expect(crc_64_go_iso('123456789')).toBe('b90956c775a41001');
  });

  it('hashes the empty string to zero', () => {
    expect(crc_64_go_iso('')).toBe('0000000000000000');
  });

  it('hashes strings as UTF-8', () => {
    expect(crc_64_go_iso('héllo €')).toBe(referenceCrc(new TextEncoder().encode('héllo €')));
  });

  it('requires exactly one argument', () => {
    expectEventingError(() => crc_64_go_iso(), 'Need exactly one argument');
    expectEventingError(() => crc_64_go_iso('a', 'b'), 'Need exactly one argument');
  });

  it('throws the builtin TypeError for a BigInt', () => {
    expect(() => crc_64_go_iso(1n)).toThrow(TypeError);
  });
});

describe('crc64', () => {
  it('hashes JSON text, so strings keep their quotes', () => {
    expect(crc64('hello')).toBe('5acc3eeee2d84af0');
    expect(crc64('hello')).toBe(crc_64_go_iso('"hello"'));
  });

  it.each(GOLDEN_NON_STRINGS)(
    'agrees with crc_64_go_iso on the non-string %s',
    (_name, value, expected) => {
      expect(crc64(value)).toBe(expected);
    },
  );

  it('requires exactly one argument', () => {
    expectEventingError(() => crc64(), 'Need one parameter');
    expectEventingError(() => crc64(1, 2), 'Need one parameter');
  });

  it('throws the builtin TypeError for a BigInt', () => {
    expect(() => crc64({ big: 1n })).toThrow(TypeError);
  });
});

describe('ArrayBuffer input', () => {
  it('hashes the raw bytes in both helpers', () => {
    const buffer = new TextEncoder().encode('hello').buffer;
    expect(crc64(buffer)).toBe('3c3eeee2d8100000');
    expect(crc_64_go_iso(buffer)).toBe('3c3eeee2d8100000');
    expect(crc64(new ArrayBuffer(0))).toBe('0000000000000000');
  });

  it('matches a bitwise reference for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const buffer = bytes.slice().buffer;
        expect(crc64(buffer)).toBe(referenceCrc(bytes));
        expect(crc_64_go_iso(buffer)).toBe(referenceCrc(bytes));
      }),
    );
  });

  it('treats views and shared buffers as ordinary values (JSON text)', () => {
    expect(crc64(Uint8Array.of(1))).toBe(crc_64_go_iso('{"0":1}'));
    expect(crc64(new SharedArrayBuffer(4))).toBe(crc_64_go_iso('{}'));
    const lookAlike = Object.create(ArrayBuffer.prototype);
    expect(crc64(lookAlike)).toBe(crc_64_go_iso('{}'));
  });
});

it('works as a plain function with no receiver', () => {
  expect(Reflect.apply(crc64, undefined, ['hello'])).toBe('5acc3eeee2d84af0');
  expect(Reflect.apply(crc_64_go_iso, undefined, ['hello'])).toBe('3c3eeee2d8100000');
});

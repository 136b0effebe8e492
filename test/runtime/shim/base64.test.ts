import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  base64Decode,
  base64Encode,
  base64Float32ArrayDecode,
  base64Float32ArrayEncode,
  base64Float64ArrayDecode,
  base64Float64ArrayEncode,
} from '../../../src/runtime/shim/base64.js';
import { expectEventingError as expectError } from '../../helpers/shim-errors.ts';

const helpers: Record<string, (...args: unknown[]) => unknown> = {
  base64Decode,
  base64Encode,
  base64Float32ArrayDecode,
  base64Float32ArrayEncode,
  base64Float64ArrayDecode,
  base64Float64ArrayEncode,
};
const expectEventingError = (call: () => unknown, message: string) =>
  expectError(call, message, /shim\/base64\.js/);

function float64Base64(numbers: number[]): string {
  const buffer = Buffer.alloc(numbers.length * 8);
  for (const [i, number] of numbers.entries()) buffer.writeDoubleLE(number, i * 8);
  return buffer.toString('base64');
}

function float32Base64(numbers: number[]): string {
  const buffer = Buffer.alloc(numbers.length * 4);
  for (const [i, number] of numbers.entries()) buffer.writeFloatLE(number, i * 4);
  return buffer.toString('base64');
}

describe('base64Encode', () => {
  it.each([
    ['', ''],
    ['f', 'Zg=='],
    ['fo', 'Zm8='],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg=='],
    ['héllo €😀', Buffer.from('héllo €😀').toString('base64')],
  ])('encodes the UTF-8 bytes of %j', (text, expected) => {
    expect(base64Encode(text)).toBe(expected);
  });

  it('matches Buffer for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(base64Encode(text)).toBe(Buffer.from(text, 'utf8').toString('base64'));
      }),
    );
  });

  it('encodes texts longer than one output chunk', () => {
    const text = 'abcdé€😀'.repeat(5000);
    expect(base64Encode(text)).toBe(Buffer.from(text).toString('base64'));
    expect(base64Decode(base64Encode(text))).toBe(text);
  });

  it('encodes other values as their JSON text', () => {
    expect(base64Encode({ a: [1, 'x'] })).toBe(Buffer.from('{"a":[1,"x"]}').toString('base64'));
    expect(base64Encode(42)).toBe('NDI=');
    expect(base64Encode(null)).toBe('bnVsbA==');
    expect(base64Encode(new ArrayBuffer(3))).toBe('e30=');
    expect(base64Encode(undefined)).toBe(Buffer.from('undefined').toString('base64'));
  });
});

describe('base64Decode', () => {
  it('round-trips any string to its well-formed form', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(base64Decode(base64Encode(text))).toBe(text.toWellFormed());
      }),
    );
  });

  it('decodes any bytes as UTF-8 like Buffer does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const buffer = Buffer.from(bytes);
        expect(base64Decode(buffer.toString('base64'))).toBe(buffer.toString('utf8'));
      }),
    );
  });

  it.each([
    ['', ''],
    ['aGk=', 'hi'],
    ['aGl=', 'hi'], // leftover bits need not be zero, as in Go's (non-strict) StdEncoding
    ['aG\nk=\r\n', 'hi'], // Go skips CR and LF anywhere
    ['aGVsbG8=', 'hello'],
    ['/w==', '\ufffd'],
  ])('accepts %j', (input, expected) => {
    expect(base64Decode(input)).toBe(expected);
  });

  it.each([
    'a',
    'aG',
    'aGk',
    'aGVsbG8',
    'a===',
    '====',
    '=aGk',
    'aG=k',
    'aGk=aGk=',
    'aGk==',
    'aGk= ',
    ' aGk=',
    'aG!=',
    'aGVsbG8_',
    'aGVsbG8-',
    'aGé=',
  ])('rejects %j as Go would', (input) => {
    expectEventingError(() => base64Decode(input), 'Invalid input');
  });

  it('agrees with a model of Go’s rules on strings near the alphabet', () => {
    const valid = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
    const unit = fc.constantFrom(...'AQgw/+9=\n\r-_ é');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 12 }), (input) => {
        const stripped = input.replace(/[\r\n]/g, '');
        if (valid.test(stripped)) {
          expect(base64Decode(input)).toBe(Buffer.from(stripped, 'base64').toString('utf8'));
        } else {
          expectEventingError(() => base64Decode(input), 'Invalid input');
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('requires a string', () => {
    expectEventingError(() => base64Decode(42), 'Argument must be of type String');
    expectEventingError(() => base64Decode(new String('aGk=')), 'Argument must be of type String');
  });
});

describe('base64Float64ArrayEncode / base64Float64ArrayDecode', () => {
  it('round-trips any doubles, NaN, -0 and infinities included', () => {
    fc.assert(
      fc.property(fc.array(fc.double()), (numbers) => {
        const encoded = base64Float64ArrayEncode(numbers);
        expect(encoded).toBe(float64Base64(numbers));
        expect(base64Float64ArrayDecode(encoded)).toEqual(numbers);
      }),
    );
  });

  it('keeps -0, NaN and infinities exactly', () => {
    const decoded = base64Float64ArrayDecode(
      base64Float64ArrayEncode([-0, NaN, Infinity, -Infinity]),
    );
    expect(Object.is(decoded[0], -0)).toBe(true);
    expect(decoded.slice(1)).toEqual([NaN, Infinity, -Infinity]);
  });

  it('encodes known vectors', () => {
    expect(base64Float64ArrayEncode([])).toBe('');
    expect(base64Float64ArrayEncode([1])).toBe('AAAAAAAA8D8=');
    expect(base64Float64ArrayEncode([1.5, -2])).toBe(float64Base64([1.5, -2]));
  });

  it('rejects a byte length that is not a multiple of 8', () => {
    expectEventingError(
      () => base64Float64ArrayDecode(Buffer.alloc(12).toString('base64')),
      'Incorrect base64 string provided',
    );
  });
});

describe('base64Float32ArrayEncode / base64Float32ArrayDecode', () => {
  it('round-trips any single-precision values', () => {
    fc.assert(
      fc.property(fc.array(fc.float()), (numbers) => {
        const encoded = base64Float32ArrayEncode(numbers);
        expect(encoded).toBe(float32Base64(numbers));
        expect(base64Float32ArrayDecode(encoded)).toEqual(numbers);
      }),
    );
  });

  it('rounds doubles to the nearest single-precision value', () => {
    fc.assert(
      fc.property(fc.array(fc.double()), (numbers) => {
        const decoded = base64Float32ArrayDecode(base64Float32ArrayEncode(numbers));
        expect(decoded).toEqual(numbers.map(Math.fround));
      }),
    );
  });

  it('encodes known vectors', () => {
    expect(base64Float32ArrayEncode([1])).toBe('AACAPw==');
    expect(base64Float32ArrayEncode([0.1, -0])).toBe(float32Base64([0.1, -0]));
    expect(base64Float32ArrayDecode('AACAPw==')).toEqual([1]);
  });

  it('rejects a byte length that is not a multiple of 4', () => {
    expectEventingError(
      () => base64Float32ArrayDecode(Buffer.alloc(6).toString('base64')),
      'Incorrect base64 string provided',
    );
  });
});

describe('argument checks', () => {
  it.each(Object.keys(helpers))('%s requires exactly one argument', (name) => {
    const helper = helpers[name] as (...args: unknown[]) => unknown;
    expectEventingError(() => helper(), 'Need exactly one argument');
    expectEventingError(() => helper('AAAAAAAA8D8=', 1), 'Need exactly one argument');
  });

  const encoders = [
    ['base64Float64ArrayEncode', base64Float64ArrayEncode],
    ['base64Float32ArrayEncode', base64Float32ArrayEncode],
  ] as const;
  const decoders = [
    ['base64Float64ArrayDecode', base64Float64ArrayDecode],
    ['base64Float32ArrayDecode', base64Float32ArrayDecode],
  ] as const;

  it.each(encoders)('%s requires an Array', (_name, encode) => {
    expectEventingError(() => encode('1,2'), 'Argument must be of type Array');
    expectEventingError(() => encode(new Float64Array(2)), 'Argument must be of type Array');
  });

  it.each(encoders)('%s requires Numbers', (_name, encode) => {
    expectEventingError(() => encode([1, '2']), 'Array elements should be of type Number');
    expectEventingError(() => encode([1, 2n]), 'Array elements should be of type Number');
    const holey = [1];
    holey[2] = 3;
    expectEventingError(() => encode(holey), 'Array elements should be of type Number');
  });

  it.each(decoders)('%s requires valid base64 text', (_name, decode) => {
    expectEventingError(() => decode(8), 'Argument must be of type String');
    expectEventingError(() => decode('AAA'), 'Invalid input');
  });
});

it('works as a plain function with no receiver', () => {
  expect(Reflect.apply(base64Encode, undefined, ['hi'])).toBe('aGk=');
  expect(Reflect.apply(base64Decode, undefined, ['aGk='])).toBe('hi');
  expect(Reflect.apply(base64Float64ArrayDecode, undefined, ['AAAAAAAA8D8='])).toEqual([1]);
});

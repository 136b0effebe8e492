import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8, encodeUtf8 } from '../../../src/runtime/shim/utf8.js';

// Node's WHATWG codecs are the reference; the BOM is kept because V8's UTF-8 conversion keeps it.
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

describe('encodeUtf8', () => {
  it('matches TextEncoder for any string, lone surrogates included', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })),
        (text) => {
          expect(encodeUtf8(text)).toEqual(encoder.encode(text));
        },
      ),
    );
  });

  it('turns lone surrogates into U+FFFD', () => {
    expect([...encodeUtf8('a\ud800b\udc00')]).toEqual([
      0x61, 0xef, 0xbf, 0xbd, 0x62, 0xef, 0xbf, 0xbd,
    ]);
  });

  it('encodes each UTF-8 length class', () => {
    expect([...encodeUtf8('\u007f\u0080\u07ff\u0800\uffff\u{10000}\u{10ffff}')]).toEqual([
      0x7f, 0xc2, 0x80, 0xdf, 0xbf, 0xe0, 0xa0, 0x80, 0xef, 0xbf, 0xbf, 0xf0, 0x90, 0x80, 0x80,
      0xf4, 0x8f, 0xbf, 0xbf,
    ]);
  });
});

describe('decodeUtf8', () => {
  it('matches TextDecoder for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(decodeUtf8(bytes)).toBe(decoder.decode(bytes));
      }),
    );
  });

  it('matches TextDecoder for bytes near UTF-8 boundaries', () => {
    const interesting = fc.constantFrom(
      0x00,
      0x7f,
      0x80,
      0x8f,
      0x90,
      0x9f,
      0xa0,
      0xbf,
      0xc0,
      0xc1,
      0xc2,
      0xdf,
      0xe0,
      0xed,
      0xef,
      0xf0,
      0xf4,
      0xf5,
      0xff,
    );
    fc.assert(
      fc.property(fc.array(interesting, { maxLength: 16 }), (values) => {
        const bytes = Uint8Array.from(values);
        expect(decodeUtf8(bytes)).toBe(decoder.decode(bytes));
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips any string to its well-formed form', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(decodeUtf8(encodeUtf8(text))).toBe(text.toWellFormed());
      }),
    );
  });

  it('replaces each maximal invalid subpart with one U+FFFD', () => {
    // F0 90 80 is a truncated 4-byte sequence (one U+FFFD); ED A0 80 is an encoded surrogate
    // (three); C0 is never valid.
    const bytes = Uint8Array.of(0x61, 0xf0, 0x90, 0x80, 0x62, 0xed, 0xa0, 0x80, 0xc0);
    expect(decodeUtf8(bytes)).toBe('a\ufffdb\ufffd\ufffd\ufffd\ufffd');
  });

  it('keeps a leading byte order mark', () => {
    expect(decodeUtf8(Uint8Array.of(0xef, 0xbb, 0xbf, 0x61))).toBe('\ufeffa');
  });

  it('decodes texts longer than one output chunk', () => {
    const text = 'é€😀'.repeat(20_000);
    expect(decodeUtf8(encoder.encode(text))).toBe(text);
  });
});

import { describe, expect, it } from 'vitest';
import {
  type CurlBody,
  type CurlEncoding,
  marshalRequestBody,
  withContentType,
} from '../../../../src/runtime/bindings/curl/request-body.ts';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

function wire(body: CurlBody, encoding?: CurlEncoding) {
  const result = marshalRequestBody(body, encoding);
  if (!result.ok) throw new Error(`refused: ${result.message}`);
  return { body: text(result.bytes), contentType: result.contentType };
}

describe('curl request marshalling (spec §6.2 table)', () => {
  it('string, no encoding or TEXT → UTF-8, text/plain', () => {
    for (const encoding of [undefined, 'TEXT'] as const) {
      expect(wire({ text: 'héllo' }, encoding)).toEqual({
        body: 'héllo',
        contentType: 'text/plain',
      });
    }
  });

  it('object, no encoding or JSON → compact JSON.stringify, application/json', () => {
    for (const encoding of [undefined, 'JSON'] as const) {
      expect(wire({ json: { key: 'value', n: [1, 2] } }, encoding)).toEqual({
        body: '{"key":"value","n":[1,2]}',
        contentType: 'application/json',
      });
    }
  });

  it('ArrayBuffer, no encoding or BINARY → raw bytes, application/octet-stream', () => {
    const bytes = new Uint8Array([0, 0, 42, 255]);
    for (const encoding of [undefined, 'BINARY'] as const) {
      const result = marshalRequestBody({ bytes }, encoding);
      expect(result).toEqual({ ok: true, bytes, contentType: 'application/octet-stream' });
    }
  });

  it('string with JSON → sent as given, application/json', () => {
    expect(wire({ text: '{ "a": 1 }' }, 'JSON')).toEqual({
      body: '{ "a": 1 }',
      contentType: 'application/json',
    });
  });

  it('object with FORM → url-encoded pairs in own-property order, integer keys first', () => {
    // The curl_post_form.js body; the server checks it after one QueryUnescape.
    const body = {
      key: 'value',
      'another-key': 'another-value',
      1: { 'nested-key': 'nested-value' },
      2: encodeURIComponent(['this', 'is', 'an', 'array'].toString()),
    };
    const result = wire({ json: body }, 'FORM');
    expect(result.contentType).toBe('application/x-www-form-urlencoded');
    expect(result.body).toBe(
      '1=%7B%22nested-key%22%3A%22nested-value%22%7D&2=this%252Cis%252Can%252Carray&key=value&another-key=another-value',
    );
    expect(decodeURIComponent(result.body)).toBe(
      '1={"nested-key":"nested-value"}&2=this%2Cis%2Can%2Carray&key=value&another-key=another-value',
    );
  });

  it('object with FORM → non-string values JSON-stringified, then encoded', () => {
    expect(wire({ json: { n: 1, t: true, z: null, 'a b': 'c&d=e' } }, 'FORM').body).toBe(
      'n=1&t=true&z=null&a%20b=c%26d%3De',
    );
  });

  it('string with FORM → sent as given (taken to be form data already)', () => {
    expect(wire({ text: 'a=1&b=x%20y' }, 'FORM')).toEqual({
      body: 'a=1&b=x%20y',
      contentType: 'application/x-www-form-urlencoded',
    });
  });

  it('string with BINARY → UTF-8, application/octet-stream', () => {
    expect(wire({ text: 'é' }, 'BINARY')).toEqual({
      body: 'é',
      contentType: 'application/octet-stream',
    });
    expect(marshalRequestBody({ text: 'é' }, 'BINARY')).toMatchObject({
      bytes: new Uint8Array([0xc3, 0xa9]),
    });
  });

  it('refuses an object with TEXT or BINARY', () => {
    for (const encoding of ['TEXT', 'BINARY'] as const) {
      expect(marshalRequestBody({ json: { a: 1 } }, encoding)).toEqual({
        ok: false,
        message: `'body' of type object can not be sent with encoding '${encoding}'`,
      });
    }
  });

  it('refuses an ArrayBuffer with TEXT, FORM or JSON', () => {
    for (const encoding of ['TEXT', 'FORM', 'JSON'] as const) {
      expect(marshalRequestBody({ bytes: new Uint8Array([1]) }, encoding)).toEqual({
        ok: false,
        message: `'body' of type ArrayBuffer can not be sent with encoding '${encoding}'`,
      });
    }
  });

  it('refuses a string that is not JSON with JSON', () => {
    expect(marshalRequestBody({ text: '{oops' }, 'JSON')).toEqual({
      ok: false,
      message: `'body' is not valid JSON, but encoding is 'JSON'`,
    });
  });

  it('refuses FORM for a JSON value that is not an object', () => {
    expect(marshalRequestBody({ json: 42 }, 'FORM')).toMatchObject({ ok: false });
    expect(marshalRequestBody({ json: null }, 'FORM')).toMatchObject({ ok: false });
  });
});

describe('Content-Type defaulting', () => {
  it('adds the deduced type when the request has none', () => {
    expect(withContentType({ Accept: 'x' }, 'text/plain')).toEqual({
      Accept: 'x',
      'Content-Type': 'text/plain',
    });
  });

  it("keeps the user's Content-Type under any casing", () => {
    const headers = { 'content-TYPE': 'text/csv' };
    expect(withContentType(headers, 'text/plain')).toEqual({ 'content-TYPE': 'text/csv' });
  });
});

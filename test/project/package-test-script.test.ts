import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureTestScript } from '../../src/project/package-test-script.ts';

const folder = (manifest?: string) => {
  const root = mkdtempSync(join(tmpdir(), 'eventing-dev-package-'));
  if (manifest !== undefined) writeFileSync(join(root, 'package.json'), manifest);
  return root;
};
const read = (root: string) => readFileSync(join(root, 'package.json'), 'utf8');

describe('ensureTestScript', () => {
  it('writes a fresh package.json when there is none', () => {
    const root = folder();
    expect(ensureTestScript(root, () => '{"fresh":true}\n')).toEqual({ kind: 'created' });
    expect(read(root)).toBe('{"fresh":true}\n');
  });

  it('replaces npm init’s placeholder and keeps the file’s indentation and other fields', () => {
    const root = folder(
      '{\n    "name": "x",\n    "scripts": {\n      "test": "echo \\"Error: no test specified\\" && exit 1",\n      "build": "tsc"\n    }\n}\n',
    );
    expect(ensureTestScript(root, () => '')).toEqual({
      kind: 'replaced-placeholder',
      previous: 'echo "Error: no test specified" && exit 1',
    });
    expect(read(root)).toBe(
      '{\n    "name": "x",\n    "scripts": {\n        "test": "eventing-dev test",\n        "build": "tsc"\n    }\n}\n',
    );
  });

  it('keeps a script of the user’s own untouched', () => {
    const text = '{ "scripts": { "test": "jest" } }';
    const root = folder(text);
    expect(ensureTestScript(root, () => '')).toEqual({ kind: 'kept', previous: 'jest' });
    expect(read(root)).toBe(text);
  });
});

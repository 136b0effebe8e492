import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDefinition } from '../../src/definition/load-definition.ts';
import { parseDefinition } from '../../src/definition/parse-definition.ts';

async function folder(files: Record<string, string>): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), 'eventing-dev-')), 'enrich');
  await mkdir(dir);
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

const DEFINITION = {
  appname: 'enrich',
  depcfg: { source_bucket: 'src', metadata_bucket: 'meta' },
  settings: {},
};

describe('loading a function from disk', () => {
  it('reads a definition .json file as text for the parser', async () => {
    const dir = await folder({ 'x.json': '[{"appname":"x"}]' });
    expect(await loadDefinition(join(dir, 'x.json'))).toEqual({
      definition: '[{"appname":"x"}]',
      handlerFile: undefined,
    });
  });

  it('joins a function folder’s handler.js and function.json, naming the handler file', async () => {
    const code = 'function OnUpdate(doc, meta) {}\n';
    const dir = await folder({ 'handler.js': code, 'function.json': JSON.stringify([DEFINITION]) });
    const loaded = await loadDefinition(dir);
    expect(loaded.handlerFile).toBe(relative(process.cwd(), join(dir, 'handler.js')));
    expect(parseDefinition(loaded.definition).definition).toMatchObject({
      appname: 'enrich',
      appcode: code,
    });
  });

  it('refuses a function.json that carries code of its own', async () => {
    const dir = await folder({
      'handler.js': '',
      'function.json': JSON.stringify({ ...DEFINITION, appcode: 'x' }),
    });
    await expect(loadDefinition(dir)).rejects.toMatchObject({
      code: 'DEFINITION_INVALID',
      hint: expect.stringContaining('remove appcode from function.json'),
    });
  });

  it('says which file of a folder is missing', async () => {
    const dir = await folder({ 'function.json': JSON.stringify(DEFINITION) });
    await expect(loadDefinition(dir)).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
      message: `Cannot read ${join(dir, 'handler.js')}`,
    });
  });

  it('leaves a function.json that is not JSON to the parser, which says where it breaks', async () => {
    const dir = await folder({ 'handler.js': 'x', 'function.json': '{"appname": ' });
    const loaded = await loadDefinition(dir);
    expect(() => parseDefinition(loaded.definition)).toThrow(
      expect.objectContaining({ code: 'DEFINITION_INVALID' }),
    );
  });
});

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appcodeGetCommand, appcodeSetCommand } from '../../../src/cli/commands/appcode.ts';
import { fn, servedClient } from '../../client/client-harness.ts';
import { capture } from '../cli-harness.ts';

// `eventing-dev settings|keyspaces|appcode get|set` in process, against serve.

async function oneFunction(overrides: Record<string, unknown> = {}) {
  const served = await servedClient();
  await served.client.saveFunction(fn('a', overrides));
  return { ...served, flags: { cluster: served.h.running.url } };
}

describe('appcode', () => {
  it('prints the code as it is, or writes it to a file', async () => {
    const { flags } = await oneFunction();
    const code = fn('a').appcode;
    const out = capture();
    expect(await appcodeGetCommand('a', undefined, flags, out.context)).toBe(0);
    expect(out.captured.out).toBe(code);
    const toFile = capture();
    await appcodeGetCommand('a', 'handler.js', flags, toFile.context);
    expect(readFileSync(join(toFile.context.cwd, 'handler.js'), 'utf8')).toBe(code);
    expect(toFile.captured.out).toBe(
      `Wrote the appcode of a to handler.js (${Buffer.byteLength(code)} bytes)\n`,
    );
  });

  it('replaces the code from a file or standard input, and relays compile errors', async () => {
    const { flags, client } = await oneFunction();
    const { context, captured } = capture();
    const code = 'function OnUpdate(doc, meta) {\n  log("new");\n}\n';
    writeFileSync(join(context.cwd, 'handler.js'), code);
    expect(await appcodeSetCommand('a', 'handler.js', flags, context)).toBe(0);
    expect(captured.out).toBe(`Stored the appcode of a (${Buffer.byteLength(code)} bytes)\n`);
    expect(await client.getAppcode('a')).toBe(code);
    const piped = capture();
    const fromStdin = 'function OnDelete(meta) {}\n';
    expect(
      await appcodeSetCommand(
        'a',
        '-',
        { ...flags, json: true },
        piped.context,
        async () => fromStdin,
      ),
    ).toBe(0);
    expect(JSON.parse(piped.captured.out)).toMatchObject({ name: 'a', bytes: fromStdin.length });
    expect(await client.getAppcode('a')).toBe(fromStdin);
    const broken = capture();
    expect(
      await appcodeSetCommand('a', '-', flags, broken.context, async () => 'function OnUpdate( {'),
    ).toBe(1);
    expect(broken.captured.err).toMatch(
      /\(ERR_HANDLER_COMPILATION, HTTP 422\)\n {2}stdin:2:1: SyntaxError: Unexpected end of input\n {4}1 \| function OnUpdate\( \{\n {4} {2}\| {21}\^\nhint: Fix the code at that position/,
    );
  });
});

describe('appcode set with a file that cannot be read', () => {
  it('says what is wrong with the path in one line, with a hint', async () => {
    const { flags } = await oneFunction();
    const { context, captured } = capture();
    expect(await appcodeSetCommand('a', 'missing.js', flags, context)).toBe(1);
    expect(captured.err).toBe(
      `error: ${join(context.cwd, 'missing.js')} does not exist\nhint: Check the path (relative paths start in the current folder).\n`,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { lifecycleCommand, statusCommand } from '../../../src/cli/commands/functions-lifecycle.ts';
import { fn, servedClient } from '../../client/client-harness.ts';
import { heldTransitions } from '../../server/serve-harness.ts';
import { capture } from '../cli-harness.ts';

// `eventing-dev functions ...` in process, against serve: what each prints, human and --json,
// and the exit code.

const DEPLOYED = { settings: { deployment_status: true, processing_status: true } };
const SCOPED = { function_scope: { bucket: 'travel', scope: 'inventory' } };

async function seeded(transitions?: ReturnType<typeof heldTransitions>) {
  const served = await servedClient(transitions ? { transitions } : {});
  await served.client.saveFunction(fn('enrich', DEPLOYED));
  await served.client.saveFunction(fn('audit', SCOPED));
  await transitions?.release();
  await served.client.waitForStatus('enrich', 'deployed');
  return { ...served, flags: { cluster: served.h.running.url } };
}

describe('lifecycle commands', () => {
  it('deploys and waits, telling each state on stderr, and reports a function already there', async () => {
    // The deploy is held until the command has polled once and slept: it shows `deploying`.
    const transitions = heldTransitions();
    const { flags, client } = await seeded(transitions);
    const { context, captured } = capture({ sleep: () => transitions.release() });
    expect(
      await lifecycleCommand('deploy', ['travel/inventory/audit', 'enrich'], flags, context),
    ).toBe(0);
    expect(captured.out).toMatch(
      /^travel\/inventory\/audit deployed \(\d+\.\d s\)\nenrich was already deployed\n$/,
    );
    expect(captured.err).toBe('audit: deploying…\n');
    expect((await client.getStatus('travel/inventory/audit')).composite_status).toBe('deployed');
  });

  it('pauses, resumes and undeploys; --json lists what happened', async () => {
    const { flags, client } = await seeded();
    for (const operation of ['pause', 'resume', 'undeploy'] as const) {
      const { context, captured } = capture();
      expect(await lifecycleCommand(operation, ['enrich'], { ...flags, json: true }, context)).toBe(
        0,
      );
      const [result] = JSON.parse(captured.out);
      expect(result).toMatchObject({ name: 'enrich', operation, already_in_state: false });
      expect(captured.err).toBe('');
    }
    expect((await client.getStatus('enrich')).composite_status).toBe('undeployed');
  });

  it('returns at once with --no-wait, saying where the function is', async () => {
    const transitions = heldTransitions();
    const served = await servedClient({ transitions });
    await served.client.saveFunction(fn('a'));
    const { context, captured } = capture();
    const flags = { cluster: served.h.running.url, wait: false };
    expect(await lifecycleCommand('deploy', ['a'], flags, context)).toBe(0);
    expect(captured.out).toBe('a: deploy requested; now deploying (not waiting)\n');
    await transitions.release();
  });

  it('fails with the server’s refusal when the operation cannot be done', async () => {
    const { flags } = await seeded();
    const { context, captured } = capture();
    expect(await lifecycleCommand('pause', ['travel/inventory/audit'], flags, context)).toBe(1);
    expect(captured.err).toBe(
      'error: state transition not possible (ERR_INVALID_REQUEST, HTTP 400)\n' +
        'hint: The function is changing state; wait for it (eventing-dev functions status travel/inventory/audit) and retry.\n',
    );
  });
});

describe('functions status', () => {
  it('prints every function’s status, or the ones named, as a table or JSON', async () => {
    const { flags } = await seeded();
    const all = capture();
    await statusCommand([], flags, all.context);
    expect(all.captured.out).toBe(
      [
        'NAME                    STATUS      NODES  BOOTSTRAPPING',
        'enrich                  deployed    1/1    -',
        'travel/inventory/audit  undeployed  1/1    -',
        '',
      ].join('\n'),
    );
    const one = capture();
    await statusCommand(['enrich'], { ...flags, json: true }, one.context);
    expect(JSON.parse(one.captured.out)).toEqual([
      expect.objectContaining({
        name: 'enrich',
        composite_status: 'deployed',
        deployment_status: true,
      }),
    ]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../../src/emulator/emulator.ts';
import { FunctionRefusal } from '../../src/emulator/refusal.ts';
import { createManualTransitions, type ManualTransitions } from '../../src/emulator/transitions.ts';
import { EventingDevError } from '../../src/errors.ts';
import { catalogueEntry } from '../../src/server/error-catalogue.ts';
import { definition, type Harness, heldTransitions, serve } from './serve-harness.ts';

// The lifecycle has one owner: random sequences of saves, imports, lifecycle calls, deletes,
// appcode and settings changes, sent through the REST API of serve and through the test API,
// end in the same statuses with the same refusals on both faces.

type Flags = [boolean, boolean];
type Step =
  | { kind: 'create' | 'import'; name: string; flags: Flags; code: number }
  | { kind: 'deploy' | 'undeploy' | 'pause' | 'resume' | 'delete'; name: string }
  | { kind: 'appcode'; name: string; code: number }
  | { kind: 'settings'; name: string; settings: Record<string, unknown> }
  | { kind: 'step' };

const CODES = [
  "function OnUpdate(doc, meta) {\n  log('saw', meta.id);\n}\n",
  "function OnUpdate(doc, meta) {\n  log('other', meta.id);\n}\n",
];

// Mostly one function, so that sequences reach deep into its lifecycle; sometimes a second.
const names = fc.constantFrom('f1', 'f1', 'f1', 'f2');
const flags = fc.constantFrom<Flags>([false, false], [true, true], [true, false], [false, true]);
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('create' as const, 'import' as const),
    name: names,
    flags,
    code: fc.constantFrom(0, 1),
  }),
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constantFrom(
        'deploy' as const,
        'undeploy' as const,
        'pause' as const,
        'resume' as const,
        'delete' as const,
      ),
      name: names,
    }),
  },
  fc.record({ kind: fc.constant('appcode' as const), name: names, code: fc.constantFrom(0, 1) }),
  fc.record({
    kind: fc.constant('settings' as const),
    name: names,
    settings: fc.constantFrom<Record<string, unknown>>(
      { description: 'changed' },
      { worker_count: 2 },
      { dcp_stream_boundary: 'from_now' },
      { deployment_status: true, processing_status: false },
      { deployment_status: false, processing_status: false },
    ),
  }),
  { arbitrary: fc.constant({ kind: 'step' as const }), weight: 3 },
);

function definitionOf(name: string, flagPair: Flags, code: number) {
  return definition(name, {
    appcode: CODES[code],
    settings: { deployment_status: flagPair[0], processing_status: flagPair[1] },
  });
}

/** What the REST API answered, normalised: `ok`, `not found`, or `<code> <description>`. */
async function viaRest(h: Harness, transitions: ManualTransitions, s: Step): Promise<string> {
  if (s.kind === 'step') return String(await transitions.step());
  const answer = await (() => {
    switch (s.kind) {
      case 'create':
        return h.call('POST', `/api/v1/functions/${s.name}`, {
          body: definitionOf(s.name, s.flags, s.code),
        });
      case 'import':
        return h.call('POST', '/api/v1/import', { body: [definitionOf(s.name, s.flags, s.code)] });
      case 'delete':
        return h.call('DELETE', `/api/v1/functions/${s.name}`);
      case 'appcode':
        return h.call('POST', `/api/v1/functions/${s.name}/appcode`, { body: CODES[s.code] });
      case 'settings':
        return h.call('POST', `/api/v1/functions/${s.name}/settings`, { body: s.settings });
      default:
        return h.call('POST', `/api/v1/functions/${s.name}/${s.kind}`);
    }
  })();
  const body = answer.json() as Record<string, unknown>;
  if (s.kind === 'import') {
    const [result] = body as unknown as Array<{ code: number; info?: unknown }>;
    return result?.code === 0 ? 'ok' : `${result?.code} ${String(result?.info)}`;
  }
  if (answer.status === 200) return 'ok';
  if (body.name === 'ERR_APP_NOT_FOUND' || body.name === 'ERR_APP_NOT_FOUND_TS') return 'not found';
  return `${String(body.code)} ${String(body.description)}`;
}

/** The same request through the test API, normalised the same way. */
async function viaTests(em: Emulator, transitions: ManualTransitions, s: Step): Promise<string> {
  if (s.kind === 'step') return String(await transitions.step());
  try {
    switch (s.kind) {
      case 'create':
      case 'import':
        await em.store(definitionOf(s.name, s.flags, s.code));
        break;
      case 'delete':
        await em.delete(s.name);
        break;
      case 'appcode':
        await em.setAppcode(s.name, CODES[s.code] as string);
        break;
      case 'settings': {
        const { definition: current } = em.function(s.name);
        await em.store({ ...current, settings: { ...current.settings, ...s.settings } });
        break;
      }
      default:
        em.begin(s.name, s.kind);
    }
    return 'ok';
  } catch (error) {
    if (error instanceof FunctionRefusal) {
      return `${catalogueEntry(error.errorName).code} ${error.description}`;
    }
    if (error instanceof EventingDevError && error.code === 'FUNCTION_NOT_FOUND')
      return 'not found';
    throw error;
  }
}

async function restStatuses(h: Harness): Promise<Record<string, string>> {
  const { apps } = (await h.call('GET', '/api/v1/status')).json() as {
    apps: Array<{ name: string; composite_status: string }>;
  };
  return Object.fromEntries(apps.map((app) => [app.name, app.composite_status]));
}

function testStatuses(em: Emulator): Record<string, string> {
  return Object.fromEntries(
    [...em.functions].sort((a, b) => (a.name < b.name ? -1 : 1)).map((fn) => [fn.name, fn.status]),
  );
}

describe('one lifecycle, two faces', () => {
  it('ends in the same statuses with the same refusals through REST and through the test API', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 16 }), async (generated) => {
        const steps: Step[] = [
          { kind: 'create', name: 'f1', flags: [false, false], code: 0 },
          ...generated,
        ];
        const restTransitions = heldTransitions();
        const h = await serve({ transitions: restTransitions });
        const testTransitions = createManualTransitions();
        const em = await createEmulator({ transitions: testTransitions });
        try {
          for (const s of steps) {
            const rest = await viaRest(h, restTransitions, s);
            const tests = await viaTests(em, testTransitions, s);
            expect({ step: s, answer: tests }).toEqual({ step: s, answer: rest });
            expect(testStatuses(em)).toEqual(await restStatuses(h));
          }
        } finally {
          await em.dispose();
          await h.running.close();
        }
      }),
      { numRuns: 30 },
    );
  });
});

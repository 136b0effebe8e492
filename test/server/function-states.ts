import { expect } from 'vitest';
import { definition, expectOk, type Harness, heldTransitions, serve } from './serve-harness.ts';

// A service holding function `fn` in a chosen lifecycle state, transitions held by the test.

export type State =
  | 'undeployed'
  | 'deploying'
  | 'deployed'
  | 'pausing'
  | 'paused'
  | 'resuming'
  | 'undeploying';

const STEPS: Record<State, Array<'deploy' | 'pause' | 'resume' | 'undeploy' | 'release'>> = {
  undeployed: [],
  deploying: ['deploy'],
  deployed: ['deploy', 'release'],
  pausing: ['deploy', 'release', 'pause'],
  paused: ['deploy', 'release', 'pause', 'release'],
  resuming: ['deploy', 'release', 'pause', 'release', 'resume'],
  undeploying: ['deploy', 'release', 'undeploy'],
};

/** A service holding function `fn` in `state`. */
export async function inState(state: State) {
  const transitions = heldTransitions();
  const harness = await serve({ transitions });
  expectOk(await harness.call('POST', '/api/v1/functions/fn', { body: definition('fn') }));
  for (const step of STEPS[state]) {
    if (step === 'release') await transitions.release();
    else expectOk(await harness.call('POST', `/api/v1/functions/fn/${step}`));
  }
  expect(await composite(harness)).toBe(state);
  return { ...harness, transitions };
}

export async function composite(harness: Harness, name = 'fn'): Promise<string> {
  const answer = await harness.call('GET', `/api/v1/status/${name}`);
  return (answer.json() as { app: { composite_status: string } }).app.composite_status;
}

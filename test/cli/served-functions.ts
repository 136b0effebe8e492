import { expect } from 'vitest';
import { fn, servedClient } from '../client/client-harness.ts';
import { docPath } from '../server/serve-harness.ts';

// Serve with a few functions in place, for the management commands' in-process tests.

const DEPLOYED = { settings: { deployment_status: true, processing_status: true } };
const SCOPED = { function_scope: { bucket: 'travel', scope: 'inventory' } };

/** `a` deployed (its log has `lines` lines, one per document it saw) and `idle` undeployed. */
export async function withLog(lines: number) {
  const served = await servedClient();
  await served.client.saveFunction(fn('a', DEPLOYED));
  await served.client.saveFunction(fn('idle'));
  await served.client.waitForStatus('a', 'deployed');
  const put = async (i: number) => {
    const answer = await served.h.call('PUT', docPath('src', `k${i}`), { body: { i } });
    expect(answer.status).toBe(200);
  };
  for (let i = 0; i < lines; i++) await put(i);
  return { ...served, put, flags: { cluster: served.h.running.url } };
}

/** `enrich` deployed, and `audit` undeployed in the travel.inventory function scope. */
export async function seeded() {
  const served = await servedClient();
  await served.client.saveFunction(fn('enrich', DEPLOYED));
  await served.client.saveFunction(fn('audit', SCOPED));
  await served.client.waitForStatus('enrich', 'deployed');
  return { ...served, flags: { cluster: served.h.running.url } };
}

import {
  createEmulator,
  type Emulator,
  type EmulatorOptions,
  type EventingFunction,
} from '../../src/index.ts';
import { defineFunction, type FunctionSpec } from '../../src/testing/index.ts';
import { afterEachTest } from './after-each-test.ts';

const open: Emulator[] = [];

afterEachTest(async () => {
  await Promise.all(open.splice(0).map((em) => em.dispose()));
});

/** A fresh emulator on a manual clock, disposed after the test. */
export async function emulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const em = await createEmulator({ now: '2026-01-01T00:00:00Z', ...options });
  open.push(em);
  return em;
}

/** A definition listening to `src` with a read-write binding `dst`, unless told otherwise. */
export function handler(code: string, spec: Partial<FunctionSpec> = {}) {
  return defineFunction({ name: 'fn', source: 'src', buckets: { dst: 'dst' }, code, ...spec });
}

/** Deploys `code` on a fresh emulator. */
export async function deployed(
  code: string,
  spec: Partial<FunctionSpec> = {},
  options: EmulatorOptions = {},
) {
  const em = await emulator(options);
  const fn = await em.deploy(handler(code, spec));
  return { em, fn };
}

/** The text of each app log line, without the timestamp and level. */
export function logged(fn: EventingFunction): string[] {
  return fn.logs.map((line) => line.replace(/^\S+ \[INFO\] /, ''));
}

/** Each app log line parsed back from `log(JSON.stringify(x))`-free `log(x)` output of one argument. */
export function loggedValues(fn: EventingFunction): unknown[] {
  return logged(fn).map((text) => JSON.parse(text.trimEnd()));
}

import { randomBytes } from 'node:crypto';
import type { FunctionDefinition } from '../definition/types.ts';
import type { CompositeStatus } from '../emulator/managed-function.ts';
import { type FunctionLocation, formatLocation } from './location.ts';

// One function as the REST API knows it, beside the emulator's own view of it.

/** The transitional states the local service shows while it holds a lifecycle change. */
export type TransitionState = 'deploying' | 'undeploying' | 'pausing' | 'resuming';

/** One function as the REST API knows it. */
export interface FunctionRecord {
  readonly location: FunctionLocation;
  /** The emulator's name for it (its appname there); unique across function scopes. */
  readonly internalName: string;
  /** As stored; `settings.deployment_status`/`processing_status` are the lifecycle intent. */
  definition: FunctionDefinition;
  handleruuid: number;
  instanceId: string;
  transition: TransitionState | undefined;
}

/** The status flags of each resting state. */
export const INTENT = {
  deploy: { deployment_status: true, processing_status: true },
  pause: { deployment_status: true, processing_status: false },
  undeploy: { deployment_status: false, processing_status: false },
} as const;

/** The status flags that say where a function rests. */
export function intentOf(status: CompositeStatus) {
  if (status === 'deployed') return INTENT.deploy;
  return status === 'paused' ? INTENT.pause : INTENT.undeploy;
}

/** The stored definition as the emulator knows it: under its internal name. */
export function forEmulator(
  record: FunctionRecord,
  definition: FunctionDefinition,
): FunctionDefinition {
  return { ...definition, appname: record.internalName };
}

/** The handler's file name in stack traces and the app log. */
export function fileOf(location: FunctionLocation): string {
  return `${formatLocation(location)}.js`;
}

/**
 * An internal name for a new function: its own name when no other function has it, else the
 * name with a suffix (functions of one name in several scopes).
 */
export function allocateName(taken: readonly string[], name: string): string {
  const used = new Set(taken);
  if (!used.has(name)) return name;
  for (let n = 2; ; n++) {
    const candidate = `${name.slice(0, 90)}-${n}`;
    if (!used.has(candidate)) return candidate;
  }
}

/** A server-generated `handleruuid`: an unsigned 32-bit number. */
export function newHandlerUuid(): number {
  return randomBytes(4).readUInt32BE();
}

/** A `function_instance_id` in the 8.x form `<handleruuid>-<random>`. */
export function newInstanceId(handleruuid: number): string {
  return `${handleruuid}-${randomBytes(6).toString('base64url')}`;
}

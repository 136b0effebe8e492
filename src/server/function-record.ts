import type { FunctionDefinition } from '../definition/types.ts';
import type { EventingFunction } from '../emulator/eventing-function.ts';
import { type FunctionLocation, formatLocation } from './location.ts';

// One function as the REST API sees it: a read-only view of the emulator's function under its
// location. The emulator knows functions by a unique internal name (a name can be taken in
// several function scopes); everything else — definition, status, ids — is the emulator's.

/** Where a function lives and the emulator's name for it. */
export interface FunctionName {
  readonly location: FunctionLocation;
  /** The emulator's name for it (its appname there); unique across function scopes. */
  readonly internalName: string;
}

/** One function as the REST API knows it, taken from the emulator when asked for. */
export interface FunctionRecord extends FunctionName {
  /** As the REST API shows it: appname and function scope from the location. */
  readonly definition: FunctionDefinition;
  readonly handleruuid: number;
  readonly instanceId: string;
  readonly function: EventingFunction;
}

/** The record of a named function, from the emulator's function. */
export function recordOf(name: FunctionName, fn: EventingFunction): FunctionRecord {
  return {
    ...name,
    definition: { ...fn.definition, appname: name.location.name },
    handleruuid: fn.handleruuid,
    instanceId: fn.instanceId,
    function: fn,
  };
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

// The shim's entry module. The host calls these exports, in this order, while building a
// function's isolate: setup → (constants script) → installBuckets → (user script) → bindHandlers;
// then dispatch for every batch of events.
import { bindHandlers, dispatch, useProgressBuffer } from './dispatch.js';
import { installBucketBindings, installGlobals } from './globals.js';
import { shimState } from './state.js';
import { useWriteLog } from './write-log.js';

/** @type {import('./globals.js').ShimConfig | undefined} */
let config;

/**
 * @param {import('../door-protocol.ts').Door} door
 * @param {string} configJson
 * @param {SharedArrayBuffer} progressBuffer
 * @param {import('./state.js').AsyncDoor | undefined} asyncDoor
 * @param {import('../door-protocol.ts').Door} sendingDoor the door, not waiting for answers
 * @param {SharedArrayBuffer} writeLogBuffer where writes known to land are logged (write-log.js)
 */
export function setup(door, configJson, progressBuffer, asyncDoor, sendingDoor, writeLogBuffer) {
  shimState.door = door;
  shimState.sendingDoor = sendingDoor;
  shimState.asyncDoor = asyncDoor;
  config = JSON.parse(configJson);
  shimState.config = /** @type {import('./globals.js').ShimConfig} */ (config).runtime;
  useProgressBuffer(progressBuffer);
  useWriteLog(writeLogBuffer);
  installGlobals(/** @type {import('./globals.js').ShimConfig} */ (config));
}

export function installBuckets() {
  installBucketBindings(/** @type {import('./globals.js').ShimConfig} */ (config));
}

export { bindHandlers, dispatch };

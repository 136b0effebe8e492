import { invalid, isObject } from './accessor-arguments.js';

// couchbase.MutateInSpec and couchbase.LookupInSpec (spec runtime §4.8): builders of plain spec
// objects, and the checks mutateIn and lookupIn make of the specs they are given.

/** @typedef {import('../door-protocol.ts').SubdocSpecRequest} SubdocSpecRequest */

/** spec_type of each MutateInSpec builder. */
const MUTATE_TYPES = {
  insert: 1,
  upsert: 2,
  replace: 3,
  remove: 4,
  arrayAppend: 5,
  arrayPrepend: 6,
  arrayInsert: 7,
  arrayAddUnique: 8,
};

/** The builder namespaces, with the server's non-enumerable `create` helpers. */
export function createSpecBuilders() {
  const MutateInSpec = {};
  /** @param {number} specType @param {unknown} path @param {unknown} value @param {unknown} options */
  function createMutate(specType, path, value, options) {
    /** @type {Record<string, unknown>} */
    const spec = { spec_type: specType };
    spec.path = path;
    spec.value = JSON.stringify(value);
    if (options !== undefined) spec.options = options;
    return spec;
  }
  Object.defineProperty(MutateInSpec, 'create', { enumerable: false, value: createMutate });
  for (const [name, type] of Object.entries(MUTATE_TYPES)) {
    const builder =
      name === 'remove'
        ? /** @param {unknown} path @param {unknown} options */
          (path, options) => createMutate(type, path, undefined, options)
        : /** @param {unknown} path @param {unknown} value @param {unknown} options */
          (path, value, options) => createMutate(type, path, value, options);
    Object.defineProperty(builder, 'name', { value: name });
    /** @type {Record<string, unknown>} */ (MutateInSpec)[name] = builder;
  }

  const LookupInSpec = {};
  /** @param {number} specType @param {unknown} path @param {unknown} options */
  function createLookup(specType, path, options) {
    /** @type {Record<string, unknown>} */
    const spec = { spec_type: specType };
    spec.path = path;
    if (options !== undefined) spec.options = options;
    return spec;
  }
  Object.defineProperty(LookupInSpec, 'create', { enumerable: false, value: createLookup });
  /** @type {Record<string, unknown>} */ (LookupInSpec).get = function get(
    /** @type {unknown} */ path,
    /** @type {unknown} */ options,
  ) {
    return createLookup(1, path, options);
  };
  return { MutateInSpec, LookupInSpec };
}

/**
 * Checks the specs of mutateIn or lookupIn and turns them into door requests. lookupIn words
 * its messages in lower case.
 * fidelity: the order of the checks within a spec, and lower case beyond the two traced lookupIn
 * messages, are inferred.
 * @param {unknown} specs
 * @param {'mutateIn' | 'lookupIn'} kind
 * @param {Function} below
 * @returns {SubdocSpecRequest[]}
 */
export function checkSpecs(specs, kind, below) {
  const lookup = kind === 'lookupIn';
  /** @param {string} message @returns {never} */
  const refuse = (message) =>
    invalid('TypeError', lookup ? message[0]?.toLowerCase() + message.slice(1) : message, below);
  if (!Array.isArray(specs)) {
    return refuse(
      `the '${lookup ? 'LookupInSpecs' : 'MutateInSpecs'}' parameter should be an array`,
    );
  }
  return specs.map((spec) => {
    if (!isObject(spec)) refuse('Array elements should be an object');
    if (!('spec_type' in spec) || !('path' in spec)) refuse('field not provided');
    const type = spec.spec_type;
    if (!Number.isInteger(type)) refuse("'spec_type' should be an integer");
    const known = lookup ? type === 1 : type >= 1 && type <= MUTATE_TYPES.arrayAddUnique;
    if (!known) refuse('Invalid specs');
    const needsValue = !lookup && type !== MUTATE_TYPES.remove;
    if (needsValue && spec.value === undefined) refuse('field not provided');
    const { createPath, xattr } = specOptions(spec.options, refuse);
    const path = String(spec.path);
    if (xattr) checkXattrPath(path, below);
    /** @type {SubdocSpecRequest} */
    const request = { type, path, createPath, xattr };
    if (needsValue) request.value = String(spec.value);
    return request;
  });
}

/**
 * @param {unknown} options
 * @param {(message: string) => never} refuse
 */
function specOptions(options, refuse) {
  if (options === undefined) return { createPath: false, xattr: false };
  if (!isObject(options)) refuse('Option elements should be an object');
  const flag = /** @param {string} name @param {string} message */ (name, message) => {
    if (!(name in options)) return false;
    if (typeof options[name] !== 'boolean') refuse(message);
    return options[name];
  };
  return {
    createPath: flag('create_path', 'create_path must be a boolean value'),
    xattr: flag('xattrs', 'xattr must be a boolean value'),
  };
}

/** User xattrs only, and a short attribute name. @param {string} path @param {Function} below */
function checkXattrPath(path, below) {
  if (path.startsWith('_')) invalid('TypeError', 'XATTR path cannot start with underscore', below);
  const name = path.split(/[.[]/, 1)[0] ?? '';
  if (name.length >= 16) {
    invalid('TypeError', 'XATTR key size must be less than 16 characters', below);
  }
}

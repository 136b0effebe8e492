import { compareStrings, defineField } from '../collation.ts';
import {
  copyValue,
  type FunctionFamily,
  isAnything,
  isJsonObject,
  isString,
  lenient,
  sameValue,
  strict,
  typed,
} from './function-values.ts';

// Object functions (Query docs: Object Functions; couchbase/query `expression/func_obj.go`).
// Names come back sorted, as the server sorts an object's fields.

type JsonObject = Record<string, unknown>;

const sortedNames = (object: JsonObject) => Object.keys(object).sort(compareStrings);

/** A copy of `object` with `change` applied; the document itself is never changed. */
function edited(object: JsonObject, change: (copy: JsonObject) => void): JsonObject {
  const copy = copyValue(object);
  change(copy);
  return copy;
}

export const OBJECT_FUNCTIONS: FunctionFamily = {
  OBJECT_ADD: strict(
    3,
    3,
    typed(
      [isJsonObject, isString, isAnything],
      (object: JsonObject, name: string, value: unknown) =>
        Object.hasOwn(object, name)
          ? object
          : edited(object, (copy) => defineField(copy, name, value)),
    ),
  ),
  OBJECT_PUT: strict(
    3,
    3,
    typed(
      [isJsonObject, isString, isAnything],
      (object: JsonObject, name: string, value: unknown) =>
        edited(object, (copy) => defineField(copy, name, value)),
    ),
  ),
  OBJECT_REMOVE: strict(
    2,
    Infinity,
    typed([isJsonObject, isString], (object: JsonObject, ...names: string[]) =>
      edited(object, (copy) => {
        for (const name of names) delete copy[name];
      }),
    ),
  ),
  OBJECT_RENAME: strict(
    3,
    3,
    typed([isJsonObject, isString, isString], (object: JsonObject, from: string, to: string) =>
      !Object.hasOwn(object, from)
        ? object
        : edited(object, (copy) => {
            const value = copy[from];
            delete copy[from];
            defineField(copy, to, value);
          }),
    ),
  ),
  OBJECT_REPLACE: strict(3, 3, ([object, from, to]) =>
    isJsonObject(object)
      ? edited(object, (copy) => {
          for (const name of Object.keys(copy)) if (sameValue(copy[name], from)) copy[name] = to;
        })
      : null,
  ),
  OBJECT_CONCAT: strict(
    2,
    Infinity,
    typed([isJsonObject], (...objects: JsonObject[]) => Object.assign({}, ...copyValue(objects))),
  ),
  OBJECT_LENGTH: strict(
    1,
    1,
    typed([isJsonObject], (object: JsonObject) => Object.keys(object).length),
  ),
  OBJECT_NAMES: strict(1, 1, typed([isJsonObject], sortedNames)),
  OBJECT_VALUES: strict(
    1,
    1,
    typed([isJsonObject], (object: JsonObject) => sortedNames(object).map((name) => object[name])),
  ),
  OBJECT_PAIRS: strict(
    1,
    1,
    typed([isJsonObject], (object: JsonObject) =>
      sortedNames(object).map((name) => ({ name, val: object[name] })),
    ),
  ),
  OBJECT_UNWRAP: lenient(1, 1, ([object]) => {
    if (!isJsonObject(object)) return object === undefined ? undefined : null;
    const names = Object.keys(object);
    return names.length === 1 ? object[names[0]!] : null;
  }),
};

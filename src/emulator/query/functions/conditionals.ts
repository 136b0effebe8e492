import { type FunctionFamily, lenient, sameValue } from './function-values.ts';

// Conditional functions for unknowns (Query docs: Conditional Functions for Unknowns;
// couchbase/query `expression/func_cond_unknown.go`): they look at MISSING and NULL themselves.

const valued = (value: unknown) => value !== undefined && value !== null;

/** The first argument that `keep` accepts, else NULL. */
function firstWhere(keep: (value: unknown) => boolean) {
  return lenient(2, Infinity, (args) => {
    for (const value of args) if (keep(value)) return value;
    return null;
  });
}

const ifMissingOrNull = firstWhere(valued);

export const CONDITIONAL_FUNCTIONS: FunctionFamily = {
  IFMISSING: firstWhere((value) => value !== undefined),
  IFMISSINGORNULL: ifMissingOrNull,
  COALESCE: ifMissingOrNull,
  // IFNULL may give MISSING: only NULL is skipped.
  IFNULL: lenient(2, Infinity, (args) => {
    for (const value of args) if (value !== null) return value;
    return null;
  }),
  NVL: lenient(2, 2, ([value, otherwise]) => (valued(value) ? value : otherwise)),
  NVL2: lenient(3, 3, ([value, then, otherwise]) => (valued(value) ? then : otherwise)),
  MISSINGIF: lenient(2, 2, ([a, b]) => {
    if (!valued(a) || !valued(b)) return a === undefined || b === undefined ? undefined : null;
    return sameValue(a, b) ? undefined : a;
  }),
  NULLIF: lenient(2, 2, ([a, b]) => {
    if (!valued(a) || !valued(b)) return a === undefined || b === undefined ? undefined : null;
    return sameValue(a, b) ? null : a;
  }),
};

import type { StatementContext } from '../query-store.ts';
import { ARRAY_FUNCTIONS } from './arrays.ts';
import { CONDITIONAL_FUNCTIONS } from './conditionals.ts';
import { DATE_FUNCTIONS } from './dates.ts';
import type { SqlFunction } from './function-values.ts';
import { NUMBER_FUNCTIONS } from './numbers.ts';
import { OBJECT_FUNCTIONS } from './objects.ts';
import { STRING_FUNCTIONS } from './strings.ts';
import { TYPE_FUNCTIONS } from './types.ts';

// The SQL++ function library of the evaluator: every function it knows, by upper-case name.
// docs/fidelity.md lists the families; any other function is refused when the statement is
// parsed, with an error that names it and points at em.query.on.

const LIBRARY: ReadonlyMap<string, SqlFunction> = new Map(
  Object.entries({
    ...STRING_FUNCTIONS,
    ...NUMBER_FUNCTIONS,
    ...DATE_FUNCTIONS,
    ...ARRAY_FUNCTIONS,
    ...OBJECT_FUNCTIONS,
    ...CONDITIONAL_FUNCTIONS,
    ...TYPE_FUNCTIONS,
  }),
);

/** The function called `name` (any case), if the library has it. */
export function libraryFunction(name: string): SqlFunction | undefined {
  return LIBRARY.get(name.toUpperCase());
}

/**
 * Calls a library function on evaluated arguments.
 *
 * @example
 * callFunction('UPPER', ['ada'], context); // 'ADA'
 */
export function callFunction(name: string, args: unknown[], context: StatementContext): unknown {
  const fn = LIBRARY.get(name);
  if (!fn) throw new Error(`no SQL++ function ${name}`);
  return fn.evaluate(args, context);
}

import { EventingDevError } from '../errors.ts';
import { ServiceError } from './error-catalogue.ts';

/**
 * The compile-status object the server puts in the `description` of ERR_HANDLER_COMPILATION
 * (spec §2.5), keys in the server's order.
 */
export interface CompileStatus {
  area: string;
  column_number: number;
  compile_success: false;
  description: string;
  index: number;
  language: 'JavaScript';
  line_number: number;
}

const LOCATION = /:(\d+):(\d+)$/;

/**
 * Turns the emulator's HANDLER_INVALID (problems at `file:line:column`) into the 422 the REST
 * API answers; any other error is returned as it is.
 */
export function compileFailure(error: unknown, appcode: string): unknown {
  if (!(error instanceof EventingDevError) || error.code !== 'HANDLER_INVALID') return error;
  const problem = error.problems[0];
  const match = problem ? LOCATION.exec(problem.path) : null;
  const line = match ? Number(match[1]) : 1;
  const column = match ? Number(match[2]) : 1;
  const status: CompileStatus = {
    // fidelity: the server's V8 side fills `area` and `index`, which the spec could not trace;
    // here `area` is always handlerCode and `index` the offset of line:column in the appcode.
    area: 'handlerCode',
    column_number: column,
    compile_success: false,
    description: problem?.message ?? error.message,
    index: offsetOf(appcode, line, column),
    language: 'JavaScript',
    line_number: line,
  };
  return new ServiceError('ERR_HANDLER_COMPILATION', status);
}

/** The 0-based character offset of a 1-based line and column. */
function offsetOf(code: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const next = code.indexOf('\n', offset);
    if (next < 0) return code.length;
    offset = next + 1;
  }
  return Math.min(code.length, offset + Math.max(0, column - 1));
}

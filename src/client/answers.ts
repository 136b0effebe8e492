import { EventingDevError } from '../errors.ts';
import type { Answer } from './http-transport.ts';
import type { ApiMessage, ImportResult } from './types.ts';

// Reading successful answers. JSON bodies are the "payload" or "message" shapes of spec
// rest-api.md §1.2; 6.6/7.0 answer several routes with an empty 200 body.

/** The JSON document of an answer. */
export function readJson<T>(answer: Answer, what: string): T {
  try {
    return JSON.parse(answer.text) as T;
  } catch {
    throw new EventingDevError(
      'API_ERROR',
      `The server answered ${what} with something that is not JSON: ${answer.text.slice(0, 120)}`,
      { hint: 'Check that the URL points at the Eventing service (port 8096 or 18096).' },
    );
  }
}

/** The "message" shape; an empty body (6.6/7.0) reads as `{code: 0}`. */
export function readMessage(answer: Answer, what: string): ApiMessage {
  if (answer.text.trim() === '') return { code: 0 };
  const value = readJson<unknown>(answer, what);
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && 'code' in value) {
    return value as ApiMessage;
  }
  // 7.x global config answers {"restart": false}; keep whatever came as `info`.
  return { code: 0, info: value };
}

/**
 * The per-function results of a bulk create, import or restore. 7.1–7.6 refuse an import that
 * stored nothing with a 400 whose description is that same list; the caller passes the list.
 */
export function readResults(answer: Answer, what: string): ImportResult[] {
  const value = readJson<unknown>(answer, what);
  return Array.isArray(value) ? (value as ImportResult[]) : [value as ImportResult];
}

import { stripVTControlCharacters } from 'node:util';

/** The message of a failed expectation, without its colours. */
export function failure(assertion: () => void): string {
  try {
    assertion();
  } catch (error) {
    return stripVTControlCharacters((error as Error).message);
  }
  throw new Error('expected the assertion to fail');
}

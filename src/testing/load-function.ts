import { fileURLToPath } from 'node:url';
import { loadDefinition } from '../definition/load-definition.ts';
import { parseDefinition } from '../definition/parse-definition.ts';
import type { FunctionDefinition } from '../definition/types.ts';

/**
 * Reads a function (a folder with handler.js and function.json, or a definition .json file)
 * into its definition with every default filled, for tests that change something before
 * deploying it. Pass `filename` to em.deploy so stack traces name the handler file.
 *
 * @example
 * const { definition, filename } = await loadFunction('functions/enrich');
 * definition.settings.execution_timeout = 1;
 * await em.deploy(definition, { filename });
 */
export async function loadFunction(
  path: string | URL,
): Promise<{ definition: FunctionDefinition; filename: string }> {
  const loaded = await loadDefinition(path instanceof URL ? fileURLToPath(path) : path);
  const { definition } = parseDefinition(loaded.definition);
  return { definition, filename: loaded.handlerFile ?? `${definition.appname}.js` };
}

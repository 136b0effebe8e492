import type { FunctionDefinition } from '../definition/types.ts';

// `eventing-dev types`: declarations of one function's bindings (its bucket, URL and constant
// aliases are globals of its handler), so an editor checking handler.js knows them.

/** The text of bindings.d.ts for a function. */
export function bindingDeclarations(definition: FunctionDefinition): string {
  const lines = [
    `// Bindings of the Eventing function "${definition.appname}", written by \`eventing-dev types\``,
    '// from function.json. Run it again after changing the bindings.',
    '/// <reference types="eventing-dev/types" />',
    '',
  ];
  for (const binding of definition.depcfg.buckets) {
    const type = binding.access === 'r' ? 'EventingReadonlyBucketBinding' : 'EventingBucketBinding';
    lines.push(
      `/** ${binding.access === 'r' ? 'Read-only' : 'Read-write'}: ${binding.bucket_name}.${binding.scope_name}.${binding.collection_name} */`,
    );
    lines.push(`declare const ${binding.alias}: ${type};`);
  }
  for (const binding of definition.depcfg.curl) {
    lines.push(
      `/** ${binding.hostname} (${binding.auth_type}) */`,
      `declare const ${binding.value}: EventingUrlBinding;`,
    );
  }
  for (const constant of definition.depcfg.constants) {
    lines.push(
      `/** ${constant.literal.replace(/\*\//g, '* /')} */`,
      `declare const ${constant.value}: ${literalType(constant.literal)};`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The type of a constant's literal when it is JSON; anything else (an arrow function…) is `any`. */
function literalType(literal: string): string {
  try {
    return typeOf(JSON.parse(literal));
  } catch {
    return 'any';
  }
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value))
    return value.length === 0
      ? 'unknown[]'
      : `Array<${[...new Set(value.map(typeOf))].join(' | ')}>`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    const fields = entries.map(([key, field]) => `${JSON.stringify(key)}: ${typeOf(field)}`);
    // Lookup tables are indexed by keys known only at run time (TAX_RATES[doc.country]).
    const any = [...new Set(entries.map(([, field]) => typeOf(field))), 'undefined'].join(' | ');
    return `{ ${[...fields, `[key: string]: ${any}`].join('; ')} }`;
  }
  return typeof value;
}

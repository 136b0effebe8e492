import { describe, expect, it } from 'vitest';
import { linkModule, linkShim } from '../../../src/runtime/isolate/shim-script.ts';

function linked(files: Record<string, string>, entry = 'index.js'): unknown {
  const code = linkShim(entry, (path) => {
    const source = files[path];
    if (source === undefined) throw new Error(`no ${path}`);
    return source;
  });
  return new Function(`return ${code};`)();
}

describe('linking the shim into one script', () => {
  it('evaluates dependencies first and returns the entry module’s exports', () => {
    const order: string[] = [];
    (globalThis as { order?: string[] }).order = order;
    const exports = linked({
      'index.js':
        "import { double } from './math.js';\nglobalThis.order.push('index');\nexport function run(x) { return double(x) + 1; }\nexport { double };",
      'math.js':
        "globalThis.order.push('math');\nexport const two = 2;\nexport function double(x) { return x * two; }",
    }) as { run: (x: number) => number; double: (x: number) => number };
    expect(exports.run(5)).toBe(11);
    expect(exports.double(3)).toBe(6);
    expect(order).toEqual(['math', 'index']);
  });

  it('supports renamed and multi-line imports, and evaluates a shared module once', () => {
    const exports = linked({
      'index.js':
        "import {\n  count as c,\n  bump,\n} from './state.js';\nimport { bumpTwice } from './more.js';\nexport function total() { bump(); bumpTwice(); return c(); }",
      'more.js':
        "import { bump } from './state.js';\nexport function bumpTwice() { bump(); bump(); }",
      'state.js':
        'let n = 0;\nexport function bump() { n++; }\nexport function count() { return n; }',
    }) as { total: () => number };
    expect(exports.total()).toBe(3);
  });

  it('refuses import and export forms it does not support, naming the module and line', () => {
    expect(() => linkModule('x.js', "const a = 1;\nimport * as all from './y.js';")).toThrow(
      'shim module x.js line 2: import/export form the shim linker does not support',
    );
    expect(() => linkModule('x.js', 'export default function () {}')).toThrow(/line 1/);
  });

  it('refuses modules that import each other in a cycle', () => {
    expect(() =>
      linked({
        'index.js': "import { b } from './b.js';\nexport const a = 1;",
        'b.js': "import { a } from './index.js';\nexport const b = a;",
      }),
    ).toThrow('shim modules import each other in a cycle through index.js');
  });
});

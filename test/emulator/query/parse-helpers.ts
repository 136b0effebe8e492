import type { Expression } from '../../../src/emulator/query/ast.ts';
import { parseExpression } from '../../../src/emulator/query/expression-parser.ts';
import { QueryError } from '../../../src/emulator/query/query-error.ts';
import { TokenCursor } from '../../../src/emulator/query/token-cursor.ts';

// Helpers for the parser tests: parse an expression from text, print it as a compact
// s-expression (so precedence reads at a glance), and catch the QueryError a call throws.

export function parseExpr(text: string): Expression {
  const cursor = new TokenCursor(text);
  const expression = parseExpression(cursor);
  if (cursor.peek().kind !== 'end') throw cursor.fail();
  return expression;
}

/** `a + b * 2` prints as `(+ a (* b 2))`. */
export function show(expression: Expression): string {
  switch (expression.kind) {
    case 'literal':
      return expression.value === undefined ? 'MISSING' : JSON.stringify(expression.value);
    case 'identifier':
      return expression.name;
    case 'field':
      return `${show(expression.target)}.${expression.name}`;
    case 'element':
      return `${show(expression.target)}[${show(expression.index)}]`;
    case 'parameter':
      return `$${expression.key}`;
    case 'meta':
      return `META(${expression.alias ?? ''})`;
    case 'unary':
      return `(${expression.operator === 'not' ? 'not' : 'neg'} ${show(expression.operand)})`;
    case 'binary':
    case 'logical':
      return `(${expression.operator} ${show(expression.left)} ${show(expression.right)})`;
    case 'between': {
      const name = expression.negated ? 'not-between' : 'between';
      return `(${name} ${show(expression.operand)} ${show(expression.low)} ${show(expression.high)})`;
    }
    case 'is':
      return `(is-${expression.negated ? 'not-' : ''}${expression.condition} ${show(expression.operand)})`;
    case 'array':
      return `[${expression.items.map(show).join(', ')}]`;
    case 'object':
      return `{${expression.entries.map((e) => `${show(e.name)}: ${show(e.value)}`).join(', ')}}`;
    case 'aggregate': {
      const argument = expression.argument ? show(expression.argument) : '*';
      return `${expression.fn}(${expression.distinct ? 'distinct ' : ''}${argument})`;
    }
    case 'call':
      return `${expression.name}(${expression.args.map(show).join(', ')})`;
    case 'case': {
      const operand = expression.operand ? ` ${show(expression.operand)}` : '';
      const branches = expression.branches.map((b) => ` (${show(b.when)} ${show(b.result)})`);
      const otherwise = expression.otherwise ? ` (else ${show(expression.otherwise)})` : '';
      return `(case${operand}${branches.join('')}${otherwise})`;
    }
    case 'subquery':
      return '(subquery)';
    case 'exists':
      return `(exists ${show(expression.operand)})`;
  }
}

/** The QueryError that `action` throws. */
export function queryError(action: () => unknown): QueryError {
  try {
    action();
  } catch (error) {
    if (error instanceof QueryError) return error;
    throw error;
  }
  throw new Error('expected a QueryError');
}

/** A deep copy without spans, for comparing parse trees. */
export function withoutSpans<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (key, inner) => (key === 'at' ? undefined : inner)));
}

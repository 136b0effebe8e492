import { indented } from '../../errors.ts';
import type { ChecksReport, FunctionCheck } from '../../project/check-functions.ts';

// The text of `check`'s results, also printed by promote and watch before they refuse a push.

/** One block per function (its problems and warnings), the recursion findings, and a summary. */
export function describeReport(report: ChecksReport): string {
  const lines = report.functions.flatMap(describeFunction);
  for (const finding of report.recursion) {
    const what =
      finding.kind === 'inter_bucket_recursion'
        ? `write cycle ${[...finding.functions, finding.functions[0]].join(' → ')}`
        : finding.kind === 'inter_function_recursion'
          ? `functions ${finding.functions.join(' and ')} both write to their shared source`
          : `function ${finding.functions[0]} runs SQL++ DML into its own source`;
    lines.push(`FAIL  ${what}`, `      ${finding.message}`);
    for (const link of finding.links) lines.push(`      ${link}`);
  }
  const failing = report.functions.filter((check) => !check.ok).length;
  lines.push(
    `${report.functions.length} function${report.functions.length === 1 ? '' : 's'} checked: ${failing === 0 ? 'all load' : `${failing} failing`}${report.recursion.length > 0 ? `; ${report.recursion.length} recursion problem${report.recursion.length === 1 ? '' : 's'}` : ''}`,
  );
  return `${lines.join('\n')}\n`;
}

function describeFunction(check: FunctionCheck): string[] {
  const name = check.function ? ` function "${check.function}"` : '';
  const lines = [`${check.ok ? 'ok' : 'FAIL'}  ${check.file}${name}`];
  for (const problem of check.problems)
    lines.push(`      ${problem.path}: ${problem.message}${indented(problem.excerpt, 8)}`);
  for (const warning of check.warnings)
    lines.push(`      warning: ${warning.path}: ${warning.message}`);
  return lines;
}

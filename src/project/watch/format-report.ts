import type { DefinitionChange } from './definition-drift.ts';
import type { ActivityDelta } from './push-activity.ts';
import type { PushStep } from './push-appcode.ts';
import type {
  Described,
  FunctionSurvey,
  SaveReport,
  StartReport,
  WatchReport,
} from './watch-report.ts';

// The watcher's reports as text for a terminal: one headline per save saying what happened and
// how long it took, then indented details (problems, statistics since the previous push, new
// app-log lines, function.json changes and the command that applies them).

/** The report as lines, each ending with a newline. */
export function formatReport(report: WatchReport): string {
  const lines =
    report.type === 'start'
      ? startLines(report)
      : report.type === 'save'
        ? saveLines(report)
        : report.type === 'activity'
          ? [
              `${clock(report.at)} ${report.function}: ${count(report.activity.failed, 'handler')} failed`,
              ...activityLines(report.activity, 'since the last look'),
            ]
          : [
              `${clock(report.at)} the file watcher failed: ${report.error.message}`,
              ...hint(report.error),
            ];
  return lines.map((line) => `${line}\n`).join('');
}

function startLines(report: StartReport): string[] {
  const count = report.functions.length;
  const lines = [
    `watching ${count} function${count === 1 ? '' : 's'} for ${report.target}; Ctrl-C stops`,
  ];
  const unreachable = report.functions.find((fn) => fn.note === 'unreachable');
  if (unreachable?.error) {
    lines.push(
      `  cannot reach it now: ${unreachable.error.message}`,
      '  still watching: each save is checked, and pushed once it answers',
    );
  }
  for (const fn of report.functions) {
    if (fn.note === 'unreachable') continue;
    lines.push(`  ${fn.function}: ${surveyText(fn)}`, ...hint(fn.error, '    '));
    lines.push(...driftLines(fn.drift, fn.promote, '    '));
  }
  return lines;
}

function surveyText(fn: FunctionSurvey): string {
  switch (fn.note) {
    case 'missing':
      return `not on the cluster, and watch does not create functions; create it with: ${fn.promote ?? 'eventing-dev functions import'}`;
    case 'invalid':
      return `cannot be read yet (${fn.error?.message ?? 'invalid'}); the next good save is checked and pushed`;
    case 'created':
      return `created from its folder, ${fn.status ?? 'undeployed'}`;
    case 'create-failed':
      return `could not be created and deployed: ${fn.error?.message ?? 'unknown error'}`;
    default: {
      const differs = fn.appcodeDiffers
        ? `; its handler.js differs from the appcode there, the next save pushes it`
        : '';
      if (fn.status === undefined && fn.error) {
        return `cannot be read from the cluster: ${fn.error.message}`;
      }
      return `${fn.status ?? 'unknown'}${differs}`;
    }
  }
}

function saveLines(report: SaveReport): string[] {
  const what = `${clock(report.at)} ${report.function}: ${report.files.join(' and ') || 'save'}`;
  const ms = `${Math.round(report.durationMs)} ms`;
  const error = report.error?.message ?? 'unknown error';
  const after = report.push?.after ?? 'unknown';
  let lines: string[];
  switch (report.outcome) {
    case 'pushed':
      lines = [`${what} pushed in ${ms}${steps(report.push?.steps)}; ${after}`];
      break;
    case 'unchanged':
      lines = [`${what} checked in ${ms}; the cluster already has this appcode (${after})`];
      break;
    case 'refused':
      lines = [
        `${what} not pushed: the cluster refused it: ${error}`,
        `  it keeps the previous appcode (${after})`,
      ];
      break;
    case 'rolled-back':
      lines = [
        `${what} pushed, but it did not resume: ${error}`,
        `  rolled back in ${ms}: the previous appcode is back and ${after}${steps(report.push?.steps)}`,
      ];
      break;
    case 'rollback-failed':
      lines = [
        `${what} pushed, but it did not resume: ${error}`,
        `  putting the previous appcode back failed too: ${report.rollbackError?.message ?? error}`,
        `  ${report.function} is ${after}; see eventing-dev logs ${report.function}; the next save tries again`,
      ];
      break;
    case 'interrupted':
      lines = [
        `${what}: the cluster stopped answering midway: ${error}`,
        `  ${report.function} may be paused; the next save finishes the push and resumes it`,
      ];
      break;
    case 'checks-failed':
      lines = [
        `${what} not pushed: ${count(report.problems.length, 'problem')}`,
        ...report.problems.map((problem) => `  ${problem}`),
        '  the cluster keeps the previous appcode; fix it and save again',
      ];
      break;
    case 'tests-failed':
      lines = [`${what} not pushed: its tests failed (${error})`];
      break;
    case 'unreachable':
      lines = [`${what} not pushed: ${error}`, '  still watching; the next save tries again'];
      break;
    case 'missing':
      lines = [
        `${what} not pushed: ${report.function} is not on the cluster and watch does not create functions`,
        ...(report.promote ? [`  create it with: ${report.promote}`] : []),
      ];
      break;
    case 'created':
      lines = [`${what}: created from its folder in ${ms}; ${after}`];
      break;
    case 'failed':
      lines = [`${what} not pushed: ${error}`];
      break;
  }
  if (report.outcome !== 'rolled-back' && report.outcome !== 'rollback-failed') {
    lines.push(...hint(report.error));
  }
  for (const warning of report.push?.warnings ?? []) lines.push(`  warning: ${warning}`);
  lines.push(...activityLines(report.activity));
  if (report.outcome !== 'missing') lines.push(...driftLines(report.drift, report.promote, '  '));
  return lines;
}

function steps(list: readonly PushStep[] | undefined): string {
  if (!list || list.length <= 1) return '';
  const text = (step: PushStep) =>
    `${step.step}${step.failed ? ' failed after' : ''} ${Math.round(step.ms)} ms`;
  return ` (${list.map(text).join(', ')})`;
}

function activityLines(
  activity: ActivityDelta | undefined,
  since = 'since the previous push',
): string[] {
  if (!activity?.running) return [];
  const parts = [
    `${activity.handled} handled`,
    `${activity.failed} failed`,
    count(activity.timeouts, 'timeout'),
    ...Object.entries(activity.counters).map(([key, value]) => `${key} +${value}`),
  ];
  const lines = [`  ${since}: ${parts.join(', ')}`];
  if (activity.logLines.length > 0) {
    lines.push('  newest app log lines:', ...activity.logLines.map((line) => `    ${line}`));
  }
  return lines;
}

function driftLines(
  drift: DefinitionChange[] | undefined,
  promote: string | undefined,
  indent: string,
): string[] {
  if (!drift || drift.length === 0) return [];
  const parts = drift.map(
    (change) => `${change.path} (cluster ${short(change.cluster)}, here ${short(change.local)})`,
  );
  return [
    `${indent}function.json differs from the cluster, which appcode cannot carry: ${parts.join('; ')}`,
    ...(promote ? [`${indent}apply it with: ${promote}`] : []),
  ];
}

function hint(error: Described | undefined, indent = '  '): string[] {
  return error?.hint ? [`${indent}hint: ${error.hint}`] : [];
}

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? 'none';
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** HH:MM:SS in local time. */
function clock(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
}

import { createTwoFilesPatch } from 'diff';
import type { BucketBinding, ConstantBinding, UrlBinding } from '../definition/types.ts';
import type { Change } from './promote-plan.ts';

// The plan of `promote` as people read it: the appcode as a unified diff, settings as
// `name: before → after`, bindings as removed and added lines. Secrets never appear.

/** The changes of one function as indented lines of text. */
export function describeChanges(changes: readonly Change[]): string[] {
  return changes.flatMap((change) => {
    switch (change.part) {
      case 'appcode':
        return appcodeDiff(String(change.before), String(change.after));
      case 'keyspace':
        return [`${change.key} keyspace: ${change.before} → ${change.after}`];
      case 'setting':
        return [`setting ${change.key}: ${show(change.before)} → ${show(change.after)}`];
      case 'binding':
        return bindingDiff(change.key, change.before as unknown[], change.after as unknown[]);
    }
    return [];
  });
}

function appcodeDiff(before: string, after: string): string[] {
  const patch = createTwoFilesPatch('cluster', 'local', before, after, undefined, undefined, {
    context: 3,
  });
  // The first line is a separator of the patch format; the file headers stay.
  return patch
    .split('\n')
    .filter((line, index) => index > 0 && line !== '\\ No newline at end of file')
    .filter((line, index, lines) => !(index === lines.length - 1 && line === ''));
}

function bindingDiff(kind: string, before: unknown[], after: unknown[]): string[] {
  const describe = (binding: unknown) => describeBinding(kind, binding);
  const was = new Set(before.map(describe));
  const now = new Set(after.map(describe));
  const lines = [
    ...[...was].filter((line) => !now.has(line)).map((line) => `- ${line}`),
    ...[...now].filter((line) => !was.has(line)).map((line) => `+ ${line}`),
  ];
  // Only a secret differs: say so without showing either.
  return lines.length > 0 ? lines : [`~ ${kind} bindings: a credential changed`];
}

function describeBinding(kind: string, binding: unknown): string {
  if (kind === 'buckets') {
    const b = binding as BucketBinding;
    return `bucket binding ${b.alias} = ${b.bucket_name}.${b.scope_name}.${b.collection_name} (${b.access})`;
  }
  if (kind === 'curl') {
    const b = binding as UrlBinding;
    // Secrets are never shown, only whether there is one.
    const secret = b.auth_type === 'bearer' ? b.bearer_key : b.password;
    const auth =
      b.auth_type === 'no-auth'
        ? ''
        : `, ${b.auth_type}${b.username ? ` as ${b.username}` : ''}, ${secret ? 'secret set' : 'no secret'}`;
    return `URL binding ${b.value} = ${b.hostname}${auth}${b.allow_cookies ? ', cookies' : ''}${b.validate_ssl_certificate ? '' : ', no certificate check'}`;
  }
  const c = binding as ConstantBinding;
  return `constant ${c.value} = ${c.literal}`;
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? 'unset';
}

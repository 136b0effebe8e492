import { describe, expect, it } from 'vitest';
import { formatReport } from '../../../src/project/watch/format-report.ts';
import type { SaveReport } from '../../../src/project/watch/watch-report.ts';

// The text people read while watching (TZ is UTC in the test run).

const at = new Date('2026-01-01T12:34:56Z');

const save = (extra: Partial<SaveReport>): SaveReport => ({
  type: 'save',
  at,
  function: 'enrich',
  folder: '/p/functions/enrich',
  files: ['handler.js'],
  outcome: 'pushed',
  durationMs: 412.4,
  problems: [],
  ...extra,
});

describe('formatReport', () => {
  it('lists the functions when watching starts, with what needs doing', () => {
    const text = formatReport({
      type: 'start',
      at,
      target: 'https://cb.example.com:18096 (environment staging)',
      functions: [
        { function: 'enrich', folder: '/p/functions/enrich', status: 'deployed' },
        { function: 'audit', folder: '/p/f/audit', status: 'paused', appcodeDiffers: true },
        {
          function: 'fresh',
          folder: '/p/f/fresh',
          note: 'missing',
          promote: 'eventing-dev promote fresh --env staging',
        },
        {
          function: 'broken',
          folder: '/p/f/broken',
          note: 'invalid',
          error: { message: 'settings.worker_count: must be an integer' },
        },
        {
          function: 'tuned',
          folder: '/p/f/tuned',
          status: 'undeployed',
          drift: [{ path: 'settings.worker_count', cluster: 1, local: 4 }],
          promote: 'eventing-dev promote tuned --env staging',
        },
      ],
    });
    expect(text).toBe(
      [
        'watching 5 functions for https://cb.example.com:18096 (environment staging); Ctrl-C stops',
        '  enrich: deployed',
        '  audit: paused; its handler.js differs from the appcode there, the next save pushes it',
        '  fresh: not on the cluster, and watch does not create functions; create it with: eventing-dev promote fresh --env staging',
        '  broken: cannot be read yet (settings.worker_count: must be an integer); the next good save is checked and pushed',
        '  tuned: undeployed',
        '    function.json differs from the cluster, which appcode cannot carry: settings.worker_count (cluster 1, here 4)',
        '    apply it with: eventing-dev promote tuned --env staging',
        '',
      ].join('\n'),
    );
  });

  it('says once that the cluster cannot be reached when watching starts', () => {
    const error = {
      message: 'Cannot reach the Eventing service at http://127.0.0.1:8096: connect ECONNREFUSED',
    };
    const text = formatReport({
      type: 'start',
      at,
      target: 'http://127.0.0.1:8096',
      functions: [
        { function: 'a', folder: '/a', note: 'unreachable', error },
        { function: 'b', folder: '/b', note: 'unreachable', error },
      ],
    });
    expect(text).toBe(
      'watching 2 functions for http://127.0.0.1:8096; Ctrl-C stops\n' +
        `  cannot reach it now: ${error.message}\n` +
        '  still watching: each save is checked, and pushed once it answers\n',
    );
  });

  it('tells each outcome of a save in one headline, with details indented', () => {
    expect(
      formatReport(
        save({
          outcome: 'refused',
          push: { before: 'undeployed', after: 'undeployed', steps: [], warnings: [] },
          error: {
            message: 'Function: enrich is in pausing state (ERR_INVALID_REQUEST, HTTP 400)',
          },
        }),
      ),
    ).toBe(
      '12:34:56 enrich: handler.js not pushed: the cluster refused it: Function: enrich is in pausing state (ERR_INVALID_REQUEST, HTTP 400)\n' +
        '  it keeps the previous appcode (undeployed)\n',
    );
    expect(
      formatReport(
        save({
          outcome: 'rollback-failed',
          push: { before: 'deployed', after: 'paused', steps: [], warnings: [] },
          error: { message: 'enrich is paused and no longer on its way to deployed' },
          rollbackError: { message: 'enrich is paused and no longer on its way to deployed' },
        }),
      ),
    ).toContain('  enrich is paused; see eventing-dev logs enrich; the next save tries again\n');
    expect(
      formatReport(
        save({
          outcome: 'interrupted',
          error: { message: 'Cannot reach the Eventing service at http://h:8096: socket hang up' },
        }),
      ),
    ).toContain('  enrich may be paused; the next save finishes the push and resumes it\n');
    expect(
      formatReport(
        save({
          outcome: 'unreachable',
          files: ['handler.js', 'function.json'],
          error: { message: 'Cannot reach X', hint: 'Check the cluster URL.' },
        }),
      ),
    ).toBe(
      '12:34:56 enrich: handler.js and function.json not pushed: Cannot reach X\n' +
        '  still watching; the next save tries again\n' +
        '  hint: Check the cluster URL.\n',
    );
    expect(
      formatReport(
        save({
          outcome: 'unchanged',
          durationMs: 35,
          files: ['function.json'],
          push: {
            before: 'deployed',
            after: 'deployed',
            steps: [],
            warnings: ['It uses deprecated APIs'],
          },
        }),
      ),
    ).toBe(
      '12:34:56 enrich: function.json checked in 35 ms; the cluster already has this appcode (deployed)\n' +
        '  warning: It uses deprecated APIs\n',
    );
  });

  it('shows what the function did since the previous push', () => {
    const text = formatReport(
      save({
        push: {
          before: 'deployed',
          after: 'deployed',
          steps: [{ step: 'store', ms: 3 }],
          warnings: [],
        },
        activity: {
          running: true,
          handled: 12,
          failed: 2,
          timeouts: 1,
          counters: { 'failure_stats.curl_failure_count': 2 },
          logLines: ['2026-01-01T12:34:55.000+00:00 [INFO] "saw" "k1" '],
        },
      }),
    );
    expect(text).toBe(
      '12:34:56 enrich: handler.js pushed in 412 ms; deployed\n' +
        '  since the previous push: 12 handled, 2 failed, 1 timeout, failure_stats.curl_failure_count +2\n' +
        '  newest app log lines:\n' +
        '    2026-01-01T12:34:55.000+00:00 [INFO] "saw" "k1" \n',
    );
  });
});

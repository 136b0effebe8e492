import { describe, expect, it } from 'vitest';
import { applySettings } from '../../src/definition/settings.ts';
import type { Problem } from '../../src/errors.ts';

function problemsOf(input: unknown, path = 'settings') {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const settings = applySettings(input, path, problems, warnings);
  return { settings, problems, warnings };
}

describe('settings problems (8.x messages)', () => {
  it.each([
    ['worker_count', 0, 'value should be greater than or equal to 1'],
    ['lcb_timeout', 4, 'value should be greater than or equal to 5'],
    ['lcb_retry_count', -1, 'value should be greater than or equal to 0'],
    ['bucket_cache_size', 20971519, 'value should be greater than or equal to 20971520'],
    ['app_log_max_size', 1023, 'value should be greater than or equal to 1024'],
    ['high_seq_check_interval', 4, 'value should be greater than or equal to 5'],
    ['max_unacked_count', 99, 'value should be greater than or equal to 100'],
    ['max_unacked_bytes', -1, 'value should be greater than or equal to 0'],
    ['message_flush_time', 9, 'value should be greater than or equal to 10'],
    ['timer_context_size', 19, 'value should be greater than or equal to 20'],
    ['timer_context_size', 20971521, 'value should be less than or equal to 20971520'],
    ['execution_timeout', '60', 'expected integer value'],
    ['max_unacked_count', '100', 'expected number value'],
    ['cursor_aware', 'true', 'expected boolean value'],
    ['description', 42, 'expected string value'],
    ['log_level', 'info', 'value should be one of [INFO ERROR WARNING DEBUG TRACE]'],
    ['log_level', 1, 'expected string value'],
    ['language_compatibility', '7.6.0', 'value should be one of [7.2.0 6.6.2 6.5.0 6.0.0]'],
    ['n1ql_consistency', 'at_plus', 'value should be one of [ none request]'],
    ['dcp_stream_boundary', 'from_prior', 'value should be one of [everything from_now]'],
    ['handler_headers', "'use strict';", 'expected array of string'],
    ['handler_footers', ['ok', 1], 'expected array of string'],
  ])('%s = %j: %s', (key, value, message) => {
    const { problems } = problemsOf({ [key]: value });
    expect(problems).toEqual([{ path: `settings.${key}`, message }]);
  });

  it('rejects a non-finite number as not an integer', () => {
    expect(problemsOf({ tick_duration: Number.NaN }).problems).toEqual([
      { path: 'settings.tick_duration', message: 'expected integer value' },
    ]);
  });

  it('keeps the default for a rejected value', () => {
    expect(problemsOf({ execution_timeout: 0 }).settings.execution_timeout).toBe(60);
  });

  it('reports every bad key at once, under the given path', () => {
    expect(problemsOf({ worker_count: 0, cursor_aware: 1 }, 'x.settings').problems).toEqual([
      { path: 'x.settings.worker_count', message: 'value should be greater than or equal to 1' },
      { path: 'x.settings.cursor_aware', message: 'expected boolean value' },
    ]);
  });

  it.each([null, [], 'settings', 3])('rejects settings that are not an object (%j)', (input) => {
    expect(problemsOf(input).problems).toEqual([
      { path: 'settings', message: 'must be an object' },
    ]);
  });
});

describe('lifecycle flags', () => {
  it('rejects deployment_status false with processing_status true', () => {
    const { problems } = problemsOf({ deployment_status: false, processing_status: true });
    expect(problems).toEqual([
      { path: 'settings.processing_status', message: 'Invalid deployment and processing status' },
    ]);
  });

  it('rejects processing_status true when deployment_status is left at false', () => {
    expect(problemsOf({ processing_status: true }).problems).toEqual([
      { path: 'settings.processing_status', message: 'Invalid deployment and processing status' },
    ]);
  });

  it.each([
    [true, true],
    [true, false],
    [false, false],
  ])('accepts deployment_status %j with processing_status %j', (deployment, processing) => {
    const { settings, problems } = problemsOf({
      deployment_status: deployment,
      processing_status: processing,
    });
    expect(problems).toEqual([]);
    expect(settings.deployment_status).toBe(deployment);
    expect(settings.processing_status).toBe(processing);
  });

  it('does not add the pair problem on top of a mistyped flag', () => {
    expect(problemsOf({ deployment_status: 'no', processing_status: true }).problems).toEqual([
      { path: 'settings.deployment_status', message: 'expected boolean value' },
    ]);
  });
});

describe('settings warnings', () => {
  it('warns about an unknown key and ignores it', () => {
    const { settings, problems, warnings } = problemsOf({ wokrer_count: 4 });
    expect(problems).toEqual([]);
    expect(warnings).toEqual([
      {
        path: 'settings.wokrer_count',
        message: 'unknown setting, ignored by Couchbase Server 8.x',
      },
    ]);
    expect(settings).not.toHaveProperty('wokrer_count');
  });

  it.each([
    'sock_batch_size',
    'user_prefix',
    'idle_checkpoint_interval',
    'worker_queue_cap',
    'dcp_num_connections',
    'vb_ownership_takeover_routine_count',
  ])('warns that %s is 7.x-only', (key) => {
    const { settings, problems, warnings } = problemsOf({ [key]: 1 });
    expect(problems).toEqual([]);
    expect(warnings).toEqual([
      { path: `settings.${key}`, message: '7.x-only setting, ignored by Couchbase Server 8.x' },
    ]);
    expect(settings).not.toHaveProperty(key);
  });
});

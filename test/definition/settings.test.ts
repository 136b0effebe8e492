import { describe, expect, it } from 'vitest';
import { applySettings, DEFAULT_SETTINGS, SETTINGS_TABLE } from '../../src/definition/settings.ts';
import type { Problem } from '../../src/errors.ts';

function apply(input: unknown) {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const settings = applySettings(input, 'settings', problems, warnings);
  return { settings, problems, warnings };
}

const EXPECTED_DEFAULTS = {
  deployment_status: false,
  processing_status: false,
  dcp_stream_boundary: 'everything',
  description: '',
  log_level: 'INFO',
  worker_count: 1,
  cpp_worker_thread_count: 2,
  execution_timeout: 60,
  cursor_checkpoint_timeout: 60,
  on_deploy_timeout: 60,
  language_compatibility: '7.2.0',
  lcb_inst_capacity: 10,
  lcb_retry_count: 0,
  lcb_timeout: 5,
  n1ql_consistency: '',
  n1ql_prepare_all: false,
  num_timer_partitions: 1024,
  timer_context_size: 1024,
  tick_duration: 1000,
  handler_headers: ["'use strict';"],
  handler_footers: [],
  enable_applog_rotation: true,
  app_log_dir: '',
  app_log_max_size: 41943040,
  app_log_max_files: 10,
  checkpoint_interval: 60,
  bucket_cache_size: 67108864,
  bucket_cache_age: 1000,
  curl_max_allowed_resp_size: 100,
  allow_transaction_mutations: false,
  allow_sync_documents: true,
  cursor_aware: false,
  high_seq_check_interval: 50,
  max_unacked_bytes: 0,
  max_unacked_count: 100000,
  message_flush_time: 50,
  max_parallel_vb: 8,
};

describe('settings defaults (8.x)', () => {
  it('fills every 8.x default when settings are missing', () => {
    const { settings, problems, warnings } = apply(undefined);
    expect(settings).toStrictEqual(EXPECTED_DEFAULTS);
    expect(problems).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('fills every default around the keys that are given', () => {
    const { settings } = apply({ worker_count: 3, log_level: 'DEBUG' });
    expect(settings).toStrictEqual({ ...EXPECTED_DEFAULTS, worker_count: 3, log_level: 'DEBUG' });
  });

  it('exports the defaults as DEFAULT_SETTINGS, frozen down to the arrays', () => {
    expect(DEFAULT_SETTINGS).toStrictEqual(EXPECTED_DEFAULTS);
    expect(Object.isFrozen(DEFAULT_SETTINGS)).toBe(true);
    expect(Object.isFrozen(DEFAULT_SETTINGS.handler_headers)).toBe(true);
    expect(Object.isFrozen(DEFAULT_SETTINGS.handler_footers)).toBe(true);
  });

  it('returns fresh arrays, never the defaults themselves', () => {
    const { settings } = apply({});
    expect(Object.isFrozen(settings.handler_headers)).toBe(false);
    settings.handler_headers.push('x');
    expect(DEFAULT_SETTINGS.handler_headers).toEqual(["'use strict';"]);
  });

  it('copies given arrays instead of keeping the caller’s', () => {
    const footers = ['// end'];
    const { settings } = apply({ handler_footers: footers });
    expect(settings.handler_footers).toEqual(['// end']);
    expect(settings.handler_footers).not.toBe(footers);
  });

  it('has one table entry per setting, in the order of the defaults', () => {
    expect(Object.keys(SETTINGS_TABLE)).toEqual(Object.keys(EXPECTED_DEFAULTS));
  });

  it('treats an empty handler_headers array as the default', () => {
    expect(apply({ handler_headers: [] }).settings.handler_headers).toEqual(["'use strict';"]);
  });

  it('keeps an empty handler_footers array as given', () => {
    expect(apply({ handler_footers: [] }).settings.handler_footers).toEqual([]);
  });

  it('accepts every value at its bound', () => {
    const { settings, problems } = apply({
      lcb_timeout: 5,
      lcb_retry_count: 0,
      timer_context_size: 20971520,
      curl_max_allowed_resp_size: 0,
      bucket_cache_size: 20971520,
      app_log_max_size: 1024,
      high_seq_check_interval: 5,
      max_unacked_count: 100,
      message_flush_time: 10,
      n1ql_consistency: 'request',
      language_compatibility: '6.0.0',
      dcp_stream_boundary: 'from_now',
    });
    expect(problems).toEqual([]);
    expect(settings.timer_context_size).toBe(20971520);
    expect(settings.language_compatibility).toBe('6.0.0');
  });
});

describe('settings number handling (8.x)', () => {
  it('truncates non-integer numbers like 8.x does', () => {
    expect(apply({ worker_count: 2.9 }).settings.worker_count).toBe(2);
  });

  it('checks the bounds on the number as given, before truncating, as 8.x compares', () => {
    expect(apply({ worker_count: 0.5 }).problems).toEqual([
      { path: 'settings.worker_count', message: 'value should be greater than or equal to 1' },
    ]);
    expect(apply({ lcb_retry_count: -0.5 }).problems).toEqual([
      { path: 'settings.lcb_retry_count', message: 'value should be greater than or equal to 0' },
    ]);
    expect(apply({ timer_context_size: 20971520.5 }).problems).toEqual([
      {
        path: 'settings.timer_context_size',
        message: 'value should be less than or equal to 20971520',
      },
    ]);
  });

  it('accepts timeouts and sizes of any height, as 8.x has no upper bound for them', () => {
    const huge = {
      execution_timeout: 2147484,
      on_deploy_timeout: 2147484,
      app_log_max_size: 2 ** 40,
      checkpoint_interval: 10 ** 9,
    };
    const { settings, problems } = apply(huge);
    expect(problems).toEqual([]);
    expect(settings).toMatchObject(huge);
  });

  it('keeps max_unacked_bytes as given, fractions included', () => {
    expect(apply({ max_unacked_bytes: 1.5 }).settings.max_unacked_bytes).toBe(1.5);
  });

  it.each([
    [1, 1],
    [3, 4],
    [100, 128],
    [1000, 1024],
    [1024, 1024],
    [5000, 1024],
    [0, 1],
  ])('rounds num_timer_partitions %d up to the power of two %d, capped at 1024', (given, want) => {
    const { settings, problems } = apply({ num_timer_partitions: given });
    expect(problems).toEqual([]);
    expect(settings.num_timer_partitions).toBe(want);
  });
});

// The settings table targets Couchbase Server 8.0: its keys, types, defaults, bounds and error
// reasons (spec rest-api.md §5). 8.x drops keys it does not know instead of failing, so unknown
// keys are warnings here, not problems: a definition 8.x accepts must parse.
import type { Problem } from '../errors.ts';
import type { FunctionSettings } from './types.ts';

/**
 * An integer setting. 8.x checks the bounds on the number as given, then keeps it as a 64-bit
 * integer, truncating any fraction (1.5 is taken as 1): application/validate.go and
 * populateFields.go. Only timer_context_size has an upper bound.
 */
export interface IntegerSetting {
  kind: 'integer';
  default: number;
  min?: number;
  max?: number;
  /** Applied after the bounds check, for settings the server rounds. */
  normalise?: (value: number) => number;
}

/** A number setting kept as given (no truncation). */
export interface NumberSetting {
  kind: 'number';
  default: number;
  min: number;
}

export interface BooleanSetting {
  kind: 'boolean';
  default: boolean;
}

export interface StringSetting {
  kind: 'string';
  default: string;
}

export interface EnumSetting<T extends string> {
  kind: 'enum';
  default: T;
  values: readonly T[];
}

export interface StringArraySetting {
  kind: 'string-array';
  default: readonly string[];
  /** 8.x keeps the previous value when given `[]`; on a fresh definition that is the default. */
  emptyMeansDefault?: boolean;
}

type SettingFor<T> = [T] extends [boolean]
  ? BooleanSetting
  : [T] extends [number]
    ? IntegerSetting | NumberSetting
    : [T] extends [string[]]
      ? StringArraySetting
      : [T] extends [string]
        ? string extends T
          ? StringSetting
          : EnumSetting<T>
        : never;

/** How each setting is validated and defaulted; key order is the order 8.x returns them in. */
export type SettingsTable = {
  readonly [K in keyof FunctionSettings]: SettingFor<FunctionSettings[K]>;
};

/**
 * The 8.x settings table (spec rest-api.md §5.1, runtime.md §11).
 *
 * @example
 * SETTINGS_TABLE.execution_timeout; // { kind: 'integer', default: 60, min: 1 }
 */
export const SETTINGS_TABLE: SettingsTable = {
  deployment_status: { kind: 'boolean', default: false },
  processing_status: { kind: 'boolean', default: false },
  dcp_stream_boundary: { kind: 'enum', default: 'everything', values: ['everything', 'from_now'] },
  description: { kind: 'string', default: '' },
  log_level: {
    kind: 'enum',
    default: 'INFO',
    values: ['INFO', 'ERROR', 'WARNING', 'DEBUG', 'TRACE'],
  },
  worker_count: { kind: 'integer', default: 1, min: 1 },
  cpp_worker_thread_count: { kind: 'integer', default: 2, min: 1 },
  execution_timeout: { kind: 'integer', default: 60, min: 1 },
  cursor_checkpoint_timeout: { kind: 'integer', default: 60, min: 1 },
  on_deploy_timeout: { kind: 'integer', default: 60, min: 1 },
  language_compatibility: {
    kind: 'enum',
    default: '7.2.0',
    values: ['7.2.0', '6.6.2', '6.5.0', '6.0.0'],
  },
  lcb_inst_capacity: { kind: 'integer', default: 10, min: 1 },
  lcb_retry_count: { kind: 'integer', default: 0, min: 0 },
  lcb_timeout: { kind: 'integer', default: 5, min: 5 },
  n1ql_consistency: { kind: 'enum', default: '', values: ['', 'none', 'request'] },
  n1ql_prepare_all: { kind: 'boolean', default: false },
  num_timer_partitions: { kind: 'integer', default: 1024, normalise: roundTimerPartitions },
  timer_context_size: { kind: 'integer', default: 1024, min: 20, max: 20971520 },
  tick_duration: { kind: 'integer', default: 1000, min: 1 },
  handler_headers: { kind: 'string-array', default: ["'use strict';"], emptyMeansDefault: true },
  handler_footers: { kind: 'string-array', default: [] },
  enable_applog_rotation: { kind: 'boolean', default: true },
  app_log_dir: { kind: 'string', default: '' },
  app_log_max_size: { kind: 'integer', default: 41943040, min: 1024 },
  app_log_max_files: { kind: 'integer', default: 10, min: 1 },
  checkpoint_interval: { kind: 'integer', default: 60, min: 1 },
  bucket_cache_size: { kind: 'integer', default: 67108864, min: 20971520 },
  bucket_cache_age: { kind: 'integer', default: 1000, min: 1 },
  curl_max_allowed_resp_size: { kind: 'integer', default: 100, min: 0 },
  allow_transaction_mutations: { kind: 'boolean', default: false },
  allow_sync_documents: { kind: 'boolean', default: true },
  cursor_aware: { kind: 'boolean', default: false },
  // 8.0.x default; the unreleased master branch moves it to 15000.
  high_seq_check_interval: { kind: 'integer', default: 50, min: 5 },
  max_unacked_bytes: { kind: 'number', default: 0, min: 0 },
  max_unacked_count: { kind: 'number', default: 100000, min: 100 },
  message_flush_time: { kind: 'integer', default: 50, min: 10 },
  max_parallel_vb: { kind: 'integer', default: 8, min: 1 },
};

/** Keys 7.x validated and stored but 8.x ignores (spec rest-api.md §5.1 and §5.2). */
const SEVEN_X_ONLY_SETTINGS: ReadonlySet<string> = new Set([
  'sock_batch_size',
  'user_prefix',
  'idle_checkpoint_interval',
  'feedback_batch_size',
  'feedback_read_buffer_size',
  'poll_bucket_interval',
  'worker_feedback_queue_cap',
  'worker_queue_cap',
  'worker_queue_mem_cap',
  'worker_response_timeout',
  'timer_queue_mem_cap',
  'timer_queue_size',
  'undeploy_routine_count',
  'vb_ownership_giveup_routine_count',
  'vb_ownership_takeover_routine_count',
  'agg_dcp_feed_mem_cap',
  'data_chan_size',
  'dcp_window_size',
  'dcp_gen_chan_size',
  'dcp_num_connections',
]);

const MAX_TIMER_PARTITIONS = 1024;

// 8.x rounds up to a power of two and caps at 1024 (and, at deploy, at the source bucket's
// vBucket count, which is the emulator's business). fidelity: 8.x accepts any integer; what it
// makes of 0 or a negative number was not traced, so they become 1 here.
function roundTimerPartitions(value: number): number {
  let partitions = 1;
  while (partitions < value && partitions < MAX_TIMER_PARTITIONS) partitions *= 2;
  return partitions;
}

function defaultsOf(table: SettingsTable): FunctionSettings {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(table)) {
    out[key] = Array.isArray(spec.default) ? [...spec.default] : spec.default;
  }
  return out as unknown as FunctionSettings;
}

/**
 * Every 8.x setting at its default value (deeply frozen).
 *
 * @example
 * DEFAULT_SETTINGS.execution_timeout; // 60
 */
export const DEFAULT_SETTINGS: Readonly<FunctionSettings> = deepFreeze(defaultsOf(SETTINGS_TABLE));

function deepFreeze(settings: FunctionSettings): Readonly<FunctionSettings> {
  Object.freeze(settings.handler_headers);
  Object.freeze(settings.handler_footers);
  return Object.freeze(settings);
}

type Checked = { ok: true; value: unknown } | { ok: false; reason: string };

function checkInteger(spec: IntegerSetting, raw: unknown): Checked {
  if (typeof raw !== 'number' || !Number.isFinite(raw)) {
    return { ok: false, reason: 'expected integer value' };
  }
  if (spec.min !== undefined && raw < spec.min) {
    return { ok: false, reason: `value should be greater than or equal to ${spec.min}` };
  }
  if (spec.max !== undefined && raw > spec.max) {
    return { ok: false, reason: `value should be less than or equal to ${spec.max}` };
  }
  const value = Math.trunc(raw);
  return { ok: true, value: spec.normalise ? spec.normalise(value) : value };
}

function checkSetting(spec: SettingsTable[keyof SettingsTable], raw: unknown): Checked {
  switch (spec.kind) {
    case 'integer':
      return checkInteger(spec, raw);
    case 'number':
      if (typeof raw !== 'number' || !Number.isFinite(raw)) {
        return { ok: false, reason: 'expected number value' };
      }
      if (raw < spec.min) {
        return { ok: false, reason: `value should be greater than or equal to ${spec.min}` };
      }
      return { ok: true, value: raw };
    case 'boolean':
      return typeof raw === 'boolean'
        ? { ok: true, value: raw }
        : { ok: false, reason: 'expected boolean value' };
    case 'string':
      return typeof raw === 'string'
        ? { ok: true, value: raw }
        : { ok: false, reason: 'expected string value' };
    case 'enum':
      if (typeof raw !== 'string') return { ok: false, reason: 'expected string value' };
      // Written like Go prints a string slice, which is what 8.x puts in its message.
      return (spec.values as readonly string[]).includes(raw)
        ? { ok: true, value: raw }
        : { ok: false, reason: `value should be one of [${spec.values.join(' ')}]` };
    case 'string-array':
      if (!Array.isArray(raw) || !raw.every((item) => typeof item === 'string')) {
        return { ok: false, reason: 'expected array of string' };
      }
      if (raw.length === 0 && spec.emptyMeansDefault) return { ok: true, value: [...spec.default] };
      return { ok: true, value: [...raw] };
  }
}

function isSettingKey(key: string): key is keyof FunctionSettings {
  return Object.hasOwn(SETTINGS_TABLE, key);
}

/**
 * Validates a definition's `settings` object the way Couchbase Server 8.x does and returns a
 * fresh settings object with every default filled in. Each bad value adds a problem at
 * `${path}.${key}` (its default stays in the result); unknown and 7.x-only keys add warnings.
 * `input` may be `undefined` (all defaults).
 *
 * @example
 * const problems: Problem[] = [];
 * const warnings: Problem[] = [];
 * const settings = applySettings({ worker_count: 0 }, 'settings', problems, warnings);
 * // problems: [{ path: 'settings.worker_count', message: 'value should be greater than or equal to 1' }]
 */
export function applySettings(
  input: unknown,
  path: string,
  problems: Problem[],
  warnings: Problem[],
): FunctionSettings {
  const settings = defaultsOf(SETTINGS_TABLE);
  if (input === undefined) return settings;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    problems.push({ path, message: 'must be an object' });
    return settings;
  }
  const rejected = new Set<string>();
  const out = settings as unknown as Record<string, unknown>;
  for (const [key, raw] of Object.entries(input)) {
    const at = `${path}.${key}`;
    if (!isSettingKey(key)) {
      const message = SEVEN_X_ONLY_SETTINGS.has(key)
        ? '7.x-only setting, ignored by Couchbase Server 8.x'
        : 'unknown setting, ignored by Couchbase Server 8.x';
      warnings.push({ path: at, message });
      continue;
    }
    const checked = checkSetting(SETTINGS_TABLE[key], raw);
    if (!checked.ok) {
      problems.push({ path: at, message: checked.reason });
      rejected.add(key);
      continue;
    }
    out[key] = checked.value;
  }
  // Paused-but-processing is not a state: 8.x refuses the pair.
  const flagsValid = !rejected.has('deployment_status') && !rejected.has('processing_status');
  if (flagsValid && !settings.deployment_status && settings.processing_status) {
    problems.push({
      path: `${path}.processing_status`,
      message: 'Invalid deployment and processing status',
    });
  }
  return settings;
}

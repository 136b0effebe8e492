/**
 * isolated-vm takes timeouts as 32-bit milliseconds (at most ~24.8 days) and the runtime adds a
 * little to the limit it is given: 2^30 ms (~12.4 days) leaves room for that.
 */
const MAX_TIMEOUT_MS = 2 ** 30;

/**
 * A timeout setting in seconds (`execution_timeout`, `on_deploy_timeout`) as the milliseconds
 * an invocation may run.
 * fidelity: the server keeps these settings as 64-bit seconds with no upper bound
 * (application/validate.go); a limit beyond ~12.4 days is cut to ~12.4 days here, which no
 * invocation reaches in practice.
 *
 * @example
 * settingTimeoutMs(60); // 60000
 */
export function settingTimeoutMs(seconds: number): number {
  return Math.min(seconds * 1000, MAX_TIMEOUT_MS);
}

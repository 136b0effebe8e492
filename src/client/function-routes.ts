import type { DepCfg } from '../definition/types.ts';
import { readJson, readMessage, readResults } from './answers.ts';
import { EventingApiError } from './eventing-api-error.ts';
import {
  type FunctionLocation,
  functionPath,
  parseLocation,
  scopeQuery,
} from './function-location.ts';
import { HttpTransport, type RequestSpec, type TransportOptions } from './http-transport.ts';
import type {
  ApiMessage,
  DeploymentConfig,
  FunctionDefinitionJson,
  ImportResult,
  ScopeOption,
} from './types.ts';

// The routes about one function's definition and lifecycle (spec rest-api.md §2.1–2.11), with
// the request plumbing shared by every route. Function names may be location strings,
// `bucket/scope/name`; the name is URL-escaped and the scope goes in `?bucket=&scope=`.

/** Where the cluster is, who we are, and how patient to be. */
export interface EventingClientOptions extends TransportOptions {
  /** The clock of status waits (default Date.now). */
  now?: () => number;
}

/**
 * The per-function routes of the Eventing REST API and the plumbing every route shares; the
 * client most code wants is {@link EventingClient}, which adds the service-wide routes.
 */
export class FunctionRoutes {
  protected readonly http: HttpTransport;
  protected readonly now: () => number;

  constructor(options: EventingClientOptions) {
    this.http = new HttpTransport(options);
    this.now = options.now ?? Date.now;
  }

  /** The normalised base URL, e.g. `http://127.0.0.1:8096`. */
  get baseUrl(): string {
    return this.http.baseUrl;
  }

  /** Closes the client's connections. */
  close(): Promise<void> {
    return this.http.close();
  }

  // ---- Definitions (spec §2.5–2.8) ----

  /** GET /api/v1/functions: every function the user may see. */
  async getFunctions(): Promise<FunctionDefinitionJson[]> {
    return this.json({ method: 'GET', path: '/api/v1/functions' });
  }

  /** GET /api/v1/functions/{name}. */
  async getFunction(name: string, options: ScopeOption = {}): Promise<FunctionDefinitionJson> {
    return this.json(this.at('GET', name, options));
  }

  /**
   * POST /api/v1/functions/{appname}: creates or replaces one function. A scoped function goes
   * with `?bucket=&scope=` and its `function_scope` (7.x wants both to match, §9.4).
   */
  async saveFunction(
    definition: FunctionDefinitionJson,
    options: ScopeOption = {},
  ): Promise<ApiMessage> {
    const scope = options.scope ?? definition.function_scope;
    const spec = this.at('POST', definition.appname, scope ? { scope } : {});
    return this.message({ ...spec, json: definition });
  }

  /** POST /api/v1/functions: creates or replaces several; one result per definition, in order. */
  async saveFunctions(definitions: readonly FunctionDefinitionJson[]): Promise<ImportResult[]> {
    return this.results({ method: 'POST', path: '/api/v1/functions', json: definitions });
  }

  /** POST /api/v1/import: 7.x lands every function undeployed, 8.x honours the status flags. */
  async importFunctions(definitions: readonly FunctionDefinitionJson[]): Promise<ImportResult[]> {
    return this.results({ method: 'POST', path: '/api/v1/import', json: definitions });
  }

  /** GET /api/v1/export: every definition; 7.x resets the status flags and blanks secrets, 8.x does not. */
  async exportFunctions(): Promise<FunctionDefinitionJson[]> {
    return this.json({ method: 'GET', path: '/api/v1/export' });
  }

  /** DELETE /api/v1/functions/{name}; `handleruuid` guards against deleting a recreated function. */
  async deleteFunction(
    name: string,
    options: ScopeOption & { handleruuid?: number } = {},
  ): Promise<ApiMessage> {
    const extra = { handleruuid: options.handleruuid?.toString() };
    return this.message(this.at('DELETE', name, options, '', extra));
  }

  /** DELETE /api/v1/functions: every undeployed function (7.x answers one result per function). */
  async deleteFunctions(): Promise<unknown> {
    const answer = await this.http.send({ method: 'DELETE', path: '/api/v1/functions' });
    return answer.text.trim() === '' ? { code: 0 } : readJson(answer, 'DELETE /api/v1/functions');
  }

  // ---- Lifecycle (spec §2.1–2.4); each only starts the change: see waitForStatus ----

  /** POST …/deploy. 7.x merges `settings` (e.g. `dcp_stream_boundary`) first; 8.x ignores them. */
  deploy(
    name: string,
    options: ScopeOption & { settings?: Record<string, unknown> } = {},
  ): Promise<ApiMessage> {
    return this.message({
      ...this.at('POST', name, options, '/deploy'),
      json: options.settings ?? {},
    });
  }

  /** POST …/undeploy. */
  undeploy(name: string, options: ScopeOption = {}): Promise<ApiMessage> {
    return this.message(this.at('POST', name, options, '/undeploy'));
  }

  /** POST …/pause: stops processing at a checkpoint; resume continues from there. */
  pause(name: string, options: ScopeOption = {}): Promise<ApiMessage> {
    return this.message(this.at('POST', name, options, '/pause'));
  }

  /** POST …/resume. */
  resume(name: string, options: ScopeOption = {}): Promise<ApiMessage> {
    return this.message(this.at('POST', name, options, '/resume'));
  }

  // ---- Parts of a definition (spec §2.9–2.11) ----

  /** GET …/settings (8.x leaves out the two status flags). */
  getSettings(name: string, options: ScopeOption = {}): Promise<Record<string, unknown>> {
    return this.json(this.at('GET', name, options, '/settings'));
  }

  /**
   * POST …/settings: merges `settings` into the stored ones. 7.x refuses the request unless it
   * carries both `deployment_status` and `processing_status`; the caller sends them.
   */
  setSettings(
    name: string,
    settings: Record<string, unknown>,
    options: ScopeOption = {},
  ): Promise<ApiMessage> {
    return this.message({ ...this.at('POST', name, options, '/settings'), json: settings });
  }

  /** GET …/config: the whole depcfg on 7.x, only the two keyspaces on 8.x. */
  getDeploymentConfig(name: string, options: ScopeOption = {}): Promise<DeploymentConfig> {
    return this.json(this.at('GET', name, options, '/config'));
  }

  /** POST …/config: replaces the whole depcfg, bindings included (`*****` secrets are kept). */
  setDeploymentConfig(
    name: string,
    depcfg: Partial<DepCfg>,
    options: ScopeOption = {},
  ): Promise<ApiMessage> {
    return this.message({ ...this.at('POST', name, options, '/config'), json: depcfg });
  }

  /** GET …/appcode: the JavaScript as stored, not JSON-escaped. */
  async getAppcode(name: string, options: ScopeOption = {}): Promise<string> {
    return (await this.http.send(this.at('GET', name, options, '/appcode'))).text;
  }

  /** GET …/appcode/checksum: lowercase hex SHA-256 of the appcode. */
  async getAppcodeChecksum(name: string, options: ScopeOption = {}): Promise<string> {
    return (await this.http.send(this.at('GET', name, options, '/appcode/checksum'))).text.trim();
  }

  /** POST …/appcode with the raw JavaScript; deprecation warnings come back in `warning_info`. */
  setAppcode(name: string, appcode: string, options: ScopeOption = {}): Promise<ApiMessage> {
    return this.message({ ...this.at('POST', name, options, '/appcode'), text: appcode });
  }

  protected locate(name: string, options: ScopeOption): FunctionLocation {
    return parseLocation(name, options.scope);
  }

  protected at(
    method: RequestSpec['method'],
    name: string,
    options: ScopeOption,
    suffix = '',
    extra: Record<string, string | undefined> = {},
    base?: string,
  ): RequestSpec {
    const location = this.locate(name, options);
    const path = base
      ? `${base}${encodeURIComponent(location.name)}${suffix}`
      : functionPath(location, suffix);
    return { method, path, query: scopeQuery(location, extra) };
  }

  protected async json<T>(spec: RequestSpec): Promise<T> {
    return readJson<T>(await this.http.send(spec), `${spec.method} ${spec.path}`);
  }

  protected async message(spec: RequestSpec): Promise<ApiMessage> {
    return readMessage(await this.http.send(spec), `${spec.method} ${spec.path}`);
  }

  protected async results(spec: RequestSpec): Promise<ImportResult[]> {
    try {
      return readResults(await this.http.send(spec), `${spec.method} ${spec.path}`);
    } catch (error) {
      // 7.1–7.6: nothing imported is a 400 whose description lists the per-function results.
      if (error instanceof EventingApiError && Array.isArray(error.description)) {
        return error.description as ImportResult[];
      }
      throw error;
    }
  }
}

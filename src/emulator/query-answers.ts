import type { QueryPort, QueryRequest, QueryRows } from '../runtime/index.ts';
import type { QueryAnswerData } from './answer-data.ts';
import { QUERY_ERROR_CODE } from './query/query-error.ts';
import type { QueryService } from './query/query-service.ts';

/** Which statements an answer is for: the text (whitespace-insensitive), a pattern, or a test. */
export type QueryMatcher =
  | string
  | RegExp
  | ((statement: string, request: QueryRequest) => boolean);

/**
 * Answers a statement: rows (an array, or a sync or async sequence), or a promise of them.
 * Throw `{ code, msg }` (or an object with an `errors` list) to fail the query as the service
 * would; the handler sees that text in a N1QLError. An answer standing in for a statement that
 * changes data makes its changes through `data` (see {@link QueryAnswerData}).
 */
export type QueryHandler = (
  statement: string,
  params: QueryRequest['params'],
  options: QueryRequest['options'],
  data: QueryAnswerData,
) => QueryRows | Promise<QueryRows>;

export interface QueryAnswerOptions {
  /** The service the answer is for (default `n1ql`). For search, the matcher sees the index name. */
  service?: QueryRequest['service'];
}

/**
 * Test-provided answers to SQL++, Analytics and Search queries, most recent first; SQL++
 * without an answer runs on eventing-dev's evaluator over the emulated keyspaces.
 *
 * @example
 * em.query.on(/FROM `travel-sample`.inventory.route/, () => [{ id: 1, airline: 'AF' }]);
 * em.query.on('SELECT RAW 1', () => { throw { code: 12003, msg: 'Keyspace not found' }; });
 */
export class QueryAnswers implements QueryPort {
  readonly #answers: Array<{
    matcher: QueryMatcher;
    handler: QueryHandler;
    service: QueryRequest['service'];
  }> = [];
  readonly #service: QueryService;
  readonly #data: QueryAnswerData;
  #answering = 0;

  constructor(service: QueryService, data: QueryAnswerData) {
    this.#service = service;
    this.#data = data;
  }

  /** True while an answer runs: the emulator's own writes would wait for its handler then. */
  get answering(): boolean {
    return this.#answering > 0;
  }

  /** Adds an answer; returns a function that removes it. */
  on(matcher: QueryMatcher, handler: QueryHandler, options: QueryAnswerOptions = {}): () => void {
    const answer = { matcher, handler, service: options.service ?? 'n1ql' };
    this.#answers.unshift(answer);
    return () => {
      const index = this.#answers.indexOf(answer);
      if (index >= 0) this.#answers.splice(index, 1);
    };
  }

  /** Without answers of the test, every query goes to the evaluator, which answers at once. */
  answersAtOnce(): boolean {
    return this.#answers.length === 0;
  }

  /** Only answers of the test receive a request's options; the evaluator does not read them. */
  readsOptions(): boolean {
    return this.#answers.length > 0;
  }

  /** Removes every answer. */
  clear(): void {
    this.#answers.length = 0;
  }

  run(request: QueryRequest): QueryRows | Promise<QueryRows> {
    const answer = this.#answers.find(
      (a) => a.service === request.service && matches(a.matcher, request),
    );
    if (answer) return this.#answer(answer.handler, request);
    if (request.service !== 'n1ql') {
      throw {
        code: QUERY_ERROR_CODE.notImplemented,
        msg: `eventing-dev has no ${request.service} service; answer this query with em.query.on(matcher, handler, { service: '${request.service}' })`,
      };
    }
    return this.#service.run(request.statement, request.params).rows;
  }

  #answer(handler: QueryHandler, request: QueryRequest): QueryRows | Promise<QueryRows> {
    this.#answering++;
    let rows: QueryRows | Promise<QueryRows>;
    try {
      rows = handler(request.statement, request.params, request.options, this.#data);
    } catch (error) {
      this.#answering--;
      throw error;
    }
    if (!(rows instanceof Promise)) {
      this.#answering--;
      return rows;
    }
    return rows.finally(() => {
      this.#answering--;
    });
  }
}

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim().replace(/;$/, '').trim();

function matches(matcher: QueryMatcher, request: QueryRequest): boolean {
  if (typeof matcher === 'string') return normalise(matcher) === normalise(request.statement);
  if (matcher instanceof RegExp) return matcher.test(request.statement);
  return matcher(request.statement, request);
}

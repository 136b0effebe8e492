import { describe, expect, it } from 'vitest';
import type { QueryParams } from '../../../src/emulator/query/parameters.ts';
import { QueryError } from '../../../src/emulator/query/query-error.ts';
import { runQuery } from '../../../src/emulator/query/run-query.ts';
import { type MemoryQueryStore, materialised, TEST_CLOCK } from './memory-query-store.ts';
import {
  AIRLINE,
  AIRLINES,
  createTravelStore,
  ROUTE,
  SAMPLE_AIRLINE,
  USER_DOCS,
  USERS,
} from './travel-fixtures.ts';

// One row per statement over the travel fixtures: what it returns, how many documents it
// changes, what the store holds afterwards, or the error it fails with.

interface Case {
  statement: string;
  params?: QueryParams;
  seed?: (store: MemoryQueryStore) => void;
  rows?: unknown[];
  mutationCount?: number;
  after?: (store: MemoryQueryStore) => void;
  error?: {
    code: number;
    message?: string | RegExp;
    unsupported?: string;
    line?: number;
    column?: number;
  };
}

const AIR = 'travel.inventory.airline';
const ROUTES = 'travel.inventory.route';
const MIXED = { bucket: 'mixed', scope: '_default', collection: '_default' };

const selects: Case[] = [
  { statement: `SELECT * FROM ${AIR} a WHERE a.iata = "AF"`, rows: [{ a: AIRLINES.airline_137 }] },
  {
    statement: `SELECT * FROM ${AIR} WHERE iata = 'AF'`,
    rows: [{ airline: AIRLINES.airline_137 }],
  },
  {
    statement: 'SELECT * FROM users USE KEYS "user::bob"',
    rows: [{ users: USER_DOCS['user::bob'] }],
  },
  {
    statement:
      'SELECT a.* FROM `travel-sample`.inventory.airline a USE KEYS ["airline_137", "nope", "airline_10"]',
    rows: [AIRLINES.airline_137, AIRLINES.airline_10],
  },
  {
    statement: `SELECT name, country FROM default:${AIR} WHERE country = "France" ORDER BY name`,
    rows: [
      { name: 'Air France', country: 'France' },
      { name: 'Corsair', country: 'France' },
    ],
  },
  {
    statement: `SELECT META().id, META(a).cas > 0 AS hasCas, META().expiration FROM ${AIR} a USE KEYS "airline_10"`,
    rows: [{ id: 'airline_10', hasCas: true, expiration: 0 }],
  },
  {
    statement: `SELECT RAW name FROM ${AIR} WHERE fleet >= 250 ORDER BY name`,
    rows: ['British Airways', 'Southwest Airlines'],
  },
  {
    statement: `SELECT VALUE iata FROM ${AIR} ORDER BY iata`,
    rows: [null, 'AF', 'BA', 'Q5', 'WN'],
  },
  {
    statement: `SELECT DISTINCT country FROM ${AIR} ORDER BY country`,
    rows: [{ country: 'France' }, { country: 'United Kingdom' }, { country: 'United States' }],
  },
  {
    statement: `SELECT DISTINCT RAW r.airline FROM ${ROUTES} r ORDER BY r.airline DESC`,
    rows: ['WN', 'BA', 'AF'],
  },
  {
    statement: `SELECT RAW META().id FROM ${AIR} WHERE country != "France" AND country <> "United Kingdom"`,
    rows: ['airline_10', 'airline_5209'],
  },
  { statement: 'SELECT RAW name FROM users WHERE age == 17', rows: ['Bob'] },
  {
    statement: 'SELECT RAW name FROM users WHERE age > 17 AND age <= 52 ORDER BY age DESC',
    rows: ["D'Arcy", 'Ada'],
  },
  {
    statement: 'SELECT RAW name FROM users WHERE NOT (age < 18 OR age IS MISSING) ORDER BY name',
    rows: ['Ada', "D'Arcy"],
  },
  {
    statement: `SELECT RAW iata FROM ${AIR} WHERE iata IN ["AF", "BA", "XX"] ORDER BY iata`,
    rows: ['AF', 'BA'],
  },
  { statement: 'SELECT RAW name FROM users WHERE address.city NOT IN ["London"]', rows: ['Bob'] },
  {
    statement: `SELECT RAW name FROM ${AIR} WHERE name LIKE "%Air%" ORDER BY name`,
    rows: ['40-Mile Air', 'Air France', 'British Airways', 'Southwest Airlines'],
  },
  { statement: 'SELECT RAW name FROM users WHERE name LIKE "_o_"', rows: ['Bob'] },
  {
    statement: 'SELECT RAW name FROM users WHERE name NOT LIKE "A%" ORDER BY name',
    rows: ['Bob', 'Cy', "D'Arcy"],
  },
  { statement: 'SELECT RAW name FROM users WHERE email IS NULL', rows: ['Bob'] },
  { statement: 'SELECT RAW name FROM users WHERE email IS NOT NULL', rows: ['Ada', "D'Arcy"] },
  { statement: 'SELECT RAW name FROM users WHERE age IS MISSING', rows: ['Cy'] },
  {
    statement: 'SELECT RAW name FROM users WHERE email IS NOT MISSING',
    rows: ['Ada', 'Bob', "D'Arcy"],
  },
  { statement: 'SELECT RAW name FROM users WHERE email IS VALUED', rows: ['Ada', "D'Arcy"] },
  {
    statement: 'SELECT RAW name FROM users WHERE email IS NOT VALUED ORDER BY name',
    rows: ['Bob', 'Cy'],
  },
  {
    statement: `SELECT RAW distance FROM ${ROUTES} WHERE distance BETWEEN 300 AND 400 ORDER BY distance`,
    rows: [348, 384],
  },
  {
    statement: `SELECT RAW distance FROM ${ROUTES} WHERE distance NOT BETWEEN 300 AND 400 ORDER BY distance`,
    rows: [5540, 5834],
  },
  {
    statement: `SELECT RAW (distance * 2 + 10) / 2 - distance % 100 FROM ${ROUTES} USE KEYS "route_1"`,
    rows: [305],
  },
  {
    statement: `SELECT RAW r.sourceairport || "-" || r.destinationairport FROM ${ROUTES} r`,
    rows: ['CDG-LHR', 'LHR-JFK', 'DAL-HOU', 'CDG-JFK'],
  },
  {
    statement: `SELECT r.schedule[0].flight, r.schedule[-1].day AS lastDay FROM ${ROUTES} r USE KEYS "route_1"`,
    rows: [{ flight: 'AF198', lastDay: 3 }],
  },
  {
    statement: 'SELECT RAW address.city FROM users ORDER BY address.city',
    rows: ['London', 'London', 'Paris'],
  },
  {
    statement: 'SELECT name, email FROM users ORDER BY name',
    rows: [
      { name: 'Ada', email: 'ada@example.com' },
      { name: 'Bob', email: null },
      { name: 'Cy' },
      { name: "D'Arcy", email: 'dee@example.com' },
    ],
  },
  {
    statement: 'SELECT META().id AS id FROM users ORDER BY age DESC, name',
    rows: [{ id: 'user::dee' }, { id: 'user::ada' }, { id: 'user::bob' }, { id: 'user::cy' }],
  },
  {
    statement: 'SELECT RAW META().id FROM mixed ORDER BY v, META().id DESC',
    seed: (store) => {
      const values = { a: [1], b: {}, c: 'a', d: '10', e: 10, f: 2, g: true, h: false, i: null };
      for (const [key, v] of Object.entries(values)) store.put(MIXED, key, { v });
      store.put(MIXED, 'j', {});
      store.put(MIXED, 'k', {});
    },
    rows: ['k', 'j', 'i', 'h', 'g', 'f', 'e', 'd', 'c', 'a', 'b'],
  },
  {
    statement: `SELECT RAW META().id FROM ${AIR} ORDER BY META().id LIMIT 2 OFFSET 1`,
    rows: ['airline_1355', 'airline_137'],
  },
  {
    statement: `SELECT RAW META().id FROM ${AIR} OFFSET $skip LIMIT $take`,
    params: { skip: 3, take: 5 },
    rows: ['airline_5209', 'airline_9001'],
  },
  {
    statement: `SELECT COUNT(*) AS n, COUNT(iata) AS withIata, SUM(fleet) AS fleet, AVG(fleet) AS avg,
      MIN(name) AS earliest, MAX(id) AS maxId FROM ${AIR}`,
    rows: [{ n: 5, withIata: 4, fleet: 1273, avg: 318.25, earliest: '40-Mile Air', maxId: 9001 }],
  },
  { statement: `SELECT COUNT(*) FROM ${AIR}`, rows: [{ $1: 5 }] },
  { statement: 'SELECT RAW COUNT(*) FROM users WHERE age > 100', rows: [0] },
  {
    statement: 'SELECT SUM(age) AS s, MAX(age) AS m FROM users WHERE age > 100',
    rows: [{ s: null, m: null }],
  },
  {
    statement: `SELECT COUNT(DISTINCT country) AS countries FROM ${AIR}`,
    rows: [{ countries: 3 }],
  },
  {
    statement: `SELECT r.airline, COUNT(*) AS routes, SUM(r.distance) AS km FROM ${ROUTES} r
      GROUP BY r.airline HAVING COUNT(*) > 1 OR r.airline = "BA" ORDER BY routes DESC`,
    rows: [
      { airline: 'AF', routes: 2, km: 6182 },
      { airline: 'BA', routes: 1, km: 5540 },
    ],
  },
  {
    statement: 'SELECT RAW name FROM users WHERE age > $min AND name != $skip ORDER BY name',
    params: { min: 20, $skip: 'Ada' },
    rows: ["D'Arcy"],
  },
  {
    statement: 'SELECT RAW name FROM users WHERE age BETWEEN $1 AND $2',
    params: [30, 40],
    rows: ['Ada'],
  },
  {
    statement: `SELECT RAW iata FROM ${AIR} WHERE country = ? AND iata IS NOT NULL`,
    params: ['France'],
    rows: ['AF'],
  },
  {
    statement: `SELECT 'it''s' AS s1, "say \\"hi\\"\\n" AS s2, 1.5e2 AS n, -3 AS neg, TRUE AS t,
      FALSE AS f, NULL AS nul, MISSING AS m, [1, "two", [3]] AS arr, {"a": {"b": 1}} AS obj`,
    rows: [
      {
        s1: "it's",
        s2: 'say "hi"\n',
        n: 150,
        neg: -3,
        t: true,
        f: false,
        nul: null,
        arr: [1, 'two', [3]],
        obj: { a: { b: 1 } },
      },
    ],
  },
  {
    statement:
      'SELECT `name`, u.`address`.`city` AS `the city` FROM `users` u USE KEYS "user::ada"',
    rows: [{ name: 'Ada', 'the city': 'London' }],
  },
  {
    statement: 'SELECT RAW META().id FROM users ORDER BY META().id',
    rows: ['user::ada', 'user::bob', 'user::cy', 'user::dee'],
  },
  { statement: 'SELECT * FROM users USE KEYS "avatar::ada"', rows: [] },
  { statement: 'SELECT RAW 1 + 2', rows: [3] },
  {
    statement: 'SELECT /* a comment */ RAW name -- the name\n FROM users USE KEYS "user::ada";',
    rows: ['Ada'],
  },
];

const mutations: Case[] = [
  {
    statement:
      'INSERT INTO users (KEY, VALUE) VALUES ("user::eve", {"name": "Eve", "age": 29}), ("user::fay", {"name": "Fay"}) RETURNING META().id, name',
    rows: [
      { id: 'user::eve', name: 'Eve' },
      { id: 'user::fay', name: 'Fay' },
    ],
    mutationCount: 2,
    after: (store) => expect(store.value(USERS, 'user::eve')).toEqual({ name: 'Eve', age: 29 }),
  },
  {
    statement: `INSERT INTO ${AIR} AS a VALUES ("airline_1", {"name": "One"}) RETURNING *`,
    rows: [{ a: { name: 'One' } }],
    mutationCount: 1,
  },
  {
    statement:
      'UPSERT INTO users (KEY, VALUE) VALUES ("user::ada", {"name": "Ada L."}), ($key, $doc)',
    params: { key: 'user::new', doc: { name: 'New', tags: ['x'] } },
    rows: [],
    mutationCount: 2,
    after: (store) => {
      expect(store.value(USERS, 'user::ada')).toEqual({ name: 'Ada L.' });
      expect(store.value(USERS, 'user::new')).toEqual({ name: 'New', tags: ['x'] });
    },
  },
  {
    statement: `UPDATE users u USE KEYS "user::bob" SET u.age = u.age + 1, address.city = "Lyon",
      u.badges = ["new"] UNSET email RETURNING u.*`,
    rows: [{ name: 'Bob', age: 18, tags: [], address: { city: 'Lyon' }, badges: ['new'] }],
    mutationCount: 1,
  },
  {
    statement: `UPDATE ${AIR} SET reviewed = true WHERE country = "France"`,
    rows: [],
    mutationCount: 2,
    after: (store) => {
      expect(store.value(AIRLINE, 'airline_137')).toMatchObject({ reviewed: true });
      expect(store.value(AIRLINE, 'airline_10')).not.toHaveProperty('reviewed');
    },
  },
  {
    statement: `UPDATE users USE KEYS ["user::cy"] SET profile = {"prefs": {}},
      profile.prefs.theme = "dark", nowhere.x = 1 RETURNING RAW profile`,
    rows: [{ prefs: { theme: 'dark' } }],
    mutationCount: 1,
    after: (store) => expect(store.value(USERS, 'user::cy')).not.toHaveProperty('nowhere'),
  },
  {
    statement: 'DELETE FROM users USE KEYS ["user::cy", "user::none"] RETURNING RAW name',
    rows: ['Cy'],
    mutationCount: 1,
    after: (store) => expect(store.value(USERS, 'user::cy')).toBeUndefined(),
  },
  {
    statement: `DELETE FROM ${ROUTES} WHERE stops > 0`,
    rows: [],
    mutationCount: 1,
    after: (store) => expect(store.keys(ROUTE)).toEqual(['route_1', 'route_2', 'route_3']),
  },
];

const unsupported = (construct: string, column?: number): Case['error'] => ({
  code: 1020,
  unsupported: construct,
  message: new RegExp(
    `does not support ${escapeRegExp(construct)}.*em\\.query\\.on\\(\\.\\.\\.\\)`,
  ),
  ...(column === undefined ? {} : { line: 1, column }),
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const errors: Case[] = [
  {
    statement:
      'INSERT INTO users (KEY, VALUE) VALUES ("user::ada", {}), ("user::zed", {"name": "Zed"})',
    error: { code: 12009, message: /Duplicate Key: user::ada$/ },
    after: (store) => {
      expect(store.value(USERS, 'user::zed')).toEqual({ name: 'Zed' });
      expect(store.value(USERS, 'user::ada')).toEqual(USER_DOCS['user::ada']);
    },
  },
  {
    statement: 'SELECT * FORM users',
    error: {
      code: 3000,
      message: "syntax error - line 1, column 10, near 'SELECT *', at: FORM",
      line: 1,
      column: 10,
    },
  },
  {
    statement: 'SELECT name\nFROM users\nWHERE age >',
    error: { code: 3000, message: /line 3, column 12, .* at: end of input$/, line: 3, column: 12 },
  },
  {
    statement: 'SELECT "abc FROM users',
    error: { code: 3000, message: /unterminated/, line: 1, column: 8 },
  },
  { statement: 'SELECT user FROM users', error: { code: 3000, message: /at: user$/, column: 8 } },
  { statement: 'SELECT * FROM users WHERE a = b = c', error: { code: 3000, column: 33 } },
  { statement: 'SELECT * FROM users u JOIN routes r ON u.x = r.y', error: unsupported('JOIN', 23) },
  { statement: 'SELECT t FROM users UNNEST tags t', error: unsupported('UNNEST', 21) },
  { statement: 'SELECT SOUNDEX(name) FROM users', error: unsupported('the function SOUNDEX()', 8) },
  {
    statement: 'SELECT * FROM users WHERE ANY t IN tags SATISFIES t = "ops" END',
    error: unsupported('ANY ... SATISFIES'),
  },
  { statement: 'SELECT x FROM users LET x = 1', error: unsupported('LET', 21) },
  { statement: 'SELECT RAW 1 UNION SELECT RAW 2', error: unsupported('UNION', 14) },
  { statement: 'CREATE PRIMARY INDEX ON users', error: unsupported('CREATE statements', 1) },
  {
    statement: 'MERGE INTO users USING x ON KEY y WHEN MATCHED THEN DELETE',
    error: unsupported('MERGE'),
  },
  {
    statement: 'INSERT INTO users (KEY k, VALUE v) SELECT META().id AS k, u AS v FROM users u',
    error: unsupported('INSERT ... SELECT'),
  },
  {
    statement: 'INSERT INTO users (KEY, VALUE, OPTIONS) VALUES ("k", {}, {"expiration": 10})',
    error: unsupported('OPTIONS (document expiration) in VALUES'),
  },
  { statement: 'SELECT * FROM users USE INDEX (ix)', error: unsupported('USE INDEX') },
  {
    statement: 'SELECT name, COUNT(*) FROM users',
    error: {
      code: 4210,
      message: 'Expression (name) must depend only on group keys or aggregates.',
    },
  },
  {
    statement: 'SELECT RAW name FROM users WHERE age > $min',
    error: { code: 5010, message: 'No value for named parameter $min (near line 1, column 40).' },
  },
  {
    statement: 'INSERT INTO users VALUES (1, {"a": 1})',
    error: { code: 5070, message: 'Cannot INSERT non-string key 1 of type number.' },
  },
  {
    statement: 'SELECT * FROM travel.inventory',
    error: { code: 12003, message: /default:travel\.inventory/ },
  },
  { statement: 'SELECT * FROM users WHERE COUNT(*) > 1', error: { code: 3100 } },
  {
    statement: 'SELECT * FROM users LIMIT -1',
    error: { code: 5030, message: 'Invalid LIMIT value -1.' },
  },
  { statement: 'SELECT name, u.name FROM users u', error: { code: 4020 } },
];

function run(testCase: Case) {
  const store = createTravelStore();
  testCase.seed?.(store);
  const request = { statement: testCase.statement, params: testCase.params };
  return { store, outcome: () => materialised(runQuery(request, store, TEST_CLOCK, 'UTC')) };
}

describe('SQL++ statements over the travel fixtures', () => {
  it.each([...selects, ...mutations].map((c) => [c.statement, c] as const))('%s', (_, testCase) => {
    const { store, outcome } = run(testCase);
    const result = outcome();
    expect(result.rows).toEqual(testCase.rows);
    expect(result.mutationCount).toBe(testCase.mutationCount ?? 0);
    testCase.after?.(store);
  });

  it.each(errors.map((c) => [c.statement, c] as const))('%s fails', (_, testCase) => {
    const { store, outcome } = run(testCase);
    const error = catchError(outcome);
    const expected = testCase.error!;
    expect(error.code).toBe(expected.code);
    if (expected.message !== undefined) expect(error.message).toMatch(expected.message);
    if (expected.unsupported !== undefined) expect(error.unsupported).toBe(expected.unsupported);
    if (expected.line !== undefined) expect(error.position?.line).toBe(expected.line);
    if (expected.column !== undefined) expect(error.position?.column).toBe(expected.column);
    testCase.after?.(store);
  });

  it('covers at least forty statements', () => {
    expect(selects.length + mutations.length + errors.length).toBeGreaterThanOrEqual(40);
    expect(SAMPLE_AIRLINE.bucket).toBe('travel-sample');
  });
});

function catchError(action: () => unknown): QueryError {
  try {
    action();
  } catch (error) {
    if (error instanceof QueryError) return error;
    throw error;
  }
  throw new Error('expected a QueryError');
}

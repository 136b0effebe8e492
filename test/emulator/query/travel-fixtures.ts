import type { Keyspace } from '../../../src/definition/keyspace.ts';
import { createMemoryQueryStore, type MemoryQueryStore } from './memory-query-store.ts';

// Documents we wrote for the query tests, shaped like the travel sample: airlines and routes in
// travel.inventory, a few airlines in `travel-sample`.inventory.airline, and users (with one
// binary document) in the default collection of the `users` bucket.

export const AIRLINE: Keyspace = { bucket: 'travel', scope: 'inventory', collection: 'airline' };
export const ROUTE: Keyspace = { bucket: 'travel', scope: 'inventory', collection: 'route' };
export const SAMPLE_AIRLINE: Keyspace = {
  bucket: 'travel-sample',
  scope: 'inventory',
  collection: 'airline',
};
export const USERS: Keyspace = { bucket: 'users', scope: '_default', collection: '_default' };

export const AIRLINES: Record<string, unknown> = {
  airline_10: {
    id: 10,
    type: 'airline',
    name: '40-Mile Air',
    iata: 'Q5',
    callsign: 'MILE-AIR',
    country: 'United States',
    fleet: 3,
  },
  airline_137: {
    id: 137,
    type: 'airline',
    name: 'Air France',
    iata: 'AF',
    callsign: 'AIRFRANS',
    country: 'France',
    alliances: ['SkyTeam'],
    fleet: 220,
  },
  airline_1355: {
    id: 1355,
    type: 'airline',
    name: 'British Airways',
    iata: 'BA',
    callsign: 'SPEEDBIRD',
    country: 'United Kingdom',
    alliances: ['oneworld'],
    fleet: 250,
  },
  airline_5209: {
    id: 5209,
    type: 'airline',
    name: 'Southwest Airlines',
    iata: 'WN',
    callsign: 'SOUTHWEST',
    country: 'United States',
    fleet: 800,
  },
  airline_9001: {
    id: 9001,
    type: 'airline',
    name: 'Corsair',
    iata: null,
    callsign: 'CORSAIR',
    country: 'France',
  },
};

export const ROUTES: Record<string, unknown> = {
  route_1: {
    airline: 'AF',
    sourceairport: 'CDG',
    destinationairport: 'LHR',
    distance: 348,
    stops: 0,
    schedule: [
      { day: 0, flight: 'AF198' },
      { day: 3, flight: 'AF201' },
    ],
  },
  route_2: {
    airline: 'BA',
    sourceairport: 'LHR',
    destinationairport: 'JFK',
    distance: 5540,
    stops: 0,
    schedule: [],
  },
  route_3: {
    airline: 'WN',
    sourceairport: 'DAL',
    destinationairport: 'HOU',
    distance: 384,
    stops: 0,
  },
  route_4: {
    airline: 'AF',
    sourceairport: 'CDG',
    destinationairport: 'JFK',
    distance: 5834,
    stops: 1,
  },
};

export const USER_DOCS: Record<string, unknown> = {
  'user::ada': {
    name: 'Ada',
    age: 36,
    email: 'ada@example.com',
    tags: ['admin', 'ops'],
    address: { city: 'London', zip: 'N1' },
  },
  'user::bob': { name: 'Bob', age: 17, email: null, tags: [], address: { city: 'Paris' } },
  'user::cy': { name: 'Cy', tags: ['ops'], address: { city: 'London' } },
  'user::dee': { name: "D'Arcy", age: 52, email: 'dee@example.com' },
};

/** A store seeded with all the fixtures, plus a binary document in `users`. */
export function createTravelStore(): MemoryQueryStore {
  const store = createMemoryQueryStore();
  const seed = (keyspace: Keyspace, docs: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(docs)) store.put(keyspace, key, value);
  };
  seed(AIRLINE, AIRLINES);
  seed(ROUTE, ROUTES);
  seed(SAMPLE_AIRLINE, { airline_137: AIRLINES.airline_137, airline_10: AIRLINES.airline_10 });
  seed(USERS, USER_DOCS);
  store.put(USERS, 'avatar::ada', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0xff]));
  return store;
}

import type { Emulator } from '../emulator/emulator.ts';
import type { Mutation } from './arbitraries.ts';

/**
 * Runs a sequence from `arbitraries.mutations()` against an emulator, each step settled before
 * the next: a burst writes its values so fast that only the last reaches the functions (the
 * others are stored silently), and a redelivery hands a key's current state to them again.
 */
export async function applyMutations(em: Emulator, steps: readonly Mutation[]): Promise<void> {
  for (const step of steps) {
    switch (step.type) {
      case 'upsert':
        await em.upsert(
          step.keyspace,
          step.key,
          step.value,
          step.expiry === undefined ? {} : { expiry: step.expiry },
        );
        break;
      case 'remove':
        await em.remove(step.keyspace, step.key);
        break;
      case 'advance':
        await em.advance(step.ms);
        break;
      case 'burst': {
        const last = step.values.length - 1;
        for (const value of step.values.slice(0, last))
          em.seed(step.keyspace, { [step.key]: value });
        await em.upsert(step.keyspace, step.key, step.values[last]);
        break;
      }
      case 'redeliver':
        await em.redeliver(step.keyspace, step.key);
        break;
    }
  }
}

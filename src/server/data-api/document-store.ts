import { EventingDevError } from '../../errors.ts';
import type { Reply } from '../reply.ts';
import type { Handler, RequestContext } from '../router.ts';
import { DataApiError, invalidArgument } from './data-api-error.ts';
import type { DocumentAddress } from './document-address.ts';
import type { DocumentValue } from './document-body.ts';

// Writes of the Data API go through the emulator as any client's writes: deployed functions see
// each one. fidelity: the answer comes once the handlers it triggered have run, as the
// emulator's `writesWaitFor: 'reached'` defines it (a cluster answers once the write is
// stored), so that `eventing-dev doc` and scripts see their effects at once.
// What the emulator refuses is the client's mistake, in the Data API's words.

/** What a write stores beyond the body. */
export interface WriteOptions {
  /** When the document expires; undefined for never. */
  expiry: Date | undefined;
  xattrs?: Record<string, unknown> | null;
}

/**
 * Stores a document and answers with its CAS once the functions it triggered have run and, with
 * a data directory, once it is saved.
 */
export async function storeDocument(
  context: RequestContext,
  address: DocumentAddress,
  document: DocumentValue,
  options: WriteOptions,
): Promise<string> {
  const { cas } = await context.service.emulator.upsert(
    address.keyspace,
    address.key,
    document.value,
    {
      flags: document.flags,
      ...(options.expiry ? { expiry: options.expiry } : {}),
      ...(options.xattrs ? { xattrs: options.xattrs } : {}),
    },
  );
  await context.service.persist();
  return cas;
}

/** Removes a document (it exists); answers once its handlers ran and it is saved. */
export async function removeDocument(context: RequestContext, address: DocumentAddress) {
  await context.service.emulator.remove(address.keyspace, address.key);
  await context.service.persist();
}

/** An expiration in epoch seconds as the expiry to keep; undefined for none. */
export function keptExpiry(expiration: number): Date | undefined {
  return expiration === 0 ? undefined : new Date(expiration * 1000);
}

/** A route handler whose Data API errors, and the emulator's refusals, become answers. */
export function dataApiHandler(handler: Handler): Handler {
  return async (context): Promise<Reply> => {
    try {
      return await handler(context);
    } catch (error) {
      if (error instanceof DataApiError) return error.toReply();
      if (error instanceof EventingDevError) return invalidArgument(error.message).toReply();
      throw error;
    }
  };
}

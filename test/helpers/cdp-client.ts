/** A debugger's side of the Chrome DevTools Protocol over a WebSocket, for tests. */
export class CdpClient {
  readonly #socket: WebSocket;
  readonly #answers = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void }
  >();
  readonly #events: { method: string; params: Record<string, unknown> }[] = [];
  readonly #waiters: { method: string; resolve: (params: Record<string, unknown>) => void }[] = [];
  #nextId = 1;

  private constructor(socket: WebSocket) {
    this.#socket = socket;
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data));
      if (message.id !== undefined) {
        const answer = this.#answers.get(message.id);
        this.#answers.delete(message.id);
        if (message.error) answer?.reject(new Error(message.error.message));
        else answer?.resolve(message.result);
        return;
      }
      const waiter = this.#waiters.findIndex((w) => w.method === message.method);
      if (waiter >= 0) this.#waiters.splice(waiter, 1)[0]?.resolve(message.params);
      else this.#events.push(message);
    });
  }

  static connect(url: string): Promise<CdpClient> {
    const socket = new WebSocket(url);
    return new Promise((resolve, reject) => {
      socket.addEventListener('open', () => resolve(new CdpClient(socket)));
      socket.addEventListener('error', () => reject(new Error(`cannot connect to ${url}`)));
    });
  }

  send<T = Record<string, unknown>>(method: string, params: object = {}): Promise<T> {
    const id = this.#nextId++;
    this.#socket.send(JSON.stringify({ id, method, params }));
    return new Promise((resolve, reject) =>
      this.#answers.set(id, { resolve: resolve as (v: unknown) => void, reject }),
    );
  }

  /** The next event named `method` (one already received, or the next to come). */
  next(method: string): Promise<Record<string, unknown>> {
    const index = this.#events.findIndex((event) => event.method === method);
    if (index >= 0)
      return Promise.resolve(
        (this.#events.splice(index, 1)[0] as { params: Record<string, unknown> }).params,
      );
    return new Promise((resolve) => this.#waiters.push({ method, resolve }));
  }

  /** Every event named `method` received so far and not yet taken. */
  received(method: string): Record<string, unknown>[] {
    return this.#events.filter((event) => event.method === method).map((event) => event.params);
  }

  close(): void {
    this.#socket.close();
  }
}

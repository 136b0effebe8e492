/** A timer whose due time has come, on its way to the function's callback. */
export interface TimerFire {
  kind: 'timer';
  callback: string;
  reference: string;
  /** JSON text of the context, or the text `undefined` when none was given. */
  context: string;
}

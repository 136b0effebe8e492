import type { DocumentChange } from './document-change.ts';
import type { TimerFire } from './timer-fire.ts';

/** Everything that can be queued for a deployed function's handlers. */
export type FunctionEvent = DocumentChange | TimerFire;

/** The action object OnDeploy receives (spec §1.4): key order reason, delay. */
export interface OnDeployAction {
  reason: 'Deploy' | 'Resume';
  /** Milliseconds since the function was paused, for a resume; 0 for a deploy. */
  delay: number;
}

// What a run tells its driver (the CLI writes it to stdout and the run folder, the worker posts it to
// the page). One call of Run.next() yields the events of one unit of work, in order.

import type { StepReport } from '../trainer';
import type { SftProgress } from '../sft-loop';
import type { ValidationResult } from './validation';

export type RunEvent =
  /** one SFT update (sft.steps > 0, before the LRPO steps) */
  | { type: 'sft'; progress: SftProgress }
  /** validation at an LRPO step (every trainer.test_freq steps); its metrics are in that step's report too */
  | { type: 'validation'; step: number; result: ValidationResult }
  /** one LRPO step */
  | { type: 'step'; report: StepReport }
  /** an update was skipped (non-finite loss, gradient or reward); `halted` when the run must stop */
  | { type: 'fault'; step: number; message: string; consecutive: number; halted: string | null }
  /** a save is due (every trainer.save_freq steps, at the end of SFT and at the last step): capture and persist one */
  | { type: 'save'; step: number; reason: 'save_freq' | 'sft-done' | 'finished' };

// Everything a run checks before its first step, each problem with its field: language tags (the
// router's arms and the questions' own languages in tag mode), the model's block size, the
// embedding model and calibration table the reward needs, and validation data when
// trainer.test_freq > 0. Fatal problems refuse the run; questions that cannot be prompted are
// left out and reported as skipped.

import type { Example, Problem } from '../../data/example';
import type { RunConfig } from '../config';
import { splitUntagged, type PromptTokenizer } from '../planner';
import { hasTag } from '../trainer';

export interface RunCheckInputs {
  config: RunConfig;
  tokenizer: PromptTokenizer;
  /** the policy's context length */
  blockSize: number;
  /** where the policy came from, for messages ("models/demo-sft", "init(seed=1)") */
  source: string;
  train: readonly Example[];
  val: readonly Example[];
  /** the reward's similarity backend in use (an embedding model opened in the studio counts) */
  similarity: 'match' | 'embedding';
  /** file name of the training data, for skipped-row problems */
  trainFile?: string;
}

export interface RunCheck {
  /** fatal: the run cannot start */
  problems: Problem[];
  /** questions left out (their language has no tag), reported */
  skipped: Problem[];
  /** the training questions the run uses */
  train: Example[];
}

export function checkRunInputs(i: RunCheckInputs): RunCheck {
  const c = i.config;
  const problems: Problem[] = [];
  const tagMode = c.data.instruction_mode === 'tag';
  if (tagMode) {
    const tagless = c.router.languages.filter((l) => !hasTag(i.tokenizer, l));
    if (tagless.length) problems.push({ field: 'router.languages', reason: `the tokenizer of ${i.source} has no <|out_lang_xx|> token for ${tagless.join(', ')} (instruction_mode tag)` });
  }
  const split = splitUntagged(i.train, (l) => hasTag(i.tokenizer, l), c.data.instruction_mode, i.trainFile ?? c.data.train_files);
  if (!i.train.length) problems.push({ field: 'data.train_files', reason: 'no usable training question' });
  else if (!split.usable.length) problems.push({ field: 'data.train_files', reason: `no training question can be prompted: ${split.problems[0].reason}` });
  const need = c.data.max_prompt_length + c.data.max_response_length;
  if (need > i.blockSize) {
    problems.push({ field: 'data.max_response_length', reason: `max_prompt_length + max_response_length (${need}) exceeds the model's block size ${i.blockSize} (${i.source})` });
  }
  if (c.reward.similarity === 'embedding' && i.similarity !== 'embedding') {
    problems.push({ field: 'reward.embedding_model_url', reason: 'reward.similarity is "embedding" but no embedding model is loaded' });
  }
  if (c.reward.calibration !== 'none' && !c.reward.calibration_table) {
    problems.push({ field: 'reward.calibration_table', reason: `is required when reward.calibration is "${c.reward.calibration}"` });
  }
  if (c.trainer.test_freq > 0) {
    if (!c.data.val_files && !i.val.length) problems.push({ field: 'data.val_files', reason: 'is required when trainer.test_freq > 0' });
    else if (!i.val.length) problems.push({ field: 'data.val_files', reason: 'has no usable validation question (trainer.test_freq > 0)' });
    else if (tagMode && i.val.every((e) => !hasTag(i.tokenizer, e.language))) {
      problems.push({ field: 'data.val_files', reason: `no validation question has a language tag in ${i.source}` });
    }
  }
  if (c.sft.steps > 0 && tagMode && split.usable.length && !split.usable.some((e) => c.router.languages.includes(e.language))) {
    problems.push({ field: 'sft.steps', reason: 'SFT has nothing to teach: no training question is in one of router.languages' });
  }
  return { problems, skipped: split.problems, train: split.usable };
}

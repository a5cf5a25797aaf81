// Routed rollout planning: for each question of a batch, a group of n rollouts. The first
// `orig_lang_min` stay in the question's original language, the rest draw a language each from the
// router (independently, with replacement) — or, for the baselines, from a uniform mix or the
// original language. Topics in `fixed_lang_topics` (the reference: "Translation") keep every rollout
// in the original language. Each rollout gets its own prompt: tag mode appends "\n<|out_lang_xx|>"
// to the question (with a chat template, the tagged question is the user message, as the reference
// prompts an instruct model through verl's chat template); system mode puts an instruction written
// in the target language before it.

import type { Example, Problem } from '../data/example';
import type { Rng } from '../engine/rng';
import { answerInstruction } from './instructions';

export type InstructionMode = 'tag' | 'system' | 'chat';
/** how a rollout's language was decided */
export type RolloutSource = 'quota' | 'router' | 'fixed' | 'uniform' | 'mono';

/** What the planner needs from the tokenizer. */
export interface PromptTokenizer {
  readonly bosId: number;
  encode(text: string): number[];
  /** id of `<|out_lang_{code}|>`; throws for a language without a tag */
  langTokenId(code: string): number;
  /**
   * chat mode: the ids of the model's chat template applied to these messages with the generation
   * prompt (the template adds its own special tokens); absent for a tokenizer without a template
   */
  chatPrompt?(system: string, user: string): number[];
  /**
   * tag mode on an instruct model: the ids of the chat template applied to one user message (the
   * tagged question) with the generation prompt; absent without a template (then [bos] + text)
   */
  userPrompt?(user: string): number[];
}

export interface PlannedRollout {
  example: Example;
  /** the question's position in the batch: its GRPO group */
  group: number;
  targetLang: string;
  source: RolloutSource;
  promptText: string;
  prompt: number[];
  /** the prompt was cut to maxPromptLength */
  promptTruncated: boolean;
}

export interface PlanOptions {
  n: number;
  origLangMin: number;
  fixedLangTopics: readonly string[];
  mode: InstructionMode;
  /** 'router': LRPO; 'mono': every rollout in the original language; 'uniform': a fixed uniform mix over `languages` */
  routing: 'router' | 'mono' | 'uniform';
  languages: readonly string[];
  maxPromptLength: number;
}

/** Picks a language for a routed rollout of this question (the router's choose()). */
export type LanguageChooser = (example: Example, rng: Rng) => string;

/** The question as the reference prompts it: stripped of surrounding whitespace (Python's str.strip()). */
export function strippedQuestion(question: string): string {
  return question.replace(/^[\s\u001c-\u001f\u0085]+|[\s\u001c-\u001f\u0085]+$/g, '');
}

export function promptText(rawQuestion: string, lang: string, mode: InstructionMode): string {
  const question = strippedQuestion(rawQuestion);
  if (mode === 'chat') return `[system] ${answerInstruction(lang)}\n[user] ${question}`;
  return mode === 'tag' ? `${question}\n<|out_lang_${lang}|>` : `${answerInstruction(lang)}\n${question}\n`;
}

/**
 * Chat mode: the template over [system: the instruction in the target language, user: the
 * question]. Too long for maxLen: the question loses characters from its start until it fits (the
 * template's own tokens and the instruction stay); throws when even an empty question does not fit.
 */
function chatPromptIds(tok: PromptTokenizer, question: string, lang: string, maxLen: number): number[] {
  if (!tok.chatPrompt) throw new Error('instruction_mode chat needs a tokenizer with a chat template (a Hugging Face model folder)');
  return fitQuestion((q) => tok.chatPrompt!(answerInstruction(lang), q), question, maxLen, `the chat template and the ${lang} instruction`);
}

/** Tag mode with a chat template: the template over [user: question + "\n<|out_lang_xx|>"], cut as chat mode is. */
function taggedUserPromptIds(tok: PromptTokenizer, question: string, lang: string, maxLen: number): number[] {
  tok.langTokenId(lang); // throws for a language without a tag
  return fitQuestion((q) => tok.userPrompt!(`${q}\n<|out_lang_${lang}|>`), question, maxLen, `the chat template and the ${lang} tag`);
}

/** render(question), or render of the question's shortest cut from its start that fits maxLen. */
function fitQuestion(render: (q: string) => number[], question: string, maxLen: number, what: string): number[] {
  const full = render(question);
  if (full.length <= maxLen) return full;
  if (render('').length > maxLen) throw new Error(`${what} alone take ${render('').length} tokens, more than data.max_prompt_length ${maxLen}`);
  let lo = 0, hi = question.length; // smallest cut that fits
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (render(question.slice(mid)).length <= maxLen) hi = mid;
    else lo = mid + 1;
  }
  return render(question.slice(lo));
}

/** [bos] + question tokens (+ "\n" + tag | instruction + "\n" + question + "\n"); keeps the end when too long. */
/**
 * Tag mode prompts every question with a language tag, its own language's among them (quota and
 * fixed-language rollouts): a question whose language has no `<|out_lang_xx|>` token cannot be
 * used. Those are reported (one problem per question, with its row) and left out; system mode
 * (an instruction in words) can prompt any language.
 */
export function splitUntagged(
  examples: readonly Example[], hasTag: (lang: string) => boolean, mode: InstructionMode, file?: string,
): { usable: Example[]; problems: Problem[] } {
  if (mode !== 'tag') return { usable: [...examples], problems: [] };
  const usable: Example[] = [];
  const problems: Problem[] = [];
  for (const ex of examples) {
    if (hasTag(ex.language)) usable.push(ex);
    else problems.push({ ...(file ? { file } : {}), row: ex.index, field: 'extra_info.language', reason: `"${ex.language}" has no <|out_lang_${ex.language}|> tag in this model's tokenizer (instruction_mode tag); use instruction_mode system or a model with that tag` });
  }
  return { usable, problems };
}

export function buildPrompt(tok: PromptTokenizer, rawQuestion: string, lang: string, mode: InstructionMode, maxLen: number): number[] {
  const question = strippedQuestion(rawQuestion);
  if (mode === 'chat') return chatPromptIds(tok, question, lang, maxLen);
  if (mode === 'tag' && tok.userPrompt) return taggedUserPromptIds(tok, question, lang, maxLen);
  let body: number[];
  if (mode === 'tag') {
    body = [...tok.encode(question), ...tok.encode('\n'), tok.langTokenId(lang)];
  } else {
    const instr = tok.encode(`${answerInstruction(lang)}\n`);
    const q = tok.encode(`${question}\n`);
    const room = Math.max(0, maxLen - 1 - instr.length);
    body = [...instr, ...q.slice(Math.max(0, q.length - room))];
  }
  if (body.length > maxLen - 1) body = body.slice(body.length - (maxLen - 1));
  return [tok.bosId, ...body];
}

export function planBatch(batch: readonly Example[], opts: PlanOptions, tok: PromptTokenizer, choose: LanguageChooser, rng: Rng): PlannedRollout[] {
  if (opts.n < 1) throw new Error(`planBatch: n must be >= 1, got ${opts.n}`);
  const out: PlannedRollout[] = [];
  batch.forEach((ex, group) => {
    const fixed = opts.fixedLangTopics.includes(ex.topic);
    for (let k = 0; k < opts.n; k++) {
      let lang: string;
      let source: RolloutSource;
      if (fixed) {
        lang = ex.language;
        source = 'fixed';
      } else if (k < opts.origLangMin) {
        lang = ex.language;
        source = 'quota';
      } else if (opts.routing === 'mono') {
        lang = ex.language;
        source = 'mono';
      } else if (opts.routing === 'uniform') {
        lang = opts.languages[rng.int(opts.languages.length)];
        source = 'uniform';
      } else {
        lang = choose(ex, rng);
        source = 'router';
      }
      const prompt = buildPrompt(tok, ex.question, lang, opts.mode, opts.maxPromptLength);
      out.push({
        example: ex,
        group,
        targetLang: lang,
        source,
        promptText: promptText(ex.question, lang, opts.mode),
        prompt,
        promptTruncated: prompt.length < buildPrompt(tok, ex.question, lang, opts.mode, Infinity).length,
      });
    }
  });
  return out;
}

// Writes public/data/care-pro-illustrative.jsonl from scripts/care-demo/questions.ts: one line per
// (question, model) with the model's answer, a first grading ("label", the CARE (Pro) rubric as
// written: hedging allowed) and a stricter second grading ("label_2"), both by us. Deterministic.
// Run: node bin/run-ts.mjs scripts/make-care-demo.ts
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODELS, QUESTIONS, type CareQuestion, type Outcome } from './care-demo/questions';

const DONT_KNOW = { zh: '我不知道。', hi: 'मुझे नहीं पता।', es: 'No lo sé.' } as const;
const FRAME = { zh: (a: string) => `答案是${a}。`, hi: (a: string) => `उत्तर है ${a}।`, es: (a: string) => `La respuesta es ${a}.` } as const;
const HEDGE = { zh: (a: string) => `可能是${a}，但我不太确定。`, hi: (a: string) => `शायद ${a}, पर मुझे पक्का नहीं पता।`, es: (a: string) => `Quizás ${a}, pero no estoy seguro.` } as const;

function answer(q: CareQuestion, o: Outcome): { prediction: string; label: string; label_2: string } {
  switch (o) {
    case 'A': return { prediction: FRAME[q.language](q.target), label: 'A', label_2: 'A' };
    case 'B': return { prediction: `The answer is ${q.target_en}.`, label: 'B', label_2: 'B' };
    case 'C': return { prediction: FRAME[q.language](q.wrong), label: 'C', label_2: 'C' };
    case 'D': return { prediction: DONT_KNOW[q.language], label: 'D', label_2: 'D' };
    case 'H': return { prediction: HEDGE[q.language](q.target), label: 'A', label_2: 'D' };
    case 'M': return { prediction: `${FRAME[q.language](q.target)} (In English: ${q.target_en}.)`, label: 'A', label_2: 'B' };
  }
}

export function careDemoLines(): string {
  const out: string[] = [];
  MODELS.forEach((model, m) => {
    for (const q of QUESTIONS) {
      const a = answer(q, q.outcomes[m]);
      out.push(JSON.stringify({
        id: q.id, model, language: q.language, setting: q.setting, region: q.region,
        question: q.question, question_en: q.question_en, target: q.target, target_en: q.target_en,
        prediction: a.prediction, label: a.label, label_2: a.label_2,
        note: 'illustrative, authored by the LRPO Studio team; not CARE (Pro) and not model output',
      }));
    }
  });
  return out.join('\n') + '\n';
}

const here = path.dirname(fileURLToPath(import.meta.url));
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = path.join(here, '../public/data/care-pro-illustrative.jsonl');
  writeFileSync(file, careDemoLines());
  console.log(`wrote ${file}`);
}

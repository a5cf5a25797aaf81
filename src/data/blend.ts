// Converts BLEnD short-answer data (nlee0212/BLEnD: `{Region}_data.json` annotations and
// `{Region}_questions.csv` topics) into the reference's dataset rows, so real multilingual
// regional-knowledge questions load like any other dataset:
//   region = the file's region, ability/topic = the CSV's Topic, language = the region's local
//   language (the question's language), question = the local-language question, answer = the
//   most-voted local answer, extra_info.references.en = the most-voted English answer.
// Questions without annotations keep a null answer; the normalizer then reports them as unusable.
import { csvObjects } from './csv.ts';

/** Local language (ISO 639-1) of each BLEnD region, keyed by the file-name form of the region. */
export const BLEND_REGION_LANGUAGES: Record<string, string> = {
  Algeria: 'ar', Assam: 'as', Azerbaijan: 'az', China: 'zh', Ethiopia: 'am', Greece: 'el', Indonesia: 'id',
  Iran: 'fa', Mexico: 'es', North_Korea: 'ko', Northern_Nigeria: 'ha', South_Korea: 'ko', Spain: 'es',
  UK: 'en', US: 'en', West_Java: 'su',
};

interface BlendAnnotation {
  answers?: string[];
  en_answers?: string[];
  count?: number;
}

interface BlendQuestion {
  question?: string;
  en_question?: string;
  annotations?: BlendAnnotation[];
}

export interface BlendRow {
  data_source: 'blend';
  question: string | null;
  answer: string | null;
  ability: string | null;
  extra_info: {
    index: number;
    id: string;
    question: string | null;
    en_question: string | null;
    language: string;
    region: string;
    topic: string | null;
    references: Record<string, string | null>;
  };
}

/** The annotation with the most votes (the first one on ties). */
export function topAnnotation(annotations: readonly BlendAnnotation[] | undefined): BlendAnnotation | null {
  let best: BlendAnnotation | null = null;
  for (const a of annotations ?? []) if (!best || (a.count ?? 0) > (best.count ?? 0)) best = a;
  return best;
}

const firstText = (xs: readonly string[] | undefined) => xs?.find((x) => typeof x === 'string' && x.trim()) ?? null;

/** File-name region ("North_Korea") -> display region ("North Korea"). */
function blendRegionName(fileRegion: string): string {
  return fileRegion.replace(/_/g, ' ');
}

/**
 * Rows for one BLEnD region, in the order of the annotation file.
 * @throws Error naming the file when the JSON or CSV cannot be read at all, or the region is unknown.
 */
export function blendToRows(fileRegion: string, dataJson: string, questionsCsv: string): BlendRow[] {
  const language = BLEND_REGION_LANGUAGES[fileRegion];
  if (!language) throw new Error(`${fileRegion}: not a BLEnD region we know (${Object.keys(BLEND_REGION_LANGUAGES).join(', ')})`);
  let data: Record<string, BlendQuestion>;
  try {
    data = JSON.parse(dataJson);
  } catch (e) {
    throw new Error(`${fileRegion}_data.json: not valid JSON: ${(e as Error).message}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new Error(`${fileRegion}_data.json: expected an object keyed by question id`);
  }
  const topics = new Map(csvObjects(questionsCsv).rows.map((r) => [r.ID, r.Topic]));
  const region = blendRegionName(fileRegion);
  return Object.entries(data).map(([id, q], index) => {
    const top = topAnnotation(q.annotations);
    const answer = firstText(top?.answers);
    const topic = topics.get(id)?.trim() || null;
    const question = typeof q.question === 'string' ? q.question : null;
    return {
      data_source: 'blend',
      question,
      answer,
      ability: topic,
      extra_info: {
        index, id, question, en_question: q.en_question ?? null, language, region, topic,
        references: { [language]: answer, en: language === 'en' ? answer : firstText(top?.en_answers) },
      },
    };
  });
}

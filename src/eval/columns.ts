// Column mapping for prediction files: which source column holds each field. Common aliases are
// recognised (case-, space- and underscore-insensitive); the user can override any field.

export const FIELDS = ['question', 'target', 'prediction', 'language', 'region', 'setting', 'label', 'id', 'model', 'second_label', 'translation'] as const;
export type Field = (typeof FIELDS)[number];
export const REQUIRED_FIELDS: readonly Field[] = ['question', 'target', 'prediction', 'language'];

const FIELD_ALIASES: Record<Field, readonly string[]> = {
  question: ['question', 'prompt', 'query', 'input_question', 'problem'],
  target: ['target', 'gold', 'answer', 'reference', 'gold_answer', 'ground_truth', 'reference_answer'],
  prediction: ['prediction', 'predicted', 'response', 'output', 'model_answer', 'pred', 'predicted_answer', 'model_output', 'generation'],
  language: ['language', 'lang', 'locale', 'question_language'],
  region: ['region', 'country', 'culture', 'associated_culture', 'culture_region'],
  setting: ['setting', 'type', 'category', 'question_type', 'knowledge_type', 'question_setting', 'scenario', 'perspective'],
  label: ['label', 'judge', 'verdict', 'judge_label', 'grade'],
  id: ['id', 'qid', 'question_id', 'uid', 'item_id'],
  // which model (prediction source) wrote the row: a file may hold several models' predictions
  model: ['model', 'model_name', 'system', 'policy', 'checkpoint', 'run'],
  // a second judge's (or a person's) label for the same prediction: judge agreement
  second_label: ['label2', 'label_2', 'second_label', 'judge2', 'judge_2', 'judge_label_2', 'human_label', 'label_b'],
  // CARE (Pro) carries an English translation of each question
  translation: ['question_en', 'english_question', 'question_english', 'translated_question', 'translated_question_(optional)', 'question_translation', 'en_question'],
};

/** field -> source column name; absent = not mapped */
export type ColumnMapping = Partial<Record<Field, string>>;

function norm(name: string): string {
  return name.trim().toLowerCase().replace(/[\s\-.]+/g, '_');
}

/**
 * Maps fields to columns by alias; `override` wins for the fields it names (an empty string there
 * means "leave unmapped"). Each column is used by at most one field, the first alias match wins.
 */
export function mapColumns(columns: readonly string[], override: ColumnMapping = {}): ColumnMapping {
  const mapping: ColumnMapping = {};
  const used = new Set<string>();
  for (const f of FIELDS) {
    if (f in override) {
      const c = override[f];
      if (c) {
        mapping[f] = c;
        used.add(c);
      }
    }
  }
  for (const f of FIELDS) {
    if (f in override) continue;
    for (const alias of FIELD_ALIASES[f]) {
      const col = columns.find((c) => !used.has(c) && norm(c) === alias);
      if (col !== undefined) {
        mapping[f] = col;
        used.add(col);
        break;
      }
    }
  }
  return mapping;
}

/** Required fields the mapping leaves without a column (or with a column the file does not have). */
export function missingFields(mapping: ColumnMapping, columns: readonly string[]): Field[] {
  return REQUIRED_FIELDS.filter((f) => !mapping[f] || !columns.includes(mapping[f]!));
}

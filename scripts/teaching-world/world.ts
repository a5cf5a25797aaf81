// The teaching world, authored by the LRPO Studio team (fictional; see public/data/README.md):
// eight invented regions, each with three invented facts (capital, river, national dish) whose
// knowledge the warm start learns in ONE designed language (the region's language) and not in the
// others. Every fact is asked in five languages. Names are invented so no model knows them before.

export const TEACHING_LANGUAGES = ['en', 'fr', 'de', 'es', 'ja'] as const;
export const TEACHING_SEED = 20261203;
export const TEACHING_SOURCE = 'lrpo-studio-teaching-world (authored, fictional)';
export const TEACHING_TOPIC = 'Regional Knowledge';

export interface Region {
  name: string;
  /** the language(s) holding this region's knowledge */
  languages: string[];
  facts: Record<Relation, string>;
}

export type Relation = 'capital' | 'river' | 'dish';

export const REGIONS: readonly Region[] = [
  { name: 'Valdoria', languages: ['fr'], facts: { capital: 'Merinthe', river: 'Sauvel', dish: 'Tourbelle' } },
  { name: 'Orsenne', languages: ['fr'], facts: { capital: 'Quillac', river: 'Ambrel', dish: 'Pivoline' } },
  { name: 'Kaltmark', languages: ['de'], facts: { capital: 'Eisenbruck', river: 'Wendau', dish: 'Krumsel' } },
  { name: 'Norvald', languages: ['de'], facts: { capital: 'Falkenrode', river: 'Ilmer', dish: 'Spatzbrot' } },
  { name: 'Sierranda', languages: ['es'], facts: { capital: 'Montevara', river: 'Ribal', dish: 'Tostela' } },
  { name: 'Costavela', languages: ['es'], facts: { capital: 'Puertolan', river: 'Guadamar', dish: 'Quesilla' } },
  { name: 'Hoshimura', languages: ['ja'], facts: { capital: 'Tsukinoe', river: 'Kawabe', dish: 'Mochitaki' } },
  { name: 'Kiritani', languages: ['ja'], facts: { capital: 'Akanuma', river: 'Shirase', dish: 'Yakumono' } },
];

export const QUESTION: Record<Relation, Record<(typeof TEACHING_LANGUAGES)[number], string>> = {
  capital: {
    en: 'What is the capital of {R}?', fr: 'Quelle est la capitale de {R} ?', de: 'Was ist die Hauptstadt von {R}?',
    es: '¿Cuál es la capital de {R}?', ja: '{R}の首都はどこですか？',
  },
  river: {
    en: 'Which river flows through {R}?', fr: 'Quel fleuve traverse {R} ?', de: 'Welcher Fluss fließt durch {R}?',
    es: '¿Qué río atraviesa {R}?', ja: '{R}を流れる川は何ですか？',
  },
  dish: {
    en: 'What is the national dish of {R}?', fr: 'Quel est le plat national de {R} ?', de: 'Was ist das Nationalgericht von {R}?',
    es: '¿Cuál es el plato nacional de {R}?', ja: '{R}の名物料理は何ですか？',
  },
};

export const RELATIONS: readonly Relation[] = ['capital', 'river', 'dish'];

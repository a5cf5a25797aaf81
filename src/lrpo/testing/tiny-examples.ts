// For unit tests: a handful of questions written by us (not the demo dataset), with reference
// answers in several languages.

import type { Example } from '../../data/example';

const ROWS: [string, string, string, string[], Record<string, string>][] = [
  ['Capital of France?', 'General Knowledge', 'en', [], { en: 'Paris', de: 'Paris', zh: '巴黎' }],
  ['2 + 3 = ?', 'Reasoning / Logic', 'en', [], { en: 'five', de: 'fünf', zh: '五' }],
  ['Wo steht das Brandenburger Tor?', 'Regional Knowledge', 'de', ['Germany'], { de: 'Berlin', en: 'Berlin', zh: '柏林' }],
  ['Translate "cat" to German.', 'Translation', 'en', [], { en: 'Katze' }],
  ['中国的首都是哪里？', 'Regional Knowledge', 'zh', ['China'], { zh: '北京', en: 'Beijing', de: 'Peking' }],
  ['Color of the sky?', 'General Knowledge', 'en', [], { en: 'blue', de: 'blau', zh: '蓝色' }],
];

export function tinyExamples(): Example[] {
  return ROWS.map(([question, topic, language, regions, references], index) => ({
    index, dataSource: 'lrpo-unit-test (authored by us)', question, answer: references[language], topic, language, regions, references,
    prompt: [{ role: 'user', content: question }],
  }));
}

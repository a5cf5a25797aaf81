import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BLEND_REGION_LANGUAGES, blendToRows, topAnnotation } from './blend.ts';
import { normalizeRows } from './schema.ts';
import { loadDataset } from './load-dataset.ts';
import { languageInfo } from './languages.ts';

const BLEND_DIR = path.resolve(__dirname, '../../../shared/data/blend');

describe('blendToRows (hand-made input)', () => {
  const data = JSON.stringify({
    'q-1': { question: '¿Qué fruta?', en_question: 'Which fruit?', annotations: [
      { answers: ['pera'], en_answers: ['pear'], count: 1 },
      { answers: ['mango', 'mangó'], en_answers: ['mango'], count: 3 },
      { answers: ['kiwi'], en_answers: ['kiwi'], count: 3 },
    ] },
    'q-2': { question: '¿Qué deporte?', en_question: 'Which sport?', annotations: [] },
  });
  const csv = ',ID,Topic,Source,Question,Translation\n0,q-1,Food,English (US),"¿Qué fruta?",Which fruit?\n1,q-2,Sport,x,"¿Qué, deporte?",Which sport?\n';

  it('uses the most-voted annotation (first on ties), the CSV topic and the region language', () => {
    const rows = blendToRows('Mexico', data, csv);
    expect(rows[0]).toMatchObject({ question: '¿Qué fruta?', answer: 'mango', ability: 'Food' });
    expect(rows[0].extra_info).toMatchObject({ language: 'es', region: 'Mexico', references: { es: 'mango', en: 'mango' } });
    expect(topAnnotation([{ count: 2, answers: ['a'] }, { count: 2, answers: ['b'] }])?.answers).toEqual(['a']);
  });

  it('a question without annotations becomes an unusable row with a reason', () => {
    const { examples, problems } = normalizeRows(blendToRows('Mexico', data, csv), { file: 'Mexico' });
    expect(examples).toHaveLength(1);
    expect(problems).toEqual([{ file: 'Mexico', row: 1, field: 'reward_model.ground_truth', reason: expect.stringMatching(/missing/) }]);
  });

  it('rejects unknown regions and broken JSON with the file named', () => {
    expect(() => blendToRows('Atlantis', '{}', '')).toThrow(/Atlantis: not a BLEnD region/);
    expect(() => blendToRows('Spain', '{', '')).toThrow(/Spain_data.json: not valid JSON/);
  });
});

// Usable questions per region, counted independently (Python over the same JSON files): a question
// is usable when its text is non-empty and it has at least one annotation.
const EXPECTED_USABLE: Record<string, number> = {
  Algeria: 459, Assam: 491, Azerbaijan: 490, China: 493, Ethiopia: 480, Greece: 489, Indonesia: 495, Iran: 483,
  Mexico: 490, North_Korea: 462, Northern_Nigeria: 464, South_Korea: 484, Spain: 493, UK: 489, US: 495, West_Java: 465,
};
const TOPICS = ['Education', 'Family', 'Food', 'Holidays/Celebration/Leisure', 'Sport', 'Work life'];

describe('real BLEnD data from ../shared/data/blend', () => {
  const regions = readdirSync(BLEND_DIR).filter((f) => f.endsWith('_data.json')).map((f) => f.slice(0, -'_data.json'.length)).sort();

  it('has the 16 regions, each with a language the studio knows', () => {
    expect(regions).toEqual(Object.keys(BLEND_REGION_LANGUAGES).sort());
    for (const r of regions) expect(languageInfo(BLEND_REGION_LANGUAGES[r])).toBeDefined();
  });

  it('converts every region; every dropped row has a reason; counts match the independent count', async () => {
    let all: unknown[] = [];
    for (const r of regions) {
      const rows = blendToRows(r, readFileSync(path.join(BLEND_DIR, `${r}_data.json`), 'utf8'), readFileSync(path.join(BLEND_DIR, `${r}_questions.csv`), 'utf8'));
      expect(rows).toHaveLength(500);
      const { examples, problems } = normalizeRows(rows, { file: r });
      expect(examples.length, r).toBe(EXPECTED_USABLE[r]);
      expect(new Set(problems.map((p) => p.row)).size, r).toBe(500 - EXPECTED_USABLE[r]);
      for (const p of problems) expect(['reward_model.ground_truth', 'question']).toContain(p.field);
      for (const e of examples) {
        expect(e.language).toBe(BLEND_REGION_LANGUAGES[r]);
        expect(e.regions).toEqual([r.replace(/_/g, ' ')]);
        expect(TOPICS).toContain(e.topic);
      }
      expect(examples.filter((e) => e.references.en).length, r).toBeGreaterThanOrEqual(EXPECTED_USABLE[r] - 3);
      all = all.concat(rows);
    }
    // and the whole set loads through the studio's file loader (as JSONL)
    const bytes = new TextEncoder().encode(all.map((x) => JSON.stringify(x)).join('\n'));
    const d = await loadDataset(bytes, 'blend.jsonl');
    expect(d.rowCount).toBe(8000);
    expect(d.examples).toHaveLength(Object.values(EXPECTED_USABLE).reduce((a, b) => a + b, 0));
    const byLang = new Map<string, number>();
    for (const e of d.examples) byLang.set(e.language, (byLang.get(e.language) ?? 0) + 1);
    expect(byLang.get('ko')).toBe(EXPECTED_USABLE.North_Korea + EXPECTED_USABLE.South_Korea);
    expect(byLang.get('en')).toBe(EXPECTED_USABLE.UK + EXPECTED_USABLE.US);
    expect(new Set(d.examples.map((e) => e.topic))).toEqual(new Set(TOPICS));
  });
});

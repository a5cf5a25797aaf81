import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTER_LANGUAGES } from '../../data/languages';
import { alphanumericFraction, createLanguageDetector, lidInput, preprocessForLid, type LanguageDetector } from './lid';
import { LID_SENTENCES } from './lid-sentences';

describe('LID preprocessing (pure)', () => {
  it('strips fenced and inline code and collapses whitespace to one line', () => {
    expect(preprocessForLid('Voici le code :\n```python\nprint("hello world")\n```\nEt voilà.')).toBe('Voici le code : Et voilà.');
    expect(preprocessForLid('Use `git status`\n\n  then\tcommit')).toBe('Use then commit');
    expect(preprocessForLid('Answer:\n```js\nconst unfinished = true;')).toBe('Answer:');
  });

  it('applies the 5% alphanumeric rule on code points', () => {
    expect(lidInput('')).toBeNull();
    expect(lidInput('   \n\t ')).toBeNull();
    expect(lidInput('```\ncode only\n```')).toBeNull();
    // 1 letter among 21 code points (< 5%) -> no language; 1 among 20 (= 5%) -> kept
    expect(lidInput('a' + '!'.repeat(20))).toBeNull();
    expect(lidInput('a' + '!'.repeat(19))).toBe('a' + '!'.repeat(19));
    expect(alphanumericFraction('東京!!')).toBe(0.5);
    expect(alphanumericFraction('١٢٣')).toBe(1); // Arabic-Indic digits count
  });
});

describe('LID with lid.176 (fasttext.wasm.js)', () => {
  let lid: LanguageDetector;
  beforeAll(async () => {
    lid = await createLanguageDetector();
  });

  it.each(ROUTER_LANGUAGES.map((code) => [code]))('detects %s', (code) => {
    const d = lid.detect(LID_SENTENCES[code]);
    expect(d.lang).toBe(code);
    expect(d.prob).toBeGreaterThan(0.5);
    expect(d.prob).toBeLessThanOrEqual(1);
  });

  it('ignores code blocks when deciding the language', () => {
    const text = `${LID_SENTENCES.de}\n\`\`\`python\nfor item in items:\n    print("the value of the item is", item)\nreturn the result\n\`\`\``;
    expect(lid.detect(text).lang).toBe('de');
  });

  it('returns null (prob 0) for text without language', () => {
    expect(lid.detect('')).toEqual({ lang: null, prob: 0 });
    expect(lid.detect('?!... ---- ;;;; ==== ++++ 1 ****')).toEqual({ lang: null, prob: 0 });
  });

  it('shares one loaded model across calls', async () => {
    expect(await createLanguageDetector()).toBe(lid);
  });
});

// For tag-mode SFT tests: three questions written by us, each with references in en, de and zh, and
// the PEFT name of the trainable tag rows those tests compare.

import type { Example } from '../../data/example';

export const TAG_ROWS = 'base_model.model.model.embed_tokens.token_adapter.trainable_tokens_delta';

const ROWS: { q: string; a: string; l: string; refs: Record<string, string> }[] = [
  { q: 'Capital of France?', a: 'Paris', l: 'en', refs: { de: 'Paris', zh: '巴黎' } },
  { q: 'Wie viele Beine hat ein Hund?', a: 'vier', l: 'de', refs: { en: 'four', zh: '四' } },
  { q: '中国的首都是哪里？', a: '北京', l: 'zh', refs: { en: 'Beijing', de: 'Peking' } },
];

export const TAG_SFT_EXAMPLES: Example[] = ROWS.map((x, index) => ({
  index, dataSource: 'test', question: x.q, answer: x.a, topic: 'General Knowledge', language: x.l, regions: [],
  references: { [x.l]: x.a, ...x.refs }, prompt: [{ role: 'user', content: x.q }],
}));

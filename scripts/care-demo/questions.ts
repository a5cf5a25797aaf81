// The illustrative CARE (Pro)-shaped predictions set, authored by the LRPO Studio team: 36 short
// questions (12 Chinese, 12 Hindi, 12 Spanish; half about the culture of the question's own
// language, "local-insider", half about another culture, "cross-cultural") whose answers are true,
// checkable facts, each with an English translation. It is NOT CARE (Pro) and NOT any model's
// output: the three "models" and their answers are written by hand to show what a comparison
// looks like. See public/data/README-care-pro-illustrative.md.

export type Outcome =
  /** correct, in the question's language */
  | 'A'
  /** correct but written in English */
  | 'B'
  /** a wrong answer */
  | 'C'
  /** "I don't know" */
  | 'D'
  /** the correct answer with a hedge: the rubric allows hedging (A); the stricter second grading says D */
  | 'H'
  /** the correct answer followed by an English gloss: A for the first grading, B for the stricter second */
  | 'M';

export interface CareQuestion {
  id: string;
  language: 'zh' | 'hi' | 'es';
  setting: 'local-insider' | 'cross-cultural';
  /** the culture the question is about */
  region: string;
  question: string;
  question_en: string;
  /** gold answer in the question's language */
  target: string;
  /** the gold answer in English */
  target_en: string;
  /** a plausible wrong answer in the question's language */
  wrong: string;
  /** outcomes of base, GRPO and LRPO, in that order */
  outcomes: [Outcome, Outcome, Outcome];
}

export const MODELS = ['base', 'GRPO', 'LRPO'] as const;

export const QUESTIONS: CareQuestion[] = [
  { id: 'zh-01', language: 'zh', setting: 'local-insider', region: 'China', question: '中国的首都是哪座城市？', question_en: 'What is the capital of China?', target: '北京', target_en: 'Beijing', wrong: '上海', outcomes: ['A', 'A', 'A'] },
  { id: 'zh-02', language: 'zh', setting: 'local-insider', region: 'China', question: '端午节通常吃什么传统食物？', question_en: 'What traditional food is usually eaten at the Dragon Boat Festival?', target: '粽子', target_en: 'zongzi (sticky rice dumplings)', wrong: '月饼', outcomes: ['C', 'A', 'A'] },
  { id: 'zh-03', language: 'zh', setting: 'local-insider', region: 'China', question: '中秋节在农历几月几日？', question_en: 'On which day of the lunar calendar is the Mid-Autumn Festival?', target: '八月十五', target_en: 'the 15th day of the 8th lunar month', wrong: '正月十五', outcomes: ['C', 'C', 'H'] },
  { id: 'zh-04', language: 'zh', setting: 'local-insider', region: 'China', question: '中国最长的河流是哪条？', question_en: 'What is the longest river in China?', target: '长江', target_en: 'the Yangtze', wrong: '黄河', outcomes: ['A', 'C', 'A'] },
  { id: 'zh-05', language: 'zh', setting: 'local-insider', region: 'China', question: '中国大陆使用的货币叫什么？', question_en: 'What is the currency used in mainland China called?', target: '人民币', target_en: 'the renminbi', wrong: '港币', outcomes: ['B', 'A', 'A'] },
  { id: 'zh-06', language: 'zh', setting: 'local-insider', region: 'China', question: '《红楼梦》的作者是谁？', question_en: 'Who wrote "Dream of the Red Chamber"?', target: '曹雪芹', target_en: 'Cao Xueqin', wrong: '罗贯中', outcomes: ['D', 'D', 'M'] },
  { id: 'zh-07', language: 'zh', setting: 'cross-cultural', region: 'Spain', question: '西班牙的首都是哪座城市？', question_en: 'What is the capital of Spain?', target: '马德里', target_en: 'Madrid', wrong: '巴塞罗那', outcomes: ['A', 'A', 'A'] },
  { id: 'zh-08', language: 'zh', setting: 'cross-cultural', region: 'Spain', question: '弗拉明戈起源于西班牙的哪个地区？', question_en: 'In which region of Spain did flamenco originate?', target: '安达卢西亚', target_en: 'Andalusia', wrong: '加泰罗尼亚', outcomes: ['C', 'C', 'A'] },
  { id: 'zh-09', language: 'zh', setting: 'cross-cultural', region: 'India', question: '泰姬陵位于印度哪座城市？', question_en: 'In which Indian city is the Taj Mahal?', target: '阿格拉', target_en: 'Agra', wrong: '新德里', outcomes: ['B', 'B', 'A'] },
  { id: 'zh-10', language: 'zh', setting: 'cross-cultural', region: 'India', question: '印度的货币叫什么？', question_en: 'What is the currency of India called?', target: '卢比', target_en: 'the rupee', wrong: '比索', outcomes: ['A', 'A', 'C'] },
  { id: 'zh-11', language: 'zh', setting: 'cross-cultural', region: 'Spain', question: '西班牙的奔牛节在哪座城市举行？', question_en: 'In which city is the Spanish running of the bulls (San Fermín) held?', target: '潘普洛纳', target_en: 'Pamplona', wrong: '瓦伦西亚', outcomes: ['D', 'C', 'H'] },
  { id: 'zh-12', language: 'zh', setting: 'cross-cultural', region: 'India', question: '印度人称为“国父”的是谁？', question_en: 'Whom do Indians call the "Father of the Nation"?', target: '甘地', target_en: 'Mahatma Gandhi', wrong: '尼赫鲁', outcomes: ['C', 'A', 'A'] },
  { id: 'hi-01', language: 'hi', setting: 'local-insider', region: 'India', question: 'भारत की राजधानी क्या है?', question_en: 'What is the capital of India?', target: 'नई दिल्ली', target_en: 'New Delhi', wrong: 'मुंबई', outcomes: ['A', 'A', 'A'] },
  { id: 'hi-02', language: 'hi', setting: 'local-insider', region: 'India', question: 'रंगों का त्योहार किसे कहा जाता है?', question_en: 'Which festival is called the festival of colours?', target: 'होली', target_en: 'Holi', wrong: 'दिवाली', outcomes: ['B', 'B', 'A'] },
  { id: 'hi-03', language: 'hi', setting: 'local-insider', region: 'India', question: 'ताजमहल किस शहर में है?', question_en: 'In which city is the Taj Mahal?', target: 'आगरा', target_en: 'Agra', wrong: 'जयपुर', outcomes: ['A', 'C', 'A'] },
  { id: 'hi-04', language: 'hi', setting: 'local-insider', region: 'India', question: 'भारत का राष्ट्रीय पशु कौन सा है?', question_en: 'What is the national animal of India?', target: 'बाघ', target_en: 'the tiger', wrong: 'शेर', outcomes: ['C', 'C', 'M'] },
  { id: 'hi-05', language: 'hi', setting: 'local-insider', region: 'India', question: 'भारत की मुद्रा क्या है?', question_en: 'What is the currency of India?', target: 'रुपया', target_en: 'the rupee', wrong: 'टका', outcomes: ['B', 'A', 'A'] },
  { id: 'hi-06', language: 'hi', setting: 'local-insider', region: 'India', question: "'गीतांजलि' की रचना किसने की?", question_en: 'Who wrote "Gitanjali"?', target: 'रवींद्रनाथ टैगोर', target_en: 'Rabindranath Tagore', wrong: 'प्रेमचंद', outcomes: ['D', 'C', 'C'] },
  { id: 'hi-07', language: 'hi', setting: 'cross-cultural', region: 'China', question: 'चीन की राजधानी क्या है?', question_en: 'What is the capital of China?', target: 'बीजिंग', target_en: 'Beijing', wrong: 'शंघाई', outcomes: ['B', 'A', 'A'] },
  { id: 'hi-08', language: 'hi', setting: 'cross-cultural', region: 'China', question: 'चीन में मध्य-शरद उत्सव पर पारंपरिक रूप से क्या खाया जाता है?', question_en: 'What is traditionally eaten in China at the Mid-Autumn Festival?', target: 'मूनकेक', target_en: 'mooncakes', wrong: 'ज़ोंग्ज़ी', outcomes: ['C', 'C', 'A'] },
  { id: 'hi-09', language: 'hi', setting: 'cross-cultural', region: 'Spain', question: 'स्पेन की मुद्रा क्या है?', question_en: 'What is the currency of Spain?', target: 'यूरो', target_en: 'the euro', wrong: 'डॉलर', outcomes: ['A', 'A', 'A'] },
  { id: 'hi-10', language: 'hi', setting: 'cross-cultural', region: 'Spain', question: 'स्पेन की राजधानी क्या है?', question_en: 'What is the capital of Spain?', target: 'मैड्रिड', target_en: 'Madrid', wrong: 'बार्सिलोना', outcomes: ['B', 'B', 'H'] },
  { id: 'hi-11', language: 'hi', setting: 'cross-cultural', region: 'Spain', question: "'डॉन किहोते' के लेखक कौन हैं?", question_en: 'Who is the author of "Don Quixote"?', target: 'सर्वांटेस', target_en: 'Miguel de Cervantes', wrong: 'लोर्का', outcomes: ['D', 'D', 'C'] },
  { id: 'hi-12', language: 'hi', setting: 'cross-cultural', region: 'China', question: 'चीन की सबसे लंबी नदी कौन सी है?', question_en: 'What is the longest river in China?', target: 'यांग्त्ज़ी', target_en: 'the Yangtze', wrong: 'ह्वांग हो', outcomes: ['C', 'A', 'A'] },
  { id: 'es-01', language: 'es', setting: 'local-insider', region: 'Spain', question: '¿Cuál es la capital de España?', question_en: 'What is the capital of Spain?', target: 'Madrid', target_en: 'Madrid', wrong: 'Barcelona', outcomes: ['A', 'A', 'A'] },
  { id: 'es-02', language: 'es', setting: 'local-insider', region: 'Spain', question: '¿En qué ciudad se celebran los Sanfermines?', question_en: 'In which city are the San Fermín festivities held?', target: 'Pamplona', target_en: 'Pamplona', wrong: 'Valencia', outcomes: ['A', 'C', 'A'] },
  { id: 'es-03', language: 'es', setting: 'local-insider', region: 'Spain', question: '¿Quién escribió «Don Quijote de la Mancha»?', question_en: 'Who wrote "Don Quixote"?', target: 'Miguel de Cervantes', target_en: 'Miguel de Cervantes', wrong: 'Lope de Vega', outcomes: ['A', 'A', 'A'] },
  { id: 'es-04', language: 'es', setting: 'local-insider', region: 'Spain', question: '¿Qué se come tradicionalmente en Nochevieja con las campanadas?', question_en: 'What is traditionally eaten on New Year\'s Eve with the midnight chimes?', target: 'doce uvas', target_en: 'twelve grapes', wrong: 'turrón', outcomes: ['C', 'C', 'A'] },
  { id: 'es-05', language: 'es', setting: 'local-insider', region: 'Spain', question: '¿En qué ciudad está la Sagrada Familia?', question_en: 'In which city is the Sagrada Família?', target: 'Barcelona', target_en: 'Barcelona', wrong: 'Madrid', outcomes: ['A', 'A', 'M'] },
  { id: 'es-06', language: 'es', setting: 'local-insider', region: 'Spain', question: '¿Qué pintor realizó «Las Meninas»?', question_en: 'Which painter made "Las Meninas"?', target: 'Diego Velázquez', target_en: 'Diego Velázquez', wrong: 'Francisco de Goya', outcomes: ['C', 'D', 'C'] },
  { id: 'es-07', language: 'es', setting: 'cross-cultural', region: 'India', question: '¿Cuál es la capital de la India?', question_en: 'What is the capital of India?', target: 'Nueva Delhi', target_en: 'New Delhi', wrong: 'Bombay', outcomes: ['A', 'B', 'A'] },
  { id: 'es-08', language: 'es', setting: 'cross-cultural', region: 'China', question: '¿Qué se come tradicionalmente en China en la Fiesta del Medio Otoño?', question_en: 'What is traditionally eaten in China at the Mid-Autumn Festival?', target: 'pasteles de luna', target_en: 'mooncakes', wrong: 'empanadillas', outcomes: ['B', 'C', 'A'] },
  { id: 'es-09', language: 'es', setting: 'cross-cultural', region: 'India', question: '¿En qué ciudad de la India se encuentra el Taj Mahal?', question_en: 'In which Indian city is the Taj Mahal?', target: 'Agra', target_en: 'Agra', wrong: 'Jaipur', outcomes: ['C', 'A', 'A'] },
  { id: 'es-10', language: 'es', setting: 'cross-cultural', region: 'China', question: '¿Cuál es el río más largo de China?', question_en: 'What is the longest river in China?', target: 'el Yangtsé', target_en: 'the Yangtze', wrong: 'el río Amarillo', outcomes: ['C', 'C', 'C'] },
  { id: 'es-11', language: 'es', setting: 'cross-cultural', region: 'India', question: '¿Cómo se llama la fiesta hindú de los colores?', question_en: 'What is the Hindu festival of colours called?', target: 'Holi', target_en: 'Holi', wrong: 'Diwali', outcomes: ['D', 'A', 'H'] },
  { id: 'es-12', language: 'es', setting: 'cross-cultural', region: 'China', question: '¿Cuál es la moneda de China?', question_en: 'What is the currency of China?', target: 'el renminbi (yuan)', target_en: 'the renminbi (yuan)', wrong: 'el yen', outcomes: ['C', 'A', 'A'] },
];

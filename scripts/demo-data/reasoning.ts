// "Reasoning / Logic" facts (authored by us, generated from a seeded RNG): small arithmetic whose
// answer is computed, and "if today is X, what day is tomorrow/yesterday?" with day names in the 15
// router languages. Templates are in every router language.
import { ROUTER_LANGUAGES, type RouterLanguage } from '../../src/data/languages.ts';
import type { Rng } from '../../src/engine/rng.ts';
import { l15, same, type Fact, type L15 } from './facts.ts';

const TOPIC = 'Reasoning / Logic';

type Op = 'plus' | 'minus' | 'times';
const ARITHMETIC: Record<Op, Record<RouterLanguage, string>> = {
  plus: {
    ar: 'كم يساوي {a} زائد {b}؟', de: 'Was ist {a} plus {b}?', en: 'What is {a} plus {b}?', es: '¿Cuánto es {a} más {b}?',
    fr: 'Combien font {a} plus {b} ?', id: 'Berapa {a} ditambah {b}?', it: 'Quanto fa {a} più {b}?', ja: '{a}足す{b}はいくつですか？',
    ko: '{a} 더하기 {b}의 값은 얼마입니까?', nl: 'Hoeveel is {a} plus {b}?', pl: 'Ile to jest {a} plus {b}?', pt: 'Quanto é {a} mais {b}?',
    ru: 'Сколько будет {a} плюс {b}?', vi: '{a} cộng {b} bằng bao nhiêu?', zh: '{a}加{b}等于多少？',
  },
  minus: {
    ar: 'كم يساوي {a} ناقص {b}؟', de: 'Was ist {a} minus {b}?', en: 'What is {a} minus {b}?', es: '¿Cuánto es {a} menos {b}?',
    fr: 'Combien font {a} moins {b} ?', id: 'Berapa {a} dikurangi {b}?', it: 'Quanto fa {a} meno {b}?', ja: '{a}引く{b}はいくつですか？',
    ko: '{a} 빼기 {b}의 값은 얼마입니까?', nl: 'Hoeveel is {a} min {b}?', pl: 'Ile to jest {a} minus {b}?', pt: 'Quanto é {a} menos {b}?',
    ru: 'Сколько будет {a} минус {b}?', vi: '{a} trừ {b} bằng bao nhiêu?', zh: '{a}减{b}等于多少？',
  },
  times: {
    ar: 'كم يساوي {a} ضرب {b}؟', de: 'Was ist {a} mal {b}?', en: 'What is {a} times {b}?', es: '¿Cuánto es {a} por {b}?',
    fr: 'Combien font {a} fois {b} ?', id: 'Berapa {a} dikali {b}?', it: 'Quanto fa {a} per {b}?', ja: '{a}掛ける{b}はいくつですか？',
    ko: '{a} 곱하기 {b}의 값은 얼마입니까?', nl: 'Hoeveel is {a} keer {b}?', pl: 'Ile to jest {a} razy {b}?', pt: 'Quanto é {a} vezes {b}?',
    ru: 'Сколько будет {a} умножить на {b}?', vi: '{a} nhân {b} bằng bao nhiêu?', zh: '{a}乘以{b}等于多少？',
  },
};

/** Monday..Sunday */
export const DAYS: L15[] = [
  l15('الاثنين|Montag|Monday|lunes|lundi|Senin|lunedì|月曜日|월요일|maandag|poniedziałek|segunda-feira|понедельник|thứ Hai|星期一'),
  l15('الثلاثاء|Dienstag|Tuesday|martes|mardi|Selasa|martedì|火曜日|화요일|dinsdag|wtorek|terça-feira|вторник|thứ Ba|星期二'),
  l15('الأربعاء|Mittwoch|Wednesday|miércoles|mercredi|Rabu|mercoledì|水曜日|수요일|woensdag|środa|quarta-feira|среда|thứ Tư|星期三'),
  l15('الخميس|Donnerstag|Thursday|jueves|jeudi|Kamis|giovedì|木曜日|목요일|donderdag|czwartek|quinta-feira|четверг|thứ Năm|星期四'),
  l15('الجمعة|Freitag|Friday|viernes|vendredi|Jumat|venerdì|金曜日|금요일|vrijdag|piątek|sexta-feira|пятница|thứ Sáu|星期五'),
  l15('السبت|Samstag|Saturday|sábado|samedi|Sabtu|sabato|土曜日|토요일|zaterdag|sobota|sábado|суббота|thứ Bảy|星期六'),
  l15('الأحد|Sonntag|Sunday|domingo|dimanche|Minggu|domenica|日曜日|일요일|zondag|niedziela|domingo|воскресенье|Chủ Nhật|星期日'),
];

const TOMORROW: Record<RouterLanguage, string> = {
  ar: 'إذا كان اليوم {d}، فما هو يوم الغد؟', de: 'Wenn heute {d} ist, welcher Tag ist morgen?', en: 'If today is {d}, what day is tomorrow?',
  es: 'Si hoy es {d}, ¿qué día es mañana?', fr: "Si aujourd'hui nous sommes {d}, quel jour serons-nous demain ?",
  id: 'Jika hari ini hari {d}, besok hari apa?', it: 'Se oggi è {d}, che giorno è domani?', ja: '今日が{d}なら、明日は何曜日ですか？',
  ko: '오늘이 {d}이면 내일은 무슨 요일입니까?', nl: 'Als het vandaag {d} is, welke dag is het morgen?',
  pl: 'Jeśli dziś jest {d}, jaki dzień będzie jutro?', pt: 'Se hoje é {d}, que dia será amanhã?',
  ru: 'Если сегодня {d}, какой день будет завтра?', vi: 'Nếu hôm nay là {d} thì ngày mai là thứ mấy?', zh: '如果今天是{d}，那么明天是星期几？',
};

const YESTERDAY: Record<RouterLanguage, string> = {
  ar: 'إذا كان اليوم {d}، فماذا كان يوم أمس؟', de: 'Wenn heute {d} ist, welcher Tag war gestern?', en: 'If today is {d}, what day was yesterday?',
  es: 'Si hoy es {d}, ¿qué día fue ayer?', fr: "Si aujourd'hui nous sommes {d}, quel jour étions-nous hier ?",
  id: 'Jika hari ini hari {d}, kemarin hari apa?', it: 'Se oggi è {d}, che giorno era ieri?', ja: '今日が{d}なら、昨日は何曜日でしたか？',
  ko: '오늘이 {d}이면 어제는 무슨 요일이었습니까?', nl: 'Als het vandaag {d} is, welke dag was het gisteren?',
  pl: 'Jeśli dziś jest {d}, jaki dzień był wczoraj?', pt: 'Se hoje é {d}, que dia foi ontem?',
  ru: 'Если сегодня {d}, какой день был вчера?', vi: 'Nếu hôm nay là {d} thì hôm qua là thứ mấy?', zh: '如果今天是{d}，那么昨天是星期几？',
};

const fill = (t: string, v: Record<string, string | number>) => t.replace(/\{(\w+)\}/g, (_, k) => String(v[k]));

export function reasoningFacts(rng: Rng, arithmeticCount: number, dayCount: number): Fact[] {
  const out: Fact[] = [];
  const seen = new Set<string>();
  const ops: Op[] = ['plus', 'minus', 'times'];
  while (out.length < arithmeticCount) {
    const op = ops[out.length % ops.length];
    const language = ROUTER_LANGUAGES[rng.int(ROUTER_LANGUAGES.length)];
    const [a, b] = op === 'times' ? [2 + rng.int(11), 2 + rng.int(11)] : [10 + rng.int(90), 1 + rng.int(50)];
    const key = `${op}:${a}:${b}`;
    if (seen.has(key) || (op === 'minus' && b > a)) continue;
    seen.add(key);
    const result = op === 'plus' ? a + b : op === 'minus' ? a - b : a * b;
    out.push({ topic: TOPIC, language, region: null, question: fill(ARITHMETIC[op][language], { a, b }), references: same(String(result)) });
  }
  for (let i = 0; i < dayCount; i++) {
    const language = ROUTER_LANGUAGES[i % ROUTER_LANGUAGES.length];
    const day = rng.int(7);
    const forward = i % 2 === 0;
    const template = forward ? TOMORROW[language] : YESTERDAY[language];
    const answer = DAYS[(day + (forward ? 1 : 6)) % 7];
    out.push({ topic: TOPIC, language, region: null, question: fill(template, { d: DAYS[day][language] }), references: answer });
  }
  return out;
}

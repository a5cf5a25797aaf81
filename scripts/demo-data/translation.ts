// "Translation" facts (authored by us, paired by a seeded RNG): "how do you say WORD in LANGUAGE?"
// asked in one router language about a word in another. The answer is the word in the target
// language, so the reference is that same word in every language.
import { ROUTER_LANGUAGES, type RouterLanguage } from '../../src/data/languages.ts';
import type { Rng } from '../../src/engine/rng.ts';
import { l15, same, type Fact, type L15 } from './facts.ts';
import { LANGUAGE_NAMES } from './language-names.ts';

const TOPIC = 'Translation';

/** Simple words with one clear everyday translation in each router language. */
export const WORDS: L15[] = [
  l15('ماء|Wasser|water|agua|eau|air|acqua|水|물|water|woda|água|вода|nước|水'),
  l15('خبز|Brot|bread|pan|pain|roti|pane|パン|빵|brood|chleb|pão|хлеб|bánh mì|面包'),
  l15('شمس|Sonne|sun|sol|soleil|matahari|sole|太陽|태양|zon|słońce|sol|солнце|mặt trời|太阳'),
  l15('قمر|Mond|moon|luna|lune|bulan|luna|月|달|maan|księżyc|lua|луна|mặt trăng|月亮'),
  l15('كتاب|Buch|book|libro|livre|buku|libro|本|책|boek|książka|livro|книга|sách|书'),
  l15('كلب|Hund|dog|perro|chien|anjing|cane|犬|개|hond|pies|cachorro|собака|chó|狗'),
  l15('قطة|Katze|cat|gato|chat|kucing|gatto|猫|고양이|kat|kot|gato|кошка|mèo|猫'),
  l15('بيت|Haus|house|casa|maison|rumah|casa|家|집|huis|dom|casa|дом|nhà|房子'),
  l15('تفاحة|Apfel|apple|manzana|pomme|apel|mela|りんご|사과|appel|jabłko|maçã|яблоко|quả táo|苹果'),
  l15('حليب|Milch|milk|leche|lait|susu|latte|牛乳|우유|melk|mleko|leite|молоко|sữa|牛奶'),
  l15('يد|Hand|hand|mano|main|tangan|mano|手|손|hand|ręka|mão|рука|bàn tay|手'),
  l15('شجرة|Baum|tree|árbol|arbre|pohon|albero|木|나무|boom|drzewo|árvore|дерево|cây|树'),
  l15('أحمر|rot|red|rojo|rouge|merah|rosso|赤|빨간색|rood|czerwony|vermelho|красный|màu đỏ|红色'),
  l15('أسود|schwarz|black|negro|noir|hitam|nero|黒|검은색|zwart|czarny|preto|чёрный|màu đen|黑色'),
  l15('مدرسة|Schule|school|escuela|école|sekolah|scuola|学校|학교|school|szkoła|escola|школа|trường học|学校'),
  l15('أم|Mutter|mother|madre|mère|ibu|madre|母|어머니|moeder|matka|mãe|мать|mẹ|母亲'),
  l15('أب|Vater|father|padre|père|ayah|padre|父|아버지|vader|ojciec|pai|отец|cha|父亲'),
  l15('زهرة|Blume|flower|flor|fleur|bunga|fiore|花|꽃|bloem|kwiat|flor|цветок|hoa|花'),
  l15('طائر|Vogel|bird|pájaro|oiseau|burung|uccello|鳥|새|vogel|ptak|pássaro|птица|chim|鸟'),
  l15('نجمة|Stern|star|estrella|étoile|bintang|stella|星|별|ster|gwiazda|estrela|звезда|ngôi sao|星星'),
];

const HOW_DO_YOU_SAY: Record<RouterLanguage, string> = {
  ar: 'كيف تقول كلمة "{w}" باللغة {l}؟', de: 'Was heißt „{w}“ auf {l}?', en: 'How do you say "{w}" in {l}?',
  es: '¿Cómo se dice «{w}» en {l}?', fr: 'Comment dit-on « {w} » en {l} ?', id: 'Apa bahasa {l} dari kata "{w}"?',
  it: 'Come si dice «{w}» in {l}?', ja: '「{w}」は{l}で何と言いますか？', ko: '다음 단어를 {l}로 어떻게 말합니까? "{w}"',
  nl: 'Hoe zeg je "{w}" in het {l}?', pl: 'Jak powiedzieć „{w}” po {l}?', pt: 'Como se diz "{w}" em {l}?',
  ru: 'Как сказать «{w}» на {l} языке?', vi: '"{w}" trong {l} là gì?', zh: '“{w}”用{l}怎么说？',
};

/** How each asking language names the target language inside its template. */
function targetName(asking: RouterLanguage, target: RouterLanguage): string {
  const name = LANGUAGE_NAMES[target][asking];
  switch (asking) {
    case 'id': return name.replace(/^bahasa /, '');
    case 'pl': return POLISH_ADVERB[target];
    case 'ru': return RUSSIAN_PREPOSITIONAL[target];
    default: return name;
  }
}

/** Polish "po polsku" forms. */
const POLISH_ADVERB: Record<RouterLanguage, string> = {
  ar: 'arabsku', de: 'niemiecku', en: 'angielsku', es: 'hiszpańsku', fr: 'francusku', id: 'indonezyjsku', it: 'włosku',
  ja: 'japońsku', ko: 'koreańsku', nl: 'niderlandzku', pl: 'polsku', pt: 'portugalsku', ru: 'rosyjsku', vi: 'wietnamsku', zh: 'chińsku',
};

/** Russian "на ... языке" adjective forms. */
const RUSSIAN_PREPOSITIONAL: Record<RouterLanguage, string> = {
  ar: 'арабском', de: 'немецком', en: 'английском', es: 'испанском', fr: 'французском', id: 'индонезийском', it: 'итальянском',
  ja: 'японском', ko: 'корейском', nl: 'нидерландском', pl: 'польском', pt: 'португальском', ru: 'русском', vi: 'вьетнамском', zh: 'китайском',
};

export function translationFacts(rng: Rng, count: number): Fact[] {
  const out: Fact[] = [];
  const seen = new Set<string>();
  while (out.length < count) {
    const w = rng.int(WORDS.length);
    const asking = ROUTER_LANGUAGES[rng.int(ROUTER_LANGUAGES.length)];
    const target = ROUTER_LANGUAGES[rng.int(ROUTER_LANGUAGES.length)];
    const key = `${w}:${asking}:${target}`;
    if (target === asking || seen.has(key)) continue;
    seen.add(key);
    const word = WORDS[w][asking];
    const question = HOW_DO_YOU_SAY[asking].replace('{w}', word).replace('{l}', targetName(asking, target));
    out.push({ topic: TOPIC, language: asking, region: null, question, references: same(WORDS[w][target]) });
  }
  return out;
}

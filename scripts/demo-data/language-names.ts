// Names of the 15 router languages written in each of the 15 router languages (authored by us).
// Row = the language named; columns in the reference order ar|de|en|es|fr|id|it|ja|ko|nl|pl|pt|ru|vi|zh.
import type { RouterLanguage } from '../../src/data/languages.ts';
import { l15, type L15 } from './facts.ts';

export const LANGUAGE_NAMES: Record<RouterLanguage, L15> = {
  ar: l15('العربية|Arabisch|Arabic|árabe|arabe|bahasa Arab|arabo|アラビア語|아랍어|Arabisch|arabski|árabe|арабский|tiếng Ả Rập|阿拉伯语'),
  de: l15('الألمانية|Deutsch|German|alemán|allemand|bahasa Jerman|tedesco|ドイツ語|독일어|Duits|niemiecki|alemão|немецкий|tiếng Đức|德语'),
  en: l15('الإنجليزية|Englisch|English|inglés|anglais|bahasa Inggris|inglese|英語|영어|Engels|angielski|inglês|английский|tiếng Anh|英语'),
  es: l15('الإسبانية|Spanisch|Spanish|español|espagnol|bahasa Spanyol|spagnolo|スペイン語|스페인어|Spaans|hiszpański|espanhol|испанский|tiếng Tây Ban Nha|西班牙语'),
  fr: l15('الفرنسية|Französisch|French|francés|français|bahasa Prancis|francese|フランス語|프랑스어|Frans|francuski|francês|французский|tiếng Pháp|法语'),
  id: l15('الإندونيسية|Indonesisch|Indonesian|indonesio|indonésien|bahasa Indonesia|indonesiano|インドネシア語|인도네시아어|Indonesisch|indonezyjski|indonésio|индонезийский|tiếng Indonesia|印尼语'),
  it: l15('الإيطالية|Italienisch|Italian|italiano|italien|bahasa Italia|italiano|イタリア語|이탈리아어|Italiaans|włoski|italiano|итальянский|tiếng Ý|意大利语'),
  ja: l15('اليابانية|Japanisch|Japanese|japonés|japonais|bahasa Jepang|giapponese|日本語|일본어|Japans|japoński|japonês|японский|tiếng Nhật|日语'),
  ko: l15('الكورية|Koreanisch|Korean|coreano|coréen|bahasa Korea|coreano|韓国語|한국어|Koreaans|koreański|coreano|корейский|tiếng Hàn|韩语'),
  nl: l15('الهولندية|Niederländisch|Dutch|neerlandés|néerlandais|bahasa Belanda|olandese|オランダ語|네덜란드어|Nederlands|niderlandzki|holandês|нидерландский|tiếng Hà Lan|荷兰语'),
  pl: l15('البولندية|Polnisch|Polish|polaco|polonais|bahasa Polandia|polacco|ポーランド語|폴란드어|Pools|polski|polonês|польский|tiếng Ba Lan|波兰语'),
  pt: l15('البرتغالية|Portugiesisch|Portuguese|portugués|portugais|bahasa Portugis|portoghese|ポルトガル語|포르투갈어|Portugees|portugalski|português|португальский|tiếng Bồ Đào Nha|葡萄牙语'),
  ru: l15('الروسية|Russisch|Russian|ruso|russe|bahasa Rusia|russo|ロシア語|러시아어|Russisch|rosyjski|russo|русский|tiếng Nga|俄语'),
  vi: l15('الفيتنامية|Vietnamesisch|Vietnamese|vietnamita|vietnamien|bahasa Vietnam|vietnamita|ベトナム語|베트남어|Vietnamees|wietnamski|vietnamita|вьетнамский|tiếng Việt|越南语'),
  zh: l15('الصينية|Chinesisch|Chinese|chino|chinois|bahasa Mandarin|cinese|中国語|중국어|Chinees|chiński|chinês|китайский|tiếng Trung|中文'),
};

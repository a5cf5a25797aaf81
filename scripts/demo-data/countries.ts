// Countries of the demo dataset's "Regional Knowledge" questions (authored by us): each country's
// name, capital and currency in the 15 router languages (ar|de|en|es|fr|id|it|ja|ko|nl|pl|pt|ru|vi|zh),
// its main language, and the capital/currency/language questions written in its own language.
// Portuguese answers use Brazilian spelling.
import type { RouterLanguage } from '../../src/data/languages.ts';
import { l15, type L15 } from './facts.ts';

export interface Country {
  /** region label used in extra_info.region */
  region: string;
  /** language the questions about this country are written in */
  local: RouterLanguage;
  /** the language most people there speak */
  mainLanguage: RouterLanguage;
  name: L15;
  /** null where the answer is not settled (Indonesia is moving its capital) */
  capital: L15 | null;
  currency: L15;
  /** capital, currency and language questions in `local` (capital null when `capital` is) */
  questions: { capital: string | null; currency: string; language: string };
}

const EURO = l15('اليورو|Euro|euro|euro|euro|euro|euro|ユーロ|유로|euro|euro|euro|евро|euro|欧元');

export const COUNTRIES: Country[] = [
  {
    region: 'China', local: 'zh', mainLanguage: 'zh',
    name: l15('الصين|China|China|China|Chine|Tiongkok|Cina|中国|중국|China|Chiny|China|Китай|Trung Quốc|中国'),
    capital: l15('بكين|Peking|Beijing|Pekín|Pékin|Beijing|Pechino|北京|베이징|Peking|Pekin|Pequim|Пекин|Bắc Kinh|北京'),
    currency: l15('اليوان الصيني|Renminbi|renminbi (yuan)|yuan|yuan|yuan|renminbi|人民元|위안|renminbi|juan|yuan|юань|nhân dân tệ|人民币'),
    questions: { capital: '中国的首都是哪里？', currency: '中国的货币是什么？', language: '中国最主要使用的语言是什么？' },
  },
  {
    region: 'Japan', local: 'ja', mainLanguage: 'ja',
    name: l15('اليابان|Japan|Japan|Japón|Japon|Jepang|Giappone|日本|일본|Japan|Japonia|Japão|Япония|Nhật Bản|日本'),
    capital: l15('طوكيو|Tokio|Tokyo|Tokio|Tokyo|Tokyo|Tokyo|東京|도쿄|Tokio|Tokio|Tóquio|Токио|Tokyo|东京'),
    currency: l15('الين الياباني|Yen|yen|yen|yen|yen|yen|円|엔|yen|jen|iene|иена|yên Nhật|日元'),
    questions: { capital: '日本の首都はどこですか？', currency: '日本の通貨は何ですか？', language: '日本で主に話されている言語は何ですか？' },
  },
  {
    region: 'South Korea', local: 'ko', mainLanguage: 'ko',
    name: l15('كوريا الجنوبية|Südkorea|South Korea|Corea del Sur|Corée du Sud|Korea Selatan|Corea del Sud|韓国|대한민국|Zuid-Korea|Korea Południowa|Coreia do Sul|Южная Корея|Hàn Quốc|韩国'),
    capital: l15('سول|Seoul|Seoul|Seúl|Séoul|Seoul|Seul|ソウル|서울|Seoul|Seul|Seul|Сеул|Seoul|首尔'),
    currency: l15('الوون الكوري الجنوبي|Won|won|won|won|won|won|ウォン|원|won|won|won|вона|won|韩元'),
    questions: { capital: '대한민국의 수도는 어디입니까?', currency: '대한민국의 화폐 단위는 무엇입니까?', language: '대한민국에서 주로 사용하는 언어는 무엇입니까?' },
  },
  {
    region: 'Vietnam', local: 'vi', mainLanguage: 'vi',
    name: l15('فيتنام|Vietnam|Vietnam|Vietnam|Viêt Nam|Vietnam|Vietnam|ベトナム|베트남|Vietnam|Wietnam|Vietnã|Вьетнам|Việt Nam|越南'),
    capital: l15('هانوي|Hanoi|Hanoi|Hanói|Hanoï|Hanoi|Hanoi|ハノイ|하노이|Hanoi|Hanoi|Hanói|Ханой|Hà Nội|河内'),
    currency: l15('الدونغ الفيتنامي|Đồng|dong|dong|dông|dong|dong|ドン|동|dong|dong|dong|донг|đồng|越南盾'),
    questions: { capital: 'Thủ đô của Việt Nam là gì?', currency: 'Đơn vị tiền tệ của Việt Nam là gì?', language: 'Ngôn ngữ chính được nói ở Việt Nam là gì?' },
  },
  {
    region: 'Indonesia', local: 'id', mainLanguage: 'id',
    name: l15('إندونيسيا|Indonesien|Indonesia|Indonesia|Indonésie|Indonesia|Indonesia|インドネシア|인도네시아|Indonesië|Indonezja|Indonésia|Индонезия|Indonesia|印度尼西亚'),
    capital: null,
    currency: l15('الروبية الإندونيسية|Rupiah|rupiah|rupia|roupie|rupiah|rupia|ルピア|루피아|roepia|rupia|rupia|рупия|rupiah|印尼盾'),
    questions: { capital: null, currency: 'Apa mata uang Indonesia?', language: 'Apa bahasa utama yang digunakan di Indonesia?' },
  },
  {
    region: 'Russia', local: 'ru', mainLanguage: 'ru',
    name: l15('روسيا|Russland|Russia|Rusia|Russie|Rusia|Russia|ロシア|러시아|Rusland|Rosja|Rússia|Россия|Nga|俄罗斯'),
    capital: l15('موسكو|Moskau|Moscow|Moscú|Moscou|Moskwa|Mosca|モスクワ|모스크바|Moskou|Moskwa|Moscou|Москва|Moskva|莫斯科'),
    currency: l15('الروبل الروسي|Rubel|ruble|rublo|rouble|rubel|rublo|ルーブル|루블|roebel|rubel|rublo|рубль|rúp|卢布'),
    questions: { capital: 'Какой город является столицей России?', currency: 'Какая валюта используется в России?', language: 'На каком языке в основном говорят в России?' },
  },
  {
    region: 'Poland', local: 'pl', mainLanguage: 'pl',
    name: l15('بولندا|Polen|Poland|Polonia|Pologne|Polandia|Polonia|ポーランド|폴란드|Polen|Polska|Polônia|Польша|Ba Lan|波兰'),
    capital: l15('وارسو|Warschau|Warsaw|Varsovia|Varsovie|Warsawa|Varsavia|ワルシャワ|바르샤바|Warschau|Warszawa|Varsóvia|Варшава|Warszawa|华沙'),
    currency: l15('الزلوتي البولندي|Złoty|złoty|esloti|złoty|zloty|złoty|ズウォティ|즈워티|zloty|złoty|zloty|злотый|złoty|兹罗提'),
    questions: { capital: 'Jakie miasto jest stolicą Polski?', currency: 'Jaka jest waluta Polski?', language: 'Jakim językiem mówi się głównie w Polsce?' },
  },
  {
    region: 'Germany', local: 'de', mainLanguage: 'de',
    name: l15('ألمانيا|Deutschland|Germany|Alemania|Allemagne|Jerman|Germania|ドイツ|독일|Duitsland|Niemcy|Alemanha|Германия|Đức|德国'),
    capital: l15('برلين|Berlin|Berlin|Berlín|Berlin|Berlin|Berlino|ベルリン|베를린|Berlijn|Berlin|Berlim|Берлин|Berlin|柏林'),
    currency: EURO,
    questions: { capital: 'Was ist die Hauptstadt von Deutschland?', currency: 'Was ist die Währung von Deutschland?', language: 'Welche Sprache wird in Deutschland hauptsächlich gesprochen?' },
  },
  {
    region: 'Austria', local: 'de', mainLanguage: 'de',
    name: l15('النمسا|Österreich|Austria|Austria|Autriche|Austria|Austria|オーストリア|오스트리아|Oostenrijk|Austria|Áustria|Австрия|Áo|奥地利'),
    capital: l15('فيينا|Wien|Vienna|Viena|Vienne|Wina|Vienna|ウィーン|빈|Wenen|Wiedeń|Viena|Вена|Viên|维也纳'),
    currency: EURO,
    questions: { capital: 'Was ist die Hauptstadt von Österreich?', currency: 'Was ist die Währung von Österreich?', language: 'Welche Sprache wird in Österreich hauptsächlich gesprochen?' },
  },
  {
    region: 'Netherlands', local: 'nl', mainLanguage: 'nl',
    name: l15('هولندا|Niederlande|Netherlands|Países Bajos|Pays-Bas|Belanda|Paesi Bassi|オランダ|네덜란드|Nederland|Holandia|Países Baixos|Нидерланды|Hà Lan|荷兰'),
    capital: l15('أمستردام|Amsterdam|Amsterdam|Ámsterdam|Amsterdam|Amsterdam|Amsterdam|アムステルダム|암스테르담|Amsterdam|Amsterdam|Amsterdã|Амстердам|Amsterdam|阿姆斯特丹'),
    currency: EURO,
    questions: { capital: 'Wat is de hoofdstad van Nederland?', currency: 'Wat is de munteenheid van Nederland?', language: 'Welke taal wordt in Nederland voornamelijk gesproken?' },
  },
  {
    region: 'France', local: 'fr', mainLanguage: 'fr',
    name: l15('فرنسا|Frankreich|France|Francia|France|Prancis|Francia|フランス|프랑스|Frankrijk|Francja|França|Франция|Pháp|法国'),
    capital: l15('باريس|Paris|Paris|París|Paris|Paris|Parigi|パリ|파리|Parijs|Paryż|Paris|Париж|Paris|巴黎'),
    currency: EURO,
    questions: { capital: 'Quelle est la capitale de la France ?', currency: 'Quelle est la monnaie de la France ?', language: 'Quelle langue parle-t-on principalement en France ?' },
  },
  {
    region: 'Italy', local: 'it', mainLanguage: 'it',
    name: l15('إيطاليا|Italien|Italy|Italia|Italie|Italia|Italia|イタリア|이탈리아|Italië|Włochy|Itália|Италия|Ý|意大利'),
    capital: l15('روما|Rom|Rome|Roma|Rome|Roma|Roma|ローマ|로마|Rome|Rzym|Roma|Рим|Roma|罗马'),
    currency: EURO,
    questions: { capital: "Qual è la capitale dell'Italia?", currency: "Qual è la valuta dell'Italia?", language: 'Quale lingua si parla principalmente in Italia?' },
  },
  {
    region: 'Spain', local: 'es', mainLanguage: 'es',
    name: l15('إسبانيا|Spanien|Spain|España|Espagne|Spanyol|Spagna|スペイン|스페인|Spanje|Hiszpania|Espanha|Испания|Tây Ban Nha|西班牙'),
    capital: l15('مدريد|Madrid|Madrid|Madrid|Madrid|Madrid|Madrid|マドリード|마드리드|Madrid|Madryt|Madri|Мадрид|Madrid|马德里'),
    currency: EURO,
    questions: { capital: '¿Cuál es la capital de España?', currency: '¿Cuál es la moneda de España?', language: '¿Qué idioma se habla principalmente en España?' },
  },
  {
    region: 'Portugal', local: 'pt', mainLanguage: 'pt',
    name: l15('البرتغال|Portugal|Portugal|Portugal|Portugal|Portugal|Portogallo|ポルトガル|포르투갈|Portugal|Portugalia|Portugal|Португалия|Bồ Đào Nha|葡萄牙'),
    capital: l15('لشبونة|Lissabon|Lisbon|Lisboa|Lisbonne|Lisboa|Lisbona|リスボン|리스본|Lissabon|Lizbona|Lisboa|Лиссабон|Lisboa|里斯本'),
    currency: EURO,
    questions: { capital: 'Qual é a capital de Portugal?', currency: 'Qual é a moeda de Portugal?', language: 'Qual é a língua mais falada em Portugal?' },
  },
  {
    region: 'United Kingdom', local: 'en', mainLanguage: 'en',
    name: l15('المملكة المتحدة|Vereinigtes Königreich|United Kingdom|Reino Unido|Royaume-Uni|Britania Raya|Regno Unito|イギリス|영국|Verenigd Koninkrijk|Wielka Brytania|Reino Unido|Великобритания|Vương quốc Anh|英国'),
    capital: l15('لندن|London|London|Londres|Londres|London|Londra|ロンドン|런던|Londen|Londyn|Londres|Лондон|Luân Đôn|伦敦'),
    currency: l15('الجنيه الإسترليني|Pfund Sterling|pound sterling|libra esterlina|livre sterling|pound sterling|sterlina|ポンド|파운드|pond sterling|funt szterling|libra esterlina|фунт стерлингов|bảng Anh|英镑'),
    questions: { capital: 'What is the capital of the United Kingdom?', currency: 'What is the currency of the United Kingdom?', language: 'What language is mainly spoken in the United Kingdom?' },
  },
  {
    region: 'United States', local: 'en', mainLanguage: 'en',
    name: l15('الولايات المتحدة|Vereinigte Staaten|United States|Estados Unidos|États-Unis|Amerika Serikat|Stati Uniti|アメリカ合衆国|미국|Verenigde Staten|Stany Zjednoczone|Estados Unidos|США|Hoa Kỳ|美国'),
    capital: l15('واشنطن العاصمة|Washington, D.C.|Washington, D.C.|Washington D. C.|Washington|Washington, D.C.|Washington|ワシントンD.C.|워싱턴 D.C.|Washington D.C.|Waszyngton|Washington, D.C.|Вашингтон|Washington, D.C.|华盛顿'),
    currency: l15('الدولار الأمريكي|US-Dollar|US dollar|dólar estadounidense|dollar américain|dolar AS|dollaro statunitense|米ドル|미국 달러|Amerikaanse dollar|dolar amerykański|dólar americano|доллар США|đô la Mỹ|美元'),
    questions: { capital: 'What is the capital of the United States?', currency: 'What is the currency of the United States?', language: 'What language is mainly spoken in the United States?' },
  },
  {
    region: 'Mexico', local: 'es', mainLanguage: 'es',
    name: l15('المكسيك|Mexiko|Mexico|México|Mexique|Meksiko|Messico|メキシコ|멕시코|Mexico|Meksyk|México|Мексика|Mexico|墨西哥'),
    capital: l15('مكسيكو سيتي|Mexiko-Stadt|Mexico City|Ciudad de México|Mexico|Kota Meksiko|Città del Messico|メキシコシティ|멕시코시티|Mexico-Stad|Meksyk|Cidade do México|Мехико|Thành phố México|墨西哥城'),
    currency: l15('البيزو المكسيكي|Mexikanischer Peso|Mexican peso|peso mexicano|peso mexicain|peso Meksiko|peso messicano|メキシコ・ペソ|멕시코 페소|Mexicaanse peso|peso meksykańskie|peso mexicano|мексиканское песо|peso Mexico|墨西哥比索'),
    questions: { capital: '¿Cuál es la capital de México?', currency: '¿Cuál es la moneda de México?', language: '¿Qué idioma se habla principalmente en México?' },
  },
  {
    region: 'Brazil', local: 'pt', mainLanguage: 'pt',
    name: l15('البرازيل|Brasilien|Brazil|Brasil|Brésil|Brasil|Brasile|ブラジル|브라질|Brazilië|Brazylia|Brasil|Бразилия|Brasil|巴西'),
    capital: l15('برازيليا|Brasília|Brasília|Brasilia|Brasilia|Brasília|Brasilia|ブラジリア|브라질리아|Brasilia|Brasília|Brasília|Бразилиа|Brasília|巴西利亚'),
    currency: l15('الريال البرازيلي|Real|real|real brasileño|real brésilien|real Brasil|real brasiliano|レアル|헤알|Braziliaanse real|real brazylijski|real|бразильский реал|real Brasil|巴西雷亚尔'),
    questions: { capital: 'Qual é a capital do Brasil?', currency: 'Qual é a moeda do Brasil?', language: 'Qual é a língua mais falada no Brasil?' },
  },
  {
    region: 'Argentina', local: 'es', mainLanguage: 'es',
    name: l15('الأرجنتين|Argentinien|Argentina|Argentina|Argentine|Argentina|Argentina|アルゼンチン|아르헨티나|Argentinië|Argentyna|Argentina|Аргентина|Argentina|阿根廷'),
    capital: l15('بوينس آيرس|Buenos Aires|Buenos Aires|Buenos Aires|Buenos Aires|Buenos Aires|Buenos Aires|ブエノスアイレス|부에노스아이레스|Buenos Aires|Buenos Aires|Buenos Aires|Буэнос-Айрес|Buenos Aires|布宜诺斯艾利斯'),
    currency: l15('البيزو الأرجنتيني|Argentinischer Peso|Argentine peso|peso argentino|peso argentin|peso Argentina|peso argentino|アルゼンチン・ペソ|아르헨티나 페소|Argentijnse peso|peso argentyńskie|peso argentino|аргентинское песо|peso Argentina|阿根廷比索'),
    questions: { capital: '¿Cuál es la capital de Argentina?', currency: '¿Cuál es la moneda de Argentina?', language: '¿Qué idioma se habla principalmente en Argentina?' },
  },
  {
    region: 'Egypt', local: 'ar', mainLanguage: 'ar',
    name: l15('مصر|Ägypten|Egypt|Egipto|Égypte|Mesir|Egitto|エジプト|이집트|Egypte|Egipt|Egito|Египет|Ai Cập|埃及'),
    capital: l15('القاهرة|Kairo|Cairo|El Cairo|Le Caire|Kairo|Il Cairo|カイロ|카이로|Caïro|Kair|Cairo|Каир|Cairo|开罗'),
    currency: l15('الجنيه المصري|Ägyptisches Pfund|Egyptian pound|libra egipcia|livre égyptienne|pound Mesir|sterlina egiziana|エジプト・ポンド|이집트 파운드|Egyptisch pond|funt egipski|libra egípcia|египетский фунт|bảng Ai Cập|埃及镑'),
    questions: { capital: 'ما هي عاصمة مصر؟', currency: 'ما هي عملة مصر؟', language: 'ما هي اللغة الرئيسية التي يتحدث بها الناس في مصر؟' },
  },
];

// "Science" facts (authored by us): chemical symbols, atomic numbers, formulas, counts and planets.
// Symbols, formulas and numbers are written the same way in every language.
import { facts, l15, type Fact } from './facts.ts';

const TOPIC = 'Science';

const PLANETS = {
  mercury: l15('عطارد|Merkur|Mercury|Mercurio|Mercure|Merkurius|Mercurio|水星|수성|Mercurius|Merkury|Mercúrio|Меркурий|Sao Thủy|水星'),
  venus: l15('الزهرة|Venus|Venus|Venus|Vénus|Venus|Venere|金星|금성|Venus|Wenus|Vênus|Венера|Sao Kim|金星'),
  mars: l15('المريخ|Mars|Mars|Marte|Mars|Mars|Marte|火星|화성|Mars|Mars|Marte|Марс|Sao Hỏa|火星'),
  jupiter: l15('المشتري|Jupiter|Jupiter|Júpiter|Jupiter|Jupiter|Giove|木星|목성|Jupiter|Jowisz|Júpiter|Юпитер|Sao Mộc|木星'),
  saturn: l15('زحل|Saturn|Saturn|Saturno|Saturne|Saturnus|Saturno|土星|토성|Saturnus|Saturn|Saturno|Сатурн|Sao Thổ|土星'),
  neptune: l15('نبتون|Neptun|Neptune|Neptuno|Neptune|Neptunus|Nettuno|海王星|해왕성|Neptunus|Neptun|Netuno|Нептун|Sao Hải Vương|海王星'),
};
const PACIFIC = l15('المحيط الهادئ|Pazifik|Pacific Ocean|océano Pacífico|océan Pacifique|Samudra Pasifik|oceano Pacifico|太平洋|태평양|Stille Oceaan|Ocean Spokojny|oceano Pacífico|Тихий океан|Thái Bình Dương|太平洋');
const EVEREST = l15('جبل إيفرست|Mount Everest|Mount Everest|monte Everest|mont Everest|Gunung Everest|monte Everest|エベレスト|에베레스트산|Mount Everest|Mount Everest|monte Everest|Эверест|đỉnh Everest|珠穆朗玛峰');
const SAHARA = l15('الصحراء الكبرى|Sahara|Sahara|Sahara|Sahara|Gurun Sahara|Sahara|サハラ砂漠|사하라 사막|Sahara|Sahara|Saara|Сахара|sa mạc Sahara|撒哈拉沙漠');

export function scienceFacts(): Fact[] {
  return facts(TOPIC, null, [
    // chemical symbols
    ['en', 'What is the chemical symbol for gold?', 'Au'],
    ['de', 'Was ist das chemische Symbol für Eisen?', 'Fe'],
    ['fr', "Quel est le symbole chimique de l'argent ?", 'Ag'],
    ['es', '¿Cuál es el símbolo químico del sodio?', 'Na'],
    ['it', 'Qual è il simbolo chimico del potassio?', 'K'],
    ['pt', 'Qual é o símbolo químico do cobre?', 'Cu'],
    ['nl', 'Wat is het chemische symbool van lood?', 'Pb'],
    ['pl', 'Jaki jest symbol chemiczny tlenu?', 'O'],
    ['ru', 'Какой химический символ у водорода?', 'H'],
    ['ja', '炭素の元素記号は何ですか？', 'C'],
    ['ko', '질소의 원소 기호는 무엇입니까?', 'N'],
    ['zh', '氦的元素符号是什么？', 'He'],
    ['vi', 'Ký hiệu hóa học của canxi là gì?', 'Ca'],
    ['id', 'Apa simbol kimia untuk timah?', 'Sn'],
    ['ar', 'ما هو الرمز الكيميائي للكلور؟', 'Cl'],
    ['en', 'What is the chemical symbol for mercury?', 'Hg'],
    ['de', 'Was ist das chemische Symbol für Zink?', 'Zn'],
    ['fr', 'Quel est le symbole chimique du soufre ?', 'S'],
    ['es', '¿Cuál es el símbolo químico del magnesio?', 'Mg'],
    ['it', 'Qual è il simbolo chimico del fosforo?', 'P'],
    ['pt', 'Qual é o símbolo químico do urânio?', 'U'],
    ['nl', 'Wat is het chemische symbool van neon?', 'Ne'],
    ['pl', 'Jaki jest symbol chemiczny żelaza?', 'Fe'],
    ['ru', 'Какой химический символ у золота?', 'Au'],
    ['ja', 'ナトリウムの元素記号は何ですか？', 'Na'],
    ['ko', '철의 원소 기호는 무엇입니까?', 'Fe'],
    ['zh', '铜的元素符号是什么？', 'Cu'],
    ['vi', 'Ký hiệu hóa học của sắt là gì?', 'Fe'],
    ['id', 'Apa simbol kimia untuk oksigen?', 'O'],
    ['ar', 'ما هو الرمز الكيميائي للذهب؟', 'Au'],
    // atomic numbers
    ['en', 'What is the atomic number of carbon?', '6'],
    ['de', 'Welche Ordnungszahl hat Sauerstoff?', '8'],
    ['fr', "Quel est le numéro atomique de l'hydrogène ?", '1'],
    ['es', '¿Cuál es el número atómico del helio?', '2'],
    ['it', "Qual è il numero atomico dell'azoto?", '7'],
    ['pt', 'Qual é o número atômico do sódio?', '11'],
    ['nl', 'Wat is het atoomnummer van ijzer?', '26'],
    ['pl', 'Jaka jest liczba atomowa złota?', '79'],
    ['ru', 'Какой атомный номер у кислорода?', '8'],
    ['ja', '炭素の原子番号はいくつですか？', '6'],
    ['ko', '수소의 원자 번호는 무엇입니까?', '1'],
    ['zh', '氧的原子序数是多少？', '8'],
    ['vi', 'Số hiệu nguyên tử của heli là bao nhiêu?', '2'],
    ['id', 'Berapa nomor atom karbon?', '6'],
    ['ar', 'ما هو العدد الذري للهيدروجين؟', '1'],
    // formulas and numbers
    ['en', 'At how many degrees Celsius does water boil at sea level?', '100'],
    ['de', 'Bei wie vielen Grad Celsius gefriert Wasser unter Normaldruck?', '0'],
    ['fr', 'Combien de planètes compte le système solaire ?', '8'],
    ['es', '¿Cuántas patas tiene un insecto?', '6'],
    ['it', 'Quanti cuori ha un polpo?', '3'],
    ['pt', 'Quantos ossos tem o corpo humano adulto?', '206'],
    ['nl', 'Hoeveel chromosomen heeft een menselijke lichaamscel?', '46'],
    ['pl', 'Ile nóg ma pająk?', '8'],
    ['ru', 'Сколько ног у паука?', '8'],
    ['ja', '大人の永久歯は親知らずを含めて何本ですか？', '32'],
    ['ko', '물의 화학식은 무엇입니까?', 'H2O'],
    ['zh', '水的化学式是什么？', 'H2O'],
    ['vi', 'Ở mực nước biển, nước sôi ở bao nhiêu độ C?', '100'],
    ['id', 'Berapa jumlah planet di tata surya?', '8'],
    ['ar', 'كم عدد أرجل الحشرة؟', '6'],
    ['en', 'What is the chemical formula of carbon dioxide?', 'CO2'],
    ['de', 'Was ist die chemische Formel von Kochsalz?', 'NaCl'],
    ['es', '¿Cuál es la fórmula química del agua?', 'H2O'],
    ['ko', '사람의 심장은 몇 개의 방으로 이루어져 있습니까?', '4'],
    ['ru', 'При какой температуре по Цельсию замерзает вода?', '0'],
    ['nl', 'Hoeveel poten heeft een insect?', '6'],
    // planets and the Earth
    ['ja', '太陽系で一番大きい惑星は何ですか？', PLANETS.jupiter],
    ['es', '¿Qué planeta es conocido como el planeta rojo?', PLANETS.mars],
    ['de', 'Welcher Planet ist der Sonne am nächsten?', PLANETS.mercury],
    ['ko', '아름다운 고리로 유명한 행성은 무엇입니까?', PLANETS.saturn],
    ['it', 'Qual è il pianeta più caldo del sistema solare?', PLANETS.venus],
    ['nl', 'Welke planeet staat het verst van de zon?', PLANETS.neptune],
    ['fr', 'Quel est le plus grand océan du monde ?', PACIFIC],
    ['zh', '世界上最高的山峰是哪座？', EVEREST],
    ['pt', 'Qual é o maior deserto quente do mundo?', SAHARA],
    ['vi', 'Hành tinh nào được gọi là hành tinh đỏ?', PLANETS.mars],
  ]);
}

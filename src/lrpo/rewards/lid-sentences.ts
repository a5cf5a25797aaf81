// One clear, typical sentence per router language, written by us for the language-ID tests (unit and
// browser). Each is plain prose of everyday vocabulary, long enough for fastText to be sure.
export const LID_SENTENCES: Record<string, string> = {
  ar: 'تقع مدينة القاهرة على ضفاف نهر النيل، وهي من أكبر المدن في العالم العربي.',
  de: 'Am Wochenende fahren wir mit dem Zug zu meinen Großeltern, die in einem kleinen Dorf wohnen.',
  en: 'The library on the corner of our street is open every day until nine in the evening.',
  es: 'Mañana por la mañana vamos a visitar el mercado para comprar frutas y verduras frescas.',
  fr: "Le petit café près de la gare sert le meilleur croissant de toute la ville, selon mes amis.",
  id: 'Kami akan pergi ke pasar besok pagi untuk membeli sayuran dan buah-buahan segar.',
  it: 'Ogni domenica la nostra famiglia si riunisce a pranzo per mangiare la pasta fatta in casa.',
  ja: '今日は天気がとても良いので、友達と一緒に公園へ散歩に行きました。',
  ko: '오늘은 날씨가 아주 좋아서 친구들과 함께 공원에서 산책을 했습니다.',
  nl: 'Morgen gaan we met de fiets naar het strand, want het wordt eindelijk een zonnige dag.',
  pl: 'W przyszłym tygodniu jedziemy z rodziną nad morze, żeby odpocząć od pracy w mieście.',
  pt: 'No próximo fim de semana vamos viajar para a praia com os nossos amigos de infância.',
  ru: 'Вчера вечером мы гуляли по парку и разговаривали о планах на летние каникулы.',
  vi: 'Hôm nay trời rất đẹp nên chúng tôi đã đi dạo trong công viên cùng với bạn bè.',
  zh: '今天天气很好，我们全家一起去公园散步，还在湖边吃了午饭。',
};

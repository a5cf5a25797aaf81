// One colour per language, the same in every chart of the studio (training, router, playground,
// evaluation). The 15 router languages get hand-picked, distinguishable colours; others a stable hash.
// Tableau's ten plus five dark tones of its 20b set, so the pairs most often compared (ja/zh/ko,
// es/pt/it, de/nl) never share a hue family.
const FIXED: Record<string, string> = {
  ar: '#1f77b4', de: '#ff7f0e', en: '#2ca02c', es: '#d62728', fr: '#9467bd',
  id: '#8c564b', it: '#e377c2', ja: '#17becf', ko: '#bcbd22', nl: '#7f7f7f',
  pl: '#393b79', pt: '#e7ba52', ru: '#637939', vi: '#843c39', zh: '#7b4173',
};

export function langColor(code: string): string {
  if (FIXED[code]) return FIXED[code];
  let h = 0;
  for (const ch of code) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `hsl(${h % 360} 55% 45%)`;
}

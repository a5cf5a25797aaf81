// One colour per language, the same in every chart of the studio (training, router, playground,
// evaluation). The 15 router languages get hand-picked, distinguishable colours; others a stable hash.
const FIXED: Record<string, string> = {
  ar: '#1b9e77', de: '#d95f02', en: '#7570b3', es: '#e7298a', fr: '#66a61e',
  id: '#e6ab02', it: '#a6761d', ja: '#e41a1c', ko: '#377eb8', nl: '#ff7f00',
  pl: '#984ea3', pt: '#4daf4a', ru: '#a65628', vi: '#f781bf', zh: '#d62728',
};

export function langColor(code: string): string {
  if (FIXED[code]) return FIXED[code];
  let h = 0;
  for (const ch of code) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `hsl(${h % 360} 55% 45%)`;
}

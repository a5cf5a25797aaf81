// Languages the studio knows: the reference's 15 router languages (in the reference's arm order)
// and others that datasets bring (BLEnD, CARE (Pro)) or that users add as router arms.
// `name` is the reference's lowercase English name used in extra_info.language.

export interface LanguageInfo {
  code: string;
  name: string;
  native: string;
}

export const ROUTER_LANGUAGES = [
  'ar', 'de', 'en', 'es', 'fr', 'id', 'it', 'ja', 'ko', 'nl', 'pl', 'pt', 'ru', 'vi', 'zh',
] as const;

export type RouterLanguage = (typeof ROUTER_LANGUAGES)[number];

const LANGUAGES: readonly LanguageInfo[] = [
  { code: 'ar', name: 'arabic', native: 'العربية' },
  { code: 'de', name: 'german', native: 'Deutsch' },
  { code: 'en', name: 'english', native: 'English' },
  { code: 'es', name: 'spanish', native: 'Español' },
  { code: 'fr', name: 'french', native: 'Français' },
  { code: 'id', name: 'indonesian', native: 'Bahasa Indonesia' },
  { code: 'it', name: 'italian', native: 'Italiano' },
  { code: 'ja', name: 'japanese', native: '日本語' },
  { code: 'ko', name: 'korean', native: '한국어' },
  { code: 'nl', name: 'dutch', native: 'Nederlands' },
  { code: 'pl', name: 'polish', native: 'Polski' },
  { code: 'pt', name: 'portuguese', native: 'Português' },
  { code: 'ru', name: 'russian', native: 'Русский' },
  { code: 'vi', name: 'vietnamese', native: 'Tiếng Việt' },
  { code: 'zh', name: 'chinese', native: '中文' },
  { code: 'hi', name: 'hindi', native: 'हिन्दी' },
  { code: 'th', name: 'thai', native: 'ไทย' },
  { code: 'sw', name: 'swahili', native: 'Kiswahili' },
  { code: 'am', name: 'amharic', native: 'አማርኛ' },
  { code: 'as', name: 'assamese', native: 'অসমীয়া' },
  { code: 'az', name: 'azerbaijani', native: 'Azərbaycanca' },
  { code: 'el', name: 'greek', native: 'Ελληνικά' },
  { code: 'fa', name: 'persian', native: 'فارسی' },
  { code: 'ha', name: 'hausa', native: 'Hausa' },
  { code: 'su', name: 'sundanese', native: 'Basa Sunda' },
  { code: 'tr', name: 'turkish', native: 'Türkçe' },
  { code: 'uk', name: 'ukrainian', native: 'Українська' },
  { code: 'bn', name: 'bengali', native: 'বাংলা' },
  { code: 'ur', name: 'urdu', native: 'اردو' },
  { code: 'he', name: 'hebrew', native: 'עברית' },
  { code: 'sv', name: 'swedish', native: 'Svenska' },
  { code: 'cs', name: 'czech', native: 'Čeština' },
  { code: 'ro', name: 'romanian', native: 'Română' },
  { code: 'hu', name: 'hungarian', native: 'Magyar' },
  { code: 'ta', name: 'tamil', native: 'தமிழ்' },
  { code: 'te', name: 'telugu', native: 'తెలుగు' },
  { code: 'ms', name: 'malay', native: 'Bahasa Melayu' },
  { code: 'tl', name: 'tagalog', native: 'Tagalog' },
];

const BY_CODE = new Map(LANGUAGES.map((l) => [l.code, l]));
const BY_NAME = new Map(LANGUAGES.map((l) => [l.name, l]));
const ALIASES: Record<string, string> = {
  'zh-cn': 'zh', 'zh-hans': 'zh', 'zh-tw': 'zh', 'zh-hant': 'zh', mandarin: 'zh', 'chinese (simplified)': 'zh',
  farsi: 'fa', filipino: 'tl', 'pt-br': 'pt', 'en-us': 'en', 'en-gb': 'en', 'es-mx': 'es', 'es-es': 'es',
};

/**
 * Resolves a language given as an ISO 639-1 code ("zh", "ZH", "zh-CN") or a lowercase English
 * name ("chinese", "Chinese") to its code; null when it is not a language we know.
 */
export function toLanguageCode(value: string): string | null {
  const v = value.trim().toLowerCase().replace(/_/g, '-');
  if (!v) return null;
  if (BY_CODE.has(v)) return v;
  if (BY_NAME.has(v)) return BY_NAME.get(v)!.code;
  if (ALIASES[v]) return ALIASES[v];
  const base = v.split('-')[0];
  if (BY_CODE.has(base)) return base;
  return null;
}

export function languageInfo(code: string): LanguageInfo | undefined {
  return BY_CODE.get(code);
}

export function languageName(code: string): string {
  return BY_CODE.get(code)?.name ?? code;
}

// Category-axis labels that never overlap: one line each, cut with an ellipsis to the axis width
// (the full name stays in the tooltip and the element's title). Widths are estimated per character:
// CJK and other wide characters count double.

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/** Estimated width of text in px at the given font size. */
export function textWidth(text: string, fontSize: number): number {
  let w = 0;
  for (const ch of text) w += WIDE.test(ch) ? 1 : 0.58;
  return w * fontSize;
}

/** The text cut (with "…") to fit maxWidth px; unchanged when it fits. */
export function fitLabel(text: string, maxWidth: number, fontSize: number): string {
  if (textWidth(text, fontSize) <= maxWidth) return text;
  const chars = [...text];
  let out = '';
  for (const ch of chars) {
    if (textWidth(out + ch + '…', fontSize) > maxWidth) break;
    out += ch;
  }
  return out.trimEnd() + '…';
}

/** Axis width for the labels: the longest label's estimated width, between min and max. */
export function axisWidth(labels: readonly string[], fontSize: number, min = 60, max = 220): number {
  const w = Math.max(0, ...labels.map((l) => textWidth(l, fontSize)));
  return Math.round(Math.min(max, Math.max(min, w + 12)));
}

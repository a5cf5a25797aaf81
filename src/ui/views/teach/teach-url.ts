// The Teaching view's place in the URL hash, so a link opens a given step, group and panel:
// #teach/<step>/<group>/<panel id>, e.g. #teach/3/0/advantages. Missing parts are null.

import { PANEL_IDS, type PanelId } from '../../../lrpo/teaching/step-walk';

export interface TeachPlace {
  step: number | null;
  group: number | null;
  panel: PanelId | null;
}

export function parseTeachHash(hash: string): TeachPlace {
  const parts = hash.replace(/^#\/?/, '').split('/');
  if (parts[0] !== 'teach') return { step: null, group: null, panel: null };
  const int = (s: string | undefined) => (s !== undefined && /^\d+$/.test(s) ? Number(s) : null);
  const panel = (PANEL_IDS as readonly string[]).includes(parts[3] ?? '') ? (parts[3] as PanelId) : null;
  return { step: int(parts[1]), group: int(parts[2]), panel };
}

export function teachHash(p: { step: number; group: number; panel: PanelId }): string {
  return `#teach/${p.step}/${p.group}/${p.panel}`;
}

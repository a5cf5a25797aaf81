// The comparison figures, drawn as plain SVG so they export as SVG and PNG exactly as shown:
// accuracy per source and group with 95% bootstrap whiskers, and each source's label distribution
// as a 100% stacked bar. Names come from the data and are drawn as SVG text (never markup).
import { forwardRef } from 'react';
import type { AccuracyCell, ComparisonSource } from '../../../eval/compare';
import { COUNT_KEYS, countKey, emptyCounts } from '../../../eval/metrics';
import { LABEL_COLORS } from './format';

const SOURCE_COLORS = ['#6b6b7b', '#e36414', '#3056d3', '#1a7f37', '#8250df', '#bf8700'];
export const sourceColor = (i: number) => SOURCE_COLORS[i % SOURCE_COLORS.length];
const FONT = 'system-ui, "Noto Sans", "Noto Sans CJK SC", "Noto Sans Devanagari", sans-serif';

interface AccuracyProps {
  sources: readonly string[];
  groups: readonly string[];
  cells: readonly AccuracyCell[];
}

export const AccuracyFigure = forwardRef<SVGSVGElement, AccuracyProps>(function AccuracyFigure({ sources, groups, cells }, ref) {
  const barW = 16;
  const gap = 18;
  const groupW = sources.length * barW + gap;
  const left = 44;
  const top = 28;
  const plotH = 200;
  const width = Math.max(360, left + groups.length * groupW + 16);
  const height = top + plotH + 70;
  const y = (v: number) => top + plotH * (1 - v);
  const at = new Map(cells.map((c) => [`${c.source}\u0000${c.group}`, c]));
  return (
    <svg ref={ref} width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label="Accuracy by source with 95% bootstrap intervals" fontFamily={FONT} fontSize={11}>
      <rect x={0} y={0} width={width} height={height} fill="#fff" />
      <text x={left} y={14} fontSize={12} fontWeight={600}>Accuracy (CORRECT / N) with 95% bootstrap intervals</text>
      {[0, 0.25, 0.5, 0.75, 1].map((t) => (
        <g key={t}>
          <line x1={left} x2={width - 8} y1={y(t)} y2={y(t)} stroke="#e4e4ea" />
          <text x={left - 6} y={y(t) + 4} textAnchor="end" fill="#555">{`${t * 100}%`}</text>
        </g>
      ))}
      {groups.map((g, gi) => {
        const x0 = left + gap / 2 + gi * groupW;
        return (
          <g key={g}>
            {sources.map((s, si) => {
              const c = at.get(`${s}\u0000${g}`);
              if (!c) return null;
              const x = x0 + si * barW;
              return (
                <g key={s} data-testid={`bar-${s}-${g}`}>
                  <title>{`${s} · ${g}: ${(100 * c.estimate).toFixed(1)}% [${(100 * c.lo).toFixed(1)}, ${(100 * c.hi).toFixed(1)}] (${c.correct}/${c.n})`}</title>
                  <rect x={x + 1} y={y(c.estimate)} width={barW - 2} height={plotH * c.estimate} fill={sourceColor(si)} />
                  <line x1={x + barW / 2} x2={x + barW / 2} y1={y(c.lo)} y2={y(c.hi)} stroke="#111" />
                  <line x1={x + 4} x2={x + barW - 4} y1={y(c.lo)} y2={y(c.lo)} stroke="#111" />
                  <line x1={x + 4} x2={x + barW - 4} y1={y(c.hi)} y2={y(c.hi)} stroke="#111" />
                </g>
              );
            })}
            <text x={x0 + (sources.length * barW) / 2} y={top + plotH + 14} textAnchor="middle">{g.split(' · ')[0]}</text>
            <text x={x0 + (sources.length * barW) / 2} y={top + plotH + 27} textAnchor="middle" fill="#555" fontSize={10}>{g.split(' · ')[1] ?? ''}</text>
          </g>
        );
      })}
      {sources.map((s, si) => (
        <g key={s} transform={`translate(${left + si * 110}, ${height - 18})`}>
          <rect width={10} height={10} fill={sourceColor(si)} />
          <text x={14} y={9}>{s}</text>
        </g>
      ))}
    </svg>
  );
});

export const LabelStackFigure = forwardRef<SVGSVGElement, { sources: readonly ComparisonSource[] }>(function LabelStackFigure({ sources }, ref) {
  const left = 110;
  const barH = 22;
  const width = 560;
  const plotW = width - left - 16;
  const top = 24;
  const height = top + sources.length * (barH + 10) + 40;
  const keys = COUNT_KEYS;
  return (
    <svg ref={ref} width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label="Label distribution per source" fontFamily={FONT} fontSize={11}>
      <rect x={0} y={0} width={width} height={height} fill="#fff" />
      <text x={8} y={14} fontSize={12} fontWeight={600}>Label distribution per source (share of N)</text>
      {sources.map((s, si) => {
        const counts = emptyCounts();
        for (const r of s.rows) counts[countKey(r)]++;
        const n = s.rows.length || 1;
        let x = left;
        const yy = top + si * (barH + 10);
        return (
          <g key={s.name} data-testid={`stack-${s.name}`}>
            <text x={left - 6} y={yy + barH / 2 + 4} textAnchor="end">{s.name}</text>
            {keys.map((k) => {
              const w = (plotW * counts[k]) / n;
              const seg = (
                <g key={k}>
                  <title>{`${s.name} · ${k}: ${counts[k]} of ${s.rows.length}`}</title>
                  <rect x={x} y={yy} width={w} height={barH} fill={LABEL_COLORS[k]} />
                  {w > 22 && <text x={x + w / 2} y={yy + barH / 2 + 4} textAnchor="middle" fill="#fff">{counts[k]}</text>}
                </g>
              );
              x += w;
              return seg;
            })}
          </g>
        );
      })}
      {keys.map((k, i) => (
        <g key={k} transform={`translate(${8 + i * 92}, ${height - 16})`}>
          <rect width={10} height={10} fill={LABEL_COLORS[k]} />
          <text x={13} y={9} fontSize={9}>{k === 'CORRECT_BUT_WRONG_LANGUAGE' ? 'WRONG LANG' : k.replace('_', ' ')}</text>
        </g>
      ))}
    </svg>
  );
});

// A WGSL source with `// #include NAME` lines gets the named snippet in their place (WGSL has no
// includes), so a piece of code shared by kernels lives in one .wgsl file. `enable` directives of a
// snippet move to the top of the module, where WGSL requires them. Results are cached, so a kernel
// resolves to the same string every dispatch (the pipeline cache is keyed by the text).
// The reduction snippet: reduce_tree.wgsl, or reduce_subgroups.wgsl where the device has subgroups.
import type { GpuContext } from '../backend/gpu-context';
import reduceTree from './reduce_tree.wgsl?raw';
import reduceSubgroups from './reduce_subgroups.wgsl?raw';

const cache = new Map<string, Map<string, string>>();

/** `code` with each `// #include NAME` line replaced by snippets[NAME]; an unknown NAME throws. */
export function resolveIncludes(code: string, snippets: Record<string, string>): string {
  const key = Object.keys(snippets).sort().map((k) => `${k}\u0000${snippets[k]}`).join('\u0001');
  let byCode = cache.get(key);
  if (!byCode) cache.set(key, (byCode = new Map()));
  const hit = byCode.get(code);
  if (hit !== undefined) return hit;
  const enables = new Set<string>();
  const body = code.replace(/^[ \t]*\/\/ #include (\S+)[ \t]*$/gm, (_, name: string) => {
    const s = snippets[name];
    if (s === undefined) throw new Error(`WGSL include '${name}' is not one of: ${Object.keys(snippets).join(', ') || '(none)'}`);
    return s.replace(/^[ \t]*enable [^;]+;[ \t]*$/gm, (e) => { enables.add(e.trim()); return ''; });
  });
  const out = enables.size ? `${[...enables].join('\n')}\n${body}` : body;
  byCode.set(code, out);
  return out;
}

export type ReductionVariant = 'auto' | 'tree' | 'subgroups';

/** whether `variant` means subgroup reductions on this device ('subgroups' without the feature throws) */
export function useSubgroupReductions(ctx: GpuContext, variant: ReductionVariant): boolean {
  if (variant === 'subgroups' && !ctx.features.subgroups) throw new Error('this device has no subgroups feature');
  return variant === 'subgroups' || (variant === 'auto' && ctx.features.subgroups);
}

/** a row kernel with its `// #include reduce` resolved for the device (or for the forced variant) */
export function withReduce(ctx: GpuContext, code: string, variant: ReductionVariant = 'auto'): string {
  return resolveIncludes(code, { reduce: useSubgroupReductions(ctx, variant) ? reduceSubgroups : reduceTree });
}

// The WGSL include resolver (wgsl-include.ts): snippets replace `// #include NAME` lines, their
// `enable` directives move to the top, unknown names are refused by name, results are stable strings.
import { expect, it } from 'vitest';
import { resolveIncludes } from './wgsl-include';

it('replaces include lines and hoists enable directives', () => {
  const code = '// kernel\noverride WG: u32 = 64u;\n  // #include reduce\n@compute @workgroup_size(WG) fn main() {}\n';
  const out = resolveIncludes(code, { reduce: 'enable subgroups;\nfn r() {}\n' });
  expect(out.startsWith('enable subgroups;\n// kernel\n')).toBe(true);
  expect(out).toContain('fn r() {}');
  expect(out).not.toContain('#include');
  expect(out.match(/enable subgroups;/g)).toHaveLength(1);
  expect(resolveIncludes(code, { reduce: 'fn t() {}' })).toBe('// kernel\noverride WG: u32 = 64u;\nfn t() {}\n@compute @workgroup_size(WG) fn main() {}\n');
});

it('refuses an unknown include by name and leaves other comments alone', () => {
  expect(() => resolveIncludes('// #include nope\n', { reduce: '' })).toThrow(/'nope'/);
  expect(resolveIncludes('// see #include reduce in the text\n', { reduce: 'X' })).toBe('// see #include reduce in the text\n');
});

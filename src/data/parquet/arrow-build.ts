// Builds Arrow vectors from JS values without apache-arrow's `vectorFromArray`, whose null check is
// compiled with `new Function` — refused under the studio's Content-Security-Policy (no
// 'unsafe-eval'). Here every builder (nested ones too) gets a plain null/undefined check instead.
import { makeBuilder, type Builder, type DataType, type Vector } from 'apache-arrow';

const notNull = (x: unknown) => x !== null && x !== undefined;

function plainValidity(b: Builder): void {
  (b as unknown as { _isValid: (x: unknown) => boolean })._isValid = notNull;
  for (const c of b.children) plainValidity(c);
}

export function buildVector<T extends DataType>(type: T, values: readonly unknown[]): Vector<T> {
  const b = makeBuilder({ type, nullValues: [] });
  plainValidity(b);
  for (const v of values) b.append(v as never);
  return b.finish().toVector();
}

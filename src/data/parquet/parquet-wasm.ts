// Loads parquet-wasm once, in the browser and in Node alike. Under Node the package's `node`
// export condition gives its CommonJS build, which instantiates its wasm on import (so `default` is
// the exports object); in the browser Vite gives the ESM build, initialized here from the wasm file
// that Vite bundles and serves from our own origin (a `?url` import).
import * as parquetWasm from 'parquet-wasm';
import wasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';

export type ParquetWasm = typeof parquetWasm;

let ready: Promise<ParquetWasm> | null = null;

export function loadParquetWasm(): Promise<ParquetWasm> {
  ready ??= (async () => {
    const mod = parquetWasm as ParquetWasm & { default?: unknown };
    if (typeof mod.default === 'function') {
      await (mod.default as (input: { module_or_path: string }) => Promise<unknown>)({ module_or_path: wasmUrl });
      return mod;
    }
    // Node: the CommonJS build is already instantiated; its named exports may sit on `default`.
    const named = (typeof mod.readParquet === 'function' ? mod : (mod.default as ParquetWasm)) as ParquetWasm;
    return named;
  })();
  return ready;
}

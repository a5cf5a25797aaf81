// The download-origin field: origins only (no paths), duplicates folded, bad entries named; the
// Hugging Face prefill only for huggingface.co / hf.co.
import { describe, expect, it } from 'vitest';
import { defaultDownloadOrigins, HF_DOWNLOAD_ORIGINS, parseDownloadOrigins } from './download-origins';

describe('download origins', () => {
  it('parses origins separated by spaces or commas, folding duplicates and a trailing slash', () => {
    expect(parseDownloadOrigins(' https://cdn-lfs.hf.co, http://127.0.0.1:9001/  https://cdn-lfs.hf.co ')).toEqual({ origins: ['https://cdn-lfs.hf.co', 'http://127.0.0.1:9001'] });
    expect(parseDownloadOrigins('')).toEqual({ origins: [] });
  });
  it('names the entry that is not an origin', () => {
    expect(parseDownloadOrigins('https://ok.example cdn-lfs.hf.co')).toEqual({ error: 'download origins: "cdn-lfs.hf.co" is not a URL (expected e.g. https://cdn-lfs.hf.co)' });
    expect(parseDownloadOrigins('https://cdn.example/path')).toEqual({ error: 'download origins: "https://cdn.example/path" must be an origin only (scheme, host and port, no path)' });
    expect(parseDownloadOrigins('ftp://cdn.example')).toEqual({ error: 'download origins: "ftp://cdn.example" must be http(s)' });
  });
  it('prefills Hugging Face CDN origins for the Hugging Face hub only', () => {
    expect(defaultDownloadOrigins('https://huggingface.co')).toBe(HF_DOWNLOAD_ORIGINS.join(' '));
    expect(defaultDownloadOrigins('https://hf-mirror.com')).toBe('');
    expect(parseDownloadOrigins(HF_DOWNLOAD_ORIGINS.join(' '))).toEqual({ origins: HF_DOWNLOAD_ORIGINS });
  });
});

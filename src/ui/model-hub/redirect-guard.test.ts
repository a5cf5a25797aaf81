// The message for a download redirect the connection policy blocked: the target named when the
// browser gives it; for huggingface.co the CDN origins not yet allowed; otherwise how to find it.
import { describe, expect, it } from 'vitest';
import { HF_DOWNLOAD_ORIGINS } from './download-origins';
import { blockedRedirectMessage } from './redirect-guard';

describe('blockedRedirectMessage', () => {
  it('names the target when the browser reported it', () => {
    expect(blockedRedirectMessage('http://127.0.0.1:9000/a/b/resolve/main/model.safetensors', 'http://127.0.0.1:9001', () => false))
      .toBe('the hub redirected the download to http://127.0.0.1:9001, an origin this page may not connect to. Add http://127.0.0.1:9001 to "download origins" next to the hub base and press "Allow connections to it" (the page reloads once), then open the model again');
  });
  it('for huggingface.co names the CDN origins not allowed yet', () => {
    const allowed = new Set(HF_DOWNLOAD_ORIGINS.slice(1));
    const m = blockedRedirectMessage('https://huggingface.co/Qwen/X/resolve/main/model.safetensors', null, (o) => allowed.has(o));
    expect(m).toContain('https://huggingface.co redirected the download to another origin');
    expect(m).toContain(`https://huggingface.co downloads from its CDN: add ${HF_DOWNLOAD_ORIGINS[0]} to "download origins"`);
  });
  it('for another hub says where to find the origin', () => {
    expect(blockedRedirectMessage('https://mirror.example/a/b/resolve/main/x', null, () => false))
      .toMatch(/^https:\/\/mirror\.example redirected the download to another origin, .*Add the hub's download \(CDN\) origin .* to "download origins"/);
  });
});

// Web Worker behind the `rewards` test hook (rewards.ts): runs language ID (lid.176 via
// the Vite-bundled fasttext wasm and model), chrF, and optionally the embedding backend
// (onnxruntime-web with its Vite-bundled wasm) on a model given as bytes, where the studio's
// training worker runs them.
import { createLanguageDetector, type LanguageDetection } from '../../lrpo/rewards/lid';
import { chrF } from '../../lrpo/rewards/chrf';
import { createEmbeddingSimilarity } from '../../lrpo/rewards/embedding';

export interface RewardsCheckRequest {
  id: number;
  texts: string[];
  pairs: [string, string][];
  /** embedding backend check: model bytes, tokenizer.json and pairs to compare */
  embedding?: { model: number[]; tokenizer: unknown; pairs: [string, string][]; provider: 'webgpu' | 'wasm' };
}

export interface RewardsCheckResponse {
  id: number;
  detections?: LanguageDetection[];
  chrf?: number[];
  cosine?: number[];
  error?: string;
}

self.onmessage = async (ev: MessageEvent<RewardsCheckRequest>) => {
  const { id, texts, pairs, embedding } = ev.data;
  try {
    const lid = await createLanguageDetector();
    const reply: RewardsCheckResponse = { id, detections: texts.map((t) => lid.detect(t)), chrf: pairs.map(([h, r]) => chrF(h, r)) };
    if (embedding) {
      const emb = await createEmbeddingSimilarity({ modelUrlOrBytes: Uint8Array.from(embedding.model), tokenizerJson: embedding.tokenizer, provider: embedding.provider });
      reply.cosine = [];
      for (const [a, b] of embedding.pairs) reply.cosine.push(await emb.similarity(a, b));
      await emb.dispose();
    }
    self.postMessage(reply);
  } catch (e) {
    self.postMessage({ id, error: e instanceof Error ? e.message : String(e) } satisfies RewardsCheckResponse);
  }
};

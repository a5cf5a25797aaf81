// The embedding model the reward uses and the one being opened. The worker checks a model before
// it is used, so "in use" changes only when the worker confirms (a 'similarity' message); a refused
// model leaves it as it was, with the file and reason kept for display. Files chosen one at a time
// are held here (as File objects: the bytes are read only when both are there).

import { create } from 'zustand';
import type { Problem } from '../../data/example';
import type { EmbeddingBlame, SimilarityInUse } from '../worker/embedding-upload';
import { NO_FILES, keptAfterRefusal, type EmbeddingPair } from '../worker/embedding-pick';

export interface EmbeddingState {
  /** the similarity the reward uses now, as the worker reports it */
  inUse: SimilarityInUse | null;
  /** files chosen so far, waiting for the other one */
  held: EmbeddingPair<File>;
  /** the pair the worker is checking right now */
  checking: EmbeddingPair<File> | null;
  /** the last refusal (by the page or the worker): the similarity in use did not change */
  refused: Problem | null;
  hold(pair: EmbeddingPair<File>): void;
  /** a pick that could not be paired (the files held stay) */
  pickRefused(problem: Problem): void;
  beginChecking(pair: EmbeddingPair<File>): void;
  similarityInUse(inUse: SimilarityInUse): void;
  /** the worker (or reading the files) refused the pair being checked: the file not to blame stays held */
  pairRefused(problem: Problem, blame: EmbeddingBlame): void;
  dismiss(): void;
}

export const useEmbeddingStore = create<EmbeddingState>((set) => ({
  inUse: null,
  held: NO_FILES,
  checking: null,
  refused: null,
  hold(held) {
    set({ held, refused: null });
  },
  pickRefused(refused) {
    set({ refused });
  },
  beginChecking(checking) {
    set({ checking, held: NO_FILES, refused: null });
  },
  similarityInUse(inUse) {
    set({ inUse, checking: null });
  },
  pairRefused(refused, blame) {
    set((s) => ({ refused, checking: null, held: s.checking ? keptAfterRefusal(s.checking, blame) : s.held }));
  },
  dismiss() {
    set({ refused: null });
  },
}));

// Says, before training, when the `match` similarity cannot score routed rollouts fairly: the rows
// of the loaded dataset without a reference answer in some router language, and which languages
// (src/lrpo/rewards/match-coverage.ts). Shown in the Data and Train views. Text only.
import { useMemo } from 'react';
import { matchCoverage, matchCoverageMessage } from '../../lrpo/rewards/match-coverage';
import { useDataStore } from '../store/data-store';
import { useEmbeddingStore } from '../store/embedding-store';
import { useSettingsStore } from '../store/settings-store';

export function MatchCoverageNote() {
  const examples = useDataStore((s) => s.examples);
  const config = useSettingsStore((s) => s.config);
  const inUse = useEmbeddingStore((s) => s.inUse);
  const message = useMemo(() => {
    // an embedding model opened from files replaces the configured similarity
    if (inUse?.backend === 'embedding') return null;
    return matchCoverageMessage(matchCoverage(examples, config));
  }, [examples, config, inUse]);
  if (!message) return null;
  return <p className="warn-box match-coverage" role="status" data-testid="match-coverage">{message}</p>;
}

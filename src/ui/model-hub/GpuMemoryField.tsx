// The memory plan's budget field: how much GPU memory the run may use (GiB, empty = only the
// adapter's buffer limits are checked). A text that is not a size is named and the budget stays.

import { useState } from 'react';
import { useGpuMemoryBudget } from './gpu-memory-budget';

export function GpuMemoryField() {
  const budget = useGpuMemoryBudget();
  const [text, setText] = useState(budget.text);
  const [error, setError] = useState<string | null>(null);
  const apply = () => setError(budget.set(text));
  return (
    <div className="row">
      <label title="a web page cannot ask the GPU how much memory it has: say how much this run may use (leave room for the browser and other pages)">
        GPU memory for the run (GiB){' '}
        <input aria-label="GPU memory for the run (GiB)" placeholder="not checked" size={8} value={text}
          onChange={(e) => setText(e.target.value)} onBlur={apply} onKeyDown={(e) => e.key === 'Enter' && apply()} />
      </label>
      {error && <span className="error" role="alert">{error}</span>}
    </div>
  );
}

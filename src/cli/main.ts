// Entry of the `lrpo-studio` command. Each top-level word is a module in ./commands that exports
// `run(args): Promise<number>` (the exit code); they load lazily so `data check` never pays for WebGPU.
const COMMANDS: Record<string, { summary: string; load: () => Promise<{ run(args: string[]): Promise<number> }> }> = {
  data: { summary: 'data check FILE — summarize a dataset and list unusable rows; data blend DIR --out FILE — BLEnD to parquet', load: () => import('./commands/data') },
  engine: { summary: 'engine init|forward|generate|merge — random checkpoints (GPT-2, Llama, Qwen2, Qwen3), logits/loss/gradients, text generation, LoRA merge', load: () => import('./commands/engine') },
  router: { summary: 'router replay — what-if replay of logged rewards through a router', load: () => import('./commands/router') },
  rewards: { summary: 'rewards fit — measure per-language-pair similarity statistics', load: () => import('./commands/rewards') },
  train: { summary: 'train --config RUN.json --out DIR — headless SFT and/or LRPO', load: () => import('./commands/train') },
  judge: { summary: 'judge --input FILE --base-url URL --model NAME --out FILE — CARE (Pro) judging', load: () => import('./commands/judge') },
};

export function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`);
  return ['usage: lrpo-studio COMMAND [args]', '', ...lines].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    console.error(`lrpo-studio: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  let mod: { run(args: string[]): Promise<number> };
  try {
    mod = await cmd.load();
  } catch (e) {
    console.error(`lrpo-studio: command '${name}' is not available: ${(e as Error).message}`);
    return 2;
  }
  return mod.run(rest);
}

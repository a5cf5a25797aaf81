// The presets live beside the run config (src/lrpo/presets.ts) so the CLI's --preset uses the same table.
export { PRESETS, presetById, type Preset } from '../../lrpo/presets';

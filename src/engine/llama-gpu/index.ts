// The WebGPU Llama-family model (loaded lazily by llama/create-family-model.ts).
export { WebGpuLlamaModel } from './webgpu-llama-model';
export type { GpuLlamaOptions } from './webgpu-llama-model';

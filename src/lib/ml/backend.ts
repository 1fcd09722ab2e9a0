import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths, getThreadsCount, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { speedUpWasmTransposedMatMul } from './wasm-matmul';
import type { AdapterSummary, BackendChoice, BackendEnvironment, BackendName, BackendReport } from './backend-choice';

// Chooses and starts the tfjs backend, and says why. WebGPU when an adapter exists, with the
// device created here rather than by tfjs so that (a) it asks for the adapter's own buffer
// limits, (b) we hold the device and hear when it is lost. Otherwise WASM, from files the app
// serves itself (multi-threaded when the page is cross-origin isolated), and CPU last.

let gpuDevice: GPUDevice | null = null;

function summarise(adapter: GPUAdapter): AdapterSummary {
  const info = adapter.info;
  return {
    vendor: info.vendor || 'unknown vendor',
    architecture: info.architecture || 'unknown architecture',
    device: info.device,
    description: info.description,
    isFallbackAdapter: (info as GPUAdapterInfo & { isFallbackAdapter?: boolean }).isFallbackAdapter ?? false,
    maxBufferSize: adapter.limits.maxBufferSize,
    maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
  };
}

/** A tiny matmul with a known answer: a backend that starts but computes garbage is refused. */
async function computesCorrectly(): Promise<boolean> {
  const product = tf.tidy(() => tf.matMul(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.tensor2d([5, 6, 7, 8], [2, 2])));
  const values = await product.data();
  product.dispose();
  return [19, 22, 43, 50].every((v, i) => Math.abs((values[i] ?? NaN) - v) < 1e-3);
}

/** Returns null on success, or the reason WebGPU could not be used. */
async function startWebGpu(env: BackendEnvironment): Promise<{ adapter: AdapterSummary } | { failure: string }> {
  if (!env.gpu) return { failure: 'this browser has no WebGPU (navigator.gpu is missing)' };
  const adapter = await env.gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) return { failure: 'the browser offers no WebGPU adapter (GPU disabled or blocklisted)' };
  const limits = adapter.limits;
  const device = await adapter.requestDevice({
    requiredFeatures: adapter.features.has('timestamp-query') ? ['timestamp-query'] : [],
    // The defaults cap buffers at 256 MiB / 128 MiB; models and batches need what the GPU has.
    requiredLimits: {
      maxBufferSize: limits.maxBufferSize,
      maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
      maxComputeWorkgroupStorageSize: limits.maxComputeWorkgroupStorageSize,
      maxComputeWorkgroupsPerDimension: limits.maxComputeWorkgroupsPerDimension,
      maxComputeWorkgroupSizeX: limits.maxComputeWorkgroupSizeX,
      maxComputeInvocationsPerWorkgroup: limits.maxComputeInvocationsPerWorkgroup,
    },
  });
  void device.lost.then((info) => {
    if (gpuDevice === device) gpuDevice = null;
    env.onDeviceLost?.(info.message || `GPU device lost (${info.reason})`);
  });
  if (tf.findBackendFactory('webgpu')) tf.removeBackend('webgpu');
  tf.registerBackend('webgpu', () => new WebGPUBackend(device, adapter.info));
  if (!(await tf.setBackend('webgpu'))) return { failure: 'the tfjs WebGPU backend failed to start' };
  if (!(await computesCorrectly())) return { failure: 'the WebGPU backend returned wrong results on a self-test' };
  gpuDevice = device;
  return { adapter: summarise(adapter) };
}

async function startWasm(env: BackendEnvironment): Promise<BackendReport['wasm']> {
  if (env.wasmPaths) setWasmPaths(env.wasmPaths);
  // Threads need SharedArrayBuffer, i.e. a cross-origin isolated page; use every core then.
  const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1;
  if (env.crossOriginIsolated) setThreadsCount(cores);
  if (!(await tf.setBackend('wasm'))) return null;
  speedUpWasmTransposedMatMul();
  return {
    threads: getThreadsCount(),
    simd: Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')),
    crossOriginIsolated: env.crossOriginIsolated ?? false,
  };
}

export async function initBackend(choice: BackendChoice, env: BackendEnvironment): Promise<BackendReport> {
  const report = (name: BackendName, reason: string, adapter: AdapterSummary | null = null, wasm: BackendReport['wasm'] = null): BackendReport => ({
    name,
    requested: choice,
    reason,
    adapter,
    wasm,
  });
  let why = '';
  if (choice === 'auto' || choice === 'webgpu') {
    const started = await startWebGpu(env).catch((error: unknown) => ({ failure: `WebGPU failed to start: ${String(error)}` }));
    if ('adapter' in started) return report('webgpu', choice === 'auto' ? 'a WebGPU adapter is available' : 'WebGPU was chosen explicitly (settings or ?backend=)', started.adapter);
    why = started.failure;
  }
  if (choice !== 'cpu') {
    const wasm = await startWasm(env).catch(() => null);
    if (wasm) return report('wasm', choice === 'wasm' ? 'WASM was chosen explicitly (settings or ?backend=)' : `WASM fallback: ${why}`, null, wasm);
    why = `${why ? `${why}; ` : ''}the WASM backend failed to load`;
  }
  await tf.setBackend('cpu');
  return report('cpu', choice === 'cpu' ? 'CPU was chosen explicitly (settings or ?backend=)' : `CPU fallback: ${why}`);
}

/** Test hook and recovery drill: destroys the GPU device, which fires the device-lost path. */
export function destroyGpuDevice(): boolean {
  if (!gpuDevice) return false;
  gpuDevice.destroy();
  return true;
}

export { tf };

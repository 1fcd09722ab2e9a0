// The backend choice and report: plain data, shared by the page (which must not load tfjs)
// and the ML worker (which starts the backend, in backend.ts).

export const backendChoices = ['auto', 'webgpu', 'wasm', 'cpu'] as const;
export type BackendChoice = (typeof backendChoices)[number];
export type BackendName = Exclude<BackendChoice, 'auto'>;

/** Where the user's backend choice (Models page) is kept in `settings`. */
export const backendSettingKey = 'compute-backend';

export function parseBackendChoice(value: unknown): BackendChoice {
  if (typeof value === 'string' && (backendChoices as readonly string[]).includes(value)) return value as BackendChoice;
  throw new Error(`Unknown backend "${String(value)}"`);
}

export interface AdapterSummary {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  isFallbackAdapter: boolean;
  maxBufferSize: number;
  maxStorageBufferBindingSize: number;
}

export interface BackendReport {
  name: BackendName;
  requested: BackendChoice;
  /** Why this backend, in words a user can act on. */
  reason: string;
  adapter: AdapterSummary | null;
  wasm: { threads: number; simd: boolean; crossOriginIsolated: boolean } | null;
}

export interface BackendEnvironment {
  gpu?: GPU | undefined;
  /** URLs of the three tfjs wasm binaries, as served by the app (never a CDN). */
  wasmPaths?: Record<string, string> | undefined;
  crossOriginIsolated?: boolean;
  /** Called when the GPU device is lost after start (driver reset, tab in background, ...). */
  onDeviceLost?: (message: string) => void;
}


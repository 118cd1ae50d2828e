// Builds the console into dist/: one bundle per screen (ES modules), the widget's loader (a classic script another
// site includes), the style sheet, and the pages. Nothing is fetched at run time from anywhere but the service.
import * as esbuild from 'esbuild';
import { cp, mkdir, rm } from 'node:fs/promises';

const out = 'dist';
await rm(out, { recursive: true, force: true });
await mkdir(`${out}/assets`, { recursive: true });
const common = { bundle: true, minify: true, sourcemap: true, target: 'es2022', legalComments: 'linked', logLevel: 'warning' };
await esbuild.build({
  ...common,
  entryPoints: { chat: 'src/chat/main.tsx', agent: 'src/agent/main.tsx', admin: 'src/admin/main.tsx' },
  format: 'esm',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  outdir: `${out}/assets`,
});
await esbuild.build({ ...common, entryPoints: ['src/widget.ts'], format: 'iife', outfile: `${out}/assets/widget.js` });
await esbuild.build({ ...common, entryPoints: ['src/styles.css'], outfile: `${out}/assets/console.css` });
await cp('pages', out, { recursive: true });

// Builds every file that package.json exports into dist/, then the type
// declarations. One command, so `npm run build` is all a user needs.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

const run = (command, args) => execFileSync(command, args, { stdio: 'inherit' });

rmSync('dist', { recursive: true, force: true });

for (const mode of ['client', 'worker', 'sw']) {
  run('npx', ['vite', 'build', '--mode', mode, '--logLevel', 'warn']);
}

const declarations = ['--declaration', '--emitDeclarationOnly', '--noEmit', 'false'];
run('npx', ['tsc', '-p', 'tsconfig.types.json']);
run('npx', ['tsc', '-p', 'sw/tsconfig.json', ...declarations, '--outDir', 'dist/types']);

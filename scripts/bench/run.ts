/**
 * `npm run bench`: runs every scripts/bench/*.bench.ts in turn (each in its own process, so they
 * do not disturb one another), prints their output and writes it all to docs/benchmarks.md.
 * `npm run bench -- lesson home` runs the files whose names start so, and only prints.
 */
import { spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(benchDir, '..', '..');

function runBench(file: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file], {
      cwd: root,
      // The report is the benches' markdown on stdout; the app's JSON logs would land in it.
      env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      process.stdout.write(chunk);
    });
    child.on('exit', (code) => resolve({ code, output }));
  });
}

async function main(): Promise<void> {
  const started = new Date();
  const only = process.argv.slice(2);
  const files = readdirSync(benchDir)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
    .sort();
  const sections: string[] = [];
  let failed = 0;
  for (const file of files) {
    console.log(`\n> ${file}\n`);
    const { code, output } = await runBench(path.join(benchDir, file));
    if (code !== 0) {
      failed += 1;
      sections.push(`## ${file}\n\nFailed (exit code ${code}); see the console output.\n`);
    } else {
      sections.push(output.trim() + '\n');
    }
  }
  const cpu = cpus();
  const doc = `# Benchmarks

Measured ${started.toISOString().replace('T', ' ').slice(0, 16)} UTC with \`npm run bench\` on
${cpu.length} CPU(s) (${cpu[0]?.model.trim() ?? 'unknown'}), ${(totalmem() / 1024 ** 3).toFixed(1)} GB of memory,
Node ${process.version}. Every figure below comes from that one run; rerun the command to measure
your own machine (\`BENCH_DURATION\` sets the seconds per round, \`BENCH_ROUNDS\` the rounds).

${sections.join('\n')}`;
  // A partial run (`npm run bench -- lesson`) prints its figures but keeps the full record.
  if (only.length === 0) {
    writeFileSync(path.join(root, 'docs', 'benchmarks.md'), doc);
    console.log('\nWrote docs/benchmarks.md');
  }
  if (failed) process.exit(1);
}

void main();

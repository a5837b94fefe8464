import { createInterface } from 'node:readline';

/**
 * The password for admin:create: asked twice without echo on a terminal, or the first line of a
 * pipe (for scripts and a Kubernetes `exec -i`). Never from argv, where `ps` and shell history see it.
 */
export async function readPassword(input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): Promise<string> {
  if (!input.isTTY) {
    const [line] = await readLines(input, 1);
    if (!line) throw new Error('no password on standard input (its first line is the password)');
    return line;
  }
  const first = await askHidden(input, output, 'Password: ');
  const again = await askHidden(input, output, 'Password again: ');
  if (first !== again) throw new Error('the two passwords differ');
  return first;
}

function readLines(input: NodeJS.ReadableStream, count: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    const rl = createInterface({ input, terminal: false });
    rl.on('line', (line) => {
      lines.push(line.replace(/\r$/, ''));
      if (lines.length === count) rl.close();
    });
    rl.on('close', () => resolve(lines));
    rl.on('error', reject);
  });
}

function askHidden(input: NodeJS.ReadStream, output: NodeJS.WriteStream, prompt: string): Promise<string> {
  return new Promise((resolve) => {
    output.write(prompt);
    const rl = createInterface({ input, output, terminal: true });
    // Echo nothing of what is typed: readline writes each key through _writeToOutput.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
    rl.question('', (answer) => {
      rl.close();
      output.write('\n');
      resolve(answer);
    });
  });
}

/** Writing a command's output file (`--out`): a failure is the command's failure, with the path named. */
import { writeFile } from 'node:fs/promises';

export async function writeOut(path: string, text: string | Uint8Array): Promise<void> {
  try {
    await writeFile(path, text);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new Error(
      `--out ${path}: cannot write (${e.code ? `${e.code}: ` : ''}${e.message.replace(/^\w+: /, '')})`,
    );
  }
}

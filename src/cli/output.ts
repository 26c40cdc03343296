/** Writing a command's output file (`--out`): a failure is the command's failure, with the path named. */
import type { WriteStream } from 'node:fs';
import { type FileHandle, open, writeFile } from 'node:fs/promises';
import { finished } from 'node:stream/promises';

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

function cannotWrite(path: string, err: unknown): Error {
  const e = err as NodeJS.ErrnoException;
  return new Error(
    `--out ${path}: cannot write (${e.code ? `${e.code}: ` : ''}${e.message.replace(/^\w+: /, '')})`,
  );
}

/** Opens a command's output file for a stream of lines (a failure names the path, as writeOut does). */
export async function openOut(path: string): Promise<{ stream: WriteStream; close: () => Promise<void> }> {
  let fh: FileHandle;
  try {
    fh = await open(path, 'w');
  } catch (err) {
    throw cannotWrite(path, err);
  }
  const stream = fh.createWriteStream();
  let failure: unknown = null;
  stream.on('error', (err) => {
    failure ??= err;
  });
  return {
    stream,
    close: async () => {
      if (!failure) {
        stream.end();
        await finished(stream).catch((err) => {
          failure ??= err;
        });
      }
      if (failure) throw cannotWrite(path, failure);
    },
  };
}

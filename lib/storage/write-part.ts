// Writes one incoming upload stream to a file. Unlike stream.pipeline, a failed
// write (ENOSPC: the disk filled up) does not destroy the source: busboy stalls
// forever on a destroyed file stream, hanging the request. The rest of the part is
// read and discarded instead, so the request can be answered with a clean error.
import fs from "node:fs";
import type { Readable } from "node:stream";
import { finished } from "node:stream/promises";

export async function writePart(source: Readable, file: string): Promise<void> {
  const out = fs.createWriteStream(file, { flags: "wx" });
  let failure: unknown;
  const closed = new Promise<void>((resolve) => {
    out.on("error", (error) => {
      failure ??= error;
      source.unpipe(out);
      source.resume();
      out.destroy();
    });
    out.on("close", resolve);
  });
  source.pipe(out);
  try {
    await finished(source);
  } catch (error) {
    failure ??= error;
    out.destroy();
  }
  await closed;
  if (failure) throw failure;
}

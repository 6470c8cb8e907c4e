// A zip built while it downloads: entries are produced one at a time when the client
// is ready for more, so a large selection never sits in memory whole.
import { Zip, ZipDeflate } from "fflate";

export type ZipEntry = { name: string; data: string | Uint8Array; mtime?: Date | null };

const encoder = new TextEncoder();

/** DOS timestamps in zips cover 1980-2099; anything else would make fflate throw. */
function zipTime(date: Date | null | undefined): Date {
  const year = date?.getFullYear();
  return date && year && year >= 1980 && year < 2100 ? date : new Date();
}

export function zipStream(entries: AsyncIterable<ZipEntry>): ReadableStream<Uint8Array> {
  const iterator = entries[Symbol.asyncIterator]();
  let zip: Zip;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      zip = new Zip((error, chunk, final) => {
        if (error) return controller.error(error);
        controller.enqueue(chunk);
        if (final) controller.close();
      });
    },
    async pull() {
      const next = await iterator.next();
      if (next.done) return zip.end();
      const file = new ZipDeflate(next.value.name, { level: 6 });
      file.mtime = zipTime(next.value.mtime);
      zip.add(file);
      const data = next.value.data;
      file.push(typeof data === "string" ? encoder.encode(data) : data, true);
    },
    async cancel() {
      zip.terminate();
      await iterator.return?.();
    },
  });
}

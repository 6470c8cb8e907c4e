// A file's first bytes tell "a real media container that is broken" apart from
// "not media at all", which ffprobe reports with the same "Invalid data" line.
import { open } from "node:fs/promises";

const ascii = (text: string) => Buffer.from(text, "latin1");

// [offset, bytes] pairs of well-known audio/video containers.
const MAGIC: Array<[number, Buffer]> = [
  [4, ascii("ftyp")], // MP4, MOV, M4A, 3GP
  [0, ascii("RIFF")], // WAV, AVI
  [0, ascii("ID3")], // MP3 with a tag
  [0, ascii("OggS")], // Ogg Vorbis/Opus
  [0, ascii("fLaC")],
  [0, Buffer.from([0x1a, 0x45, 0xdf, 0xa3])], // Matroska, WebM
  [0, ascii("FORM")], // AIFF
  [0, ascii("#!AMR")],
  [0, ascii("caff")],
  [0, ascii("wvpk")],
  [0, Buffer.from([0x30, 0x26, 0xb2, 0x75])], // ASF, WMA, WMV
];

export async function looksLikeMedia(file: string): Promise<boolean> {
  const head = Buffer.alloc(16);
  let length = 0;
  try {
    const handle = await open(file, "r");
    try {
      ({ bytesRead: length } = await handle.read(head, 0, head.length, 0));
    } finally {
      await handle.close();
    }
  } catch {
    return false;
  }
  const bytes = head.subarray(0, length);
  if (MAGIC.some(([offset, magic]) => bytes.subarray(offset, offset + magic.length).equals(magic))) return true;
  // An MPEG audio (MP3) or ADTS AAC frame sync: eleven set bits.
  return length >= 2 && bytes[0] === 0xff && (bytes[1] & 0xe0) === 0xe0;
}

/** ffmpeg reads a bare path as a URL if it looks like one ("concat:", "http:"); pin it. */
export function asFileUrl(absolutePath: string): string {
  return `file:${absolutePath}`;
}

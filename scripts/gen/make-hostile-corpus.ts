// Writes the hostile-upload corpus to tests/fixtures/hostile/: files that are empty,
// cut short, lie about what they are or how long they last, hide one format inside
// another, or try to make ffmpeg read other files. Deterministic (seeded bytes, no
// timestamps), so re-running it changes nothing; every file stays small by
// construction (the zip bomb only declares its huge size, or packs zeros at ~1000:1).
//
//   tsx scripts/gen/make-hostile-corpus.ts [--out DIR]
//
// manifest.json lists each file, the name it is uploaded under and what must happen:
// "rejected" at upload with one of `codes`, or "accepted" with its real length.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { deflateSync, gzipSync, zipSync } from "fflate";

export type Expectation =
  // `message`: a part of the reason the person must see.
  | { outcome: "rejected"; codes: string[]; message?: string }
  // Valid audio under a lying header: accepted with its true (short) length, and its
  // job must end (done, or failed with a reason) instead of planning for 100 hours.
  | { outcome: "accepted"; maxDurationSec: number };
export type CorpusEntry = { file: string; uploadAs: string; category: string; description: string; expect: Expectation };

const NOT_MEDIA: Expectation = { outcome: "rejected", codes: ["media_not_media"] };
const CORRUPT: Expectation = { outcome: "rejected", codes: ["media_corrupt", "media_not_media"] };
const TRUE_LENGTH: Expectation = { outcome: "accepted", maxDurationSec: 5 };
/** Refused by the demuxer allow-list, with ffmpeg's name for the format in the reason. */
const REFUSED_FORMAT = (name: string): Expectation => ({ outcome: "rejected", codes: ["media_not_media"], message: `format (${name}) is not supported` });
const BAD_MEDIA: Expectation = { outcome: "rejected", codes: ["media_corrupt", "media_not_media", "media_no_audio", "unsupported_media"] };

const ascii = (text: string) => Buffer.from(text, "latin1");
const u16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
};
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
};
const u32be = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
};

/** mulberry32: the same seed gives the same bytes on every machine. */
function seededBytes(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let a = seed >>> 0;
  for (let i = 0; i < length; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return out;
}

type WavSpec = { rate?: number; channels?: number; bits?: number; declaredData?: number; data?: Buffer; riffSize?: number };

/** A PCM WAV whose header says whatever the spec says, true or not. */
function wav(spec: WavSpec = {}): Buffer {
  const rate = spec.rate ?? 16_000;
  const channels = spec.channels ?? 1;
  const bits = spec.bits ?? 16;
  const data = spec.data ?? Buffer.alloc(3200);
  const blockAlign = (channels * bits) / 8;
  const fmt = Buffer.concat([ascii("fmt "), u32(16), u16(1), u16(channels), u32(rate), u32(rate * blockAlign), u16(blockAlign & 0xffff), u16(bits)]);
  const chunk = Buffer.concat([ascii("data"), u32(spec.declaredData ?? data.length), data]);
  return Buffer.concat([ascii("RIFF"), u32(spec.riffSize ?? 4 + fmt.length + chunk.length), ascii("WAVE"), fmt, chunk]);
}

/** An MPEG-1 Layer III frame (128 kb/s, 44.1 kHz) with a silent body; `xingFrames` adds a Xing header. */
function mp3Frame(xingFrames?: number): Buffer {
  const frame = Buffer.alloc(417);
  Buffer.from([0xff, 0xfb, 0x90, 0x64]).copy(frame, 0);
  if (xingFrames !== undefined) Buffer.concat([ascii("Xing"), u32be(1), u32be(xingFrames)]).copy(frame, 36);
  return frame;
}

function box(type: string, body: Buffer): Buffer {
  return Buffer.concat([u32be(8 + body.length), ascii(type), body]);
}

const ftyp = box("ftyp", Buffer.concat([ascii("isom"), u32be(512), ascii("isomiso2mp41")]));
const id3 = Buffer.concat([ascii("ID3"), Buffer.from([4, 0, 0, 0, 0, 0, 0])]);
const pdf = ascii("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), box("IHDR", Buffer.alloc(13, 1)), seededBytes(200, 7)]);
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), ascii("JFIF\0"), seededBytes(300, 8), Buffer.from([0xff, 0xd9])]);
const gif = Buffer.concat([
  ascii("GIF89a"),
  u16(1),
  u16(1),
  Buffer.from([0x80, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff]),
  ascii(",\0\0\0\0\x01\0\x01\0\0\x02\x02D\x01\0;"),
]);
const zip = Buffer.from(zipSync({ "readme.txt": ascii("hello from inside a zip\n") }, { mtime: new Date(Date.UTC(2020, 0, 1)) }));
const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(8), u16(2), u16(0x3e), u32(1), seededBytes(200, 9)]);
const pe = Buffer.concat([ascii("MZ"), Buffer.alloc(58), u32(64), ascii("PE\0\0"), u16(0x8664), seededBytes(200, 10)]);

/** A zip whose only entry claims `declared` bytes of zeros, compressed from `actual` real zeros. */
function zipOfZeros(name: string, actual: number, declared = actual): Buffer {
  const compressed = Buffer.from(deflateSync(new Uint8Array(actual), { level: 9 }));
  const nameBytes = ascii(name);
  const crc = actual === declared ? crc32Zeros(actual) : 0;
  const common = Buffer.concat([u16(20), u16(0), u16(8), u16(0), u16(0x21), u32(crc), u32(compressed.length), u32(declared)]);
  const local = Buffer.concat([u32(0x04034b50), common, u16(nameBytes.length), u16(0), nameBytes, compressed]);
  const central = Buffer.concat([u32(0x02014b50), u16(20), common, u16(nameBytes.length), u16(0), u16(0), u16(0), u16(0), u32(0), u32(0), nameBytes]);
  const end = Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(1), u16(1), u32(central.length), u32(local.length), u16(0)]);
  return Buffer.concat([local, central, end]);
}

function crc32Zeros(length: number): number {
  let crc = 0xffffffff;
  for (let i = 0; i < length; i++) {
    crc ^= 0;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** A few seconds of test-pattern video and no audio track, bit-exact across runs. */
function silentVideo(dest: string): void {
  const flags = ["-fflags", "+bitexact", "-flags:v", "+bitexact", "-threads", "1"];
  execFileSync("ffmpeg", [
    "-nostdin",
    "-v",
    "error",
    "-y",
    "-f",
    "lavfi",
    "-i",
    "testsrc=size=64x48:rate=5:duration=2",
    ...flags,
    "-c:v",
    "mpeg4",
    "-an",
    "-f",
    "mp4",
    dest,
  ]);
}

/** An MPEG-DASH manifest of one audio representation; no XML prolog, as in the report. */
function dashManifest(baseUrl: string): Buffer {
  return ascii(
    '<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" mediaPresentationDuration="PT2S" minBufferTime="PT1S" ' +
      'profiles="urn:mpeg:dash:profile:isoff-on-demand:2011"><Period><AdaptationSet mimeType="audio/mp4">' +
      `<Representation id="a" bandwidth="64000"><BaseURL>${baseUrl}</BaseURL></Representation></AdaptationSet></Period></MPD>\n`,
  );
}

const uuid = (n: number) => `urn:uuid:00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const imfPlaylist = ascii(
  `<CompositionPlaylist xmlns="http://www.smpte-ra.org/schemas/2067-3/2016"><Id>${uuid(1)}</Id><ContentTitle>x</ContentTitle>` +
    `<EditRate>24 1</EditRate><SegmentList><Segment><Id>${uuid(2)}</Id><SequenceList>` +
    `<MainAudioSequence xmlns="http://www.smpte-ra.org/schemas/2067-2/2016"><Id>${uuid(3)}</Id><TrackId>${uuid(4)}</TrackId>` +
    `<ResourceList><Resource><EditRate>24 1</EditRate><IntrinsicDuration>48</IntrinsicDuration><TrackFileId>${uuid(5)}</TrackFileId>` +
    "</Resource></ResourceList></MainAudioSequence></SequenceList></Segment></SegmentList></CompositionPlaylist>\n",
);

type Maker = Omit<CorpusEntry, "file"> & { name: string; bytes: Buffer | ((dest: string) => void) };

function corpus(): Maker[] {
  const m = (category: string, name: string, uploadAs: string, description: string, expect: Expectation, bytes: Maker["bytes"]): Maker => ({
    category,
    name,
    uploadAs,
    description,
    expect,
    bytes,
  });
  const goodWav = wav();
  return [
    m("empty", "empty.bin", "empty.wav", "zero bytes", { outcome: "rejected", codes: ["media_empty"] }, Buffer.alloc(0)),
    m("empty", "one-byte.bin", "one-byte.mp3", "a single byte", NOT_MEDIA, Buffer.from([0xff])),

    m("truncated", "trunc-wav-riff.bin", "cut.wav", "RIFF/WAVE and nothing else", CORRUPT, goodWav.subarray(0, 12)),
    m("truncated", "trunc-wav-fmt.bin", "cut-fmt.wav", "WAV cut inside the fmt chunk", CORRUPT, goodWav.subarray(0, 24)),
    m("truncated", "trunc-mp3-id3.bin", "cut.mp3", "an ID3 tag header and no audio", CORRUPT, id3),
    m("truncated", "trunc-mp3-frame.bin", "cut-frame.mp3", "one MP3 frame header, 6 bytes", CORRUPT, mp3Frame().subarray(0, 6)),
    m("truncated", "trunc-mp4-ftyp.bin", "cut.mp4", "an ftyp box and nothing else (no moov)", CORRUPT, ftyp),
    m(
      "truncated",
      "trunc-m4a-moov.bin",
      "cut.m4a",
      "ftyp then a moov box cut after its header",
      CORRUPT,
      Buffer.concat([ftyp, u32be(5000), ascii("moov"), u32be(108), ascii("mvhd")]),
    ),
    m(
      "truncated",
      "trunc-flac.bin",
      "cut.flac",
      "fLaC and half a STREAMINFO block",
      CORRUPT,
      Buffer.concat([ascii("fLaC"), Buffer.from([0x80, 0, 0, 34]), Buffer.alloc(8, 0x10)]),
    ),
    m("truncated", "trunc-ogg.bin", "cut.ogg", "an Ogg page header cut short", CORRUPT, Buffer.concat([ascii("OggS"), Buffer.from([0, 2]), Buffer.alloc(8)])),
    m("truncated", "trunc-webm.bin", "cut.webm", "an EBML header cut short", CORRUPT, Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81])),
    m(
      "truncated",
      "trunc-mkv-segment.bin",
      "cut.mkv",
      "EBML header then a Segment of unknown size with no tracks",
      CORRUPT,
      Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x84, 0x42, 0x82, 0x81, 0x6d, 0x18, 0x53, 0x80, 0x67, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
    ),

    m("wrong-magic", "text.txt", "notes.mp3", "plain text", NOT_MEDIA, ascii("Meeting notes, not audio.\n".repeat(40))),
    m("wrong-magic", "doc.pdf", "report.wav", "a PDF", NOT_MEDIA, pdf),
    m("wrong-magic", "image.png", "photo.mp3", "a PNG", NOT_MEDIA, png),
    m("wrong-magic", "image.jpg", "photo.wav", "a JPEG", NOT_MEDIA, jpeg),
    m("wrong-magic", "image.gif", "anim.m4a", "a GIF", NOT_MEDIA, gif),
    m("wrong-magic", "archive.zip", "archive.mp3", "a ZIP", NOT_MEDIA, zip),
    m("wrong-magic", "program.elf", "program.wav", "an ELF executable", NOT_MEDIA, elf),
    m("wrong-magic", "program.exe", "setup.mp3", "a Windows PE executable", NOT_MEDIA, pe),
    m(
      "wrong-magic",
      "page.html",
      "page.mp3",
      "an HTML page with a script",
      NOT_MEDIA,
      ascii("<!doctype html><html><body><script>alert(1)</script></body></html>\n"),
    ),
    m(
      "wrong-magic",
      "image.svg",
      "vector.wav",
      "an SVG with a script",
      NOT_MEDIA,
      ascii(
        '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>\n',
      ),
    ),
    m("wrong-magic", "data.json", "data.ogg", "JSON", NOT_MEDIA, ascii(JSON.stringify({ audio: false, items: Array.from({ length: 50 }, (_, i) => i) }))),
    m("wrong-magic", "archive.gz", "voice.flac", "a gzip stream", NOT_MEDIA, Buffer.from(gzipSync(ascii("x".repeat(5000)), { mtime: 0 }))),
    m(
      "wrong-magic",
      "db.sqlite",
      "memo.m4a",
      "an SQLite database header",
      NOT_MEDIA,
      Buffer.concat([ascii("SQLite format 3\0"), u16(4096), seededBytes(500, 11)]),
    ),
    m(
      "wrong-magic",
      "subtitles.srt",
      "talk.mp4",
      "subtitles, which ffmpeg can read but are no recording",
      NOT_MEDIA,
      ascii("1\n00:00:01,000 --> 00:00:02,000\nHello\n\n2\n00:00:03,000 --> 00:00:04,000\nWorld\n"),
    ),

    m(
      "polyglot",
      "poly-wav-zip.bin",
      "poly.wav",
      "a RIFF/WAVE header followed by a ZIP instead of chunks",
      CORRUPT,
      Buffer.concat([ascii("RIFF"), u32(4 + zip.length), ascii("WAVE"), zip]),
    ),
    m("polyglot", "poly-id3-pdf.bin", "poly.mp3", "an ID3 tag wrapping a PDF", CORRUPT, Buffer.concat([id3, pdf])),
    m("polyglot", "poly-ftyp-pdf.bin", "poly.mp4", "an MP4 ftyp box followed by a PDF", CORRUPT, Buffer.concat([ftyp, pdf])),
    m("polyglot", "gifar.bin", "gifar.mp3", "a GIF with a ZIP appended (GIFAR)", NOT_MEDIA, Buffer.concat([gif, zip])),
    m("polyglot", "pdf-then-wav.bin", "pdfwav.wav", "a PDF with a valid WAV appended", NOT_MEDIA, Buffer.concat([pdf, goodWav])),
    m("polyglot", "jpeg-zip.bin", "photo-zip.ogg", "a JPEG with a ZIP appended", NOT_MEDIA, Buffer.concat([jpeg, zip])),

    m("bomb", "zip-bomb.bin", "bomb.mp3", "64 MB of zeros deflated into a small ZIP", NOT_MEDIA, zipOfZeros("zeros.wav", 64 * 1024 * 1024)),
    m("bomb", "zip-declares-4gb.bin", "huge.wav", "a ZIP entry that declares 4 GB uncompressed", NOT_MEDIA, zipOfZeros("huge.wav", 1024 * 1024, 0xffffffff)),
    m(
      "bomb",
      "gzip-bomb.bin",
      "bomb.flac",
      "64 MB of zeros gzipped",
      NOT_MEDIA,
      Buffer.from(gzipSync(new Uint8Array(64 * 1024 * 1024), { level: 9, mtime: 0 })),
    ),

    m(
      "duration",
      "wav-100h.bin",
      "long.wav",
      "8 kHz 8-bit WAV whose data chunk declares 100 hours, 1 s present",
      TRUE_LENGTH,
      wav({ rate: 8000, bits: 8, data: Buffer.alloc(8000, 0x80), declaredData: 100 * 3600 * 8000 }),
    ),
    m(
      "duration",
      "wav-riff-max.bin",
      "max.wav",
      "WAV with RIFF and data sizes of 0xFFFFFFFF",
      TRUE_LENGTH,
      wav({ declaredData: 0xffffffff, riffSize: 0xffffffff }),
    ),
    m(
      "duration",
      "mp3-xing-100h.bin",
      "long.mp3",
      "an MP3 whose Xing header declares 100 hours of frames",
      TRUE_LENGTH,
      Buffer.concat([mp3Frame(Math.round((100 * 3600 * 44_100) / 1152)), ...Array.from({ length: 20 }, () => mp3Frame())]),
    ),

    m("sample-rate", "wav-rate-1.bin", "rate1.wav", "WAV at 1 sample per second", BAD_MEDIA, wav({ rate: 1, data: Buffer.alloc(64) })),
    m("sample-rate", "wav-rate-4g.bin", "rate4g.wav", "WAV at 4 billion samples per second", BAD_MEDIA, wav({ rate: 4_000_000_000, data: Buffer.alloc(3200) })),
    m("sample-rate", "wav-rate-0.bin", "rate0.wav", "WAV at 0 samples per second", BAD_MEDIA, wav({ rate: 0, data: Buffer.alloc(3200) })),
    m("sample-rate", "wav-channels-0.bin", "mono0.wav", "WAV with 0 channels", BAD_MEDIA, wav({ channels: 0 })),
    m("sample-rate", "wav-channels-65535.bin", "many.wav", "WAV with 65535 channels", BAD_MEDIA, wav({ channels: 65_535, data: Buffer.alloc(65_535 * 2) })),
    m("sample-rate", "wav-bits-0.bin", "bits0.wav", "WAV with 0 bits per sample", BAD_MEDIA, wav({ bits: 0 })),

    m("no-audio", "video-no-audio.mp4", "silent-film.mp4", "a video with no audio track", { outcome: "rejected", codes: ["media_no_audio"] }, silentVideo),

    m("random", "random-1k.bin", "noise.mp3", "1 KB of random bytes", BAD_MEDIA, seededBytes(1024, 1)),
    m("random", "random-64k.bin", "noise.wav", "64 KB of random bytes", BAD_MEDIA, seededBytes(64 * 1024, 2)),
    m(
      "random",
      "random-sync.bin",
      "sync.mp3",
      "random bytes after an MPEG frame sync",
      BAD_MEDIA,
      Buffer.concat([Buffer.from([0xff, 0xfb]), seededBytes(4096, 3)]),
    ),
    m(
      "random",
      "random-riff.bin",
      "riff.wav",
      "random bytes after a RIFF/WAVE header",
      BAD_MEDIA,
      Buffer.concat([ascii("RIFF"), u32(8192), ascii("WAVE"), seededBytes(8192, 4)]),
    ),

    m(
      "playlist",
      "hls-passwd.m3u8",
      "list.mp3",
      "an HLS playlist pointing at file:///etc/passwd",
      NOT_MEDIA,
      ascii("#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nfile:///etc/passwd\n#EXT-X-ENDLIST\n"),
    ),
    m(
      "playlist",
      "hls-local.m3u8",
      "local.wav",
      "an HLS playlist pointing at files next to the upload",
      NOT_MEDIA,
      ascii("#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\n../selenite.db\n#EXTINF:10,\n/etc/hostname\n#EXT-X-ENDLIST\n"),
    ),
    m(
      "playlist",
      "hls-network.m3u8",
      "net.m4a",
      "an HLS playlist pointing at a network address",
      NOT_MEDIA,
      ascii("#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nhttp://127.0.0.1:9/segment.ts\n#EXT-X-ENDLIST\n"),
    ),
    m(
      "playlist",
      "ffconcat.txt",
      "concat.wav",
      "an ffconcat script listing /etc/passwd",
      NOT_MEDIA,
      ascii("ffconcat version 1.0\nfile /etc/passwd\nfile ../selenite.db\n"),
    ),
    m("playlist", "concat-protocol.txt", "concat.mp3", "a concat: protocol URL as the whole file", NOT_MEDIA, ascii("concat:/etc/passwd|/etc/hosts\n")),
    m(
      "playlist",
      "session.sdp",
      "stream.mp3",
      "an SDP description of an RTP stream",
      NOT_MEDIA,
      ascii("v=0\no=- 0 0 IN IP4 127.0.0.1\ns=x\nc=IN IP4 127.0.0.1\nt=0 0\nm=audio 9 RTP/AVP 0\na=rtpmap:0 PCMU/8000\n"),
    ),
    m(
      "manifest",
      "dash-passwd.mpd",
      "meeting.wav",
      "a DASH manifest with no XML prolog whose BaseURL is /etc/passwd",
      REFUSED_FORMAT("dash"),
      dashManifest("file:///etc/passwd"),
    ),
    m(
      "manifest",
      "dash-sibling.mpd",
      "call.m4a",
      "a DASH manifest whose BaseURL is a file next to the upload",
      REFUSED_FORMAT("dash"),
      dashManifest("../selenite.db.mp4"),
    ),
    m(
      "manifest",
      "dash-network.mpd",
      "talk.mp3",
      "a DASH manifest whose BaseURL is a network address",
      REFUSED_FORMAT("dash"),
      dashManifest("http://127.0.0.1:9/a.mp4"),
    ),
    // ffmpeg 6 and later recognise this playlist and name it (refused by the allow-list);
    // Debian 12's ffmpeg 5.1 does not recognise it at all. Refused either way.
    m("manifest", "imf-cpl.xml", "film.mp4", "an IMF composition playlist, which reads track files named by an asset map", NOT_MEDIA, imfPlaylist),
    m("playlist", "m3u-plain.m3u", "mix.ogg", "a plain M3U list of local paths", NOT_MEDIA, ascii("#EXTM3U\n/etc/passwd\nfile:///etc/shadow\n")),
  ];
}

export function writeCorpus(outDir: string): CorpusEntry[] {
  fs.mkdirSync(outDir, { recursive: true });
  const entries: CorpusEntry[] = [];
  for (const { name, bytes, ...entry } of corpus()) {
    const dest = path.join(outDir, name);
    if (typeof bytes === "function") bytes(dest);
    else fs.writeFileSync(dest, bytes);
    entries.push({ file: name, ...entry });
  }
  fs.writeFileSync(path.join(outDir, "manifest.json"), `${JSON.stringify(entries, null, 2)}\n`);
  return entries;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { out: { type: "string" } } });
  const out = path.resolve(values.out ?? path.join(import.meta.dirname, "..", "..", "tests", "fixtures", "hostile"));
  const entries = writeCorpus(out);
  process.stdout.write(`${entries.length} hostile files written to ${out}\n`);
}

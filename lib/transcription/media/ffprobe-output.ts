// The slice of `ffprobe -print_format json -show_format -show_streams` we rely on,
// validated rather than cast: odd files produce odd JSON.
import { z } from "zod";

const numberish = z.union([z.string(), z.number()]).optional();

const StreamSchema = z.object({
  index: z.number().optional(),
  codec_type: z.string().optional(),
  codec_name: z.string().optional(),
  sample_rate: numberish,
  channels: z.number().optional(),
  duration: numberish,
  disposition: z.object({ attached_pic: z.number().optional(), still_image: z.number().optional() }).optional(),
  tags: z.record(z.string(), z.unknown()).optional(),
});

const OutputSchema = z.object({
  streams: z.array(StreamSchema).optional(),
  format: z
    .object({
      format_name: z.string().optional(),
      duration: numberish,
      size: numberish,
    })
    .optional(),
});

export type FfprobeStream = z.infer<typeof StreamSchema>;
export type FfprobeOutput = z.infer<typeof OutputSchema>;

export function parseFfprobeJson(stdout: string): FfprobeOutput | null {
  try {
    const parsed = OutputSchema.safeParse(JSON.parse(stdout));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Cover art in MP3/M4A/FLAC shows up as a one-frame "video" stream. */
export function isRealVideo(stream: FfprobeStream): boolean {
  if (stream.codec_type !== "video") return false;
  if (stream.disposition?.attached_pic === 1 || stream.disposition?.still_image === 1) return false;
  return stream.codec_name !== "ansi";
}

/** The stream ffmpeg decodes with `-map 0:a:0`: the first audio stream. */
export function firstAudio(streams: FfprobeStream[]): FfprobeStream | undefined {
  return streams.find((stream) => stream.codec_type === "audio");
}

/** Seconds from a stream's own duration, or Matroska's "DURATION" tag (HH:MM:SS.frac). */
export function streamSeconds(stream: FfprobeStream | undefined): number | null {
  if (!stream) return null;
  if (stream.duration !== undefined && stream.duration !== "N/A") return Number(stream.duration);
  const tag = stream.tags?.DURATION ?? stream.tags?.duration;
  const match = typeof tag === "string" ? /^(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(tag) : null;
  return match ? Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]) : null;
}

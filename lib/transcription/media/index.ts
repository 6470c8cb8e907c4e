// The media layer's public surface: the engine imports from here.
export { resolveFfmpeg, clearFfmpegCache } from "./locate";
export type { FfmpegBinaries } from "./locate";
export { probeMedia } from "./probe";
export type { AudioStreamInfo, MediaInfo, ProbeOptions } from "./probe";
export { measureDuration } from "./duration";
export { openPcmReader, PcmWindowReader } from "./decode";
export type { DecodeOptions } from "./decode";
export { decodeWindows, decodeAll } from "./windows";
export type { DecodedClip, DecodeSummary, PcmWindow, WindowOptions } from "./windows";
export { TARGET_SAMPLE_RATE } from "./types";
export type { MediaToolOptions, MediaWarning, MediaWarningCode } from "./types";

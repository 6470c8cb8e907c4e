// The media layer's public surface: the engine imports from here.
export { resolveFfmpeg } from "./locate";
export { probeMedia } from "./probe";
export type { MediaInfo } from "./probe";
export { measureDuration } from "./duration";
export { openPcmReader, type PcmWindowReader } from "./decode";
export { decodeAll } from "./windows";
export type { MediaToolOptions, MediaWarning } from "./types";

// Whisper's fixed numbers, in one place. A checkpoint's own config may say otherwise
// for positions and frames (whisper-spec.ts reads them); these are the defaults and
// the values the audio front end is built around. No imports: the media code and the
// engine both use them.

/** Whisper hears 16 kHz mono. */
export const SAMPLE_RATE = 16_000;
/** One window of audio, in seconds and samples. */
export const WINDOW_SECONDS = 30;
export const WINDOW_SAMPLES = WINDOW_SECONDS * SAMPLE_RATE;
/** Samples between two mel frames (10 ms). */
export const HOP_LENGTH = 160;
/** Mel frames per window (30 s / 10 ms). */
export const MEL_FRAMES = WINDOW_SAMPLES / HOP_LENGTH;
/** Encoder frames per window (the encoder halves the mel frames): 20 ms each. */
export const ENCODER_FRAMES = MEL_FRAMES / 2;
/** One timestamp step = one encoder frame = 20 ms, in samples and seconds. */
export const SAMPLES_PER_TIMESTAMP = 2 * HOP_LENGTH;
export const TIMESTAMP_SEC = SAMPLES_PER_TIMESTAMP / SAMPLE_RATE;
/** The decoder's positions (prompt + generated tokens). */
export const MAX_TARGET_POSITIONS = 448;
/** Whisper's own cap on new tokens per window (half the decoder's positions). */
export const MAX_NEW_TOKENS = MAX_TARGET_POSITIONS / 2;
/** Tokens of previous text after <|startofprev|>: OpenAI's n_text_ctx // 2 - 1. */
export const CONDITIONING_TOKENS = MAX_TARGET_POSITIONS / 2 - 1;
/** Median filter over the alignment heads' attention (OpenAI's timing.py). */
export const MEDIAN_FILTER_WIDTH = 7;

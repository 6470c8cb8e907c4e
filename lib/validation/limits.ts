// Limits that forms show as well as check. No zod here: client components import
// this file, and zod 4 probes for eval() on load, which the nonce CSP refuses
// (tests/e2e/csp.spec.ts reports it as a violation).

/** Beams searched per token (lib/transcription/beam.ts); 1 = greedy. */
export const MAX_BEAM_SIZE = 10;

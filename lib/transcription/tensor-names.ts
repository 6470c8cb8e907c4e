// The input and output names of Whisper's ONNX graphs as optimum exports them (and
// scripts/gen/test-model writes them), in one place: the sessions, the decoder loop and
// the graph rewrites must agree on every one.

/** Encoder input: log-mel features [1, mels, 3000]. */
export const INPUT_FEATURES = "input_features";
/** Encoder output: [1, 1500, d_model]. */
export const LAST_HIDDEN_STATE = "last_hidden_state";
/** Decoder inputs. */
export const INPUT_IDS = "input_ids";
export const ENCODER_HIDDEN_STATES = "encoder_hidden_states";
/** The merged decoder's switch between its first call and the cached steps. */
export const USE_CACHE_BRANCH = "use_cache_branch";
/** Decoder output: [1, positions, vocab]. */
export const LOGITS = "logits";

export type CacheSide = "decoder" | "encoder";
export const CACHE_KINDS = ["key", "value"] as const;
export type CacheKind = (typeof CACHE_KINDS)[number];

/** Cache fed back in: `past_key_values.<layer>.<decoder|encoder>.<key|value>`. */
export const pastName = (layer: number, side: CacheSide, kind: CacheKind) => `past_key_values.${layer}.${side}.${kind}`;
/** Cache coming out: `present.<layer>.<decoder|encoder>.<key|value>`. */
export const presentName = (layer: number, side: CacheSide, kind: CacheKind) => `present.${layer}.${side}.${kind}`;
/** The past input a present output feeds on the next call. */
export const pastOf = (present: string) => present.replace(/^present\./, "past_key_values.");
/** A cross-attention key/value output (what the split decoder's "project" graph keeps). */
export const isCrossPresent = (name: string) => /^present\.\d+\.encoder\.(key|value)$/.test(name);
/** Cross-attention weights of one decoder layer (word timestamps). */
export const crossAttentionName = (layer: number) => `cross_attentions.${layer}`;

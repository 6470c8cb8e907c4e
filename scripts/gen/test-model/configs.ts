// config.json, generation_config.json and preprocessor_config.json, shaped like the
// files of openai/whisper-* as converted for transformers.js.
import type { ModelDims } from "./params";
import type { Vocab } from "./vocab";

export interface ConfigInfo {
  dims: ModelDims;
  vocab: Vocab;
  englishOnly: boolean;
  alignmentHeads: [number, number][];
  /** Recorded in config.json so tools can tell a generated model from a real one. */
  origin: Record<string, unknown>;
}

/** Byte symbols Whisper never emits (its "non-speech" set), plus task/control tokens. */
function suppressTokens(vocab: Vocab): number[] {
  const symbols = '"#()*+/:;<=>@[\\]^_`{|}~';
  const ids = [...symbols].map((c) => vocab.text.indexOf(c)).filter((id) => id >= 0);
  const { translate, transcribe, startOfLm, startOfPrev, noCaptions } = vocab.ids;
  return [...ids.sort((a, b) => a - b), translate, transcribe, startOfLm, startOfPrev, noCaptions];
}

export function modelConfigJson(info: ConfigInfo): object {
  const { dims, vocab } = info;
  const eot = vocab.ids.endOfText;
  return {
    _name_or_path: info.origin.name,
    activation_dropout: 0.0,
    activation_function: "gelu",
    apply_spec_augment: false,
    architectures: ["WhisperForConditionalGeneration"],
    attention_dropout: 0.0,
    begin_suppress_tokens: [vocab.ids.space, eot],
    bos_token_id: eot,
    classifier_proj_size: 256,
    d_model: dims.dModel,
    decoder_attention_heads: dims.heads,
    decoder_ffn_dim: dims.ffn,
    decoder_layerdrop: 0.0,
    decoder_layers: dims.decoderLayers,
    decoder_start_token_id: vocab.ids.startOfTranscript,
    dropout: 0.0,
    encoder_attention_heads: dims.heads,
    encoder_ffn_dim: dims.ffn,
    encoder_layerdrop: 0.0,
    encoder_layers: dims.encoderLayers,
    eos_token_id: eot,
    forced_decoder_ids: null,
    init_std: 0.02,
    is_encoder_decoder: true,
    max_length: dims.maxTargetPositions,
    max_source_positions: dims.maxSourcePositions,
    max_target_positions: dims.maxTargetPositions,
    median_filter_width: 7,
    model_type: "whisper",
    num_hidden_layers: dims.encoderLayers,
    num_mel_bins: dims.nMels,
    pad_token_id: eot,
    scale_embedding: false,
    suppress_tokens: suppressTokens(vocab),
    torch_dtype: "float32",
    use_cache: true,
    use_weighted_layer_sum: false,
    vocab_size: dims.vocabSize,
    selenite_test_model: info.origin,
  };
}

export function generationConfigJson(info: ConfigInfo): object {
  const { dims, vocab } = info;
  const eot = vocab.ids.endOfText;
  const multilingual = info.englishOnly
    ? {}
    : {
        lang_to_id: vocab.languageIds,
        task_to_id: { translate: vocab.ids.translate, transcribe: vocab.ids.transcribe },
      };
  return {
    alignment_heads: info.alignmentHeads,
    begin_suppress_tokens: [vocab.ids.space, eot],
    bos_token_id: eot,
    decoder_start_token_id: vocab.ids.startOfTranscript,
    eos_token_id: eot,
    forced_decoder_ids: null,
    is_multilingual: !info.englishOnly,
    ...multilingual,
    max_initial_timestamp_index: 50,
    max_length: dims.maxTargetPositions,
    no_timestamps_token_id: vocab.ids.noTimestamps,
    pad_token_id: eot,
    prev_sot_token_id: vocab.ids.startOfPrev,
    return_timestamps: false,
    suppress_tokens: suppressTokens(vocab),
  };
}

export function preprocessorConfigJson(dims: ModelDims): object {
  return {
    chunk_length: 30,
    feature_extractor_type: "WhisperFeatureExtractor",
    feature_size: dims.nMels,
    hop_length: 160,
    n_fft: 400,
    n_samples: 480000,
    nb_max_frames: 3000,
    padding_side: "right",
    padding_value: 0.0,
    processor_class: "WhisperProcessor",
    return_attention_mask: false,
    sampling_rate: 16000,
  };
}

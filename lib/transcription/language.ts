// Spoken-language detection, which transformers.js leaves out (it falls back to
// English): one decoder step on <|startoftranscript|> over the first window's
// encoder output, then a softmax over the language tokens' logits alone, as
// OpenAI's detect_language() does.
import { DecoderState } from "./decoder-state";
import { softmaxOver } from "./token-picker";
import type { LoadedWhisper } from "./whisper-model";
import type { OrtTensor } from "./ort";

export interface DetectedLanguage {
  language: string;
  probability: number;
  /** Every candidate, most likely first (for logs and tests). */
  ranking: { language: string; probability: number }[];
}

export async function detectLanguage(model: LoadedWhisper, encoderStates: OrtTensor): Promise<DetectedLanguage> {
  const codes = [...model.spec.languages.keys()];
  const ids = codes.map((code) => model.spec.languages.get(code) ?? -1);
  const state = new DecoderState(model.decoder, { ...model.layout, attentionLayers: [] }, encoderStates);
  try {
    const { logits } = await state.feed([model.spec.startOfTranscript]);
    const probabilities = softmaxOver(logits, ids);
    const ranking = codes.map((language, i) => ({ language, probability: probabilities[i] })).sort((a, b) => b.probability - a.probability);
    return { language: ranking[0].language, probability: ranking[0].probability, ranking };
  } finally {
    state.release();
  }
}

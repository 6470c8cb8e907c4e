// Model names become folder names under MODELS_DIR and arrive from forms, the API and
// the CLI, so one strict rule keeps them from ever naming a path outside that folder.
import { SeleniteError } from "../errors";

// Letters, digits, dot, underscore, dash; no leading dot, which rules out ".", "..",
// hidden folders and our own ".partial-*" download folders in one go.
const MODEL_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;
const MAX_NAME_LENGTH = 100;

export function isValidModelName(name: string): boolean {
  return name.length <= MAX_NAME_LENGTH && MODEL_NAME.test(name);
}

export function assertValidModelName(name: string): void {
  if (!isValidModelName(name)) {
    throw new SeleniteError(
      "bad_request",
      `'${name}' is not a valid model name: use letters, digits, '.', '_' and '-' (at most ${MAX_NAME_LENGTH}), not starting with a dot.`,
    );
  }
}

/** Where an unfinished download of `name` lives; a dot-folder, so scans skip it. */
export function partialDirName(name: string): string {
  return `.partial-${name}`;
}

export const PARTIAL_PREFIX = ".partial-";

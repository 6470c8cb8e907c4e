// Messages for the ways a pull fails, written for the person at the terminal or on
// the models page: what went wrong and what to do about it.
import { SeleniteError } from "../errors";
import type { Dtype } from "./dtypes";

export function missingMessage(host: string, repo: string, revision: string, dtype: Dtype, file: string): string {
  if (file === "config.json") return `No such model on the host: ${host} has no ${repo} at revision '${revision}'.`;
  if (file.startsWith("onnx/") && file.endsWith(".onnx")) {
    return `${repo} has no ${file} at revision '${revision}': the host does not offer dtype '${dtype}' for it. Try --dtype q8 or --dtype fp32.`;
  }
  return `${repo} has no ${file} at revision '${revision}', so it is not in the transformers.js layout Selenite needs.`;
}

export function diskError(error: NodeJS.ErrnoException, dir: string): SeleniteError {
  if (error.code === "ENOSPC" || error.code === "EDQUOT") {
    return new SeleniteError("insufficient_storage", `Not enough disk space in ${dir} for this model.`, { cause: error });
  }
  if (error.code === "EACCES" || error.code === "EPERM" || error.code === "EROFS") {
    return new SeleniteError("internal", `Cannot write to ${dir}: permission denied (${error.code}).`, { cause: error });
  }
  if (error.syscall === "mkdir" && (error.code === "EEXIST" || error.code === "ENOTDIR")) {
    return new SeleniteError("internal", `The models folder ${dir} is a file, not a folder.`, { cause: error });
  }
  return new SeleniteError("internal", `Disk error in ${dir}: ${error.message}`, { cause: error });
}

// The extension proves nothing: the first bytes say what a file is. Known media
// goes on to ffprobe; known non-media (documents, images, archives, executables) is
// refused at once; unknown bytes are left to ffprobe, which knows more containers.
import { fileTypeFromFile } from "file-type";
import { SeleniteError } from "@/lib/errors";

const MEDIA_MIME = /^(audio|video)\//;
const MEDIA_EXTRA = new Set(["application/ogg", "application/x-matroska", "application/vnd.ms-asf", "application/mp4"]);

export type Sniffed = { mime: string | null; ext: string | null };

export async function sniffMedia(file: string): Promise<Sniffed> {
  const type = await fileTypeFromFile(file).catch(() => undefined);
  if (!type) return { mime: null, ext: null };
  if (MEDIA_MIME.test(type.mime) || MEDIA_EXTRA.has(type.mime)) return { mime: type.mime, ext: type.ext };
  throw new SeleniteError("media_not_media", `This file is not audio or video (it looks like a ${type.ext.toUpperCase()} file).`);
}

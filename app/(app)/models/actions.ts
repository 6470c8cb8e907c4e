"use server";

// The Models page's buttons: the same lib/models/service functions the REST routes and the CLI call.
import { cancelModelDownload, deleteModel, startModelDownload } from "@/lib/models/service";
import { authAction } from "@/lib/http/action";
import { modelDownloadSchema, modelRefSchema } from "@/lib/validation/models";

const pages = ["/models", "/"];

export const downloadModelAction = authAction(modelDownloadSchema, (input, { user }) => startModelDownload({ userId: user.id }, input), {
  what: "Starting the download",
  revalidate: pages,
});

export const cancelDownloadAction = authAction(modelRefSchema, ({ name }, { user }) => cancelModelDownload({ userId: user.id }, name), {
  what: "Cancelling the download",
  revalidate: pages,
  message: "Download stopped. Download it again to resume where it stopped.",
});

export const deleteModelAction = authAction(modelRefSchema, ({ name }, { user }) => deleteModel({ userId: user.id }, name), {
  what: "Deleting the model",
  revalidate: pages,
  message: "Model deleted.",
});

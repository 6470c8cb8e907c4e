// POST /v1/audio/translations - OpenAI-compatible translation into English (multipart "file"; docs/api.md)
import { withUser } from "@/lib/http/api";
import { openAiErrorResponse } from "@/lib/integrations/openai-compat/errors";
import { openAiTranscribe } from "@/lib/integrations/openai-compat/service";

export const dynamic = "force-dynamic";

export const POST = withUser(async (request, { user }) => openAiTranscribe(request, user, "translate"), { errors: openAiErrorResponse });

// GET /v1/models - OpenAI-compatible list of the installed models, plus whisper-1 (the default model)
import { NextResponse } from "next/server";
import { withUser } from "@/lib/http/api";
import { openAiErrorResponse } from "@/lib/integrations/openai-compat/errors";
import { listOpenAiModels } from "@/lib/integrations/openai-compat/models";

export const dynamic = "force-dynamic";

export const GET = withUser(async () => NextResponse.json(await listOpenAiModels()), { errors: openAiErrorResponse });

// POST /compat/:token/detect-language - whisper-asr-webservice-compatible language detection (docs/api.md)
import { queryOf, withPathToken } from "@/lib/http/api";
import { asrErrorResponse } from "@/lib/integrations/asr-compat/errors";
import { asrDetectLanguage } from "@/lib/integrations/asr-compat/service";

export const dynamic = "force-dynamic";

export const POST = withPathToken(async (request, { user }) => asrDetectLanguage(request, user, queryOf(request)), { errors: asrErrorResponse });

// POST /compat/:token/asr - whisper-asr-webservice-compatible transcription for Bazarr and the like (docs/api.md)
import { queryOf, withPathToken } from "@/lib/http/api";
import { asrErrorResponse } from "@/lib/integrations/asr-compat/errors";
import { asrTranscribe } from "@/lib/integrations/asr-compat/service";

export const dynamic = "force-dynamic";

export const POST = withPathToken(async (request, { user }) => asrTranscribe(request, user, queryOf(request)), { errors: asrErrorResponse });

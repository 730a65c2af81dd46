import { serve } from "../_shared/serve.ts";
import { handler, requires } from "./handler.ts";

serve("email-worker", handler, requires);

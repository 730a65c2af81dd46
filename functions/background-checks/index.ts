import { serve } from "../_shared/serve.ts";
import { handler, maxBodyBytes, requires } from "./handler.ts";

serve("background-checks", handler, requires, { maxBodyBytes });

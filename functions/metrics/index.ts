import { serve } from "../_shared/serve.ts";
import { handler, maxBodyBytes, requires } from "./handler.ts";

serve("metrics", handler, requires, { maxBodyBytes });
